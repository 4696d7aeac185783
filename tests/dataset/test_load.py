"""``shanhai_nlp.load_dataset`` builds the export when it is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from shanhai_nlp import load_dataset


@pytest.mark.slow
def test_load_dataset_exports_when_missing(scratch_root: Path) -> None:
    ds = load_dataset("paragraphs", root=str(scratch_root))
    assert (scratch_root / "build" / "dataset" / "README.md").exists()
    assert ds["train"].features["section"].names[0] == "overview"
    ner = load_dataset("ner", root=str(scratch_root))["train"]
    tokens = [t for row in ner for t in row["tokens"]]
    assert "鎮雄縣" in tokens and "產業園" in tokens  # pkuseg words through the Simplified view


@pytest.mark.slow
def test_load_dataset_reexports_when_the_annotations_changed(scratch_root: Path) -> None:
    """An export built before the annotations changed is rebuilt; an unchanged one is read as
    it is (its files untouched)."""
    import json

    from conftest import SEED_ID

    load_dataset("documents", root=str(scratch_root))
    export = scratch_root / "build" / "dataset" / "documents"
    before = {p.name: p.stat().st_mtime_ns for p in export.iterdir()}
    load_dataset("documents", root=str(scratch_root))
    assert {p.name: p.stat().st_mtime_ns for p in export.iterdir()} == before
    path = scratch_root / "annotations" / f"{SEED_ID}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    dropped = data["entities"].pop()
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    [row] = load_dataset("documents", root=str(scratch_root))["train"]
    assert len(row["entities"]) == len(data["entities"])
    assert (dropped["start"], dropped["end"]) not in {
        (e["start"], e["end"]) for e in row["entities"]
    }
