"""The detector registry and foreign detectors."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pytest

from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.spam.base import (
    batched,
    coerce_spans,
    detect_many,
    detectors,
    get_detector,
    merge_found,
    normalise_spans,
)


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


def test_base_merge_found_keeps_the_name_of_the_longest_span_at_a_start() -> None:
    """Spans at one start merge under the longest one's name (the first given, among equal
    ones), with the highest score; touching spans merge too."""
    found = [
        (1, 2, 0.9, "short"),
        (5, 6, 0.1, "touching"),
        (1, 5, 0.3, "long"),
        (1, 5, 0.2, "also"),
    ]
    assert merge_found(found) == [(1, 6, 0.9, "long")]
    assert merge_found([(7, 9, 0.5, "b"), (7, 9, 0.5, "a"), (0, 1, 1.0, "c")]) == [
        (0, 1, 1.0, "c"),
        (7, 9, 0.5, "b"),
    ]


def test_base_batched_by_count_and_by_size() -> None:
    assert list(batched(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(batched(["ab", "c", "def", "g"], 3, size=len)) == [["ab", "c"], ["def"], ["g"]]
    assert list(batched([], 3)) == []


def test_base_detect_many_uses_pipe_when_there_is_one() -> None:
    class Piped:
        def __init__(self) -> None:
            self.calls: list[str] = []

        def __call__(self, text: str) -> list[SpamSpan]:
            raise AssertionError("pipe must be used")

        def pipe(self, texts: Iterable[str]) -> Iterator[list[SpamSpan]]:
            for text in texts:
                self.calls.append(text)
                yield [SpamSpan(start=0, end=1, text=text[0])]

    piped = Piped()
    assert [s[0].text for s in detect_many(piped, ["ab", "cd"])] == ["a", "c"]
    assert piped.calls == ["ab", "cd"]
    lexicon = get_detector("lexicon")  # no pipe: one call per text
    assert [[s.text for s in spans] for spans in detect_many(lexicon, ["幫包養網扶", "扶"])] == [
        ["包養網"],
        [],
    ]


@pytest.mark.parametrize("detector", ["lexicon", "contextual", "auto"])
def test_spans_never_take_a_line_break(seed, detector: str) -> None:
    """The article with CRLF line ends: no span holds a CR, and the clean text keeps every
    CRLF (the headline's difference ended in the CR before)."""
    from shanhai_nlp.spam import get_detector, infer_repairs, repair

    text = seed.raw_text.replace("\n", "\r\n")
    spans = get_detector(detector)(text)
    assert len(spans) == 33 and not any("\r" in s.text or "\n" in s.text for s in spans)
    assert repair(text, infer_repairs(text, spans)).text.count("\r\n") == text.count("\r\n")
