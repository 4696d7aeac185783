"""Section models on paragraphs of other reports on the policy, outside the training article:
macro-F1 of the final spaCy model and of the TF-IDF baseline, through the function behind
``shanhai sections predict``.

The paragraphs (``bench/data/sections_outside.jsonl``, 32 of them, mostly Simplified) were
written for the project in the style of other reports on 东西部协作, about other provinces, and
labelled by the guidelines. They are not real reports, and the section config's settings were
chosen while reading its score here: a proxy for text outside the article, in-sample for
those settings.

Usage: ``python bench/sections_outside.py [--models build/models] [--out build/reports]``
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from shanhai_nlp.document.io import write_json_atomic
from shanhai_nlp.train import metrics as M
from shanhai_nlp.train.sections import LABELS, predict_file

DATA = Path(__file__).parent / "data" / "sections_outside.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, default=Path("build/models"))
    parser.add_argument("--out", type=Path, default=Path("build/reports"))
    args = parser.parse_args()

    gold = [json.loads(line)["section"] for line in DATA.read_text(encoding="utf-8").splitlines()]
    models: dict[str, dict[str, object]] = {}
    folders = {"spacy": "sections-spacy", "tfidf+logreg": "sections-baseline-v1"}
    for name, folder in folders.items():
        pred = [row["label"] for row in predict_file(DATA, args.models / folder)]
        scores = {
            "macro_f1": round(M.macro_f1(gold, pred, LABELS), 4),
            "none_answers": pred.count("none"),
            "per_class": M.per_class(gold, pred, LABELS),
        }
        models[name] = scores
        print(f"{name:14} macro-F1 {scores['macro_f1']:.3f}  none answers {pred.count('none')}")
    report = {"items": len(gold), "data": DATA.name, "models": models}
    args.out.mkdir(parents=True, exist_ok=True)
    write_json_atomic(args.out / "sections_outside.json", report)


if __name__ == "__main__":
    main()
