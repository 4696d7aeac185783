"""Find injected spam without any spam vocabulary.

The contextual detector cuts each text into windows, lets every chosen signal
(:mod:`shanhai_nlp.spam.signals`) find candidates in each window, widens candidates in a page's
head to where its repeated headline differs (:mod:`shanhai_nlp.spam.headline`), and merges
them into spans named ``contextual.<signal>``. No word list of spam, no lexicon, nothing fitted
to a spam family.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.spam.base import Found, batched, build_spans, detectors, merge_found
from shanhai_nlp.spam.headline import refine, repeated_line_differences
from shanhai_nlp.spam.signals import DEFAULT_SIGNALS, Signal, get_signal, prepare
from shanhai_nlp.spam.window import (
    BATCH_CHARS,
    PAD,
    Candidate,
    Window,
    WindowConfig,
    build_windows,
    windows,
)

#: for each window of a batch of texts: the text's index, the window's offset in it, the
#: window, and its candidates (offsets into the window)
Analysed = tuple[int, int, Window, list[Candidate]]


class ContextualDetector:
    """Vocabulary-free detector combining signals (by default :data:`DEFAULT_SIGNALS`).

    Args:
        signals: registered signal names (``splice.v1``) or signal objects.
        window: how texts are cut into windows and junctions judged.

    Example:
        >>> detect = ContextualDetector()
        >>> text = ("不斷拓展幫包養網扶領域,脫貧群包養眾同享,縣級重包養網點產業,"
        ...         "電商上包養網下游資源,而且離家包養近,能照顧老人。")
        >>> [s.text for s in detect(text)]
        ['包養網', '包養', '包養網', '包養網', '包養']
    """

    name = "contextual"

    def __init__(
        self,
        signals: Sequence[str | Signal] = DEFAULT_SIGNALS,
        *,
        window: WindowConfig | None = None,
    ) -> None:
        self.window = window or WindowConfig()
        self.signals = [get_signal(s) if isinstance(s, str) else s for s in signals]
        #: signal -> the detector name its spans carry
        self._names = {signal.name: f"{self.name}.{signal.name}" for signal in self.signals}

    def analyse(self, texts: Sequence[str]) -> Iterator[Analysed]:
        """For every window of ``texts``, in order: the text's index, the window's offset in
        it, the window, and its candidates, for detectors that build on the same windows. The
        array work is done many windows at a time."""
        chunks = (
            (k, offset, chunk)
            for k, text in enumerate(texts)
            for offset, chunk in windows(text, self.window.size)
        )
        for group in batched(chunks, BATCH_CHARS, size=lambda c: len(c[2]) + PAD):
            batch = build_windows([chunk for _k, _offset, chunk in group], self.window)
            prepare(batch, self.signals)
            for (k, offset, _chunk), window in zip(group, batch.windows, strict=True):
                yield k, offset, window, self._candidates(window)

    def _candidates(self, window: Window) -> list[Candidate]:
        found = [c for signal in self.signals for c in signal(window)]
        if any(c.start < window.head_end for c in found):  # differences only come from the head
            found = refine(found, repeated_line_differences(window, near=found))
        return found

    def candidates(self, text: str) -> list[Candidate]:
        """The candidates of ``text``, with offsets into it."""
        return [c.moved(offset) for _k, offset, _w, found in self.analyse([text]) for c in found]

    def found(self, candidates: Iterable[Candidate]) -> list[Found]:
        """Candidates as merged spans not yet built, named after this detector and the signal."""
        names = self._names
        return merge_found((c.start, c.end, c.score, names[c.signal]) for c in candidates)

    def __call__(self, text: str) -> list[SpamSpan]:
        return build_spans(text, self.found(self.candidates(text)))

    def pipe(self, texts: Iterable[str], *, batch_size: int = 256) -> Iterator[list[SpamSpan]]:
        """The spans of each of ``texts``, in order, analysed ``batch_size`` texts at a time."""
        for batch in batched(texts, batch_size):
            found: list[list[Candidate]] = [[] for _ in batch]
            for k, offset, _window, candidates in self.analyse(batch):
                found[k].extend(c.moved(offset) for c in candidates)
            for text, candidates in zip(batch, found, strict=True):
                yield build_spans(text, self.found(candidates))


def make_contextual_detector() -> ContextualDetector:
    return ContextualDetector()


detectors.register("contextual", func=make_contextual_detector)
