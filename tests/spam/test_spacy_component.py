"""The ``shanhai_spam`` spaCy component: the same spans as the detectors, through nlp.pipe with
two processes and a saved pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from shanhai_nlp.document import Document
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.spam import get_detector, infer_repairs, repair


def _nlp(detector: str = "auto") -> spacy.language.Language:
    nlp = spacy.blank("zh")
    nlp.add_pipe("shanhai_spam", config={"detector": detector})
    return nlp


def _exact(doc: spacy.tokens.Doc) -> list[tuple[int, int, str, str]]:
    return [(s.start, s.end, s.text, s.detector) for s in doc._.spam_spans]


def test_component_gives_the_detector_s_spans_on_the_article(seed: Document) -> None:
    text = seed.raw_text
    doc = _nlp("auto")(text)
    expected = get_detector("auto")(text)
    assert _exact(doc) == [(s.start, s.end, s.text, s.detector) for s in expected]
    assert doc._.clean_text == repair(text, infer_repairs(text, expected)).text
    assert doc._.clean_view.rebuild_raw() == text
    group = doc.spans["spam"]
    assert len(group) == len(expected) == len(group.attrs["scores"])
    for span, found in zip(group, expected, strict=True):
        # token-aligned: the span covers the exact characters, and is named after its finder
        assert span.start_char <= found.start < found.end <= span.end_char
        assert span.label_ == found.detector


def test_pipe_with_two_processes_and_a_saved_pipeline(seed: Document, tmp_path: Path) -> None:
    lines = [ln for ln in seed.raw_text.split("\n") if "包養" in ln][:6]
    nlp = _nlp("lexicon")
    one = [_exact(d) for d in nlp.pipe(lines)]
    two = [_exact(d) for d in nlp.pipe(lines, n_process=2, batch_size=2)]
    assert one == two and any(one)
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == ["shanhai_spam"]
    assert [_exact(loaded(t)) for t in lines] == one


def test_a_pipeline_of_another_version_is_one_error() -> None:
    nlp = spacy.blank("zh")
    with pytest.raises(ShanhaiError, match="version 99"):
        nlp.add_pipe("shanhai_spam", config={"version": 99})
