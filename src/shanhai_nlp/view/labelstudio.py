"""Label Studio round trip: tasks with pre-annotations over the raw text, and back.

Label Studio counts offsets in UTF-16 code units (JavaScript strings); the corpus counts code
points. Characters outside the Basic Multilingual Plane (emoji, rare CJK extensions) take two
units, so every offset goes through :func:`to_utf16` / :func:`from_utf16`. Attributes that are
not labels (a spam span's repair, a block's section and topics, a figure's value and unit) are
per-region controls of the same region id.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, StrictInt, StrictStr

from shanhai_nlp import labels
from shanhai_nlp.document.io import document_from_json, document_to_json, sha256_text
from shanhai_nlp.document.model import DRAFT, GOLD, Document
from shanhai_nlp.errors import AnnotationFormatError
from shanhai_nlp.view.shapes import parse_shape


def utf16_offsets(text: str) -> list[int]:
    """UTF-16 offset of every code-point position 0..len(text)."""
    out, unit = [0], 0
    for char in text:
        unit += 2 if ord(char) > 0xFFFF else 1
        out.append(unit)
    return out


def to_utf16(text: str, pos: int, table: list[int] | None = None) -> int:
    """Code-point offset -> UTF-16 offset.

    Example:
        >>> to_utf16("🔥包養", 1), to_utf16("🔥包養", 3)
        (2, 4)
    """
    return (table or utf16_offsets(text))[pos]


def from_utf16(text: str, unit: int, table: list[int] | None = None) -> int:
    """UTF-16 offset -> code-point offset (the unit must fall on a character boundary)."""
    table = table or utf16_offsets(text)
    try:
        return table.index(unit)
    except ValueError:
        raise AnnotationFormatError(
            "<label studio>", "", f"UTF-16 offset {unit} splits a character or is outside the text"
        ) from None


def labeling_config() -> str:
    """The Label Studio labeling interface for the four layers."""
    ents = "".join(f'<Label value="{lab}"/>' for lab in labels.ENTITY_LABELS)
    types = "".join(f'<Label value="{t}"/>' for t in labels.BLOCK_TYPES)
    sections = "".join(f'<Choice value="{s}"/>' for s in labels.SECTIONS)
    topics = "".join(f'<Choice value="{t}"/>' for t in labels.TOPICS)
    quals = "".join(f'<Choice value="{q}"/>' for q in labels.FIGURE_QUALIFIERS)
    return (
        '<View><Text name="text" value="$text"/>'
        '<Labels name="spam" toName="text"><Label value="SPAM" background="#f88"/></Labels>'
        '<TextArea name="repair" toName="text" perRegion="true" maxSubmissions="1"/>'
        f'<Labels name="entities" toName="text">{ents}</Labels>'
        '<Labels name="figures" toName="text"><Label value="FIGURE" background="#c9f"/></Labels>'
        '<TextArea name="figure" toName="text" perRegion="true" maxSubmissions="1"/>'
        f'<Choices name="qualifier" toName="text" perRegion="true">{quals}</Choices>'
        f'<Labels name="blocks" toName="text">{types}</Labels>'
        f'<Choices name="section" toName="text" perRegion="true">{sections}</Choices>'
        '<Choices name="topics" toName="text" perRegion="true" choice="multiple">'
        f"{topics}</Choices>"
        "</View>"
    )


def _region(
    rid: str, layer: str, start: int, end: int, text: str, label: str, table: list[int]
) -> dict[str, Any]:
    return {
        "id": rid,
        "from_name": layer,
        "to_name": "text",
        "type": "labels",
        "value": {"start": table[start], "end": table[end], "text": text, "labels": [label]},
    }


def _per_region(
    rid: str, name: str, kind: str, start: int, end: int, table: list[int], payload: Any
) -> dict[str, Any]:
    key = "text" if kind == "textarea" else "choices"
    return {
        "id": rid,
        "from_name": name,
        "to_name": "text",
        "type": kind,
        "value": {"start": table[start], "end": table[end], key: payload},
    }


def to_task(doc: Document, *, as_predictions: bool | None = None) -> dict[str, Any]:
    """One Label Studio task with the document's layers: as an annotation when every span is
    gold, as a prediction (a pre-annotation for a person to review and submit) when any is a
    draft, or as ``as_predictions`` says. :func:`from_task` reads an annotation as gold and a
    prediction as drafts, so nothing unreviewed comes back as gold."""
    if as_predictions is None:
        as_predictions = any(doc.drafts().values())
    table = utf16_offsets(doc.raw_text)
    result: list[dict[str, Any]] = []
    for i, s in enumerate(doc.spam):
        rid = f"s{i}"
        result.append(_region(rid, "spam", s.start, s.end, s.text, "SPAM", table))
        if s.replaced:
            result.append(
                _per_region(rid, "repair", "textarea", s.start, s.end, table, [s.repair or ""])
            )
    for i, e in enumerate(doc.entities):
        result.append(_region(f"e{i}", "entities", e.start, e.end, e.text, e.label, table))
    for i, f in enumerate(doc.figures):
        rid = f"f{i}"
        result.append(_region(rid, "figures", f.start, f.end, f.text, "FIGURE", table))
        attrs = {
            "value": f.value,
            "unit": f.unit,
            "measure": f.measure,
            "low": f.low,
            "high": f.high,
        }
        result.append(
            _per_region(
                rid,
                "figure",
                "textarea",
                f.start,
                f.end,
                table,
                [json.dumps(attrs, ensure_ascii=False)],
            )
        )
        result.append(
            _per_region(rid, "qualifier", "choices", f.start, f.end, table, [f.qualifier])
        )
    for i, b in enumerate(doc.blocks):
        rid = f"b{i}"
        result.append(_region(rid, "blocks", b.start, b.end, b.text, b.type, table))
        result.append(_per_region(rid, "section", "choices", b.start, b.end, table, [b.section]))
        result.append(_per_region(rid, "topics", "choices", b.start, b.end, table, list(b.topics)))
    key = "predictions" if as_predictions else "annotations"
    return {
        "data": {
            "text": doc.raw_text,
            "document_id": doc.id,
            "raw_sha256": sha256_text(doc.raw_text),
        },
        key: [{"model_version": "shanhai_nlp", "result": result}],
    }


#: the labels controls of the labeling config: one per layer
LAYER_CONTROLS = ("spam", "entities", "figures", "blocks")
#: the per-region controls (a spam span's repair; a figure's attributes and qualifier; a
#: block's section and topics)
REGION_CONTROLS = ("repair", "figure", "qualifier", "section", "topics")


class _Value(BaseModel):
    model_config = ConfigDict(extra="allow")
    start: StrictInt
    end: StrictInt
    text: StrictStr | list[StrictStr] | None = None
    labels: list[StrictStr] | None = None
    choices: list[StrictStr] | None = None


class _Result(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: StrictStr | StrictInt
    type: Literal["labels", "textarea", "choices"]
    from_name: StrictStr
    value: _Value


class _Version(BaseModel):
    model_config = ConfigDict(extra="allow")
    result: list[_Result]


class _Data(BaseModel):
    model_config = ConfigDict(extra="allow")
    text: StrictStr
    document_id: StrictStr = "task"


class _Task(BaseModel):
    model_config = ConfigDict(extra="allow")
    data: _Data
    annotations: list[_Version] = []
    predictions: list[_Version] = []


def from_task(task: Any, *, where: str = "<label studio task>") -> Document:
    """A document from a task: its latest annotation (spans ``gold``: a person submitted
    them), else its latest prediction (spans ``draft``). A task of
    the wrong shape, a region of an unknown control, or a region whose text is not the text at
    its offsets is an :class:`AnnotationFormatError` naming the task (``where``) and region."""
    parsed = parse_shape(_Task, task, where)
    versions = parsed.annotations or parsed.predictions
    if not versions:
        raise AnnotationFormatError(where, "", "needs an annotation or a prediction")
    text = parsed.data.text
    layers: dict[str, list[dict[str, Any]]] = {name: [] for name in LAYER_CONTROLS}
    for rid, region in _regions(text, versions[-1].result, where).items():
        layer = region.get("layer")
        if layer is None:
            raise AnnotationFormatError(where, f"region {rid}", "has no labels result")
        layers[layer].append(_layer_item(layer, region, text, f"{where}: region {rid}"))
    for items in layers.values():
        items.sort(key=lambda x: (x["start"], x["end"]))
    data = {"document_id": parsed.data.document_id, "raw_sha256": sha256_text(text), **layers}
    doc, _ = document_from_json(data, text, path=where)
    # an annotation is what a person submitted: every span in it is reviewed; a task with
    # predictions only has not been reviewed, and its spans stay drafts
    return doc.marked(GOLD if parsed.annotations else DRAFT)


def _regions(text: str, results: list[_Result], where: str) -> dict[str, dict[str, Any]]:
    """The task's results grouped by region: its span (code points), its layer and label, and
    what the other controls say of it."""
    table = utf16_offsets(text)
    regions: dict[str, dict[str, Any]] = {}
    for item in results:
        place = f"region {item.id}"
        region = regions.setdefault(str(item.id), {})
        try:
            start = from_utf16(text, item.value.start, table)
            end = from_utf16(text, item.value.end, table)
        except AnnotationFormatError as exc:
            raise AnnotationFormatError(where, place, exc.reason) from None
        region["span"] = (start, end)
        if item.type == "labels":
            if item.from_name not in LAYER_CONTROLS or not item.value.labels:
                why = (
                    "no label" if not item.value.labels else f"unknown from_name {item.from_name!r}"
                )
                raise AnnotationFormatError(where, place, why)
            if isinstance(item.value.text, str) and item.value.text != text[start:end]:
                raise AnnotationFormatError(
                    where, place, f"value.text {item.value.text!r} is not {text[start:end]!r}"
                )
            region["layer"], region["label"] = item.from_name, item.value.labels[0]
        elif item.from_name in REGION_CONTROLS:
            region[item.from_name] = (
                item.value.text if item.value.text is not None else item.value.choices
            )
        else:
            raise AnnotationFormatError(where, place, f"unknown from_name {item.from_name!r}")
    return regions


def _layer_item(layer: str, region: dict[str, Any], text: str, where: str) -> dict[str, Any]:
    """A region as its layer's annotation JSON object."""
    start, end = region["span"]
    base = {"start": start, "end": end, "text": text[start:end]}
    if layer == "spam":
        repair = (region.get("repair") or [None])[0]
        return {**base, "replaced": repair is not None, "repair": repair}
    if layer == "entities":
        return {**base, "label": region["label"]}
    if layer == "figures":
        try:
            attrs = json.loads((region.get("figure") or ["{}"])[0])
        except json.JSONDecodeError as exc:
            raise AnnotationFormatError(where, "figure", f"malformed JSON: {exc.msg}") from None
        if not isinstance(attrs, dict):
            raise AnnotationFormatError(where, "figure", "expected a JSON object")
        bounds = (
            {"low": attrs["low"], "high": attrs["high"]} if attrs.get("low") is not None else {}
        )
        return {
            **base,
            "qualifier": (region.get("qualifier") or ["exact"])[0],
            "value": attrs.get("value", 0.0),
            "unit": attrs.get("unit", ""),
            "measure": attrs.get("measure", ""),
            **bounds,
        }
    return {
        **base,
        "type": region["label"],
        "section": (region.get("section") or ["none"])[0],
        "topics": region.get("topics") or [],
    }


def round_trip_equal(a: Document, b: Document) -> bool:
    return document_to_json(a) == document_to_json(b)
