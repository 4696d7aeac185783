"""``shanhai dataset export`` and ``shanhai sections predict``: bad input ends in one line."""

from __future__ import annotations

import json
from pathlib import Path

from test_cli_corpus import shanhai

from conftest import SEED_ID


def test_cli_dataset_export_fails_cleanly_on_bad_annotations(scratch_root: Path) -> None:
    path = scratch_root / "annotations" / f"{SEED_ID}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["spam"][0]["end"] += 1
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = shanhai("dataset", "export", str(scratch_root / "out"), root=scratch_root)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("shanhai: error: cannot export: 000_ba37726988884541: spam[0]")
    assert not (scratch_root / "out").exists()


def test_cli_sections_predict_bad_input(tmp_path: Path) -> None:
    model = tmp_path / "m"
    result = shanhai("sections", "predict", str(tmp_path / "in.jsonl"), "--model", str(model))
    assert result.returncode == 1 and "no such model" in result.stderr
    from shanhai_nlp.train.baseline import load_settings, tfidf_logreg

    settings = load_settings(Path(__file__).parents[2] / "configs" / "baseline.json")
    tfidf_logreg(settings).fit(["醫院醫生", "電商銷售"], ["talent", "consumption"]).save(model)
    inputs = tmp_path / "in.jsonl"
    inputs.write_text('{"text": "医院医生"}\n{"txt": 1}\n', encoding="utf-8")
    result = shanhai("sections", "predict", str(inputs), "--model", str(model))
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f'shanhai: error: {inputs}: line 2: expected a JSON object with a "text" field'
    )
    inputs.write_text('{"text": "医院医生"}\n', encoding="utf-8")
    result = shanhai("sections", "predict", str(inputs), "--model", str(model))
    out = json.loads(result.stdout)
    assert out["label"] == "talent" and set(out["scores"]) == {"talent", "consumption"}
