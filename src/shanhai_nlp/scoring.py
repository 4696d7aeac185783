"""Precision, recall and F1: the one implementation every evaluation uses (spam spans and
characters, figures, entities, agreement between annotators, segmentation boundaries).

Classification scores (sections, block types) come from scikit-learn
(:mod:`shanhai_nlp.train.metrics`).
"""

from __future__ import annotations

from typing import Literal

#: what a side without any item scores:
#: ``agree`` 1.0 when the other side has none either, else 0.0 (nothing found of something);
#: ``one`` always 1.0 (nothing claimed, nothing wrong); ``zero`` always 0.0
Empty = Literal["agree", "one", "zero"]


def _ratio(matched: float, total: float, other_total: float, empty: Empty) -> float:
    if total:
        return matched / total
    if empty == "agree":
        return 0.0 if other_total else 1.0
    return 1.0 if empty == "one" else 0.0


def prf(
    matched_pred: float,
    n_pred: float,
    matched_gold: float,
    n_gold: float,
    *,
    empty: Empty = "agree",
) -> dict[str, float]:
    """P/R/F1 rounded to four places: ``matched_pred`` of ``n_pred`` predictions are right,
    ``matched_gold`` of ``n_gold`` gold items are found (the two differ when matching is not
    one to one, as with overlap).

    Example:
        >>> prf(3, 4, 3, 6)
        {'p': 0.75, 'r': 0.5, 'f1': 0.6}
        >>> prf(0, 0, 0, 0), prf(0, 0, 0, 2), prf(0, 0, 0, 2, empty="one")["p"]
        ({'p': 1.0, 'r': 1.0, 'f1': 1.0}, {'p': 0.0, 'r': 0.0, 'f1': 0.0}, 1.0)
    """
    p = _ratio(matched_pred, n_pred, n_gold, empty)
    r = _ratio(matched_gold, n_gold, n_pred, empty)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}
