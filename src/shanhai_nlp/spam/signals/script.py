"""``script.v1``: runs written wholly in the other script than the window's.

A Simplified advertisement pasted into a Traditional page (or the reverse) shows in its
characters: a piece between punctuation holds several characters only the other script uses,
and none only the window's own script uses. Only pieces on lines without sentence punctuation
count (keyword lists, titles, lines of their own): a page that quotes or mixes whole paragraphs
of both scripts writes them as sentences. A page that writes both scripts at length (a fifth of
its script-specific characters or more in the other one) gets no candidates at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from shanhai_nlp.spam._kernels import SCRIPT_CODES, other_script_pieces
from shanhai_nlp.spam.signals.base import signals
from shanhai_nlp.spam.window import SENTENCE_PUNCTUATION_RE, Candidate, Window, WindowBatch


@dataclass(frozen=True, slots=True)
class ScriptConfig:
    min_length: int = 4  # characters of a piece between punctuation
    max_length: int = 16  # ... at most (a longer one is prose, a keyword is short)
    min_other: int = 3  # of them only the other script uses (and none only the window's)
    keyword_lines_only: bool = True  # pieces on lines with sentence punctuation do not count
    mixed_share: float = 0.2  # a window whose script-specific characters are this much the
    # other script's writes both scripts: its pieces in either are no evidence
    score: float = 0.6


def written_in_other_script(window: Window, start: int, end: int, *, min_other: int) -> bool:
    """Whether ``raw[start:end]`` holds ``min_other`` characters only the other script uses,
    and none only the window's script uses."""
    other, own = window.minority(start, end)
    return other >= min_other and own == 0


@dataclass(frozen=True, slots=True)
class ScriptSignal:
    """Punctuation-delimited pieces written in the other script (found for a whole batch of
    windows at once, in :meth:`prepare`)."""

    config: ScriptConfig = ScriptConfig()
    name: str = "script"

    def prepare(self, batch: WindowBatch) -> Sequence[list[tuple[int, int]]]:
        scripts = np.array([SCRIPT_CODES.get(w.script, 0) for w in batch.windows])
        return other_script_pieces(
            batch.codes,
            batch.starts,
            batch.running,
            scripts,
            min_length=self.config.min_length,
            min_other=self.config.min_other,
        )

    def __call__(self, window: Window) -> list[Candidate]:
        pieces = window.prepared[self.name]
        cfg = self.config
        if pieces and window.mixed_share() >= cfg.mixed_share:
            return []  # the page writes both scripts (pieces exist only where it is known)
        pieces = [(start, end) for start, end in pieces if end - start <= cfg.max_length]
        if pieces and cfg.keyword_lines_only:
            pieces = [
                (start, end)
                for start, end in pieces
                if not SENTENCE_PUNCTUATION_RE.search(window.line_at(start)[1])
            ]
        return [Candidate(start, end, cfg.score, self.name) for start, end in pieces]


def make_script(config: ScriptConfig = ScriptConfig()) -> ScriptSignal:
    return ScriptSignal(config)


signals.register("script.v1", func=make_script)
