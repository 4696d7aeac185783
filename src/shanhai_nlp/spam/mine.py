"""Mine a crawl's own spam vocabulary: strings that recur across documents where their removal
joins their neighbours (``shanhai spam mine``).

SEO injection is templated: a site puts the same few strings into many pages at random places,
often inside words (幫|包養網|扶). One page shows one occurrence; a crawl shows the pattern. Pass
one reads every record and, per document, every stretch of 2 to 10 letters whose removal joins
its neighbours into a common word or a number while its edges break no word (the junction test
of the learned detector's features, :func:`junction_stretches`). A string counts once per
document; its evidence is how many documents and groups (sites) hold it at such a junction,
how many hold it at all, and how varied its neighbours are (an injected token lands anywhere;
a word of the language has favourite neighbours). Each partition keeps the strings it saw at
junctions in at least two documents (bounded memory), the partitions' counts are added up, and
the strings are ranked into ``VOCAB.tsv``, a table a person can read and edit. Pass two is
``clean-corpus --mined VOCAB.tsv``: the confident rows become one more lexicon family whose hits
``auto`` confirms per document as it confirms its own.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from shanhai_nlp.document.io import read_text, write_text_atomic
from shanhai_nlp.errors import InputFileError, ShanhaiError
from shanhai_nlp.spam.base import batched
from shanhai_nlp.spam.inputs import Partition, find_inputs, plan_partitions, read_records
from shanhai_nlp.spam.junctions import BOND_ZIPF, stretch_joins
from shanhai_nlp.text.script import code_points, simplify_chars, simplify_codes

#: lengths of the stretches tried
MIN_LENGTH, MAX_LENGTH = 2, 10
LENGTHS = range(MIN_LENGTH, MAX_LENGTH + 1)
#: a partition keeps the strings it saw at a junction in this many documents
PARTITION_MIN_DOCS = 2
#: documents whose junctions are found in one array pass
BATCH_DOCS = 256
#: neighbours kept per string to measure their diversity (bounded memory)
NEIGHBOURS_KEPT = 64
#: the columns of VOCAB.tsv
COLUMNS = (
    "string",
    "score",
    "join_docs",
    "docs",
    "groups",
    "left_diversity",
    "right_diversity",
    "where",
    "example_1",
    "example_2",
)
#: rows at least this confident are used by ``clean-corpus --mined`` (chosen on the bench's
#: synthetic crawl: its injected templates score above 6, the language's strings below 1.1)
CONFIDENT_SCORE = 2.0


def junction_stretches(text: str) -> list[tuple[int, int]]:
    """Every stretch of 2 to 10 letters (CJK or Latin) whose removal joins its neighbours into a
    common two-character word (Zipf ≥ 3) or a number, and whose edges split no such word.

    Example:
        >>> text = "不斷拓展幫包養網扶領域"
        >>> "包養網" in [text[s:e] for s, e in junction_stretches(text)]
        True
    """
    return junction_stretches_many([text])[0]


def junction_stretches_many(texts: Sequence[str]) -> list[list[tuple[int, int]]]:
    """:func:`junction_stretches` of each text, computed on all of them at once (joined by line
    breaks, across which no stretch or join reaches)."""
    joined = "\n" + "\n".join(texts) + "\n"
    starts = np.cumsum([1, *(len(t) + 1 for t in texts)])  # where each text begins
    raw = code_points(joined)
    found_starts, found_lengths = [], []
    for length, at, word, number in stretch_joins(raw, simplify_codes(raw), LENGTHS):
        hits = at[(word >= BOND_ZIPF) | number]
        found_starts.append(hits)
        found_lengths.append(np.full(hits.size, length))
    at = np.concatenate(found_starts)
    lengths = np.concatenate(found_lengths)
    order = np.lexsort((lengths, at))
    at, lengths = at[order], lengths[order]
    doc = np.searchsorted(starts, at, side="right") - 1
    out: list[list[tuple[int, int]]] = [[] for _ in texts]
    for k, start, length in zip(doc.tolist(), at.tolist(), lengths.tolist(), strict=True):
        local = start - int(starts[k])
        out[k].append((local, local + length))
    return out


#: a line of its own this short may be an injected token (longer ones are text)
OWN_LINE_CHARS = 20
#: a line this long may end in a glued token (a title, a headline)
GLUED_LINE_CHARS = 8
_LETTERS = "\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9"
_LETTERS_RE = re.compile(f"[{_LETTERS}]+")
_TAIL_RE = re.compile(f"[{_LETTERS}]+$")
_LINE_RE = re.compile("[^\n]+")


def line_stretches(text: str) -> list[tuple[int, int, str, str, str]]:
    r"""Stretches a token takes when it is glued to the end of a line (a title) or stands on a
    line of its own: (start, end, where, the character before, the first character of the
    next line). ``where`` is ``line_end`` or ``own_line``.

    Example:
        >>> text = "今日新聞標題鴻運國際\n正文\n鴻運國際\n"
        >>> found = [(text[s:e], w) for s, e, w, _b, _a in line_stretches(text)]
        >>> ("鴻運國際", "own_line") in found, ("鴻運國際", "line_end") in found
        (True, True)
    """
    lines = [
        (m.start() + len(m.group()) - len(m.group().lstrip()), m.group().strip())
        for m in _LINE_RE.finditer(text)
    ]
    lines = [(start, body) for start, body in lines if body]
    out = []
    for k, (start, body) in enumerate(lines):
        end = start + len(body)
        before = lines[k - 1][1][-1] if k else ""
        after = lines[k + 1][1][0] if k + 1 < len(lines) else ""
        if len(body) <= OWN_LINE_CHARS and _LETTERS_RE.fullmatch(body):
            out.append((start, end, "own_line", before, after))
        run = _TAIL_RE.search(body) if len(body) >= GLUED_LINE_CHARS else None
        if run is None:
            continue
        # the line's last letters: a token glued to it leaves at least one letter before it
        for length in range(MIN_LENGTH, min(MAX_LENGTH, len(run.group()) - 1) + 1):
            out.append((end - length, end, "line_end", text[end - length - 1], after))
    return out


def fold(text: str) -> str:
    """The Simplified, lower-cased form strings are counted under (both scripts together)."""
    return simplify_chars(text).lower()


@dataclass(slots=True)
class Evidence:
    """What the crawl shows of one string."""

    join_docs: int = 0
    docs: int = 0
    groups: set[str] = field(default_factory=set)
    #: left neighbours (the first :data:`NEIGHBOURS_KEPT` distinct) and in how many documents
    lefts: dict[str, int] = field(default_factory=dict)
    rights: set[str] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)
    #: documents per place the evidence was seen: inside a word, glued to a line's end, alone
    where: dict[str, int] = field(default_factory=dict)

    def add(self, other: Evidence) -> None:
        for kind, n in other.where.items():
            self.where[kind] = self.where.get(kind, 0) + n
        self.join_docs += other.join_docs
        self.docs += other.docs
        self.groups |= other.groups
        new = set(sorted(other.lefts)[: max(0, NEIGHBOURS_KEPT - len(self.lefts))])
        for left, n in other.lefts.items():
            if left in self.lefts or left in new:
                self.lefts[left] = self.lefts.get(left, 0) + n
        self.rights |= set(sorted(other.rights)[: max(0, NEIGHBOURS_KEPT - len(self.rights))])
        self.examples.extend(other.examples[: 2 - len(self.examples)])


@dataclass(frozen=True, slots=True)
class MineSettings:
    text_field: str = "text"
    group_field: str | None = None  # a site or URL field (a URL counts by its host)


def group_of(record: dict[str, Any], settings: MineSettings) -> str:
    """The record's group: its ``group_field`` (the host of a URL), else one group for all."""
    if settings.group_field is None:
        return ""
    value = str(record.get(settings.group_field, ""))
    host = urlsplit(value).hostname if "://" in value else None
    return host or value


def mine_partition(part: Partition, settings: MineSettings) -> dict[str, Evidence]:
    """Pass one over one partition: the strings seen with evidence (a junction, a line's end, a
    line of their own) in at least :data:`PARTITION_MIN_DOCS` documents, with that evidence
    (``Evidence.join_docs`` counts the documents of every kind)."""
    import ahocorasick

    found: dict[str, Evidence] = {}
    texts: list[tuple[str, str]] = []  # (folded text, group) of every usable record
    usable = (
        (record[settings.text_field], group_of(record, settings))
        for _line, record, _reason, _size in read_records(part)
        # clean-corpus reports the records it cannot read; mining skips them
        if record is not None and isinstance(record.get(settings.text_field), str)
    )
    for batch in batched(usable, BATCH_DOCS):
        junctions = junction_stretches_many([text for text, _group in batch])
        for (text, group), stretches in zip(batch, junctions, strict=True):
            folded = fold(text)
            texts.append((folded, group))
            _add_document(found, text, folded, group, stretches)
    kept = {s: ev for s, ev in found.items() if ev.join_docs >= PARTITION_MIN_DOCS}
    if kept:  # how many documents hold each kept string at all
        automaton = ahocorasick.Automaton()
        for string in kept:
            automaton.add_word(string, string)
        automaton.make_automaton()
        for folded, _group in texts:
            for string in {value for _end, value in automaton.iter(folded)}:
                kept[string].docs += 1
    return kept


def _add_document(
    found: dict[str, Evidence],
    text: str,
    folded: str,
    group: str,
    junctions: list[tuple[int, int]],
) -> None:
    """One document's evidence added to ``found`` (a string counts once per document)."""
    stretches = [
        (start, end, "junction", folded[start - 1], folded[end]) for start, end in junctions
    ]
    stretches += line_stretches(folded)  # a letter folds to a letter: the same stretches
    seen: set[str] = set()
    for start, end, where, before, after in stretches:
        string = folded[start:end]
        if string in seen:
            continue
        seen.add(string)
        ev = found.setdefault(string, Evidence())
        ev.join_docs += 1
        ev.where[where] = ev.where.get(where, 0) + 1
        ev.groups.add(group)
        if len(ev.lefts) < NEIGHBOURS_KEPT or before in ev.lefts:
            ev.lefts[before] = ev.lefts.get(before, 0) + 1
        if len(ev.rights) < NEIGHBOURS_KEPT:  # each side fills on its own
            ev.rights.add(after)
        if len(ev.examples) < 2:
            ev.examples.append(text[max(0, start - 8) : end + 8].replace("\n", " "))


def merge(results: Iterable[dict[str, Evidence]]) -> dict[str, Evidence]:
    """The partitions' evidence added up."""
    total: dict[str, Evidence] = {}
    for result in results:
        for string, ev in result.items():
            total.setdefault(string, Evidence()).add(ev)
    return total


def score(ev: Evidence, *, inside: int = 0) -> float:
    """How sure the evidence makes an injection: documents holding the string at a junction
    (or glued to a line's end, or on a line of its own), times the share of its documents that
    do (a word of the language is mostly read in place), times the diversity of its neighbours
    (0 to 1; at a line's end, of what it is glued to). ``inside``: documents that hold it
    inside a confident longer string, which are that string's evidence and not counted here.

    Example:
        >>> varied = set("abcdefghijklmnopqrstuvwxyz0123")
        >>> injected = Evidence(30, 32, lefts=dict.fromkeys(varied, 1), rights=varied)
        >>> language = Evidence(30, 900, lefts={"a": 15, "b": 15}, rights=set("cd"))
        >>> score(injected) > 2.0 > score(language)
        True
        >>> # 60 of its 90 documents hold it inside a confident 万利棋牌官网
        >>> nested = Evidence(30, 90, lefts=dict.fromkeys(varied, 1), rights=varied)
        >>> score(nested) < 2.0 < score(nested, inside=60)
        True
    """
    if not ev.docs:
        return 0.0
    share = min(1.0, ev.join_docs / max(ev.docs - inside, 1))
    varied = len(ev.lefts)
    line_end = bool(ev.where) and max(ev.where, key=ev.where.__getitem__) == "line_end"
    if not line_end:
        varied = min(varied, len(ev.rights))  # a line's end has a line break on its right
    diversity = varied / min(ev.join_docs, NEIGHBOURS_KEPT)
    if line_end:  # the same ending after the same character on most pages is boilerplate
        diversity = min(diversity, 1 - max(ev.lefts.values(), default=0) / ev.join_docs)
    return round(math.log2(1 + ev.join_docs) * share**2 * diversity, 4)


def inner_strings(string: str) -> set[str]:
    """The strings of at least :data:`MIN_LENGTH` characters inside ``string``, itself left out.

    Example:
        >>> sorted(inner_strings("包养网"))
        ['养网', '包养']
    """
    n = len(string)
    return {string[a:b] for a in range(n) for b in range(a + MIN_LENGTH, n + 1)} - {string}


def inside_confident(evidence: dict[str, Evidence], scores: dict[str, float]) -> dict[str, int]:
    """For each string inside confident longer ones, the documents those hold: each of them
    holds the string too, inside the longer one (万利棋牌 in the pages of a site that injects
    万利棋牌官网, while another site injects 万利棋牌 itself)."""
    out: dict[str, int] = {}
    for outer, ev in evidence.items():
        if scores[outer] < CONFIDENT_SCORE:
            continue
        for string in inner_strings(outer) & evidence.keys():
            out[string] = out.get(string, 0) + ev.docs
    return out


def rank(evidence: dict[str, Evidence], *, min_join_docs: int = 3) -> list[dict[str, Any]]:
    """VOCAB rows, best first. A string's documents that hold it inside a confident longer
    string do not count against it (:func:`inside_confident`). A string inside a longer one of
    almost as many evidence documents and at least its score is left out when few of its pages
    hold it anywhere else (包养 inside 包养网, not 万利棋牌 beside another site's 万利棋牌入口),
    and so is one character beside a string of at least twice its documents and its score
    (的 + 鸿运国际)."""
    scores = {string: score(ev) for string, ev in evidence.items()}
    for string, n in inside_confident(evidence, scores).items():
        scores[string] = score(evidence[string], inside=n)
    covered: set[str] = set()
    for other, oev in evidence.items():
        for inner in inner_strings(other) & evidence.keys():
            iev = evidence[inner]
            if (
                oev.join_docs >= 0.8 * iev.join_docs
                and scores[other] >= scores[inner]
                and iev.docs - oev.docs < iev.join_docs  # ... and no pages of its own
            ):
                covered.add(inner)
    for string, ev in evidence.items():
        # one more character beside a far more frequent string (的 + 鸿运国际) is that string
        # and a chance neighbour
        for inner in (string[1:], string[:-1]):
            core = evidence.get(inner)
            if (
                len(inner) >= MIN_LENGTH
                and core is not None
                and core.join_docs >= 2 * ev.join_docs
                and scores[inner] >= scores[string]
            ):
                covered.add(string)
    rows: list[dict[str, Any]] = []
    for string, ev in evidence.items():
        if ev.join_docs < min_join_docs or string in covered:
            continue
        rows.append(
            {
                "string": string,
                "score": scores[string],
                "join_docs": ev.join_docs,
                "docs": ev.docs,
                "groups": len(ev.groups),
                "left_diversity": len(ev.lefts),
                "right_diversity": len(ev.rights),
                "where": max(ev.where, key=lambda k: ev.where[k]) if ev.where else "",
                "example_1": ev.examples[0] if ev.examples else "",
                "example_2": ev.examples[1] if len(ev.examples) > 1 else "",
            }
        )
    rows.sort(key=lambda r: (-r["score"], -r["join_docs"], r["string"]))
    return rows


def mine(
    inputs: Sequence[str | Path],
    out: str | Path,
    *,
    settings: MineSettings | None = None,
    workers: int = 1,
    backend: str = "local",
    scheduler: str | None = None,
) -> list[dict[str, Any]]:
    """Pass one over a crawl; writes ``out`` (VOCAB.tsv) and returns its rows. The partitions
    run :func:`mine_partition` in this process, a local process pool, or on Dask (a local
    cluster of ``workers``, or the ``scheduler`` at an address); the results are the same."""
    settings = settings or MineSettings()
    parts = plan_partitions(find_inputs(inputs))
    # each partition's evidence is added to the total as it arrives, in partition order (the
    # merge keeps the first neighbours and examples: the order makes the table the same)
    if backend == "dask":
        evidence = _on_dask(parts, settings, workers=workers, scheduler=scheduler)
    elif backend != "local":
        raise ShanhaiError(f"unknown backend {backend!r}; choose local or dask")
    elif workers <= 1:
        evidence = merge(mine_partition(part, settings) for part in parts)
    else:
        from shanhai_nlp.spam.stream import worker_pool

        with worker_pool(workers) as pool:
            evidence = merge(pool.map(mine_partition, parts, [settings] * len(parts)))
    rows = rank(evidence)
    write_vocab(rows, out)
    return rows


def _on_dask(
    parts: list[Partition], settings: MineSettings, *, workers: int, scheduler: str | None
) -> dict[str, Evidence]:
    """Every partition mined on a Dask cluster, merged in partition order."""
    from shanhai_nlp.spam.stream import dask_client

    with dask_client(workers=workers, scheduler=scheduler) as client:
        futures = client.map(mine_partition, parts, settings=settings, pure=False)
        return merge(_in_order(futures))


def _in_order(futures: list[Any]) -> Iterator[dict[str, Evidence]]:
    """The futures' results in order, each released once read (the cluster keeps no copy)."""
    for future in futures:
        result: dict[str, Evidence] = future.result()
        future.release()
        yield result


def write_vocab(rows: Sequence[dict[str, Any]], path: str | Path) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_text_atomic(path, buffer.getvalue())


_CONTROL_RE = re.compile(r"[\x00-\x1f]")


def read_vocab(path: str | Path, *, min_score: float = CONFIDENT_SCORE) -> list[str]:
    """The strings of a VOCAB.tsv at least ``min_score`` confident (a person may have edited
    it: a missing column, a score that is no number or an empty string is one
    :class:`~shanhai_nlp.errors.InputFileError` naming the row)."""
    text = read_text(path)
    reader = csv.DictReader(io.StringIO(text), delimiter="\t")
    missing = [c for c in ("string", "score") if c not in (reader.fieldnames or [])]
    if missing:
        raise InputFileError(path, f"row 1: no {missing[0]!r} column (a VOCAB.tsv header)")
    strings = []
    for row_number, row in enumerate(reader, start=2):
        string = (row.get("string") or "").strip()
        if not string or _CONTROL_RE.search(string):
            raise InputFileError(path, f"row {row_number}: an empty or unreadable string")
        try:
            value = float(row.get("score") or "")
        except ValueError:
            raise InputFileError(
                path, f"row {row_number}: score {row.get('score')!r} is not a number"
            ) from None
        if value >= min_score:
            strings.append(string)
    if not strings:
        raise ShanhaiError(f"{path}: no row scores at least {min_score}; nothing to use")
    return strings
