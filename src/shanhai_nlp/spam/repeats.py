"""Other occurrences of a string found injected: SEO injection repeats its few tokens.

A template puts the same token at many places of a page; evidence shows it injected at one or
two (removing it joins a word there), and nothing local shows it at the others (it replaced a
character, or stands between two words). Every other occurrence of a string the learned
detector confirmed counts too, when the occurrences stand between varied neighbours, as tokens
dropped at random places do, and where the model leans injected too. A term of the page
repeats in its own few contexts (全域性變數 and 區域性變數: one left neighbour or two, for
five occurrences) and is left alone.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from shanhai_nlp.spam.base import Found
from shanhai_nlp.spam.signals.splice.cores import occurrences

#: strings shorter than this are not repeated (two characters are often a word of the page)
MIN_CHARS = 3
#: the share of occurrences that must have a left (and a right) neighbour of their own
MIN_DIVERSITY = 0.5
#: the learned model's least mean probability over another occurrence for it to count (below
#: the threshold of its runs: the model leans injected there, and the confirmed string says so)
MIN_PROBABILITY = 0.8


def varied_neighbours(text: str, places: list[int], length: int) -> bool:
    """Whether occurrences at ``places`` stand between varied neighbours: at least
    :data:`MIN_DIVERSITY` of them have a left neighbour of their own, and a right one.

    Example:
        >>> text = "全域性變數或區域性變數，區域性變數的名字是區域性變數的區域性變數"
        >>> varied_neighbours(text, occurrences(text, "域性變數"), 4)
        False
    """
    lefts = {text[p - 1 : p] for p in places}
    rights = {text[p + length : p + length + 1] for p in places}
    return min(len(lefts), len(rights)) >= MIN_DIVERSITY * len(places)


def repeated(
    text: str,
    extents: Iterable[tuple[int, int]],
    probs: npt.NDArray[np.float32] | None = None,
    *,
    score: float,
    name: str = "auto.repeat",
    min_probability: float = MIN_PROBABILITY,
) -> list[Found]:
    """Every occurrence in ``text`` of each string ``extents`` cover (of at least
    :data:`MIN_CHARS` characters, occurring at least twice between varied neighbours), scored
    ``score`` under ``name``. With ``probs`` (the learned model's, per character of ``text``),
    only the occurrences where their mean is at least ``min_probability``.

    Example:
        >>> text = "不斷拓展幫澳門賭場扶領域，澳門賭場今年投入資金"
        >>> found = repeated(text, [(5, 9)], score=0.6)
        >>> [(start, end, text[start:end]) for start, end, _score, _name in found]
        [(5, 9, '澳門賭場'), (13, 17, '澳門賭場')]
    """
    out: list[Found] = []
    for string in sorted({text[start:end] for start, end in extents}):
        if len(string.strip()) < MIN_CHARS:
            continue
        places = occurrences(text, string)
        if len(places) < 2 or not varied_neighbours(text, places, len(string)):
            continue
        n = len(string)
        if probs is not None:
            places = [p for p in places if float(probs[p : p + n].mean()) >= min_probability]
        out.extend((p, p + n, score, name) for p in places)
    return out
