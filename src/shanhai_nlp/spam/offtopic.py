"""Lexicon hits on a page that does not write about spam.

A page about a gambling raid uses gambling words in its sentences, again and again; an
injected page holds one keyword string, glued to its title, spliced into a word with a phrase
after it, or among a line of keywords. So where no *other* line of the window holds an
unconfirmed lexicon hit and no other line writes a word of the hit's subject
(:class:`PageTopic`), a hit that the stricter tests of
:class:`~shanhai_nlp.spam.auto.AutoDetector` left unconfirmed counts on weaker evidence, each
judged from the text's form and the word statistics, not from a list:

- **title glue**: it ends or starts a line that is not a sentence (a title, a heading), or is
  set off there by a separator (``标题_品牌``); the separator goes with it;
- **keyword list**: it is one item of a line of short items separated by spaces, ``|``, ``/``
  or ``、`` with no sentence in it, and the line holds another hit or five keywords at least
  (a title in parts is no list); every keyword of the line goes (for hits the stricter tests
  confirm too, when the line holds two: the other keywords are what no lexicon knows);
- **clause start**: on a line with sentence punctuation, it starts the line or a clause
  (副書記、|台灣包養網|市長), and is no word or pair of words of the word list (小额贷款平台 is
  a story's words; 台湾包养网 is coined): an injection at a boundary, where no junction shows;
- **spliced phrase**: on such a line, the hit, no everyday phrase (网站建设), and the letters
  after it, up to where the article resumes: removing the stretch joins its two neighbours
  into a word (市|…|長).

The other way round, :class:`PageTopic` tells ``auto`` that a junction alone proves nothing on a
page that writes about the hit's subject; :func:`covered_keyword` and :func:`sentence_tail` judge
the learned model's runs by the same forms.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from shanhai_nlp.spam.base import Found
from shanhai_nlp.spam.lexicon import LexiconMatch
from shanhai_nlp.spam.window import SENTENCE_PUNCTUATION_RE, Window, blanked
from shanhai_nlp.text.script import simplify_chars
from shanhai_nlp.text.words import MIN_ZIPF, rare_words

#: what sets a title's parts apart (标题_站名, 标题 - 站名, 标题|站名)
TITLE_SEPARATORS = " \t\u3000_-—–|｜·•:："
#: what ends a sentence, and no title
TITLE_ENDS_RE = re.compile("[。！？!?]")
#: what ends a sentence, after which a paragraph's line ends
SENTENCE_ENDS = frozenset("。！？!?")
#: a word at least this common is an everyday one (Zipf: 30 times per million words)
COMMON_ZIPF = 4.5
#: what a clause starts after
CLAUSE_MARKS = frozenset("。！？!?，,；;：:、」』”）)")
#: characters a glued tail may leave between its end and the line's
TAIL_SLACK = 1
#: sentence punctuation that no keyword line holds (``、`` may separate its items)
_SENTENCE_RE = re.compile("[，。！？；,!?;]")
#: an item of a keyword line: what lies between separators
_ITEM_RE = re.compile(r"[^\s|｜/、]+")
#: letters a spliced phrase is made of: CJK ideographs, Latin letters and digits
_PHRASE_CHAR_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9]")


@dataclass(frozen=True, slots=True)
class OffTopicConfig:
    """How far the weaker tests look, and the scores they give."""

    title_slack: int = 4  # a non-sentence line at most this longer than the hit is a keyword
    # line (the stricter tests' business), not a title
    title_length: int = 60  # characters of a title at most
    list_items: int = 3  # items a keyword line holds at least
    list_item_length: int = 12  # characters of its longest item at most
    list_alone: int = 5  # keywords of a list with one lexicon hit
    list_hit_share: float = 0.7  # of its keyword a hit covers at least
    topic_zipf: float = 4.5  # a word of a hit at most this common, seen on another line,
    # shows the page writes about the hit's subject (博彩 of 澳门博彩)
    phrase_reach: int = 24  # letters after a hit a spliced phrase may run on
    title_score: float = 0.7
    list_score: float = 0.75
    phrase_score: float = 0.7
    clause_score: float = 0.6


def subject_words(forms: Iterable[str], topic_zipf: float) -> set[str]:
    """The two-character words (Simplified) that at least two of a family's terms hold and that
    are no more common than ``topic_zipf`` (:func:`~shanhai_nlp.text.words.rare_words`): what a
    page about the family's subject writes (赌场, 博彩; not 网站).

    Example:
        >>> sorted(subject_words(["網上賭場", "賭場網站", "博彩網站"], 4.5))
        ['赌场']
    """
    holders: dict[str, set[str]] = {}
    for form in forms:
        simple = simplify_chars(form)
        for word in rare_words(simple, topic_zipf):
            holders.setdefault(word, set()).add(simple)
    return {word for word, terms in holders.items() if len(terms) >= 2}


class PageTopic:
    """Whether a window writes about the subject of a stretch (a lexicon hit, a run of the
    learned model): another of its lines, outside every hit and every stretch under
    suspicion, holds a two-character word of the stretch no more common than
    :attr:`OffTopicConfig.topic_zipf` (博彩 of 澳门博彩; not 网站 or 平台), or a subject word of the
    hit's family (:func:`subject_words`: 赌博 on a page whose hit is 棋牌游戏).

    Hits themselves show no subject here: a page injected at thirty places holds thirty hits.
    """

    def __init__(
        self,
        window: Window,
        hits: Sequence[LexiconMatch],
        subjects: Mapping[str, set[str]],
        *,
        topic_zipf: float,
        suspects: Sequence[tuple[int, int]] = (),
    ) -> None:
        self.window = window
        self.topic_zipf = topic_zipf
        self.subjects = subjects
        #: the Simplified view with every hit and suspect blanked out (a repeated injection is
        #: no subject)
        self.masked = blanked(window.s, [*((h.start, h.end) for h in hits), *suspects])
        self._counts: dict[str, int] = {}  # word -> its occurrences in the masked view

    def _count(self, word: str) -> int:
        if word not in self._counts:
            self._counts[word] = self.masked.count(word)
        return self._counts[word]

    def writes_about(self, start: int, end: int, family: str | None = None) -> bool:
        """Whether the window writes about the subject of ``[start, end)`` (a hit of
        ``family``, or a stretch of no family)."""
        line_start, line = self.window.line_at(start)
        own = self.masked[line_start : line_start + len(line)]
        words = rare_words(self.window.s[start:end], self.topic_zipf)
        if family is not None:
            words |= self.subjects.get(family, set())
        return any(self._count(word) > own.count(word) for word in words)


def lines_with_hits(
    hits: Sequence[LexiconMatch], confirmed: Sequence[float], window: Window
) -> set[int]:
    """The starts of the lines that hold an unconfirmed hit (where the page mentions a spam
    subject without a sign of injection)."""
    return {
        window.line_at(hit.start)[0]
        for hit, score in zip(hits, confirmed, strict=True)
        if not score
    }


def off_topic_evidence(
    window: Window,
    hits: Sequence[LexiconMatch],
    confirmed: Sequence[float],
    topic: PageTopic,
    config: OffTopicConfig = OffTopicConfig(),
) -> list[Found]:
    """Spans for the unconfirmed ``hits`` (window offsets; ``confirmed``: the stricter tests'
    scores, 0 for none) that the weaker tests of the module docstring confirm, and the keyword
    lines of any hit (the list's other keywords go with it), on lines the
    page does not show to be about a spam subject: no other line holds an unconfirmed hit, and
    ``topic`` finds no subject word on other lines.

    Example:
        >>> from shanhai_nlp.spam.window import SENTENCE_PUNCTUATION_RE, WindowConfig, build_windows
        >>> text = "全市新增就業穩步增長_百家樂\\n記者從市人社局了解到,今年新增就業八萬人。"
        >>> window = build_windows([text], WindowConfig()).windows[0]
        >>> hits = [LexiconMatch(11, 14, "gambling")]
        >>> topic = PageTopic(window, hits, {}, topic_zipf=4.5)
        >>> found = off_topic_evidence(window, hits, [0.0], topic)
        >>> [text[s:e] for s, e, _score, _name in found]
        ['_百家樂']
    """
    about = lines_with_hits(hits, confirmed, window)
    per_line = Counter(window.line_at(hit.start)[0] for hit in hits)
    out: list[Found] = []
    for hit, score in zip(hits, confirmed, strict=True):
        start, line = window.line_at(hit.start)
        if about - {start} or topic.writes_about(hit.start, hit.end, hit.family):
            continue  # the page writes about a spam subject
        items = keyword_list(start, line, hit, per_line[start], config)
        if items and (not score or per_line[start] >= 2):
            # a confirmed hit's list too, when it holds another: what no lexicon knows goes
            name = f"auto.offtopic.list.{hit.family}"
            out.extend((a, b, config.list_score, name) for a, b in items)
            continue
        if score:
            continue
        glued = title_glue(start, line, hit, config) if is_title(line, config) else None
        if glued is not None:
            out.append((*glued, config.title_score, f"auto.offtopic.title.{hit.family}"))
            continue
        if not SENTENCE_PUNCTUATION_RE.search(line):
            continue  # a title is telegraphic: a join across it is no evidence
        if _starts_clause(line, hit.start - start):
            if ordinary(window, hit, MIN_ZIPF):
                continue  # words a story writes, not a coined token
            out.append(
                (hit.start, hit.end, config.clause_score, f"auto.offtopic.clause.{hit.family}")
            )
            continue
        if ordinary(window, hit, COMMON_ZIPF):
            continue  # an everyday phrase: a join after it is no evidence
        extent = spliced_phrase(window, hit, config.phrase_reach)
        if extent is not None:
            out.append((*extent, config.phrase_score, f"auto.offtopic.phrase.{hit.family}"))
    return out


def ordinary(window: Window, hit: LexiconMatch, zipf: float) -> bool:
    """Whether the hit is a word at least ``zipf`` common, or two such words: with ``zipf`` at
    :data:`COMMON_ZIPF`, an everyday phrase (网站建设); with it at the table's floor, any
    words at all (小额贷款平台, 六合彩开奖: a story's words, unlike the coined 台湾包养网).

    Example:
        >>> from shanhai_nlp.spam.window import WindowConfig, build_windows
        >>> window = build_windows(["台灣包養網 網站建設"], WindowConfig()).windows[0]
        >>> ordinary(window, LexiconMatch(0, 5, "sugar_daddy"), MIN_ZIPF)
        False
        >>> ordinary(window, LexiconMatch(6, 10, "seo"), COMMON_ZIPF)
        True
    """
    simple, table = window.s[hit.start : hit.end], window.table
    if table.get(simple, 0.0) >= zipf:
        return True
    return any(
        min(table.get(simple[:k], 0.0), table.get(simple[k:], 0.0)) >= zipf
        for k in range(1, len(simple))
    )


def _starts_clause(line: str, k: int) -> bool:
    """Whether ``line[k]`` starts the line or a clause (after punctuation or a space)."""
    before = line[:k].rstrip()
    return not before or before[-1] in CLAUSE_MARKS


def sentence_tail(line_start: int, line: str, start: int, end: int) -> tuple[int, int] | None:
    """``[start, line end)`` when ``[start, end)`` follows the line's last sentence end and
    runs, give or take :data:`TAIL_SLACK` characters, to the line's end: a string glued after
    a paragraph (…原因。申博太陽城); None otherwise.

    Example:
        >>> line = "列出可能的值，指出原因。申博太陽城"
        >>> sentence_tail(0, line, 12, 17)
        (12, 17)
        >>> sentence_tail(0, line, 5, 8) is None
        True
    """
    body_end = line_start + len(line.rstrip())
    before = line[: start - line_start].rstrip()
    if not before or before[-1] not in SENTENCE_ENDS or end > body_end:
        return None
    if body_end - end > TAIL_SLACK or _SENTENCE_RE.search(line, end - line_start):
        return None
    return (start, body_end)


def is_title(line: str, config: OffTopicConfig) -> bool:
    """Whether ``line`` reads as a title or a heading: short, and ending no sentence."""
    body = line.strip()
    return len(body) <= config.title_length and not TITLE_ENDS_RE.search(body)


def title_glue(
    line_start: int, line: str, hit: LexiconMatch, config: OffTopicConfig
) -> tuple[int, int] | None:
    """The hit with the separators that set it off, when it ends or starts its line (a
    title's last or first part), or sits between separators; None otherwise.

    Example:
        >>> title_glue(0, "全省糧食豐收 百家樂", LexiconMatch(7, 10, "gambling"), OffTopicConfig())
        (6, 10)
    """
    body = line.strip()
    if len(body) <= (hit.end - hit.start) + config.title_slack:
        return None  # a keyword line: the stricter tests judge it
    lo = line_start + len(line) - len(line.lstrip())
    hi = line_start + len(line.rstrip())
    start, end = hit.start, hit.end
    while start > lo and line[start - 1 - line_start] in TITLE_SEPARATORS:
        start -= 1
    while end < hi and line[end - line_start] in TITLE_SEPARATORS:
        end += 1
    if end == hi:  # the title's last part
        return (start, hit.end)
    if start == lo:  # its first part
        return (hit.start, end)
    if start < hit.start and end > hit.end:  # a part between separators
        return (start, hit.end)
    return None


def list_items(line_start: int, line: str, config: OffTopicConfig) -> list[tuple[int, int]]:
    """The keywords of the line (offsets) when it is a list of short items separated by
    spaces, ``|``, ``/`` or ``、`` with no sentence in it, each of two characters at least
    (``足彩 体育投注 棋牌下载``; not ``在 模式 中``); none otherwise. A first item longer than
    all the others by more than :attr:`OffTopicConfig.list_item_length` / 3 is the title the
    list was glued to, and stays.

    Example:
        >>> line = "全市城鎮新增就業穩步增長 足彩推薦 棋牌下載"
        >>> [line[s:e] for s, e in list_items(0, line, OffTopicConfig())]
        ['足彩推薦', '棋牌下載']
    """
    if _SENTENCE_RE.search(line):
        return []
    items = [(m.start(), m.end()) for m in _ITEM_RE.finditer(line)]
    if len(items) < config.list_items:
        return []
    lengths = [end - start for start, end in items]
    if max(lengths[1:]) > config.list_item_length or min(lengths) < 2:
        return []  # a long item is prose; a one-character one a word of a spaced sentence
    if lengths[0] > max(lengths[1:]) + config.list_item_length // 3:
        items = items[1:]  # the title the keywords were glued to
    elif lengths[0] > config.list_item_length:
        return []
    return [(line_start + start, line_start + end) for start, end in items]


def covered_keyword(
    line_start: int, line: str, start: int, end: int, config: OffTopicConfig
) -> tuple[int, int] | None:
    """The keyword of a list line (:func:`list_items`) of which ``[start, end)`` covers at least
    half, None for none (what a learned run over a keyword takes)."""
    for a, b in list_items(line_start, line, config):
        if 2 * (min(b, end) - max(a, start)) >= b - a:
            return (a, b)
    return None


def keyword_list(
    line_start: int, line: str, hit: LexiconMatch, hits: int, config: OffTopicConfig
) -> list[tuple[int, int]]:
    """The keywords of the line (:func:`list_items`) when the hit is most of one of them and
    the line is a list rather than a title in parts (标题 副标题 品牌): ``hits`` (the lexicon
    hits on the line) at least two, or :attr:`OffTopicConfig.list_alone` keywords at least; none
    otherwise."""
    items = list_items(line_start, line, config)
    own = [(a, b) for a, b in items if a <= hit.start and hit.end <= b]
    if not own or (hit.end - hit.start) < config.list_hit_share * (own[0][1] - own[0][0]):
        return []  # not one of its keywords, or inside a longer item (保留所有…权利)
    return items if hits >= 2 or len(items) >= config.list_alone else []


def spliced_phrase(window: Window, hit: LexiconMatch, reach: int) -> tuple[int, int] | None:
    """The hit widened over the letters after it to the first place where removing the
    stretch joins its neighbours into a word (:meth:`Window.joins`), within ``reach``
    letters; None when there is none. The hit's own left edge must split no word."""
    if window.bigram_zipf(hit.start) >= window.config.join_zipf:
        return None  # the hit's first character goes with the one before it: no splice
    raw = window.raw
    end = hit.end
    limit = min(window.n, hit.end + reach)
    while end < limit and _PHRASE_CHAR_RE.match(raw[end]):
        end += 1
        if window.joins(hit.start, end):
            return (hit.start, end)
    return None
