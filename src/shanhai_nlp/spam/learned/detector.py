"""``learned``: the characters a trained model finds injected, as spans.

Runs of characters the model (:class:`~.model.SpamModel`) finds at least ``threshold`` probably
injected become spans; runs shorter than ``min_span`` are dropped. The model and its settings
come from one file (:func:`~.model.default_model_path`, made by ``shanhai spam train``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.spam.base import Found, batched, build_spans, detectors
from shanhai_nlp.spam.learned.model import SpamModel
from shanhai_nlp.spam.window import WindowConfig, windows


def runs(
    probs: npt.NDArray[np.float32], threshold: float, min_length: int
) -> list[tuple[int, int, float]]:
    """(start, end, mean probability) of each run of at least ``min_length`` positions whose
    probability reaches ``threshold``.

    Example:
        >>> runs(np.array([0.1, 0.95, 0.97, 0.2, 0.99], dtype=np.float32), 0.9, 2)
        [(1, 3, 0.96)]
    """
    on = np.concatenate(([False], probs >= threshold, [False]))
    edges = np.flatnonzero(on[1:] != on[:-1])
    out = []
    for start, end in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        if end - start >= min_length:
            out.append((start, end, round(float(probs[start:end].mean()), 4)))
    return out


class LearnedDetector:
    """Spans of characters a trained model finds injected.

    Args:
        model: a loaded model, or the path of a model file (default: the installed one).
        threshold: overrides the model's own threshold.
        window: how long texts are cut into the pages the model reads.
    """

    name = "learned"

    def __init__(
        self,
        model: SpamModel | str | Path | None = None,
        *,
        threshold: float | None = None,
        window: WindowConfig | None = None,
    ) -> None:
        self.window = window or WindowConfig()
        self.model = model if isinstance(model, SpamModel) else SpamModel.load(model)
        settings = self.model.meta["config"]
        self.threshold = float(settings["threshold"]) if threshold is None else threshold
        self.min_span = int(settings["min_span"])

    def runs(self, probs: npt.NDArray[np.float32]) -> list[tuple[int, int, float]]:
        """:func:`runs` of per-character probabilities, at this detector's settings."""
        return runs(probs, self.threshold, self.min_span)

    def found_many(self, texts: Sequence[str]) -> list[list[Found]]:
        """The spans not yet built (start, end, score, name) of each text, window by window (a
        window is the page the model reads)."""
        chunks = [
            (k, offset, chunk)
            for k, text in enumerate(texts)
            for offset, chunk in windows(text, self.window.size)
        ]
        out: list[list[Found]] = [[] for _ in texts]
        probs = self.model.probabilities_many([chunk for _k, _offset, chunk in chunks])
        for (k, offset, _chunk), p in zip(chunks, probs, strict=True):
            out[k].extend((offset + s, offset + e, m, self.name) for s, e, m in self.runs(p))
        return out

    def __call__(self, text: str) -> list[SpamSpan]:
        return build_spans(text, self.found_many([text])[0])

    def pipe(self, texts: Iterable[str], *, batch_size: int = 256) -> Iterator[list[SpamSpan]]:
        """The spans of each of ``texts``, in order, scored ``batch_size`` texts at a time."""
        for batch in batched(texts, batch_size):
            for text, found in zip(batch, self.found_many(batch), strict=True):
                yield build_spans(text, found)


def make_learned_detector() -> LearnedDetector:
    return LearnedDetector()


detectors.register("learned", func=make_learned_detector)
