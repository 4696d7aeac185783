"""``keyword_line.v1``: short unpunctuated lines between a sentence's two halves.

Injection breaks a sentence with a line of keywords (…業,⏎關鍵字⏎,改以…): the line before
ends without a sentence end, and the line after starts with a continuation mark.
"""

from __future__ import annotations

from dataclasses import dataclass

from shanhai_nlp.spam.signals.base import signals
from shanhai_nlp.spam.window import CONTINUATION, PUNCT_RE, TERMINAL, Candidate, Window


@dataclass(frozen=True, slots=True)
class KeywordLineConfig:
    min_length: int = 2  # characters of a keyword line besides surrounding space
    max_length: int = 14
    score: float = 0.9


@dataclass(frozen=True, slots=True)
class KeywordLineSignal:
    """Short unpunctuated lines between a sentence's two halves.

    Example:
        >>> from shanhai_nlp.spam.window import WindowConfig, build_windows
        >>> text = "甘南州牧民收起遊牧業,\\n數位行銷專家\\n,改以發展觀光產業。"
        >>> window = build_windows([text], WindowConfig()).windows[0]
        >>> [text[c.start : c.end] for c in KeywordLineSignal()(window)]
        ['數位行銷專家']
    """

    config: KeywordLineConfig = KeywordLineConfig()
    name: str = "keyword_line"

    def __call__(self, window: Window) -> list[Candidate]:
        lines = [(p, ln, body) for p, ln in window.lines if (body := ln.strip())]  # not blank
        cfg = self.config
        found = []
        for k in range(1, len(lines) - 1):
            pos, line, body = lines[k]
            if not cfg.min_length <= len(body) <= cfg.max_length:
                continue
            if PUNCT_RE.search(body.replace(" ", "")):
                continue
            # the sentence's first half ends the line before, its second half starts after
            if lines[k - 1][2][-1] not in TERMINAL and lines[k + 1][2][0] in CONTINUATION:
                start = pos + line.index(body)
                found.append(Candidate(start, start + len(body), cfg.score, self.name))
        return found


def make_keyword_line(config: KeywordLineConfig = KeywordLineConfig()) -> KeywordLineSignal:
    return KeywordLineSignal(config)


signals.register("keyword_line.v1", func=make_keyword_line)
