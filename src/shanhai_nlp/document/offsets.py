"""Offset maps between the verbatim raw text and a derived view of it.

A derived view is the raw text with a set of non-overlapping edits applied: each edit replaces
``raw[start:end]`` with a (possibly empty) string. :class:`OffsetMap` records, for every character
on either side, which characters it came from on the other side, so spans move both ways; and it
keeps the removed originals, so the raw text can always be rebuilt from the view (lossless).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from shanhai_nlp.errors import SpanError


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``raw[start:end]`` (which reads ``original``) with ``replacement``."""

    start: int
    end: int
    original: str
    replacement: str = ""


def check_edits(raw_length: int, edits: Sequence[Edit]) -> None:
    """Raise :class:`SpanError` unless ``edits`` are sorted, non-empty, in range, disjoint."""
    previous_end = 0
    for index, edit in enumerate(edits):
        if not 0 <= edit.start < edit.end <= raw_length:
            raise SpanError(
                f"edit {index} [{edit.start}:{edit.end}] is empty or outside the text "
                f"(length {raw_length})"
            )
        if edit.start < previous_end:
            raise SpanError(
                f"edit {index} [{edit.start}:{edit.end}] overlaps the previous edit ending at "
                f"{previous_end}"
            )
        previous_end = edit.end


class OffsetMap:
    """Character alignment between a raw text and a view derived from it by edits.

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

    __slots__ = (
        "_dst_end",
        "_dst_start",
        "_edit_view_spans",
        "_edits",
        "_raw_len",
        "_src_end",
        "_src_start",
    )

    def __init__(self, raw_length: int, edits: Sequence[Edit]) -> None:
        check_edits(raw_length, edits)
        self._raw_len = raw_length
        self._edits = tuple(edits)
        # per raw char: the view span it became; per view char: the raw span it came from
        dst_start: list[int] = []
        dst_end: list[int] = []
        src_start: list[int] = []
        src_end: list[int] = []
        edit_view_spans: list[tuple[int, int]] = []
        raw_pos = 0
        for edit in self._edits:
            for i in range(raw_pos, edit.start):
                dst_start.append(len(src_start))
                dst_end.append(len(src_start) + 1)
                src_start.append(i)
                src_end.append(i + 1)
            view_start = len(src_start)
            for _ in edit.replacement:
                src_start.append(edit.start)
                src_end.append(edit.end)
            view_end = len(src_start)
            edit_view_spans.append((view_start, view_end))
            for _ in range(edit.start, edit.end):
                dst_start.append(view_start)
                dst_end.append(view_end)
            raw_pos = edit.end
        for i in range(raw_pos, raw_length):
            dst_start.append(len(src_start))
            dst_end.append(len(src_start) + 1)
            src_start.append(i)
            src_end.append(i + 1)
        self._dst_start, self._dst_end = dst_start, dst_end
        self._src_start, self._src_end = src_start, src_end
        self._edit_view_spans = tuple(edit_view_spans)

    @classmethod
    def apply(cls, raw: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
        """Apply ``edits`` to ``raw``; return the view text and its map."""
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        omap = cls(len(raw), ordered)
        for edit in ordered:
            if raw[edit.start : edit.end] != edit.original:
                raise SpanError(
                    f"edit [{edit.start}:{edit.end}] expects {edit.original!r} but the text has "
                    f"{raw[edit.start : edit.end]!r}"
                )
        pieces: list[str] = []
        pos = 0
        for edit in ordered:
            pieces.append(raw[pos : edit.start])
            pieces.append(edit.replacement)
            pos = edit.end
        pieces.append(raw[pos:])
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
        return len(self._src_start)

    def to_view(self, start: int, end: int) -> tuple[int, int]:
        """Map the raw span ``[start, end)`` to the view. Removed edges shrink away."""
        self._check(start, end, self._raw_len, "raw")
        if start == end:
            pos = self._dst_start[start] if start < self._raw_len else self.view_length
            return pos, pos
        return self._dst_start[start], self._dst_end[end - 1]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map the view span ``[start, end)`` to the raw text, covering edits inside it."""
        self._check(start, end, self.view_length, "view")
        if start == end:
            pos = self._src_start[start] if start < self.view_length else self._raw_len
            return pos, pos
        return self._src_start[start], self._src_end[end - 1]

    def rebuild_raw(self, view: str) -> str:
        """Rebuild the raw text from the view text and the kept originals (lossless)."""
        if len(view) != self.view_length:
            raise SpanError(f"view has {len(view)} characters, the map expects {self.view_length}")
        pieces: list[str] = []
        pos = 0
        for edit, (view_start, view_end) in zip(self._edits, self._edit_view_spans, strict=True):
            pieces.append(view[pos:view_start])
            pieces.append(edit.original)
            pos = view_end
        pieces.append(view[pos:])
        return "".join(pieces)

    @staticmethod
    def _check(start: int, end: int, length: int, side: str) -> None:
        if not 0 <= start <= end <= length:
            raise SpanError(f"{side} span [{start}:{end}] is outside the text (length {length})")
