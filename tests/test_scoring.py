"""P/R/F1 against scikit-learn's, and the conventions for empty sides."""

from __future__ import annotations

import pytest
from sklearn.metrics import precision_recall_fscore_support

from shanhai_nlp.scoring import Empty, prf


@pytest.mark.parametrize(("tp", "fp", "fn"), [(3, 1, 3), (1, 0, 0), (5, 5, 1), (2, 7, 9)])
def test_prf_equals_scikit_learn(tp: int, fp: int, fn: int) -> None:
    gold = [1] * tp + [0] * fp + [1] * fn
    pred = [1] * tp + [1] * fp + [0] * fn
    p, r, f, _ = precision_recall_fscore_support(gold, pred, average="binary")
    assert prf(tp, tp + fp, tp, tp + fn) == {
        "p": round(float(p), 4),
        "r": round(float(r), 4),
        "f1": round(float(f), 4),
    }


@pytest.mark.parametrize(
    ("args", "empty", "expected"),
    [
        ((0, 0, 0, 0), "agree", (1.0, 1.0, 1.0)),  # nothing to find, nothing found
        ((0, 0, 0, 3), "agree", (0.0, 0.0, 0.0)),  # nothing found of three
        ((0, 2, 0, 0), "agree", (0.0, 0.0, 0.0)),  # two found where there is nothing
        ((0, 0, 0, 3), "one", (1.0, 0.0, 0.0)),  # nothing claimed: precision is not at fault
        ((0, 0, 0, 0), "zero", (0.0, 0.0, 0.0)),
        ((2, 3, 1, 4), "agree", (0.6667, 0.25, 0.3636)),  # overlap: matched counts differ
    ],
)
def test_prf_empty_sides(
    args: tuple[int, int, int, int], empty: Empty, expected: tuple[float, float, float]
) -> None:
    scores = prf(*args, empty=empty)
    assert (scores["p"], scores["r"], scores["f1"]) == expected
