"""Widening a splice core to the token it belongs to.

A core (the repeated string) may be only part of the injected token (養網 of 包養網, or 包養
of 包養網址), or reach into the article's own words. Each occurrence is widened by up to
``max_widen`` characters on each side (and a glued Latin tail), every extent is scored, and
the best kept: how well the text reads across the extent (the window's junction score), plus
the weights below.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from shanhai_nlp.spam.signals.splice.cores import Counts, at_least
from shanhai_nlp.spam.window import Side, Window, is_latin, is_word_char
from shanhai_nlp.text.script import CJK_RUN_RE, is_cjk
from shanhai_nlp.text.words import zipf


@dataclass(frozen=True, slots=True)
class WidenWeights:
    """The terms of an extent's score besides its junction score."""

    latin_tail: float = 1.0  # a Latin tail glued to the token (包養網dcard), a word after it
    latin_tail_alone: float = 0.5  # ... the tail right after the core, a boundary after it
    repeated_token: float = 1.0  # the grown token repeats in the window
    supported_growth: float = 0.05  # per character of growth the repetition supports
    unsupported_growth: float = 0.3  # cost per character grown without it
    repeated_unit_cut: float = 3.0  # an edge inside a unit that always goes with the token
    own_vocabulary: float = 1.0  # growing into a string the window uses elsewhere (幫扶)
    own_vocabulary_repeats: int = 2  # ... that many times more than the token
    function_word: float = 0.5  # growing into a lone very common character (說, 和, 的)
    split_word_offset: float = 2.0  # an edge splitting a common word costs its Zipf minus this
    split_repeated: float = 1.5  # an edge splitting a 2-gram the window repeats ...
    split_repeated_count: int = 3  # ... this often


@dataclass(frozen=True, slots=True)
class Extent:
    """A widened occurrence: ``[start, end)``, its score, and whether removing it joins its
    neighbours into a word or number."""

    start: int
    end: int
    score: float
    is_join: bool


class _Left(NamedTuple):
    a: int  # the extent's start
    chunk: str  # what it adds to the core
    grown: int
    edge: float  # the edge's penalty
    alone: float  # the penalty for growing into the chunk when the token is unique
    side: Side
    cjk: bool  # the extent's core and left growth are all CJK


class _Right(NamedTuple):
    b: int  # the token's end
    end: int  # the extent's end (past a Latin tail)
    latin: float  # the Latin tail's bonus
    chunk: str
    grown: int
    edge: float
    alone: float
    side: Side


class Widener:
    """Widens the occurrences of cores in one window (caching what its edges cost)."""

    def __init__(
        self,
        window: Window,
        counts: Counts,
        *,
        max_widen: int,
        cut_zipf: float,
        function_word_zipf: float,
        weights: WidenWeights,
    ) -> None:
        self.window = window
        self.counts = counts
        self.max_widen = max_widen
        self.cut_zipf = cut_zipf
        self.function_word_zipf = function_word_zipf
        self.w = weights
        self._edges: dict[int, float] = {}
        self._grown: dict[tuple[str, int], float] = {}

    def edge_penalty(self, k: int) -> float:
        """Penalty for a token edge at ``k`` that splits a common word, or a 2-gram the window
        repeats."""
        known = self._edges.get(k)
        if known is None:
            z = self.window.bigram_zipf(k)
            if z >= self.cut_zipf:
                known = z - self.w.split_word_offset
            elif (
                z > 0
                and self.counts.get(self.window.s[k - 1 : k + 1], 0) >= self.w.split_repeated_count
            ):
                known = self.w.split_repeated
            else:
                known = 0.0
            self._edges[k] = known
        return known

    def grown_into(self, chunk: str, n_token: int) -> float:
        """The penalty for growing into ``chunk`` when the token occurs ``n_token`` times."""
        key = (chunk, n_token)
        known = self._grown.get(key)
        if known is None:
            known = self._grown[key] = self._grown_into(chunk, n_token)
        return known

    def _grown_into(self, chunk: str, n_token: int) -> float:
        # growing into the window's own vocabulary (幫扶 in 幫扶|包養網) is unlikely
        if len(chunk) >= 2 and at_least(
            self.counts, chunk, n_token + self.w.own_vocabulary_repeats
        ):
            return self.w.own_vocabulary
        # a lone function word (說, 和, 的) next to the core is context, not token
        if len(chunk) == 1 and zipf(chunk) >= self.function_word_zipf:
            return self.w.function_word
        return 0.0

    def _lefts(self, i: int, j: int) -> list[_Left]:
        window, s = self.window, self.window.s
        starts = [i]
        while len(starts) <= self.max_widen and is_word_char(window.ch(starts[-1] - 1)):
            starts.append(starts[-1] - 1)
        core_cjk = bool(CJK_RUN_RE.fullmatch(s[i:j]))  # the right growth is CJK (_rights)
        return [
            _Left(
                a,
                s[a:i],
                i - a,
                self.edge_penalty(a),
                self.grown_into(s[a:i], 1),
                window.left_side(a),
                core_cjk and (a == i or bool(CJK_RUN_RE.fullmatch(s[a:i]))),
            )
            for a in starts
        ]

    def _rights(self, j: int) -> list[_Right]:
        window, s, ch = self.window, self.window.s, self.window.ch
        out = []
        for b in range(j, j + self.max_widen + 1):
            if b > j and not is_cjk(ch(b - 1)):
                break
            end, latin = b, 0.0
            if is_latin(ch(end)):  # a Latin tail glued to the token belongs to it
                while is_latin(ch(end)):
                    end += 1
                latin = (
                    self.w.latin_tail if is_word_char(ch(end)) or b > j else self.w.latin_tail_alone
                )
            chunk = s[j:b]
            out.append(
                _Right(
                    b,
                    end,
                    latin,
                    chunk,
                    b - j,
                    self.edge_penalty(end),
                    self.grown_into(chunk, 1),
                    window.right_side(end),
                )
            )
        return out

    def widen(self, i: int, j: int, around: Counter[str]) -> Extent:
        """The best extent of the core ``[i, j)``; ``around`` counts the strings that contain
        the core (:func:`~.cores.extension_counts`). Ties go to the narrower extent."""
        best: Extent | None = None
        rights = self._rights(j)
        for left in self._lefts(i, j):
            for right in rights:
                score, is_join = self._score(left, right, around)
                if (
                    best is None
                    or score > best.score
                    or (score == best.score and left.a - right.end > best.start - best.end)
                ):
                    best = Extent(left.a, right.end, score, is_join)
        assert best is not None
        return best

    def _score(self, left: _Left, right: _Right, around: Counter[str]) -> tuple[float, bool]:
        s, w, a, b, end = self.window.s, self.w, left.a, right.b, right.end
        join, is_join = self.window.junction(a, end, left.side, right.side)
        grown = left.grown + right.grown
        n_token = (around.get(s[a:b], 0) if left.cjk or b - a > 4 else 0) or 1
        # the edges' penalties, halved when removing the token joins its neighbours into a
        # word: the neighbours then belong to that word, and a word they seem to form across
        # an edge (打|包 in 打包養合約造) is more likely chance
        cut = left.edge + right.edge
        score = join + right.latin - (cut / 2 if is_join else cut)
        if n_token < 2:
            score += -w.unsupported_growth * grown
            return score - left.alone - right.alone, is_join
        # growth the repetition supports is cheap; unsupported growth costs more
        score += (
            w.repeated_token + w.supported_growth * grown
            if grown
            else -w.unsupported_growth * grown
        )
        # never cut through a repeated unit: the next character always follows it
        if end == b and _count(around, s[a : b + 1]) == n_token:
            score -= w.repeated_unit_cut
        if a > 0 and _count(around, s[a - 1 : b]) == n_token:
            score -= w.repeated_unit_cut
        score -= self.grown_into(left.chunk, n_token)
        score -= self.grown_into(right.chunk, n_token)
        return score, is_join


def _count(around: Counter[str], text: str) -> int:
    """A string's count around the core; strings of up to four characters count only if all
    CJK."""
    return 0 if len(text) <= 4 and not CJK_RUN_RE.fullmatch(text) else around.get(text, 0)
