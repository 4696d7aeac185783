"""The array kernels against plain references, one window at a time."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from shanhai_nlp.spam.signals import get_signal, prepare
from shanhai_nlp.spam.signals.splice import SpliceConfig, SpliceFacts, SpliceSignal
from shanhai_nlp.spam.signals.splice.cores import maximal_repeat, may_splice
from shanhai_nlp.spam.window import PAD, PUNCT_RE, Window, WindowConfig, build_windows
from shanhai_nlp.text.script import is_cjk, script_counts, simplify_chars

SPLICE = SpliceConfig()


def _views(chunks: list[str]) -> list[Window]:
    """Windows of ``chunks`` with what the splice and script signals prepare."""
    batch = build_windows(chunks, WindowConfig())
    prepare(batch, [get_signal("splice.v1"), get_signal("script.v1")])
    return batch.windows


def _may_splice(view: Window, occ: list[int], length: int) -> bool:
    return may_splice(
        view, occ, length, min_joins=SPLICE.min_joins, min_join_rate=SPLICE.min_join_rate
    )


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
    views = _views(chunks)
    assert len(views) == len(chunks)
    for chunk, view in zip(chunks, views, strict=True):
        s = simplify_chars(chunk)
        assert (view.raw, view.s, view.padded) == (chunk, s, "\n" * PAD + s + "\n" * PAD)
        assert view.totals == script_counts(chunk)
        for start, end in ((0, len(chunk)), (1, len(chunk) - 1), (len(chunk) // 3, len(chunk))):
            if start > end:
                continue
            traditional, simplified = script_counts(chunk[start:end])
            minority = {
                "traditional": (simplified, traditional),
                "simplified": (traditional, simplified),
            }.get(view.script, (0, 0))
            assert view.minority(start, end) == minority
        assert view.prepared["script"] == _other_script_pieces(chunk, view.script)
        facts = view.prepared["splice"]
        expected = _repeated(s, SPLICE.min_repeats)
        kept = [(gram, at) for gram, at in expected.items() if gram in facts.bigrams]
        assert list(facts.bigrams.items()) == kept  # in order of first occurrence
        assert facts.growth == {  # grown with arrays as one at a time
            gram: maximal_repeat(view, at, 2) for gram, at in kept if gram[0] != gram[1]
        }
        for gram, occurrences in expected.items():
            if gram not in facts.bigrams:  # screened out: it could never be a core
                assert gram[0] != gram[1]
                left, right = maximal_repeat(view, occurrences, 2)
                core = [o - left for o in occurrences]
                assert not _may_splice(view, core, 2 + left + right)


@pytest.mark.parametrize("which", ["article", "two characters"])
def test_the_array_screen_changes_no_candidate(seed, which: str) -> None:
    text = seed.raw_text if which == "article" else TWO_CHARACTER_SPLICE
    view = _views([text])[0]
    every = _repeated(view.s, SPLICE.min_repeats)
    if which == "article":
        # it settles most 2-grams, not all
        assert 0 < len(view.prepared["splice"].bigrams) < len(every) / 2
    splice = SpliceSignal()
    screened = splice(view)
    assert screened
    view.prepared["splice"] = SpliceFacts(
        every,
        {gram: maximal_repeat(view, at, 2) for gram, at in every.items() if gram[0] != gram[1]},
    )
    assert splice(view) == screened
