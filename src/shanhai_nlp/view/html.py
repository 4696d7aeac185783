"""A self-contained HTML view of a document: spam struck through beside its repair, entities
and figures coloured by label (a figure's value on hover), blocks with their type and section,
a legend and per-layer counts. Drafts (pre-annotations nobody reviewed) have a dashed orange
outline, and their tooltip says what proposed them. No scripts or fonts are fetched: the page
works offline."""

from __future__ import annotations

import html
from collections import Counter
from itertools import pairwise

from shanhai_nlp import labels
from shanhai_nlp.document.model import Block, Document, Entity, Figure, SpamSpan

#: entity colours (colour-blind-friendly pastel palette), one per OntoNotes label used here
COLOURS = {
    "PERSON": "#f4c2c2",
    "ORG": "#a8d5e2",
    "GPE": "#b8e0b8",
    "LOC": "#d9ead3",
    "FAC": "#f9e79f",
    "NORP": "#e3c9f0",
    "PRODUCT": "#f5cba7",
    "WORK_OF_ART": "#d7bde2",
    "EVENT": "#fad7a0",
    "LAW": "#d5dbdb",
    "DATE": "#fde2b8",
}
SECTION_COLOURS = {
    "overview": "#777",
    "industry": "#1f77b4",
    "talent": "#2ca02c",
    "consumption": "#d62728",
    "none": "#bbb",
}

CSS = """
body { font-family: "Noto Sans CJK TC", "Noto Sans CJK SC", sans-serif; margin: 2em;
       line-height: 2.1; }
.legend span, .counts span { margin-right: 1em; }
.block { border-left: 6px solid #bbb; padding-left: .8em; margin: .4em 0; }
.tag { font-size: 70%; color: #555; margin-right: .6em; font-family: monospace; }
.spam { text-decoration: line-through; color: #b00; background: #fde; }
.repair { color: #060; background: #dfd; text-decoration: none; font-weight: bold; }
.ent { border-radius: .3em; padding: .1em .2em; }
.ent-label { font-size: 60%; font-weight: bold; margin-left: .2em; vertical-align: middle; }
.fig { border-bottom: 3px double #8e44ad; }
.draft { outline: 2px dashed #e67e22; outline-offset: 1px; }
.block.draft { outline: none; border-left-style: dashed; }
"""


def _spans_in(
    block: Block, spans: tuple[SpamSpan | Entity | Figure, ...]
) -> list[SpamSpan | Entity | Figure]:
    return [s for s in spans if block.start <= s.start and s.end <= block.end]


def render_block(doc: Document, index: int, block: Block) -> str:
    """One block as a div: text pieces wrapped in the layers that cover them."""
    layers = [
        *_spans_in(block, doc.spam),
        *_spans_in(block, doc.entities),
        *_spans_in(block, doc.figures),
    ]
    cuts = sorted({block.start, block.end} | {p for s in layers for p in (s.start, s.end)})
    pieces = []
    for a, b in pairwise(cuts):
        text = html.escape(doc.raw_text[a:b])
        covering = [s for s in layers if s.start <= a and b <= s.end]
        for span in sorted(covering, key=lambda s: -(s.end - s.start)):  # outer layers first
            text = _wrap(text, span, first=a == span.start, last=b == span.end)
        pieces.append(text)
    colour = SECTION_COLOURS.get(block.section, "#bbb")
    tag = f"{block.type} · {block.section}" + (
        f" · {', '.join(block.topics)}" if block.topics else ""
    )
    if block.is_draft:
        tag += f" · draft{_provenance(block)}"
    return (
        f'<div class="block{" draft" if block.is_draft else ""}" id="b{index}" '
        f'data-section="{_e(block.section)}" data-status="{_e(block.status)}" '
        f'style="border-left-color:{colour}"><span class="tag">{html.escape(tag)}</span>'
        + "".join(pieces)
        + "</div>"
    )


def _provenance(span: SpamSpan | Block | Entity | Figure) -> str:
    """`` (by SOURCE, score S)`` for a draft, from whatever it records."""
    source = span.detector if isinstance(span, SpamSpan) else span.source
    parts = [f"by {source}"] if source else []
    if span.score is not None:
        parts.append(f"score {span.score:.2f}")
    return f" ({', '.join(parts)})" if parts else ""


def _draft_attrs(span: SpamSpan | Entity | Figure, title: str) -> tuple[str, str]:
    """The extra class and the title of a span: drafts are marked and say what proposed them."""
    if not span.is_draft:
        return "", title
    return " draft", f"{title} — draft{_provenance(span)}"


def _e(value: str) -> str:
    """A value from an annotation, escaped for the page's text and attribute values alike."""
    return html.escape(value, quote=True)


def _wrap(text: str, span: SpamSpan | Entity | Figure, *, first: bool, last: bool) -> str:
    if isinstance(span, SpamSpan):
        repair = (
            f'<ins class="repair" title="repair">{html.escape(span.repair or "")}</ins>'
            if last and span.replaced
            else ""
        )
        extra, title = _draft_attrs(span, "injected spam")
        return f'<del class="spam{extra}" title="{_e(title)}">{text}</del>{repair}'
    if isinstance(span, Entity):
        colour = COLOURS.get(span.label, "#ddd")
        label = _e(span.label)
        badge = f'<span class="ent-label">{label}</span>' if last else ""
        extra, title = _draft_attrs(span, span.label)
        return (
            f'<span class="ent{extra}" data-label="{label}" title="{_e(title)}" '
            f'style="background:{colour}">{text}{badge}</span>'
        )
    value = f"{span.value:g} {span.unit} ({span.qualifier})" + (
        f" — {span.measure}" if span.measure else ""
    )
    extra, title = _draft_attrs(span, value)
    return f'<span class="fig{extra}" title="{_e(title)}" data-value="{span.value:g}">{text}</span>'


def render_document(doc: Document, *, title: str | None = None) -> str:
    """The whole page."""
    counts = {
        "spam": len(doc.spam),
        "blocks": len(doc.blocks),
        "entities": len(doc.entities),
        "figures": len(doc.figures),
        "drafts": sum(doc.drafts().values()),
    }
    used = Counter(e.label for e in doc.entities)
    legend = "".join(
        f'<span class="ent" style="background:{COLOURS.get(lab, "#ddd")}">{lab} {used[lab]}</span>'
        for lab in labels.ENTITY_LABELS
        if used[lab]
    )
    sections = "".join(f'<span style="color:{c}">■ {s}</span>' for s, c in SECTION_COLOURS.items())
    body = "\n".join(render_block(doc, i, b) for i, b in enumerate(doc.blocks))
    if not doc.blocks:
        body = f'<div class="block">{html.escape(doc.raw_text)}</div>'
    name = html.escape(title or doc.id)
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><title>{name}</title><style>{CSS}</style></head>
<body>
<h1>{name}</h1>
<p class="counts">{"".join(f'<span id="count-{k}">{k}: {v}</span>' for k, v in counts.items())}</p>
<p class="legend"><del class="spam">spam</del> <ins class="repair">repair</ins>
<span class="fig" title="figure value on hover">figure</span>
<span class="draft">draft (not reviewed)</span> {legend}</p>
<p class="legend">sections: {sections}</p>
{body}
</body></html>
"""
