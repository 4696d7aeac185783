"""Pre-annotating a new article, adding it to the corpus, and every command working after."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from shanhai_nlp.annotate import add_to_corpus, annotate_file, block_type
from shanhai_nlp.corpus import Corpus
from shanhai_nlp.dataset.export import export_dataset
from shanhai_nlp.document import validate_document
from shanhai_nlp.document.io import document_to_json, write_json_atomic
from shanhai_nlp.document.model import GOLD, LAYER_NAMES
from shanhai_nlp.errors import ShanhaiError

FIXTURE = Path(__file__).parent / "fixtures" / "second_article_hans.txt"


@pytest.mark.parametrize(
    ("line", "index", "expected"),
    [
        ("沪滇协作助力云南彝良产业发展_示例网", 0, "title"),
        ("新华社昆明5月6日电 题:沪滇协作助力云南彝良产业发展", 2, "dateline_headline"),
        ("新华社记者王小明", 3, "byline"),
        ("产业协作:企业落地带动就业", 4, "heading"),
        ("图为彝良县天麻种植基地。(受访者供图)", 9, "caption"),
        ("作者:", 1, "meta"),
        ("发布留言", 20, "boilerplate"),
        ("在彝良县工业园区,一家来自上海的服装企业吸纳了近500名群众就业。", 5, "body"),
    ],
)
def test_annotate_block_types(line: str, index: int, expected: str) -> None:
    assert block_type(line, index=index, spam_only=False) == expected


@pytest.mark.parametrize(
    ("line", "following", "expected"),
    [
        ("農產品走出大山", "去年,上海各區採購農產品超過1萬噸。", "heading"),  # Traditional
        ("农产品走出大山", "去年,上海各区采购农产品超过1万吨。", "heading"),  # Simplified
        ("农产品走出大山", "“都卖光了。”", "heading"),  # prose in quotes
        ("农产品走出大山", "下一行也短", "body"),  # nothing says it heads prose
        ("滬滇協作讓群眾同享醫療技術。", "去年,上海各区采购农产品。", "body"),  # a sentence
        ("“寧夏枸杞品質好。”", "去年,上海各区采购农产品。", "body"),  # a quoted sentence
    ],
)
def test_annotate_headings_without_colon(line: str, following: str, expected: str) -> None:
    assert block_type(line, index=3, spam_only=False, following=following) == expected


def test_annotate_finds_spam_sections_entities_figures(corpus: Corpus) -> None:
    doc = annotate_file(FIXTURE, doc_id="001_second", root=corpus.root)
    assert validate_document(doc) == []
    # every span is a draft that says what proposed it
    assert all(s.is_draft for name in LAYER_NAMES for s in doc.layer(name))
    assert [s.detector for s in doc.spam] == ["contextual.keyword_line", "auto.lexicon.gambling"]
    assert all(0 < s.score <= 1 for s in doc.spam)
    assert {e.source for e in doc.entities} == {"lac"}
    assert all(e.score is not None and 0 < e.score <= 1 for e in doc.entities)  # LAC's own
    assert {f.source for f in doc.figures} == {"figures"}
    scores = {f.text: f.score for f in doc.figures}
    assert scores["2.5亿元"] == 1.0  # digits with a unit
    bound = scores["近500名"]  # a bound, a count word
    assert bound is not None and bound < 1.0
    heading = next(b for b in doc.blocks if b.text.startswith("产业协作"))
    assert heading.source == "annotate.blocks" and heading.score is not None
    assert 0 < heading.score <= 1
    # topics from the taxonomy's keywords
    topics = {b.text[:4]: b.topics for b in doc.blocks}
    assert topics["人才培育"] == ("talent_exchange", "healthcare")
    assert topics["消费帮扶"] == ("agricultural_products", "consumption_aid")
    assert topics["新华社记"] == ()  # a byline has none
    assert [s.text for s in doc.spam] == ["网站优化", "百家乐"]
    sections = {b.text[:4]: b.section for b in doc.blocks}
    assert sections["产业协作"] == "industry" and sections["人才培育"] == "talent"
    assert sections["消费帮扶"] == "consumption" and sections["近年来,"] == "overview"
    assert {"上海", "新华社"} <= {e.text for e in doc.entities}
    assert ("2.5亿元", 250000000.0) in {(f.text, f.value) for f in doc.figures}
    group = next(f for f in doc.figures if f.value == 500.0)
    assert group.text == "近500名"


@pytest.mark.slow
def test_annotate_add_then_validate_export_and_read(scratch_root: Path) -> None:
    shutil.copytree(Path(__file__).parents[1] / "configs", scratch_root / "configs")
    corpus = Corpus(scratch_root)
    doc = annotate_file(FIXTURE, doc_id="001_second", root=scratch_root)
    add_to_corpus(FIXTURE, doc, corpus)
    assert corpus.text_path("001_second").read_bytes() == FIXTURE.read_bytes()
    assert corpus.ids() == ["000_ba37726988884541", "001_second"]
    assert corpus.validate() == []
    assert corpus.drafts()["001_second"] == {
        "spam": 2,
        "blocks": len(doc.blocks),
        "entities": len(doc.entities),
        "figures": len(doc.figures),
    }
    import spacy

    from shanhai_nlp.train.readers import paragraphs_reader

    def paragraphs(export: Path) -> int:
        return len(list(paragraphs_reader(str(export), part="all")(spacy.blank("zh"))))

    # unreviewed, the second article stays out of the export: it has no reviewed span
    export = export_dataset(scratch_root / "build" / "dataset", root=scratch_root, tokenize=list)
    assert paragraphs(export) == 28
    assert "documents left with no reviewed span, also left out: 001_second" in (
        export / "README.md"
    ).read_text(encoding="utf-8")
    drafts = export_dataset(
        scratch_root / "build" / "drafts", root=scratch_root, tokenize=list, include_drafts=True
    )
    assert paragraphs(drafts) > 28  # the second article's paragraphs join the first's
    # a person reviews it: the spans become gold and export without --include-drafts
    write_json_atomic(corpus.annotation_path(doc.id), document_to_json(doc.marked(GOLD)))
    assert corpus.validate() == [] and corpus.drafts() == {}
    export = export_dataset(scratch_root / "build" / "dataset", root=scratch_root, tokenize=list)
    assert paragraphs(export) == paragraphs(drafts)
    with pytest.raises(ShanhaiError, match="already in the corpus"):
        add_to_corpus(FIXTURE, doc, corpus)
