"""Junctions as arrays: where removing a stretch of letters joins its neighbours.

A token injected inside a word (幫|包養網|扶) leaves a junction behind: its edges split no word
(幫包 and 網扶 are none), and taking it out joins its neighbours into one (幫扶), or into a
number (3|包養|.77). The learned detector's features (:mod:`.learned.features`) and crawl
mining (:mod:`.mine`) test every stretch of a text this way, on code points, many stretch
lengths at a time. :meth:`~shanhai_nlp.spam.window.Window.joins` is the same test for one
stretch, with longer joined words.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from shanhai_nlp.text.script import cjk_mask, digit_mask
from shanhai_nlp.text.words import numbered_pair_zipf, pair_numbers

Codes = npt.NDArray[np.uint32]
Floats = npt.NDArray[np.float32]
Mask = npt.NDArray[np.bool_]
#: a junction whose two sides form a word at least this common is a word bond (Zipf scale)
BOND_ZIPF = 3.0


def letter_mask(raw: Codes, simple: Codes) -> Mask:
    """CJK ideographs and Latin letters: what an injected token is made of."""
    folded = raw | 0x20
    return cjk_mask(simple) | ((folded >= ord("a")) & (folded <= ord("z")))


def bonds(simple: Codes) -> Floats:
    """``bonds[k]``: the Zipf of ``simple[k - 1] + simple[k]`` as a word (0 for none, and at
    both ends), ``len(simple) + 1`` values."""
    return _numbered_bonds(pair_numbers(simple))


def _numbered_bonds(numbers: npt.NDArray[np.int32]) -> Floats:
    """:func:`bonds` of characters numbered by :func:`~shanhai_nlp.text.words.pair_numbers`."""
    n = len(numbers)
    out = np.zeros(n + 1, np.float32)
    if n > 1:
        out[1:n] = numbered_pair_zipf(numbers[:-1], numbers[1:])
    return out


class StretchJoins(NamedTuple):
    """The stretches ``[i, i + length)`` of one length, for every ``i`` of ``starts``."""

    length: int
    starts: npt.NDArray[np.int64]
    #: Zipf of the word its neighbours make once it is removed (0 unless the stretch holds
    #: only letters and its edges split no word)
    word: Floats
    #: removing it joins two digits into one number (a digit, or a decimal point, after it)
    number: Mask


def stretch_joins(raw: Codes, simple: Codes, lengths: Iterable[int]) -> Iterator[StretchJoins]:
    """For each length, every stretch between a character before it and one after it: how
    well its neighbours join once it is removed. ``raw`` should start and end with a
    non-letter (a line break), so that every stretch has both neighbours.

    Example:
        >>> from shanhai_nlp.text.script import code_points, simplify_codes
        >>> raw = code_points("\\n幫包養網扶\\n")
        >>> found = next(stretch_joins(raw, simplify_codes(raw), [3]))
        >>> [(int(i), round(float(z), 1)) for i, z in zip(found.starts, found.word) if z]
        [(2, 3.2)]
    """
    n = len(raw)
    letter = letter_mask(raw, simple)
    digit = digit_mask(raw)
    point = raw == ord(".")
    numbers = pair_numbers(simple)  # look-ups of many pairs of these characters follow
    weak = _numbered_bonds(numbers) < BOND_ZIPF  # a junction here splits no word
    stops = np.concatenate(([0], np.cumsum(~letter)))  # running count of non-letters
    for length in lengths:
        i = np.arange(1, max(1, n - length))
        inside = (stops[i + length] == stops[i]) & weak[i] & weak[i + length]
        at = i[inside]  # only these can join: look their neighbours up
        word = np.zeros(i.size, np.float32)
        word[inside] = numbered_pair_zipf(numbers[at - 1], numbers[at + length])
        number = inside & digit[i - 1] & (digit[i + length] | point[i + length])
        yield StretchJoins(length, i, word, number)
