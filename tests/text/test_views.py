"""Script views keep offsets: the Simplified view has the length of the original."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shanhai_nlp.text.script import detect_script, script_counts, simplify_chars
from shanhai_nlp.text.views import simplified_view


@given(st.text(alphabet="雲南省鎮雄縣乾隆後裡於面髮發臺灣包養網,。“”\n ab12", max_size=60))
def test_views_simplified_view_keeps_length(text: str) -> None:
    assert len(simplified_view(text)) == len(text)
    assert len(simplify_chars(text)) == len(text)


def test_views_article_view(seed) -> None:
    view = simplified_view(seed.raw_text)
    assert len(view) == len(seed.raw_text)
    assert "东西部协作" in view


def test_script_detection(seed) -> None:
    assert detect_script(seed.raw_text) == "traditional"
    assert detect_script(simplified_view(seed.raw_text)) == "simplified"
    assert detect_script("abc 123") == "unknown"
    assert script_counts("雲云") == (1, 1)
