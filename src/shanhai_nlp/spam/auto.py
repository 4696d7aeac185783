"""The default detector: vocabulary-free context signals, plus a broad spam lexicon whose hits
must be confirmed by context, plus a page-level judgement for pages that are spam throughout.

A lexicon hit alone proves nothing: a news story about a gambling raid or about 包養 uses those
words. A hit counts when the context shows it was injected: removing it joins its neighbours
into a word or a number, it stands on a line of its own or in a keyword list, it is written in
the other script, it touches a span the contextual signals found, or it is a Latin brand glued to
a betting suffix (KY体育平台).
"""

from __future__ import annotations

import re

from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.resources import lexicon_families
from shanhai_nlp.spam.base import detectors, normalise_spans
from shanhai_nlp.spam.contextual import (
    ContextualConfig,
    ContextualDetector,
    _lines,
    _minority_chars,
    _View,
)
from shanhai_nlp.spam.lexicon import LexiconDetector, LexiconMatch
from shanhai_nlp.text.script import detect_script

#: a Latin brand glued to a betting or casino suffix: <brand>体育平台, <brand>娱乐官网 …
BRAND_RE = re.compile(
    r"[A-Za-z]{2,8}(?:体育|體育|娱乐|娛樂|电竞|電競|棋牌|真人|彩票)"
    r"(?:平台|平臺|官网|官網|app|APP|入口|网址|網址|下载|下載|注册|註冊|登录|登錄)?"
)
#: families written from general knowledge (sugar_daddy holds the seed article's own tokens)
GENERAL_FAMILIES = [f for f in lexicon_families() if f != "sugar_daddy"]
#: a line this short around a lexicon hit is a keyword line
KEYWORD_LINE_SLACK = 4
#: share of a page's characters in spam above which the whole page is spam
PAGE_SPAM_SHARE = 0.4


class AutoDetector:
    """Contextual signals, plus confirmed lexicon hits, plus whole-page spam.

    Example:
        >>> detect = AutoDetector()
        >>> [s.text for s in detect("警方破獲一個網上賭場,查扣百家樂賭桌。")]
        []
        >>> [s.text for s in detect("推動東部省份優質購銷主體、網絡營銷資源與西部地區更加緊密銜接")]
        []
    """

    name = "auto"

    def __init__(
        self, *, families: list[str] | None = None, config: ContextualConfig | None = None
    ) -> None:
        self.config = config or ContextualConfig()
        self.contextual = ContextualDetector(self.config)
        self.lexicon = LexiconDetector.from_families(
            families or GENERAL_FAMILIES, name="auto.lexicon"
        )

    def _confirmed(
        self, view: _View, hit: LexiconMatch, context: list[SpamSpan], script: str
    ) -> bool:
        start, end = hit.start, hit.end
        if any(s.start <= end and start <= s.end for s in context):
            return True
        _score, joined = view.junction(start, end)
        if joined:
            return True
        line_start = view.raw.rfind("\n", 0, start) + 1
        line_end = view.raw.find("\n", end)
        line = view.raw[line_start : len(view.raw) if line_end < 0 else line_end].strip()
        if len(line) <= (end - start) + KEYWORD_LINE_SLACK:
            return True
        if script != "unknown":
            other, own = _minority_chars(view.raw[start:end], script)
            if other >= 2 and own == 0:
                return True
        return False

    def __call__(self, text: str) -> list[SpamSpan]:
        context = self.contextual(text)
        view = _View(text, self.config)
        script = detect_script(text, min_evidence=20)
        spans = list(context)
        hits = self.lexicon.matches(text)
        for hit in hits:
            if self._confirmed(view, hit, context, script):
                spans.append(
                    SpamSpan(
                        start=hit.start,
                        end=hit.end,
                        text=text[hit.start : hit.end],
                        score=0.8,
                        detector=f"auto.lexicon.{hit.family}",
                    )
                )
        for match in BRAND_RE.finditer(text):
            spans.append(
                SpamSpan(
                    start=match.start(),
                    end=match.end(),
                    text=match.group(),
                    score=0.7,
                    detector="auto.brand",
                )
            )
        spans.extend(self._whole_page(text, hits, spans))
        return normalise_spans(spans, text)

    def _whole_page(
        self, text: str, hits: list[LexiconMatch], spans: list[SpamSpan]
    ) -> list[SpamSpan]:
        """Every line of a page whose text is mostly spam (lexicon hits and found spans)."""
        marked = {i for h in hits for i in range(h.start, h.end)}
        marked.update(i for s in spans for i in range(s.start, s.end))
        content = sum(1 for c in text if not c.isspace())
        if (
            not content
            or sum(1 for i in marked if not text[i].isspace()) < PAGE_SPAM_SHARE * content
        ):
            return []
        out = []
        for pos, line in _lines(text):
            body = line.strip()
            if body:
                start = pos + line.index(body)
                out.append(
                    SpamSpan(
                        start=start,
                        end=start + len(body),
                        text=body,
                        score=0.6,
                        detector="auto.page",
                    )
                )
        return out


def make_auto_detector() -> AutoDetector:
    return AutoDetector()


detectors.register("auto", func=make_auto_detector)
