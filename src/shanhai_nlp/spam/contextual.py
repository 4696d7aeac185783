"""Find injected spam without any spam vocabulary.

No word list of spam, no lexicon, nothing fitted to a spam family. The detector looks for what
injection does to a text, signal by signal (each is a function here, measured one by one in
the spam report, ``shanhai spam report``):

- ``splice``: a string repeated at unrelated places whose removal joins its neighbours into a
  common word (幫|扶, 群|眾, 重|點) or a number (3|.77), judged with a general word-frequency
  list; each occurrence is then widened to the token it belongs to.
- ``keyword_line``: short unpunctuated lines wedged between the two halves of a sentence.
- ``pipe_list``: ``|``-separated keyword lists that mix Latin and CJK or the other script.
- ``script``: runs in the other script (Simplified insertions in Traditional text, or reverse).

All signals work on a Simplified, length-preserving view, so Traditional and Simplified text are
handled alike.
"""

from __future__ import annotations

import difflib
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, islice
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.spam.base import Found, batched, build_spans, detectors, merge_found
from shanhai_nlp.text.script import (
    CJK_RUN_RE,
    cjk_mask,
    code_points,
    digit_mask,
    from_code_points,
    is_cjk,
    running_script_counts,
    script_from_counts,
    script_kinds,
    simplify_codes,
)
from shanhai_nlp.text.words import (
    CODE_BITS,
    adjacent_pairs,
    are_adjacent_pairs,
    pair_codes,
    word_zipf,
    zipf,
)

TERMINAL = set("。！？!?…」』”\"'）)】")
CONTINUATION = set(",，、;；:：)）」』”")
PUNCT_RE = re.compile(
    r"[\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    r"!-/:-@\[-`{-~—–…·•|\u2600-\u27bf\U0001f300-\U0001faff★☆◆◇■□●○►▶]"
)


def _is_latin(char: str) -> bool:
    return "a" <= char <= "z" or "A" <= char <= "Z"


def _is_word_char(char: str) -> bool:
    return is_cjk(char) or _is_latin(char)


_BOUNDARY: dict[str, bool] = {}


def _is_boundary(char: str) -> bool:
    """Line break, whitespace, punctuation or decoration (cached per character)."""
    known = _BOUNDARY.get(char)
    if known is None:
        known = _BOUNDARY[char] = char == "\n" or bool(PUNCT_RE.match(char))
    return known


@dataclass(frozen=True, slots=True)
class ContextualConfig:
    """Thresholds of the contextual signals (Zipf scale: 3 = once per million words)."""

    min_repeats: int = 3  # occurrences of a candidate string in one window
    min_joins: int = 3  # occurrences whose removal joins the neighbours
    min_join_rate: float = 0.15  # ... as a share of all occurrences
    min_context_diversity: float = 0.6  # distinct left (and right) neighbours per occurrence
    join_zipf: float = 3.0  # a joined word must be at least this common
    cut_zipf: float = 3.5  # a token edge that splits a word this common is penalised
    max_widen: int = 3  # characters a token may grow on each side of its core
    function_word_zipf: float = 5.5  # a single character this common is a word of its own
    keyword_line_max: int = 14  # longest keyword line
    window: int = 100_000  # characters per analysis window (bounded memory on huge inputs)


class Candidate(NamedTuple):
    """What a signal found: offsets into its window, a score, and the signal's name (a tuple:
    cheap to make by the thousand)."""

    start: int
    end: int
    score: float
    signal: str

    def moved(self, offset: int) -> Candidate:
        """The candidate with offsets into a text its window starts ``offset`` into."""
        if not offset:
            return self
        return Candidate(self.start + offset, self.end + offset, self.score, self.signal)


#: (characters left of the junction, characters right of it) of the words tried across it
_JUNCTION_WINDOWS = tuple((a, b) for a in (1, 2, 3) for b in (1, 2, 3) if a + b <= 4)


#: line breaks around a window's text in :attr:`_View.padded`
_PAD = 4

#: lines at the top of a page (of 8+ characters) compared with each other for repeats
HEAD_LINES = 12


Running = npt.NDArray[np.int64]
#: one side of a junction (see :meth:`_View.left_side` and :meth:`_View.right_side`)
_Side = tuple[str, bool, bool]


class _View:
    """The Simplified view of a window with the small look-ups every signal needs.

    Built by :func:`_views`, which does the array work of many windows at once: ``padded`` is
    the Simplified view with :data:`_PAD` line breaks on each side, ``running`` the running
    counts of the window's Traditional-only and Simplified-only characters (see
    :func:`~shanhai_nlp.text.script.running_script_counts`, here offset by the counts before
    the window), ``bigrams`` the repeated 2-grams that may start a splice core, and
    ``growth`` how their maximal repeats grow them (see :func:`_repeated_bigrams`).
    """

    def __init__(
        self,
        raw: str,
        padded: str,
        config: ContextualConfig,
        *,
        running: tuple[Running, Running],
        bigrams: dict[str, list[int]],
        growth: dict[str, tuple[int, int]],
    ) -> None:
        self.raw = raw
        self.padded = padded
        self.s = padded[_PAD:-_PAD]
        self.n = len(raw)
        self.config = config
        self.pairs = adjacent_pairs(config.join_zipf)  # what a joined word's junction must be
        self.table = word_zipf()  # the words every junction and edge looks up
        self.bigrams = bigrams
        self.growth = growth
        traditional, simplified = running
        self._totals = (
            int(traditional[-1] - traditional[0]),
            int(simplified[-1] - simplified[0]),
        )
        #: the window's script (``unknown`` below ten characters of evidence)
        self.script = script_from_counts(*self._totals, min_evidence=10)
        self._running = running
        #: the window's lines with their offsets, for every signal that reads lines
        self.lines = _lines(raw)
        #: the lines :func:`repeated_line_differences` compares, with their offsets: the first
        #: :data:`HEAD_LINES` of at least 8 characters besides surrounding space
        self.head_lines = list(
            islice(((p, ln) for p, ln in self.lines if len(ln.strip()) >= 8), HEAD_LINES)
        )
        #: the pieces between punctuation written in the other script (set by :func:`_views`)
        self.other_script: list[tuple[int, int]] = []
        self._edges: dict[int, float] = {}

    def minority(self, start: int, end: int) -> tuple[int, int]:
        """(characters only the other script uses, characters only the window's script uses) in
        ``raw[start:end]``; (0, 0) when the window's script is unknown."""
        script = self.script
        if script == "unknown":
            return 0, 0
        traditional, simplified = self._running
        t = int(traditional[end] - traditional[start])
        s = int(simplified[end] - simplified[start])
        return (s, t) if script == "traditional" else (t, s)

    @property
    def head_end(self) -> int:
        """Where the :attr:`head_lines` end (past the window when it has fewer of them)."""
        if len(self.head_lines) < HEAD_LINES:
            return self.n + 1
        pos, line = self.head_lines[-1]
        return pos + len(line) + 1

    def ch(self, k: int) -> str:
        return self.s[k] if 0 <= k < self.n else "\n"

    def bigram_zipf(self, k: int) -> float:
        """Zipf of the word formed by characters k-1 and k (0 when either is not CJK)."""
        if 1 - _PAD <= k < self.n + _PAD:  # a hot path: both in the padded view
            a, b = self.padded[k - 1 + _PAD], self.padded[k + _PAD]
        else:
            a, b = self.ch(k - 1), self.ch(k)
        return self.table.get(a + b, 0.0) if is_cjk(a) and is_cjk(b) else 0.0

    def left_side(self, i: int) -> _Side:
        """What :meth:`junction` reads left of ``i``: the character before it, whether it is
        a digit, and whether it is a boundary (passed in, so that a token's many extents work
        each side out once)."""
        left = self.padded[i - 1 + _PAD] if 1 - _PAD <= i <= self.n + _PAD else "\n"
        return left, left.isdigit(), _is_boundary(left)

    def right_side(self, j: int) -> _Side:
        """What :meth:`junction` reads from ``j`` on: the character there, whether a number
        goes on there (a digit, or a decimal point and a digit), and whether it is a boundary."""
        right = self.ch(j)
        number = right.isdigit() or (right in ".．" and self.ch(j + 1).isdigit())
        return right, number, _is_boundary(right)

    def junction(self, i: int, j: int, left: _Side, right: _Side) -> tuple[float, bool]:
        """How well the text reads across a removed ``[i, j)``; and whether it is a word join
        (``left``, ``right``: the :meth:`left_side` of ``i`` and the :meth:`right_side` of
        ``j``).

        Longer joined words are stronger evidence (they are less likely to form by chance).
        """
        before, digit, left_edge = left
        after, number, right_edge = right
        if digit and number:
            return 3.0, True
        if left_edge or right_edge:
            return (1.5 if left_edge and right_edge else 0.3), False
        if before + after not in self.pairs:  # both CJK, and some word has this junction
            return 0.0, False
        best = 0.0
        table, s, threshold = self.table, self.s, self.config.join_zipf
        for a, b in _JUNCTION_WINDOWS:
            if i - a < 0 or j + b > self.n:
                continue
            z = table.get(s[i - a : i] + s[j : j + b], 0.0)
            if z >= threshold:
                best = max(best, 1.0 + 0.25 * (z - threshold) + 0.25 * (a + b - 2))
        return best, best > 0

    def joins(self, i: int, j: int) -> bool:
        """Whether removing ``[i, j)`` joins its neighbours into a word or a number (the
        yes/no of :meth:`junction`, stopping at the first word found)."""
        padded = self.padded  # a hot path: no bounds tests near the window's ends
        try:
            left, right = padded[i - 1 + _PAD], padded[j + _PAD]
        except IndexError:
            left, right = self.ch(i - 1), self.ch(j)
        if left + right not in self.pairs:  # the usual answer: no CJK word has this junction
            if left.isdigit():
                return right.isdigit() or (right in ".．" and self.ch(j + 1).isdigit())
            return False
        table, s, threshold = self.table, self.s, self.config.join_zipf
        return any(
            table.get(s[i - a : i] + s[j : j + b], 0.0) >= threshold
            for a, b in _JUNCTION_WINDOWS
            if i - a >= 0 and j + b <= self.n
        )

    def edge_penalty(self, k: int, counts: _Counts) -> float:
        """Penalty for a token edge at ``k`` that splits a common word, or a word the document
        repeats (cached)."""
        known = self._edges.get(k)
        if known is None:
            z = self.bigram_zipf(k)
            if z >= self.config.cut_zipf:
                known = z - 2.0
            elif z > 0 and counts.get(self.s[k - 1 : k + 1], 0) >= 3:
                known = 1.5
            else:
                known = 0.0
            self._edges[k] = known
        return known


#: characters of windows whose array work :func:`_views` does together (bounds its arrays)
BATCH_CHARS = 1_000_000


def _views(chunks: Sequence[str], config: ContextualConfig) -> list[_View]:
    """Views of many windows, their array work done on all of them at once.

    The windows are joined with :data:`_PAD` line breaks around each, so a window's padded
    Simplified view is a slice of the joined one and no 2-gram crosses from one to the next.
    """
    if not chunks:
        return []
    pad = _PAD * "\n"
    joined = pad + pad.join(chunks) + pad
    codes = code_points(joined)
    simple = simplify_codes(codes)
    padded = from_code_points(simple)
    lengths = np.array([len(c) for c in chunks], dtype=np.int64)
    starts = _PAD + np.concatenate(([0], np.cumsum(lengths + _PAD)[:-1]))
    traditional, simplified = running_script_counts(script_kinds(codes))
    bigrams, growth = _repeated_bigrams(simple, starts, config)
    views = [
        _View(
            chunk,
            padded[start - _PAD : start + len(chunk) + _PAD],
            config,
            running=(
                traditional[start : start + len(chunk) + 1],
                simplified[start : start + len(chunk) + 1],
            ),
            bigrams=grams,
            growth=grown,
        )
        for chunk, start, grams, grown in zip(chunks, starts.tolist(), bigrams, growth, strict=True)
    ]
    scripts = [_SCRIPT_CODES.get(view.script, 0) for view in views]
    pieces = _other_script_pieces(codes, starts, (traditional, simplified), np.array(scripts))
    for view, found in zip(views, pieces, strict=True):
        view.other_script = found
    return views


#: a window's script as a number (0: unknown)
_SCRIPT_CODES = {"traditional": 1, "simplified": 2}
#: code points past the last one :data:`PUNCT_RE` matches
_PUNCT_END = 0x1FB00


@lru_cache(maxsize=1)
def _punct_table() -> npt.NDArray[np.bool_]:
    """Whether :data:`PUNCT_RE` matches each code point below :data:`_PUNCT_END`."""
    return np.array([bool(PUNCT_RE.match(chr(c))) for c in range(_PUNCT_END)], dtype=np.bool_)


def _other_script_pieces(
    codes: npt.NDArray[np.uint32],
    starts: npt.NDArray[np.int64],
    running: tuple[Running, Running],
    scripts: npt.NDArray[np.int64],
) -> list[list[tuple[int, int]]]:
    """For each window of joined code points (windows start at ``starts``, with punctuation
    around each; ``running`` script counts of the whole; ``scripts`` the windows' scripts as
    :data:`_SCRIPT_CODES`): the pieces between punctuation of at least 4 characters written in
    the other script (:data:`OTHER_SCRIPT_CHARS` of its characters and none of the window's),
    as offsets into the window."""
    out: list[list[tuple[int, int]]] = [[] for _ in range(starts.size)]
    table = _punct_table()
    punct = np.flatnonzero((codes < _PUNCT_END) & table[np.minimum(codes, _PUNCT_END - 1)])
    first, end = punct[:-1] + 1, punct[1:]  # every piece between two marks
    first, end = first[end - first >= 4], end[end - first >= 4]
    traditional, simplified = running
    t = traditional[end] - traditional[first]
    s = simplified[end] - simplified[first]
    window = window_of(starts, codes.size)[first - starts[0]]
    script = scripts[window]
    other, own = np.where(script == 1, s, t), np.where(script == 1, t, s)
    written = (script > 0) & (other >= OTHER_SCRIPT_CHARS) & (own == 0)
    offsets = starts[window[written]]
    for w, a, b in zip(
        window[written].tolist(),
        (first[written] - offsets).tolist(),
        (end[written] - offsets).tolist(),
        strict=True,
    ):
        out[w].append((a, b))
    return out


def window_of(starts: npt.NDArray[np.int64], size: int) -> npt.NDArray[np.int64]:
    """The window of each position from ``starts[0]`` on of an array of ``size`` elements
    whose windows start at ``starts`` (each runs up to the next one's start; a gather, where a
    binary search per position costs ten times more).

    Example:
        >>> window_of(np.array([2, 5, 6]), 9).tolist()  # positions 2 to 8
        [0, 0, 0, 1, 2, 2, 2]
    """
    return np.repeat(np.arange(starts.size), np.diff(starts, append=size))


def _repeated_bigrams(
    simple: npt.NDArray[np.uint32], starts: npt.NDArray[np.int64], config: ContextualConfig
) -> tuple[list[dict[str, list[int]]], list[dict[str, tuple[int, int]]]]:
    """For each window of joined Simplified code points (windows start at ``starts``, with
    :data:`_PAD` non-CJK characters around each): where every CJK 2-gram seen at least
    ``min_repeats`` times occurs (overlapping, in order; the 2-grams in order of first
    occurrence), leaving out those that cannot start a splice core; and for each of them but
    those of one character twice, the growth of its maximal repeat (:func:`_maximal_repeat`).

    Such a hopeless 2-gram is not one character twice (whose occurrences are counted without
    overlap), and fewer of the occurrences of its maximal repeat than :func:`_may_splice`
    needs pass that function's screen of the junctions by their two sides: it is left out
    because :func:`splice_signal` would reject it (and any 2-gram inside its maximal repeat as
    often as it, whose maximal repeat is the same). The screen runs twice: on the 2-grams, and
    on the maximal repeats of those that grow. Where :class:`_Counts` needs the count of a
    2-gram left out, it counts it in the text.
    """
    out: list[dict[str, list[int]]] = [{} for _ in range(starts.size)]
    growth: list[dict[str, tuple[int, int]]] = [{} for _ in range(starts.size)]
    cjk = cjk_mask(simple)
    where = np.flatnonzero(cjk[:-1] & cjk[1:])
    if not where.size:
        return out, growth
    window = window_of(starts, simple.size)[where - starts[0]].astype(np.uint64)
    keys = (window << np.uint64(2 * CODE_BITS)) | pair_codes(simple[where], simple[where + 1])
    order = np.argsort(keys, kind="stable")  # grouped by window and 2-gram, positions ascending
    grouped = keys[order]
    group_sizes = np.diff(
        np.flatnonzero(np.concatenate(([True], grouped[1:] != grouped[:-1], [True])))
    )
    repeated = group_sizes >= config.min_repeats
    if not repeated.any():
        return out, growth
    positions = where[order[np.repeat(repeated, group_sizes)]]  # group after group
    sizes = group_sizes[repeated]
    heads = np.concatenate(([0], np.cumsum(sizes)[:-1]))  # each group's first in ``positions``
    firsts = positions[heads]

    # the screen of _may_splice for a core of two characters (the padding keeps these inside)
    screened = _screen(simple, positions, positions + 2, config.join_zipf)
    left, right = simple[positions - 1], simple[positions + 2]
    needed = np.maximum(config.min_joins, config.min_join_rate * sizes)

    def same(chars: npt.NDArray[np.uint32]) -> npt.NDArray[np.bool_]:
        return np.asarray(np.minimum.reduceat(chars, heads) == np.maximum.reduceat(chars, heads))

    grows = (same(left) & cjk[firsts - 1]) | (same(right) & cjk[firsts + 2])
    doubled = simple[firsts] == simple[firsts + 1]
    kept = grows | doubled | (np.add.reduceat(screened, heads, dtype=np.int64) >= needed)
    if not kept.any():
        return out, growth
    sizes, firsts, doubled = sizes[kept], firsts[kept], doubled[kept]
    heads = np.concatenate(([0], np.cumsum(sizes)[:-1]))  # now in the kept occurrences
    windows = np.searchsorted(starts, firsts, side="right") - 1
    kept_at = positions[np.repeat(kept, group_sizes[repeated])]
    at = (kept_at - np.repeat(starts[windows], sizes)).tolist()  # offsets into each window
    room = np.where(doubled, 0, REPEAT_LIMIT - 2)  # one character twice: grown on the text
    lefts = _grow(simple, cjk, kept_at, heads, sizes, room, -1)
    rights = _grow(simple, cjk, kept_at + 1, heads, sizes, room - lefts, 1)
    # the screen of _may_splice again, around the grown cores: a core too few of whose
    # occurrences pass it is not kept (one character twice: screened on the text)
    core_starts = kept_at - np.repeat(lefts, sizes)
    core_ends = kept_at + 2 + np.repeat(rights, sizes)
    screened = _screen(simple, core_starts, core_ends, config.join_zipf)
    promising = doubled | (np.add.reduceat(screened, heads, dtype=np.int64) >= needed[kept])
    order = np.argsort(firsts, kind="stable")  # in order of first occurrence
    for w, one, two, head, size, left, right, hope in zip(
        windows[order].tolist(),
        simple[firsts[order]].tolist(),
        simple[firsts[order] + 1].tolist(),
        heads[order].tolist(),
        sizes[order].tolist(),
        lefts[order].tolist(),
        rights[order].tolist(),
        promising[order].tolist(),
        strict=True,
    ):
        if not hope:
            continue
        gram = chr(one) + chr(two)
        out[w][gram] = at[head : head + size]
        if one != two:
            growth[w][gram] = (left, right)
    return out, growth


def _screen(
    simple: npt.NDArray[np.uint32],
    starts: npt.NDArray[np.int64],
    ends: npt.NDArray[np.int64],
    floor: float,
) -> npt.NDArray[np.bool_]:
    """:func:`_may_splice`'s screen of the junctions of cores at ``[starts, ends)`` of joined
    code points, by their two sides: whether a word might form across one of them (or a
    number: a digit on the left). The padding keeps the sides inside."""
    left, right = simple[starts - 1], simple[ends]
    left2, right2 = simple[starts - 2], simple[ends + 1]
    return np.asarray(
        are_adjacent_pairs(left, right, floor)
        | are_adjacent_pairs(left2, right, floor)
        | are_adjacent_pairs(left, right2, floor)
        | digit_mask(left)
        | digit_mask(left2)
    )


def _grow(
    simple: npt.NDArray[np.uint32],
    cjk: npt.NDArray[np.bool_],
    edges: npt.NDArray[np.int64],
    heads: npt.NDArray[np.int64],
    sizes: npt.NDArray[np.int64],
    room: npt.NDArray[np.int64],
    direction: int,
) -> npt.NDArray[np.int64]:
    """:func:`_maximal_repeat`'s growth on one side, for groups of occurrences at once: how
    many characters each group grows by in ``direction`` (-1: left, 1: right) while every
    occurrence has the same CJK character next to it, up to ``room`` characters. ``edges``
    holds each occurrence's outermost character on that side; a group's occurrences are in
    order, from ``heads`` on, ``sizes`` of them (the padding stops any growth at a window's
    edge)."""
    grown = np.zeros(heads.size, dtype=np.int64)
    active = np.flatnonzero(room > 0)
    step = 1
    while active.size:
        sub_sizes = sizes[active]
        sub_heads = np.concatenate(([0], np.cumsum(sub_sizes)[:-1]))
        members = np.repeat(heads[active] - sub_heads, sub_sizes) + np.arange(sub_sizes.sum())
        at = edges[members] + direction * step
        chars = simple[at]
        same = np.minimum.reduceat(chars, sub_heads) == np.maximum.reduceat(chars, sub_heads)
        grows = same & cjk[at[sub_heads]]
        grown[active[grows]] += 1
        active = active[grows]
        active = active[grown[active] < room[active]]
        step += 1
    return grown


class _Counts(Counter[str]):
    """Counts of CJK strings in a window: 2-grams seen often enough to be splice cores counted
    up front (with arrays), anything else on demand (``str.count``, cached). Strings of up to
    four characters that are not all CJK count 0."""

    def __init__(self, view: _View) -> None:
        super().__init__()
        self.view = view
        dict.update(self, {g: len(p) for g, p in view.bigrams.items()})

    def __missing__(self, gram: str) -> int:
        if not gram or (len(gram) <= 4 and not CJK_RUN_RE.fullmatch(gram)):
            return 0
        n = self.view.s.count(gram)
        self[gram] = n
        return n

    def get(self, gram: str, default: int = 0) -> int:  # type: ignore[override]
        n = self[gram]
        return n if n else default


#: the longest a maximal repeat grows to (characters)
REPEAT_LIMIT = 12


def _maximal_repeat(
    view: _View, occ: list[int], length: int, *, limit: int = REPEAT_LIMIT
) -> tuple[int, int]:
    """Grow a repeated string while every occurrence has the same CJK neighbour (養網 inside
    every 包養網 grows to 包養網); returns characters added on the left and on the right."""
    s, left, right = view.s, 0, 0  # occurrences are in order: the first and last bound them
    while length + left + right < limit:
        k = occ[0] - left - 1
        if k < 0 or not is_cjk(s[k]) or len({s[o - left - 1] for o in occ}) > 1:
            break
        left += 1
    while length + left + right < limit:
        k = occ[0] + length + right
        if (
            occ[-1] + length + right >= view.n
            or not is_cjk(s[k])
            or len({s[o + length + right] for o in occ}) > 1
        ):
            break
        right += 1
    return left, right


def _occurrences(s: str, gram: str) -> list[int]:
    out, pos = [], s.find(gram)
    while pos >= 0:
        out.append(pos)
        pos = s.find(gram, pos + len(gram))
    return out


def _at_least(counts: _Counts, text: str, n: int) -> bool:
    """Whether ``text`` occurs at least ``n`` times; its bigrams bound the count from above,
    which settles most cases without scanning the window."""
    if len(text) > 2 and min(counts.get(text[k : k + 2], 0) for k in range(len(text) - 1)) < n:
        return False
    return counts.get(text, 0) >= n


def _extension_counts(view: _View, occ: list[int], length: int, reach: int) -> Counter[str]:
    """How often each string that grows a core by up to ``reach`` characters on each side
    occurs: every occurrence of such a string contains the core, so counting around the core's
    occurrences is exact and costs nothing like a scan of the window per string."""
    s, n = view.s, view.n
    return Counter(
        s[o - left : o + length + right]
        for o in occ
        for left in range(min(reach, o) + 1)
        for right in range(min(reach, n - o - length) + 1)
    )


def _widen(
    view: _View, i: int, j: int, counts: _Counts, around: Counter[str]
) -> tuple[int, int, float, bool]:
    """Grow the core ``[i, j)`` to the token it belongs to; return extent, score, word join.

    Each extent is scored by how well the text reads across it (:meth:`_View.junction`), with a
    bonus when the grown token repeats elsewhere (else a cost per character grown), and
    penalties for edges that split a common word or a repeated unit, and for growing into words
    the document uses elsewhere or into a lone function word. ``around`` counts the strings
    that contain the core (:func:`_extension_counts`).
    """
    cfg = view.config
    s = view.s

    def count(text: str) -> int:  # strings of up to four characters count only if all CJK
        return 0 if len(text) <= 4 and not CJK_RUN_RE.fullmatch(text) else around.get(text, 0)

    ch = view.ch
    lefts = [i]
    while len(lefts) <= cfg.max_widen and _is_word_char(ch(lefts[-1] - 1)):
        lefts.append(lefts[-1] - 1)
    rights = []  # (token end, extent end, bonus)
    for b in range(j, j + cfg.max_widen + 1):
        if b > j and not is_cjk(ch(b - 1)):
            break
        end, latin_bonus = b, 0.0
        if _is_latin(ch(end)):  # a Latin tail glued to the token belongs to it
            while _is_latin(ch(end)):
                end += 1
            latin_bonus = 1.0 if _is_word_char(ch(end)) or b > j else 0.5
        rights.append((b, end, latin_bonus))
    penalties: dict[tuple[str, int], float] = {}

    def grown_into(chunk: str, n_token: int) -> float:
        """The penalty for growing into ``chunk`` (cached: it depends on one side only)."""
        key = (chunk, n_token)
        if key not in penalties:
            # growing into the document's own vocabulary (幫扶 in 幫扶|包養網) is unlikely
            if len(chunk) >= 2 and _at_least(counts, chunk, n_token + 2):
                penalties[key] = 1.0
            # a lone function word (說, 和, 的) next to the core is context, not token
            elif len(chunk) == 1 and zipf(chunk) >= cfg.function_word_zipf:
                penalties[key] = 0.5
            else:
                penalties[key] = 0.0
        return penalties[key]

    # each side's facts once: a token's extents pair every left edge with every right one
    edge, junction = view.edge_penalty, view.junction
    core_cjk = bool(CJK_RUN_RE.fullmatch(s[i:j]))  # the right growth is CJK (see above)
    left_edges = [
        (
            a,
            s[a:i],
            i - a,
            edge(a, counts),
            grown_into(s[a:i], 1),
            view.left_side(a),
            core_cjk and (a == i or bool(CJK_RUN_RE.fullmatch(s[a:i]))),
        )
        for a in lefts
    ]
    right_edges = [
        (
            b,
            end,
            bonus,
            s[j:b],
            b - j,
            edge(end, counts),
            grown_into(s[j:b], 1),
            view.right_side(end),
        )
        for b, end, bonus in rights
    ]
    best: tuple[float, int, int, bool] | None = None
    best_score, best_width = 0.0, 0  # ties go to the narrower extent
    for a, left_chunk, left_grown, left_edge, left_alone, left_side, cjk in left_edges:
        for (
            b,
            end,
            latin_bonus,
            right_chunk,
            right_grown,
            right_edge,
            right_alone,
            right_side,
        ) in right_edges:
            join, is_join = junction(a, end, left_side, right_side)
            grown = left_grown + right_grown
            n_token = (around.get(s[a:b], 0) if cjk or b - a > 4 else 0) or 1  # count(s[a:b])
            # the edges' penalties, halved when removing the token joins its neighbours into a
            # word: the neighbours then belong to that word, and a word they seem to form
            # across an edge (打|包 in 打包養合約造) is more likely chance
            cut = left_edge + right_edge

            score = join + latin_bonus - (cut / 2 if is_join else cut)
            if n_token >= 2:
                # growth the repetition supports is cheap; unsupported growth costs more
                score += 1.0 + 0.05 * grown if grown else -0.3 * grown
                # never cut through a repeated unit: the next character always follows it
                if end == b and count(s[a : b + 1]) == n_token:
                    score -= 3.0
                if a > 0 and count(s[a - 1 : b]) == n_token:
                    score -= 3.0
                score -= grown_into(left_chunk, n_token)
                score -= grown_into(right_chunk, n_token)
            else:
                score += -0.3 * grown
                score -= left_alone
                score -= right_alone
            if best is None or score > best_score or (score == best_score and a - end > best_width):
                best = (score, a, end, is_join)
                best_score, best_width = score, a - end
    assert best is not None
    return best[1], best[2], best[0], best[3]


def _may_splice(view: _View, occ: list[int], length: int) -> bool:
    """Cheap pre-test: the neighbours vary, and enough occurrences join with at most one
    character of growth (stops as soon as the answer is known)."""
    cfg, padded, pairs, joins_at = view.config, view.padded, view.pairs, view.joins
    if len({padded[k - 1 + _PAD] for k in occ}) < 0.5 * len(occ):  # occurrences start at >= 0
        return False
    needed = max(cfg.min_joins, cfg.min_join_rate * len(occ))
    joins = 0
    for seen, k in enumerate(occ):
        j = k + length
        # the junctions (k, j), (k - 1, j), (k, j + 1) screened by their two sides first
        a1, a2 = padded[k - 1 + _PAD], padded[k - 2 + _PAD]
        b1, b2 = padded[j + _PAD], padded[j + 1 + _PAD]
        possible = (
            a1 + b1 in pairs or a2 + b1 in pairs or a1 + b2 in pairs or a1.isdigit() or a2.isdigit()
        )
        if possible and (joins_at(k, j) or joins_at(k - 1, j) or joins_at(k, j + 1)):
            joins += 1
            if joins >= needed:
                return True
        if joins + len(occ) - seen - 1 < needed:
            return False
    return False


def _cjk_growth(view: _View, a: int, b: int, i: int, j: int) -> int:
    return (i - a) + sum(1 for c in view.s[j:b] if is_cjk(c))


def splice_signal(view: _View) -> list[Candidate]:
    """Repeated strings whose removal joins their neighbours, widened to whole tokens."""
    cfg = view.config
    counts = _Counts(view)
    cores = []
    seen: set[str] = set()
    inside: dict[int, int] = {}  # bigram position -> occurrences of the maximal repeat around it
    for bigram, positions in view.bigrams.items():
        n = len(positions)
        if n < cfg.min_repeats or inside.get(positions[0]) == n:
            continue  # rare, or inside a maximal repeat already found, as often as it
        # cores are maximal repeats: 養網 always inside 包養網 is the core 包養網
        if bigram[0] != bigram[1]:
            bigram_occ = positions
            left, right = view.growth[bigram]  # grown with arrays (_repeated_bigrams)
        else:  # occurrences do not overlap (哈哈 in 哈哈哈 counts once)
            bigram_occ = _occurrences(view.s, bigram)
            if len(bigram_occ) < cfg.min_repeats:
                continue
            left, right = _maximal_repeat(view, bigram_occ, 2)
        gram = view.s[bigram_occ[0] - left : bigram_occ[0] + 2 + right]
        occ = [o - left for o in bigram_occ] if left else bigram_occ
        if len(gram) > 2:  # a 2-gram core's marks could only ever skip that 2-gram itself
            mark, n_occ = inside.setdefault, len(occ)
            for o in occ:
                for t in range(o, o + len(gram) - 1):
                    mark(t, n_occ)
        if gram in seen:
            continue
        seen.add(gram)
        if not _may_splice(view, occ, len(gram)):
            continue
        around = _extension_counts(view, occ, len(gram), cfg.max_widen + 1)
        widened = [_widen(view, k, k + len(gram), counts, around) for k in occ]
        # evidence: joins with at most one character of growth (Latin tails aside); wider
        # growth finds accidental joins too easily to count as evidence
        joins = sum(
            1
            for (a, b, _s, is_join), k in zip(widened, occ, strict=True)
            if is_join and _cjk_growth(view, a, b, k, k + len(gram)) <= 1
        )
        if joins < cfg.min_joins or joins < cfg.min_join_rate * len(occ):
            continue
        # injected tokens land at random places: their neighbours vary on both sides
        lefts = {view.ch(a - 1) for a, _b, _s, _j in widened}
        rights = {view.ch(b) for _a, b, _s, _j in widened}
        if min(len(lefts), len(rights)) < cfg.min_context_diversity * len(occ):
            continue
        cores.append((joins, gram, widened))
    found: list[Candidate] = []
    taken: set[int] = set()
    for joins, _gram, widened in sorted(cores, key=lambda c: (-c[0], -len(c[1]))):
        score = min(1.0, 0.5 + 0.05 * joins)
        for a, b, _s, _j in widened:
            if any(k in taken for k in range(a, b)):
                continue
            taken.update(range(a, b))
            found.append(Candidate(a, b, score, "splice"))
    return found


def _lines(text: str) -> list[tuple[int, str]]:
    """The lines of ``text`` with their offsets."""
    lines = text.split("\n")
    # each line starts one past the end of the one before (the sums are C loops: a hot path);
    # the last sum, past the text, has no line
    starts = accumulate(map((1).__add__, map(len, lines)), initial=0)
    return list(zip(starts, lines, strict=False))


def keyword_line_signal(view: _View) -> list[Candidate]:
    """Short unpunctuated lines between a sentence's two halves (…業,⏎關鍵字⏎,改以…)."""
    lines = [(p, ln, body) for p, ln in view.lines if (body := ln.strip())]  # not blank
    found = []
    longest = view.config.keyword_line_max
    for k in range(1, len(lines) - 1):
        pos, line, body = lines[k]
        if not 2 <= len(body) <= longest or PUNCT_RE.search(body.replace(" ", "")):
            continue
        # the sentence's first half ends the line before, its second half starts the line after
        if lines[k - 1][2][-1] not in TERMINAL and lines[k + 1][2][0] in CONTINUATION:
            start = pos + line.index(body)
            found.append(Candidate(start, start + len(body), 0.9, "keyword_line"))
    return found


#: a keyword holding both Latin and CJK
_MIXED_RE = re.compile(
    "[A-Za-z].*[\u3400-\u4dbf\u4e00-\u9fff]|[\u3400-\u4dbf\u4e00-\u9fff].*[A-Za-z]"
)


def pipe_list_signal(view: _View) -> list[Candidate]:
    """Keywords of ``|``-separated lists that mix Latin into CJK or use the other script."""
    if "|" not in view.raw and "｜" not in view.raw:
        return []
    found = []
    for pos, line in view.lines:
        if line.count("|") + line.count("｜") < 3:
            continue
        parts = [p.strip() for p in re.split(r"[|｜]", line)]
        if len(parts) < 4 or any(len(p) > 24 for p in parts):
            continue
        mixed = sum(1 for p in parts if _MIXED_RE.search(p))
        if mixed >= 2 or _other_script_only(view, pos, pos + len(line)):
            for match in re.finditer(r"[^|｜]+", line):  # one span per keyword
                body = match.group().strip()
                if body:
                    start = pos + match.start() + match.group().index(body)
                    found.append(Candidate(start, start + len(body), 0.8, "pipe_list"))
    return found


#: a stretch is written in the other script when this many of its characters only the other
#: script uses, and none only the window's
OTHER_SCRIPT_CHARS = 3


def _other_script_only(view: _View, start: int, end: int) -> bool:
    """Whether ``raw[start:end]`` is written in the other script."""
    other, own = view.minority(start, end)
    return other >= OTHER_SCRIPT_CHARS and own == 0


def script_signal(view: _View) -> list[Candidate]:
    """Punctuation-delimited runs of 4+ characters written wholly in the other script than the
    document's (found for many windows at once by :func:`_views`)."""
    return [Candidate(start, end, 0.6, "script") for start, end in view.other_script]


def repeated_line_differences(
    view: _View, *, near: list[Candidate] | None = None
) -> list[tuple[int, int]]:
    """Where two near-identical lines differ (the title and the headline repeated in the body).

    Pages repeat their headline; an injection lands in one copy only. Returns the differing
    segments of each copy (raw offsets). A short equal run at a line's end is folded into the
    difference before it (…掃描_中國網 vs …掃描包養甜心網 differ by 包養甜心網, not 包養甜心).
    With ``near``, only pairs of lines of which one overlaps a candidate are compared (the
    differences of other pairs overlap no candidate).
    """
    lines = view.head_lines
    wanted = _overlapped(lines, near)
    grams: dict[int, set[str]] = {}  # 4-grams of a line, when needed

    def four_grams(x: int) -> set[str]:
        if x not in grams:
            line = lines[x][1]
            grams[x] = {line[k : k + 4] for k in range(len(line) - 3)}
        return grams[x]

    found: list[tuple[int, int]] = []
    marked = [y for y, w in enumerate(wanted) if w]
    for x in range(len(lines)):
        for y in range(x + 1, len(lines)) if wanted[x] else (y for y in marked if y > x):
            (pa, a), (pb, b) = lines[x], lines[y]
            short, long = (a, b) if len(a) <= len(b) else (b, a)
            if short in long:  # what the tests and matcher below find, found without them:
                # the shared 4-grams are the shorter line's; the difference is the rest of the
                # longer line (a differing start is a prefix, as below)
                rest = long.find(short) + len(short)
                if rest < len(long) and len(four_grams(x if short is a else y)) >= 4:
                    line_start = pb if long is b else pa
                    found.append((line_start + rest, line_start + len(long)))
                continue
            # the longest common run must hold 8 characters and 40% of the shorter line; such a
            # run holds one of the shorter line's runs of half its size that start at a
            # multiple of the rest (+ 1), the cheapest test
            size = max(8, math.ceil(0.4 * len(short)))
            half, step = size // 2, size - size // 2 + 1
            if not any(short[k : k + half] in long for k in range(0, len(short) - half + 1, step)):
                continue
            if not _share_a_run(short, long, size):
                continue
            if len(four_grams(x) & four_grams(y)) < 4:
                continue
            ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
            for k, (op, i1, i2, j1, j2) in enumerate(ops):
                if op == "equal" or k == 0:  # a differing line start is a prefix, not an insertion
                    continue
                if k == len(ops) - 2 and ops[-1][0] == "equal" and ops[-1][2] - ops[-1][1] <= 2:
                    i2, j2 = len(a), len(b)
                if i2 > i1:
                    found.append((pa + i1, pa + i2))
                if j2 > j1:
                    found.append((pb + j1, pb + j2))
    return found


def _share_a_run(short: str, long: str, size: int) -> bool:
    """Whether ``short`` and ``long`` have a common run of ``size`` characters: one of the
    runs of ``short`` of that size is in ``long`` (the test difflib's longest match makes,
    without building its matcher)."""
    return any(short[k : k + size] in long for k in range(len(short) - size + 1))


def _overlapped(lines: list[tuple[int, str]], near: list[Candidate] | None) -> list[bool]:
    """For each of ``lines`` (in order, with their offsets): whether a candidate of ``near``
    overlaps it (every line when ``near`` is None)."""
    if near is None:
        return [True] * len(lines)
    out = [False] * len(lines)
    ends = [pos + len(line) for pos, line in lines]
    for c in near:
        k = bisect_right(ends, c.start)  # the first line ending after the candidate starts
        while k < len(lines) and lines[k][0] < c.end:
            out[k] = True
            k += 1
    return out


def _refine(candidates: list[Candidate], segments: list[tuple[int, int]]) -> list[Candidate]:
    """Widen each candidate to a repeated-line difference it overlaps."""
    out = []
    for c in candidates:
        start, end = c.start, c.end
        for a, b in segments:
            if a < end and start < b and b - a <= 3 * (c.end - c.start) + 4:
                start, end = min(start, a), max(end, b)
        out.append(c if (start, end) == (c.start, c.end) else c._replace(start=start, end=end))
    return out


SIGNALS: dict[str, Callable[[_View], list[Candidate]]] = {
    "splice": splice_signal,
    "keyword_line": keyword_line_signal,
    "pipe_list": pipe_list_signal,
    "script": script_signal,
}


def windows(text: str, size: int) -> Iterator[tuple[int, str]]:
    """Cut ``text`` into windows of about ``size`` characters, at line breaks where possible."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            end = cut + 1 if cut > 0 else end
        yield start, text[start:end]
        start = end


class ContextualDetector:
    """Vocabulary-free detector combining the signals in :data:`SIGNALS`.

    Example:
        >>> detect = ContextualDetector()
        >>> text = ("不斷拓展幫包養網扶領域,脫貧群包養眾同享,縣級重包養網點產業,"
        ...         "電商上包養網下游資源,而且離家包養近,能照顧老人。")
        >>> [s.text for s in detect(text)]
        ['包養網', '包養', '包養網', '包養網', '包養']
    """

    name = "contextual"

    def __init__(
        self, config: ContextualConfig | None = None, *, signals: tuple[str, ...] | None = None
    ) -> None:
        self.config = config or ContextualConfig()
        self.signals = signals or tuple(SIGNALS)
        #: signal -> the detector name its spans carry
        self._names = {signal: f"{self.name}.{signal}" for signal in SIGNALS}

    def analyse(self, texts: Sequence[str]) -> Iterator[tuple[int, int, _View, list[Candidate]]]:
        """For every window of ``texts``, in order: the text's index, the window's offset in
        it, its view, and its candidates (offsets into the window), for detectors that build on
        the same views. The views' array work is done many windows at a time."""
        chunks = (
            (k, offset, chunk)
            for k, text in enumerate(texts)
            for offset, chunk in windows(text, self.config.window)
        )
        for batch in batched(chunks, BATCH_CHARS, size=lambda c: len(c[2]) + _PAD):
            views = _views([chunk for _k, _offset, chunk in batch], self.config)
            for (k, offset, _chunk), view in zip(batch, views, strict=True):
                yield k, offset, view, self._candidates(view)

    def _candidates(self, view: _View) -> list[Candidate]:
        found = [c for name in self.signals for c in SIGNALS[name](view)]
        head_end = view.head_end
        if any(c.start < head_end for c in found):  # differences only come from the head
            found = _refine(found, repeated_line_differences(view, near=found))
        return found

    def candidates(self, text: str) -> list[Candidate]:
        return [c.moved(offset) for _k, offset, _view, found in self.analyse([text]) for c in found]

    def found(self, candidates: Iterable[Candidate]) -> list[Found]:
        """Candidates as merged spans not yet built, named after this detector and the signal."""
        names = self._names
        return merge_found((c.start, c.end, c.score, names[c.signal]) for c in candidates)

    def __call__(self, text: str) -> list[SpamSpan]:
        return build_spans(text, self.found(self.candidates(text)))

    def pipe(self, texts: Iterable[str], *, batch_size: int = 256) -> Iterator[list[SpamSpan]]:
        """The spans of each of ``texts``, in order, analysed ``batch_size`` texts at a time."""
        for batch in batched(texts, batch_size):
            found: list[list[Candidate]] = [[] for _ in batch]
            for k, offset, _view, candidates in self.analyse(batch):
                found[k].extend(c.moved(offset) for c in candidates)
            for text, candidates in zip(batch, found, strict=True):
                yield build_spans(text, self.found(candidates))


def make_contextual_detector() -> ContextualDetector:
    return ContextualDetector()


detectors.register("contextual", func=make_contextual_detector)
