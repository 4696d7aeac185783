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


def pair_codes(
    first: npt.NDArray[np.uint32], second: npt.NDArray[np.uint32]
) -> npt.NDArray[np.uint64]:
    """Two-character strings as numbers, element by element (``first`` in the high bits)."""
    return (first.astype(np.uint64) << np.uint64(CODE_BITS)) | second.astype(np.uint64)


@lru_cache(maxsize=4)
def adjacent_pair_codes(min_zipf: float) -> npt.NDArray[np.uint64]:
    """:func:`adjacent_pairs` as sorted :func:`pair_codes`, for testing arrays of pairs."""
    pairs = sorted(adjacent_pairs(min_zipf))
    return np.unique(
        pair_codes(
            np.array([ord(p[0]) for p in pairs], dtype=np.uint32),
            np.array([ord(p[1]) for p in pairs], dtype=np.uint32),
        )
    )


def are_adjacent_pairs(
    first: npt.NDArray[np.uint32], second: npt.NDArray[np.uint32], min_zipf: float
) -> npt.NDArray[np.bool_]:
    """Whether each ``first[k] + second[k]`` is in :func:`adjacent_pairs` (``min_zipf``)."""
    known = adjacent_pair_codes(min_zipf)
    if not known.size:
        return np.zeros(first.shape, dtype=np.bool_)
    wanted = pair_codes(first, second)
    at = np.minimum(np.searchsorted(known, wanted), known.size - 1)
    return np.asarray(known[at] == wanted)
