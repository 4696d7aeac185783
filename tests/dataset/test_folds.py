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


def test_folds_by_document_from_three_documents(seed) -> None:
    """With three or more documents every paragraph of a document is in one fold (a model is
    tested on articles it did not see); with two, folds stay by paragraph."""
    from dataclasses import replace

    docs = [replace(seed, id=f"{k:03d}_copy") for k in range(4)]
    for repeat in (0, 1):
        folds = document_folds(docs, repeat=repeat)
        per_doc = {doc.id: {f for (d, _), f in folds.items() if d == doc.id} for doc in docs}
        assert all(len(f) == 1 for f in per_doc.values())
        assert set().union(*per_doc.values()) == {0, 1, 2}
    two = document_folds(docs[:2])
    assert len({f for (d, _), f in two.items() if d == docs[0].id}) == 3
