"""The corpus commands, run as a user runs them: exit codes, stdout, one line per problem."""

from __future__ import annotations

import json
import subprocess
import sys
import traceback
from pathlib import Path

from typer.testing import CliRunner

from shanhai_nlp.cli import app, error_line
from shanhai_nlp.errors import ShanhaiError

from conftest import SEED_ID


def shanhai(*args: str, root: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command in this process, as the entry point would (a user error ends in its one
    line and exit status 1; anything else leaves its traceback in stderr)."""
    argv = [*args, *(["--root", str(root)] if root is not None else [])]
    result = CliRunner().invoke(app, argv)
    stderr, code = result.stderr, result.exit_code
    if isinstance(result.exception, ShanhaiError):
        stderr, code = stderr + error_line(result.exception) + "\n", 1
    elif result.exception is not None and not isinstance(result.exception, SystemExit):
        assert result.exc_info is not None
        stderr += "".join(traceback.format_exception(*result.exc_info))
    return subprocess.CompletedProcess(argv, code, result.stdout, stderr)


def shanhai_process(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the ``shanhai`` entry point in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "shanhai_nlp", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_cli_validate_ok() -> None:
    result = shanhai("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok: 1 document(s) valid"


def test_cli_entry_point_in_a_process(tmp_path: Path) -> None:
    """The installed entry point: exit codes and the one error line, outside the test runner."""
    ok = shanhai_process("validate")
    assert ok.returncode == 0 and ok.stdout.strip() == "ok: 1 document(s) valid"
    bad = shanhai_process("spam", "clean", str(tmp_path / "missing.txt"))
    assert bad.returncode == 1
    assert bad.stderr.strip().splitlines() == [
        f"shanhai: error: {tmp_path / 'missing.txt'}: no such file"
    ]


def test_cli_validate_bad_data_one_line_per_problem(scratch_root: Path) -> None:
    path = scratch_root / "annotations" / f"{SEED_ID}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entities"][0]["label"] = "CITY"
    data["figures"][0]["start"] += 1
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = shanhai("validate", root=scratch_root)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3
    assert any(
        line.endswith(
            "unknown entity label 'CITY' (allowed: PERSON, ORG, GPE, LOC, FAC, "
            "NORP, PRODUCT, WORK_OF_ART, EVENT, LAW, DATE)"
        )
        for line in lines
    )
    assert any(f"{SEED_ID}: figures[0]" in line and "text mismatch" in line for line in lines)
    assert lines[-1] == "2 problem(s) in 1 document(s)"
    assert "Traceback" not in result.stderr


def test_cli_validate_malformed_json_is_one_line(scratch_root: Path) -> None:
    (scratch_root / "annotations" / f"{SEED_ID}.json").write_text('{"spam": [', encoding="utf-8")
    result = shanhai("validate", root=scratch_root)
    assert result.returncode == 1
    assert "malformed JSON" in result.stderr and "Traceback" not in result.stderr


def test_cli_show_spam_layer() -> None:
    result = shanhai("show", SEED_ID, "--layer", "spam")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"# {SEED_ID}: 33 spam span(s)"
    assert any("包養網dcard" in line for line in lines)
    assert any("-> repair '人'" in line for line in lines)


def test_cli_show_figures_layer() -> None:
    result = shanhai("show", SEED_ID, "--layer", "figures")
    assert "3包養.77億元  3.77e+08 元 exact" in result.stdout


def test_cli_show_bad_layer_and_unknown_document() -> None:
    assert shanhai("show", SEED_ID, "--layer", "tokens").returncode == 2
    result = shanhai("show", "nope")
    assert result.returncode == 1
    assert result.stderr.strip().startswith("shanhai: error: no document 'nope'")


def test_cli_clean_prints_clean_text() -> None:
    result = shanhai("clean", SEED_ID)
    assert result.returncode == 0
    assert "包養" not in result.stdout
    assert "人才培育:打造“帶不走”的人才隊伍" in result.stdout
    assert "3.77億元" in result.stdout


def test_cli_missing_corpus_folder(tmp_path: Path) -> None:
    result = shanhai("validate", root=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == f"shanhai: error: {tmp_path / 'corpus'}: no such folder"


def test_cli_validate_counts_drafts_and_export_leaves_them_out(
    scratch_root: Path, tmp_path: Path
) -> None:
    """A draft span is valid, counted by `validate`, left out of the export unless
    --include-drafts, and marked as a draft when it is included."""
    import datasets

    path = scratch_root / "annotations" / f"{SEED_ID}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["entities"][0] |= {"status": "draft", "source": "lac"}
    draft = (data["entities"][0]["start"], data["entities"][0]["end"])
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = shanhai("validate", root=scratch_root)
    assert result.returncode == 0, result.stderr
    assert f"drafts to review in {SEED_ID}: spam 0, blocks 0, entities 1, figures 0" in (
        result.stdout
    )
    datasets.disable_progress_bars()
    for flags in ([], ["--include-drafts"]):
        out = tmp_path / f"export{len(flags)}"
        result = shanhai("dataset", "export", str(out), *flags, root=scratch_root)
        assert result.returncode == 0, result.stderr
        [row] = datasets.load_dataset(str(out), "documents")["train"]
        status = {(e["start"], e["end"]): e["status"] for e in row["entities"]}
        assert len(status) == len(data["entities"]) - (0 if flags else 1)
        assert status.get(draft) == ("draft" if flags else None)
        assert set(status.values()) - {"draft"} == {"gold"}
