"""``splice.v1``: strings repeated at unrelated places whose removal joins their neighbours.

SEO injection puts the same token at many places of a page, inside words (幫|包養網|扶) and
numbers (3|包養|.77). The signal finds the window's repeated strings, grown to their maximal
repeat (the cores, :mod:`.cores`), keeps those enough of whose occurrences join their
neighbours into a common word or a number when removed and whose neighbours vary, and widens
each occurrence to the whole token (:mod:`.widen`). Words are judged with a general word
frequency list (the window's junction look-ups), never with a spam vocabulary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from shanhai_nlp.spam._kernels import RepeatRule, repeated_bigrams
from shanhai_nlp.spam.signals.base import signals
from shanhai_nlp.spam.signals.splice.cores import (
    REPEAT_LIMIT,
    Counts,
    cjk_growth,
    extension_counts,
    is_common_language,
    maximal_repeat,
    may_splice,
    needed_joins,
    occurrences,
)
from shanhai_nlp.spam.signals.splice.widen import Extent, Widener, WidenWeights
from shanhai_nlp.spam.window import Candidate, Window, WindowBatch, blanked
from shanhai_nlp.text.words import rare_words


@dataclass(frozen=True, slots=True)
class SpliceConfig:
    """Thresholds (Zipf scale: 3 = once per million words) and scores of the splice signal."""

    min_repeats: int = 3  # occurrences of a candidate string in one window
    min_joins: int = 3  # occurrences whose removal joins the neighbours
    min_join_rate: float = 0.15  # ... as a share of all occurrences
    min_context_diversity: float = 0.6  # distinct left (and right) neighbours per occurrence
    cut_zipf: float = 3.5  # a token edge that splits a word this common is penalised
    max_widen: int = 3  # characters a token may grow on each side of its core
    function_word_zipf: float = 5.5  # a single character this common is a word of its own
    max_evidence_growth: int = 1  # CJK characters of growth with which a join is evidence
    common_word_zipf: float = 4.0  # a core made only of words this common is the text's own
    own_word_zipf: float = 4.5  # a word of a core this rare, written outside the cores, is
    # the page's vocabulary
    base_score: float = 0.5  # a core's score: this, plus score_per_join per join, at most 1
    score_per_join: float = 0.05
    weights: WidenWeights = field(default_factory=WidenWeights)


class SpliceFacts(NamedTuple):
    """What :meth:`SpliceSignal.prepare` finds for a window with arrays: where each repeated
    2-gram that may start a core occurs, and how its maximal repeat grows it."""

    bigrams: dict[str, list[int]]
    growth: dict[str, tuple[int, int]]


class _Core(NamedTuple):
    joins: int
    gram: str
    extents: list[Extent]


@dataclass(frozen=True, slots=True)
class SpliceSignal:
    """Repeated strings whose removal joins their neighbours, widened to whole tokens."""

    config: SpliceConfig = SpliceConfig()
    name: str = "splice"

    def prepare(self, batch: WindowBatch) -> Sequence[SpliceFacts]:
        cfg = self.config
        rule = RepeatRule(
            cfg.min_repeats, cfg.min_joins, cfg.min_join_rate, batch.config.join_zipf, REPEAT_LIMIT
        )
        bigrams, growth = repeated_bigrams(batch.simple, batch.starts, rule)
        return [SpliceFacts(b, g) for b, g in zip(bigrams, growth, strict=True)]

    def __call__(self, window: Window) -> list[Candidate]:
        facts: SpliceFacts = window.prepared[self.name]
        counts = Counts(window.s, facts.bigrams)
        cfg = self.config
        widener = Widener(
            window,
            counts,
            max_widen=cfg.max_widen,
            cut_zipf=cfg.cut_zipf,
            function_word_zipf=cfg.function_word_zipf,
            weights=cfg.weights,
        )
        cores = []
        for gram, occ in self._cores(window, facts):
            core = self._widened(window, widener, gram, occ)
            if self._is_injected(window, core, len(occ)):
                cores.append(core)
        return self._select(self._not_the_pages_own(window, cores))

    def _not_the_pages_own(self, window: Window, cores: list[_Core]) -> list[_Core]:
        """The cores but those whose words the page writes outside every core, at least half
        as often as the core occurs: a document's own term (十六進位制 on a page that also
        writes 八進位制 and 進位制的) varies; an injected token repeats, always whole."""
        if not cores:
            return cores
        masked = blanked(window.s, [(e.start, e.end) for core in cores for e in core.extents])
        kept = []
        for core in cores:
            rare = rare_words(core.gram, self.config.own_word_zipf)
            if not any(2 * masked.count(w) >= len(core.extents) for w in rare):
                kept.append(core)
        return kept

    def _cores(self, window: Window, facts: SpliceFacts) -> list[tuple[str, list[int]]]:
        """Maximal repeats (養網 always inside 包養網 is the core 包養網) that pass the cheap
        pre-test, each once, with their occurrences."""
        cfg = self.config
        out = []
        seen: set[str] = set()
        inside: dict[int, int] = {}  # bigram position -> occurrences of a repeat around it
        for bigram, positions in facts.bigrams.items():
            if len(positions) < cfg.min_repeats or inside.get(positions[0]) == len(positions):
                continue  # rare, or inside a maximal repeat already found, as often as it
            if bigram[0] != bigram[1]:
                bigram_occ = positions
                left, right = facts.growth[bigram]
            else:  # occurrences do not overlap (哈哈 in 哈哈哈 counts once)
                bigram_occ = occurrences(window.s, bigram)
                if len(bigram_occ) < cfg.min_repeats:
                    continue
                left, right = maximal_repeat(window, bigram_occ, 2)
            gram = window.s[bigram_occ[0] - left : bigram_occ[0] + 2 + right]
            occ = [o - left for o in bigram_occ] if left else bigram_occ
            if len(gram) > 2:  # a 2-gram core's marks could only ever skip that 2-gram
                for o in occ:
                    for t in range(o, o + len(gram) - 1):
                        inside.setdefault(t, len(occ))
            if gram in seen:
                continue
            seen.add(gram)
            if is_common_language(gram, cfg.common_word_zipf):
                continue  # 使用, 可以使用, 不安全的: the language itself repeats, not a token
            if may_splice(
                window, occ, len(gram), min_joins=cfg.min_joins, min_join_rate=cfg.min_join_rate
            ):
                out.append((gram, occ))
        return out

    def _widened(self, window: Window, widener: Widener, gram: str, occ: list[int]) -> _Core:
        around = extension_counts(window, occ, len(gram), self.config.max_widen + 1)
        extents = [widener.widen(k, k + len(gram), around) for k in occ]
        # evidence: joins with little growth (Latin tails aside); wider growth finds
        # accidental joins too easily to count as evidence
        joins = sum(
            1
            for e, k in zip(extents, occ, strict=True)
            if e.is_join
            and cjk_growth(window, e.start, e.end, k, k + len(gram))
            <= self.config.max_evidence_growth
            and window.rejoins_a_word(e.start, e.end)
        )
        return _Core(joins, gram, extents)

    def _is_injected(self, window: Window, core: _Core, n_occ: int) -> bool:
        """Enough occurrences join their neighbours, and the neighbours vary on both sides
        (injected tokens land at random places)."""
        cfg = self.config
        if core.joins < needed_joins(
            n_occ, min_joins=cfg.min_joins, min_join_rate=cfg.min_join_rate
        ):
            return False
        lefts = {window.ch(e.start - 1) for e in core.extents}
        rights = {window.ch(e.end) for e in core.extents}
        return min(len(lefts), len(rights)) >= cfg.min_context_diversity * n_occ

    def _select(self, cores: list[_Core]) -> list[Candidate]:
        """The candidates of the cores with enough joins and varied neighbours, the most
        joined first, no character taken twice."""
        cfg = self.config
        found: list[Candidate] = []
        taken: set[int] = set()
        for core in sorted(cores, key=lambda c: (-c.joins, -len(c.gram))):
            score = min(1.0, cfg.base_score + cfg.score_per_join * core.joins)
            for e in core.extents:
                if any(k in taken for k in range(e.start, e.end)):
                    continue
                taken.update(range(e.start, e.end))
                found.append(Candidate(e.start, e.end, score, self.name))
        return found


def make_splice(config: SpliceConfig = SpliceConfig()) -> SpliceSignal:
    return SpliceSignal(config)


signals.register("splice.v1", func=make_splice)
