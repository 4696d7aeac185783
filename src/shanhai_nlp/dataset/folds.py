"""Seeded, repeated, stratified folds over the paragraphs that carry a section label.

Every model is trained and tested on the same folds. Repetition 0 is the ``fold`` column of the
``paragraphs`` export; repetition ``r`` reshuffles with ``seed + r``. With at least
:data:`DOCUMENT_FOLDS_FROM` documents the folds are drawn by document (every paragraph of an
article in the same fold, so a model is tested on articles it has not seen); with fewer, by
paragraph.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

from shanhai_nlp.document.model import Block, Document

#: block types and sections the section classifier is trained and evaluated on
CLASSIFIED_TYPES = ("body", "heading", "caption")
CLASSIFIED_SECTIONS = ("overview", "industry", "talent", "consumption")


@dataclass(frozen=True, slots=True)
class FoldPlan:
    n_splits: int = 3
    n_repeats: int = 3
    seed: int = 0


DEFAULT_PLAN = FoldPlan()
#: documents from which the folds are drawn by document rather than by paragraph
DOCUMENT_FOLDS_FROM = 3


def fold_unit(n_documents: int) -> str:
    """What the folds are drawn over for a corpus of ``n_documents``: ``document`` or
    ``paragraph``."""
    return "document" if n_documents >= DOCUMENT_FOLDS_FROM else "paragraph"


def section_cats(section: str, labels: Sequence[str] = CLASSIFIED_SECTIONS) -> dict[str, float]:
    """Exclusive categories of a paragraph of ``section``, as spaCy's ``Doc.cats``.

    Example:
        >>> section_cats("talent")
        {'overview': 0.0, 'industry': 0.0, 'talent': 1.0, 'consumption': 0.0}
    """
    return {label: float(label == section) for label in labels}


def is_classified(block: Block) -> bool:
    """True for blocks the section classifier sees (body, heading, caption with a section)."""
    return block.type in CLASSIFIED_TYPES and block.section in CLASSIFIED_SECTIONS


def assign_folds(
    labels: Sequence[str],
    *,
    n_splits: int,
    seed: int,
    documents: Sequence[str] | None = None,
) -> list[int]:
    """The test fold of each item under a seeded stratified split; with the items'
    ``documents`` and at least :data:`DOCUMENT_FOLDS_FROM` of them, a stratified split of
    whole documents.

    Example:
        >>> folds = assign_folds(["a", "a", "a", "b", "b", "b"], n_splits=3, seed=0)
        >>> sorted(folds)
        [0, 0, 1, 1, 2, 2]
        >>> docs = ["d1", "d1", "d2", "d2", "d3", "d3"]
        >>> folds = assign_folds(["a", "b"] * 3, n_splits=3, seed=0, documents=docs)
        >>> len({(d, f) for d, f in zip(docs, folds)}), sorted(set(folds))
        (3, [0, 1, 2])
    """
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    folds = [-1] * len(labels)
    y = list(labels)
    by_document = documents is not None and fold_unit(len(set(documents))) == "document"
    with warnings.catch_warnings():  # a class smaller than n_splits is expected on one article
        warnings.simplefilter("ignore", UserWarning)
        if by_document:
            assert documents is not None
            n = min(n_splits, len(set(documents)))
            grouped = StratifiedGroupKFold(n_splits=n, shuffle=True, random_state=seed)
            splits = grouped.split(y, y, groups=list(documents))
        else:
            splitter = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
            splits = splitter.split(y, y)
        for fold, (_train, test) in enumerate(splits):
            for i in test:
                folds[i] = fold
    return folds


def document_folds(
    docs: Sequence[Document], plan: FoldPlan = DEFAULT_PLAN, *, repeat: int = 0
) -> dict[tuple[str, int], int]:
    """(document id, block index) -> fold for every classified block; others are absent."""
    keys = [(doc.id, i) for doc in docs for i, b in enumerate(doc.blocks) if is_classified(b)]
    labels = [b.section for doc in docs for b in doc.blocks if is_classified(b)]
    folds = assign_folds(
        labels,
        n_splits=plan.n_splits,
        seed=plan.seed + repeat,
        documents=[doc_id for doc_id, _ in keys],
    )
    return dict(zip(keys, folds, strict=True))
