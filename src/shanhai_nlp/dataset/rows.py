"""Rows of every export config, built from documents (pure functions, no I/O)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from shanhai_nlp.dataset.folds import document_folds
from shanhai_nlp.document.io import span_to_export
from shanhai_nlp.document.model import Block, Document, Span, View

Tokenize = Callable[[str], list[str]]


def _block_of(doc: Document, span: Span) -> int:
    for i, block in enumerate(doc.blocks):
        if block.start <= span.start and span.end <= block.end:
            return i
    return -1


def document_rows(docs: Sequence[Document]) -> list[dict[str, Any]]:
    rows = []
    for doc in docs:
        meta = doc.meta
        rows.append(
            {
                "id": doc.id,
                "title": meta.get("title", ""),
                "source": meta.get("source_site", ""),
                "date": meta.get("date", ""),
                "script": meta.get("script", ""),
                "raw_text": doc.raw_text,
                "clean_text": doc.clean().text,
                "spam": [span_to_export(s) for s in doc.spam],
                "blocks": [span_to_export(b) for b in doc.blocks],
                "entities": [span_to_export(e) for e in doc.entities],
                "figures": [span_to_export(f) for f in doc.figures],
            }
        )
    return rows


def _clean_block(view: View, block: Block) -> tuple[str, int]:
    """A block's clean text and where it starts in the clean view."""
    start, end = view.span_from_raw(block.start, block.end)
    return view.text[start:end], start


def paragraph_rows(docs: Sequence[Document]) -> list[dict[str, Any]]:
    folds = document_folds(docs)
    rows = []
    for doc in docs:
        view = doc.clean()
        for i, block in enumerate(doc.blocks):
            text, _ = _clean_block(view, block)
            rows.append(
                {
                    "document_id": doc.id,
                    "block": i,
                    "type": block.type,
                    "text": text,
                    "raw_text": block.text,
                    "raw_start": block.start,
                    "raw_end": block.end,
                    "section": block.section,
                    "topics": list(block.topics),
                    "fold": folds.get((doc.id, i), -1),
                }
            )
    return rows


def spam_tags(length: int, spans: Sequence[tuple[int, int]]) -> list[str]:
    """IOB2 character tags for spans (offsets relative to the text).

    Example:
        >>> spam_tags(5, [(1, 4)])
        ['O', 'B-SPAM', 'I-SPAM', 'I-SPAM', 'O']
    """
    tags = ["O"] * length
    for start, end in spans:
        tags[start] = "B-SPAM"
        for i in range(start + 1, end):
            tags[i] = "I-SPAM"
    return tags


def spans_from_tags(tags: Sequence[str], prefix: str = "") -> list[tuple[int, int, str]]:
    """Spans (start, end, label) from IOB2 tags; labels without the B-/I- prefix.

    Example:
        >>> spans_from_tags(["O", "B-GPE", "I-GPE", "B-ORG", "O"])
        [(1, 3, 'GPE'), (3, 4, 'ORG')]
    """
    spans: list[tuple[int, int, str]] = []
    for i, tag in enumerate(tags):
        if tag.startswith("B-") or (
            tag.startswith("I-") and (not spans or spans[-1][1] != i or spans[-1][2] != tag[2:])
        ):
            spans.append((i, i + 1, tag[2:]))
        elif tag.startswith("I-"):
            start, _, label = spans[-1]
            spans[-1] = (start, i + 1, label)
    return spans


def spam_rows(docs: Sequence[Document]) -> list[dict[str, Any]]:
    rows = []
    for doc in docs:
        for i, block in enumerate(doc.blocks):
            spans = [s for s in doc.spam if block.start <= s.start and s.end <= block.end]
            rel = [(s.start - block.start, s.end - block.start) for s in spans]
            rows.append(
                {
                    "document_id": doc.id,
                    "block": i,
                    "raw_text": block.text,
                    "raw_start": block.start,
                    "chars": list(block.text),
                    "spam_tags": spam_tags(len(block.text), rel),
                    "spans": [
                        {**span_to_export(s), "start": a, "end": b}
                        for s, (a, b) in zip(spans, rel, strict=True)
                    ],
                }
            )
    return rows


def split_at(words: list[str], cuts: set[int]) -> list[str]:
    """Split words so that every offset in ``cuts`` is a word boundary."""
    out, pos = [], 0
    for word in words:
        pieces, start = [], 0
        for k in range(1, len(word)):
            if pos + k in cuts:
                pieces.append(word[start:k])
                start = k
        pieces.append(word[start:])
        out.extend(pieces)
        pos += len(word)
    return out


def ner_rows(docs: Sequence[Document], tokenize: Tokenize) -> list[dict[str, Any]]:
    """One row per block of clean text: tokens and characters with IOB2 entity tags.

    Tokens are the tokenizer's words (whitespace dropped), split further wherever an entity edge
    falls inside a word, so that token tags rebuild the entity spans exactly.
    """
    folds = document_folds(docs)
    rows = []
    for doc in docs:
        view = doc.clean()
        for i, block in enumerate(doc.blocks):
            text, offset = _clean_block(view, block)
            ents = []
            for e in doc.entities:
                if block.start <= e.start and e.end <= block.end:
                    s, t = view.span_from_raw(e.start, e.end)
                    ents.append((s - offset, t - offset, e.label))
            words = split_at(tokenize(text), {p for s, t, _ in ents for p in (s, t)})
            char_tags = ["O"] * len(text)
            for s, t, label in ents:
                char_tags[s] = f"B-{label}"
                for k in range(s + 1, t):
                    char_tags[k] = f"I-{label}"
            tokens, tags, pos = [], [], 0
            for word in words:
                if word.strip():
                    tokens.append(word)
                    tags.append(char_tags[pos])
                pos += len(word)
            rows.append(
                {
                    "document_id": doc.id,
                    "block": i,
                    "text": text,
                    "tokens": tokens,
                    "ner_tags": tags,
                    "chars": list(text),
                    "char_ner_tags": char_tags,
                    "entities": [
                        {"start": s, "end": t, "text": text[s:t], "label": label}
                        for s, t, label in ents
                    ],
                    "fold": folds.get((doc.id, i), -1),
                }
            )
    return rows


def figure_rows(docs: Sequence[Document]) -> list[dict[str, Any]]:
    rows = []
    for doc in docs:
        view = doc.clean()
        for f in doc.figures:
            clean_start, clean_end = view.span_from_raw(f.start, f.end)
            rows.append(
                {
                    "document_id": doc.id,
                    "block": _block_of(doc, f),
                    "text": f.text,
                    "value": f.value,
                    "unit": f.unit,
                    "qualifier": f.qualifier,
                    "measure": f.measure,
                    "low": f.low,
                    "high": f.high,
                    "raw_start": f.start,
                    "raw_end": f.end,
                    "clean_start": clean_start,
                    "clean_end": clean_end,
                }
            )
    return rows
