"""Entities that ``shanhai annotate`` pre-annotates on a copy of a corpus document put outside
the corpus (so no gazetteer of its own entities helps), against the document's gold: labelled
F1 with the coarse labels (GPE, LOC and FAC as one place label) and with the fine ones, per
label (a benchmark, not a test: on the seed article, whose misses the entity rules were written
with, it is in-sample).

Usage: ``python bench/annotate_outside.py [--root .] [--doc ID] [--out build/reports]``
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

from shanhai_nlp.annotate import annotate_file
from shanhai_nlp.corpus import Corpus
from shanhai_nlp.document.io import write_json_atomic
from shanhai_nlp.scoring import prf

#: the coarse labels: the places as one
COARSE = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}

Item = tuple[int, int, str]


def scores(gold: Counter[Item], pred: Counter[Item]) -> dict[str, float]:
    """Exact-span labelled P/R/F1 of two multisets of (start, end, label)."""
    tp = sum((gold & pred).values())
    return prf(tp, sum(pred.values()), tp, sum(gold.values()))


def by_label(gold: Counter[Item], pred: Counter[Item]) -> dict[str, dict[str, float]]:
    labels = sorted({label for _s, _e, label in gold} | {label for _s, _e, label in pred})
    out = {}
    for label in labels:
        g = Counter({k: v for k, v in gold.items() if k[2] == label})
        p = Counter({k: v for k, v in pred.items() if k[2] == label})
        out[label] = {**scores(g, p), "gold": sum(g.values()), "found": sum(p.values())}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."))
    parser.add_argument("--doc", help="document id (default: the corpus's first)")
    parser.add_argument("--out", type=Path, default=Path("build/reports"))
    args = parser.parse_args()

    corpus = Corpus.find(args.root)
    doc = corpus.load(args.doc) if args.doc else next(iter(corpus.documents()))
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "corpus").mkdir()  # an empty corpus: nothing of the document's own
        copy = Path(tmp) / "copy.txt"
        copy.write_text(doc.raw_text, encoding="utf-8")
        drafted = annotate_file(copy, root=Path(tmp))
    fine_gold = Counter((e.start, e.end, e.label) for e in doc.entities)
    fine_pred = Counter((e.start, e.end, e.label) for e in drafted.entities)

    def coarse(items: Counter[Item]) -> Counter[Item]:
        return Counter({(s, e, COARSE.get(label, label)): n for (s, e, label), n in items.items()})

    result = {
        "command": "python bench/annotate_outside.py",
        "document": doc.id,
        "gold_entities": sum(fine_gold.values()),
        "drafted_entities": sum(fine_pred.values()),
        "coarse": scores(coarse(fine_gold), coarse(fine_pred)),
        "fine": scores(fine_gold, fine_pred),
        "coarse_by_label": by_label(coarse(fine_gold), coarse(fine_pred)),
        "fine_by_label": by_label(fine_gold, fine_pred),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    write_json_atomic(args.out / "annotate_outside.json", result)
    print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
