"""The signal registry: versioned names, frozen configs, and signals from other packages."""

from __future__ import annotations

import dataclasses
import re

import catalogue
import pytest

from shanhai_nlp.corpus import Corpus
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.spam.contextual import ContextualDetector
from shanhai_nlp.spam.report import build_inputs, report_signals, signal_rows
from shanhai_nlp.spam.signals import DEFAULT_SIGNALS, get_signal, signals
from shanhai_nlp.spam.signals.keyword_line import KeywordLineConfig
from shanhai_nlp.spam.window import Candidate, Window


@pytest.mark.parametrize("name", DEFAULT_SIGNALS)
def test_signals_are_registered_with_a_frozen_config(name: str) -> None:
    signal = get_signal(name)
    assert name == f"{signal.name}.v1"
    config = signal.config  # type: ignore[attr-defined]
    field = dataclasses.fields(config)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(config, field, 0)


def test_a_signal_config_changes_what_it_finds() -> None:
    text = "甘南州牧民收起遊牧業,\n數位行銷專家\n,改以發展觀光產業。"
    default = ContextualDetector(["keyword_line.v1"])
    strict = ContextualDetector([get_signal("keyword_line.v1", KeywordLineConfig(max_length=4))])
    assert [s.text for s in default(text)] == ["數位行銷專家"]
    assert strict(text) == []


def test_unknown_signal_is_one_clear_error() -> None:
    with pytest.raises(ShanhaiError, match=r"unknown spam signal 'nope\.v1' \(known: .*splice\.v1"):
        get_signal("nope.v1")


class ExclaimSignal:
    """A signal another package might write: runs of three or more exclamation marks."""

    name = "exclaim"

    def __call__(self, window: Window) -> list[Candidate]:
        return [
            Candidate(m.start(), m.end(), 0.5, self.name)
            for m in re.finditer("[!！]{3,}", window.raw)
        ]


@pytest.fixture()
def exclaim(monkeypatch: pytest.MonkeyPatch) -> str:
    """``exclaim.v1`` registered as another package would, for this test only."""
    monkeypatch.setitem(catalogue.REGISTRY, ("shanhai_nlp", "signals", "exclaim.v1"), ExclaimSignal)
    return "exclaim.v1"


def test_a_signal_from_another_package_is_used_and_reported(corpus: Corpus, exclaim: str) -> None:
    assert exclaim in signals.get_all()
    detect = ContextualDetector([*DEFAULT_SIGNALS, exclaim])
    spans = detect("快來參加！！！活動很好。")
    assert [(s.text, s.detector) for s in spans] == [("！！！", "contextual.exclaim")]
    assert report_signals() == [*DEFAULT_SIGNALS, exclaim]
    rows = signal_rows(build_inputs(corpus, n_synthetic=3))
    assert list(rows) == ["splice", "keyword_line", "pipe_list", "script", "emoji", "exclaim"]
    assert rows["exclaim"]["corpus"]["char_p"] == 0.0  # the article has no such run


def test_emoji_signal_finds_pictograph_runs_not_bullets() -> None:
    from shanhai_nlp.spam.signals.emoji import EmojiSignal
    from shanhai_nlp.spam.window import WindowConfig, build_windows

    text = "★ 記者從市人社局🎰了解到，今年全市新增就業👍🏻八萬人，■ 同比增長百分之五🔥🔥。"
    window = build_windows([text], WindowConfig()).windows[0]
    assert [text[c.start : c.end] for c in EmojiSignal()(window)] == ["🎰", "👍🏻", "🔥🔥"]
    latin = build_windows(["great game 🎰 tonight\n推動當地經濟發展"], WindowConfig()).windows[0]
    assert EmojiSignal()(latin) == []  # a line with too little Chinese to call it prose


def test_script_signal_is_silent_on_a_page_that_writes_both_scripts() -> None:
    from shanhai_nlp.spam.signals import prepare
    from shanhai_nlp.spam.signals.script import ScriptConfig, ScriptSignal
    from shanhai_nlp.spam.window import WindowConfig, build_windows

    traditional = "這個項目帶動了當地經濟發展，農民收入穩步增長，鄉村面貌煥然一新。\n"
    ad = "\n点击这里领取优惠\n"
    simplified = "这个项目带动了当地经济发展，农民收入稳步增长，乡村面貌焕然一新。\n"
    signal = ScriptSignal()
    batch = build_windows(
        [traditional * 3 + ad, traditional * 3 + simplified * 2 + ad], WindowConfig()
    )
    prepare(batch, [signal])
    one, both = batch.windows
    assert [one.raw[c.start : c.end] for c in signal(one)] == ["点击这里领取优惠"]
    assert signal(both) == []
    assert ScriptSignal(ScriptConfig(mixed_share=1.0))(both) != []  # what the share silences
