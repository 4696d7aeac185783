"""The array paths of the script helpers agree with plain per-character Python on any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shanhai_nlp.text.script import (
    _script_only_chars,
    char_table,
    cjk_mask,
    code_points,
    digit_mask,
    is_cjk,
    running_script_counts,
    script_counts,
    script_kinds,
    simplify_chars,
)

#: Traditional and Simplified forms, punctuation, Latin, an emoji (beyond the BMP) and a lone
#: surrogate (scraped text has them), so both the short and the array paths see every kind
ALPHABET = "雲南省鎮雄縣東西部協作幫扶群眾云南东西协作帮扶群众包養网,。“”|\n ab12😀\ud800"


def _plain_counts(text: str) -> tuple[int, int]:
    traditional, simplified = _script_only_chars()
    return sum(c in traditional for c in text), sum(c in simplified for c in text)


@given(st.text(alphabet=ALPHABET, max_size=300))
def test_simplify_chars_is_the_per_character_table(text: str) -> None:
    assert simplify_chars(text) == text.translate(char_table("t2s"))


@given(st.text(alphabet=ALPHABET, max_size=300))
def test_script_counts_agree_with_plain_counting(text: str) -> None:
    assert script_counts(text) == _plain_counts(text)


@given(st.text(alphabet=ALPHABET, max_size=120), st.data())
def test_running_counts_count_every_slice(text: str, data: st.DataObject) -> None:
    traditional, simplified = running_script_counts(script_kinds(code_points(text)))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert (traditional[end] - traditional[start], simplified[end] - simplified[start]) == (
        _plain_counts(text[start:end])
    )


def test_simplify_the_article(seed) -> None:
    view = simplify_chars(seed.raw_text)  # long: the array path
    assert len(view) == len(seed.raw_text)
    assert "东西部协作" in view and "東西部協作" not in view
    traditional, simplified = script_counts(seed.raw_text)
    assert traditional > 10 * simplified > 0  # a Traditional page with a few shared forms


@given(st.text(alphabet=ALPHABET + "\u3400\u4dbf\u4dc0\u4e00\u9fff\ua000", max_size=120))
def test_cjk_mask_is_is_cjk_per_character(text: str) -> None:
    assert cjk_mask(code_points(text)).tolist() == [is_cjk(c) for c in text]


@given(st.text(alphabet=ALPHABET + "٣²①𝟙７", max_size=120))
def test_digit_mask_is_isdigit_per_character(text: str) -> None:
    assert digit_mask(code_points(text)).tolist() == [c.isdigit() for c in text]
