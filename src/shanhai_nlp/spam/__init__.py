"""Spam-token detection and lossless repair.

Detectors are registered by name (``lexicon``, ``contextual``, ``auto``); :func:`detect` runs one.
"""

from __future__ import annotations

from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.spam import auto, contextual, lexicon  # noqa: F401  (register the detectors)
from shanhai_nlp.spam.base import Detector, detectors, get_detector, normalise_spans
from shanhai_nlp.spam.repair import infer_repairs, repair


def detect(text: str, *, detector: str = "auto") -> list[SpamSpan]:
    """Spam spans of ``text`` found by the named detector."""
    return get_detector(detector)(text)


__all__ = [
    "Detector",
    "detect",
    "detectors",
    "get_detector",
    "infer_repairs",
    "normalise_spans",
    "repair",
]
