"""The lexicon detector: exact on the article, both scripts, inside numbers, ASCII tails."""

from __future__ import annotations

import pytest

from shanhai_nlp.spam.lexicon import LexiconDetector, both_scripts, make_lexicon_detector


def test_lexicon_exact_on_article(seed) -> None:
    found = {(s.start, s.end) for s in make_lexicon_detector()(seed.raw_text)}
    assert found == {(s.start, s.end) for s in seed.spam}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("向畢節提供財政援助資金3包養.77億元", ["包養"]),  # inside a number
        ("簽訂采包養網dcard購合同", ["包養網dcard"]),  # ASCII tail from the lexicon
        ("走向包養價格PTT全國", ["包養價格PTT"]),  # case-insensitive tail
        ("签订采包养网dcard购合同", ["包养网dcard"]),  # Simplified script
        ("不斷拓展幫包養網扶領域", ["包養網"]),  # longest-leftmost: 包養網, not 包養
        ("包養網xyz的", ["包養網xyz"]),  # unseen ASCII tail glued to a match
        ("幫扶群眾", []),
        ("", []),
    ],
)
def test_lexicon_matches(text: str, expected: list[str]) -> None:
    assert [s.text for s in make_lexicon_detector()(text)] == expected


def test_lexicon_both_scripts() -> None:
    assert both_scripts("臺灣包養網") >= {"臺灣包養網", "台湾包养网"}


def test_lexicon_needs_terms() -> None:
    with pytest.raises(ValueError, match="at least one term"):
        LexiconDetector([])
