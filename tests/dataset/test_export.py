"""The Hugging Face export: every config loads back offline and agrees with annotations/."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from shanhai_nlp.corpus import Corpus
from shanhai_nlp.dataset.export import export_dataset
from shanhai_nlp.dataset.features import CONFIGS, SPAM_TAGS
from shanhai_nlp.dataset.rows import spans_from_tags
from shanhai_nlp.document.model import Document
from shanhai_nlp.errors import ValidationError
from shanhai_nlp.labels import SECTIONS, TOPICS


def _chars(text: str) -> list[str]:
    return list(text)


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory, corpus: Corpus) -> Path:
    # character tokens keep this module fast; the pkuseg tokenizer has tests of its own
    return export_dataset(
        tmp_path_factory.mktemp("ds") / "export", root=corpus.root, tokenize=_chars
    )


def load(path: Path, config: str) -> Any:
    import datasets

    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["HF_DATASETS_OFFLINE"] = "1"
    datasets.disable_progress_bars()
    return datasets.load_dataset(str(path), config)["train"]


@pytest.mark.parametrize("config", CONFIGS)
def test_export_every_config_loads(export: Path, config: str) -> None:
    assert len(load(export, config)) > 0


def test_export_paragraphs_agree_with_annotations(export: Path, seed: Document) -> None:
    ds = load(export, "paragraphs")
    assert ds.features["section"].names == list(SECTIONS)
    assert ds.features["topics"].feature.names == list(TOPICS)
    assert len(ds) == len(seed.blocks)
    for row, block in zip(ds, seed.blocks, strict=True):
        assert row["raw_text"] == block.text == seed.raw_text[row["raw_start"] : row["raw_end"]]
        assert ds.features["section"].int2str(row["section"]) == block.section
        assert [ds.features["topics"].feature.int2str(t) for t in row["topics"]] == list(
            block.topics
        )
        assert "包養" not in row["text"]
    folds = [r["fold"] for r in ds if r["fold"] >= 0]
    assert set(folds) == {0, 1, 2}


def test_export_spam_tags_rebuild_spans(export: Path, seed: Document) -> None:
    ds = load(export, "spam")
    assert ds.features["spam_tags"].feature.names == list(SPAM_TAGS)
    rebuilt = []
    for row in ds:
        tags = [ds.features["spam_tags"].feature.int2str(t) for t in row["spam_tags"]]
        rebuilt += [
            (row["raw_start"] + s, row["raw_start"] + e) for s, e, _ in spans_from_tags(tags)
        ]
        assert "".join(row["chars"]) == row["raw_text"]
    assert rebuilt == [(s.start, s.end) for s in seed.spam]


def test_export_ner_tags_rebuild_entities(export: Path, seed: Document) -> None:
    ds = load(export, "ner")
    names = ds.features["ner_tags"].feature.names
    assert names[0] == "O" and "B-GPE" in names
    count = 0
    for row in ds:
        char_tags = [names[t] for t in row["char_ner_tags"]]
        spans = spans_from_tags(char_tags)
        assert [(e["start"], e["end"], e["label"]) for e in row["entities"]] == spans
        token_tags = [names[t] for t in row["ner_tags"]]
        token_spans = spans_from_tags(token_tags)
        assert ["".join(row["tokens"][s:e]) for s, e, _ in token_spans] == [
            e["text"] for e in row["entities"]
        ]
        count += len(spans)
    assert count == len(seed.entities)


def test_export_documents_and_figures(export: Path, seed: Document) -> None:
    doc = load(export, "documents")[0]
    assert doc["raw_text"] == seed.raw_text and doc["clean_text"] == seed.clean().text
    assert len(doc["spam"]) == 33 and doc["spam"][0]["text"] == seed.spam[0].text
    figures = load(export, "figures")
    assert len(figures) == len(seed.figures)
    row = next(r for r in figures if r["value"] == 377000000.0)
    assert row["text"] == "3包養.77億元"
    assert seed.clean().text[row["clean_start"] : row["clean_end"]] == "3.77億元"


def test_export_card_metadata(export: Path) -> None:
    card = (export / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\npretty_name:")
    assert "config_name: paragraphs" in card and "default: true" in card
    assert "There is one document" in card
    assert (export / "GUIDELINES.md").exists()


def test_export_is_byte_identical_on_rerun(export: Path, corpus: Corpus, tmp_path: Path) -> None:
    again = export_dataset(tmp_path / "again", root=corpus.root, tokenize=_chars)
    for path in sorted(p for p in export.rglob("*") if p.is_file()):
        assert (again / path.relative_to(export)).read_bytes() == path.read_bytes(), path


def test_export_corrupted_annotation_fails_and_keeps_old_export(scratch_root: Path) -> None:
    out = export_dataset(scratch_root / "build" / "dataset", root=scratch_root, tokenize=_chars)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    ann = next((scratch_root / "annotations").glob("*.json"))
    data = json.loads(ann.read_text(encoding="utf-8"))
    data["entities"][0]["end"] += 1
    ann.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValidationError, match=r"cannot export: .*text mismatch"):
        export_dataset(out, root=scratch_root, tokenize=_chars)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["dataset"]
    shutil.rmtree(out)


def test_export_cleans_up_after_a_killed_export_and_follows_the_umask(
    corpus: Corpus, tmp_path: Path
) -> None:
    stale = tmp_path / ".dataset.k1ll3d"  # what a killed export leaves beside its target
    (stale / "spam").mkdir(parents=True)
    old = os.umask(0o027)
    try:
        target = export_dataset(tmp_path / "dataset", root=corpus.root)
    finally:
        os.umask(old)
    assert not stale.exists()
    assert target.stat().st_mode & 0o777 == 0o750
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dataset"]
