"""Word frequencies and the junction pairs derived from them."""

from __future__ import annotations

from shanhai_nlp.text.script import is_cjk
from shanhai_nlp.text.words import adjacent_pairs, word_zipf, zipf


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
