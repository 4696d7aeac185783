"""The contextual detector: no spam vocabulary, measured on the article and on made-up cases."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import shanhai_nlp.spam.signals
from shanhai_nlp.spam.contextual import ContextualDetector
from shanhai_nlp.spam.evaluate import Scores, count
from shanhai_nlp.spam.signals.splice import SpliceConfig, SpliceSignal
from shanhai_nlp.spam.signals.splice.cores import is_common_language
from shanhai_nlp.spam.window import Window, WindowConfig, windows

#: the modules the contextual detector is made of
CONTEXTUAL_MODULES = [
    "shanhai_nlp.spam.contextual",
    "shanhai_nlp.spam.window",
    "shanhai_nlp.spam._kernels",
    "shanhai_nlp.spam.headline",
    *(
        m.name
        for m in pkgutil.walk_packages(
            shanhai_nlp.spam.signals.__path__, "shanhai_nlp.spam.signals."
        )
    ),
]


@pytest.fixture(scope="module")
def detect() -> ContextualDetector:
    return ContextualDetector()


@pytest.mark.parametrize("module", CONTEXTUAL_MODULES)
def test_contextual_uses_no_spam_vocabulary(module: str) -> None:
    source = inspect.getsource(importlib.import_module(module))
    for name in ("resources", "read_lexicon", "LexiconDetector", "spam.lexicon"):
        assert name not in source


def test_contextual_article_exact_f1(seed, detect) -> None:
    pred = [(s.start, s.end) for s in detect(seed.raw_text)]
    scores = Scores(count(pred, [(s.start, s.end) for s in seed.spam], len(seed.raw_text)))
    assert scores.exact["f1"] >= 0.90
    assert scores.chars["p"] == 1.0


def test_contextual_clean_article_has_no_false_positive(seed, detect) -> None:
    assert detect(seed.clean().text) == []


def test_contextual_works_on_simplified(seed, detect) -> None:
    import opencc

    simplified = opencc.OpenCC("t2s.json").convert(seed.raw_text)
    assert len(simplified) == len(seed.raw_text)
    found = {(s.start, s.end) for s in detect(simplified)}
    gold = {(s.start, s.end) for s in seed.spam}
    assert len(found & gold) >= 0.9 * len(gold)


@pytest.mark.parametrize(
    "text",
    [
        # an unseen family (loan spam) injected inside words and numbers, Traditional
        "今年全縣網貸口子幫網貸口子扶脫貧群網貸口子眾三萬人,投入資金3網貸口子.5億元,"
        "重網貸口子點支持產業,上網貸口子下游企業都得到網貸口子幫助。",
    ],
)
def test_contextual_finds_unseen_family(detect, text: str) -> None:
    found = [s.text for s in detect(text)]
    assert found.count("網貸口子") >= 4


def test_contextual_keyword_line_between_sentence_halves(detect) -> None:
    text = "甘南州不少牧民收起遊牧業,\n\n數位行銷專家\n\n,改以發展民宿觀光產業脫貧。\n"
    assert [s.text for s in detect(text)] == ["數位行銷專家"]


def test_contextual_pipe_list_in_other_script(detect) -> None:
    text = (
        "免费电影在线|高清视频大全|最新影院排行|热门电视剧集\n\n"
        "國務院臺灣事務辦公室今天舉行例行新聞發布會。發言人回答記者提問,介紹兩岸交流情況,"
        "並說明對臺工作會議的精神與兩岸經濟合作的進展。\n"
    )
    found = [s.text for s in detect(text)]
    assert found == ["免费电影在线", "高清视频大全", "最新影院排行", "热门电视剧集"]


def test_contextual_windows_cover_text() -> None:
    text = ("一二三四五\n" * 50)[:-1]
    pieces = list(windows(text, 64))
    assert "".join(p for _o, p in pieces) == text
    assert all(text[o : o + len(p)] == p for o, p in pieces)


def test_contextual_pipe_equals_one_text_at_a_time(seed) -> None:
    """Texts analysed together (small windows, so a text spans several of them and a batch
    holds windows of several texts) give what each gives alone."""
    detect = ContextualDetector(window=WindowConfig(size=1500))
    texts = [
        seed.raw_text,
        "",
        "今年全縣網貸口子幫網貸口子扶脫貧群網貸口子眾三萬人,投入資金3網貸口子.5億元,"
        "重網貸口子點支持產業,上網貸口子下游企業都得到網貸口子幫助。",
        seed.clean().text,
        "幫扶",
    ]
    alone = [detect(text) for text in texts]
    assert sum(map(len, alone)) > 30
    assert list(detect.pipe(texts, batch_size=3)) == alone


@pytest.mark.parametrize(
    ("core", "common"),
    [
        ("可以使用", True),
        ("我们的", True),
        ("不安全的", True),  # 不安全 and 的 are words of at least Zipf 4
        ("包养", False),  # a word, but rarer than 4
        ("包养网", False),
        ("网贷口子", False),
    ],
)
def test_common_language_is_made_of_very_common_words(core: str, common: bool) -> None:
    assert is_common_language(core, SpliceConfig().common_word_zipf) is common


def test_splice_takes_a_repeated_common_word_for_the_text_s_own(seed) -> None:
    """The same places and joins, but a string of very common words (可以使用) where the
    article's token was: the repeats are the language's, not an injection (without the rule
    the signal cuts it at 13 places); the article's own tokens are all still found."""
    text = seed.raw_text.replace("包養網", "可以使用")
    without_rule = ContextualDetector([SpliceSignal(SpliceConfig(common_word_zipf=99.0))])
    assert sum("使用" in s.text for s in without_rule(text)) == 13
    assert not any("使用" in s.text for s in ContextualDetector(["splice.v1"])(text))
    assert len(ContextualDetector(["splice.v1"])(seed.raw_text)) == 33


def test_splice_leaves_a_term_the_page_writes_in_other_words_too() -> None:
    """A repeated string whose removal joins its neighbours is the page's own term when its
    words also come outside the repeats (進位 of 八進位, 進位規則): an injected token repeats
    whole."""
    from shanhai_nlp.spam.signals import prepare
    from shanhai_nlp.spam.signals.splice import SpliceConfig, SpliceSignal
    from shanhai_nlp.spam.window import WindowConfig, build_windows

    def found(text: str, signal: SpliceSignal) -> list[str]:
        batch = build_windows([text], WindowConfig())
        prepare(batch, [signal])
        return [text[c.start : c.end] for c in signal(batch.windows[0])]

    term = "十六進位"
    spliced = (
        f"不斷拓展幫{term}扶領域,脫貧群{term}眾同享,縣級重{term}點產業,電商上{term}下游資源。\n"
    )
    assert found(spliced, SpliceSignal()) == [term] * 4
    page = spliced + "八進位和十進位的進位規則不同,進位時要小心。\n"
    assert found(page, SpliceSignal(SpliceConfig(own_word_zipf=0.0))) == [term] * 4
    assert found(page, SpliceSignal()) == []


@pytest.mark.parametrize("term", ["印表機", "十六進位"])
def test_splice_needs_a_word_across_the_junction_not_two_words_meeting(term: str) -> None:
    """Removing a term written between two words can make a word of their edge characters
    (四個|數字: 個數; 不指定|時: 定時), but the text still reads as the two words: no evidence.
    The same term inside words (幫|…|扶) is found."""
    from shanhai_nlp.spam.signals import prepare
    from shanhai_nlp.spam.window import build_windows

    def found(text: str) -> list[str]:
        batch = build_windows([text], WindowConfig())
        signal = SpliceSignal()
        prepare(batch, [signal])
        return [text[c.start : c.end] for c in signal(batch.windows[0])]

    between = f"嚴格的四個{term}數字,且不指定{term}時,可以用{term}語言重寫,說明類似{term}的程式。\n"
    inside = f"拓展幫{term}扶領域,脫貧群{term}眾同享,縣級重{term}點產業,電商上{term}下游資源。\n"
    assert found(between) == []
    assert found(inside) == [term] * 4


def test_a_run_inside_a_repeated_term_is_the_page_s_own() -> None:
    """The middle of a string the page repeats whole, whose removal joins nothing, is a term
    (括號表示 of 方括號表示式); the middle of an injected token is not (養網 of 包養網: removing
    the token joins 幫扶)."""
    from shanhai_nlp.spam.signals.splice.cores import inside_a_term
    from shanhai_nlp.spam.window import build_windows

    def window(text: str) -> Window:
        return build_windows([text], WindowConfig()).windows[0]

    term = window("在一個方括號表示式中，把方括號表示式寫完整。")
    k = term.raw.index("括號表示")
    assert inside_a_term(term, k, k + 4)
    token = window("不斷拓展幫包養網扶領域，脫貧群包養網眾同享。")
    k = token.raw.index("養網")
    assert not inside_a_term(token, k, k + 2)
    once = window("在一個方括號表示式中。")
    k = once.raw.index("括號表示")
    assert not inside_a_term(once, k, k + 4)
