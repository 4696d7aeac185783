"""Exact multi-pattern spam matching with an Aho–Corasick automaton (pyahocorasick).

Matches are longest-leftmost and non-overlapping; matching is case-insensitive for ASCII and
works inside numbers and words. A run of ASCII letters glued to the end of a match is part of
the token (包養網dcard, 包養價格ptt), whether or not the lexicon lists that tail.

A large lexicon's automaton reads UTF-8 bytes, not characters. pyahocorasick looks a node's
children up one by one, so a character automaton slows down with every distinct first character
of its terms (the root of a lexicon of a few thousand CJK terms has thousands of children); over
bytes a node has at most 256 children and the root only a handful of lead bytes. Below
:data:`BYTES_ABOVE` distinct first characters, characters are faster (the text need not be
encoded and is a third as long). ``bench/lexicon_scaling.py`` measures both. Over bytes, matches
still start and end on character boundaries (a term is whole UTF-8 sequences), and
leftmost-longest is the same as over characters (two terms matching at one place are a prefix
of each other).

:meth:`LexiconDetector.matches_many` finds the same matches in many short texts at once with
arrays (the `auto` detector's windows): the characters that start a term, then the longest
term at each by rolling hashes of the characters from there, one length at a time; the
characters behind each hash are compared. It takes no Python step per character: on the
synthetic corpus it is 2.2 times as fast as the automaton with the ``auto`` detector's lexicon,
and 4 to 8 times with lexicons of random terms (``bench/lexicon_scaling.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property, lru_cache
from typing import NamedTuple

import ahocorasick
import numpy as np
import numpy.typing as npt

from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.resources import lexicon_families, read_lexicon
from shanhai_nlp.spam.base import batched, detectors, normalise_spans
from shanhai_nlp.text.script import code_points, from_code_points

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_UPPER_RE = re.compile("[A-Z]")
#: distinct first characters of the terms above which the automaton reads bytes (measured: the
#: two are even at about 50)
BYTES_ABOVE = 64
#: the family the `lexicon` detector ships by default: the seed article's
DEFAULT_FAMILIES = ("sugar_daddy",)


@lru_cache(maxsize=4)
def _converter(config: str) -> object:
    import opencc

    return opencc.OpenCC(f"{config}.json")


def both_scripts(term: str) -> set[str]:
    """A term in its own, its Simplified and its Traditional form (ASCII lower-cased).

    Example:
        >>> sorted(both_scripts("包養網DCARD"))
        ['包养网dcard', '包養網dcard']
    """
    forms = {term}
    for config in ("t2s", "s2t", "s2tw"):
        forms.add(_converter(config).convert(term))  # type: ignore[attr-defined]
    return {f.translate(_ASCII_LOWER) for f in forms}


def utf8_symbols(text: str) -> str:
    """``text`` as its UTF-8 bytes, one character per byte: what the automaton reads.

    Example:
        >>> len(utf8_symbols("包養ab")), utf8_symbols("ab")
        (8, 'ab')
    """
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


class LexiconMatch(NamedTuple):
    """One match: character offsets (end exclusive) and the term's family (a tuple: cheap to
    make by the thousand)."""

    start: int
    end: int
    family: str


#: the base of the rolling hash :meth:`LexiconDetector.matches_many` looks terms up by
_HASH_BASE = 0x100000001B3
_HASH_MASK = (1 << 64) - 1
#: every code point lies below this
_CODE_POINTS = 0x110000


def _hash(form: str) -> int:
    """The rolling hash of ``form`` (what :meth:`LexiconDetector.matches_many` computes with
    arrays: ``h * base + code point`` per character, modulo 2**64)."""
    h = 0
    for char in form:
        h = (h * _HASH_BASE + ord(char)) & _HASH_MASK
    return h


class _FormIndex:
    """The lexicon's forms as arrays, for :meth:`LexiconDetector.matches_many`: which characters
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
            which = {_hash(form[:n]): -1 for form in forms if len(form) > n}
            which.update({_hash(form): k for k, form in enumerate(forms) if len(form) == n})
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


class LexiconDetector:
    """Find lexicon terms of one or more families.

    Example:
        >>> detect = LexiconDetector.from_families(["sugar_daddy"])
        >>> [s.text for s in detect("向畢節提供資金3包養.77億元,采包養網dcard購")]
        ['包養', '包養網dcard']
    """

    def __init__(
        self,
        terms: Iterable[tuple[str, str]],
        *,
        name: str = "lexicon",
        over_bytes: bool | None = None,
    ) -> None:
        self.name = name
        forms = {(form, family) for term, family in terms for form in both_scripts(term)}
        if not forms:
            raise ValueError("a lexicon detector needs at least one term")
        if any("\n" in form for form, _family in forms):
            raise ValueError("a lexicon term cannot hold a line break")
        self.first_characters = len({form[0] for form, _family in forms})
        self.longest = max(len(form) for form, _family in forms)
        self.over_bytes = self.first_characters > BYTES_ABOVE if over_bytes is None else over_bytes
        self._automaton = ahocorasick.Automaton()
        for form, family in sorted(forms):
            symbols = utf8_symbols(form) if self.over_bytes else form
            self._automaton.add_word(symbols, (len(symbols), len(form), family))
        self._automaton.make_automaton()
        #: form -> family (a form in two families: the one the automaton keeps, the last)
        self._families = dict(sorted(forms))

    @classmethod
    def from_families(cls, families: Iterable[str], *, name: str = "lexicon") -> LexiconDetector:
        return cls(((t, f) for f in families for t in read_lexicon(f)), name=name)

    def _read(self, text: str) -> tuple[str, str]:
        """``text`` with ASCII lower-cased, and what the automaton reads of it (the same string
        when it reads characters, or when the text is ASCII)."""
        folded = text.translate(_ASCII_LOWER) if _UPPER_RE.search(text) else text  # no copy if none
        symbols = utf8_symbols(folded) if self.over_bytes and not folded.isascii() else folded
        return folded, symbols

    def matches(self, text: str) -> list[LexiconMatch]:
        """Longest-leftmost non-overlapping matches, with ASCII-letter tails attached: at each
        place the longest term, then on from the end of its tail."""
        folded, symbols = self._read(text)
        over_bytes = symbols is not folded
        found: list[LexiconMatch] = []
        char = at = 0  # a character offset and the symbol (byte or character) offset it is at
        taken = 0  # where the last match's tail ends (a character offset)
        while at < len(symbols):
            for last, (n_symbols, n_chars, family) in self._automaton.iter_long(symbols, at):
                start = last + 1 - n_symbols
                if over_bytes:  # count the characters since the last match
                    char += len(
                        symbols[at:start].encode("latin-1").decode("utf-8", "surrogatepass")
                    )
                else:
                    char = start
                at = start
                if char < taken:  # inside the last match's ASCII tail: search again from its end
                    break
                end = char + n_chars
                while end < len(folded) and "a" <= folded[end] <= "z":
                    end += 1
                found.append(LexiconMatch(char, end, family))
                taken = end
            else:
                break
            at += taken - char  # the tail is ASCII: one symbol per character
            char = taken
        return found

    @cached_property
    def _index(self) -> _FormIndex:
        return _FormIndex(self._families)

    def matches_many(self, texts: Sequence[str]) -> list[list[LexiconMatch]]:
        """:meth:`matches` of each of ``texts``, found with arrays for all of them at once: the
        places where a term may start, then the longest term at each by rolling hashes of the
        characters from there."""
        index = self._index
        joined = "\n".join(texts) + "\n" * index.longest  # no term holds a line break
        codes = code_points(joined)
        upper = (codes >= ord("A")) & (codes <= ord("Z"))
        if upper.any():  # ASCII lower-cased, as the lexicon is
            codes = codes | (upper.astype(np.uint32) << np.uint32(5))
        starts, form = index.find(codes)
        sizes = index.sizes[np.maximum(form, 0)]
        # an ASCII-letter tail ends at the first character that is not one
        stops = np.flatnonzero((codes < ord("a")) | (codes > ord("z")))
        ends = stops[np.searchsorted(stops, starts + sizes)]
        text_starts = np.cumsum([0] + [len(t) + 1 for t in texts])
        which = np.searchsorted(text_starts, starts, side="right") - 1
        out: list[list[LexiconMatch]] = [[] for _ in texts]
        names, bases = index.names, text_starts.tolist()
        taken = 0  # where the last match's tail ends
        for start, f, end, k in zip(
            starts.tolist(), form.tolist(), ends.tolist(), which.tolist(), strict=True
        ):
            if start < taken:
                continue
            if f < 0:  # another string with a form's hash: look the form up
                folded = from_code_points(codes[start : start + index.longest])
                size = index.longest_prefix(folded)
                if not size:
                    continue
                family = index.families[folded[:size]]
                end = int(stops[np.searchsorted(stops, start + size)])
            else:
                family = names[f]
            taken = end
            out[k].append(LexiconMatch(start - bases[k], end - bases[k], family))
        return out

    def scan(self, text: str) -> int:
        """The bare automaton scan (no tails, no offsets): how many matches, for benchmarks."""
        return sum(1 for _ in self._automaton.iter_long(self._read(text)[1]))

    def __call__(self, text: str) -> list[SpamSpan]:
        return self._spans(text, self.matches(text))

    def pipe(self, texts: Iterable[str], *, batch_size: int = 256) -> Iterator[list[SpamSpan]]:
        """The spans of each of ``texts``, in order, matched ``batch_size`` texts at a time
        (:meth:`matches_many`)."""
        for batch in batched(texts, batch_size):
            for text, matches in zip(batch, self.matches_many(batch), strict=True):
                yield self._spans(text, matches)

    def _spans(self, text: str, matches: list[LexiconMatch]) -> list[SpamSpan]:
        make, name = SpamSpan.detected, self.name
        spans = [make(m.start, m.end, text[m.start : m.end], 1.0, name) for m in matches]
        return normalise_spans(spans, text)


def make_lexicon_detector() -> LexiconDetector:
    """The seed article's family (包養 …), in both scripts."""
    return LexiconDetector.from_families(DEFAULT_FAMILIES)


def make_broad_lexicon_detector() -> LexiconDetector:
    """Every shipped family, without context confirmation (an upper bound on recall)."""
    return LexiconDetector.from_families(lexicon_families(), name="lexicon_all")


detectors.register("lexicon", func=make_lexicon_detector)
detectors.register("lexicon_all", func=make_broad_lexicon_detector)
