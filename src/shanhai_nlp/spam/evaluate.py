"""Score spam detectors: exact-span, overlap and character P/R/F1, and false positives per 10k.

Inputs are :class:`EvalDoc` (a name, a text, gold spans). Sources: the project corpus (each
document, plus its clean text as a spam-free document), and folders of ``NAME.txt`` +
``NAME.json`` pairs whose JSON has ``{"spam": [{"start", "end", ...}]}``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from shanhai_nlp.corpus import Corpus
from shanhai_nlp.document.io import read_json, read_text
from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.errors import AnnotationFormatError, ShanhaiError
from shanhai_nlp.scoring import prf

Spans = Sequence[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class EvalDoc:
    """A text with gold spam spans (empty for a clean document)."""

    name: str
    text: str
    gold: tuple[tuple[int, int], ...]


@dataclass(slots=True)
class Counts:
    """Additive counts behind every metric."""

    exact_tp: int = 0
    pred_spans: int = 0
    gold_spans: int = 0
    pred_overlapping: int = 0
    gold_overlapped: int = 0
    char_tp: int = 0
    pred_chars: int = 0
    gold_chars: int = 0
    clean_chars: int = 0  # length of documents without gold spam
    clean_fp_chars: int = 0  # predicted characters in those documents

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(slots=True)
class Scores:
    """Metrics derived from :class:`Counts`."""

    counts: Counts
    exact: dict[str, float] = field(init=False)
    overlap: dict[str, float] = field(init=False)
    chars: dict[str, float] = field(init=False)
    fp_per_10k: float | None = field(init=False)

    def __post_init__(self) -> None:
        c = self.counts
        self.exact = prf(c.exact_tp, c.pred_spans, c.exact_tp, c.gold_spans)
        self.overlap = prf(c.pred_overlapping, c.pred_spans, c.gold_overlapped, c.gold_spans)
        self.chars = prf(c.char_tp, c.pred_chars, c.char_tp, c.gold_chars)
        self.fp_per_10k = (
            round(1e4 * c.clean_fp_chars / c.clean_chars, 2) if c.clean_chars else None
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "exact": self.exact,
            "overlap": self.overlap,
            "chars": self.chars,
            "fp_per_10k": self.fp_per_10k,
            "counts": asdict(self.counts),
        }


def count(pred: Spans, gold: Spans, text_length: int) -> Counts:
    """Counts for one document.

    Example:
        >>> c = count([(1, 4), (9, 10)], [(1, 4), (6, 8)], 20)
        >>> Scores(c).exact, Scores(c).chars["p"]
        ({'p': 0.5, 'r': 0.5, 'f1': 0.5}, 0.75)
    """
    pred_set, gold_set = set(pred), set(gold)
    pred_chars = {i for s, e in pred for i in range(s, e)}
    gold_chars = {i for s, e in gold for i in range(s, e)}

    def hits(a: Spans, b: Spans) -> int:
        return sum(1 for s, e in a if any(s < e2 and s2 < e for s2, e2 in b))

    return Counts(
        exact_tp=len(pred_set & gold_set),
        pred_spans=len(pred_set),
        gold_spans=len(gold_set),
        pred_overlapping=hits(pred, gold),
        gold_overlapped=hits(gold, pred),
        char_tp=len(pred_chars & gold_chars),
        pred_chars=len(pred_chars),
        gold_chars=len(gold_chars),
        clean_chars=0 if gold else text_length,
        clean_fp_chars=0 if gold else len(pred_chars),
    )


@dataclass(slots=True)
class Report:
    """Per-document scores and their micro-average."""

    detector: str
    documents: dict[str, Scores]
    micro: Scores

    def as_dict(self) -> dict[str, Any]:
        return {
            "detector": self.detector,
            "micro": self.micro.as_dict(),
            "documents": {k: v.as_dict() for k, v in self.documents.items()},
        }


def evaluate(docs: Iterable[EvalDoc], predict: Callable[[EvalDoc], Spans], *, name: str) -> Report:
    """Score ``predict`` on ``docs``."""
    total = Counts()
    per_doc = {}
    for doc in docs:
        c = count(list(predict(doc)), list(doc.gold), len(doc.text))
        per_doc[doc.name] = Scores(c)
        total.add(c)
    return Report(name, per_doc, Scores(total))


def detector_predictions(detect: Callable[[str], list[SpamSpan]]) -> Callable[[EvalDoc], Spans]:
    return lambda doc: [(s.start, s.end) for s in detect(doc.text)]


def file_predictions(path: str | Path) -> Callable[[EvalDoc], Spans]:
    """Predictions from a JSONL file in the ``shanhai spam detect`` output format.

    Lines are matched to documents by file name (the stem of ``path``, or the document name).
    """
    table: dict[str, list[tuple[int, int]]] = {}
    for lineno, line in enumerate(read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            key = Path(obj["path"]).stem
            table[key] = [(int(s["start"]), int(s["end"])) for s in obj["spans"]]
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise AnnotationFormatError(
                path, f"line {lineno}", f"not a detect output line: {exc}"
            ) from None

    def predict(doc: EvalDoc) -> Spans:
        key = doc.name.split(":")[0]
        if key not in table:
            raise ShanhaiError(f"{path}: no predictions for document {key!r}")
        return table[key] if ":" not in doc.name else []

    return predict


def corpus_docs(corpus: Corpus) -> list[EvalDoc]:
    """Every corpus document with its gold spam, and its clean text as a spam-free document."""
    docs = []
    for doc in corpus.documents():
        docs.append(EvalDoc(doc.id, doc.raw_text, tuple((s.start, s.end) for s in doc.spam)))
        docs.append(EvalDoc(f"{doc.id}:clean", doc.clean().text, ()))
    return docs


def folder_docs(folder: str | Path) -> list[EvalDoc]:
    """``NAME.txt`` + ``NAME.json`` pairs of a folder (a ``.txt`` without JSON is an error)."""
    root = Path(folder)
    if not root.is_dir():
        raise ShanhaiError(f"{root}: no such folder")
    docs = []
    for txt in sorted(root.glob("*.txt")):
        ann_path = txt.with_suffix(".json")
        if not ann_path.exists():
            raise ShanhaiError(f"{txt}: no annotation file {ann_path.name} beside it")
        text = read_text(txt)
        ann = read_json(ann_path)
        if not isinstance(ann, dict) or not isinstance(ann.get("spam"), list):
            raise AnnotationFormatError(ann_path, "spam", "expected a list of spans")
        gold = []
        for i, span in enumerate(ann["spam"]):
            try:
                start, end = int(span["start"]), int(span["end"])
            except (KeyError, TypeError, ValueError):
                raise AnnotationFormatError(
                    ann_path, f"spam[{i}]", "needs integer start and end"
                ) from None
            if not 0 <= start < end <= len(text):
                raise AnnotationFormatError(
                    ann_path, f"spam[{i}]", f"[{start}:{end}] outside the text"
                )
            gold.append((start, end))
        docs.append(EvalDoc(txt.stem, text, tuple(sorted(gold))))
    return docs
