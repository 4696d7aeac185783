"""Word frequencies and the junction pairs derived from them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shanhai_nlp.text.script import code_points, is_cjk
from shanhai_nlp.text.words import adjacent_pairs, are_adjacent_pairs, word_zipf, zipf


def test_zipf_of_common_and_unseen_words() -> None:
    assert zipf("帮扶") > 3.0
    assert zipf("群众") > 3.0
    assert zipf("扶比") == 0.0


def test_adjacent_pairs_hold_every_junction_of_every_common_word() -> None:
    pairs = adjacent_pairs(3.0)
    words = [w for w, z in word_zipf().items() if z >= 3.0 and all(map(is_cjk, w))]
    assert words
    assert all(w[k : k + 2] in pairs for w in words for k in range(len(w) - 1))
    # only CJK pairs, and far fewer than all pairs of common characters (it is a filter)
    assert all(is_cjk(p[0]) and is_cjk(p[1]) for p in pairs)
    assert "包帮" not in pairs and "帮扶" in pairs


def test_adjacent_pairs_shrink_as_the_threshold_rises() -> None:
    assert adjacent_pairs(4.0) < adjacent_pairs(3.0)


@given(st.text(alphabet="帮扶群众重点包养网东西部协作扶比a1\n", max_size=60))
def test_are_adjacent_pairs_is_set_membership(text: str) -> None:
    pairs = adjacent_pairs(3.0)
    codes = code_points(text)
    got = are_adjacent_pairs(codes[:-1], codes[1:], 3.0).tolist() if text else []
    assert got == [text[k : k + 2] in pairs for k in range(len(text) - 1)]
