"""Agreement between two annotation files of the same document, layer by layer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from shanhai_nlp.corpus import Corpus
from shanhai_nlp.document.io import document_from_json, read_json
from shanhai_nlp.document.model import Block, Document, Entity, Figure, Span
from shanhai_nlp.document.validate import validate_document
from shanhai_nlp.errors import AnnotationFormatError, ShanhaiError, ValidationError
from shanhai_nlp.scoring import prf


def _f1(matched: int, a: int, b: int) -> float:
    return prf(matched, a, matched, b, empty="one")["f1"]


def _overlap_f1(a: Sequence[Span], b: Sequence[Span]) -> float:
    hit_a = sum(1 for x in a if any(x.overlaps(y) for y in b))
    hit_b = sum(1 for y in b if any(y.overlaps(x) for x in a))
    return prf(hit_a, len(a), hit_b, len(b), empty="one")["f1"]


def _pairs(a: Sequence[Span], b: Sequence[Span]) -> list[tuple[Span, Span]]:
    index = {(y.start, y.end): y for y in b}
    return [(x, index[(x.start, x.end)]) for x in a if (x.start, x.end) in index]


def _share(pairs: Sequence[tuple[Span, Span]], same: Callable[[Any, Any], bool]) -> float | None:
    return round(sum(1 for x, y in pairs if same(x, y)) / len(pairs), 4) if pairs else None


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Cohen's kappa of two label sequences (None when undefined).

    Example:
        >>> cohen_kappa(["x", "y", "x", "y"], ["x", "y", "x", "x"])
        0.5
    """
    if not a:
        return None
    n = len(a)
    observed = sum(1 for x, y in zip(a, b, strict=True) if x == y) / n
    expected = sum((a.count(c) / n) * (b.count(c) / n) for c in set(a) | set(b))
    return round((observed - expected) / (1 - expected), 4) if expected < 1 else None


def agreement(a: Document, b: Document) -> dict[str, Any]:
    """Exact and overlap span F1 per layer, and agreement on what the matched spans say."""
    if a.raw_text != b.raw_text:
        raise ShanhaiError(
            f"the two annotation files are for different texts ({a.id!r} and {b.id!r})"
        )
    out: dict[str, Any] = {}
    for layer in ("spam", "entities", "figures", "blocks"):
        xs, ys = a.layer(layer), b.layer(layer)
        pairs = _pairs(xs, ys)
        out[layer] = {
            "a": len(xs),
            "b": len(ys),
            "exact_f1": _f1(len(pairs), len(xs), len(ys)),
            "overlap_f1": _overlap_f1(xs, ys),
            "exact_matches": len(pairs),
        }
    ent_pairs = [
        (x, y)
        for x, y in _pairs(a.entities, b.entities)
        if isinstance(x, Entity) and isinstance(y, Entity)
    ]
    out["entities"]["label_agreement"] = _share(ent_pairs, lambda x, y: x.label == y.label)
    out["entities"]["label_kappa"] = cohen_kappa(
        [x.label for x, _ in ent_pairs], [y.label for _, y in ent_pairs]
    )
    fig_pairs = _pairs(a.figures, b.figures)
    out["figures"]["value_agreement"] = _share(
        fig_pairs,
        lambda x, y: (
            isinstance(x, Figure)
            and isinstance(y, Figure)
            and x.value == y.value
            and x.unit == y.unit
        ),
    )
    blk = [
        (x, y)
        for x, y in _pairs(a.blocks, b.blocks)
        if isinstance(x, Block) and isinstance(y, Block)
    ]
    out["blocks"]["type_agreement"] = _share(blk, lambda x, y: x.type == y.type)
    out["blocks"]["section_kappa"] = cohen_kappa(
        [x.section for x, _ in blk], [y.section for _, y in blk]
    )
    out["blocks"]["topics_agreement"] = _share(blk, lambda x, y: set(x.topics) == set(y.topics))
    spam_pairs = _pairs(a.spam, b.spam)
    out["spam"]["repair_agreement"] = _share(
        spam_pairs, lambda x, y: x.replacement == y.replacement
    )
    return out


def load_annotation(path: Path, corpus: Corpus) -> Document:
    """An annotator's file for a corpus document, checked: it names a document of the corpus,
    its spans read and it breaks no validation rule."""
    data = read_json(path)
    doc_id = data.get("document_id") if isinstance(data, dict) else None
    if not isinstance(doc_id, str):
        raise AnnotationFormatError(path, "document_id", "missing, or not a string")
    doc = document_from_json(data, corpus.load(doc_id).raw_text, path=path)[0]
    problems = validate_document(doc)
    if problems:
        raise ValidationError([f"{path}: {p}" for p in problems])
    return doc


def agree_files(a: Path, b: Path, *, root: Path | None = None) -> dict[str, Any]:
    """:func:`agreement` of two annotation files of one corpus document."""
    corpus = Corpus.find(root)
    first, second = load_annotation(a, corpus), load_annotation(b, corpus)
    if first.id != second.id:
        raise ShanhaiError(f"{a} and {b} annotate different documents ({first.id}, {second.id})")
    return agreement(first, second)
