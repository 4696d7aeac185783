"""scikit-learn baselines for the section classifier: TF-IDF character n-grams + logistic
regression, and a majority-class dummy. Texts are put into a Simplified view first, so both
scripts share features. Settings live in ``configs/baseline.json``; its ``none_threshold`` is
the rule of :func:`~shanhai_nlp.train.outside.decide` (``null``: the best label, ``none``
included).

A fitted TF-IDF model is saved as data, never as a pickle: ``model.json`` (kind, settings,
vocabulary, classes) and ``weights.npz`` (idf, coefficients, intercepts, read with
``allow_pickle=False``); loading rebuilds the estimator from them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from shanhai_nlp.document.io import write_json_atomic
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.text.views import simplified_view
from shanhai_nlp.train.outside import NONE_THRESHOLD, decide

BASELINE_CONFIG = Path("configs/baseline.json")
MODEL_FILE = "model.json"
WEIGHTS_FILE = "weights.npz"


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
        threshold = self.settings.get("none_threshold", NONE_THRESHOLD)
        out = []
        for row in probs:
            scores = {c: round(float(p), 6) for c, p in zip(classes, row, strict=True)}
            out.append((decide(scores, threshold), scores))
        return out

    def save(self, folder: str | Path) -> Path:
        """Write the fitted TF-IDF model as data (a versioned artefact, no pickle)."""
        import numpy as np

        if self.kind != "tfidf_logreg":
            raise ShanhaiError(f"only a tfidf_logreg baseline can be saved, not {self.kind}")
        tfidf, clf = self.estimator.named_steps["tfidf"], self.estimator.named_steps["clf"]
        out = Path(folder)
        out.mkdir(parents=True, exist_ok=True)
        meta = {
            "kind": self.kind,
            "settings": self.settings,
            "classes": [str(c) for c in clf.classes_],
            "vocabulary": {term: int(k) for term, k in sorted(tfidf.vocabulary_.items())},
        }
        write_json_atomic(out / MODEL_FILE, meta)
        with (out / WEIGHTS_FILE).open("wb") as fh:
            np.savez(fh, idf=tfidf.idf_, coef=clf.coef_, intercept=clf.intercept_)
        return out

    @classmethod
    def load(cls, folder: str | Path) -> TextClassifier:
        """A saved model, rebuilt from its data (a missing or damaged file is one error)."""
        import numpy as np

        folder = Path(folder)
        try:
            meta = json.loads((folder / MODEL_FILE).read_text(encoding="utf-8"))
            with np.load(folder / WEIGHTS_FILE, allow_pickle=False) as weights:
                idf, coef, intercept = weights["idf"], weights["coef"], weights["intercept"]
            estimator = make_tfidf_logreg(meta["settings"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ShanhaiError(
                f"{folder}: not a readable baseline model ({exc}); rebuild it with "
                "`shanhai train sections`"
            ) from None
        tfidf, clf = estimator.named_steps["tfidf"], estimator.named_steps["clf"]
        tfidf.vocabulary_ = meta["vocabulary"]
        tfidf.idf_ = idf
        clf.classes_ = np.array(meta["classes"])
        clf.coef_, clf.intercept_ = coef, intercept
        clf.n_features_in_ = coef.shape[1]
        return cls(estimator, meta["settings"], kind=meta["kind"])

    @staticmethod
    def is_saved_model(folder: str | Path) -> bool:
        return (Path(folder) / MODEL_FILE).is_file() and (Path(folder) / WEIGHTS_FILE).is_file()


def tfidf_logreg(settings: dict[str, Any]) -> TextClassifier:
    return TextClassifier(make_tfidf_logreg(settings), settings, kind="tfidf_logreg")


def majority(settings: dict[str, Any]) -> TextClassifier:
    return TextClassifier(make_dummy(settings), settings, kind="majority")
