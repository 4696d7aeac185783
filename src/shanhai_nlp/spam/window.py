"""The window: what every spam signal reads of a stretch of text.

A long text is cut into windows of about :attr:`WindowConfig.size` characters (at line breaks
where possible), so memory stays bounded on huge inputs. A :class:`Window` holds the window's
raw text and its Simplified, length-preserving view (Traditional and Simplified text are judged
alike), its lines, its script, and the junction look-ups: how well the text reads across a
stretch that is taken out. Signals find :class:`Candidate` stretches in windows.

Windows are built many at a time (:func:`build_windows`), so that array work (script counts,
and whatever a signal prepares, see :mod:`shanhai_nlp.spam.signals`) is done once for all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, islice
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from shanhai_nlp.text.script import (
    code_points,
    from_code_points,
    is_cjk,
    running_script_counts,
    script_from_counts,
    script_kinds,
    simplify_codes,
)
from shanhai_nlp.text.words import adjacent_pairs, word_across, word_zipf

#: characters that end a sentence (a keyword line's sentence half before it ends without one)
TERMINAL = set("。！？!?…」』”\"'）)】")
#: what a sentence holds and a keyword list does not
SENTENCE_PUNCTUATION_RE = re.compile("[，。！？；、,!?;]")
#: characters a sentence's second half may start with
CONTINUATION = set(",，、;；:：)）」』”")
#: whitespace, punctuation and decoration: where a token cannot go on
PUNCT_RE = re.compile(
    r"[\s\u3000-\u303f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    r"!-/:-@\[-`{-~—–…·•|\u2600-\u27bf\U0001f300-\U0001faff★☆◆◇■□●○►▶]"
)

#: line breaks around a window's text in :attr:`Window.padded`
PAD = 4
#: lines at the top of a page (of 8+ characters) compared with each other for repeats
HEAD_LINES = 12
#: characters of windows whose array work :func:`build_windows` does together
BATCH_CHARS = 1_000_000

#: (characters left of the junction, characters right of it) of the words tried across it
JUNCTION_WINDOWS = tuple((a, b) for a in (1, 2, 3) for b in (1, 2, 3) if a + b <= 4)
#: characters of context on each side in which :meth:`Window.rejoins_a_word` reads a junction
JUNCTION_CONTEXT = 6
#: the junction's score when a number goes on across it (3|.77)
NUMBER_JOIN = 3.0
#: the junction's score when both sides are boundaries (a removed line, say)
BOTH_BOUNDARIES = 1.5
#: ... when one side is
ONE_BOUNDARY = 0.3
#: a joined word's score: this, plus WORD_PER_ZIPF per Zipf above the threshold, plus
#: WORD_PER_CHAR per character past two (longer joined words form less often by chance)
WORD_JOIN = 1.0
WORD_PER_ZIPF = 0.25
WORD_PER_CHAR = 0.25


def is_latin(char: str) -> bool:
    return "a" <= char <= "z" or "A" <= char <= "Z"


def is_word_char(char: str) -> bool:
    return is_cjk(char) or is_latin(char)


_BOUNDARY: dict[str, bool] = {}


def is_boundary(char: str) -> bool:
    """Line break, whitespace, punctuation or decoration (cached per character)."""
    known = _BOUNDARY.get(char)
    if known is None:
        known = _BOUNDARY[char] = char == "\n" or bool(PUNCT_RE.match(char))
    return known


@dataclass(frozen=True, slots=True)
class WindowConfig:
    """How texts are cut into windows and how junctions are judged (Zipf scale: 3 = once per
    million words)."""

    join_zipf: float = 3.0  # a word joined across a junction must be at least this common
    size: int = 100_000  # characters per window (bounded memory on huge inputs)


class Candidate(NamedTuple):
    """What a signal found: offsets into its window, a score, and the signal's name."""

    start: int
    end: int
    score: float
    signal: str

    def moved(self, offset: int) -> Candidate:
        """The candidate with offsets into a text its window starts ``offset`` into."""
        if not offset:
            return self
        return Candidate(self.start + offset, self.end + offset, self.score, self.signal)


Running = npt.NDArray[np.int64]
#: one side of a junction: the character, whether a number goes on there, whether a boundary
Side = tuple[str, bool, bool]


class Window:
    """A window's raw text, its Simplified view and the look-ups every signal needs.

    ``padded`` is the Simplified view with :data:`PAD` line breaks on each side; ``running``
    the running counts of the window's Traditional-only and Simplified-only characters (see
    :func:`~shanhai_nlp.text.script.running_script_counts`). ``prepared`` holds what signals
    computed for many windows at once, by signal name.
    """

    def __init__(
        self,
        raw: str,
        padded: str,
        config: WindowConfig,
        *,
        running: tuple[Running, Running],
    ) -> None:
        self.raw = raw
        self.padded = padded
        self.s = padded[PAD:-PAD]
        self.n = len(raw)
        self.config = config
        self.pairs = adjacent_pairs(config.join_zipf)  # what a joined word's junction must be
        self.table = word_zipf()  # the words every junction looks up
        traditional, simplified = running
        #: (Traditional-only, Simplified-only) characters in the window
        self.totals = (
            int(traditional[-1] - traditional[0]),
            int(simplified[-1] - simplified[0]),
        )
        #: the window's script (``unknown`` below ten characters of evidence)
        self.script = script_from_counts(*self.totals, min_evidence=10)
        self._running = running
        #: the window's lines with their offsets
        self.lines = lines(raw)
        self._line_starts: list[int] | None = None  # made on first use (see line_at)
        #: the first :data:`HEAD_LINES` lines of at least 8 characters besides surrounding
        #: space, with their offsets (where a page's title and headline are)
        self.head_lines = list(
            islice(((p, ln) for p, ln in self.lines if len(ln.strip()) >= 8), HEAD_LINES)
        )
        self.prepared: dict[str, Any] = {}

    def line_at(self, pos: int) -> tuple[int, str]:
        """The line holding the character at ``pos``, with its offset."""
        if self._line_starts is None:
            self._line_starts = [start for start, _line in self.lines]
        return self.lines[bisect_right(self._line_starts, pos) - 1]

    def minority(self, start: int, end: int) -> tuple[int, int]:
        """(characters only the other script uses, characters only the window's script uses) in
        ``raw[start:end]``; (0, 0) when the window's script is unknown."""
        script = self.script
        if script == "unknown":
            return 0, 0
        traditional, simplified = self._running
        t = int(traditional[end] - traditional[start])
        s = int(simplified[end] - simplified[start])
        return (s, t) if script == "traditional" else (t, s)

    def mixed_share(self, start: int = 0, end: int = 0) -> float:
        """The other script's share of the script-only characters outside ``raw[start:end]``
        (of the whole window by default): 0.0 on a page written in one script, near 0.5 on a
        page mixing both (a digest of articles in each); 0.0 when the window's script is
        unknown.

        Example:
            >>> from shanhai_nlp.spam.window import WindowConfig, build_windows
            >>> text = "東西部協作讓民眾受益，幫扶資金到位，選派幹部和專業技術人才。澳门博彩"
            >>> window = build_windows([text], WindowConfig()).windows[0]
            >>> start = text.index("澳门")
            >>> window.mixed_share(start, start + 4), window.mixed_share(0, 2) > 0
            (0.0, True)
        """
        if self.script == "unknown":
            return 0.0
        other, own = self.minority(start, end)
        traditional, simplified = self.totals
        other_total, own_total = (
            (simplified, traditional) if self.script == "traditional" else (traditional, simplified)
        )
        elsewhere = (other_total - other) + (own_total - own)
        return (other_total - other) / elsewhere if elsewhere else 0.0

    @property
    def head_end(self) -> int:
        """Where the :attr:`head_lines` end (past the window when it has fewer of them)."""
        if len(self.head_lines) < HEAD_LINES:
            return self.n + 1
        pos, line = self.head_lines[-1]
        return pos + len(line) + 1

    def ch(self, k: int) -> str:
        """The Simplified character at ``k``; a line break outside the window."""
        return self.s[k] if 0 <= k < self.n else "\n"

    def bigram_zipf(self, k: int) -> float:
        """Zipf of the word formed by characters k-1 and k (0 when either is not CJK)."""
        if 1 - PAD <= k < self.n + PAD:  # both in the padded view
            a, b = self.padded[k - 1 + PAD], self.padded[k + PAD]
        else:
            a, b = self.ch(k - 1), self.ch(k)
        return self.table.get(a + b, 0.0) if is_cjk(a) and is_cjk(b) else 0.0

    def left_side(self, i: int) -> Side:
        """What :meth:`junction` reads left of ``i``: the character before it, whether it is
        a digit, and whether it is a boundary."""
        left = self.padded[i - 1 + PAD] if 1 - PAD <= i <= self.n + PAD else "\n"
        return left, left.isdigit(), is_boundary(left)

    def right_side(self, j: int) -> Side:
        """What :meth:`junction` reads from ``j`` on: the character there, whether a number
        goes on there (a digit, or a decimal point and a digit), and whether it is a boundary."""
        right = self.ch(j)
        number = right.isdigit() or (right in ".．" and self.ch(j + 1).isdigit())
        return right, number, is_boundary(right)

    def junction(self, i: int, j: int, left: Side, right: Side) -> tuple[float, bool]:
        """How well the text reads across a removed ``[i, j)``, and whether it is a word join
        (``left``, ``right``: the :meth:`left_side` of ``i`` and the :meth:`right_side` of
        ``j``, passed in so that a token's many extents work each side out once)."""
        before, digit, left_edge = left
        after, number, right_edge = right
        if digit and number:
            return NUMBER_JOIN, True
        if left_edge or right_edge:
            return (BOTH_BOUNDARIES if left_edge and right_edge else ONE_BOUNDARY), False
        if before + after not in self.pairs:  # both CJK, and no word has this junction
            return 0.0, False
        best = 0.0
        table, s, threshold = self.table, self.s, self.config.join_zipf
        for a, b in JUNCTION_WINDOWS:
            if i - a < 0 or j + b > self.n:
                continue
            z = table.get(s[i - a : i] + s[j : j + b], 0.0)
            if z >= threshold:
                word = WORD_JOIN + WORD_PER_ZIPF * (z - threshold) + WORD_PER_CHAR * (a + b - 2)
                best = max(best, word)
        return best, best > 0

    def rejoins_a_word(self, i: int, j: int) -> bool:
        """Whether the text closed over a removed ``[i, j)`` reads as one word across the
        junction (幫|扶 in 一個幫扶對象 splits 一個/幫扶/對象, :func:`~shanhai_nlp.text.words.
        word_across`), or a number goes on (3|.77). Two words that merely meet there (四個|數字:
        個數 is a word too, but the text reads 四個/數字) are no evidence that anything was
        inserted between them; :meth:`joins` says yes to both.

        Example:
            >>> text = "一個幫包養網扶對象,嚴格的四個包養網數字"
            >>> window = build_windows([text], WindowConfig()).windows[0]
            >>> window.joins(3, 6), window.rejoins_a_word(3, 6)
            (True, True)
            >>> window.joins(15, 18), window.rejoins_a_word(15, 18)
            (True, False)
        """
        left = self.s[max(0, i - JUNCTION_CONTEXT) : i]
        if left[-1:].isdigit():
            return True
        return word_across(left + self.s[j : j + JUNCTION_CONTEXT], len(left))

    def joins(self, i: int, j: int) -> bool:
        """Whether removing ``[i, j)`` joins its neighbours into a word or a number (the
        yes/no of :meth:`junction`, stopping at the first word found)."""
        padded = self.padded
        try:
            left, right = padded[i - 1 + PAD], padded[j + PAD]
        except IndexError:
            left, right = self.ch(i - 1), self.ch(j)
        if left + right not in self.pairs:  # the usual answer: no CJK word has this junction
            if left.isdigit():
                return right.isdigit() or (right in ".．" and self.ch(j + 1).isdigit())
            return False
        table, s, threshold = self.table, self.s, self.config.join_zipf
        return any(
            table.get(s[i - a : i] + s[j : j + b], 0.0) >= threshold
            for a, b in JUNCTION_WINDOWS
            if i - a >= 0 and j + b <= self.n
        )

    def splits_word(self, k: int) -> bool:
        """Whether a word of the word list (two to four characters, at least as common as a
        joined word must be) runs across position ``k``: a cut there splits it (一|個 of 一個).

        Example:
            >>> window = build_windows(["一個幫包養網扶"], WindowConfig()).windows[0]
            >>> window.splits_word(1), window.splits_word(3), window.splits_word(6)
            (True, False, False)
        """
        table, s, threshold = self.table, self.s, self.config.join_zipf
        return any(
            table.get(s[k - a : k + b], 0.0) >= threshold
            for a, b in JUNCTION_WINDOWS
            if k - a >= 0 and k + b <= self.n
        )


def resumed_extent(window: Window, start: int, end: int, *, reach: int) -> tuple[int, int] | None:
    """The extent within ``reach`` characters of ``[start, end)`` on each side whose removal
    joins its neighbours into a word or a number (:meth:`Window.joins`) and whose edges split
    no word (:meth:`Window.splits_word`), the least moved first; None when there is none.

    Example:
        >>> window = build_windows(["畢節提供資金3台灣包養.77億元"], WindowConfig()).windows[0]
        >>> window.raw[slice(*resumed_extent(window, 8, 11, reach=2))]
        '台灣包養'
    """
    options = sorted(
        (abs(s - start) + abs(e - end), s, e)
        for s in range(max(1, start - reach), start + reach + 1)
        for e in range(end - reach, min(window.n, end + reach) + 1)
        if e - s >= 2
    )
    for _moved, s, e in options:
        if window.joins(s, e) and not window.splits_word(s) and not window.splits_word(e):
            return s, e
    return None


def blanked(text: str, stretches: Iterable[tuple[int, int]]) -> str:
    """``text`` with every character of ``stretches`` ((start, end), overlapping or not)
    replaced by NUL, offsets unchanged.

    Example:
        >>> blanked("abcdefghij", [(1, 4), (2, 6), (3, 5), (8, 9)])
        'a\\x00\\x00\\x00\\x00\\x00gh\\x00j'
    """
    pieces, last = [], 0
    for start, end in sorted(stretches):
        start = max(start, last)  # overlapping stretches: blank the rest of this one
        if end > start:
            pieces.append(text[last:start])
            pieces.append("\0" * (end - start))
            last = end
    pieces.append(text[last:])
    return "".join(pieces)


def lines(text: str) -> list[tuple[int, str]]:
    """The lines of ``text`` with their offsets.

    Example:
        >>> lines("標題\\n\\n正文")
        [(0, '標題'), (3, ''), (4, '正文')]
    """
    parts = text.split("\n")
    # each line starts one past the end of the one before; the last sum, past the text, has
    # no line
    starts = accumulate(map((1).__add__, map(len, parts)), initial=0)
    return list(zip(starts, parts, strict=False))


def windows(text: str, size: int) -> Iterator[tuple[int, str]]:
    """Cut ``text`` into windows of about ``size`` characters, at line breaks where possible."""
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            end = cut + 1 if cut > 0 else end
        yield start, text[start:end]
        start = end


@dataclass(slots=True)
class WindowBatch:
    """Many windows joined with :data:`PAD` line breaks around each, for array work on all of
    them at once: ``config`` how they were cut and judge junctions, ``codes`` the joined code
    points, ``simple`` their Simplified forms, ``starts`` where each window starts,
    ``running`` the running script counts of the whole.
    A window's padded view is a slice of the joined one, and no 2-gram crosses windows."""

    config: WindowConfig
    codes: npt.NDArray[np.uint32]
    simple: npt.NDArray[np.uint32]
    starts: npt.NDArray[np.int64]
    running: tuple[Running, Running]
    windows: list[Window] = field(default_factory=list)


def build_windows(chunks: Sequence[str], config: WindowConfig) -> WindowBatch:
    """The windows of ``chunks``, their array work done on all of them at once."""
    pad = PAD * "\n"
    joined = pad + pad.join(chunks) + pad
    codes = code_points(joined)
    simple = simplify_codes(codes)
    padded = from_code_points(simple)
    lengths = np.array([len(c) for c in chunks], dtype=np.int64)
    starts = PAD + np.concatenate(([0], np.cumsum(lengths + PAD)[:-1])).astype(np.int64)
    traditional, simplified = running_script_counts(script_kinds(codes))
    batch = WindowBatch(config, codes, simple, starts[: len(chunks)], (traditional, simplified))
    for chunk, start in zip(chunks, batch.starts.tolist(), strict=True):
        end = start + len(chunk)
        running = (traditional[start : end + 1], simplified[start : end + 1])
        batch.windows.append(
            Window(chunk, padded[start - PAD : end + PAD], config, running=running)
        )
    return batch
