"""The detector registry and foreign detectors."""

from __future__ import annotations

import pytest

from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.spam.base import coerce_spans, detectors, get_detector, normalise_spans


def test_base_registered_names() -> None:
    assert {"lexicon", "contextual", "auto"} <= set(detectors.get_all())


def test_base_unknown_detector() -> None:
    with pytest.raises(ShanhaiError, match="unknown detector 'nope'"):
        get_detector("nope")


def first_two_chars(text: str) -> list[tuple[int, int]]:
    return [(0, 2)] if len(text) >= 2 else []


def test_base_import_path_detector() -> None:
    detect = get_detector(f"{__name__}:first_two_chars")
    assert [s.text for s in detect("幫扶群眾")] == ["幫扶"]


def test_base_bad_import_path() -> None:
    with pytest.raises(ShanhaiError, match="cannot import detector"):
        get_detector("no.such.module:f")


def test_base_coerce_rejects_out_of_range() -> None:
    with pytest.raises(ShanhaiError, match="outside the text"):
        coerce_spans([(0, 9)], "幫扶", detector="x")


def test_base_normalise_merges_overlaps() -> None:
    spans = [SpamSpan(start=2, end=5, text="xxx"), SpamSpan(start=0, end=3, text="xxx")]
    assert [(s.start, s.end) for s in normalise_spans(spans, "0123456")] == [(0, 5)]
