"""``shanhai annotate`` prints valid annotation JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
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


def test_cli_annotate_a_text_with_unusual_line_characters(tmp_path: Path) -> None:
    """A U+2028 or a form feed inside a line is text for pre-annotation and validation alike
    (validation split lines at them before, and refused the pre-annotation)."""
    path = tmp_path / "a.txt"
    path.write_text(
        "第一行內容很長的一段文字\u2028第二段落內容\x0c第三段落\r\n最後一行的內容", encoding="utf-8"
    )
    result = shanhai("annotate", str(path), "--id", "a1")
    assert result.returncode == 0, result.stderr
    blocks = json.loads(result.stdout)["blocks"]
    assert [b["text"] for b in blocks] == [
        "第一行內容很長的一段文字\u2028第二段落內容\x0c第三段落",
        "最後一行的內容",
    ]


def test_cli_annotate_and_view_outside_any_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a folder with no corpus/ above it, `annotate FILE` and `view FILE` still work: spam,
    entities and figures as anywhere, sections `none` (no model to ask), every span a draft."""
    monkeypatch.delenv("SHANHAI_ROOT", raising=False)
    away = tmp_path / "elsewhere"
    away.mkdir()
    monkeypatch.chdir(away)
    result = shanhai("annotate", str(FIXTURE))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [s["text"] for s in data["spam"]] == ["网站优化", "百家乐"]
    assert data["entities"] and all(e["status"] == "draft" for e in data["entities"])
    assert {b["section"] for b in data["blocks"]} <= {"none", "overview"}
    result = shanhai("view", str(FIXTURE), "--out", str(away / "v.html"))
    assert result.returncode == 0, result.stderr
    assert 'class="spam draft"' in (away / "v.html").read_text(encoding="utf-8")
