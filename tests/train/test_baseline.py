"""The scikit-learn baseline: script-normalised, versioned artefact that round-trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.train.baseline import TextClassifier, load_settings, majority, tfidf_logreg

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [
    "醫院醫生幫扶",
    "醫療人才培育",
    "電商銷售土特產",
    "消費幫扶電商",
    "工廠產業園就業",
    "產業園工廠企業",
]
LABELS = ["talent", "talent", "consumption", "consumption", "industry", "industry"]


def test_baseline_predicts_both_scripts(tmp_path: Path) -> None:
    settings = load_settings(ROOT / "configs" / "baseline.json")
    model = tfidf_logreg(settings).fit(TEXTS, LABELS)
    (label_t, scores), (label_s, _) = model.predict(["醫院醫生", "医院医生"])
    assert label_t == label_s == "talent"
    assert abs(sum(scores.values()) - 1.0) < 1e-5
    folder = model.save(tmp_path / "m")
    assert TextClassifier.load(folder).predict(["电商土特产"])[0][0] == "consumption"


def test_baseline_majority() -> None:
    settings = load_settings(ROOT / "configs" / "baseline.json")
    model = majority(settings).fit([*TEXTS, "醫院"], [*LABELS, "talent"])
    assert {label for label, _ in model.predict(["任何", "文字"])} == {"talent"}


def test_baseline_saved_as_data_predicts_as_fitted(tmp_path: Path) -> None:
    """The saved model holds no pickle and gives the fitted model's scores exactly."""
    import numpy as np

    settings = load_settings(ROOT / "configs" / "baseline.json")
    model = tfidf_logreg(settings).fit(TEXTS, LABELS)
    folder = model.save(tmp_path / "m")
    assert sorted(p.name for p in folder.iterdir()) == ["model.json", "weights.npz"]
    with np.load(folder / "weights.npz", allow_pickle=False) as weights:
        assert set(weights.files) == {"idf", "coef", "intercept"}
    texts = ["電商土特產銷售", "医院医生培育人才", "今天天氣很好", ""]
    assert TextClassifier.load(folder).predict(texts) == model.predict(texts)


def test_baseline_damaged_model_is_one_error(tmp_path: Path) -> None:
    settings = load_settings(ROOT / "configs" / "baseline.json")
    folder = tfidf_logreg(settings).fit(TEXTS, LABELS).save(tmp_path / "m")
    (folder / "weights.npz").write_bytes(b"not a zip")
    with pytest.raises(ShanhaiError, match=r"m: not a readable baseline model .*shanhai train"):
        TextClassifier.load(folder)
