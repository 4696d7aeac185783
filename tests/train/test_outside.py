"""The section models' `none` class: base-text examples, the decision rule, and features that
read both scripts alike."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from shanhai_nlp.basetext import load_paragraphs
from shanhai_nlp.corpus import Corpus
from shanhai_nlp.dataset.export import export_dataset
from shanhai_nlp.train.architectures import char_ngrams
from shanhai_nlp.train.baseline import load_settings, tfidf_logreg
from shanhai_nlp.train.outside import NONE, outside_texts
from shanhai_nlp.train.readers import paragraphs_reader
from shanhai_nlp.train.sections import fit_baseline

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory, corpus: Corpus) -> Path:
    return export_dataset(tmp_path_factory.mktemp("ds") / "export", root=corpus.root, tokenize=list)


def test_outside_texts_come_from_the_named_part_of_the_base_text() -> None:
    train, heldout = outside_texts(40), outside_texts(40, which="heldout")
    assert len(train) == len(heldout) == 40 and not set(train) & set(heldout)
    base = {p.text for p in load_paragraphs()}
    assert set(train) <= base and set(heldout) <= base
    assert outside_texts(40) == train  # seeded
    assert outside_texts(0) == []


def test_reader_adds_outside_paragraphs_to_training_only(dataset: Path) -> None:
    nlp = spacy.blank("zh")
    plain = list(paragraphs_reader(str(dataset), part="train")(nlp))
    train = list(paragraphs_reader(str(dataset), part="train", outside=5)(nlp))
    test = list(paragraphs_reader(str(dataset), part="test", outside=5)(nlp))
    assert len(train) == len(plain) + 5
    assert [ex.reference.text for ex in train[-5:]] == outside_texts(5)
    assert all(ex.reference.cats[NONE] == 1.0 for ex in train[-5:])
    assert all(set(ex.reference.cats) == {*plain[0].reference.cats, NONE} for ex in train + test)
    assert all(ex.reference.cats[NONE] == 0.0 for ex in test)


def test_baseline_with_outside_paragraphs_says_none_for_documentation(dataset: Path) -> None:
    """Trained on the article and 50 base-text paragraphs, the TF-IDF baseline labels held-out
    documentation `none` and keeps a section for the article's kind of paragraph."""
    from shanhai_nlp.train.readers import section_rows

    rows = section_rows(dataset)
    settings = load_settings(ROOT / "configs" / "baseline.json")
    model = fit_baseline(
        tfidf_logreg, settings, [r["text"] for r in rows], [r["section"] for r in rows]
    )
    held = [label for label, _ in model.predict(outside_texts(50, which="heldout"))]
    assert held.count(NONE) >= 45
    [(label, _)] = model.predict(["醫療中心選派骨干醫師駐點幫扶"])
    assert label == "talent"


def test_char_ngrams_read_both_scripts_alike() -> None:
    from shanhai_nlp.text.tokenizer import blank_pipeline

    nlp = blank_pipeline()
    layer = char_ngrams(3)
    (trad_keys, trad_vals, trad_len), _ = layer(
        [nlp("東西部協作產業園"), nlp("人才隊伍")], is_train=False
    )
    (simp_keys, simp_vals, _), _ = layer([nlp("东西部协作产业园"), nlp("人才队伍")], is_train=False)
    assert sorted(zip(trad_keys.tolist(), trad_vals.tolist(), strict=True)) == sorted(
        zip(simp_keys.tolist(), simp_vals.tolist(), strict=True)
    )
    # 8 characters: 8 + 7 + 6 distinct n-grams; 4 characters: 4 + 3 + 2
    assert trad_len.tolist() == [21, 9]
