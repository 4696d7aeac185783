"""The lexicon detector: exact on the article, both scripts, inside numbers, ASCII tails."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.spam._kernels import FormIndex, rolling_hash
from shanhai_nlp.spam.lexicon import LexiconDetector, both_scripts, make_lexicon_detector


def test_lexicon_exact_on_article(seed) -> None:
    found = {(s.start, s.end) for s in make_lexicon_detector()(seed.raw_text)}
    assert found == {(s.start, s.end) for s in seed.spam}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("向畢節提供財政援助資金3包養.77億元", ["包養"]),  # inside a number
        ("簽訂采包養網dcard購合同", ["包養網dcard"]),  # ASCII tail from the lexicon
        ("走向包養價格PTT全國", ["包養價格PTT"]),  # case-insensitive tail
        ("签订采包养网dcard购合同", ["包养网dcard"]),  # Simplified script
        ("不斷拓展幫包養網扶領域", ["包養網"]),  # longest-leftmost: 包養網, not 包養
        ("包養網xyz的", ["包養網xyz"]),  # unseen ASCII tail glued to a match
        ("幫扶群眾", []),
        ("", []),
    ],
)
def test_lexicon_matches(text: str, expected: list[str]) -> None:
    assert [s.text for s in make_lexicon_detector()(text)] == expected


def test_lexicon_both_scripts() -> None:
    assert both_scripts("臺灣包養網") >= {"臺灣包養網", "台湾包养网"}


def test_lexicon_needs_terms() -> None:
    with pytest.raises(ShanhaiError, match="at least one term"):
        LexiconDetector([])
    with pytest.raises(ShanhaiError, match="line break"):
        LexiconDetector([("包養\n網", "test")])


TERMS = ["包養", "包養網", "養網", "網比", "ky體育", "ky", "體育平台", "😀包"]
ALPHABET = "包養網比較體育平台東西幫扶kKyY 1.😀\ud800\n"


def _leftmost_longest(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """The reference: at each place the longest term, then on after it; ASCII tails attached."""
    folded, out, pos = text.lower(), [], 0
    while pos < len(text):
        ends = [pos + len(t) for t in terms if folded.startswith(t, pos)]
        if not ends:
            pos += 1
            continue
        end = max(ends)
        start = pos
        while end < len(text) and "a" <= folded[end] <= "z":
            end += 1
        out.append((start, end))
        pos = end
    return out


@pytest.mark.parametrize("over_bytes", [False, True])
@given(text=st.text(alphabet=ALPHABET, max_size=80))
@example(text="包養KY")  # the term ky inside the ASCII tail of 包養: one match
@example(text="包養ky體育平台")  # ky體育 starts inside the tail; 體育平台 starts at its end
def test_lexicon_matches_are_leftmost_longest_over_characters(text: str, over_bytes: bool) -> None:
    """Over characters or over UTF-8 bytes, matches are character offsets, leftmost-longest
    (emoji beyond the BMP and lone surrogates included)."""
    detector = LexiconDetector(((t, "test") for t in TERMS), over_bytes=over_bytes)
    forms = {f for t in TERMS for f in both_scripts(t)}
    assert [(m.start, m.end) for m in detector.matches(text)] == _leftmost_longest(text, forms)


def test_lexicon_reads_bytes_only_for_many_first_characters() -> None:
    assert not make_lexicon_detector().over_bytes  # the article's family: a few first characters
    many = [(chr(0x4E00 + 3 * k) + "包養", "test") for k in range(100)]
    detector = LexiconDetector(many)
    assert detector.over_bytes
    text = "前文" + many[42][0] + "網後文"
    assert [(m.start, m.end) for m in detector.matches(text)] == [(2, 5)]


@given(texts=st.lists(st.text(alphabet=ALPHABET, max_size=40), max_size=6))
@example(texts=["包養ky體育平台", "", "KY體育", "😀包養網比"])
def test_lexicon_matches_many_is_matches_of_each(texts: list[str]) -> None:
    """The array search over many texts finds what the automaton finds in each."""
    detector = LexiconDetector(((t, "test") for t in TERMS), over_bytes=False)
    assert detector.matches_many(texts) == [detector.matches(t) for t in texts]


def test_lexicon_pipe_is_the_detector_on_each(seed) -> None:
    """The pipe (matches_many in batches) gives the spans of one call per text."""
    detector = make_lexicon_detector()
    texts = [
        seed.raw_text,
        "",
        "走向包養價格PTT全國",
        "签订采包养网dcard购合同",
        seed.raw_text[:500],
    ]
    assert list(detector.pipe(texts, batch_size=2)) == [detector(t) for t in texts]


def _collide(index: FormIndex, string: str, form: str) -> None:
    """Make ``string`` look, by its hash, like the form ``form`` of the same length."""
    n = len(string)
    table = np.append(index.prefixes[n], np.uint64(rolling_hash(string)))
    which = np.append(index.form_of[n], list(index.families).index(form))
    order = np.argsort(table)
    index.prefixes[n], index.form_of[n] = table[order], which[order]


def test_lexicon_matches_many_checks_characters_behind_a_hash() -> None:
    """Two strings with one hash: the characters decide (a shorter form, or none)."""
    detector = LexiconDetector((t, "test") for t in TERMS)
    _collide(detector._index, "包養比", "包養網")  # the longest form is the shorter 包養
    _collide(detector._index, "養比", "養網")  # no form at all
    _collide(detector._index, "包養k", "包養網")  # the shorter 包養, with its ASCII tail
    texts = ["包養比較", "養比", "包養網", "包養kyz的"]
    expected = [[(0, 2)], [], [(0, 3)], [(0, 5)]]
    assert [[(m.start, m.end) for m in ms] for ms in detector.matches_many(texts)] == expected
    assert detector.matches_many(texts) == [detector.matches(t) for t in texts]
