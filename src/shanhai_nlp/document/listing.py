"""Readable, line-per-span listings of a document's layers (for ``shanhai show``)."""

from __future__ import annotations

from shanhai_nlp.document.model import Block, Document, Entity, Figure, SpamSpan, Span
from shanhai_nlp.document.offsets import by_position


def describe_span(span: Span) -> str:
    """One span as ``start-end  text  details``."""
    head = f"{span.start:>5}-{span.end:<5} {span.text}"
    if isinstance(span, SpamSpan):
        return head + (f"  -> repair {span.repair!r}" if span.replaced else "  -> removed")
    if isinstance(span, Block):
        topics = ",".join(span.topics) or "-"
        where = f"{span.start:>5}-{span.end:<5}"
        return f"{where} [{span.type}/{span.section}] topics={topics}  {span.text}"
    if isinstance(span, Entity):
        return f"{head}  {span.label}"
    if isinstance(span, Figure):
        rng = (
            f" [{span.low:g}..{span.high:g}]"
            if span.low is not None and span.high is not None
            else ""
        )
        return f"{head}  {span.value:g} {span.unit} {span.qualifier}{rng}  ({span.measure})"
    return head


def format_layer(doc: Document, layer: str) -> str:
    """The listing of one layer, with a header line that counts its spans.

    Example:
        >>> doc = Document("d", "幫包養網扶", spam=(SpamSpan(start=1, end=4, text="包養網"),))
        >>> print(format_layer(doc, "spam"))
        # d: 1 spam span(s)
            1-4     包養網  -> removed
    """
    spans = doc.layer(layer)
    lines = [f"# {doc.id}: {len(spans)} {layer} span(s)"]
    lines.extend(describe_span(s) for s in sorted(spans, key=by_position))
    return "\n".join(lines)
