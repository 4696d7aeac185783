"""``pipe_list.v1``: ``|``-separated keyword lists that mix Latin into CJK or use the other
script (SEO link blocks: 免费电影|高清视频|…)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from shanhai_nlp.spam.signals.base import signals
from shanhai_nlp.spam.signals.script import written_in_other_script
from shanhai_nlp.spam.window import Candidate, Window

#: a keyword holding both Latin and CJK
MIXED_RE = re.compile(
    "[A-Za-z].*[\u3400-\u4dbf\u4e00-\u9fff]|[\u3400-\u4dbf\u4e00-\u9fff].*[A-Za-z]"
)
SEPARATOR_RE = re.compile(r"[|｜]")
KEYWORD_RE = re.compile(r"[^|｜]+")


@dataclass(frozen=True, slots=True)
class PipeListConfig:
    min_separators: int = 3
    min_parts: int = 4
    max_part: int = 24  # characters of one keyword
    min_mixed: int = 2  # keywords mixing Latin and CJK that make a list spam
    min_other: int = 3  # characters only the other script uses that make a list spam (as script.v1)
    score: float = 0.8


@dataclass(frozen=True, slots=True)
class PipeListSignal:
    """One candidate per keyword of a ``|`` list that mixes scripts or alphabets."""

    config: PipeListConfig = PipeListConfig()
    name: str = "pipe_list"

    def __call__(self, window: Window) -> list[Candidate]:
        if "|" not in window.raw and "｜" not in window.raw:
            return []
        found = []
        for pos, line in window.lines:
            if self._is_spam_list(window, pos, line):
                found.extend(self._keywords(pos, line))
        return found

    def _is_spam_list(self, window: Window, pos: int, line: str) -> bool:
        cfg = self.config
        if line.count("|") + line.count("｜") < cfg.min_separators:
            return False
        parts = [p.strip() for p in SEPARATOR_RE.split(line)]
        if len(parts) < cfg.min_parts or any(len(p) > cfg.max_part for p in parts):
            return False
        mixed = sum(1 for p in parts if MIXED_RE.search(p))
        return mixed >= cfg.min_mixed or written_in_other_script(
            window, pos, pos + len(line), min_other=cfg.min_other
        )

    def _keywords(self, pos: int, line: str) -> list[Candidate]:
        found = []
        for match in KEYWORD_RE.finditer(line):
            body = match.group().strip()
            if body:
                start = pos + match.start() + match.group().index(body)
                found.append(Candidate(start, start + len(body), self.config.score, self.name))
        return found


def make_pipe_list(config: PipeListConfig = PipeListConfig()) -> PipeListSignal:
    return PipeListSignal(config)


signals.register("pipe_list.v1", func=make_pipe_list)
