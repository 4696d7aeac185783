"""``shanhai annotate`` prints valid annotation JSON."""

from __future__ import annotations

import json
from pathlib import Path

from test_cli_corpus import shanhai

FIXTURE = Path(__file__).parents[1] / "fixtures" / "second_article_hans.txt"


def test_cli_annotate_prints_annotation_json() -> None:
    result = shanhai("annotate", str(FIXTURE), "--id", "001_second")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["document_id"] == "001_second"
    assert {"spam", "blocks", "entities", "figures", "raw_sha256"} <= set(data)


def test_cli_annotate_missing_file(tmp_path: Path) -> None:
    result = shanhai("annotate", str(tmp_path / "none.txt"))
    assert result.returncode == 1
    assert result.stderr.strip() == f"shanhai: error: {tmp_path / 'none.txt'}: no such file"


def test_cli_annotate_refuses_an_id_that_is_a_path(scratch_root: Path) -> None:
    """An id becomes file names: one that leaves the folder or names a sub-folder is one line,
    and nothing is written anywhere."""
    before = sorted(p for p in scratch_root.parent.rglob("*"))
    for bad in ("../../escape", "sub/dir", ".hidden", ""):
        result = shanhai("annotate", str(FIXTURE), "--id", bad, "--add", root=scratch_root)
        assert result.returncode == 1
        (line,) = result.stderr.strip().splitlines()
        assert line == (
            f"shanhai: error: document id {bad!r} is not valid: use letters, digits, '.', '_' "
            "and '-' (at most 128), starting with a letter or digit"
        )
    assert sorted(p for p in scratch_root.parent.rglob("*")) == before
