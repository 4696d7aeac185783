"""doccano round trip (sequence labelling JSONL, overlapping spans allowed).

Each document is one line: ``{"text", "label": [[start, end, label], ...], "document_id",
"attributes": {...}}``. Offsets are code points (doccano's Python backend counts them so).
Labels are ``SPAM``, an OntoNotes entity label, ``FIGURE`` and ``BLOCK:<type>``; what is not a
label (a repair, a block's section and topics, a figure's value and unit) travels in
``attributes``, keyed by ``start:end:label``. Spans in ``label`` are authoritative on import: a
span added in doccano gets default attributes, a deleted one loses them.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, StrictInt, StrictStr

from shanhai_nlp import labels
from shanhai_nlp.document.io import document_from_json, sha256_text, span_to_json
from shanhai_nlp.document.model import Document, Span
from shanhai_nlp.errors import AnnotationFormatError
from shanhai_nlp.view.shapes import parse_shape


def _attributes(span: Span) -> dict[str, Any]:
    """What the annotation format stores for a span besides its offsets and text."""
    return {k: v for k, v in span_to_json(span).items() if k not in ("start", "end", "text")}


def to_line(doc: Document) -> str:
    """The document as one doccano JSONL line."""
    spans: list[list[Any]] = []
    attributes: dict[str, Any] = {}

    def add(start: int, end: int, label: str, attrs: dict[str, Any] | None = None) -> None:
        spans.append([start, end, label])
        if attrs:
            attributes[f"{start}:{end}:{label}"] = attrs

    for s in doc.spam:
        add(s.start, s.end, "SPAM", {"repair": s.repair} if s.replaced else None)
    for e in doc.entities:
        add(e.start, e.end, e.label)
    # a figure's value, unit, qualifier, measure (and low/high) as the corpus stores them
    for f in doc.figures:
        add(f.start, f.end, "FIGURE", _attributes(f))
    for b in doc.blocks:
        add(b.start, b.end, f"BLOCK:{b.type}", {"section": b.section, "topics": list(b.topics)})
    return json.dumps(
        {"text": doc.raw_text, "label": spans, "document_id": doc.id, "attributes": attributes},
        ensure_ascii=False,
    )


class _Line(BaseModel):
    model_config = ConfigDict(extra="allow")
    text: StrictStr
    label: list[tuple[StrictInt, StrictInt, StrictStr]] = []
    attributes: dict[str, dict[str, Any]] = {}
    document_id: StrictStr = "doccano"


def from_line(line: str, *, where: str = "<doccano>") -> Document:
    """A document from one doccano JSONL line, its spans ``gold`` (doccano exports what a
    person saved). A line of the wrong shape is one :class:`AnnotationFormatError` naming the
    line and the field."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError:
        raise AnnotationFormatError(
            where, "", 'expected a JSON object with "text" and "label"'
        ) from None
    parsed = parse_shape(_Line, obj, where)
    text, spans, attributes = parsed.text, parsed.label, parsed.attributes
    layers: dict[str, list[dict[str, Any]]] = {
        "spam": [],
        "entities": [],
        "figures": [],
        "blocks": [],
    }
    for start, end, label in spans:
        base = {"start": start, "end": end, "text": text[start:end]}
        attrs = attributes.get(f"{start}:{end}:{label}", {})
        if label == "SPAM":
            repair = attrs.get("repair")
            layers["spam"].append({**base, "replaced": repair is not None, "repair": repair})
        elif label == "FIGURE":
            figure = {
                **base,
                "value": attrs.get("value", 0.0),
                "unit": attrs.get("unit", ""),
                "qualifier": attrs.get("qualifier", "exact"),
                "measure": attrs.get("measure", ""),
            }
            if attrs.get("low") is not None:
                figure |= {"low": attrs["low"], "high": attrs["high"]}
            layers["figures"].append(figure)
        elif label.startswith("BLOCK:"):
            layers["blocks"].append(
                {
                    **base,
                    "type": label[6:],
                    "section": attrs.get("section", "none"),
                    "topics": attrs.get("topics", []),
                }
            )
        elif label in labels.ENTITY_LABELS:
            layers["entities"].append({**base, "label": label})
        else:
            raise AnnotationFormatError(where, f"label {label!r}", "not a label of this scheme")
    for items in layers.values():
        items.sort(key=lambda x: (x["start"], x["end"]))
    data = {
        "document_id": parsed.document_id,
        "raw_sha256": sha256_text(text),
        **layers,
    }
    doc, _ = document_from_json(data, text, path=where)
    return doc
