"""Readers over the export and a short training run from the shipped configs."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from shanhai_nlp.corpus import Corpus
from shanhai_nlp.dataset.export import export_dataset
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.train.readers import ner_reader, paragraphs_reader
from shanhai_nlp.train.spacy_runs import fold_overrides, train_from_config

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory, corpus: Corpus) -> Path:
    return export_dataset(tmp_path_factory.mktemp("ds") / "export", root=corpus.root)


def test_readers_partition_the_folds(dataset: Path) -> None:
    nlp = spacy.blank("zh")
    test = [list(paragraphs_reader(str(dataset), fold=f, part="test")(nlp)) for f in range(3)]
    train0 = list(paragraphs_reader(str(dataset), fold=0, part="train")(nlp))
    everything = list(paragraphs_reader(str(dataset), part="all")(nlp))
    assert sum(map(len, test)) == len(everything) == 28
    assert len(train0) + len(test[0]) == 28
    cats = test[0][0].reference.cats
    assert (
        set(cats) == {"overview", "industry", "talent", "consumption"} and sum(cats.values()) == 1
    )


def test_readers_need_an_export(tmp_path: Path) -> None:
    """A config pointing at a folder without an export is told how to make one; nothing is
    exported behind its back."""
    read = paragraphs_reader(str(tmp_path / "missing"))
    with pytest.raises(
        ShanhaiError, match=r"missing: no dataset export here; run `shanhai dataset export"
    ):
        list(read(spacy.blank("zh")))
    assert not (tmp_path / "missing").exists()


def test_readers_ner_examples_keep_entities(dataset: Path) -> None:
    nlp = spacy.blank("zh")
    examples = list(ner_reader(str(dataset), fold=0, part="all")(nlp))
    ents = [e.text for ex in examples for e in ex.reference.ents]
    assert "畢節市" in ents and "云南助嘉科技有限公司" in ents


@pytest.mark.slow
def test_readers_train_from_shipped_config(dataset: Path) -> None:
    overrides = {**fold_overrides(dataset, 0, 0), "training.max_epochs": 2}
    nlp = train_from_config(ROOT / "configs" / "sections.cfg", overrides, log=None)
    doc = nlp("醫療中心選派骨干醫師駐點幫扶")
    assert set(doc.cats) == {"overview", "industry", "talent", "consumption"}
    assert type(nlp.tokenizer).__name__ == "TraditionalPkusegTokenizer"
