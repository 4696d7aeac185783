"""General Chinese word frequencies (wordfreq's ``zh`` list), for splice and boundary tests.

The list is Simplified; look words up in the Simplified view (:func:`~.script.simplify_chars`).
Frequencies are expressed on wordfreq's Zipf scale (log10 of occurrences per billion words):
3 is a word seen once per million words, 6 one seen once per thousand.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from shanhai_nlp.text.script import is_cjk

#: Words rarer than this (Zipf 2 = once per 100 million words) are ignored as noise.
MIN_ZIPF = 2.0


@lru_cache(maxsize=1)
def word_zipf() -> dict[str, float]:
    """Zipf frequency of every 1- to 4-character word at or above :data:`MIN_ZIPF`."""
    import wordfreq

    floor = 10 ** (MIN_ZIPF - 9)
    return {
        word: math.log10(freq) + 9
        for word, freq in wordfreq.get_frequency_dict("zh", wordlist="large").items()
        if 1 <= len(word) <= 4 and freq >= floor
    }


def zipf(word: str) -> float:
    """Zipf frequency of ``word`` (Simplified), 0.0 when unknown.

    Example:
        >>> zipf("帮扶") > 3 > zipf("扶比")
        True
    """
    return word_zipf().get(word, 0.0)


def rare_words(simple: str, most: float) -> set[str]:
    """The two-character CJK words of ``simple`` (Simplified) that the list holds and that are
    no more common than ``most``: words of a subject rather than of the language (博彩, not 网站).

    Example:
        >>> sorted(rare_words("澳门博彩网站", 4.5))
        ['博彩']
    """
    table = word_zipf()
    grams = {simple[k : k + 2] for k in range(len(simple) - 1)}
    return {w for w in grams if 0 < table.get(w, 0.0) <= most and is_cjk(w[0]) and is_cjk(w[1])}


@lru_cache(maxsize=4)
def adjacent_pairs(min_zipf: float) -> frozenset[str]:
    """Every two adjacent CJK characters inside a word of at least ``min_zipf``.

    A Chinese word can only form across a junction whose two sides are such a pair, so testing
    the pair first settles most junctions with one look-up.

    Example:
        >>> "帮扶" in adjacent_pairs(3.0), "扶比" in adjacent_pairs(3.0)
        (True, False)
    """
    pairs = (
        word[k : k + 2]
        for word, z in word_zipf().items()
        if z >= min_zipf
        for k in range(len(word) - 1)
    )
    return frozenset(p for p in pairs if is_cjk(p[0]) and is_cjk(p[1]))


#: bits of a code point in :func:`pair_codes` (Unicode ends below 2**21)
CODE_BITS = 21
#: the Basic Multilingual Plane, where every CJK character of a word lies
_BMP = 0x10000


def pair_codes(
    first: npt.NDArray[np.uint32], second: npt.NDArray[np.uint32]
) -> npt.NDArray[np.uint64]:
    """Two-character strings as numbers, element by element (``first`` in the high bits)."""
    return (first.astype(np.uint64) << np.uint64(CODE_BITS)) | second.astype(np.uint64)


@lru_cache(maxsize=4)
def _pair_table(min_zipf: float) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.uint8], int]:
    """:func:`adjacent_pairs` as a bit table: each character of a pair has a number (by code
    point; 0 for characters in no pair), and bit ``first * size + second`` tells whether the two
    make a pair. Every such character is in the BMP."""
    pairs = adjacent_pairs(min_zipf)
    chars = sorted({c for pair in pairs for c in pair})
    numbers = np.zeros(_BMP, dtype=np.int64)
    numbers[[ord(c) for c in chars]] = np.arange(1, len(chars) + 1)
    size = len(chars) + 1
    member = np.zeros(size * size, dtype=np.bool_)
    member[[numbers[ord(p[0])] * size + numbers[ord(p[1])] for p in pairs]] = True
    return numbers, np.packbits(member, bitorder="little"), size


def are_adjacent_pairs(
    first: npt.NDArray[np.uint32], second: npt.NDArray[np.uint32], min_zipf: float
) -> npt.NDArray[np.bool_]:
    """Whether each ``first[k] + second[k]`` is in :func:`adjacent_pairs` (``min_zipf``)."""
    numbers, bits, size = _pair_table(min_zipf)
    index = numbers[np.minimum(first, _BMP - 1)] * size + numbers[np.minimum(second, _BMP - 1)]
    return np.asarray((bits[index >> 3] >> (index & 7)) & 1, dtype=np.bool_)


#: Zipf values are kept in tenths (one byte each) in the pair table
_TENTHS = 10


@lru_cache(maxsize=1)
def _pair_zipf_table() -> tuple[npt.NDArray[np.int32], npt.NDArray[np.uint8], int]:
    """Two-character words as a table: each character of one has a number (0 for the others)
    and ``table[first * size + second]`` is the word's Zipf in tenths (0: no word)."""
    words = [(w, z) for w, z in word_zipf().items() if len(w) == 2 and max(map(ord, w)) < _BMP]
    chars = sorted({c for w, _z in words for c in w})
    numbers = np.zeros(_BMP, dtype=np.int32)
    numbers[[ord(c) for c in chars]] = np.arange(1, len(chars) + 1)
    size = len(chars) + 1
    table = np.zeros(size * size, dtype=np.uint8)
    for word, z in words:
        table[numbers[ord(word[0])] * size + numbers[ord(word[1])]] = round(z * _TENTHS)
    return numbers, table, size


def pair_zipf(
    first: npt.NDArray[np.uint32], second: npt.NDArray[np.uint32]
) -> npt.NDArray[np.float32]:
    """Zipf of each two-character word ``first[k] + second[k]`` (0 when it is no word), to a
    tenth.

    Example:
        >>> from shanhai_nlp.text.script import code_points
        >>> [round(z, 1) for z in pair_zipf(code_points("帮扶"), code_points("扶比")).tolist()]
        [3.2, 0.0]
    """
    return numbered_pair_zipf(pair_numbers(first), pair_numbers(second))


def pair_numbers(codes: npt.NDArray[np.uint32]) -> npt.NDArray[np.int32]:
    """Each code point's number in the table of two-character words (0: in no such word), for
    :func:`numbered_pair_zipf`: number a text once, then look up many pairs of it."""
    numbers, _table, _size = _pair_zipf_table()
    return numbers[np.minimum(codes, _BMP - 1)]


def numbered_pair_zipf(
    first: npt.NDArray[np.int32], second: npt.NDArray[np.int32]
) -> npt.NDArray[np.float32]:
    """:func:`pair_zipf` on characters numbered by :func:`pair_numbers`."""
    _numbers, table, size = _pair_zipf_table()
    index = first.astype(np.int64) * size + second
    zipfs: npt.NDArray[np.float32] = table[index].astype(np.float32) / np.float32(_TENTHS)
    return zipfs


#: the cost (log10 probability) of a character the list holds no word for
_UNKNOWN_CHAR = MIN_ZIPF - 9 - 1


def segment(simple: str) -> list[str]:
    """The most probable split of ``simple`` (Simplified) into the list's words, one to four
    characters each, as a unigram model: each word's probability is its frequency, and a
    character in no listed word costs less than the rarest listed word.

    Example:
        >>> segment("四个数字"), segment("一个帮扶对象")
        (['四个', '数字'], ['一个', '帮扶', '对象'])
    """
    table = word_zipf()
    n = len(simple)
    best = [0.0] + [-math.inf] * n  # best[k]: log10 probability of the best split of simple[:k]
    back = [0] * (n + 1)  # back[k]: where the last word of that split starts
    for end in range(1, n + 1):
        for start in range(max(0, end - 4), end):
            z = table.get(simple[start:end], 0.0)
            if z == 0.0 and end - start > 1:
                continue
            score = best[start] + (z - 9 if z else _UNKNOWN_CHAR)
            if score > best[end]:
                best[end], back[end] = score, start
    words, end = [], n
    while end > 0:
        words.append(simple[back[end] : end])
        end = back[end]
    return words[::-1]


def word_across(simple: str, k: int) -> bool:
    """Whether the most probable split of ``simple`` (:func:`segment`) puts characters
    ``k - 1`` and ``k`` into one word.

    Example:
        >>> word_across("一个帮扶对象", 3), word_across("四个数字", 2)
        (True, False)
    """
    position = 0
    for word in segment(simple):
        if position < k < position + len(word):
            return True
        position += len(word)
    return False
