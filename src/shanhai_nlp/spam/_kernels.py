"""Array kernels of the detectors: the work of many windows (or texts) at once, with numpy.

The signals' kernels are plain functions over a :class:`~shanhai_nlp.spam.window.WindowBatch`'s
arrays (windows joined with line breaks around each; see there); :class:`FormIndex` finds
lexicon terms in many texts at once. Each has a plain, one-at-a-time reference in the tests (or
in the detector itself: the lexicon's automaton), which it must equal; read those to see what a
kernel computes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from shanhai_nlp.spam.window import PUNCT_RE, Running
from shanhai_nlp.text.script import cjk_mask, code_points, digit_mask
from shanhai_nlp.text.words import CODE_BITS, are_adjacent_pairs, pair_codes

Ints = npt.NDArray[np.int64]
Codes = npt.NDArray[np.uint32]
Mask = npt.NDArray[np.bool_]

#: a window's script as a number (0: unknown)
SCRIPT_CODES = {"traditional": 1, "simplified": 2}
#: code points past the last one :data:`~shanhai_nlp.spam.window.PUNCT_RE` matches
_PUNCT_END = 0x1FB00


def window_of(starts: Ints, size: int) -> Ints:
    """The window of each position from ``starts[0]`` on of an array of ``size`` elements
    whose windows start at ``starts`` (each runs up to the next one's start).

    Example:
        >>> window_of(np.array([2, 5, 6]), 9).tolist()  # positions 2 to 8
        [0, 0, 0, 1, 2, 2, 2]
    """
    return np.repeat(np.arange(starts.size), np.diff(starts, append=size))


@lru_cache(maxsize=1)
def _punct_table() -> Mask:
    """Whether :data:`PUNCT_RE` matches each code point below :data:`_PUNCT_END`."""
    return np.array([bool(PUNCT_RE.match(chr(c))) for c in range(_PUNCT_END)], dtype=np.bool_)


def other_script_pieces(
    codes: Codes,
    starts: Ints,
    running: tuple[Running, Running],
    scripts: Ints,
    *,
    min_length: int,
    min_other: int,
) -> list[list[tuple[int, int]]]:
    """For each window: the pieces between punctuation of at least ``min_length`` characters
    written in the other script (``min_other`` of its characters and none of the window's),
    as offsets into the window (``scripts``: the windows' scripts as :data:`SCRIPT_CODES`)."""
    out: list[list[tuple[int, int]]] = [[] for _ in range(starts.size)]
    table = _punct_table()
    punct = np.flatnonzero((codes < _PUNCT_END) & table[np.minimum(codes, _PUNCT_END - 1)])
    first, end = punct[:-1] + 1, punct[1:]  # every piece between two marks
    long_enough = end - first >= min_length
    first, end = first[long_enough], end[long_enough]
    traditional, simplified = running
    t = traditional[end] - traditional[first]
    s = simplified[end] - simplified[first]
    window = window_of(starts, codes.size)[first - starts[0]]
    script = scripts[window]
    other, own = np.where(script == 1, s, t), np.where(script == 1, t, s)
    written = (script > 0) & (other >= min_other) & (own == 0)
    offsets = starts[window[written]]
    for w, a, b in zip(
        window[written].tolist(),
        (first[written] - offsets).tolist(),
        (end[written] - offsets).tolist(),
        strict=True,
    ):
        out[w].append((a, b))
    return out


@dataclass(frozen=True, slots=True)
class RepeatRule:
    """What :func:`repeated_bigrams` keeps: 2-grams seen ``min_repeats`` times, enough of
    whose occurrences (``min_joins``, and ``min_join_rate`` of them) might join their
    neighbours into a word of ``join_zipf`` or a number; maximal repeats grow to ``limit``."""

    min_repeats: int
    min_joins: int
    min_join_rate: float
    join_zipf: float
    limit: int


class _Groups(NamedTuple):
    """Occurrences of repeated 2-grams, group after group (positions ascending in each)."""

    positions: Ints  # every occurrence
    sizes: Ints  # occurrences per group
    heads: Ints  # each group's first in ``positions``

    @property
    def firsts(self) -> Ints:
        return self.positions[self.heads]


def _heads(sizes: Ints) -> Ints:
    return np.concatenate(([0], np.cumsum(sizes)[:-1])).astype(np.int64)


def _repeated_groups(simple: Codes, cjk: Mask, starts: Ints, min_repeats: int) -> _Groups | None:
    """Where every CJK 2-gram seen at least ``min_repeats`` times in a window occurs."""
    where = np.flatnonzero(cjk[:-1] & cjk[1:])
    if not where.size:
        return None
    window = window_of(starts, simple.size)[where - starts[0]].astype(np.uint64)
    keys = (window << np.uint64(2 * CODE_BITS)) | pair_codes(simple[where], simple[where + 1])
    order = np.argsort(keys, kind="stable")  # grouped by window and 2-gram, positions ascending
    grouped = keys[order]
    group_sizes = np.diff(
        np.flatnonzero(np.concatenate(([True], grouped[1:] != grouped[:-1], [True])))
    )
    repeated = group_sizes >= min_repeats
    if not repeated.any():
        return None
    positions = where[order[np.repeat(repeated, group_sizes)]]
    sizes = group_sizes[repeated]
    return _Groups(positions, sizes, _heads(sizes))


def _needed(sizes: Ints, rule: RepeatRule) -> npt.NDArray[np.float64]:
    """How many of a group's occurrences must pass the junction screen."""
    return np.asarray(np.maximum(rule.min_joins, rule.min_join_rate * sizes))


def _same_in_group(chars: Codes, heads: Ints) -> Mask:
    return np.asarray(np.minimum.reduceat(chars, heads) == np.maximum.reduceat(chars, heads))


def _worth_growing(simple: Codes, cjk: Mask, groups: _Groups, rule: RepeatRule) -> Mask:
    """The groups that may start a splice core: they grow (every occurrence has the same CJK
    neighbour on a side), are one character twice, or pass the junction screen as they are."""
    positions, sizes, heads = groups
    firsts = groups.firsts
    screened = screen(simple, positions, positions + 2, rule.join_zipf)
    left, right = simple[positions - 1], simple[positions + 2]
    grows = (_same_in_group(left, heads) & cjk[firsts - 1]) | (
        _same_in_group(right, heads) & cjk[firsts + 2]
    )
    doubled = simple[firsts] == simple[firsts + 1]
    passed = np.add.reduceat(screened, heads, dtype=np.int64) >= _needed(sizes, rule)
    return np.asarray(grows | doubled | passed)


def repeated_bigrams(
    simple: Codes, starts: Ints, rule: RepeatRule
) -> tuple[list[dict[str, list[int]]], list[dict[str, tuple[int, int]]]]:
    """For each window of a batch's Simplified code points: where every CJK 2-gram seen at
    least ``rule.min_repeats`` times occurs (overlapping, in order; the 2-grams in order of
    first occurrence), leaving out those that cannot start a splice core; and for each but
    those of one character twice, how its maximal repeat grows it (left, right).

    A 2-gram is hopeless when it is not one character twice (whose occurrences are counted
    without overlap) and too few of the occurrences of its maximal repeat pass the junction
    screen (:func:`screen`); the splice signal would reject it, and any 2-gram inside its
    maximal repeat as often as it. The screen runs on the 2-grams, then on the grown cores.
    """
    out: list[dict[str, list[int]]] = [{} for _ in range(starts.size)]
    growth: list[dict[str, tuple[int, int]]] = [{} for _ in range(starts.size)]
    cjk = cjk_mask(simple)
    groups = _repeated_groups(simple, cjk, starts, rule.min_repeats)
    if groups is None:
        return out, growth
    kept = _worth_growing(simple, cjk, groups, rule)
    if not kept.any():
        return out, growth
    sizes, firsts = groups.sizes[kept], groups.firsts[kept]
    doubled = simple[firsts] == simple[firsts + 1]
    heads = _heads(sizes)  # now in the kept occurrences
    windows = np.searchsorted(starts, firsts, side="right") - 1
    kept_at = groups.positions[np.repeat(kept, groups.sizes)]
    at = (kept_at - np.repeat(starts[windows], sizes)).tolist()  # offsets into each window
    room = np.where(doubled, 0, rule.limit - 2)  # one character twice: grown on the text
    lefts = grow(simple, cjk, kept_at, heads, sizes, room, -1)
    rights = grow(simple, cjk, kept_at + 1, heads, sizes, room - lefts, 1)
    core_starts = kept_at - np.repeat(lefts, sizes)
    core_ends = kept_at + 2 + np.repeat(rights, sizes)
    screened = screen(simple, core_starts, core_ends, rule.join_zipf)
    passed = np.add.reduceat(screened, heads, dtype=np.int64) >= _needed(sizes, rule)
    promising = doubled | passed
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


def screen(simple: Codes, starts: Ints, ends: Ints, floor: float) -> Mask:
    """The junction screen of cores at ``[starts, ends)`` by their two sides: whether a word
    of ``floor`` might form across the core's removal, with at most one character of growth
    (or a number: a digit on the left). The batch's padding keeps the sides inside."""
    left, right = simple[starts - 1], simple[ends]
    left2, right2 = simple[starts - 2], simple[ends + 1]
    return np.asarray(
        are_adjacent_pairs(left, right, floor)
        | are_adjacent_pairs(left2, right, floor)
        | are_adjacent_pairs(left, right2, floor)
        | digit_mask(left)
        | digit_mask(left2)
    )


def grow(
    simple: Codes,
    cjk: Mask,
    edges: Ints,
    heads: Ints,
    sizes: Ints,
    room: Ints,
    direction: int,
) -> Ints:
    """A maximal repeat's growth on one side, for groups of occurrences at once: how many
    characters each group grows by in ``direction`` (-1: left, 1: right) while every
    occurrence has the same CJK character next to it, up to ``room`` characters. ``edges``
    holds each occurrence's outermost character on that side; a group's occurrences are in
    order, from ``heads`` on, ``sizes`` of them."""
    grown = np.zeros(heads.size, dtype=np.int64)
    active = np.flatnonzero(room > 0)
    step = 1
    while active.size:
        sub_sizes = sizes[active]
        sub_heads = _heads(sub_sizes)
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


#: the base of the rolling hash the lexicon's ``matches_many`` looks terms up by
_HASH_BASE = 0x100000001B3
_HASH_MASK = (1 << 64) - 1
#: every code point lies below this
_CODE_POINTS = 0x110000


def rolling_hash(form: str) -> int:
    """The rolling hash of ``form`` (what :meth:`FormIndex.find` computes with arrays:
    ``h * base + code point`` per character, modulo 2**64)."""
    h = 0
    for char in form:
        h = (h * _HASH_BASE + ord(char)) & _HASH_MASK
    return h


class FormIndex:
    """The lexicon's forms as arrays, for the lexicon's ``matches_many``: which characters
    start a form; for each length, the sorted hashes of the forms' prefixes of that length and
    which form each one is (-1: only a prefix); the forms' code points (padded with 0)."""

    def __init__(self, families: dict[str, str]) -> None:
        forms = list(families)
        self.families = families
        self.names = [families[form] for form in forms]
        self.longest = max(map(len, forms))
        self.first = np.zeros(_CODE_POINTS, dtype=np.bool_)
        self.first[[ord(form[0]) for form in forms]] = True
        self.second = np.zeros(_CODE_POINTS, dtype=np.bool_)
        self.second[[ord(form[1]) for form in forms if len(form) > 1]] = True
        self.sizes = np.array([len(form) for form in forms], dtype=np.int64)
        self.codes = np.zeros((len(forms), self.longest), dtype=np.uint32)
        for k, form in enumerate(forms):
            self.codes[k, : len(form)] = code_points(form)
        self.prefixes: list[npt.NDArray[np.uint64]] = [np.zeros(0, dtype=np.uint64)]
        self.form_of: list[npt.NDArray[np.int64]] = [np.zeros(0, dtype=np.int64)]
        for n in range(1, self.longest + 1):
            which = {rolling_hash(form[:n]): -1 for form in forms if len(form) > n}
            which.update({rolling_hash(form): k for k, form in enumerate(forms) if len(form) == n})
            hashes = sorted(which)
            self.prefixes.append(np.array(hashes, dtype=np.uint64))
            self.form_of.append(np.array([which[h] for h in hashes], dtype=np.int64))

    def longest_prefix(self, folded: str) -> int:
        """The length of the longest form that starts ``folded`` (0: none), looked up form by
        form."""
        return next((n for n in range(self.longest, 0, -1) if folded[:n] in self.families), 0)

    def find(self, codes: npt.NDArray[np.uint32]) -> tuple[npt.NDArray[np.int64], ...]:
        """Where the longest form starts at each place of ``codes`` (padded with ``longest``
        characters no form holds): the places, the forms (-1 where a hash matched but the
        characters did not: look those up with :meth:`longest_prefix`)."""
        starts = np.flatnonzero(self.first[codes])
        form = np.full(starts.size, -1, dtype=np.int64)
        h = codes[starts].astype(np.uint64)
        if (self.form_of[1] >= 0).any():  # forms of one character
            k = np.searchsorted(self.prefixes[1], h)  # every first character is a prefix
            form = self.form_of[1][k]
        alive = np.flatnonzero(self.second[codes[starts + 1]])  # may start a longer form
        h = h[alive]
        for n in range(2, self.longest + 1):
            h = h * np.uint64(_HASH_BASE) + codes[starts[alive] + (n - 1)]
            table = self.prefixes[n]
            k = np.minimum(np.searchsorted(table, h), table.size - 1)
            known = table[k] == h
            alive, h, k = alive[known], h[known], k[known]
            found = self.form_of[n][k]
            form[alive[found >= 0]] = found[found >= 0]
        starts, form = starts[form >= 0], form[form >= 0]
        # a hash is not proof: compare the characters
        chars = codes[starts[:, None] + np.arange(self.longest)]
        same = (chars == self.codes[form]) | (np.arange(self.longest) >= self.sizes[form][:, None])
        form[~same.all(axis=1)] = -1
        return starts, form
