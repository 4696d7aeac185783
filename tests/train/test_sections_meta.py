"""The final section model's meta.json reports its cross-validated scores."""

from __future__ import annotations

from shanhai_nlp.train.sections import SPACY, cross_validated_performance


def test_performance_is_the_cross_validated_one() -> None:
    summary = {
        "items": 28,
        "models": {
            SPACY: {
                "macro_f1": 0.566,
                "macro_f1_ci95": [0.403, 0.705],
                "per_class": {"overview": {"p": 0.5, "r": 0.7, "f1": 0.58, "support": 9}},
            }
        },
    }
    performance = cross_validated_performance(summary, SPACY)
    assert performance["cats_macro_f"] == 0.566
    assert performance["cats_macro_f_ci95"] == [0.403, 0.705]
    assert performance["cats_f_per_type"] == {"overview": {"f": 0.58}}
    assert "cross-validation" in performance["measured_by"]
