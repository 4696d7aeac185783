"""Repair: lossless, with repairs inferred from the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.spam.lexicon import make_lexicon_detector
from shanhai_nlp.spam.repair import infer_repairs, repair


def test_repair_article_matches_gold_clean_text(seed) -> None:
    spans = infer_repairs(seed.raw_text, make_lexicon_detector()(seed.raw_text))
    repaired = repair(seed.raw_text, spans)
    assert repaired.text == seed.clean().text
    assert repaired.rebuild_raw() == seed.raw_text
    assert {s.repair for s in spans if s.replaced} == {"人", "“"}


def test_repair_does_not_invent_repairs_elsewhere(seed) -> None:
    spans = infer_repairs(seed.raw_text, make_lexicon_detector()(seed.raw_text))
    inferred = {(s.start, s.repair) for s in spans if s.replaced}
    gold = {(s.start, s.repair) for s in seed.spam if s.replaced}
    assert inferred == gold


@given(st.data())
def test_repair_property_lossless(data) -> None:
    text = data.draw(st.text(alphabet="幫扶群眾包養網“”。\n3.7", max_size=40))
    cuts = sorted(set(data.draw(st.lists(st.integers(0, len(text)), max_size=8))))
    spans = [
        SpamSpan(start=a, end=b, text=text[a:b])
        for a, b in zip(cuts[::2], cuts[1::2], strict=False)
        if a < b
    ]
    assert repair(text, spans).rebuild_raw() == text


def test_a_quotation_mark_inside_another_span_does_not_count() -> None:
    """A line-initial token is followed by 「 and 」; the 「 lies inside another span (past the
    end of a third span inside that one), so the 」 is unpaired and the token replaced its 「."""
    text = "包養管道電商包養「網上下游」他說"
    spans = [
        SpamSpan(start=0, end=4, text="包養管道"),
        SpamSpan(start=6, end=10, text="包養「網"),
        SpamSpan(start=7, end=8, text="養"),
    ]
    assert [s.repair for s in infer_repairs(text, spans)] == ["「", None, None]
    # with the 「 kept, the 」 is paired: nothing was replaced
    kept = [spans[0], SpamSpan(start=6, end=8, text="包養")]
    assert [s.repair for s in infer_repairs(text, kept)] == [None, None]
