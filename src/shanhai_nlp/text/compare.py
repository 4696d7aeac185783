"""Compare segmentations of a document: this project's tokenizer, plain pkuseg, and jieba.

There is no gold segmentation of the article, so the comparison uses what there is: how often
no token of a segmenter crosses an edge of a gold entity or figure span,
how much the segmenters agree with each other (boundary F1), and examples where they differ.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from shanhai_nlp.document.model import Document
from shanhai_nlp.scoring import prf

Segmenter = Callable[[str], list[str]]


def boundaries(words: Sequence[str]) -> set[int]:
    """Character offsets where one word ends and the next begins.

    Example:
        >>> sorted(boundaries(["雲南省", "鎮雄縣", "位於"]))
        [3, 6]
    """
    out, pos = set(), 0
    for word in words[:-1]:
        pos += len(word)
        out.add(pos)
    return out


def _boundary_f1(a: set[int], b: set[int]) -> float:
    tp = len(a & b)
    return prf(tp, len(a), tp, len(b), empty="one")["f1"]


def _edges_aligned(spans: list[tuple[int, int]], cuts: set[int], length: int) -> float:
    """Share of spans whose start and end are both token boundaries (no token crosses them)."""
    edges = cuts | {0, length}
    aligned = [(s, e) for s, e in spans if s in edges and e in edges]
    return round(len(aligned) / len(spans), 4) if spans else 1.0


def compare_segmenters(doc: Document, segmenters: dict[str, Segmenter]) -> dict[str, Any]:
    """Segment the clean text of ``doc`` with each segmenter and compare."""
    view = doc.clean()
    text = view.text
    entity_spans = [view.span_from_raw(e.start, e.end) for e in doc.entities]
    figure_spans = [view.span_from_raw(f.start, f.end) for f in doc.figures]
    segmented = {name: seg(text) for name, seg in segmenters.items()}
    for name, words in segmented.items():
        if "".join(words) != text:
            raise ValueError(f"segmenter {name!r} does not give back the text it was given")
    cuts = {name: boundaries(words) for name, words in segmented.items()}
    names = list(segmenters)
    result: dict[str, Any] = {"document": doc.id, "characters": len(text), "segmenters": {}}
    for name in names:
        result["segmenters"][name] = {
            "tokens": len(segmented[name]),
            "entity_edges_aligned": _edges_aligned(entity_spans, cuts[name], len(text)),
            "figure_edges_aligned": _edges_aligned(figure_spans, cuts[name], len(text)),
            "boundary_f1_vs": {o: _boundary_f1(cuts[name], cuts[o]) for o in names if o != name},
        }
    first = names[0]
    examples: list[dict[str, Any]] = []
    for other in names[1:]:
        for s, e in entity_spans[:200]:
            a = _words_over(segmented[first], s, e)
            b = _words_over(segmented[other], s, e)
            if a != b and len(examples) < 12:
                examples.append({"text": text[s:e], first: a, other: b})
    result["examples"] = examples
    return result


def _words_over(words: Sequence[str], start: int, end: int) -> list[str]:
    out, pos = [], 0
    for word in words:
        if pos < end and start < pos + len(word):
            out.append(word)
        pos += len(word)
    return out


def default_segmenters() -> dict[str, Segmenter]:
    """This project's tokenizer, plain pkuseg on the same text, and jieba (if installed)."""
    from shanhai_nlp.text.tokenizer import blank_pipeline, pipeline_tokenizer

    nlp = blank_pipeline()
    plain: Any = pipeline_tokenizer(nlp).pkuseg_seg
    segmenters: dict[str, Segmenter] = {
        "shanhai (pkuseg via Simplified view)": lambda t: [tok.text_with_ws for tok in nlp(t)],
        "pkuseg on the original text": lambda t: _with_whitespace(plain.cut(t), t),
    }
    try:
        import jieba

        jieba.setLogLevel(60)
        segmenters["jieba on the original text"] = lambda t: list(jieba.cut(t, HMM=True))
    except ImportError:  # pragma: no cover - jieba is a dev extra
        pass
    return segmenters


def _with_whitespace(words: list[str], text: str) -> list[str]:
    """Words that concatenate back to ``text`` (whitespace attached as words of its own)."""
    out, pos = [], 0
    for word in words:
        start = text.index(word, pos)
        if start > pos:
            out.append(text[pos:start])
        out.append(word)
        pos = start + len(word)
    if pos < len(text):
        out.append(text[pos:])
    return out


def render_markdown(result: dict[str, Any], *, command: str) -> str:
    lines = [
        "# Segmentation of the article: Traditional-aware pkuseg vs. plain pkuseg vs. jieba",
        "",
        f"Produced by `{command}`, on the clean text of `{result['document']}` "
        f"({result['characters']} characters). There is no gold segmentation; the gold entity "
        "and figure spans give a partial check: a good segmenter does not cut through them.",
        "",
        "| segmenter | tokens | entity edges on token boundaries | figure edges on token "
        "boundaries | boundary F1 vs. others |",
        "|---|---|---|---|---|",
    ]
    for name, row in result["segmenters"].items():
        agree = ", ".join(f"{o}: {v:.3f}" for o, v in row["boundary_f1_vs"].items())
        lines.append(
            f"| {name} | {row['tokens']} | {row['entity_edges_aligned']:.3f} | "
            f"{row['figure_edges_aligned']:.3f} | {agree} |"
        )
    lines += ["", "Entities segmented differently:", ""]
    for ex in result["examples"]:
        cells = " vs. ".join(f"{k}: {'|'.join(v)}" for k, v in ex.items() if k != "text")
        lines.append(f"- {ex['text']}: {cells}")
    return "\n".join(lines) + "\n"
