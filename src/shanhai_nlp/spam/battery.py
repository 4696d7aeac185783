"""The false-positive battery: every detector on real prose nobody injected anything into.

Documents are cut from the base text (:mod:`shanhai_nlp.basetext`), in three shapes:

- ``pages``: consecutive paragraphs of one file, about a page (2,000 characters) each;
- ``long``: consecutive paragraphs of one file, 5,000 to 20,000 characters of one topic, in
  each script (a long report or a digest page: its own terms repeat at many places);
- ``mixed``: pages alternating the paragraphs of two files in different scripts.

The measure is how many characters per 10,000 a detector removes; on untouched text every one
of them is a false positive.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from shanhai_nlp.basetext import BaseParagraph
from shanhai_nlp.document.model import SpamSpan

PAGE_CHARS = 2_000
LONG_CHARS = (5_000, 10_000, 20_000)


@dataclass(frozen=True, slots=True)
class BatteryDoc:
    """A document of untouched prose, its shape and where it comes from."""

    name: str
    kind: str
    text: str


def _files(paragraphs: Iterable[BaseParagraph]) -> list[tuple[str, str, list[str]]]:
    """(member, script, paragraph texts) per file, in the order the base text holds them."""
    out = []
    for (member, script), group in groupby(paragraphs, key=lambda p: (p.member, p.script)):
        out.append((member, script, [p.text for p in group]))
    return out


def _cut(texts: Sequence[str], size: int) -> list[str]:
    """Consecutive texts joined by blank lines into documents of at least ``size`` characters
    (the rest, when shorter, is dropped)."""
    docs, current, length = [], [], -1  # the document's length: texts, separators, a line end
    for text in texts:
        current.append(text)
        length += len(text) + 2
        if length >= size:
            docs.append("\n\n".join(current) + "\n")
            current, length = [], -1
    return docs


def battery_documents(
    paragraphs: Sequence[BaseParagraph], *, max_pages: int = 400, seed: int = 0
) -> list[BatteryDoc]:
    """The battery's documents (a seeded sample of ``max_pages`` pages, every long and mixed
    document)."""
    files = [f for f in _files(paragraphs) if f[1] in ("traditional", "simplified")]
    pages = [
        BatteryDoc(f"page:{member}:{k}", "pages", text)
        for member, _script, texts in files
        for k, text in enumerate(_cut(texts, PAGE_CHARS))
    ]
    pages = random.Random(seed).sample(pages, min(max_pages, len(pages)))
    longest: dict[str, tuple[str, list[str]]] = {}  # each script's longest file: one topic
    for member, script, texts in files:
        if sum(len(t) for t in texts) > sum(len(t) for t in longest.get(script, ("", []))[1]):
            longest[script] = (member, texts)
    long_docs = [
        BatteryDoc(f"long:{member}:{size}", "long", _cut(texts, size)[0])
        for member, texts in longest.values()
        for size in LONG_CHARS
        if _cut(texts, size)
    ]
    mixed = []
    if len(longest) == 2:
        (_one, one), (_two, two) = longest.values()
        woven = [t for pair in zip(one, two, strict=False) for t in pair]
        mixed = [
            BatteryDoc(f"mixed:{k}", "mixed", text)
            for k, text in enumerate(_cut(woven, PAGE_CHARS)[:40])
        ]
    return [*pages, *long_docs, *mixed]


def removed_per_10k(
    detect: Callable[[str], list[SpamSpan]], docs: Sequence[BatteryDoc]
) -> dict[str, Any]:
    """Characters removed per 10,000, by document kind, and the worst documents."""
    out: dict[str, Any] = {}
    worst: list[tuple[float, str, list[str]]] = []
    for kind in ("pages", "long", "mixed"):
        chosen = [d for d in docs if d.kind == kind]
        if not chosen:
            continue
        chars = removed = 0
        for doc in chosen:
            spans = detect(doc.text)
            cut = sum(s.end - s.start for s in spans)
            chars, removed = chars + len(doc.text), removed + cut
            if cut:
                worst.append((1e4 * cut / len(doc.text), doc.name, [s.text for s in spans[:5]]))
        out[kind] = {
            "docs": len(chosen),
            "chars": chars,
            "removed": removed,
            "per_10k": round(1e4 * removed / chars, 2) if chars else None,
        }
    worst.sort(reverse=True)
    out["worst"] = [
        {"doc": name, "per_10k": round(rate, 1), "examples": examples}
        for rate, name, examples in worst[:5]
    ]
    return out
