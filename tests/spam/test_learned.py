"""The learned detector: its features, its model file, its training, and its use in ``auto``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from cli.test_cli_corpus import shanhai
from shanhai_nlp.basetext import BaseParagraph
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.spam.auto import AutoDetector
from shanhai_nlp.spam.learned import LearnedDetector, ModelFileError, SpamModel, TrainConfig, fit
from shanhai_nlp.spam.learned.features import FEATURES, char_features, with_context
from shanhai_nlp.spam.learned.training import (
    PageMaker,
    is_current,
    part,
    spam_prior,
    split_of,
    training_documents,
    training_key,
)

ROOT = Path(__file__).resolve().parents[2]
COLUMN = {name: k for k, name in enumerate(FEATURES)}

PROSE = [
    "本文件說明如何製作軟體套件，並以大量實例展示每一個細節，讓讀者能夠直觀地理解。",
    "维护者应当先阅读策略手册，然后检查软件包的依赖关系，最后再上传到仓库。",
    "使用者可以在設定檔中指定預設的編碼，程式會在啟動時讀取這些選項。",
    "如果没有指定文件，或者指定文件为“-”，则从标准输入读取数据并输出结果。",
]


def _base(files: int = 24) -> list[BaseParagraph]:
    """A small base text: many files (both parts of the split), each of the four paragraphs."""
    return [
        BaseParagraph(text, "pkg", f"doc/file{k}.txt", n + 1, script)
        for k in range(files)
        for n, text in enumerate(PROSE)
        for script in ["traditional" if "說" in text or "設" in text else "simplified"]
    ]


TINY = TrainConfig(n_docs=40, max_iter=3, hidden=4)


def test_features_have_one_row_per_character_and_see_the_junction() -> None:
    text = "不斷拓展幫包養網扶領域"
    rows = char_features(text)
    assert rows.shape == (len(text), len(FEATURES))
    assert np.isfinite(rows).all()
    start = text.index("包")
    # removing 包養網 joins 幫 and 扶 into 帮扶: the stretch's characters carry it
    assert rows[start : start + 3, COLUMN["join_cover"]].min() >= 3.0
    assert rows[start, COLUMN["join_start"]] >= 3.0
    assert rows[text.index("領"), COLUMN["join_cover"]] == 0.0


def test_features_of_tiny_and_odd_texts() -> None:
    for text in ("", "0", "00", "\n", "🔥", "a b"):
        rows = with_context(char_features(text))
        assert rows.shape == (len(text), len(FEATURES) * 7)
        assert np.isfinite(rows).all()


def test_number_join_and_line_shape() -> None:
    text = "資金3包養.77億元。\n台灣包養網\n"
    rows = char_features(text)
    k = text.index("包")
    assert rows[k, COLUMN["number_cover"]] == 1.0
    line = text.index("台")
    assert rows[line, COLUMN["line_sentence"]] == 0.0 and rows[0, COLUMN["line_sentence"]] == 1.0
    assert rows[line, COLUMN["segment_is_line"]] == 1.0


def test_spam_prior_marks_the_families_characters() -> None:
    prior = spam_prior(["gambling"])
    assert prior[ord("赌")] > 1.0
    assert prior[ord("的")] == 0.0  # in no gambling term
    assert not spam_prior([]).any()


def test_split_is_fixed_by_the_file_name() -> None:
    names = [f"doc/file{k}.txt" for k in range(200)]
    parts = [split_of(n) for n in names]
    assert parts == [split_of(n) for n in names]
    assert 20 < parts.count("heldout") < 80  # about one in four
    base = _base()
    assert {p.member for p in part(base, "train")}.isdisjoint(
        p.member for p in part(base, "heldout")
    )


def test_training_pages_keep_gold_on_the_injected_text() -> None:
    docs = training_documents(_base(), ["gambling"], TINY, n_docs=30, seed=3)
    injected = [d for d in docs if d.gold]
    assert injected and len(injected) < len(docs)  # some pages stay clean
    for doc in injected:
        for start, end in doc.gold:
            assert doc.text[start:end].strip()
            assert all(doc.text[start:end] not in p for p in PROSE)


def test_pages_carry_headings_and_furniture() -> None:
    import random

    maker = PageMaker(_base(), replace(TINY, heading_share=1.0, furniture_share=1.0))
    page = maker.page(random.Random(1))
    first = page.split("\n", 1)[0]
    assert len(first) >= 4 and not first.endswith("。")


def test_model_round_trip_and_bad_files(tmp_path: Path) -> None:
    model = fit(_base(), TINY, families=["gambling", "porn"])
    path = model.save(tmp_path / "m.npz")
    again = SpamModel.load(path)
    text = "本文件說明如何製作軟體套件。\n澳门赌场\n"
    assert np.allclose(model.probabilities(text), again.probabilities(text))
    assert again.meta["families"] == ["gambling", "porn"]
    assert is_current(path, TINY, ["gambling", "porn"])
    assert not is_current(path, replace(TINY, hidden=5), ["gambling", "porn"])
    assert training_key(TINY, ["gambling"]) != training_key(TINY, ["porn"])

    with pytest.raises(ModelFileError, match=r"no learned spam model.*shanhai spam train"):
        SpamModel.load(tmp_path / "missing.npz")
    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(path.read_bytes()[:200])
    with pytest.raises(ModelFileError, match="not a readable model"):
        SpamModel.load(truncated)
    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, meta=np.array([{"format": "x"}], dtype=object))
    with pytest.raises(ModelFileError):
        SpamModel.load(pickled)  # an object array would need a pickle: refused


def test_long_texts_are_read_window_by_window() -> None:
    from shanhai_nlp.spam.window import WindowConfig, windows

    model = fit(_base(), TINY, families=["gambling"])
    text = "\n".join(PROSE * 30) + "\n澳门赌场官网\n" + "\n".join(PROSE * 30)
    detect = LearnedDetector(model, threshold=0.5, window=WindowConfig(size=1000))
    expected = [
        (offset + s, offset + e)
        for offset, chunk in windows(text, 1000)
        for s, e, _p in detect.runs(model.probabilities(chunk))
    ]
    assert [(s.start, s.end) for s in detect(text)] == expected
    assert all(s.text == text[s.start : s.end] for s in detect(text))


def test_the_config_file_holds_the_defaults() -> None:
    assert TrainConfig.from_config(ROOT / "configs" / "spam.cfg") == TrainConfig()
    with pytest.raises(ShanhaiError, match="unknown setting"):
        TrainConfig.from_config(ROOT / "configs" / "spam.cfg", {"model.depth": 3})


def test_installed_model_finds_a_line_of_its_own_and_auto_keeps_its_extent() -> None:
    text = "他們在海邊散步。\n網上賭場\n天氣很好,我們去爬山。"
    learned = LearnedDetector()
    assert learned.threshold == TrainConfig().threshold
    found = learned(text)
    assert found and all(
        text.index("網上賭場") <= s.start < s.end <= text.index("\n天") for s in found
    )
    assert [s.text for s in AutoDetector()(text)] == ["網上賭場"]


def test_auto_without_a_model_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="shanhai spam train"):
        AutoDetector(learned=tmp_path / "none.npz")
    assert AutoDetector(use_learned=False).learned is None


def test_train_command_errors_are_one_line(tmp_path: Path) -> None:
    result = shanhai("spam", "train", "--leave-out", "nope", "--out", str(tmp_path / "m"))
    assert result.returncode == 1
    assert result.stderr.strip().endswith(
        "unknown spam family 'nope'; choose one of "
        "gambling, lottery, betting_brands, porn, escort, loans, seo"
    )
    result = shanhai("spam", "train", "--config", str(ROOT / "configs/spam.cfg"), "--set", "oops")
    assert result.returncode == 1 and "section.name=value" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_folded_network_matches_the_plain_one() -> None:
    """The scorer folds standardisation and context into the weights; the plain network on
    the rows training reads is its oracle."""
    model = fit(_base(), TINY, families=["gambling", "loans"])
    texts = [*PROSE, "", "0", "澳门赌场\n\n🔥网贷🔥", "a" * 40]
    fast = np.concatenate(model.probabilities_many(texts))
    assert np.allclose(fast, model.reference_probabilities(texts), atol=1e-5)


def test_pages_scored_together_score_as_alone() -> None:
    model = fit(_base(), TINY, families=["gambling"])
    texts = [*PROSE, "澳门赌场官网\n" + PROSE[0]]
    together = model.probabilities_many(texts)
    for text, probs in zip(texts, together, strict=True):
        assert np.allclose(probs, model.probabilities(text), atol=1e-6)
