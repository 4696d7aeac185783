"""OffsetMap: real cases from the article and property tests of the round trips."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from shanhai_nlp.document.offsets import Coverage, Edit, OffsetMap
from shanhai_nlp.errors import SpanError


@pytest.mark.parametrize(
    ("raw", "edits", "view", "raw_span", "view_span"),
    [
        # spam inside a word: 幫包養網扶 -> 幫扶; the word maps to its whole raw extent
        ("幫包養網扶", [Edit(1, 4, "包養網")], "幫扶", (0, 5), (0, 2)),
        # spam inside a number: 3包養.77億元 -> 3.77億元
        ("資金3包養.77億元,", [Edit(3, 5, "包養")], "資金3.77億元,", (2, 10), (2, 8)),
        # a token that replaced a character: 包養網才培育 -> 人才培育
        ("包養網才培育", [Edit(0, 3, "包養網", "人")], "人才培育", (0, 6), (0, 4)),
        # a token that replaced an opening quotation mark
        ("包養管道電商上", [Edit(0, 4, "包養管道", "“")], "“電商上", (0, 4), (0, 1)),
        # Simplified script, two edits
        (
            "帮包养网扶群包养众",
            [Edit(1, 4, "包养网"), Edit(6, 8, "包养")],
            "帮扶群众",
            (5, 9),
            (2, 4),
        ),
    ],
)
def test_offsets_real_cases(raw, edits, view, raw_span, view_span) -> None:
    text, omap = OffsetMap.apply(raw, edits)
    assert text == view
    assert omap.to_view(*raw_span) == view_span
    assert omap.to_raw(*view_span) == raw_span
    assert omap.rebuild_raw(text) == raw


def test_offsets_removed_span_maps_to_empty_point() -> None:
    text, omap = OffsetMap.apply("說包養管道,目前", [Edit(1, 5, "包養管道")])
    assert text == "說,目前"
    assert omap.to_view(1, 5) == (1, 1)
    # the comma after the spam maps back tightly, without the spam
    assert omap.to_raw(1, 2) == (5, 6)


@pytest.mark.parametrize(
    ("edits", "why"),
    [
        (
            [Edit(0, 3, "abc"), Edit(2, 4, "cd")],
            "edit 1 .2:4. overlaps the previous edit ending at 3",
        ),
        ([Edit(3, 9, "defghi")], "edit 0 .3:9. is empty or outside the text .length 6."),
        ([Edit(2, 2, "", "x")], "is empty"),  # an edit must cover raw characters
    ],
)
def test_offsets_reject_bad_edits(edits, why) -> None:
    with pytest.raises(SpanError, match=why):
        OffsetMap.apply("abcdef", edits)
    with pytest.raises(SpanError, match=why):  # the map alone checks the same
        OffsetMap(6, edits)


def test_offsets_reject_edit_whose_original_differs() -> None:
    with pytest.raises(SpanError, match="expects"):
        OffsetMap.apply("abcdef", [Edit(0, 2, "xx")])


@st.composite
def texts_with_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    raw = draw(st.text(alphabet="幫扶群眾包養網3.77億元“”ab\n", min_size=0, max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(raw)), max_size=10)))
    edits = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        replacement = draw(st.sampled_from(["", "", "人", "“", "xy"]))
        if start == end:
            continue
        edits.append(Edit(start, end, raw[start:end], replacement))
    return raw, edits


@given(texts_with_edits())
def test_offsets_property_lossless(case) -> None:
    raw, edits = case
    view, omap = OffsetMap.apply(raw, edits)
    assert omap.view_length == len(view)
    assert omap.rebuild_raw(view) == raw


@given(texts_with_edits())
def test_offsets_property_apply_builds_the_map_the_constructor_does(case) -> None:
    raw, edits = case
    _view, omap = OffsetMap.apply(raw, reversed(edits))
    alone = OffsetMap(len(raw), edits)
    assert (omap.edits, omap.raw_length, omap.view_length) == (
        alone.edits,
        alone.raw_length,
        alone.view_length,
    )
    spans = [omap.edit_view_span(k) for k in range(len(edits))]
    assert spans == [alone.edit_view_span(k) for k in range(len(edits))]
    assert [omap.to_view(k, k + 1) for k in range(len(raw))] == [
        alone.to_view(k, k + 1) for k in range(len(raw))
    ]


@given(texts_with_edits(), st.data())
def test_offsets_property_view_span_round_trip(case, data) -> None:
    raw, edits = case
    view, omap = OffsetMap.apply(raw, edits)
    # view spans whose edges are not inside a multi-character replacement round-trip exactly
    start = data.draw(st.integers(0, len(view)))
    end = data.draw(st.integers(start, len(view)))
    raw_start, raw_end = omap.to_raw(start, end)
    assert 0 <= raw_start <= raw_end <= len(raw)
    if start < end and _on_edge(omap, start, end):
        assert omap.to_view(raw_start, raw_end) == (start, end)


@given(texts_with_edits(), st.data())
def test_offsets_property_raw_span_round_trip(case, data) -> None:
    raw, edits = case
    view, omap = OffsetMap.apply(raw, edits)
    start = data.draw(st.integers(0, len(raw)))
    end = data.draw(st.integers(start, len(raw)))
    view_start, view_end = omap.to_view(start, end)
    assert 0 <= view_start <= view_end <= len(view)
    inside = [e for e in omap.edits if e.start < end and start < e.end]
    edges_kept = all(e.start >= start and e.end <= end for e in inside)
    first_kept = not any(e.start <= start < e.end and not e.replacement for e in omap.edits)
    last_kept = not any(e.start <= end - 1 < e.end and not e.replacement for e in omap.edits)
    if start < end and edges_kept and first_kept and last_kept:
        assert omap.to_raw(view_start, view_end) == (start, end)
        assert (
            view[view_start:view_end]
            == OffsetMap.apply(
                raw[start:end],
                [Edit(e.start - start, e.end - start, e.original, e.replacement) for e in inside],
            )[0]
        )


def _on_edge(omap: OffsetMap, start: int, end: int) -> bool:
    """True when neither edge of the view span cuts inside a replacement."""
    for edit in omap.edits:
        view_start, view_end = omap.to_view(edit.start, edit.end)
        if view_start < start < view_end or view_start < end < view_end:
            return False
    return True


@given(
    st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8)), max_size=8),
    st.integers(-1, 40),
    st.integers(0, 6),
)
@example([], -1, 0)  # no span at all, before the text
@example([(3, 0), (0, 9)], 5, 0)  # a span inside another, the position past the inner one
def test_coverage_agrees_with_every_span(spans, pos, width) -> None:
    """Coverage looks up overlapping spans (given in any order) as a test of each one does."""
    spans = [(start, start + size) for start, size in spans]
    covered = Coverage(spans)
    assert (pos in covered) == any(a <= pos < b for a, b in spans)
    end = pos + width
    assert covered.touches(pos, end) == any(a <= end and pos <= b for a, b in spans)
