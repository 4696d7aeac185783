"""spaCy's binary training format (``.spacy`` DocBins) for each fold of the export.

``python -m spacy evaluate MODEL spacy/sections-fold0-test.spacy`` scores a pipeline trained on
fold 0 (``python -m spacy train configs/sections.cfg``) on the paragraphs that fold held out;
``spacy.Corpus.v1`` reads the files as a training corpus. They hold what the config's readers
yield for the same fold: the ``train`` part is every row outside the fold (for entities, blocks
outside the classified paragraphs too), the ``test`` part the fold's rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from shanhai_nlp.dataset.folds import DEFAULT_PLAN, section_cats
from shanhai_nlp.dataset.rows import split_at

FOLDER = "spacy"
PARTS = ("train", "test")


def docbin_name(task: str, fold: int, part: str) -> str:
    """``sections-fold0-test.spacy``: the file of one task, fold and part."""
    return f"{task}-fold{fold}-{part}.spacy"


def _doc(vocab: Vocab, text: str, words: list[str]) -> Doc:
    """A Doc of ``text`` cut into ``words`` (they join to the text; whitespace stays a word)."""
    words = [w for w in words if w]
    assert "".join(words) == text, "the tokenizer lost or added characters"
    return Doc(vocab, words=words, spaces=[False] * len(words))


def section_docs(
    vocab: Vocab, rows: Sequence[dict[str, Any]], tokenize: Callable[[str], list[str]]
) -> Iterator[tuple[int, Doc]]:
    """(fold, Doc with exclusive ``cats``) for each paragraph that carries a section."""
    for row in rows:
        if row["fold"] < 0:
            continue
        doc = _doc(vocab, row["text"], tokenize(row["text"]))
        doc.cats = section_cats(row["section"])
        yield row["fold"], doc


def ner_docs(
    vocab: Vocab, rows: Sequence[dict[str, Any]], tokenize: Callable[[str], list[str]]
) -> Iterator[tuple[int, Doc]]:
    """(fold, Doc with ``ents``) for each block of clean text that is not blank."""
    for row in rows:
        text = row["text"]
        if not text.strip():
            continue
        cuts = {p for e in row["entities"] for p in (e["start"], e["end"])}
        doc = _doc(vocab, text, split_at(tokenize(text), cuts))
        spans = [doc.char_span(e["start"], e["end"], label=e["label"]) for e in row["entities"]]
        doc.ents = [s for s in spans if s is not None]  # none is None: words split at every edge
        assert len(doc.ents) == len(spans)
        yield row["fold"], doc


def docbins(
    rows: dict[str, list[dict[str, Any]]],
    tokenize: Callable[[str], list[str]],
    *,
    n_splits: int = DEFAULT_PLAN.n_splits,
) -> dict[str, bytes]:
    """File name -> serialised DocBin, for every task, fold of repetition 0, and part."""
    vocab = Vocab()
    by_task = {
        "sections": list(section_docs(vocab, rows["paragraphs"], tokenize)),
        "ner": list(ner_docs(vocab, rows["ner"], tokenize)),
    }
    out = {}
    for task, docs in by_task.items():
        for fold in range(n_splits):
            for part in PARTS:
                chosen = [d for f, d in docs if (f == fold) == (part == "test")]
                out[docbin_name(task, fold, part)] = DocBin(docs=chosen).to_bytes()
    return out
