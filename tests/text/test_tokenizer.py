"""The Traditional-aware pkuseg tokenizer: exact offsets, config registration, serialisation."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from shanhai_nlp.text.tokenizer import TOKENIZER_NAME, blank_pipeline, pipeline_tokenizer


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank_pipeline()


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        (
            "雲南省鎮雄縣位於烏蒙山區",
            ["雲南省", "鎮雄縣", "位於", "烏蒙山區"],
        ),  # plain pkuseg: 雲南省|鎮雄|縣位
        ("云南省镇雄县位于乌蒙山区", ["云南省", "镇雄县", "位于", "乌蒙山区"]),
        (
            "向畢節提供財政援助資金3.77億元",
            ["向", "畢節", "提供", "財政", "援助", "資金", "3.77億", "元"],
        ),
    ],
)
def test_tokenizer_segments_both_scripts(nlp: Language, text: str, tokens: list[str]) -> None:
    assert [t.text for t in nlp(text)] == tokens


@pytest.mark.parametrize(
    "text", ["", "  ", "新華社記者駱飛 攝\n\n留言\r\n發佈留言 *", "abc 幫扶 123"]
)
def test_tokenizer_doc_text_equals_input(nlp: Language, text: str) -> None:
    doc = nlp(text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)


def test_tokenizer_offsets_exact_on_article(nlp: Language, seed) -> None:
    text = seed.clean().text
    doc = nlp(text)
    assert doc.text == text


def test_tokenizer_user_words(nlp: Language) -> None:
    text = "呢嚕坪紡織服裝產業園"
    pipeline_tokenizer(nlp).add_words(["呢嚕坪"])
    assert nlp(text)[0].text == "呢嚕坪"


def test_tokenizer_registered_for_configs() -> None:
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    assert type(nlp.tokenizer).__name__ == "TraditionalPkusegTokenizer"


@pytest.mark.slow
def test_tokenizer_serialises_and_loads_offline(nlp: Language, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    text = "畢節市農業農村局局長鄭建旭介紹"
    assert [t.text for t in loaded(text)] == [t.text for t in nlp(text)]
