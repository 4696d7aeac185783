"""The section classifier: cross-validated comparison of the spaCy config with the baselines,
final models, and prediction on new paragraphs (either script)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from shanhai_nlp.dataset.folds import CLASSIFIED_SECTIONS, DEFAULT_PLAN, FoldPlan
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.train import metrics as M
from shanhai_nlp.train.baseline import TextClassifier, load_settings, majority, tfidf_logreg
from shanhai_nlp.train.outside import NONE, decide, outside_texts
from shanhai_nlp.train.readers import fold_of, section_rows, select
from shanhai_nlp.train.spacy_runs import all_data_overrides, fold_overrides, train_from_config

LABELS = list(CLASSIFIED_SECTIONS)
#: texts -> [(label, scores)]
Predictor = Callable[[Sequence[str]], list[tuple[str, dict[str, float]]]]
SPACY = "spacy (configs/sections.cfg)"
TFIDF = "tfidf+logreg (configs/baseline.json)"
DUMMY = "majority class"


@dataclass
class CrossValidation:
    """Out-of-fold predictions of every model, per repetition, for the same items; and each
    fold model's labels for held-out base-text paragraphs (text outside the taxonomy)."""

    texts: list[str]
    gold: list[str]
    predictions: dict[str, list[list[str]]] = field(default_factory=dict)
    outside: list[str] = field(default_factory=list)
    outside_predictions: dict[str, list[list[str]]] = field(default_factory=dict)


#: held-out base-text paragraphs every fold model labels (it should say `none`)
OUTSIDE_PROBES = 300


def fit_baseline(
    make: Any,
    settings: dict[str, Any],
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    outside: bool = True,
) -> TextClassifier:
    """A baseline fitted on the texts and, with ``outside``, the settings'
    ``outside_paragraphs`` base-text paragraphs as ``none`` (the spaCy config's reader adds the
    same ones). The majority-class dummy goes without: its majority is a section."""
    extra = outside_texts(settings.get("outside_paragraphs", 0)) if outside else []
    model: TextClassifier = make(settings).fit([*texts, *extra], [*labels, *([NONE] * len(extra))])
    return model


def predict_spacy(nlp: Any, texts: Sequence[str]) -> list[tuple[str, dict[str, float]]]:
    out = []
    for doc in nlp.pipe(texts):
        scores = {k: round(float(v), 6) for k, v in doc.cats.items()}
        out.append((decide(scores, threshold=None), scores))
    return out


def cross_validate(
    config: str | Path,
    dataset: str | Path,
    *,
    plan: FoldPlan = DEFAULT_PLAN,
    baseline_config: str | Path = "configs/baseline.json",
    log: TextIO | None = sys.stdout,
) -> CrossValidation:
    """Train and test every model on the same seeded, repeated, stratified folds."""
    rows = section_rows(dataset)
    cv = CrossValidation([r["text"] for r in rows], [r["section"] for r in rows])
    cv.outside = outside_texts(OUTSIDE_PROBES, which="heldout")
    settings = load_settings(baseline_config)
    makers = {TFIDF: tfidf_logreg, DUMMY: majority}
    for name in (SPACY, *makers):
        cv.predictions[name] = []
        cv.outside_predictions[name] = []
    for repeat in range(plan.n_repeats):
        folds = fold_of(rows, plan, repeat, "section")
        preds: dict[str, list[str]] = {name: [""] * len(rows) for name in cv.predictions}
        for fold in range(plan.n_splits):
            train, test = select(folds, fold, "train"), select(folds, fold, "test")
            if log:
                print(
                    f"\n== sections: repetition {repeat + 1}/{plan.n_repeats}, "
                    f"fold {fold + 1}/{plan.n_splits} "
                    f"({len(train)} train, {len(test)} test)",
                    file=log,
                    flush=True,
                )
            nlp = train_from_config(config, fold_overrides(dataset, fold, repeat), log=log)
            predictors: dict[str, Predictor] = {SPACY: partial(predict_spacy, nlp)}
            for name, make in makers.items():
                model = fit_baseline(
                    make,
                    settings,
                    [cv.texts[i] for i in train],
                    [cv.gold[i] for i in train],
                    outside=name != DUMMY,
                )
                predictors[name] = model.predict
            for name, predict in predictors.items():
                for i, (label, _) in zip(test, predict([cv.texts[i] for i in test]), strict=True):
                    preds[name][i] = label
                cv.outside_predictions[name].append([label for label, _ in predict(cv.outside)])
        for name, p in preds.items():
            cv.predictions[name].append(p)
    return cv


def summarise(cv: CrossValidation, *, n_boot: int = 2000) -> dict[str, Any]:
    """Per-class scores, macro-F1 with 95% intervals, paired comparisons, confusion matrices."""
    models: dict[str, Any] = {}
    for name, repeats in cv.predictions.items():
        pooled_gold = [g for _ in repeats for g in cv.gold]
        pooled_pred = [p for pred in repeats for p in pred]
        models[name] = {
            "macro_f1": round(M.mean_macro_f1(cv.gold, repeats, LABELS), 4),
            "macro_f1_ci95": list(M.bootstrap_ci(cv.gold, repeats, LABELS, n=n_boot)),
            "macro_f1_per_repetition": [round(M.macro_f1(cv.gold, p, LABELS), 4) for p in repeats],
            "per_class": M.per_class(pooled_gold, pooled_pred, LABELS),
            "confusion": M.confusion(cv.gold, repeats, [*LABELS, NONE]),
            "outside_none_share": _none_share(cv.outside_predictions.get(name, [])),
        }
    comparisons = {
        f"{SPACY} vs {TFIDF}": M.paired_bootstrap(
            cv.gold, cv.predictions[SPACY], cv.predictions[TFIDF], LABELS, n=n_boot
        ),
        f"{SPACY} vs {DUMMY}": M.paired_bootstrap(
            cv.gold, cv.predictions[SPACY], cv.predictions[DUMMY], LABELS, n=n_boot
        ),
        f"{TFIDF} vs {DUMMY}": M.paired_bootstrap(
            cv.gold, cv.predictions[TFIDF], cv.predictions[DUMMY], LABELS, n=n_boot
        ),
    }
    return {
        "labels": LABELS,
        "confusion_labels": [*LABELS, NONE],
        "outside_items": len(cv.outside),
        "items": len(cv.gold),
        "support": {label: cv.gold.count(label) for label in LABELS},
        "models": models,
        "comparisons": comparisons,
    }


def _none_share(predictions: list[list[str]]) -> float | None:
    """How many of the outside paragraphs the fold models labelled ``none``, pooled."""
    pooled = [label for fold in predictions for label in fold]
    return round(pooled.count(NONE) / len(pooled), 4) if pooled else None


def train_final(
    config: str | Path,
    dataset: str | Path,
    out_dir: str | Path,
    *,
    baseline_config: str | Path = "configs/baseline.json",
    log: TextIO | None = sys.stdout,
    cross_validated: dict[str, Any] | None = None,
) -> dict[str, Path]:
    """Train on every labelled paragraph; save the spaCy pipeline and the baseline artefact.
    ``cross_validated`` (the summary of :func:`cross_validate`) goes into the pipeline's
    ``meta.json`` as its performance, in place of the scores on its own training data."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    nlp = train_from_config(config, all_data_overrides(dataset), log=log)
    if cross_validated is not None:
        nlp.meta["performance"] = cross_validated_performance(cross_validated, SPACY)
    spacy_dir = out / "sections-spacy"
    nlp.to_disk(spacy_dir)
    rows = section_rows(dataset)
    settings = load_settings(baseline_config)
    model = fit_baseline(
        tfidf_logreg, settings, [r["text"] for r in rows], [r["section"] for r in rows]
    )
    baseline_dir = model.save(out / f"sections-baseline-v{settings['version']}")
    return {"spacy": spacy_dir, "baseline": baseline_dir}


def cross_validated_performance(summary: dict[str, Any], model: str) -> dict[str, Any]:
    """A model's cross-validated scores, as a pipeline's ``meta["performance"]``: macro-F1
    with its interval, per class, and how it was measured."""
    scores = summary["models"][model]
    return {
        "cats_macro_f": scores["macro_f1"],
        "cats_macro_f_ci95": scores["macro_f1_ci95"],
        "cats_f_per_type": {
            label: {"f": row.get("f1")} for label, row in scores["per_class"].items()
        },
        "measured_by": "cross-validation on the training data's folds (shanhai train sections); "
        "not the final model's scores on its own training data",
        "items": summary["items"],
    }


def predict_file(inputs: Path, model: Path) -> list[dict[str, Any]]:
    """``{"text", "label", "scores"}`` for each ``{"text": ...}`` line of a JSONL file."""
    from shanhai_nlp.document.io import read_jsonl_texts

    if not model.exists():
        raise ShanhaiError(
            f"{model}: no such model; run `shanhai train sections` (or `make run`) first"
        )
    texts = read_jsonl_texts(inputs)
    if not texts:
        raise ShanhaiError(f"{inputs}: no text to classify (every line is blank)")
    return [
        {"text": text, "label": label, "scores": scores}
        for text, (label, scores) in zip(texts, load_predictor(model)(texts), strict=True)
    ]


def load_predictor(model: str | Path) -> Any:
    """A callable texts -> [(label, scores)] for a spaCy pipeline or a baseline artefact."""
    path = Path(model)
    if TextClassifier.is_saved_model(path):
        return TextClassifier.load(path).predict
    if not (path / "config.cfg").is_file():
        raise ShanhaiError(f"{path}: not a model folder (no config.cfg, nor a baseline model)")
    import spacy

    import shanhai_nlp.text.tokenizer
    import shanhai_nlp.train.architectures  # noqa: F401  (both register names the model uses)

    nlp = spacy.load(path)
    return lambda texts: predict_spacy(nlp, texts)
