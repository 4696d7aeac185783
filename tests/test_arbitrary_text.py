"""Arbitrary Unicode text through every library entry point that takes text: offsets hold or
the text is refused with one clear error, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from shanhai_nlp.document.validate import validate_document
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.figures import figures_of_text
from shanhai_nlp.spam import get_detector, infer_repairs, repair

#: CJK, digits and the article's tokens, mixed with line separators, CR, NUL, astral
#: characters and lone surrogates
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("幫包養網扶群眾3.77億元,。「」|\n\r\u2028\u2029\x0c\x00\x85 𠀀😀")),
        st.characters(codec="utf-8"),
        st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    ),
    max_size=80,
)


@pytest.mark.parametrize("detector", ["lexicon", "contextual", "auto"])
@settings(max_examples=60)
@given(text=TEXT)
@example(text="幫包養網扶\r\n群包養眾\u20283包養.77億元\ud800")
def test_detect_and_repair_hold_on_any_text(detector: str, text: str) -> None:
    spans = get_detector(detector)(text)
    for s in spans:
        assert 0 <= s.start < s.end <= len(text) and text[s.start : s.end] == s.text
    view = repair(text, infer_repairs(text, spans))
    assert view.rebuild_raw() == text


@settings(max_examples=60)
@given(text=TEXT)
@example(text="2222.2222.22222.222 971.4.123.4567")
def test_figures_hold_on_any_text(text: str) -> None:
    try:
        figures = figures_of_text(text)
    except ShanhaiError:
        return
    for f in figures:
        assert text[f.start : f.end] == f.text


@settings(max_examples=25, deadline=None)
@given(text=TEXT)
def test_pre_annotation_validates_or_says_why(text: str) -> None:
    from shanhai_nlp.annotate import annotate_text

    try:
        doc = annotate_text(
            text,
            doc_id="t1",
            sections=lambda texts: [("none", None)] * len(texts),
            entities=lambda text: [],
        )
    except ShanhaiError as exc:
        assert "\n" not in str(exc)
        return
    assert validate_document(doc) == []
