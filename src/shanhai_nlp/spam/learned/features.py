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
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from shanhai_nlp.text.script import cjk_mask, code_points, digit_mask, script_kinds, simplify_codes
from shanhai_nlp.text.words import pair_codes, word_zipf

Floats = npt.NDArray[np.float32]
Codes = npt.NDArray[np.uint32]

#: lengths of the stretches whose removal is tested for joining their neighbours
JOIN_LENGTHS = tuple(range(2, 9))
#: a junction whose two sides form a word at least this common is a word bond (Zipf scale)
BOND_ZIPF = 3.0
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


@lru_cache(maxsize=1)
def _pair_zipf() -> tuple[npt.NDArray[np.uint64], Floats]:
    """Two-character words as sorted :func:`pair_codes`, and their Zipf values."""
    pairs = sorted(
        (int(pair_codes(np.array([ord(w[0])]), np.array([ord(w[1])]))[0]), z)
        for w, z in word_zipf().items()
        if len(w) == 2
    )
    return (
        np.array([p for p, _z in pairs], dtype=np.uint64),
        np.array([z for _p, z in pairs], dtype=np.float32),
    )


def pair_zipf(first: Codes, second: Codes) -> Floats:
    """Zipf of each two-character word ``first[k] + second[k]`` (0 when it is no word)."""
    codes, values = _pair_zipf()
    wanted = pair_codes(first, second)
    at = np.minimum(np.searchsorted(codes, wanted), len(codes) - 1)
    return np.where(codes[at] == wanted, values[at], np.float32(0)).astype(np.float32)


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


def char_features(text: str, prior: Floats | None = None) -> Floats:
    """One row of :data:`FEATURES` per character of ``text`` (float32, ``len(text)`` rows).

    ``prior`` is the spam prior of every BMP character (Simplified), see
    :func:`~shanhai_nlp.spam.learned.training.spam_prior`; without it that column is 0.
    """
    n = len(text)
    out = np.zeros((n, len(FEATURES)), dtype=np.float32)
    if not n:
        return out
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
    minority = traditional if traditional.sum() < simplified.sum() else simplified
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

    # bonds and joins: pairs of characters looked up as words
    padded = np.concatenate((np.zeros(1, np.uint32), s, np.zeros(max(JOIN_LENGTHS) + 1, np.uint32)))
    bond = pair_zipf(padded[:-1], padded[1:])  # bond[k]: padded[k] + padded[k + 1]
    out[:, col["bond_left"]] = bond[:n]
    out[:, col["bond_right"]] = bond[1 : n + 1]
    is_digit = np.concatenate(([False], digit, np.zeros(max(JOIN_LENGTHS) + 1, bool)))
    is_point = np.concatenate(([False], raw == ord("."), np.zeros(max(JOIN_LENGTHS) + 1, bool)))
    join_start = np.zeros(n, np.float32)
    join_end = np.zeros(n, np.float32)
    join_cover = np.zeros(n, np.float32)
    number_cover = np.zeros(n, np.float32)
    stops = np.concatenate(([0], np.cumsum(~(cjk | latin))))  # running count of non-letters
    for length in JOIN_LENGTHS:
        if length > n:
            break  # no stretch this long fits in the text
        # the stretch [i, i + length): padded index i is the character before it
        before, after = padded[:n], padded[1 + length : 1 + length + n]
        joined = pair_zipf(before, after)
        # the stretch fits in the text and holds only CJK and Latin letters
        inside = np.zeros(n, bool)
        inside[: n - length + 1] = stops[length:] == stops[: n - length + 1]
        # ... and its edges break no word
        edges_free = (bond[:n] < BOND_ZIPF) & (bond[length : length + n] < BOND_ZIPF)
        joined = np.where(inside & edges_free, joined, np.float32(0))
        join_start = np.maximum(join_start, joined)
        ends = np.zeros(n, np.float32)
        ends[length - 1 :] = joined[: n - length + 1]
        join_end = np.maximum(join_end, ends)
        join_cover = np.maximum(join_cover, _cover(joined, length))
        number = is_digit[:n] & (is_digit[1 + length : 1 + length + n] | is_point[1 + length :][:n])
        number &= inside
        number_cover = np.maximum(number_cover, _cover(number.astype(np.float32), length))
    out[:, col["join_start"]] = join_start
    out[:, col["join_end"]] = join_end
    out[:, col["join_cover"]] = join_cover
    out[:, col["number_cover"]] = number_cover

    # repetition within the page
    nxt = np.concatenate((s[1:], [0])).astype(np.uint32)
    prev = np.concatenate(([0], s[:-1])).astype(np.uint32)
    pair = pair_codes(s, nxt)
    out[:, col["char_count"]] = _counts(s.astype(np.uint64))
    out[:, col["pair_count"]] = _counts(pair)
    triple = (pair_codes(prev, s) << np.uint64(21)) ^ nxt.astype(np.uint64)
    triple_count = _counts(triple)
    out[:, col["triple_count"]] = triple_count
    out[:, col["fixed_context"]] = np.expm1(triple_count) / np.expm1(out[:, col["char_count"]])

    # lines and the runs between punctuation
    line = _line_ids(newline)
    line_len = np.bincount(line, weights=~newline & ~space)
    line_sentence = np.bincount(line, weights=np.isin(raw, _marks())) > 0
    starts = np.concatenate(([0], np.flatnonzero(newline) + 1))[: line_len.size]
    index = np.arange(n)
    in_line = index - starts[line]
    full = np.bincount(line)
    out[:, col["line_length"]] = np.log1p(line_len[line])
    out[:, col["line_sentence"]] = line_sentence[line]
    out[:, col["line_short"]] = line_len[line] <= 20
    out[:, col["first_line"]] = line == 0
    out[:, col["line_position"]] = in_line / np.maximum(full[line] - 1, 1)
    out[:, col["line_end_distance"]] = np.log1p(full[line] - 1 - in_line)
    breaks = newline | space | punct | decoration
    run = _runs(breaks)
    run_len = np.bincount(run)
    out[:, col["segment_length"]] = np.where(breaks, 0, np.log1p(run_len[run]))
    run_text = [text[a:b] for a, b in _run_bounds(run)]
    _u, inverse, counts = np.unique(
        np.array(run_text, dtype=object), return_inverse=True, return_counts=True
    )
    out[:, col["segment_count"]] = np.where(breaks, 0, np.log1p(counts[inverse][run]))
    out[:, col["segment_is_line"]] = ~breaks & (run_len[run] == line_len[line])
    out[:, col["doc_position"]] = index / max(n - 1, 1)
    if prior is not None:
        out[:, col["spam_prior"]] = prior[bmp]
    return out


def _run_bounds(run: npt.NDArray[np.int64]) -> list[tuple[int, int]]:
    """(start, end) of each run id of :func:`_runs`, in order."""
    edges = np.flatnonzero(np.diff(run)) + 1
    starts = np.concatenate(([0], edges))
    ends = np.concatenate((edges, [run.size]))
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


@lru_cache(maxsize=1)
def _marks() -> Codes:
    return code_points(SENTENCE_MARKS)


def with_context(features: Floats, offsets: tuple[int, ...] = CONTEXT) -> Floats:
    """Each row followed by the rows ``offsets`` away (zeros past the text's ends)."""
    n, width = features.shape
    out = np.zeros((n, width * (1 + len(offsets))), dtype=np.float32)
    out[:, :width] = features
    for k, shift in enumerate(offsets, start=1):
        block = out[:, k * width : (k + 1) * width]
        if abs(shift) >= n:
            continue  # every neighbour this far lies past the text's ends
        if shift < 0:
            block[-shift:] = features[: n + shift]
        else:
            block[: n - shift] = features[shift:]
    return out
