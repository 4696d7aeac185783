"""repeats: a token confirmed at one place counts wherever it repeats between varied neighbours."""

import numpy as np

from shanhai_nlp.spam.repeats import repeated, varied_neighbours
from shanhai_nlp.spam.signals.splice.cores import occurrences


def test_a_token_at_random_places_is_repeated() -> None:
    text = "不斷拓展幫澳門賭場扶領域，澳門賭場今年投入資金，支持澳門賭場產業"
    found = repeated(text, [(5, 9)], score=0.6, name="auto.repeat")
    assert [(s, e) for s, e, _score, _name in found] == [(5, 9), (13, 17), (26, 30)]
    assert {name for *_rest, name in found} == {"auto.repeat"}


def test_a_term_in_its_own_few_contexts_is_not() -> None:
    """The learned model's run over 域性變數 on a Tcl manual page (Debian's manpages-zh): the
    page writes 全域性變數 and 區域性變數, five times."""
    text = (
        "可以是一個全域性變數或區域性變數，當前定義的全域性變數的名字，"
        "全域性變數是在全域性名字空間，區域性變數名字"
    )
    start = text.index("域性變數")
    assert len(occurrences(text, "域性變數")) == 5
    assert not varied_neighbours(text, occurrences(text, "域性變數"), 4)
    assert repeated(text, [(start, start + 4)], score=0.6, name="r") == []


def test_short_strings_and_single_occurrences_are_not_repeated() -> None:
    text = "幫扶群眾，幫扶對象，幫扶資金，百家樂一次"
    assert repeated(text, [(0, 2)], score=0.6, name="r") == []
    start = text.index("百家樂")
    assert repeated(text, [(start, start + 3)], score=0.6, name="r") == []


def test_the_model_must_lean_injected_where_it_repeats() -> None:
    text = "不斷拓展幫澳門賭場扶領域，澳門賭場今年投入資金，支持澳門賭場產業"
    probs = np.full(len(text), 0.95, dtype=np.float32)
    probs[13:17] = 0.2  # the model reads the second occurrence as the page's text
    found = repeated(text, [(5, 9)], probs, score=0.6, min_probability=0.8)
    assert [(s, e) for s, e, _score, _name in found] == [(5, 9), (26, 30)]
