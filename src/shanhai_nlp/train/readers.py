"""Registered spaCy corpus readers over the dataset export, for training configs.

``shanhai_nlp.ParagraphsReader.v1`` yields section-labelled paragraphs and
``shanhai_nlp.NerBlocksReader.v1`` entity-annotated blocks, for one part of one fold:
``train`` (every block outside the fold), ``test`` (the blocks of the fold) or ``all``.
Repetition ``r`` of the fold plan reshuffles the folds (repetition 0 is the export's column).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.util import registry

from shanhai_nlp.dataset.folds import (
    CLASSIFIED_SECTIONS,
    DEFAULT_PLAN,
    FoldPlan,
    assign_folds,
    section_cats,
)
from shanhai_nlp.errors import UnknownNameError
from shanhai_nlp.train.outside import NONE, outside_texts

PARTS = ("train", "test", "all")


def _rows(path: str | Path, config: str) -> list[dict[str, Any]]:
    from shanhai_nlp.dataset.load import load_dataset

    ds = load_dataset(config, path=path, export_missing=False)["train"]
    names = {
        k: getattr(v, "names", None) or getattr(getattr(v, "feature", None), "names", None)
        for k, v in ds.features.items()
    }
    rows = []
    for row in ds:
        row = dict(row)
        for key, label_names in names.items():
            if label_names and isinstance(row.get(key), int):
                row[key] = label_names[row[key]]
            elif label_names and isinstance(row.get(key), list):
                row[key] = [label_names[i] for i in row[key]]
        rows.append(row)
    return rows


def section_rows(path: str | Path) -> list[dict[str, Any]]:
    """Paragraph rows that carry a section label, with string labels."""
    return [r for r in _rows(path, "paragraphs") if r["fold"] >= 0]


def fold_of(rows: list[dict[str, Any]], plan: FoldPlan, repeat: int, label_key: str) -> list[int]:
    """Each row's fold in repetition ``repeat`` (rows without a fold stay -1)."""
    labelled = [i for i, r in enumerate(rows) if r["fold"] >= 0]
    if repeat == 0:
        return [r["fold"] for r in rows]
    folds = assign_folds(
        [rows[i][label_key] for i in labelled],
        n_splits=plan.n_splits,
        seed=plan.seed + repeat,
        documents=[rows[i]["document_id"] for i in labelled],
    )
    out = [-1] * len(rows)
    for i, fold in zip(labelled, folds, strict=True):
        out[i] = fold
    return out


def select(folds: list[int], fold: int, part: str) -> list[int]:
    if part not in PARTS:
        raise UnknownNameError("part of a fold", part, PARTS)
    if part == "all":
        return list(range(len(folds)))
    if part == "test":
        return [i for i, f in enumerate(folds) if f == fold]
    return [i for i, f in enumerate(folds) if f != fold]


def paragraphs_reader(
    path: str,
    fold: int = 0,
    part: str = "train",
    repeat: int = 0,
    n_splits: int = DEFAULT_PLAN.n_splits,
    outside: int = 0,
    balance: bool = False,
) -> Callable[[Language], Iterator[Example]]:
    """Section-labelled paragraphs (exclusive categories over the four sections). With
    ``outside`` > 0, the ``train`` and ``all`` parts also yield that many base-text paragraphs
    labelled ``none`` (:mod:`shanhai_nlp.train.outside`), and every example has a ``none``
    category. With ``balance``, the ``train`` and ``all`` parts repeat each label's examples
    (:func:`balanced_copies`) so the four sections and ``none`` weigh about alike."""
    plan = FoldPlan(n_splits=n_splits, n_repeats=DEFAULT_PLAN.n_repeats, seed=DEFAULT_PLAN.seed)
    labels = (*CLASSIFIED_SECTIONS, NONE) if outside > 0 else CLASSIFIED_SECTIONS

    def example(nlp: Language, text: str, section: str) -> Example:
        return Example.from_dict(nlp.make_doc(text), {"cats": section_cats(section, labels)})

    def read(nlp: Language) -> Iterator[Example]:
        rows = section_rows(path)
        folds = fold_of(rows, plan, repeat, "section")
        items = [(rows[i]["text"], rows[i]["section"]) for i in select(folds, fold, part)]
        if part != "test":
            items += [(text, NONE) for text in outside_texts(outside)]
        copies = {}
        if balance and part != "test":
            copies = balanced_copies([label for _, label in items])
        for text, label in items:
            for _ in range(copies.get(label, 1)):
                yield example(nlp, text, label)

    return read


def balanced_copies(labels: list[str]) -> dict[str, int]:
    """How many times to repeat each label's examples so every label weighs about as much as
    the most frequent one (oversampling, the way ``class_weight="balanced"`` reweights).

    Example:
        >>> balanced_copies(["a", "a", "a", "a", "b", "c", "c"])
        {'a': 1, 'b': 4, 'c': 2}
    """
    counts = Counter(labels)
    most = max(counts.values(), default=0)
    return {label: max(1, round(most / n)) for label, n in counts.items()}


def ner_rows(path: str | Path) -> list[dict[str, Any]]:
    """Non-empty ``ner`` rows, each with the section of its paragraph (for the folds)."""
    rows = [r for r in _rows(path, "ner") if r["text"].strip()]
    sections = {(r["document_id"], r["block"]): r["section"] for r in _rows(path, "paragraphs")}
    for r in rows:
        r["section"] = sections[(r["document_id"], r["block"])]
    return rows


def _reference(nlp: Language, row: dict[str, Any]) -> Doc:
    """A reference Doc cut at every entity edge, with the entities set."""
    text = row["text"]
    cuts = sorted({0, len(text)} | {p for e in row["entities"] for p in (e["start"], e["end"])})
    words = [text[a:b] for a, b in pairwise(cuts) if b > a]
    doc = Doc(nlp.vocab, words=words, spaces=[False] * len(words))
    doc.ents = [doc.char_span(e["start"], e["end"], label=e["label"]) for e in row["entities"]]  # type: ignore[misc]
    return doc


def ner_reader(
    path: str,
    fold: int = 0,
    part: str = "train",
    repeat: int = 0,
    n_splits: int = DEFAULT_PLAN.n_splits,
) -> Callable[[Language], Iterator[Example]]:
    """Entity-annotated blocks of clean text. Blocks outside the classified paragraphs (title,
    dateline, byline ...) are always training data; only classified paragraphs are tested."""
    plan = FoldPlan(n_splits=n_splits, n_repeats=DEFAULT_PLAN.n_repeats, seed=DEFAULT_PLAN.seed)

    def read(nlp: Language) -> Iterator[Example]:
        rows = ner_rows(path)
        folds = fold_of(rows, plan, repeat, "section")
        chosen = select(folds, fold, part)
        if part == "train":
            chosen = sorted(set(chosen) | {i for i, f in enumerate(folds) if f < 0})
        for i in chosen:
            yield Example(nlp.make_doc(rows[i]["text"]), _reference(nlp, rows[i]))

    return read


registry.readers.register("shanhai_nlp.ParagraphsReader.v1", func=paragraphs_reader)
registry.readers.register("shanhai_nlp.NerBlocksReader.v1", func=ner_reader)
