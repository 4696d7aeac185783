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
characters behind each hash are compared (:class:`~shanhai_nlp.spam._kernels.FormIndex`). It
takes no Python step per character; ``bench/lexicon_scaling.py`` compares it with the automaton.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property, lru_cache
from typing import NamedTuple

import ahocorasick
import numpy as np

from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.resources import lexicon_families, read_lexicon
from shanhai_nlp.spam._kernels import FormIndex
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
            raise ShanhaiError("a lexicon detector needs at least one term")
        if any("\n" in form for form, _family in forms):
            raise ShanhaiError("a lexicon term cannot hold a line break")
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

    def family_forms(self) -> dict[str, list[str]]:
        """family -> its forms (both scripts), as the detector matches them."""
        out: dict[str, list[str]] = {}
        for form, family in self._families.items():
            out.setdefault(family, []).append(form)
        return out

    @classmethod
    def from_families(
        cls,
        families: Iterable[str],
        *,
        name: str = "lexicon",
        extra: Mapping[str, Iterable[str]] | None = None,
    ) -> LexiconDetector:
        """The shipped ``families``, plus ``extra`` families (name -> terms) of a user's."""
        shipped = ((t, f) for f in families for t in read_lexicon(f))
        added = ((t, f) for f, terms in (extra or {}).items() for t in terms)
        return cls(itertools.chain(shipped, added), name=name)

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
    def _index(self) -> FormIndex:
        return FormIndex(self._families)

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
        spans = [
            SpamSpan(start=m.start, end=m.end, text=text[m.start : m.end], detector=self.name)
            for m in matches
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
