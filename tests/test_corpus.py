"""The corpus folder: the seed article byte-identical, metadata, discovery, validation."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from shanhai_nlp.corpus import Corpus, corpus_stats
from shanhai_nlp.document import Document
from shanhai_nlp.errors import DocumentNotFoundError

from conftest import SEED_ID

SEED_SHA256 = "5e8a86d5bf75cb0f117f385602cdeb24644c36cf2333832f18a77f25201eb068"


def test_corpus_seed_is_byte_identical(corpus: Corpus) -> None:
    data = corpus.text_path(SEED_ID).read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256
    assert len(data.decode("utf-8")) == 2221


def test_corpus_metadata_record(corpus: Corpus) -> None:
    meta = corpus.metadata(SEED_ID)
    assert meta["date"] == "2025-04-29"
    assert meta["script"] == "traditional" and meta["language"] == "zh"
    assert meta["authors"] == ["駱飛", "林碧鋒", "鄒欣媛"]
    assert meta["raw_sha256"] == SEED_SHA256
    for key in ("title", "source_site", "agency", "licence", "pollution"):
        assert meta[key]


def test_corpus_ids_and_validate(corpus: Corpus) -> None:
    assert corpus.ids() == [SEED_ID]
    assert corpus.validate() == []


def test_corpus_unknown_document(corpus: Corpus) -> None:
    with pytest.raises(DocumentNotFoundError, match="no document 'nope'"):
        corpus.load("nope")


def test_corpus_takes_a_second_article_without_code_changes(scratch_root: Path) -> None:
    raw = "帮扶群包养众。\n"
    (scratch_root / "corpus" / "001_test.txt").write_text(raw, encoding="utf-8")
    ann = {
        "document_id": "001_test",
        "raw_sha256": hashlib.sha256(raw.encode()).hexdigest(),
        "spam": [{"start": 3, "end": 5, "text": "包养", "replaced": False, "repair": None}],
        "blocks": [
            {
                "start": 0,
                "end": 7,
                "text": "帮扶群包养众。",
                "type": "body",
                "section": "none",
                "topics": [],
            }
        ],
        "entities": [],
        "figures": [],
    }
    (scratch_root / "annotations" / "001_test.json").write_text(json.dumps(ann), encoding="utf-8")
    corpus = Corpus(scratch_root)
    assert corpus.ids() == [SEED_ID, "001_test"]
    assert corpus.validate() == []
    assert corpus.load("001_test").clean().text == "帮扶群众。\n"


def test_corpus_validate_reports_sha_mismatch_and_bad_json(scratch_root: Path) -> None:
    path = scratch_root / "annotations" / f"{SEED_ID}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["raw_sha256"] = "0" * 64
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (scratch_root / "corpus" / "002_broken.txt").write_text("幫扶", encoding="utf-8")
    (scratch_root / "annotations" / "002_broken.json").write_text("{", encoding="utf-8")
    meta_path = scratch_root / "corpus" / f"{SEED_ID}.meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["raw_sha256"] = "1" * 64
    meta_path.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    messages = [str(p) for p in Corpus(scratch_root).validate()]
    assert sum("raw_sha256 does not match" in m for m in messages) == 2  # annotation and metadata
    assert any(m.startswith("002_broken:") and "malformed JSON" in m for m in messages)


def test_corpus_stats_counts(seed: Document) -> None:
    stats = corpus_stats([seed])
    (doc,) = stats["documents"]
    assert doc["raw_chars"] == 2221
    assert doc["spam_spans"] == 33 and doc["replacing_spans"] == 2
    assert doc["raw_chars"] - doc["spam_chars"] == 2098  # characters that are not spam
    assert doc["clean_chars"] == 2100  # plus the two repaired characters
    assert stats["labels"]["section"]["talent"] > 0
