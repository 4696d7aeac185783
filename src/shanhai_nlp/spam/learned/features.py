"""Per-character evidence for the learned detector, computed with arrays over a whole text.

Nothing here names a spam word. Every feature is a statistic of ordinary Chinese (wordfreq's
word frequencies), of the page itself (how often a character, a pair or a three-character
stretch repeats, and how fixed its neighbours are), of junctions (taking a stretch out joins its
neighbours into a common word or a number), of the character's class and script, and of the
line it stands on (its length, whether it reads as a sentence, whether it is the headline).
The model sees each character's features together with those of its neighbours
(:func:`with_context`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from shanhai_nlp.spam.junctions import bonds, stretch_joins
from shanhai_nlp.text.script import cjk_mask, code_points, digit_mask, script_kinds, simplify_codes
from shanhai_nlp.text.words import pair_codes, word_zipf

Floats = npt.NDArray[np.float32]
Codes = npt.NDArray[np.uint32]

#: lengths of the stretches whose removal is tested for joining their neighbours
JOIN_LENGTHS = tuple(range(2, 9))
#: neighbours whose features each character's row repeats (see :func:`with_context`)
CONTEXT = (-3, -2, -1, 1, 2, 3)
#: what a sentence holds and a keyword list does not
SENTENCE_MARKS = "，。！？；、,!?;：:"
_BMP = 0x10000

#: the features of one character, in column order
FEATURES = (
    "cjk",
    "latin",
    "digit",
    "space",
    "newline",
    "punct",
    "decoration",
    "traditional_only",
    "simplified_only",
    "other_script",  # a script-only character of the page's minority script
    "char_zipf",  # the character as a word of its own
    "bond_left",  # Zipf of the word made with the character before (0: no word)
    "bond_right",
    "join_start",  # best Zipf of a word joined by removing a stretch starting here
    "join_end",  # ... ending here
    "join_cover",  # ... any such stretch covering the character, its boundaries not words
    "number_cover",  # a stretch covering the character whose removal joins two digits
    "char_count",  # log of the character's occurrences in the page
    "pair_count",  # log of the occurrences of the character and the next one
    "triple_count",  # log of the occurrences of the three characters centred here
    "fixed_context",  # share of the character's occurrences with these same neighbours
    "line_length",  # log of the length of the line
    "line_sentence",  # the line holds sentence punctuation
    "line_short",  # the line is at most 20 characters long
    "first_line",
    "line_position",  # where in its line the character is (0 start, 1 end)
    "line_end_distance",  # log of characters to the end of the line
    "segment_length",  # log of the length of the run between punctuation around it
    "segment_count",  # log of the occurrences of that run in the page
    "segment_is_line",  # the run is the whole line
    "doc_position",  # where in the page the character is
    "spam_prior",  # how much more often the character is in spam terms than in prose
)

_DECORATION_RE = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\u2b55★☆◆◇■□●○►▶【】]")
_PUNCT_RE = re.compile(
    r"[\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    r"!-/:-@\[-`{-~—–…·•|]"
)


@lru_cache(maxsize=1)
def _char_classes() -> npt.NDArray[np.int8]:
    """Per BMP code point: 0 other, 1 punctuation, 2 decoration (see :data:`FEATURES`)."""
    table = np.zeros(_BMP, dtype=np.int8)
    for code in range(_BMP):
        char = chr(code)
        if _DECORATION_RE.match(char):
            table[code] = 2
        elif _PUNCT_RE.match(char):
            table[code] = 1
    return table


@lru_cache(maxsize=1)
def _char_zipf() -> Floats:
    """Zipf of each BMP character as a one-character word (0 when it is none)."""
    table = np.zeros(_BMP, dtype=np.float32)
    for word, z in word_zipf().items():
        if len(word) == 1 and ord(word) < _BMP:
            table[ord(word)] = z
    return table


def _counts(keys: npt.NDArray[np.uint64]) -> Floats:
    """log1p of how often each element's value occurs in the array."""
    _unique, inverse, counts = np.unique(keys, return_inverse=True, return_counts=True)
    return np.log1p(counts[inverse]).astype(np.float32)


def _cover(values: Floats, length: int) -> Floats:
    """For each position, the largest of ``values[i]`` over stretches ``[i, i + length)``
    covering it."""
    out = values.copy()
    for shift in range(1, length):
        out[shift:] = np.maximum(out[shift:], values[:-shift])
    return out


def _line_ids(newline: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """The line number of each character (a line break belongs to the line it ends)."""
    return np.concatenate(([0], np.cumsum(newline[:-1]))) if newline.size else np.zeros(0, int)


def _runs(breaks: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """An id per character: runs between break characters share one (each break its own)."""
    starts = breaks | np.concatenate(([True], breaks[:-1]))
    return np.cumsum(starts) - 1


#: line breaks between pages batched together (and around them): no word, join or context
#: reaches across
SEPARATOR = "\n" * (max(JOIN_LENGTHS) + 2)
#: bits of a page's key in its characters' repeat keys (pages per batch stay below 2**20)
_PAGE_SHIFT = np.uint64(42)


def char_features(text: str, prior: Floats | None = None) -> Floats:
    """One row of :data:`FEATURES` per character of ``text`` (float32, ``len(text)`` rows).

    ``prior`` is the spam prior of every BMP character (Simplified), see
    :func:`~shanhai_nlp.spam.learned.training.spam_prior`; without it that column is 0.
    """
    rows, _pages = page_features([text], prior)
    return rows


def page_rows(
    texts: Sequence[str], prior: Floats | None = None, context: Sequence[int] = CONTEXT
) -> Floats:
    """What the model reads: each character's features followed by its neighbours' (zeros
    past its page's ends), for every character of ``texts`` in order. Each text is one page
    (its repeats and lines are features); they are computed together, as arrays."""
    rows, pages = page_features(texts, prior)
    return with_context(rows, tuple(context), pages=pages)


def page_features(
    texts: Sequence[str], prior: Floats | None = None
) -> tuple[Floats, npt.NDArray[np.int64]]:
    """The features of every character of ``texts`` in order, and each one's page number."""
    rows, pages = joined_features(texts, prior)
    keep = pages >= 0
    return rows[keep], pages[keep]


def joined_features(
    texts: Sequence[str], prior: Floats | None = None
) -> tuple[Floats, npt.NDArray[np.int64]]:
    """The features of every character of ``texts`` joined by :data:`SEPARATOR` (one before
    the first and after the last too), and each row's page number: -1 for the separators,
    whose rows are zeros. Each page's rows are therefore at least ``len(SEPARATOR)`` rows
    from another page's, and the rows past a page's ends are zeros, as in
    :func:`with_context`."""
    joined = SEPARATOR + SEPARATOR.join(texts) + SEPARATOR
    pages = np.full(len(joined), -1, dtype=np.int64)
    pos = len(SEPARATOR)
    for k, text in enumerate(texts):
        pages[pos : pos + len(text)] = k
        pos += len(text) + len(SEPARATOR)
    rows = _features(joined, pages, prior)
    rows[pages < 0] = 0
    return rows, pages


def _features(text: str, pages: npt.NDArray[np.int64], prior: Floats | None) -> Floats:
    """:data:`FEATURES` of every character of pages joined by :data:`SEPARATOR` (``pages``:
    each character's page, -1 in the separators)."""
    n = len(text)
    out = np.zeros((n, len(FEATURES)), dtype=np.float32, order="F")  # written column by column
    col = {name: k for k, name in enumerate(FEATURES)}
    raw = code_points(text)
    s = simplify_codes(raw)
    bmp = np.minimum(s, _BMP - 1)
    cjk = cjk_mask(s)
    digit = digit_mask(raw)
    latin = ((raw | 0x20) >= ord("a")) & ((raw | 0x20) <= ord("z"))
    newline = raw == ord("\n")
    space = np.isin(raw, np.array([32, 9, 13, 0x3000], dtype=np.uint32))
    classes = _char_classes()[bmp]
    decoration = (classes == 2) | ((raw >= 0x1F300) & (raw < 0x1FB00))
    punct = classes == 1
    kinds = script_kinds(raw)
    traditional, simplified = kinds == 1, kinds == 2
    # the page's minority script: the one of its script-only characters that is rarer
    page = pages + 1  # 0 for the separators: none of their counts mixes with a page's
    more_simplified = np.bincount(page, weights=simplified) > np.bincount(page, weights=traditional)
    minority = np.where(more_simplified[page], traditional, simplified)
    for name, values in (
        ("cjk", cjk),
        ("latin", latin),
        ("digit", digit),
        ("space", space),
        ("newline", newline),
        ("punct", punct),
        ("decoration", decoration),
        ("traditional_only", traditional),
        ("simplified_only", simplified),
        ("other_script", minority),
    ):
        out[:, col[name]] = values
    out[:, col["char_zipf"]] = _char_zipf()[bmp]
    _joins(out, col, s, raw)
    _repeats(out, col, s, page)
    _lines(out, col, text, raw, page, newline, breaks=newline | space | punct | decoration)
    if prior is not None:
        out[:, col["spam_prior"]] = prior[bmp]
    return out


def _joins(out: Floats, col: dict[str, int], s: Codes, raw: Codes) -> None:
    """Bonds with the neighbours, and joins made by removing a stretch (the text starts and
    ends with :data:`SEPARATOR`, so every stretch tried lies inside it)."""
    n = len(s)
    bond = bonds(s)
    out[:, col["bond_left"]] = bond[:n]
    out[:, col["bond_right"]] = bond[1:]
    join_start = np.zeros(n, np.float32)
    join_end = np.zeros(n, np.float32)
    join_cover = np.zeros(n, np.float32)
    number_cover = np.zeros(n, np.float32)
    for length, starts, word, number in stretch_joins(raw, s, JOIN_LENGTHS):
        joined = np.zeros(n, np.float32)
        joined[starts] = word
        numbers = np.zeros(n, np.float32)
        numbers[starts] = number
        join_start = np.maximum(join_start, joined)
        join_end[length - 1 :] = np.maximum(join_end[length - 1 :], joined[: n - length + 1])
        join_cover = np.maximum(join_cover, _cover(joined, length))
        number_cover = np.maximum(number_cover, _cover(numbers, length))
    out[:, col["join_start"]] = join_start
    out[:, col["join_end"]] = join_end
    out[:, col["join_cover"]] = join_cover
    out[:, col["number_cover"]] = number_cover


def _repeats(out: Floats, col: dict[str, int], s: Codes, page: npt.NDArray[np.int64]) -> None:
    """How often each character, pair and three-character stretch recurs in its page."""
    page_key = page.astype(np.uint64) << _PAGE_SHIFT
    nxt = np.concatenate((s[1:], [0])).astype(np.uint32)
    char_count = _counts(s.astype(np.uint64) | page_key)
    # a pair as a number within the batch (its rank), so that a triple fits in 64 bits too
    _u, pair_rank, pair_counts = np.unique(
        pair_codes(s, nxt) | page_key, return_inverse=True, return_counts=True
    )
    prev_pair = np.concatenate(([0], pair_rank[:-1])).astype(np.uint64)
    triple_count = _counts((prev_pair << np.uint64(21)) | nxt.astype(np.uint64) | page_key)
    out[:, col["char_count"]] = char_count
    out[:, col["pair_count"]] = np.log1p(pair_counts[pair_rank])
    out[:, col["triple_count"]] = triple_count
    out[:, col["fixed_context"]] = np.expm1(triple_count) / np.expm1(char_count)


def _lines(
    out: Floats,
    col: dict[str, int],
    text: str,
    raw: Codes,
    page: npt.NDArray[np.int64],
    newline: npt.NDArray[np.bool_],
    *,
    breaks: npt.NDArray[np.bool_],
) -> None:
    """The line each character stands on, the run between punctuation around it, and where
    in its page it is."""
    n = len(text)
    line = _line_ids(newline)
    space = out[:, col["space"]] > 0
    line_len = np.bincount(line, weights=~newline & ~space)
    line_sentence = np.bincount(line, weights=np.isin(raw, _marks())) > 0
    starts = np.concatenate(([0], np.flatnonzero(newline) + 1))[: line_len.size]
    index = np.arange(n)
    in_line = index - starts[line]
    full = np.bincount(line)
    page_start = np.full(page.max() + 1, n)
    np.minimum.at(page_start, page, index)
    page_len = np.bincount(page)
    out[:, col["line_length"]] = np.log1p(line_len[line])
    out[:, col["line_sentence"]] = line_sentence[line]
    out[:, col["line_short"]] = line_len[line] <= 20
    out[:, col["first_line"]] = line == line[page_start[page]]
    out[:, col["line_position"]] = in_line / np.maximum(full[line] - 1, 1)
    out[:, col["line_end_distance"]] = np.log1p(full[line] - 1 - in_line)
    run = _runs(breaks)
    run_len = np.bincount(run)
    out[:, col["segment_length"]] = np.where(breaks, 0, np.log1p(run_len[run]))
    run_start = np.concatenate(([0], np.cumsum(run_len)[:-1]))  # runs are consecutive
    ids: dict[str, int] = {}  # each distinct run's text as a number
    run_ids = np.array(
        [
            ids.setdefault(text[a : a + length], len(ids))
            for a, length in zip(run_start.tolist(), run_len.tolist(), strict=True)
        ],
        dtype=np.uint64,
    )
    run_page = page[run_start].astype(np.uint64)
    run_count = _counts(run_ids | (run_page << _PAGE_SHIFT))
    out[:, col["segment_count"]] = np.where(breaks, 0, run_count[run])
    out[:, col["segment_is_line"]] = ~breaks & (run_len[run] == line_len[line])
    out[:, col["doc_position"]] = (index - page_start[page]) / np.maximum(page_len[page] - 1, 1)


@lru_cache(maxsize=1)
def _marks() -> Codes:
    return code_points(SENTENCE_MARKS)


def with_context(
    features: Floats,
    offsets: tuple[int, ...] = CONTEXT,
    *,
    pages: npt.NDArray[np.int64] | None = None,
) -> Floats:
    """Each row followed by the rows ``offsets`` away (zeros past the text's ends, and past
    the ends of each row's page when ``pages`` numbers them)."""
    n, width = features.shape
    out = np.zeros((n, width * (1 + len(offsets))), dtype=np.float32)
    out[:, :width] = features
    for k, shift in enumerate(offsets, start=1):
        block = out[:, k * width : (k + 1) * width]
        target, source = shifted(n, shift)
        block[target] = features[source]
        if pages is not None:
            block[target][pages[source] != pages[target]] = 0
    return out


def shifted(n: int, shift: int) -> tuple[slice, slice]:
    """Slices pairing each row of ``n`` with the row ``shift`` away: ``rows[target]`` get
    ``rows[source]`` (rows with no such neighbour are in neither).

    Example:
        >>> rows = list("abcde")
        >>> target, source = shifted(5, 2)
        >>> rows[target], rows[source]
        (['a', 'b', 'c'], ['c', 'd', 'e'])
        >>> shifted(1, 3)
        (slice(0, 0, None), slice(0, 0, None))
    """
    if abs(shift) >= n:
        return slice(0, 0), slice(0, 0)
    if shift >= 0:
        return slice(0, n - shift), slice(shift, n)
    return slice(-shift, n), slice(0, n + shift)
