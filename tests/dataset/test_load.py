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
