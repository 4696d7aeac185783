"""One schema per layer: the fields of each span type, from which every serialised form is derived.

A layer (``spam``, ``blocks``, ``entities``, ``figures``) is a span type and its fields, in
order. Each field says which forms carry it:

- ``annotation``: the gold annotation JSON (``annotations/<id>.json``), read and written by
  :mod:`shanhai_nlp.document.io` (every field of the layer is accepted on reading; a field
  with a default may be left out);
- ``export``: the Hugging Face export's span structs (:mod:`shanhai_nlp.dataset.features`);
- ``shard``: the Arrow struct of ``clean-corpus`` shards (:mod:`shanhai_nlp.spam.shards`);
- ``detect``: the JSON lines of ``shanhai spam detect`` (:mod:`shanhai_nlp.spam.io`).

Adding a field here adds it everywhere it is meant to go; nothing else declares a span's shape.

Example:
    >>> [f.name for f in LAYERS["spam"].fields_in("detect")]
    ['start', 'end', 'text', 'score', 'detector']
    >>> LAYERS["spam"].to_dict(SpamSpan(start=1, end=4, text="包養網"), "annotation")
    {'start': 1, 'end': 4, 'text': '包養網', 'replaced': False, 'repair': None}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from shanhai_nlp.document.model import Block, Entity, Figure, SpamSpan, Span

Form = Literal["annotation", "export", "shard", "detect"]
#: a field's type: int, float, bool, str; ``?`` may be null; ``[]`` a list of
Kind = Literal["int", "float", "bool", "str", "str?", "float?", "str[]", "status"]

#: no default: the field must be given
REQUIRED: Any = ...


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a span type."""

    name: str
    kind: Kind
    forms: frozenset[str]
    default: Any = REQUIRED  # what reading fills in when the field is left out
    omit_default: bool = False  # the annotation form leaves the field out at its default
    derived: bool = False  # computed from other fields (written, never passed to the type)


def _forms(*names: Form) -> frozenset[str]:
    return frozenset(names)


EVERY = _forms("annotation", "export", "shard", "detect")
STORED = _forms("annotation", "export")  # the annotation file and the export
ANNOTATION = _forms("annotation")

#: whether a person made or reviewed the span; the annotation file writes it for drafts only
STATUS = Field("status", "status", STORED, default="gold", omit_default=True)
#: what proposed a draft span, and its confidence (blocks, entities, figures; spam spans
#: have ``detector`` and ``score``)
PROVENANCE = (
    Field("source", "str", ANNOTATION, default="", omit_default=True),
    Field("score", "float?", ANNOTATION, default=None, omit_default=True),
)

#: the fields every span has, first
SPAN_FIELDS = (
    Field("start", "int", EVERY),
    Field("end", "int", EVERY),
    Field("text", "str", EVERY),
)


@dataclass(frozen=True, slots=True)
class Layer:
    """A layer's name, span type and fields."""

    name: str
    span_type: type[Span]
    fields: tuple[Field, ...]

    def fields_in(self, form: Form) -> tuple[Field, ...]:
        """The fields ``form`` carries, in order."""
        return tuple(f for f in self.fields if form in f.forms)

    def to_dict(self, span: Span, form: Form) -> dict[str, Any]:
        """``span`` as ``form`` writes it."""
        out = {}
        for f in self.fields_in(form):
            value = getattr(span, f.name)
            if form == "annotation" and f.omit_default and value == f.default:
                continue
            out[f.name] = list(value) if f.kind == "str[]" else value
        return out


LAYERS: dict[str, Layer] = {
    layer.name: layer
    for layer in (
        Layer(
            "spam",
            SpamSpan,
            (
                *SPAN_FIELDS,
                Field(
                    "score",
                    "float",
                    _forms("annotation", "shard", "detect"),
                    default=1.0,
                    omit_default=True,
                ),
                # derived from repair: whether the token destroyed an original character
                Field("replaced", "bool", _forms("annotation", "export", "shard"), derived=True),
                Field("repair", "str?", _forms("annotation", "export", "shard"), default=None),
                # which detector or signal found the span (auto.lexicon.gambling, contextual.splice)
                Field(
                    "detector",
                    "str",
                    _forms("annotation", "detect"),
                    default="gold",
                    omit_default=True,
                ),
                STATUS,
            ),
        ),
        Layer(
            "blocks",
            Block,
            (
                *SPAN_FIELDS,
                Field("type", "str", STORED),
                Field("section", "str", STORED),
                Field("topics", "str[]", STORED, default=()),
                *PROVENANCE,
                STATUS,
            ),
        ),
        Layer(
            "entities",
            Entity,
            (*SPAN_FIELDS, Field("label", "str", STORED), *PROVENANCE, STATUS),
        ),
        Layer(
            "figures",
            Figure,
            (
                *SPAN_FIELDS,
                Field("value", "float", STORED),
                Field("unit", "str", STORED),
                Field("qualifier", "str", STORED),
                Field("measure", "str", STORED, default=""),
                Field("low", "float?", STORED, default=None, omit_default=True),
                Field("high", "float?", STORED, default=None, omit_default=True),
                *PROVENANCE,
                STATUS,
            ),
        ),
    )
}


def layer_of(span: Span) -> Layer:
    """The layer whose span type ``span`` is."""
    for layer in LAYERS.values():
        if type(span) is layer.span_type:
            return layer
    raise TypeError(f"no layer holds spans of type {type(span).__name__}")
