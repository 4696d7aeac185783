"""The annotation guidelines' entity conventions, applied to LAC's words (see
``annotations/GUIDELINES.md``, section 4).

- LAC's PER, ORG and TIME become PERSON, ORG and DATE; a work's title (``nw``) WORK_OF_ART.
- A LAC place is GPE (an administrative unit) unless it names a region without an
  administration (a direction plus 部 or 地區, 沿海, 山區: LOC); a bare direction word
  (東部, 西部) is LOC too.
- Longest full name: places written one after the other are one GPE (上海市 + 松江區), and a
  place right before an organisation is part of its name (云南省昭通市 + 農業農村局).
- Time words (LAC's ``t``: 去年, 近日) and relative periods (這些年, 前些年, 多年) are DATE,
  except the deictic "now" words (如今, 目前, 現在), which the guidelines leave out.
- Titles and roles stay outside PERSON (曹醫生 → 曹); 我國 is GPE; two provinces' one-character
  abbreviations together are two GPEs (滬滇 → 滬, 滇); a direction with 沿海 or 地區 is one LOC
  (東南沿海, 西部地區, 沿海地區).
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Word(NamedTuple):
    start: int
    end: int
    tag: str


#: a region without an administration (Simplified, as LAC reads it)
REGION_RE = re.compile(r"^(东|西|南|北|中|东南|西南|东北|西北)?(部|部地区|地区)$|沿海|山区")
#: direction words that are regions of their own
DIRECTIONS = frozenset({"东部", "西部", "南部", "北部", "中部"})
#: deictic "now" words the guidelines do not tag
NOW_WORDS = frozenset({"如今", "目前", "现在", "当前", "眼下", "此时", "当下"})

_LABELS = {"PER": "PERSON", "ORG": "ORG", "TIME": "DATE", "nw": "WORK_OF_ART"}


def _label(simple: str, word: Word) -> str | None:
    text = simple[word.start : word.end]
    if word.tag == "LOC":
        return "LOC" if REGION_RE.search(text) else "GPE"
    if word.tag == "f" and text in DIRECTIONS:
        return "LOC"
    if word.tag == "t":
        return None if text in NOW_WORDS else "DATE"
    if word.tag == "TIME" and text in NOW_WORDS:
        return None
    return _LABELS.get(word.tag)


#: relative periods the guidelines tag as DATE
RELATIVE_PERIOD_RE = re.compile("前些年|这些年|那些年|近些年|这几年|前几年|近几年|多年")
#: a direction with 沿海 or 地区: one region (LOC)
REGION_PHRASE_RE = re.compile(
    "(?:东南|西南|东北|西北|东部|西部|南部|北部|中部)(?:沿海|地区)|沿海地区"
)
#: titles and roles after a name, left out of PERSON
TITLE_RE = re.compile(
    "(?:医生|大夫|博士|教授|老师|先生|女士|书记|局长|县长|市长|省长|主任|院长|校长|经理|记者|总统)$"
)
#: the one-character abbreviations of the provinces and regions
PROVINCE_ABBREVIATIONS = frozenset(
    "京津沪渝冀豫云滇辽黑湘皖鲁新苏浙赣鄂桂甘陇晋蒙陕吉闽贵黔粤青藏川蜀宁琼港澳台"
)
#: words the guidelines always tag
FIXED = {"我国": "GPE"}


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int, str]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e, _l in spans)


def _phrases(simple: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Relative periods, region phrases and fixed words, in place of what they overlap."""
    out = list(found)
    for pattern, label in ((RELATIVE_PERIOD_RE, "DATE"), (REGION_PHRASE_RE, "LOC")):
        for m in pattern.finditer(simple):
            span = (m.start(), m.end())
            out = [e for e in out if not (e[0] < span[1] and span[0] < e[1])]
            out.append((*span, label))
    for word, label in FIXED.items():
        for m in re.finditer(word, simple):
            if not _overlaps((m.start(), m.end()), out):
                out.append((m.start(), m.end(), label))
    return sorted(out)


def _tidy(simple: str, start: int, end: int, label: str) -> list[tuple[int, int, str]]:
    """A title cut off a PERSON; two province abbreviations split into two GPEs."""
    text = simple[start:end]
    if label == "PERSON" and (m := TITLE_RE.search(text)) and m.start() > 0:
        return [(start, start + m.start(), label)]
    if label == "GPE" and len(text) == 2 and set(text) <= PROVINCE_ABBREVIATIONS:
        return [(start, start + 1, label), (start + 1, end, label)]
    return [(start, end, label)]


def apply_conventions(simple: str, words: list[Word]) -> list[tuple[int, int, str]]:
    """Entities (start, end, label) from LAC's ``words`` of the Simplified text ``simple``."""
    labelled = [(w.start, w.end, label) for w in words if (label := _label(simple, w))]
    merged: list[tuple[int, int, str]] = []
    for start, end, label in labelled:
        if merged and merged[-1][1] == start:
            p_start, _p_end, p_label = merged[-1]
            if p_label == "GPE" and label in ("GPE", "ORG"):  # 上海市+松江區, 昭通市+農業農村局
                merged[-1] = (p_start, end, label)
                continue
        merged.append((start, end, label))
    tidy = [piece for entity in merged for piece in _tidy(simple, *entity)]
    return _phrases(simple, tidy)
