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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import numpy.typing as npt

from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.document.offsets import Coverage
from shanhai_nlp.resources import lexicon_families
from shanhai_nlp.spam.base import Found, batched, build_spans, detectors, merge_found
from shanhai_nlp.spam.contextual import ContextualDetector
from shanhai_nlp.spam.learned import LearnedDetector, SpamModel
from shanhai_nlp.spam.lexicon import LexiconDetector, LexiconMatch
from shanhai_nlp.spam.offtopic import (
    OffTopicConfig,
    PageTopic,
    covered_keyword,
    off_topic_evidence,
    sentence_tail,
    subject_words,
)
from shanhai_nlp.spam.repeats import repeated
from shanhai_nlp.spam.signals import DEFAULT_SIGNALS, Signal
from shanhai_nlp.spam.signals.splice.cores import inside_a_term
from shanhai_nlp.spam.window import (
    BATCH_CHARS,
    SENTENCE_PUNCTUATION_RE,
    Candidate,
    Window,
    WindowConfig,
    lines,
    resumed_extent,
)

_BETTING = "体育|體育|娱乐|娛樂|电竞|電競|棋牌|真人|彩票"
#: a Latin brand glued to a betting or casino suffix: <brand>体育平台, <brand>娱乐官网 …
BRAND_RE = re.compile(
    rf"[A-Za-z]{{2,8}}(?:{_BETTING})"
    r"(?:平台|平臺|官网|官網|app|APP|入口|网址|網址|下载|下載|注册|註冊|登录|登錄)?"
)
#: what every brand match holds (a text without it has none: the cheaper search first)
_BETTING_RE = re.compile(_BETTING)
#: families written from general knowledge (sugar_daddy holds the seed article's own tokens):
#: the ones the leave-one-family-out benchmark holds out in turn
GENERAL_FAMILIES = [f for f in lexicon_families() if f != "sugar_daddy"]
#: what auto reads by default: every shipped family (so its score on the seed article, whose
#: tokens sugar_daddy holds, is in-sample)
DEFAULT_FAMILIES = lexicon_families()
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
    mixed_share: float = 0.2  # ... on a page no more mixed than this (as script.v1 reads it)
    page_spam_share: float = 0.4  # share of a page's characters above which all of it is spam
    learned_line_share: float = 0.8  # a learned run counts when it holds this much of its line
    learned_reach: int = 2  # characters a learned run's edges may move to where text resumes
    learned_body_line: int = 20  # ... on sentence lines at least this long (the model is least
    # sure of titles and page furniture)
    hit_score: float = 0.8  # a hit whose removal joins its neighbours
    context_score: float = 0.9  # ... that touches what the contextual signals found
    decoration_score: float = 0.85  # ... wrapped in emoji or stars
    keyword_line_score: float = 0.85  # ... on a keyword line or in a | list
    other_script_score: float = 0.7  # ... written in the other script
    repeat_score: float = 0.6  # another occurrence of a confirmed string
    brand_score: float = 0.7
    page_score: float = 0.6


def _decorated(raw: str, start: int, end: int) -> bool:
    """Whether an emoji or a decoration touches ``raw[start:end]`` on either side."""
    return raw[start - 1 : start] in DECORATIONS or raw[end : end + 1] in DECORATIONS


def _wrapped(raw: str, start: int, end: int) -> bool:
    """Whether ``raw[start:end]`` starts and ends with an emoji or a decoration."""
    return raw[start] in DECORATIONS and raw[end - 1] in DECORATIONS


class _Analysed(NamedTuple):
    """What :meth:`AutoDetector._analyse` finds in one text (offsets into it)."""

    context: list[Found]  # the contextual signals' spans, merged
    hits: list[LexiconMatch]
    confirmed: list[float]  # the score of the context that confirms each hit (0: none)
    learned: list[Found]  # the learned model's runs with evidence besides the model
    off_topic: list[Found]  # hits confirmed on a page that does not write about spam


class _Page:
    """Look-ups over one window that every lexicon hit needs, computed once (a crawl may hold
    a single line of hundreds of megabytes)."""

    def __init__(self, window: Window, context: list[Candidate]) -> None:
        self.window = window
        self.facts: dict[int, tuple[int, int]] = {}
        #: where the candidates the contextual signals found lie
        self.context = Coverage((c.start, c.end) for c in context)

    def is_sentence(self, pos: int) -> bool:
        """Whether the line at ``pos`` holds sentence punctuation."""
        return bool(SENTENCE_PUNCTUATION_RE.search(self.window.line_at(pos)[1]))

    def ends_line(self, pos: int) -> bool:
        """Whether ``pos`` is where the line it is on ends (trailing space aside)."""
        start, line = self.window.line_at(max(pos - 1, 0))
        return start + len(line.rstrip()) == pos

    def line_body(self, pos: int) -> tuple[int, int]:
        """Where the text of the line at ``pos`` starts and ends (surrounding space aside)."""
        start, line = self.window.line_at(pos)
        body = line.strip()
        first = start + line.index(body) if body else start
        return first, first + len(body)

    def line_facts(self, pos: int) -> tuple[int, int]:
        """(length without surrounding space, number of | separators) of the line at ``pos``."""
        start, line = self.window.line_at(pos)
        if start not in self.facts:
            body = line.strip()
            self.facts[start] = (len(body), body.count("|") + body.count("｜"))
        return self.facts[start]


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
        learned: LearnedDetector | SpamModel | str | Path | None = None,
        use_learned: bool = True,
        extra_terms: Mapping[str, Sequence[str]] | None = None,
        line_end_families: Sequence[str] = (),
        off_topic: OffTopicConfig | None = None,
    ) -> None:
        self.config = config or AutoConfig()
        #: the weaker tests for hits on a page that does not write about spam
        self.off_topic = off_topic or OffTopicConfig()
        #: the learned detector (the installed model unless another is given), or None
        self.learned = None
        if use_learned:
            self.learned = (
                learned if isinstance(learned, LearnedDetector) else LearnedDetector(learned)
            )
        self.contextual = ContextualDetector(signals, window=window)
        shipped = families or DEFAULT_FAMILIES
        extra = dict(extra_terms or {})
        self.lexicon = LexiconDetector.from_families(shipped, name="auto.lexicon", extra=extra)
        #: family -> the detector name its confirmed hits carry
        self._names = {f: f"auto.lexicon.{f}" for f in [*shipped, *extra]}
        #: family -> the words a page about its subject writes (see PageTopic)
        zipf = self.off_topic.topic_zipf
        self._subjects = {
            family: subject_words(forms, zipf)
            for family, forms in self.lexicon.family_forms().items()
        }
        #: families whose hits a line's end confirms too (a mined vocabulary: the crawl showed
        #: its strings glued to titles)
        self.line_end_families = frozenset(line_end_families)

    def _confirmed(self, window: Window, hit: LexiconMatch, page: _Page) -> float:
        """The score of the strongest context that shows the hit was injected (see the module
        docstring and :class:`AutoConfig`), 0.0 when none does."""
        start, end = hit.start, hit.end
        raw = window.raw
        cfg = self.config
        if page.context.touches(start, end):  # the cheapest tests first
            return cfg.context_score
        if _decorated(raw, start, end):
            return cfg.decoration_score
        length, pipes = page.line_facts(start)
        if length <= (end - start) + cfg.keyword_line_slack or pipes >= cfg.keyword_list_pipes:
            return cfg.keyword_line_score
        if window.joins(start, end):  # removing it joins a word or a number
            return cfg.hit_score
        if hit.family in self.line_end_families and page.ends_line(end):
            return cfg.hit_score
        other, own = window.minority(start, end)
        if other < cfg.other_script_chars or own:
            return 0.0
        one_script = window.mixed_share(start, end) <= cfg.mixed_share  # evidence only then
        return cfg.other_script_score if one_script else 0.0

    def _topic(
        self, window: Window, hits: list[LexiconMatch], suspects: Sequence[tuple[int, int]] = ()
    ) -> PageTopic:
        """What the window writes about (:class:`~shanhai_nlp.spam.offtopic.PageTopic`)."""
        zipf = self.off_topic.topic_zipf
        return PageTopic(window, hits, self._subjects, topic_zipf=zipf, suspects=suspects)

    def _on_topic(
        self, topic: PageTopic, hits: list[LexiconMatch], confirmed: list[float]
    ) -> list[float]:
        """``confirmed`` without the hits only a junction confirms on a page that writes
        about their subject: 以棋牌游戏为 on a page about card-game gambling joins 以为 by
        chance."""
        junction = self.config.hit_score
        return [
            0.0
            if score == junction and topic.writes_about(hit.start, hit.end, hit.family)
            else score
            for hit, score in zip(hits, confirmed, strict=True)
        ]

    @staticmethod
    def _about(topic: PageTopic, hits: list[LexiconMatch], start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a hit whose subject the page writes about."""
        return any(
            h.start < end and start < h.end and topic.writes_about(h.start, h.end, h.family)
            for h in hits
        )

    def _analyse(self, texts: Sequence[str]) -> list[_Analysed]:
        """For each text: contextual spans (merged), lexicon hits, whether its context confirms
        each hit, and the learned model's confirmed runs, window by window on the contextual
        detector's own views."""
        results = [_Analysed([], [], [], [], []) for _ in texts]
        candidates: list[list[Candidate]] = [[] for _ in texts]
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
            learned: list[npt.NDArray[np.float32] | None] = [None] * len(group)
            if self.learned is not None:
                learned = [
                    *self.learned.model.probabilities_many([w.raw for _k, _o, w, _f in group])
                ]
            for (k, offset, window, found), matches, probs in zip(
                group, self.lexicon.matches_many(scans), learned, strict=True
            ):
                result = results[k]
                page = _Page(window, found)
                taken = result.hits[-1].end if result.hits else 0  # the last window's hits
                local_hits: list[LexiconMatch] = []
                local_confirmed: list[float] = []
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
                    result.hits.append(moved)
                    local = (
                        hit
                        if hit.end <= window.n
                        else LexiconMatch(hit.start, window.n, hit.family)
                    )
                    local_hits.append(local)
                    local_confirmed.append(self._confirmed(window, local, page))
                if local_hits:
                    topic = self._topic(window, local_hits)
                    if not all(local_confirmed):
                        local_confirmed = self._on_topic(topic, local_hits, local_confirmed)
                    result.off_topic.extend(
                        (start + offset, end + offset, score, name)
                        for start, end, score, name in off_topic_evidence(
                            window, local_hits, local_confirmed, topic, self.off_topic
                        )
                    )
                result.confirmed.extend(local_confirmed)
                if probs is not None:
                    runs = self._learned_runs(window, probs, page, local_hits)
                    result.learned.extend((s + offset, e + offset, p, n) for s, e, p, n in runs)
                candidates[k].extend(c.moved(offset) for c in found)
        for result, found in zip(results, candidates, strict=True):
            result.context.extend(self.contextual.found(found))
        return results

    def _learned_runs(
        self,
        window: Window,
        probs: npt.NDArray[np.float32],
        page: _Page,
        hits: list[LexiconMatch],
    ) -> list[Found]:
        """The learned model's runs with injection evidence besides the model
        (:meth:`_run_extent`), at the extent that evidence gives. A run over a hit whose
        subject the page writes about is the page's own, and a run over one keyword of a list
        counts only when the model flags another keyword of that list too (one is page
        furniture: 首页 新闻中心 联系我们). Then the other places the window repeats a found
        string, where the model leans injected too (:func:`~.repeats.repeated`: a token that
        replaced a character leaves no junction)."""
        assert self.learned is not None
        runs = self.learned.runs(probs)
        if not runs:
            return []
        topic = self._topic(window, hits, [(start, end) for start, end, _score in runs])
        title = next((page.line_body(p)[0] for p, line in window.lines if line.strip()), -1)
        out = []
        items: dict[int, dict[tuple[int, int], float]] = {}  # line -> its keywords' runs
        for start, end, score in runs:
            if hits and self._about(topic, hits, start, end):
                continue
            found = self._run_extent(window, page, topic, title, start, end)
            if found is None:
                continue
            kind, extent = found
            if kind == "junction" and inside_a_term(window, start, end):
                continue
            if kind == "keyword":
                items.setdefault(window.line_at(start)[0], {})[extent] = score
            else:
                out.append((*extent, score))
        out.extend(
            (*item, score)
            for line in items.values()
            if len(line) >= 2
            for item, score in line.items()
        )
        extents = [(start, end) for start, end, _score in out]
        repeats = repeated(window.raw, extents, probs, score=self.config.repeat_score)
        return [*((start, end, score, "auto.learned") for start, end, score in out), *repeats]

    def _run_extent(
        self, window: Window, page: _Page, topic: PageTopic, title: int, start: int, end: int
    ) -> tuple[str, tuple[int, int]] | None:
        """What shows a learned run ``[start, end)`` injected, and the extent it gives: most of
        its line (a keyword line, a brand on a line of its own: the whole line; not a title
        whose words the article takes up), emoji around it (🔥), most of a keyword of a list
        line (``keyword``: the caller wants a second), a place after the line's last sentence
        (to the line's end), or, on a sentence line, an extent near the run whose removal
        joins its neighbours (:func:`resumed_extent`); None when nothing does."""
        raw = window.raw
        line_start, line = window.line_at(start)
        length, _pipes = page.line_facts(start)
        if (
            length
            and len("".join(raw[start:end].split())) >= self.config.learned_line_share * length
        ):
            body = page.line_body(start)
            if body[0] == title and topic.writes_about(start, end):
                return None  # a title whose words the article takes up is the article's
            return "line", body
        if not DECORATIONS.isdisjoint(raw[start:end]):
            inner = raw[start + 1 : end - 1]
            if _wrapped(raw, start, end) and inner and DECORATIONS.isdisjoint(inner):
                return "emoji", (start, end)  # the model saw the emoji around a keyword
            return None  # other emoji in it are the emoji signal's
        if _decorated(raw, start, end):  # wrapped in emoji or stars
            return "emoji", (start, end)
        item = covered_keyword(line_start, line, start, end, self.off_topic)
        if item is not None:
            return "keyword", item
        tail = sentence_tail(line_start, line, start, end)
        if tail is not None:  # glued after the line's last sentence (…原因。申博太陽城)
            return "tail", tail
        if length < self.config.learned_body_line or not page.is_sentence(start):
            return None
        extent = resumed_extent(window, start, end, reach=self.config.learned_reach)
        return None if extent is None else ("junction", extent)

    def confirmed_hits(
        self, text: str, hits: list[LexiconMatch], confirmed: list[float]
    ) -> list[Found]:
        """Lexicon hits confirmed by context (``confirmed``: the score of the context that
        confirms each hit, 0 for none), then every other hit of a confirmed string (SEO
        injection repeats its keywords at unrelated places)."""
        names = self._names
        if all(confirmed):  # every hit confirmed (or none found): no repeat to add
            pairs = zip(hits, confirmed, strict=True)
            return [(h.start, h.end, score, names[h.family]) for h, score in pairs]
        strings = [text[h.start : h.end] for h in hits]
        # a string confirmed once is found at least twice when another hit repeats it
        repeated = {t for t, score in zip(strings, confirmed, strict=True) if score}
        return [
            (h.start, h.end, score or self.config.repeat_score, names[h.family])
            for h, t, score in zip(hits, strings, confirmed, strict=True)
            if score or t in repeated
        ]

    def __call__(self, text: str) -> list[SpamSpan]:
        return self._spans(text, self._analyse([text])[0])

    def pipe(self, texts: Iterable[str], *, batch_size: int = 256) -> Iterator[list[SpamSpan]]:
        """The spans of each of ``texts``, in order, analysed ``batch_size`` texts at a time."""
        for batch in batched(texts, batch_size):
            for text, analysed in zip(batch, self._analyse(batch), strict=True):
                yield self._spans(text, analysed)

    def _spans(self, text: str, analysed: _Analysed) -> list[SpamSpan]:
        context, hits, learned = analysed.context, analysed.hits, analysed.learned
        brands: list[Found] = []
        if _BETTING_RE.search(text):
            score = self.config.brand_score
            brands = [(m.start(), m.end(), score, "auto.brand") for m in BRAND_RE.finditer(text)]
        off_topic = analysed.off_topic
        found = [
            *context,
            *self.confirmed_hits(text, hits, analysed.confirmed),
            *brands,
            *learned,
            *off_topic,
        ]
        # the confirmed hits are among the hits: these hold every spam character
        upper_bound = sum(_length(spans) for spans in (context, hits, brands, learned, off_topic))
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
