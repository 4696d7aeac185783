"""The typed features of every export config (ClassLabel names survive the round trip)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from datasets import ClassLabel, Features, List, Value

from shanhai_nlp import labels
from shanhai_nlp.document.schema import LAYERS
from shanhai_nlp.errors import UnknownNameError

SPAM_TAGS = ("O", "B-SPAM", "I-SPAM")
CONFIGS = ("paragraphs", "documents", "spam", "ner", "figures")
DEFAULT_CONFIG = "paragraphs"


def ner_tag_names(entity_labels: list[str]) -> list[str]:
    """IOB2 tag names over the entity labels used: O, B-X, I-X, ..."""
    return ["O", *[f"{p}-{label}" for label in entity_labels for p in ("B", "I")]]


#: the export's type of each kind of schema field
_VALUES = {
    "int": "int32",
    "float": "float64",
    "float?": "float64",
    "bool": "bool",
    "str": "string",
    "str?": "string",
    "status": "string",
}


def span_struct(layer: str) -> dict[str, Value | List]:
    """The export's struct of one layer's spans, derived from its schema."""
    return {
        f.name: List(Value("string")) if f.kind == "str[]" else Value(_VALUES[f.kind])
        for f in LAYERS[layer].fields_in("export")
    }


SPAM_SPAN = span_struct("spam")
ENTITY_SPAN = span_struct("entities")
FIGURE_SPAN = span_struct("figures")
BLOCK_SPAN = span_struct("blocks")


def features(config: str, *, entity_labels: list[str]) -> Features:
    """The features of one config."""
    if config not in _BUILDERS:
        raise UnknownNameError("export config", config, CONFIGS)
    return Features(_BUILDERS[config](entity_labels))


def _documents(_entity_labels: list[str]) -> dict[str, Any]:
    return {
        "id": Value("string"),
        "title": Value("string"),
        "source": Value("string"),
        "date": Value("string"),
        "script": Value("string"),
        "raw_text": Value("string"),
        "clean_text": Value("string"),
        "spam": List(SPAM_SPAN),
        "blocks": List(BLOCK_SPAN),
        "entities": List(ENTITY_SPAN),
        "figures": List(FIGURE_SPAN),
    }


def _paragraphs(_entity_labels: list[str]) -> dict[str, Any]:
    return {
        "document_id": Value("string"),
        "block": Value("int32"),
        "type": ClassLabel(names=list(labels.BLOCK_TYPES)),
        "text": Value("string"),
        "raw_text": Value("string"),
        "raw_start": Value("int32"),
        "raw_end": Value("int32"),
        "section": ClassLabel(names=list(labels.SECTIONS)),
        "topics": List(ClassLabel(names=list(labels.TOPICS))),
        "fold": Value("int8"),
    }


def _spam(_entity_labels: list[str]) -> dict[str, Any]:
    return {
        "document_id": Value("string"),
        "block": Value("int32"),
        "raw_text": Value("string"),
        "raw_start": Value("int32"),
        "chars": List(Value("string")),
        "spam_tags": List(ClassLabel(names=list(SPAM_TAGS))),
        "spans": List(SPAM_SPAN),
    }


def _ner(entity_labels: list[str]) -> dict[str, Any]:
    tags = ClassLabel(names=ner_tag_names(entity_labels))
    return {
        "document_id": Value("string"),
        "block": Value("int32"),
        "text": Value("string"),
        "tokens": List(Value("string")),
        "ner_tags": List(tags),
        "chars": List(Value("string")),
        "char_ner_tags": List(tags),
        "entities": List(ENTITY_SPAN),
        "fold": Value("int8"),
    }


def _figures(_entity_labels: list[str]) -> dict[str, Any]:
    return {
        "document_id": Value("string"),
        "block": Value("int32"),
        "text": Value("string"),
        "value": Value("float64"),
        "unit": Value("string"),
        "qualifier": Value("string"),
        "measure": Value("string"),
        "low": Value("float64"),
        "high": Value("float64"),
        "raw_start": Value("int32"),
        "raw_end": Value("int32"),
        "clean_start": Value("int32"),
        "clean_end": Value("int32"),
    }


_BUILDERS: dict[str, Callable[[list[str]], dict[str, Any]]] = {
    "paragraphs": _paragraphs,
    "documents": _documents,
    "spam": _spam,
    "ner": _ner,
    "figures": _figures,
}
