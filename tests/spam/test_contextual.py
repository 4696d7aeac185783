"""The contextual detector: no spam vocabulary, measured on the article and on made-up cases."""

from __future__ import annotations

import difflib
import inspect

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import shanhai_nlp.spam.contextual as contextual_module
from shanhai_nlp.spam.contextual import (
    _PAD,
    HEAD_LINES,
    PUNCT_RE,
    Candidate,
    ContextualConfig,
    ContextualDetector,
    _maximal_repeat,
    _may_splice,
    _overlapped,
    _views,
    repeated_line_differences,
    splice_signal,
    windows,
)
from shanhai_nlp.spam.evaluate import Scores, count
from shanhai_nlp.text.script import (
    is_cjk,
    script_counts,
    simplify_chars,
)


@pytest.fixture(scope="module")
def detect() -> ContextualDetector:
    return ContextualDetector()


def test_contextual_uses_no_spam_vocabulary() -> None:
    source = inspect.getsource(contextual_module)
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


def _repeated(s: str, min_count: int) -> dict[str, list[int]]:
    """The plain reference: where each CJK 2-gram seen ``min_count`` times occurs."""
    where: dict[str, list[int]] = {}
    for k in range(len(s) - 1):
        if is_cjk(s[k]) and is_cjk(s[k + 1]):
            where.setdefault(s[k : k + 2], []).append(k)
    return {gram: at for gram, at in where.items() if len(at) >= min_count}


def _other_script_pieces(text: str, script: str) -> list[tuple[int, int]]:
    """The plain reference: pieces between punctuation of 4+ characters with 3+ characters
    only the other script uses and none only ``script`` uses."""
    out, start = [], 0
    for piece in PUNCT_RE.split(text):
        traditional, simplified = script_counts(piece)
        other, own = {
            "traditional": (simplified, traditional),
            "simplified": (traditional, simplified),
        }.get(script, (0, 0))
        if len(piece) >= 4 and other >= 3 and own == 0:
            out.append((start, start + len(piece)))
        start += len(piece) + 1
    return out


#: a Traditional text with a Simplified piece between punctuation
OTHER_SCRIPT_PIECE = "東西部協作讓群眾受益,發展產業經濟與開發區建設,网络营销推广,這裡的農業"


#: injected tokens and the words they split, digits, Latin, line breaks, both scripts
WINDOW_ALPHABET = "幫扶群眾重點包養網包养东西部協作哈,。\n3.7ab网络营销"


#: a two-character token spliced into words (幫|扶, 群|眾, 重|點) and a number (3|.5)
TWO_CHARACTER_SPLICE = "今年全縣幫口子扶脫貧群口子眾三萬人,資金3口子.5億元,共7口子2項產業"


@given(st.lists(st.text(alphabet=WINDOW_ALPHABET, max_size=90), max_size=6))
@example(  # each also needs one of the screen's junctions of one character more
    [
        TWO_CHARACTER_SPLICE,
        "幫口子扶貧,資金3.口子5億元,共7.口子2項",
        "幫的口子扶,群口子的眾,重的口子點",
        "包養網幫包養網扶包養網群",  # 養網 grows to 包養網 on its left, 包養 on its right
        "今年全縣幫包養網址扶脫貧群包養網址眾三萬人,資金3包養網址.5億元",  # grown cores splice
        "哈哈,哈哈。哈哈哈",  # one character twice: its occurrences do not overlap
        OTHER_SCRIPT_PIECE,
        "包養網,包養網,包養網,",  # the same neighbour, not CJK: no growth into it
        "東西部協作幫扶群眾重點包養網," * 3,  # a repeat longer than a core may grow
    ]
)
def test_views_of_many_windows_equal_each_window_alone(chunks: list[str]) -> None:
    """The array work done for many windows at once: each window's view, script counts and
    repeated 2-grams are its own, and a repeated 2-gram left out could never be a splice core."""
    config = ContextualConfig()
    views = _views(chunks, config)
    assert len(views) == len(chunks)
    for chunk, view in zip(chunks, views, strict=True):
        s = simplify_chars(chunk)
        assert (view.raw, view.s, view.padded) == (chunk, s, "\n" * _PAD + s + "\n" * _PAD)
        assert view._totals == script_counts(chunk)
        for start, end in ((0, len(chunk)), (1, len(chunk) - 1), (len(chunk) // 3, len(chunk))):
            if start > end:
                continue
            traditional, simplified = script_counts(chunk[start:end])
            minority = {
                "traditional": (simplified, traditional),
                "simplified": (traditional, simplified),
            }.get(view.script, (0, 0))
            assert view.minority(start, end) == minority
        assert view.other_script == _other_script_pieces(chunk, view.script)
        expected = _repeated(s, config.min_repeats)
        kept = [(gram, at) for gram, at in expected.items() if gram in view.bigrams]
        assert list(view.bigrams.items()) == kept  # in order of first occurrence
        assert view.growth == {  # grown with arrays as one at a time
            gram: _maximal_repeat(view, at, 2) for gram, at in kept if gram[0] != gram[1]
        }
        for gram, occurrences in expected.items():
            if gram not in view.bigrams:  # screened out: it could never be a core
                assert gram[0] != gram[1]
                left, right = _maximal_repeat(view, occurrences, 2)
                core = [o - left for o in occurrences]
                assert not _may_splice(view, core, 2 + left + right)


@pytest.mark.parametrize("which", ["article", "two characters"])
def test_the_array_screen_changes_no_candidate(seed, which: str) -> None:
    text = seed.raw_text if which == "article" else TWO_CHARACTER_SPLICE
    config = ContextualConfig()
    view = _views([text], config)[0]
    every = _repeated(view.s, config.min_repeats)
    if which == "article":
        assert 0 < len(view.bigrams) < len(every) / 2  # it settles most 2-grams, not all
    screened = splice_signal(view)
    assert screened
    view.bigrams = every
    view.growth = {
        gram: _maximal_repeat(view, at, 2) for gram, at in every.items() if gram[0] != gram[1]
    }
    assert splice_signal(view) == screened


def test_contextual_pipe_equals_one_text_at_a_time(seed) -> None:
    """Texts analysed together (small windows, so a text spans several of them and a batch
    holds windows of several texts) give what each gives alone."""
    detect = ContextualDetector(ContextualConfig(window=1500))
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


def _matcher_differences(a: str, b: str, pb: int) -> list[tuple[int, int]]:
    """The oracle: the differences difflib's opcodes give two lines (the rules of
    :func:`repeated_line_differences`), ``b`` starting at ``pb`` and ``a`` at 0."""
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    out = []
    for k, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal" or k == 0:
            continue
        if k == len(ops) - 2 and ops[-1][0] == "equal" and ops[-1][2] - ops[-1][1] <= 2:
            i2, j2 = len(a), len(b)
        out += [(i1, i2)] if i2 > i1 else []
        out += [(pb + j1, pb + j2)] if j2 > j1 else []
    return out


LINE_ALPHABET = "東西部協作幫扶群眾產業發展包養網"


@given(
    st.text(alphabet=LINE_ALPHABET, min_size=12, max_size=40),
    st.text(alphabet=LINE_ALPHABET, max_size=6),
    st.text(alphabet=LINE_ALPHABET, max_size=6),
    st.booleans(),
)
@example("山海攜手情意綿長來自脫貧地區", "", "包養網", False)  # the headline and its copy
def test_a_line_inside_another_differs_by_what_follows_it(
    core: str, prefix: str, suffix: str, longer_first: bool
) -> None:
    """Where one copy holds the other, the differences equal difflib's (found without it)."""
    assume(len({core[k : k + 4] for k in range(len(core) - 3)}) >= 4)
    a, b = core, prefix + core + suffix
    if longer_first:
        a, b = b, a
    view = _views([a + "\n" + b], ContextualConfig())[0]
    assert repeated_line_differences(view) == _matcher_differences(a, b, len(a) + 1)


@given(
    st.lists(st.text(alphabet="東西部協作 \n", max_size=12), max_size=20),
    st.lists(st.tuples(st.integers(0, 150), st.integers(1, 8)), max_size=6),
)
def test_head_lines_and_the_lines_candidates_overlap(
    lines: list[str], spans: list[tuple[int, int]]
) -> None:
    """The head lines are the first 12 of 8+ characters (besides space); a line is marked when
    a candidate overlaps it, as a test of every pair says."""
    text = "\n".join(lines)
    view = _views([text], ContextualConfig())[0]
    expected, pos = [], 0
    for line in text.split("\n"):
        if len(line.strip()) >= 8:
            expected.append((pos, line))
        pos += len(line) + 1
    assert view.head_lines == expected[:HEAD_LINES]
    last = view.head_lines[-1] if len(view.head_lines) == HEAD_LINES else None
    assert view.head_end == (len(text) + 1 if last is None else last[0] + len(last[1]) + 1)
    near = [Candidate(start, start + width, 1.0, "test") for start, width in spans]
    assert _overlapped(view.head_lines, near) == [
        any(c.start < p + len(line) and p < c.end for c in near) for p, line in view.head_lines
    ]


def _plain_differences(a: str, b: str) -> list[tuple[int, int]]:
    """The oracle for two lines that do not hold each other: difflib's differences when the
    lines share 4 distinct 4-grams and difflib's longest match holds 8 characters and 40% of
    the shorter line, else none."""
    grams_a = {a[k : k + 4] for k in range(len(a) - 3)}
    grams_b = {b[k : k + 4] for k in range(len(b) - 3)}
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    longest = matcher.find_longest_match(0, len(a), 0, len(b)).size
    if len(grams_a & grams_b) < 4 or longest < max(8, 0.4 * min(len(a), len(b))):
        return []
    return _matcher_differences(a, b, len(a) + 1)


@given(
    st.text(alphabet=LINE_ALPHABET, min_size=8, max_size=40),
    st.text(alphabet=LINE_ALPHABET + "1", max_size=8),
    st.text(alphabet=LINE_ALPHABET + "2", max_size=8),
    st.integers(0, 40),
    st.integers(0, 40),
)
@example("山海攜手情意綿長來自脫貧地區", "包養網", "", 6, 0)  # one copy with an insertion
@example("abcdefghabcdefghabcd", "x", "y", 3, 17)  # periodic: few distinct 4-grams
def test_lines_differ_where_difflib_says(
    core: str, one: str, two: str, at_one: int, at_two: int
) -> None:
    """Two copies of a line, each with its own insertion: the differences equal difflib's,
    with the longest common run found without difflib."""
    a = core[:at_one] + one + core[at_one:]
    b = core[:at_two] + two + core[at_two:]
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    assume(len(a.strip()) >= 8 and len(b.strip()) >= 8 and short not in long)
    view = _views([a + "\n" + b], ContextualConfig())[0]
    assert repeated_line_differences(view) == _plain_differences(a, b)
