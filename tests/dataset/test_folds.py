"""Folds: seeded, stratified, stable, and the same for every model."""

from __future__ import annotations

from collections import Counter

from shanhai_nlp.dataset.folds import assign_folds, document_folds, is_classified


def test_folds_stratified_and_seeded() -> None:
    labels = ["a"] * 6 + ["b"] * 3
    folds = assign_folds(labels, n_splits=3, seed=0)
    assert folds == assign_folds(labels, n_splits=3, seed=0)
    assert folds != assign_folds(labels, n_splits=3, seed=1)
    for fold in range(3):
        assert Counter(lab for lab, f in zip(labels, folds, strict=True) if f == fold) == {
            "a": 2,
            "b": 1,
        }


def test_folds_of_the_article(seed) -> None:
    folds = document_folds([seed])
    classified = [i for i, b in enumerate(seed.blocks) if is_classified(b)]
    assert sorted(i for _, i in folds) == classified
    assert set(folds.values()) == {0, 1, 2}
    assert document_folds([seed], repeat=1) != folds
