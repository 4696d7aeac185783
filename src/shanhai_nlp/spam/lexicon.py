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
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.resources import lexicon_families, read_lexicon
from shanhai_nlp.spam.base import detectors, normalise_spans

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
        self.first_characters = len({form[0] for form, _family in forms})
        self.longest = max(len(form) for form, _family in forms)
        self.over_bytes = self.first_characters > BYTES_ABOVE if over_bytes is None else over_bytes
        self._automaton = ahocorasick.Automaton()
        for form, family in sorted(forms):
            symbols = utf8_symbols(form) if self.over_bytes else form
            self._automaton.add_word(symbols, (len(symbols), len(form), family))
        self._automaton.make_automaton()

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
        """Longest-leftmost non-overlapping matches, with ASCII-letter tails attached."""
        folded, symbols = self._read(text)
        found: list[LexiconMatch] = []
        char = at = 0  # a character offset and the symbol (byte or character) offset it starts at
        for last, (n_symbols, n_chars, family) in self._automaton.iter_long(symbols):
            start = last + 1 - n_symbols
            if symbols is not folded:  # bytes: count the characters since the last match
                char += len(symbols[at:start].encode("latin-1").decode("utf-8", "surrogatepass"))
            else:
                char = start
            at = start
            if found and char < found[-1].end:  # inside the previous match's ASCII tail
                continue
            end = char + n_chars
            while end < len(folded) and "a" <= folded[end] <= "z":
                end += 1
            found.append(LexiconMatch(char, end, family))
        return found

    def scan(self, text: str) -> int:
        """The bare automaton scan (no tails, no offsets): how many matches, for benchmarks."""
        return sum(1 for _ in self._automaton.iter_long(self._read(text)[1]))

    def __call__(self, text: str) -> list[SpamSpan]:
        spans = [
            SpamSpan(start=m.start, end=m.end, text=text[m.start : m.end], detector=self.name)
            for m in self.matches(text)
        ]
        return normalise_spans(spans, text)


def make_lexicon_detector() -> LexiconDetector:
    """The seed article's family (包養 …), in both scripts."""
    return LexiconDetector.from_families(DEFAULT_FAMILIES)


def make_broad_lexicon_detector() -> LexiconDetector:
    """Every shipped family, without context confirmation (an upper bound on recall)."""
    return LexiconDetector.from_families(lexicon_families(), name="lexicon_all")


detectors.register("lexicon", func=make_lexicon_detector)
detectors.register("lexicon_all", func=make_broad_lexicon_detector)
