"""The repeated headline: where near-identical lines of a page's head differ."""

from __future__ import annotations

import difflib

from hypothesis import assume, example, given
from hypothesis import strategies as st

from shanhai_nlp.spam.headline import overlapped, repeated_line_differences
from shanhai_nlp.spam.window import HEAD_LINES, Candidate, Window, WindowConfig, build_windows


def _window(text: str) -> Window:
    return build_windows([text], WindowConfig()).windows[0]


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
    view = _window(a + "\n" + b)
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
    view = _window(text)
    expected, pos = [], 0
    for line in text.split("\n"):
        if len(line.strip()) >= 8:
            expected.append((pos, line))
        pos += len(line) + 1
    assert view.head_lines == expected[:HEAD_LINES]
    last = view.head_lines[-1] if len(view.head_lines) == HEAD_LINES else None
    assert view.head_end == (len(text) + 1 if last is None else last[0] + len(last[1]) + 1)
    near = [Candidate(start, start + width, 1.0, "test") for start, width in spans]
    assert overlapped(view.head_lines, near) == [
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
    view = _window(a + "\n" + b)
    assert repeated_line_differences(view) == _plain_differences(a, b)
