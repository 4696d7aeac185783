"""Metrics: per-class scores, bootstrap intervals that contain the estimate, paired tests."""

from __future__ import annotations

from shanhai_nlp.train import metrics as M

LABELS = ["a", "b", "c"]
GOLD = ["a", "a", "b", "b", "c", "c", "a", "b"]


def test_metrics_perfect_and_wrong() -> None:
    assert M.macro_f1(GOLD, GOLD, LABELS) == 1.0
    assert M.macro_f1(GOLD, ["c"] * len(GOLD), LABELS) < 0.3
    assert M.per_class(GOLD, GOLD, LABELS)["a"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "support": 3}


def test_metrics_bootstrap_interval_contains_estimate() -> None:
    pred = ["a", "b", "b", "b", "c", "a", "a", "b"]
    lo, hi = M.bootstrap_ci(GOLD, [pred], LABELS, n=300)
    assert lo <= M.mean_macro_f1(GOLD, [pred], LABELS) <= hi


def test_metrics_paired_bootstrap_direction() -> None:
    good, bad = [GOLD], [["a"] * len(GOLD)]
    result = M.paired_bootstrap(GOLD, good, bad, LABELS, n=300)
    assert result["difference"] > 0 and result["share_not_better"] < 0.05
    assert M.paired_bootstrap(GOLD, bad, good, LABELS, n=300)["share_not_better"] > 0.95


def test_metrics_confusion_sums_repetitions() -> None:
    matrix = M.confusion(GOLD, [GOLD, GOLD], LABELS)
    assert sum(map(sum, matrix)) == 2 * len(GOLD)
    assert matrix[0][0] == 6
