"""Evaluation metrics and inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shanhai_nlp.errors import AnnotationFormatError, ShanhaiError
from shanhai_nlp.spam.evaluate import (
    EvalDoc,
    Scores,
    count,
    evaluate,
    file_predictions,
    folder_docs,
)


@pytest.mark.parametrize(
    ("pred", "gold", "exact_f1", "overlap_f1", "char_f1"),
    [
        ([(1, 4)], [(1, 4)], 1.0, 1.0, 1.0),
        ([(1, 3)], [(1, 4)], 0.0, 1.0, 0.8),
        ([(5, 6)], [(1, 4)], 0.0, 0.0, 0.0),
        ([], [(1, 4)], 0.0, 0.0, 0.0),
    ],
)
def test_evaluate_metrics(pred, gold, exact_f1, overlap_f1, char_f1) -> None:
    s = Scores(count(pred, gold, 10))
    assert (s.exact["f1"], s.overlap["f1"], s.chars["f1"]) == (exact_f1, overlap_f1, char_f1)


def test_evaluate_false_positives_per_10k_only_on_spam_free_docs() -> None:
    docs = [EvalDoc("clean", "x" * 2000, ()), EvalDoc("dirty", "y" * 100, ((0, 5),))]
    report = evaluate(docs, lambda d: [(0, 1)] if d.name == "clean" else [(0, 5)], name="t")
    assert report.micro.fp_per_10k == 5.0
    assert report.documents["dirty"].fp_per_10k is None


def test_evaluate_folder_and_predictions(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("幫包養網扶", encoding="utf-8")
    (tmp_path / "a.json").write_text(
        json.dumps({"spam": [{"start": 1, "end": 4}]}), encoding="utf-8"
    )
    docs = folder_docs(tmp_path)
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text(json.dumps({"path": "x/a.txt", "spans": [{"start": 1, "end": 4}]}) + "\n")
    report = evaluate(docs, file_predictions(pred_file), name="file")
    assert report.micro.exact["f1"] == 1.0


def test_evaluate_folder_errors(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("幫扶", encoding="utf-8")
    with pytest.raises(ShanhaiError, match=r"no annotation file a\.json"):
        folder_docs(tmp_path)
    (tmp_path / "a.json").write_text('{"spam": [{"start": 1, "end": 9}]}', encoding="utf-8")
    with pytest.raises(AnnotationFormatError, match=r"spam\[0\]: \[1:9\] outside the text"):
        folder_docs(tmp_path)
