"""scikit-learn baselines for the section classifier: TF-IDF character n-grams + logistic
regression, and a majority-class dummy. Texts are put into a Simplified view first, so both
scripts share features. Settings live in ``configs/baseline.json``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from shanhai_nlp.text.views import simplified_view

BASELINE_CONFIG = Path("configs/baseline.json")
ARTEFACT_NAME = "model.joblib"


def load_settings(path: str | Path = BASELINE_CONFIG) -> dict[str, Any]:
    settings: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return settings


def normalise(texts: Sequence[str]) -> list[str]:
    """The Simplified view of each text (same length, script-independent features)."""
    return [simplified_view(t) for t in texts]


def make_tfidf_logreg(settings: dict[str, Any]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline

    tfidf = dict(settings["tfidf"])
    tfidf["ngram_range"] = tuple(tfidf["ngram_range"])
    return Pipeline(
        [
            ("tfidf", TfidfVectorizer(**tfidf)),
            ("clf", LogisticRegression(**settings["logistic_regression"])),
        ]
    )


def make_dummy(settings: dict[str, Any]) -> Any:
    from sklearn.dummy import DummyClassifier

    return DummyClassifier(**settings["dummy"])


class TextClassifier:
    """A fitted scikit-learn classifier over normalised texts, with class scores."""

    def __init__(self, estimator: Any, settings: dict[str, Any], *, kind: str) -> None:
        self.estimator = estimator
        self.settings = settings
        self.kind = kind

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> TextClassifier:
        self.estimator.fit(normalise(texts), list(labels))
        return self

    def predict(self, texts: Sequence[str]) -> list[tuple[str, dict[str, float]]]:
        probs = self.estimator.predict_proba(normalise(texts))
        classes = [str(c) for c in self.estimator.classes_]
        out = []
        for row in probs:
            scores = {c: round(float(p), 6) for c, p in zip(classes, row, strict=True)}
            out.append((max(scores, key=lambda c: scores[c]), scores))
        return out

    def save(self, folder: str | Path) -> Path:
        """Write the fitted model and its config (a versioned artefact)."""
        import joblib

        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        joblib.dump(self.estimator, out / ARTEFACT_NAME)
        meta = {"kind": self.kind, "settings": self.settings}
        (out / "config.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
        return out

    @classmethod
    def load(cls, folder: str | Path) -> TextClassifier:
        import joblib

        folder = Path(folder)
        meta = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        return cls(joblib.load(folder / ARTEFACT_NAME), meta["settings"], kind=meta["kind"])


def tfidf_logreg(settings: dict[str, Any]) -> TextClassifier:
    return TextClassifier(make_tfidf_logreg(settings), settings, kind="tfidf_logreg")


def majority(settings: dict[str, Any]) -> TextClassifier:
    return TextClassifier(make_dummy(settings), settings, kind="majority")
