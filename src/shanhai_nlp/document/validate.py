"""Validation rules for a document's layers: each rule yields one problem per violation."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from shanhai_nlp import labels
from shanhai_nlp.document.model import Block, Document, Entity, Figure, Span, block_extents


@dataclass(frozen=True, slots=True)
class Problem:
    """One broken rule, located by document, layer and index."""

    document_id: str
    layer: str
    index: int | None
    span: Span | None
    message: str

    def __str__(self) -> str:
        where = self.document_id
        if self.layer:
            where += f": {self.layer}" + ("" if self.index is None else f"[{self.index}]")
        if self.span is not None:
            where += f" [{self.span.start}:{self.span.end}] {self.span.text!r}"
        return f"{where}: {self.message}"


def _enumerate(doc: Document) -> Iterator[tuple[str, int, Span]]:
    for layer in labels.LAYERS:
        for i, span in enumerate(doc.layer(layer)):
            yield layer, i, span


def check_offsets(doc: Document) -> Iterator[Problem]:
    """Offsets in range, non-empty, and ``text == raw[start:end]``."""
    n = len(doc.raw_text)
    for layer, i, s in _enumerate(doc):
        if not 0 <= s.start < s.end <= n:
            yield Problem(doc.id, layer, i, s, f"offsets out of range for a text of length {n}")
        elif doc.raw_text[s.start : s.end] != s.text:
            yield Problem(
                doc.id,
                layer,
                i,
                s,
                f"text mismatch: raw text has {doc.raw_text[s.start : s.end]!r}",
            )


def check_overlaps(doc: Document) -> Iterator[Problem]:
    """No two spans of the same layer overlap."""
    for layer in labels.LAYERS:
        ordered = sorted(enumerate(doc.layer(layer)), key=lambda p: (p[1].start, p[1].end))
        reach: Span | None = None  # the span seen so far that reaches furthest right
        for j, span in ordered:
            if reach is not None and reach.end > span.start:
                yield Problem(
                    doc.id,
                    layer,
                    j,
                    span,
                    f"overlaps [{reach.start}:{reach.end}] {reach.text!r} in the same layer",
                )
            if reach is None or span.end > reach.end:
                reach = span


def _check_choice(
    doc: Document,
    layer: str,
    get: Callable[[Span], Sequence[str]],
    allowed: Sequence[str],
    what: str,
) -> Iterator[Problem]:
    for i, span in enumerate(doc.layer(layer)):
        for value in get(span):
            if value not in allowed:
                yield Problem(
                    doc.id,
                    layer,
                    i,
                    span,
                    f"unknown {what} {value!r} (allowed: {', '.join(allowed)})",
                )


def check_labels(doc: Document) -> Iterator[Problem]:
    """Block types, sections, topics, entity labels and figure qualifiers are known."""
    yield from _check_choice(
        doc,
        "blocks",
        lambda s: [s.type] if isinstance(s, Block) else [],
        labels.BLOCK_TYPES,
        "block type",
    )
    yield from _check_choice(
        doc,
        "blocks",
        lambda s: [s.section] if isinstance(s, Block) else [],
        labels.SECTIONS,
        "section",
    )
    yield from _check_choice(
        doc,
        "blocks",
        lambda s: s.topics if isinstance(s, Block) else (),
        tuple(labels.TOPICS),
        "topic",
    )
    yield from _check_choice(
        doc,
        "entities",
        lambda s: [s.label] if isinstance(s, Entity) else [],
        labels.ENTITY_LABELS,
        "entity label",
    )
    yield from _check_choice(
        doc,
        "figures",
        lambda s: [s.qualifier] if isinstance(s, Figure) else [],
        labels.FIGURE_QUALIFIERS,
        "figure qualifier",
    )


def check_repairs(doc: Document) -> Iterator[Problem]:
    """A replacing spam span's repair is not empty (a plain one has None: the annotation
    reader checks ``replaced`` against it)."""
    for i, s in enumerate(doc.spam):
        if s.repair == "":
            yield Problem(doc.id, "spam", i, s, "replaced is true but repair is empty")


def check_spam_inside_spans(doc: Document) -> Iterator[Problem]:
    """Spam inside an entity or figure lies strictly inside it, never on or across its edge."""
    for layer in ("entities", "figures"):
        for i, span in enumerate(doc.layer(layer)):
            for spam in doc.spam:
                if spam.overlaps(span) and not (span.start < spam.start and spam.end < span.end):
                    yield Problem(
                        doc.id,
                        layer,
                        i,
                        span,
                        f"spam span [{spam.start}:{spam.end}] {spam.text!r} cuts across its edge",
                    )


def check_blocks(doc: Document) -> Iterator[Problem]:
    """Blocks are single lines without surrounding whitespace, and every non-empty line is one."""
    for i, b in enumerate(doc.blocks):
        if "\n" in b.text or "\r" in b.text:
            yield Problem(doc.id, "blocks", i, b, "a block must not contain a line break")
        elif b.text != b.text.strip():
            yield Problem(doc.id, "blocks", i, b, "a block must not start or end with whitespace")
    if not doc.blocks:
        return
    covered = {(b.start, b.end) for b in doc.blocks}
    for start, end, text in block_extents(doc.raw_text):
        if (start, end) not in covered:
            yield Problem(
                doc.id,
                "blocks",
                None,
                None,
                f"line at offset {start} {text[:20]!r} is not covered by a block",
            )


RULES: tuple[Callable[[Document], Iterator[Problem]], ...] = (
    check_offsets,
    check_overlaps,
    check_labels,
    check_repairs,
    check_spam_inside_spans,
    check_blocks,
)


def validate_document(doc: Document) -> list[Problem]:
    """All problems of ``doc``; an empty list means it is valid.

    Example:
        >>> bad = Entity(start=0, end=2, text="幫忙", label="ORG")
        >>> doc = Document("d", "幫扶", entities=(bad,))
        >>> [p.message for p in validate_document(doc)]
        ["text mismatch: raw text has '幫扶'"]
    """
    return [problem for rule in RULES for problem in rule(doc)]
