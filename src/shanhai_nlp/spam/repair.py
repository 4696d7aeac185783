"""Lossless repair: remove detected spam, put back characters a token replaced.

:func:`repair` goes through the document model's :class:`~shanhai_nlp.document.OffsetMap`, so the
raw text is always rebuilt exactly from the clean text plus the removed spans.
:func:`infer_repairs` decides, from the text itself, where a detected token must have replaced a
character (an opening quotation mark whose closing partner is alone; the first character of a
word that the rest of the document uses).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from shanhai_nlp.document.model import SpamSpan, View, clean_view
from shanhai_nlp.document.offsets import Coverage
from shanhai_nlp.text.script import is_cjk, simplify_chars
from shanhai_nlp.text.words import zipf

#: closing mark -> opening mark, for the quotation-balance rule
_PAIRS = {"”": "“", "」": "「", "』": "『", "’": "‘"}
_QUOTE_RE = re.compile("[" + "".join(_PAIRS) + "".join(_PAIRS.values()) + "]")


def repair(text: str, spans: Sequence[SpamSpan]) -> View:
    """The clean view of ``text``: ``spans`` removed, each span's known repair applied.

    Example:
        >>> token = SpamSpan(start=0, end=3, text="包養網", repair="人")
        >>> r = repair("包養網才培育", [token])
        >>> r.text, r.rebuild_raw()
        ('人才培育', '包養網才培育')
    """
    return clean_view(text, spans)


def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    start = max(text.rfind("\n", 0, pos) + 1, 0)
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _needs_opening_quote(text: str, span: SpamSpan, line_end: int, removed: Coverage) -> str | None:
    """The opening mark to restore when the span, which starts its line (ending at
    ``line_end``), is followed by a closing quote before any opening one (``removed``: all
    spans)."""
    pos = span.end
    while (mark := _QUOTE_RE.search(text, pos, line_end)) is not None:
        pos = mark.end()
        if mark.start() not in removed:
            return _PAIRS.get(mark.group())  # None for an opening mark
    return None


def _word_start(
    text: str, span: SpamSpan, clean: Callable[[], str], *, min_zipf: float
) -> str | None:
    """The character that starts a broken word right after a span that starts its line.

    The next two characters must not form a word, and exactly one character ``c`` must make
    ``c`` + next character a common word that the document uses elsewhere (the heading
    包養網才培育 → 人, from 人才 in the body).
    """
    if span.end + 1 >= len(text):
        return None
    nxt = simplify_chars(text[span.end : span.end + 2])
    if not all(is_cjk(c) for c in nxt) or zipf(nxt) >= min_zipf:
        return None
    clean_simplified = clean()
    candidates = {
        clean_simplified[i - 1]
        for i in _find_all(clean_simplified, nxt[0])
        if i > 0
        and is_cjk(clean_simplified[i - 1])
        and zipf(clean_simplified[i - 1] + nxt[0]) >= min_zipf
    }
    scored = sorted((clean_simplified.count(c + nxt[0]), c) for c in candidates)
    if scored and scored[-1][0] >= 2 and (len(scored) == 1 or scored[-1][0] > 2 * scored[-2][0]):
        best = scored[-1][1]
        original = [
            text[i - 1]
            for i in _find_all(text, nxt[0])
            if i > 0 and simplify_chars(text[i - 1]) == best
        ]
        return original[0] if original else best
    return None


def _find_all(text: str, char: str) -> list[int]:
    out, pos = [], text.find(char)
    while pos >= 0:
        out.append(pos)
        pos = text.find(char, pos + 1)
    return out


def infer_repairs(text: str, spans: Sequence[SpamSpan], *, min_zipf: float = 4.0) -> list[SpamSpan]:
    """Mark spans that replaced a character, with the character judged from the text.

    Example:
        >>> text = "包養管道電商上下游資源。”他說"
        >>> [s.repair for s in infer_repairs(text, [SpamSpan(start=0, end=4, text="包養管道")])]
        ['“']
    """
    cache: list[str] = []

    def clean() -> str:  # computed only when a span starts a line
        if not cache:
            cache.append(simplify_chars(repair(text, spans).text))
        return cache[0]

    removed: Coverage | None = None
    out = []
    for span in spans:
        if span.start and not text[span.start - 1].isspace():  # the usual case, settled at once
            out.append(span)
            continue
        line_start, line_end = _line_bounds(text, span.start)
        if text[line_start : span.start].strip():  # both rules are about spans that start a line
            out.append(span)
            continue
        if removed is None:
            removed = Coverage((s.start, s.end) for s in spans)
        mark = _needs_opening_quote(text, span, line_end, removed)
        char = mark or _word_start(text, span, clean, min_zipf=min_zipf)
        out.append(replace(span, repair=char) if char else span)
    return out
