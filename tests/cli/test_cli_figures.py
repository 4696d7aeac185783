"""``shanhai figures extract`` output shape and raw offsets through spam."""

from __future__ import annotations

import json
from pathlib import Path

from test_cli_corpus import shanhai


def test_cli_figures_extract(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("向畢節提供財政援助資金3包養.77億元,每月工資四五千元。", encoding="utf-8")
    result = shanhai("figures", "extract", str(path), "--detector", "lexicon")
    assert result.returncode == 0, result.stderr
    obj = json.loads(result.stdout)
    assert obj["path"] == str(path)
    first, second = obj["figures"]
    assert (first["text"], first["value"], first["unit"]) == ("3包養.77億元", 377000000.0, "元")
    assert (second["low"], second["high"], second["qualifier"]) == (4000.0, 5000.0, "range")


def test_cli_figures_evaluate() -> None:
    result = shanhai("figures", "evaluate")
    assert json.loads(result.stdout.splitlines()[0])["f1"] >= 0.95
