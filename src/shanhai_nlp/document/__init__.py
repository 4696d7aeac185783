"""The document model, its offset maps, validation and file formats."""

from shanhai_nlp.document.io import document_from_json, document_to_json, read_text
from shanhai_nlp.document.model import Block, Document, Entity, Figure, SpamSpan, Span, View
from shanhai_nlp.document.offsets import Edit, OffsetMap
from shanhai_nlp.document.validate import Problem, validate_document

__all__ = [
    "Block",
    "Document",
    "Edit",
    "Entity",
    "Figure",
    "OffsetMap",
    "Problem",
    "SpamSpan",
    "Span",
    "View",
    "document_from_json",
    "document_to_json",
    "read_text",
    "validate_document",
]
