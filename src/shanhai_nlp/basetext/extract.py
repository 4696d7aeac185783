"""Paragraphs of prose from documentation files: plain text (DocBook rendered to text) and roff
(man pages).

Both wrap lines; a paragraph's lines are joined without a space where both sides are CJK (a
Chinese line break is no word break) and with one elsewhere. Code, command lines and tables
are left out: a paragraph is kept when it has enough CJK characters and most of its characters
are CJK (:func:`is_prose`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from shanhai_nlp.text.script import is_cjk

#: a paragraph is prose with at least this many CJK characters ...
MIN_CJK = 20
#: ... making up at least this share of its characters besides spaces
MIN_CJK_SHARE = 0.5

_CJK_PUNCT = set("，。、；：！？「」『』（）《》〈〉“”‘’…—・")
#: list markers and section numbers at the start of a rendered line
_MARKER_RE = re.compile(r"^\s*(?:[*+o•-]|\d+(?:\.\d+)*\.?)\s+")


def _cjkish(char: str) -> bool:
    return is_cjk(char) or char in _CJK_PUNCT


def join_lines(lines: Iterable[str]) -> str:
    """Wrapped lines as one paragraph.

    Example:
        >>> join_lines(["請準備好足夠的耐心。同時我也省略", "了某些細節 ", "Debian 項目"])
        '請準備好足夠的耐心。同時我也省略了某些細節 Debian 項目'
    """
    out = ""
    for line in lines:
        piece = line.strip()
        if not piece:
            continue
        if out and not (_cjkish(out[-1]) and _cjkish(piece[0])):
            out += " "
        out += piece
    return out


def is_prose(text: str) -> bool:
    """Whether ``text`` reads as Chinese prose rather than code, a command or a table."""
    chars = [c for c in text if not c.isspace()]
    cjk = sum(1 for c in chars if is_cjk(c))
    return cjk >= MIN_CJK and cjk >= MIN_CJK_SHARE * len(chars)


def text_paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(line number, paragraph) of a plain text whose paragraphs are separated by blank lines
    (list markers and section numbers at the start of a paragraph are dropped)."""
    block: list[str] = []
    start = 0
    for number, line in enumerate([*text.split("\n"), ""], 1):
        if line.strip():
            if not block:
                start = number
                line = _MARKER_RE.sub("", line)
            block.append(line)
            continue
        if block:
            paragraph = join_lines(block)
            if is_prose(paragraph):
                yield start, paragraph
            block = []


#: roff requests that only change the font of their arguments: the arguments are text
_FONT_REQUESTS = {"B", "I", "BR", "RB", "BI", "IB", "IR", "RI", "SM", "SB"}
#: roff escapes and what they stand for (the rest are dropped)
_ESCAPES = (
    (re.compile(r"\\f(?:\[[^\]]*\]|\(..|.)"), ""),  # font changes
    (re.compile(r"\\s[+-]?\d"), ""),  # size changes
    (re.compile(r"\\\*(?:\[[^\]]*\]|\(..|.)"), ""),  # strings
    (re.compile(r"\\\((?:em|en)"), "—"),
    (re.compile(r"\\\(.."), ""),  # other special characters
    (re.compile(r"\\[-e]"), "-"),
    (re.compile(r"\\[&c]"), ""),
    (re.compile(r"\\ "), " "),
    (re.compile(r"\\\\"), "\\\\"),
)


def _unescape(line: str) -> str:
    for pattern, replacement in _ESCAPES:
        line = pattern.sub(replacement, line)
    return line


def _font_text(args: str) -> str:
    return " ".join(part.strip('"') for part in args.split())


def roff_paragraphs(source: str) -> Iterator[tuple[int, str]]:
    """(line number, paragraph) of a man page's prose: every request but a font change ends a
    paragraph; no-fill blocks (``.nf`` to ``.fi``: examples, synopses) are left out."""
    block: list[str] = []
    start, filling = 0, True
    for number, line in enumerate([*source.split("\n"), ".PP"], 1):
        if line.startswith((".", "'")):
            request, _, args = line[1:].strip().partition(" ")
            if request in _FONT_REQUESTS and filling:
                start = start or number
                block.append(_unescape(_font_text(args)))
                continue
            if request == "nf":
                filling = False
            elif request == "fi":
                filling = True
            if block:
                paragraph = join_lines(block)
                if is_prose(paragraph):
                    yield start, paragraph
            block, start = [], 0
            continue
        if filling and line.strip():
            start = start or number
            block.append(_unescape(line))
