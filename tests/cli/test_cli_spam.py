"""The spam commands as users run them: exact output shapes, bad input, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from test_cli_corpus import shanhai

from conftest import ROOT, SEED_ID

SEED = str(ROOT / "corpus" / f"{SEED_ID}.txt")


def test_cli_spam_detect_output_shape() -> None:
    result = shanhai("spam", "detect", SEED, "--detector", "lexicon")
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    obj = json.loads(line)
    assert set(obj) == {"path", "spans"} and obj["path"] == SEED
    assert len(obj["spans"]) == 33
    assert set(obj["spans"][0]) == {"start", "end", "text", "score", "detector"}
    assert {s["detector"] for s in obj["spans"]} == {"lexicon"}


def test_cli_spam_detect_bom_crlf_and_bad_files(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_bytes("\ufeff幫包養網扶\r\n群包養眾".encode())
    bad = tmp_path / "bad.txt"
    bad.write_bytes("幫扶".encode() + b"\xff")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = shanhai(
        "spam",
        "detect",
        str(bad),
        str(tmp_path / "missing.txt"),
        str(good),
        str(empty),
        "--detector",
        "lexicon",
    )
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert errors == [
        f"shanhai: error: {bad}: invalid UTF-8 at byte offset 6 (invalid start byte)",
        f"shanhai: error: {tmp_path / 'missing.txt'}: no such file",
    ]
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert [o["path"] for o in out] == [str(good), str(empty)]
    assert [(s["start"], s["end"]) for s in out[0]["spans"]] == [(1, 4), (8, 10)]
    assert out[1]["spans"] == []


def test_cli_spam_clean_repairs_the_article() -> None:
    result = shanhai("spam", "clean", SEED, "--detector", "lexicon")
    assert result.returncode == 0
    assert "包養" not in result.stdout
    assert "人才培育:打造" in result.stdout and "“電商上下游" in result.stdout


def test_cli_spam_evaluate_json_and_predictions(tmp_path: Path) -> None:
    result = shanhai("spam", "evaluate", "--detector", "lexicon", "--json")
    report = json.loads(result.stdout)
    assert report["micro"]["exact"]["f1"] == 1.0
    preds = tmp_path / "p.jsonl"
    preds.write_text(
        shanhai("spam", "detect", SEED, "--detector", "lexicon").stdout, encoding="utf-8"
    )
    result = shanhai("spam", "evaluate", "--predictions", str(preds), "--json")
    assert json.loads(result.stdout)["micro"]["exact"]["f1"] == 1.0


def test_cli_spam_synth_writes_pairs(tmp_path: Path) -> None:
    result = shanhai("spam", "synth", str(tmp_path / "s"), "--n", "5", "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "s").glob("*.json"))) == 5
    result = shanhai("spam", "evaluate", str(tmp_path / "s"), "--no-corpus", "--detector", "auto")
    assert result.returncode == 0 and "MICRO" in result.stdout
