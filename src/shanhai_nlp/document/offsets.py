"""Offset maps between the verbatim raw text and a derived view of it.

A derived view is the raw text with a set of non-overlapping edits applied: each edit replaces
``raw[start:end]`` with a (possibly empty) string. :class:`OffsetMap` records, for every character
on either side, which characters it came from on the other side, so spans move both ways; and it
keeps the removed originals, so the raw text can always be rebuilt from the view (lossless).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate
from operator import attrgetter
from typing import NamedTuple

from shanhai_nlp.errors import SpanError

#: sort key of spans and edits: by start, then end
by_position = attrgetter("start", "end")


class Edit(NamedTuple):
    """Replace ``raw[start:end]`` (which reads ``original``) with ``replacement`` (a tuple: a
    crawl makes them by the million)."""

    start: int
    end: int
    original: str
    replacement: str = ""


class Coverage:
    """Where some spans lie, which may overlap or touch: positions and stretches are looked up
    by binary search over the spans' starts and the furthest end reached so far.

    Example:
        >>> covered = Coverage([(2, 9), (3, 4)])
        >>> 5 in covered, 9 in covered, covered.touches(9, 12), covered.touches(0, 1)
        (True, False, True, False)
    """

    __slots__ = ("_reach", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _end in ordered]
        self._reach = list(accumulate((end for _start, end in ordered), max))

    def __contains__(self, pos: int) -> bool:
        """Whether a span holds position ``pos``."""
        k = bisect_right(self._starts, pos) - 1  # the last span starting at or before ``pos``
        return k >= 0 and self._reach[k] > pos

    def touches(self, start: int, end: int) -> bool:
        """Whether a span overlaps or touches ``[start, end]``."""
        k = bisect_right(self._starts, end) - 1  # the last span starting at or before ``end``
        return k >= 0 and self._reach[k] >= start


def check_edits(raw_length: int, edits: Sequence[Edit]) -> None:
    """Raise :class:`SpanError` unless ``edits`` are sorted, non-empty, in range, disjoint."""
    previous_end = 0
    for index, edit in enumerate(edits):
        if not previous_end <= edit.start < edit.end <= raw_length:
            _edit_error(index, edit, raw_length, previous_end)
        previous_end = edit.end


def _edit_error(index: int, edit: Edit, raw_length: int, previous_end: int) -> None:
    """Raise the :class:`SpanError` that says why edit ``index`` does not fit after an edit
    ending at ``previous_end``."""
    if not 0 <= edit.start < edit.end <= raw_length:
        raise SpanError(
            f"edit {index} [{edit.start}:{edit.end}] is empty or outside the text "
            f"(length {raw_length})"
        )
    raise SpanError(
        f"edit {index} [{edit.start}:{edit.end}] overlaps the previous edit ending at "
        f"{previous_end}"
    )


class OffsetMap:
    """Character alignment between a raw text and a view derived from it by edits.

    Memory and construction time grow with the number of edits, not the text length: a position
    is mapped by binary search over the edits. A raw character kept in the view maps to one view
    character; a raw character inside an edit maps to the edit's replacement (empty when removed);
    a view character inside a replacement maps back to the whole edit.

    Example:
        >>> view, omap = OffsetMap.apply("幫包養網扶", [Edit(1, 4, "包養網")])
        >>> view
        '幫扶'
        >>> omap.to_raw(0, 2)
        (0, 5)
        >>> omap.to_view(0, 5)
        (0, 2)
        >>> omap.rebuild_raw(view)
        '幫包養網扶'
    """

    __slots__ = ("_edits", "_raw_len", "_raw_starts", "_view_len", "_view_starts")

    def __init__(self, raw_length: int, edits: Sequence[Edit]) -> None:
        check_edits(raw_length, edits)
        view_starts = []
        shift = 0  # view position minus raw position, before the current edit
        for start, end, _original, replacement in edits:
            view_starts.append(start + shift)
            shift += len(replacement) - (end - start)
        self._set(raw_length, tuple(edits), view_starts, raw_length + shift)

    def _set(
        self, raw_length: int, edits: tuple[Edit, ...], view_starts: list[int], view_length: int
    ) -> None:
        self._raw_len = raw_length
        self._edits = edits
        self._raw_starts = [e.start for e in edits]
        self._view_starts = view_starts
        self._view_len = view_length

    @classmethod
    def apply(cls, raw: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
        """Apply ``edits`` to ``raw``; return the view text and its map (checked and built in
        one pass over the edits)."""
        ordered = tuple(sorted(edits, key=by_position))
        pieces: list[str] = []
        view_starts = []
        pos = shift = 0  # the end of the previous edit; view minus raw position after it
        for index, edit in enumerate(ordered):
            start, end, original, replacement = edit
            if not pos <= start < end <= len(raw):
                _edit_error(index, edit, len(raw), pos)
            if raw[start:end] != original:
                raise SpanError(
                    f"edit [{start}:{end}] expects {original!r} but the text has {raw[start:end]!r}"
                )
            pieces.append(raw[pos:start])
            pieces.append(replacement)
            view_starts.append(start + shift)
            shift += len(replacement) - (end - start)
            pos = end
        pieces.append(raw[pos:])
        omap = cls.__new__(cls)
        omap._set(len(raw), ordered, view_starts, len(raw) + shift)
        return "".join(pieces), omap

    @property
    def edits(self) -> tuple[Edit, ...]:
        """The edits, sorted by position; each keeps the original text it removed."""
        return self._edits

    @property
    def raw_length(self) -> int:
        return self._raw_len

    @property
    def view_length(self) -> int:
        return self._view_len

    def edit_view_span(self, index: int) -> tuple[int, int]:
        """Where edit ``index``'s replacement sits in the view."""
        start = self._view_starts[index]
        return start, start + len(self._edits[index].replacement)

    def _raw_char(self, i: int) -> tuple[int, int]:
        """The view span raw character ``i`` became."""
        k = bisect_right(self._raw_starts, i) - 1
        if k >= 0 and i < self._edits[k].end:
            return self.edit_view_span(k)
        if k < 0:
            return i, i + 1
        edit = self._edits[k]
        view = self._view_starts[k] + len(edit.replacement) + (i - edit.end)
        return view, view + 1

    def _view_char(self, j: int) -> tuple[int, int]:
        """The raw span view character ``j`` came from."""
        k = bisect_right(self._view_starts, j) - 1  # the last edit starting at or before j
        if k < 0:
            return j, j + 1
        edit = self._edits[k]
        _, end = self.edit_view_span(k)
        if j < end:
            return edit.start, edit.end
        raw = edit.end + (j - end)
        return raw, raw + 1

    def to_view(self, start: int, end: int) -> tuple[int, int]:
        """Map the raw span ``[start, end)`` to the view. Removed edges shrink away."""
        self._check(start, end, self._raw_len, "raw")
        if start == end:
            pos = self._raw_char(start)[0] if start < self._raw_len else self._view_len
            return pos, pos
        return self._raw_char(start)[0], self._raw_char(end - 1)[1]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map the view span ``[start, end)`` to the raw text, covering edits inside it."""
        self._check(start, end, self._view_len, "view")
        if start == end:
            pos = self._view_char(start)[0] if start < self._view_len else self._raw_len
            return pos, pos
        return self._view_char(start)[0], self._view_char(end - 1)[1]

    def rebuild_raw(self, view: str) -> str:
        """Rebuild the raw text from the view text and the kept originals (lossless)."""
        if len(view) != self._view_len:
            raise SpanError(f"view has {len(view)} characters, the map expects {self._view_len}")
        pieces: list[str] = []
        pos = 0
        for k, edit in enumerate(self._edits):
            view_start, view_end = self.edit_view_span(k)
            pieces.append(view[pos:view_start])
            pieces.append(edit.original)
            pos = view_end
        pieces.append(view[pos:])
        return "".join(pieces)

    @staticmethod
    def _check(start: int, end: int, length: int, side: str) -> None:
        if not 0 <= start <= end <= length:
            raise SpanError(f"{side} span [{start}:{end}] is outside the text (length {length})")
