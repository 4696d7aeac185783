"""Seeded, repeated, stratified folds over the paragraphs that carry a section label.

Every model is trained and tested on the same folds. Repetition 0 is the ``fold`` column of the
``paragraphs`` export; repetition ``r`` reshuffles with ``seed + r``.
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


def is_classified(block: Block) -> bool:
    """True for blocks the section classifier sees (body, heading, caption with a section)."""
    return block.type in CLASSIFIED_TYPES and block.section in CLASSIFIED_SECTIONS


def assign_folds(labels: Sequence[str], *, n_splits: int, seed: int) -> list[int]:
    """The test fold of each item under a seeded stratified split.

    Example:
        >>> folds = assign_folds(["a", "a", "a", "b", "b", "b"], n_splits=3, seed=0)
        >>> sorted(folds)
        [0, 0, 1, 1, 2, 2]
    """
    from sklearn.model_selection import StratifiedKFold

    folds = [-1] * len(labels)
    splitter = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    with warnings.catch_warnings():  # a class smaller than n_splits is expected on one article
        warnings.simplefilter("ignore", UserWarning)
        for fold, (_train, test) in enumerate(splitter.split(list(labels), list(labels))):
            for i in test:
                folds[i] = fold
    return folds


def document_folds(
    docs: Sequence[Document], plan: FoldPlan = DEFAULT_PLAN, *, repeat: int = 0
) -> dict[tuple[str, int], int]:
    """(document id, block index) -> fold for every classified block; others are absent."""
    keys = [(doc.id, i) for doc in docs for i, b in enumerate(doc.blocks) if is_classified(b)]
    labels = [b.section for doc in docs for b in doc.blocks if is_classified(b)]
    folds = assign_folds(labels, n_splits=plan.n_splits, seed=plan.seed + repeat)
    return dict(zip(keys, folds, strict=True))
