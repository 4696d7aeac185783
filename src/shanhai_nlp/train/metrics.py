"""Classification metrics for small samples: per-class P/R/F1, macro-F1 with a bootstrap
interval, and a paired bootstrap comparison of two models on the same items."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

Predictions = Sequence[Sequence[str]]  # one out-of-fold prediction per item, per repetition


def per_class(
    gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]
) -> dict[str, dict[str, float]]:
    from sklearn.metrics import precision_recall_fscore_support

    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=list(labels), zero_division=0)
    return {
        label: {
            "p": round(float(p[i]), 4),
            "r": round(float(r[i]), 4),
            "f1": round(float(f[i]), 4),
            "support": int(s[i]),
        }
        for i, label in enumerate(labels)
    }


def macro_f1(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, labels=list(labels), average="macro", zero_division=0))


def mean_macro_f1(
    gold: Sequence[str], repeats: Predictions, labels: Sequence[str], idx: np.ndarray | None = None
) -> float:
    """Macro-F1 averaged over repetitions, on the items ``idx`` (all by default)."""
    g = np.asarray(gold)
    scores = []
    for pred in repeats:
        p = np.asarray(pred)
        if idx is not None:
            scores.append(macro_f1(g[idx].tolist(), p[idx].tolist(), labels))
        else:
            scores.append(macro_f1(g.tolist(), p.tolist(), labels))
    return float(np.mean(scores))


def bootstrap_ci(
    gold: Sequence[str],
    repeats: Predictions,
    labels: Sequence[str],
    *,
    n: int = 2000,
    seed: int = 0,
) -> tuple[float, float]:
    """95% percentile interval of the mean macro-F1, resampling items with replacement."""
    rng = np.random.default_rng(seed)
    stats = [
        mean_macro_f1(gold, repeats, labels, rng.integers(0, len(gold), len(gold)))
        for _ in range(n)
    ]
    lo, hi = np.percentile(stats, [2.5, 97.5])
    return round(float(lo), 4), round(float(hi), 4)


def paired_bootstrap(
    gold: Sequence[str],
    a: Predictions,
    b: Predictions,
    labels: Sequence[str],
    *,
    n: int = 2000,
    seed: int = 0,
) -> dict[str, Any]:
    """Macro-F1 of ``a`` minus ``b`` on the same resampled items: mean, 95% interval, and the
    share of resamples in which ``a`` is not better."""
    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(n):
        idx = rng.integers(0, len(gold), len(gold))
        diffs.append(mean_macro_f1(gold, a, labels, idx) - mean_macro_f1(gold, b, labels, idx))
    lo, hi = np.percentile(diffs, [2.5, 97.5])
    observed = mean_macro_f1(gold, a, labels) - mean_macro_f1(gold, b, labels)
    return {
        "difference": round(observed, 4),
        "ci95": [round(float(lo), 4), round(float(hi), 4)],
        "share_not_better": round(float(np.mean(np.asarray(diffs) <= 0)), 4),
    }


def confusion(gold: Sequence[str], repeats: Predictions, labels: Sequence[str]) -> list[list[int]]:
    """Confusion counts summed over repetitions (rows: gold, columns: predicted)."""
    from sklearn.metrics import confusion_matrix

    total = np.zeros((len(labels), len(labels)), dtype=int)
    for pred in repeats:
        total += confusion_matrix(gold, pred, labels=list(labels))
    return total.tolist()
