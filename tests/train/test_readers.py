"""Readers over the export and a short training run from the shipped configs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.tokens import DocBin

from shanhai_nlp.corpus import Corpus
from shanhai_nlp.dataset.docbins import docbin_name
from shanhai_nlp.dataset.export import export_dataset
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.text.script import simplify_chars
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


@pytest.mark.parametrize("task", ["sections", "ner"])
@pytest.mark.parametrize("part", ["train", "test"])
def test_docbins_hold_what_the_readers_yield(dataset: Path, task: str, part: str) -> None:
    """The export's .spacy files are the readers' examples: same texts, labels and folds."""
    nlp = spacy.blank("zh")
    reader = paragraphs_reader if task == "sections" else ner_reader
    entities: set[str] = set()
    for fold in range(3):
        examples = list(reader(str(dataset), fold=fold, part=part)(nlp))
        stored = DocBin().from_disk(dataset / "spacy" / docbin_name(task, fold, part))
        docs = list(stored.get_docs(nlp.vocab))
        assert [d.text for d in docs] == [ex.reference.text for ex in examples]
        if task == "sections":
            assert [d.cats for d in docs] == [ex.reference.cats for ex in examples]
        else:
            assert [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in docs] == [
                [(e.start_char, e.end_char, e.label_) for e in ex.reference.ents] for ex in examples
            ]
            entities |= {e.text for d in docs for e in d.ents}
    assert task == "sections" or {"畢節市", "云南助嘉科技有限公司"} <= entities


@pytest.mark.slow
def test_readers_train_from_shipped_config(dataset: Path, tmp_path: Path) -> None:
    """Two epochs on fold 0, then spaCy's own `evaluate` scores it on the fold's .spacy file."""
    overrides = {**fold_overrides(dataset, 0, 0), "training.max_epochs": 2}
    nlp = train_from_config(ROOT / "configs" / "sections.cfg", overrides, log=None)
    doc = nlp("醫療中心選派骨干醫師駐點幫扶")
    assert set(doc.cats) == {"overview", "industry", "talent", "consumption", "none"}
    assert type(nlp.tokenizer).__name__ == "TraditionalPkusegTokenizer"
    # the model reads the Simplified text: a paragraph scores the same in either script
    traditional = "鹽池縣這個電商基地的發展,得益於福建省石獅市對口幫扶。"
    assert nlp(traditional).cats == nlp(simplify_chars(traditional)).cats
    nlp.to_disk(tmp_path / "model")
    test_file = dataset / "spacy" / docbin_name("sections", 0, "test")
    scores = tmp_path / "scores.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "evaluate",
            str(tmp_path / "model"),
            str(test_file),
            "--output",
            str(scores),
        ],
        check=True,
        capture_output=True,
    )
    result = json.loads(scores.read_text(encoding="utf-8"))
    assert 0.0 <= result["cats_macro_f"] <= 1.0
    assert {"overview", "industry", "talent", "consumption"} <= set(result["cats_f_per_type"])
