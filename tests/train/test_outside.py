"""The section models' `none` class: base-text examples, the decision rule, and features that
read both scripts alike."""

from __future__ import annotations

import math
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
    """Trained on the article and the settings' base-text paragraphs, the TF-IDF baseline
    labels held-out documentation `none` and keeps a section for the article's kind of
    paragraph; with ``none_threshold`` set it answers `none` only from that score on."""
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
    assert settings["none_threshold"] is None
    model.settings = {**settings, "none_threshold": 0.99}
    assert NONE not in {label for label, _ in model.predict(outside_texts(50, which="heldout"))}


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


def test_char_ngrams_sublinear_weights_have_unit_length_per_doc() -> None:
    from shanhai_nlp.text.tokenizer import blank_pipeline

    nlp = blank_pipeline()
    (_, counts, _), _ = char_ngrams(1)([nlp("幫扶幫扶協作")], is_train=False)
    (_, weights, lengths), _ = char_ngrams(1, "sublinear_l2")(
        [nlp("幫扶幫扶協作"), nlp("人才")], is_train=False
    )
    assert sorted(counts.tolist()) == [1, 1, 2, 2]
    first = weights.tolist()[: lengths.tolist()[0]]
    # 幫 and 扶 twice: 1 + log 2 against 1 for 協 and 作, then scaled to unit length
    twice = 1 + math.log(2)
    norm = math.sqrt(2 * 1 + 2 * twice**2)
    assert sorted(first) == pytest.approx([1 / norm, 1 / norm, twice / norm, twice / norm])
    assert sum(w * w for w in first) == pytest.approx(1.0)
    assert weights.tolist()[4:] == pytest.approx([2**-0.5, 2**-0.5])


def test_reader_balance_repeats_the_smaller_labels(dataset: Path) -> None:
    from collections import Counter

    nlp = spacy.blank("zh")

    def label_counts(balance: bool) -> Counter[str]:
        read = paragraphs_reader(str(dataset), part="train", outside=50, balance=balance)
        cats = [ex.reference.cats for ex in read(nlp)]
        return Counter(max(c, key=c.__getitem__) for c in cats)

    plain, balanced = label_counts(False), label_counts(True)
    largest = max(plain.values())
    assert set(plain) == set(balanced)
    for label, n in plain.items():
        assert balanced[label] % n == 0 and largest / 2 <= balanced[label] <= largest * 1.5
    test = paragraphs_reader(str(dataset), part="test", outside=50, balance=True)(nlp)
    assert len(list(test)) == sum(1 for _ in paragraphs_reader(str(dataset), part="test")(nlp))


def test_char_ngrams_name_an_unknown_weighting() -> None:
    from shanhai_nlp.errors import UnknownNameError

    with pytest.raises(UnknownNameError, match="n-gram weighting 'tfidf'"):
        char_ngrams(3, "tfidf")
