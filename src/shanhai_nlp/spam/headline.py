"""The headline repeated: where a page's near-identical lines differ.

Pages repeat their title as a headline, and an injection lands in one copy only. The
contextual detector widens a candidate found in a page's head to the difference between two
such copies (…掃描_中國網 vs …掃描包養甜心網 differ by 包養甜心網).
"""

from __future__ import annotations

import difflib
import math
from bisect import bisect_right

from shanhai_nlp.spam.window import Candidate, Window


def repeated_line_differences(
    window: Window, *, near: list[Candidate] | None = None
) -> list[tuple[int, int]]:
    """Where two near-identical lines differ (the title and the headline repeated in the body).

    Pages repeat their headline; an injection lands in one copy only. Returns the differing
    segments of each copy (raw offsets). A short equal run at a line's end is folded into the
    difference before it (…掃描_中國網 vs …掃描包養甜心網 differ by 包養甜心網, not 包養甜心).
    With ``near``, only pairs of lines of which one overlaps a candidate are compared (the
    differences of other pairs overlap no candidate).
    """
    lines = window.head_lines
    wanted = overlapped(lines, near)
    grams: dict[int, set[str]] = {}  # 4-grams of a line, when needed

    def four_grams(x: int) -> set[str]:
        if x not in grams:
            line = lines[x][1]
            grams[x] = {line[k : k + 4] for k in range(len(line) - 3)}
        return grams[x]

    found: list[tuple[int, int]] = []
    marked = [y for y, w in enumerate(wanted) if w]
    for x in range(len(lines)):
        for y in range(x + 1, len(lines)) if wanted[x] else (y for y in marked if y > x):
            (pa, a), (pb, b) = lines[x], lines[y]
            short, long = (a, b) if len(a) <= len(b) else (b, a)
            if short in long:  # what the tests and matcher below find, found without them:
                # the shared 4-grams are the shorter line's; the difference is the rest of the
                # longer line (a differing start is a prefix, as below)
                rest = long.find(short) + len(short)
                if rest < len(long) and len(four_grams(x if short is a else y)) >= 4:
                    line_start = pb if long is b else pa
                    found.append((line_start + rest, line_start + len(long)))
                continue
            # the longest common run must hold 8 characters and 40% of the shorter line; such a
            # run holds one of the shorter line's runs of half its size that start at a
            # multiple of the rest (+ 1), the cheapest test
            size = max(8, math.ceil(0.4 * len(short)))
            half, step = size // 2, size - size // 2 + 1
            if not any(short[k : k + half] in long for k in range(0, len(short) - half + 1, step)):
                continue
            if not _share_a_run(short, long, size):
                continue
            if len(four_grams(x) & four_grams(y)) < 4:
                continue
            ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
            for k, (op, i1, i2, j1, j2) in enumerate(ops):
                if op == "equal" or k == 0:  # a differing line start is a prefix, not an insertion
                    continue
                if k == len(ops) - 2 and ops[-1][0] == "equal" and ops[-1][2] - ops[-1][1] <= 2:
                    i2, j2 = len(a), len(b)
                if i2 > i1:
                    found.append((pa + i1, pa + i2))
                if j2 > j1:
                    found.append((pb + j1, pb + j2))
    return found


def _share_a_run(short: str, long: str, size: int) -> bool:
    """Whether ``short`` and ``long`` have a common run of ``size`` characters: one of the
    runs of ``short`` of that size is in ``long`` (the test difflib's longest match makes,
    without building its matcher)."""
    return any(short[k : k + size] in long for k in range(len(short) - size + 1))


def overlapped(lines: list[tuple[int, str]], near: list[Candidate] | None) -> list[bool]:
    """For each of ``lines`` (in order, with their offsets): whether a candidate of ``near``
    overlaps it (every line when ``near`` is None)."""
    if near is None:
        return [True] * len(lines)
    out = [False] * len(lines)
    ends = [pos + len(line) for pos, line in lines]
    for c in near:
        k = bisect_right(ends, c.start)  # the first line ending after the candidate starts
        while k < len(lines) and lines[k][0] < c.end:
            out[k] = True
            k += 1
    return out


def refine(candidates: list[Candidate], segments: list[tuple[int, int]]) -> list[Candidate]:
    """Widen each candidate to a repeated-line difference it overlaps."""
    out = []
    for c in candidates:
        start, end = c.start, c.end
        for a, b in segments:
            if a < end and start < b and b - a <= 3 * (c.end - c.start) + 4:
                start, end = min(start, a), max(end, b)
        out.append(c if (start, end) == (c.start, c.end) else c._replace(start=start, end=end))
    return out
