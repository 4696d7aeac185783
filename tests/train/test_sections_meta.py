"""The final section and entity models' meta.json report their cross-validated scores."""

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


def test_ner_performance_is_the_cross_validated_one() -> None:
    from shanhai_nlp.train import ner

    summary = {
        "labels": ["GPE"],
        "models": {
            ner.SPACY: {
                "micro": {
                    "p": 0.395,
                    "r": 0.27,
                    "f1": 0.32,
                    "support": 100,
                    "f1_mean_over_repetitions": 0.321,
                    "f1_ci95": [0.213, 0.422],
                },
                "per_label": {"GPE": {"p": 0.5, "r": 0.4, "f1": 0.44, "support": 40}},
                "test_blocks": 28,
            }
        },
    }
    performance = ner.cross_validated_performance(summary)
    assert performance["ents_f"] == 0.321 and performance["ents_f_ci95"] == [0.213, 0.422]
    assert performance["ents_per_type"] == {"GPE": {"p": 0.5, "r": 0.4, "f": 0.44}}
    assert "cross-validation" in performance["measured_by"]
