"""The spam report on a small synthetic set: every section present and consistent."""

from __future__ import annotations

from pathlib import Path

from shanhai_nlp.corpus import Corpus
from shanhai_nlp.spam.report import build_report, write_report
from shanhai_nlp.spam.synth import PATTERNS


def test_report_sections_and_files(corpus: Corpus, tmp_path: Path) -> None:
    report = build_report(corpus, n_synthetic=14, n_lofo=2, seed=1)
    assert set(report["detectors"]) == {"lexicon", "contextual", "learned", "auto"}
    assert set(report["patterns"]) == set(PATTERNS)
    assert report["detectors"]["lexicon"]["corpus"]["micro"]["exact"]["f1"] == 1.0
    assert set(report["leave_one_family_out"]) >= {"gambling", "porn", "loans"}
    dropped = report["baselines"]["regex_filter (FineWeb-zhtw style)"]["corpus"]
    assert dropped["docs_dropped"] == 1 and dropped["clean_chars_kept"] == 0.0
    kept = report["baselines"]["shanhai auto"]["negatives"]
    # no negative is dropped, and auto keeps every character of them (see test_auto)
    assert kept["docs_dropped"] == 0 and kept["clean_chars_kept"] == 1.0
    json_path, md_path = write_report(report, tmp_path, command="pytest")
    assert json_path.exists() and "| auto |" in md_path.read_text(encoding="utf-8")
