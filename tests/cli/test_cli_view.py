"""``shanhai view``, ``agree`` and the Label Studio / doccano commands, round trip on disk."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from test_cli_corpus import shanhai

from conftest import ROOT, SEED_ID


def test_cli_view_writes_html(tmp_path: Path) -> None:
    result = shanhai("view", SEED_ID, "--out", str(tmp_path / "v.html"))
    assert result.returncode == 0, result.stderr
    assert '<del class="spam"' in (tmp_path / "v.html").read_text(encoding="utf-8")


def test_cli_labelstudio_and_doccano_round_trip(scratch_root: Path, tmp_path: Path) -> None:
    gold = (scratch_root / "annotations" / f"{SEED_ID}.json").read_text(encoding="utf-8")
    tasks = tmp_path / "ls" / "tasks.json"
    assert (
        shanhai("labelstudio", "export", SEED_ID, "--out", str(tasks), root=scratch_root).returncode
        == 0
    )
    assert (tasks.parent / "labeling_config.xml").exists()
    back = tmp_path / "back.json"
    result = shanhai("labelstudio", "import", str(tasks), "--out", str(back), root=scratch_root)
    assert result.returncode == 0, result.stderr
    assert json.loads(back.read_text(encoding="utf-8")) == json.loads(gold)
    jsonl = tmp_path / "d.jsonl"
    assert (
        shanhai("doccano", "export", SEED_ID, "--out", str(jsonl), root=scratch_root).returncode
        == 0
    )
    result = shanhai("doccano", "import", str(jsonl), root=scratch_root)  # into annotations/
    assert result.returncode == 0, result.stderr
    assert json.loads(
        (scratch_root / "annotations" / f"{SEED_ID}.json").read_text(encoding="utf-8")
    ) == json.loads(gold)


def test_cli_agree(tmp_path: Path) -> None:
    a = ROOT / "annotations" / f"{SEED_ID}.json"
    b = tmp_path / "b.json"
    data = json.loads(a.read_text(encoding="utf-8"))
    data["entities"] = data["entities"][:50]
    b.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = shanhai("agree", str(a), str(b))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["entities"]["a"] == 108 and report["entities"]["b"] == 50
    assert report["spam"]["exact_f1"] == 1.0
    shutil.rmtree(tmp_path)


def test_cli_agree_checks_both_files(tmp_path: Path) -> None:
    """A file with a broken span, or one for an unknown document, is one line naming it."""
    a = ROOT / "annotations" / f"{SEED_ID}.json"
    data = json.loads(a.read_text(encoding="utf-8"))
    data["entities"][0]["end"] = 10**6
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    data["document_id"] = "001_other"
    other = tmp_path / "other.json"
    other.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for path, message in ((bad, f"{bad}: "), (other, "no document '001_other'")):
        result = shanhai("agree", str(a), str(path))
        assert result.returncode == 1
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith("shanhai: error: ") and message in line


def test_cli_view_of_a_plain_file_shows_its_pre_annotation(tmp_path: Path) -> None:
    fixture = Path(__file__).parents[1] / "fixtures" / "second_article_hans.txt"
    result = shanhai("view", str(fixture), "--out", str(tmp_path / "p.html"))
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "百家乐" in page and '<del class="spam"' in page and 'data-label="GPE"' in page


def test_cli_labelstudio_import_refuses_an_id_that_is_a_path(
    scratch_root: Path, tmp_path: Path
) -> None:
    tasks = tmp_path / "tasks.json"
    shanhai("labelstudio", "export", SEED_ID, "--out", str(tasks), root=scratch_root)
    data = json.loads(tasks.read_text(encoding="utf-8"))
    data[0]["data"]["document_id"] = "../../x"
    tasks.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = sorted(scratch_root.parent.rglob("*"))
    result = shanhai("labelstudio", "import", str(tasks), root=scratch_root)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("shanhai: error: document id '../../x' is not valid")
    assert sorted(scratch_root.parent.rglob("*")) == before


def test_cli_writes_are_atomic_and_fail_in_one_line(tmp_path: Path) -> None:
    """An --out that is a folder, or under a file, is one line; a good old file stays whole."""
    folder = tmp_path / "page.html"
    folder.mkdir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for out, reason in ((folder, "it is a folder"), (tmp_path / "file" / "p.html", "")):
        result = shanhai("view", SEED_ID, "--out", str(out))
        assert result.returncode == 1
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith(f"shanhai: error: cannot write {out}") and reason in line
    good = tmp_path / "d.jsonl"
    assert shanhai("doccano", "export", SEED_ID, "--out", str(good)).returncode == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_cli_doccano_import_writes_nothing_unless_every_line_is_good(
    scratch_root: Path, tmp_path: Path
) -> None:
    jsonl = tmp_path / "d.jsonl"
    shanhai("doccano", "export", SEED_ID, "--out", str(jsonl), root=scratch_root)
    good = jsonl.read_text(encoding="utf-8").strip()
    jsonl.write_text(good + "\n" + good.replace('"text": "', '"text": "x', 1) + "\n")
    before = {p: p.read_bytes() for p in (scratch_root / "annotations").iterdir()}
    out = tmp_path / "imported"
    result = shanhai("doccano", "import", str(jsonl), "--out", str(out), root=scratch_root)
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()
    assert {p: p.read_bytes() for p in (scratch_root / "annotations").iterdir()} == before
