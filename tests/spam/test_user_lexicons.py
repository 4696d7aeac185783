"""--lexicon FILE|DIR: a user's own spam family for lexicon, lexicon_all and auto."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from cli.test_cli_corpus import shanhai
from shanhai_nlp.errors import InputFileError, ShanhaiError
from shanhai_nlp.resources import read_lexicon_path
from shanhai_nlp.spam.stream import CleanSettings, clean_corpus
from shanhai_nlp.spam.user_lexicons import detector_with_lexicons

TEXT = "他們在海邊散步。\n龍騰彩虹網\n天氣很好,我們去爬山,龙腾彩虹网也來了。\n"


def _family(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "rainbow.txt"
    path.write_text("# a family nobody listed\n龍騰彩虹網\n", encoding="utf-8")
    return path


def test_a_file_is_a_family_and_both_scripts_are_matched(tmp_path: Path) -> None:
    path = _family(tmp_path)
    assert read_lexicon_path(path) == {"rainbow": ["龍騰彩虹網"]}
    assert read_lexicon_path(tmp_path) == {"rainbow": ["龍騰彩虹網"]}
    lexicon = detector_with_lexicons("lexicon", [path])
    assert [s.text for s in lexicon(TEXT)] == ["龍騰彩虹網", "龙腾彩虹网"]
    # auto confirms the line of its own; the mention inside a sentence needs evidence
    auto = detector_with_lexicons("auto", [tmp_path])
    found = auto(TEXT)
    assert found[0].text == "龍騰彩虹網" and found[0].detector == "auto.lexicon.rainbow"


def test_bad_lexicons_are_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file"):
        read_lexicon_path(tmp_path / "missing.txt")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputFileError, match=r"needs \*\.txt files"):
        read_lexicon_path(tmp_path / "empty")
    comments = tmp_path / "comments.txt"
    comments.write_text("# nothing but a comment\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="no lexicon term"):
        read_lexicon_path(comments)
    with pytest.raises(ShanhaiError, match="--lexicon works with"):
        detector_with_lexicons("contextual", [_family(tmp_path / "f")])


def test_detect_command_and_clean_corpus_use_it(tmp_path: Path) -> None:
    path = _family(tmp_path / "lex")
    page = tmp_path / "page.txt"
    page.write_text(TEXT, encoding="utf-8")
    result = shanhai("spam", "detect", str(page), "--detector", "lexicon", "--lexicon", str(path))
    assert result.returncode == 0
    spans = json.loads(result.stdout)["spans"]
    assert [s["text"] for s in spans] == ["龍騰彩虹網", "龙腾彩虹网"]

    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text(json.dumps({"text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    settings = CleanSettings(detector="lexicon", lexicons=(str(path),))
    clean_corpus([crawl], tmp_path / "out", settings=settings, progress=False)
    (shard,) = (tmp_path / "out").glob("*.parquet")
    assert pq.read_table(shard).to_pylist()[0]["spam_count"] == 2
    # another lexicon is another run: the manifest's fingerprint differs
    path.write_text("龍騰彩虹網\n彩虹城\n", encoding="utf-8")
    with pytest.raises(ShanhaiError, match="detector_fingerprint"):
        clean_corpus([crawl], tmp_path / "out", settings=settings, progress=False)
