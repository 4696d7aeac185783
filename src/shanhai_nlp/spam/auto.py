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
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.document.offsets import Coverage
from shanhai_nlp.resources import lexicon_families
from shanhai_nlp.spam.base import Found, batched, build_spans, detectors, merge_found
from shanhai_nlp.spam.contextual import ContextualDetector
from shanhai_nlp.spam.lexicon import LexiconDetector, LexiconMatch
from shanhai_nlp.spam.signals import DEFAULT_SIGNALS, Signal
from shanhai_nlp.spam.window import BATCH_CHARS, Candidate, Window, WindowConfig, lines

_BETTING = "体育|體育|娱乐|娛樂|电竞|電競|棋牌|真人|彩票"
#: a Latin brand glued to a betting or casino suffix: <brand>体育平台, <brand>娱乐官网 …
BRAND_RE = re.compile(
    rf"[A-Za-z]{{2,8}}(?:{_BETTING})"
    r"(?:平台|平臺|官网|官網|app|APP|入口|网址|網址|下载|下載|注册|註冊|登录|登錄)?"
)
#: what every brand match holds (a text without it has none: the cheaper search first)
_BETTING_RE = re.compile(_BETTING)
#: families written from general knowledge (sugar_daddy holds the seed article's own tokens)
GENERAL_FAMILIES = [f for f in lexicon_families() if f != "sugar_daddy"]
#: emoji and decorations spam wraps its keywords in
DECORATION_RE = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\u2b55★☆◆◇■□●○►▶【】]")
#: the characters of :data:`DECORATION_RE`, for set look-ups (they all lie in these blocks)
DECORATIONS = frozenset(
    char
    for low, high in ((0x25A0, 0x2C00), (0x3010, 0x3012), (0x1F300, 0x1FB00))
    for char in map(chr, range(low, high))
    if DECORATION_RE.match(char)
)
#: characters scanned past a window's end, beyond the longest term, for a term's ASCII tail
TAIL_REACH = 64


@dataclass(frozen=True, slots=True)
class AutoConfig:
    """What confirms a lexicon hit, when a page is spam throughout, and the scores given."""

    keyword_line_slack: int = 4  # a line at most this longer than the hit is a keyword line
    keyword_list_pipes: int = 3  # a line with this many | separators is a keyword list
    other_script_chars: int = 2  # a hit with this many other-script characters (none own)
    page_spam_share: float = 0.4  # share of a page's characters above which all of it is spam
    hit_score: float = 0.8
    brand_score: float = 0.7
    page_score: float = 0.6


class _Page:
    """Look-ups over one window that every lexicon hit needs, computed once (a crawl may hold
    a single line of hundreds of megabytes)."""

    def __init__(self, window: Window, context: list[Candidate]) -> None:
        self.lines = window.lines
        self.line_starts = [pos for pos, _line in self.lines]
        self.facts: dict[int, tuple[int, int]] = {}
        #: where the candidates the contextual signals found lie
        self.context = Coverage((c.start, c.end) for c in context)

    def line_facts(self, pos: int) -> tuple[int, int]:
        """(length without surrounding space, number of | separators) of the line at ``pos``."""
        k = bisect_right(self.line_starts, pos) - 1
        if k not in self.facts:
            line = self.lines[k][1].strip()
            self.facts[k] = (len(line), line.count("|") + line.count("｜"))
        return self.facts[k]


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
        self,
        *,
        families: list[str] | None = None,
        signals: Sequence[str | Signal] = DEFAULT_SIGNALS,
        window: WindowConfig | None = None,
        config: AutoConfig | None = None,
    ) -> None:
        self.config = config or AutoConfig()
        self.contextual = ContextualDetector(signals, window=window)
        self.lexicon = LexiconDetector.from_families(
            families or GENERAL_FAMILIES, name="auto.lexicon"
        )
        #: family -> the detector name its confirmed hits carry
        self._names = {f: f"auto.lexicon.{f}" for f in families or GENERAL_FAMILIES}

    def _confirmed(self, window: Window, hit: LexiconMatch, page: _Page) -> bool:
        """Whether the context shows the hit was injected (see the module docstring)."""
        start, end = hit.start, hit.end
        raw = window.raw
        if page.context.touches(start, end):  # the cheapest tests first
            return True
        if raw[start - 1 : start] in DECORATIONS or raw[end : end + 1] in DECORATIONS:
            return True
        length, pipes = page.line_facts(start)
        cfg = self.config
        if length <= (end - start) + cfg.keyword_line_slack or pipes >= cfg.keyword_list_pipes:
            return True
        if window.joins(start, end):  # removing it joins a word or a number
            return True
        other, own = window.minority(start, end)
        return other >= cfg.other_script_chars and own == 0

    def _analyse(
        self, texts: Sequence[str]
    ) -> list[tuple[list[Found], list[LexiconMatch], list[bool]]]:
        """For each text: contextual spans (merged), lexicon hits, and whether its context
        confirms each hit, window by window on the contextual detector's own views."""
        results: list[tuple[list[Candidate], list[LexiconMatch], list[bool]]] = [
            ([], [], []) for _ in texts
        ]
        reach = self.lexicon.longest + TAIL_REACH  # a term that starts in a window may end later
        windows = self.contextual.analyse(texts)
        # the lexicon matches many windows at once (up to BATCH_CHARS characters: bounded arrays)
        for group in batched(windows, BATCH_CHARS, size=lambda w: w[2].n):
            scans = [
                window.raw
                if offset + window.n >= len(texts[k])
                else texts[k][offset : offset + window.n + reach]
                for k, offset, window, _found in group
            ]
            for (k, offset, window, found), matches in zip(
                group, self.lexicon.matches_many(scans), strict=True
            ):
                candidates, hits, confirmed = results[k]
                page = _Page(window, found)
                taken = hits[-1].end if hits else 0  # up to where the last window's hits reach
                for hit in matches:
                    if hit.start >= window.n:
                        break  # it starts in the next window, which finds it
                    if offset + hit.start < taken:
                        continue  # inside a hit that started in the last window
                    moved = (
                        LexiconMatch(hit.start + offset, hit.end + offset, hit.family)
                        if offset
                        else hit
                    )
                    hits.append(moved)
                    local = (
                        hit
                        if hit.end <= window.n
                        else LexiconMatch(hit.start, window.n, hit.family)
                    )
                    confirmed.append(self._confirmed(window, local, page))
                candidates.extend(c.moved(offset) for c in found)
        return [(self.contextual.found(c), hits, confirmed) for c, hits, confirmed in results]

    def confirmed_hits(
        self, text: str, hits: list[LexiconMatch], confirmed: list[bool]
    ) -> list[Found]:
        """Lexicon hits confirmed by context (``confirmed``, one per hit), then every other hit
        of a confirmed string (SEO injection repeats its keywords at unrelated places)."""
        names = self._names
        if all(confirmed):  # every hit confirmed (or none found): no repeat to add
            return [(h.start, h.end, self.config.hit_score, names[h.family]) for h in hits]
        strings = [text[h.start : h.end] for h in hits]
        # a string confirmed once is found at least twice when another hit repeats it
        repeated = {t for t, ok in zip(strings, confirmed, strict=True) if ok}
        return [
            (h.start, h.end, self.config.hit_score, names[h.family])
            for h, t, ok in zip(hits, strings, confirmed, strict=True)
            if ok or t in repeated
        ]

    def __call__(self, text: str) -> list[SpamSpan]:
        return self._spans(text, *self._analyse([text])[0])

    def pipe(self, texts: Iterable[str], *, batch_size: int = 256) -> Iterator[list[SpamSpan]]:
        """The spans of each of ``texts``, in order, analysed ``batch_size`` texts at a time."""
        for batch in batched(texts, batch_size):
            for text, analysed in zip(batch, self._analyse(batch), strict=True):
                yield self._spans(text, *analysed)

    def _spans(
        self,
        text: str,
        context: list[Found],
        hits: list[LexiconMatch],
        confirmed: list[bool],
    ) -> list[SpamSpan]:
        brands: list[Found] = []
        if _BETTING_RE.search(text):
            score = self.config.brand_score
            brands = [(m.start(), m.end(), score, "auto.brand") for m in BRAND_RE.finditer(text)]
        found = [*context, *self.confirmed_hits(text, hits, confirmed), *brands]
        # the confirmed hits are among the hits: these three hold every spam character
        upper_bound = _length(context) + _length(hits) + _length(brands)
        found.extend(self._whole_page(text, hits, found, upper_bound))
        return build_spans(text, merge_found(found))

    def _whole_page(
        self, text: str, hits: list[LexiconMatch], found: list[Found], upper_bound: int
    ) -> list[Found]:
        """Every line of a page whose text is mostly spam (found spans, and lexicon hits on
        lines without sentence punctuation: a keyword dump, not a sentence about its subject;
        ``upper_bound``: at least as many characters as they hold together)."""
        content = len("".join(text.split()))
        share = self.config.page_spam_share
        if not content or upper_bound < share * content:  # the cheap test first
            return []
        listed = _in_lists(text, hits)
        marked = merge_found([*((h.start, h.end, 0.0, "") for h in listed), *found])
        if sum(len("".join(text[f[0] : f[1]].split())) for f in marked) < share * content:
            return []
        out: list[Found] = []
        for pos, line in lines(text):
            body = line.strip()
            if body:
                start = pos + line.index(body)
                out.append((start, start + len(body), self.config.page_score, "auto.page"))
        return out


#: what a sentence holds and a keyword list does not
SENTENCE_PUNCTUATION_RE = re.compile("[，。！？；、,!?;]")


def _in_lists(text: str, hits: list[LexiconMatch]) -> list[LexiconMatch]:
    """The hits on lines without sentence punctuation."""
    page = lines(text)
    starts = [pos for pos, _line in page]
    return [
        h
        for h in hits
        if not SENTENCE_PUNCTUATION_RE.search(page[bisect_right(starts, h.start) - 1][1])
    ]


def _length(spans: Iterable[Sequence[Any]]) -> int:
    """The characters of ``spans`` (tuples of start, end, ...) added up."""
    return int(sum(span[1] - span[0] for span in spans))


def make_auto_detector() -> AutoDetector:
    return AutoDetector()


detectors.register("auto", func=make_auto_detector)
