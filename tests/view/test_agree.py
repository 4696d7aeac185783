"""Agreement between annotators."""

from __future__ import annotations

from dataclasses import replace

from shanhai_nlp.document import Document
from shanhai_nlp.view.agree import agreement, cohen_kappa


def test_agree_with_itself_is_perfect(seed: Document) -> None:
    result = agreement(seed, seed)
    for layer in ("spam", "entities", "figures", "blocks"):
        assert result[layer]["exact_f1"] == 1.0 and result[layer]["overlap_f1"] == 1.0
    assert result["entities"]["label_kappa"] == 1.0
    assert result["figures"]["value_agreement"] == 1.0


def test_agree_counts_disagreements(seed: Document) -> None:
    other = replace(
        seed,
        entities=tuple(replace(e, label="ORG") if e.label == "GPE" else e for e in seed.entities),
        spam=seed.spam[1:],
        figures=tuple(replace(f, value=f.value + 1) for f in seed.figures),
    )
    result = agreement(seed, other)
    assert result["spam"]["exact_f1"] < 1.0 and result["spam"]["b"] == len(seed.spam) - 1
    assert result["entities"]["exact_f1"] == 1.0 and result["entities"]["label_agreement"] < 0.7
    assert result["figures"]["value_agreement"] == 0.0


def test_agree_kappa() -> None:
    assert cohen_kappa(["a", "b"], ["a", "b"]) == 1.0
    assert cohen_kappa([], []) is None
