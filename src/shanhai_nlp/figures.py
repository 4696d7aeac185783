"""Figures: numeric quantities with their value in base units, unit and qualifier.

:func:`parse_number` is a pure parser for Arabic, Chinese and mixed numerals (三千五百, 兩萬,
1萬7000, 8億3,000萬, 一點二億, 二‧二五, 一九○). :func:`extract_figures` finds figures with the
patterns of :mod:`shanhai_nlp.resources.figures`, in either script; dates, times, ordinals and
phone numbers are not figures. :func:`figures_of_document` runs on the repaired text and reports
raw offsets, so 3包養.77億元 is one figure worth 377000000.0.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from shanhai_nlp.document.model import Document, Figure, SpamSpan, clean_view
from shanhai_nlp.resources.figures import (
    ADDRESS_RE,
    ADMIN_UNITS,
    BIG_UNITS,
    DECIMAL_POINTS,
    DIGITS,
    FIGURE_RE,
    INDEFINITE,
    LONE_FINANCIAL,
    QUALIFIERS_AFTER,
    QUALIFIERS_BEFORE,
    SMALL_UNITS,
)
from shanhai_nlp.scoring import prf

_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_ARABIC_RE = re.compile(r"[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?")
#: a month after a year makes it a date (三年5月, 二年正月: lunar months 正月, 冬月, 臘月 too)
_MONTH_AFTER_RE = re.compile(r"(?:[0-9０-９一二三四五六七八九十]{1,2}|[正冬臘腊])月")
_DIGIT_CLASS = "".join(DIGITS)
_ADJACENT_RE = re.compile(
    rf"([{_DIGIT_CLASS}])([{_DIGIT_CLASS}])([{''.join(SMALL_UNITS)}{''.join(BIG_UNITS)}]+)"
)


#: a full-width comma that groups full-width digits (４，５６５)
_FULLWIDTH_GROUP_RE = re.compile(r"(?<=[０-９])，(?=[０-９]{3}(?![０-９]))")


def _tokens(expr: str) -> list[tuple[str, float]]:
    """Split a numeral into (kind, value) tokens: num, digit, small, big, point."""
    text = _FULLWIDTH_GROUP_RE.sub(",", expr).translate(_FULLWIDTH)
    out: list[tuple[str, float]] = []
    pos = 0
    while pos < len(text):
        match = _ARABIC_RE.match(text, pos)
        if match:
            out.append(("num", float(match.group().replace(",", ""))))
            pos = match.end()
            continue
        char = text[pos]
        if char in DIGITS:
            out.append(("digit", DIGITS[char]))
        elif char in SMALL_UNITS:
            out.append(("small", SMALL_UNITS[char]))
        elif char in BIG_UNITS:
            out.append(("big", BIG_UNITS[char]))
        elif char in DECIMAL_POINTS:
            out.append(("point", 0))
        else:
            raise ValueError(f"not a numeral character: {char!r} in {expr!r}")
        pos += 1
    return out


def parse_number(expr: str) -> float | None:
    """The value of a numeral, or None when it is not one.

    Example:
        >>> [parse_number(x) for x in ["三千五百", "兩萬", "1萬7000", "8億3,000萬", "一點二億"]]
        [3500.0, 20000.0, 17000.0, 830000000.0, 120000000.0]
        >>> [parse_number(x) for x in ["二‧二五", "一九○", "3.77億", "十五", "一百零八"]]
        [2.25, 190.0, 377000000.0, 15.0, 108.0]
        >>> [parse_number(x) for x in ["兩千四百五", "一萬三", "二百五", "四萬萬", "一千六點五"]]
        [2450.0, 13000.0, 250.0, 400000000.0, 1600.5]
    """
    try:
        tokens = _tokens(expr)
    except ValueError:
        return None
    if not tokens:
        return None
    total = section = 0.0
    current: float | None = None
    fraction: str | None = None  # digits after a decimal point, read one by one
    previous, previous_value = "", 0.0
    for kind, value in tokens:
        if kind == "point":
            decimal_before = previous == "num" and not float(previous_value).is_integer()
            if fraction is not None or decimal_before:  # a second decimal point: no numeral
                return None
            fraction = ""
        elif kind == "small" and previous == "small" and value >= previous_value:
            return None  # 七十百: a unit after one no larger, with no digit between
        elif kind in ("num", "digit") and fraction is not None:
            if not float(value).is_integer():  # a second decimal point (2222.2222.22): none
                return None
            fraction += str(int(value))
        elif kind == "num":
            current = value
        elif kind == "digit":  # digits in a row are read one by one (一九○ = 190)
            current = current * 10 + value if previous == "digit" and current is not None else value
        else:
            number = current if current is not None else (0.0 if section or total else 1.0)
            if fraction:
                number += float("0." + fraction)
                fraction = None
            if kind == "small":
                section += (number or 1.0) * value
            elif previous == "big" and current is None and not section:  # 四萬萬: 4 × 10^8
                total *= value
            elif total and total < value:  # a larger scale after a smaller one: 三萬億
                total = (total + section + number) * value
                section = 0.0
            else:
                total += (section + number) * value
                section = 0.0
            current = None
        previous, previous_value = kind, value
    last = current or 0.0
    whole = tokens[: next((k for k, t in enumerate(tokens) if t[0] == "point"), len(tokens))]
    if _shortened(whole):  # 兩千四百五 = 2450, 一萬三 = 13000: the digit counts in tenths
        last *= whole[-2][1] / 10
    if fraction:
        last += float("0." + fraction)
    return total + section + last


def _shortened(tokens: list[tuple[str, float]]) -> bool:
    """Whether a numeral ends, colloquially, in one digit right after a unit of a hundred or
    more (二百五 = 250, 三萬五 = 35000; 十五 = 15 and 一百零五 = 105 are not shortened)."""
    return (
        len(tokens) >= 2
        and tokens[-1][0] == "digit"
        and tokens[-2][0] in ("small", "big")
        and tokens[-2][1] >= 100
    )


@dataclass(frozen=True, slots=True)
class FigureMatch:
    """A figure found in a text (offsets into that text)."""

    start: int
    end: int
    text: str
    value: float
    unit: str
    qualifier: str
    low: float | None = None
    high: float | None = None


def _range_of_adjacent_digits(expr: str) -> tuple[float, float] | None:
    """四五千 → (4000, 5000); 三四十 → (30, 40): two consecutive digits before a unit."""
    match = _ADJACENT_RE.fullmatch(expr)
    if not match:
        return None
    a, b = DIGITS[match.group(1)], DIGITS[match.group(2)]
    if b != a + 1 or a == 0:
        return None
    scale = parse_number("一" + match.group(3)) or 1.0
    return a * scale, b * scale


#: reign and calendar eras before a year (民國107年, 雍正四年, 令和5年): a date, not a duration
ERA_RE = re.compile(
    "(?:民國|民国|光緒|光绪|宣統|宣统|康熙|雍正|乾隆|嘉慶|嘉庆|道光|咸豐|咸丰|同治|順治|顺治|"
    "洪武|永樂|永乐|萬曆|万历|崇禎|崇祯|明治|大正|昭和|平成|令和|(?:西元|公元)前?|紀元|纪元)$"
)


def _is_date(text: str, m: re.Match[str], value: float) -> bool:
    number = m.group("number")
    if m.group("measure") != "年":
        return False
    if ERA_RE.search(text, 0, m.start("number")):
        return True
    digits_only = number.translate(_FULLWIDTH)
    if re.fullmatch(r"[0-9]{4}", digits_only) and 1000 <= value <= 2200:
        return True
    if re.fullmatch(rf"[{_DIGIT_CLASS}]{{4}}", number):  # 二〇二五年
        return True
    return bool(_MONTH_AFTER_RE.match(text, m.end()))


def _skip(text: str, m: re.Match[str], value: float) -> bool:
    number = m.group("number")
    start = m.start("number")
    before = text[start - 1] if start else ""
    if before == "第" or (before.isascii() and before.isalpha()):  # ordinal, or part of a code
        return True
    unit = m.group("measure") or m.group("currency") or m.group("pct") or m.group("cheng")
    has_arabic = bool(re.search(r"[0-9０-９]", number))
    if not unit and not m.group("pct_word"):
        # a bare number counts only with an Arabic scale figure (3至5萬, 3.77億)
        return not (has_arabic and (m.group("scale") or re.search(r"[萬万億亿]", number)))
    if _is_date(text, m, value):
        return True
    measure = m.group("measure") or ""
    qualified = m.group("before") or m.group("after2") or m.group("after3")
    lone = number == "一" and not qualified and not m.group("number2")
    if lone and measure and measure[0] in INDEFINITE:
        return True  # 一部電視劇, 一支隊伍: an article, not a count (一到五個 is a range,
        # 一個以上 a bound)
    if measure in ADMIN_UNITS and not has_arabic:
        return True
    digits = re.sub(r"[^0-9]", "", number.translate(_FULLWIDTH))
    return len(digits) >= 7 and "," not in number and "." not in number and not m.group("scale")


def extract_figures(text: str) -> list[FigureMatch]:
    """Figures in ``text`` (either script).

    Example:
        >>> found = extract_figures("吸納近300人,資金約10億元")
        >>> [(f.text, f.value, f.unit, f.qualifier) for f in found]
        [('近300人', 300.0, '人', 'approx_below'), ('約10億元', 1000000000.0, '元', 'approx')]
        >>> [(f.text, f.value, f.low, f.high) for f in extract_figures("每月工資四五千元")]
        [('四五千元', 4500.0, 4000.0, 5000.0)]
        >>> [(f.text, f.value, f.unit) for f in extract_figures("三年半過去了")]
        [('三年半', 3.5, '年')]
        >>> [(f.text, f.value, f.unit) for f in extract_figures("全長12千米,重2.3千克")]
        [('12千米', 12.0, '千米'), ('2.3千克', 2.3, '千克')]
        >>> [(f.text, f.value, f.unit) for f in extract_figures("百分之七十百分位,一到五個")]
        [('百分之七十', 70.0, '%'), ('一到五個', 3.0, '個')]
    """
    out = []
    addresses = [(a.start(), a.end()) for a in ADDRESS_RE.finditer(text)]
    for m in map(_parsable, FIGURE_RE.finditer(text)):
        number, number2 = m.group("number"), m.group("number2")
        if number in LONE_FINANCIAL or any(a < m.end() and m.start() < b for a, b in addresses):
            continue
        scale = parse_number("一" + m.group("scale")) if m.group("scale") else 1.0
        adjacent = _range_of_adjacent_digits(number)
        low = high = None
        if adjacent:
            low, high = adjacent[0] * (scale or 1.0), adjacent[1] * (scale or 1.0)
            value = (low + high) / 2
        else:
            parsed = parse_number(number)
            if parsed is None:
                continue
            value = parsed * (scale or 1.0)
            if number2:
                second = parse_number(number2)
                if second is None:
                    continue
                second *= scale or 1.0
                big2 = re.search(r"[萬万億亿]+$", number2)
                if big2 and not re.search(r"[萬万億亿]", number):  # 3至5萬: the scale is shared
                    value *= parse_number("一" + big2.group()) or 1.0
                low, high = value, second
                value = (low + high) / 2
        if _skip(text, m, value):
            continue
        unit, value = _unit_and_value(m, value)
        if _kilo(m) and low is None:  # 12千米 is 12 km: 千 is the unit's prefix, not 1000
            unit, value = "千" + unit, value / 1000
        if low is not None and high is not None and unit == "%" and m.group("cheng"):
            low, high = low * 10, high * 10
        qualifier = "range" if low is not None else _qualifier(m)
        start, end = m.start(), m.end()
        if _and_a_half(text, m, low):
            end, value = end + 1, value + 0.5  # 三年半, 兩米半: and a half of the unit
        out.append(FigureMatch(start, end, text[start:end], value, unit, qualifier, low, high))
    return out


#: units that take the metric prefix 千 (kilo-)
KILO_UNITS = ("米", "克")


def _kilo(m: re.Match[str]) -> bool:
    """Whether the 千 ending an Arabic number is the prefix of the unit after it (12千米,
    2.3千克). After Chinese numerals it stays a numeral: 三千米 is usually 3,000 metres."""
    number = m.group("number")
    return (
        number.endswith("千")
        and m.group("measure") in KILO_UNITS
        and not m.group("scale")
        and re.fullmatch(r"[0-9０-９.．,，]+", number[:-1]) is not None
    )


def _parsable(m: re.Match[str]) -> re.Match[str]:
    """The match, or when its number ends in a unit character that does not parse with it
    (百分之七十百分位: 七十百), the longest match before that character (百分之七十)."""
    number = m.group("number")
    while parse_number(number) is None and len(number) > 1 and number[-1] in SMALL_UNITS:
        shorter = FIGURE_RE.match(m.string, m.start(), m.start("number") + len(number) - 1)
        if shorter is None:
            break
        m, number = shorter, shorter.group("number")
    return m


def _and_a_half(text: str, m: re.Match[str], low: float | None) -> bool:
    """Whether 半 follows a plain count of a measure (三年半, 十五斤半; not 半數 or a range)."""
    end = m.end()
    return (
        bool(m.group("measure"))
        and not m.group("scale")
        and low is None
        and text[end : end + 1] == "半"
        and text[end + 1 : end + 2] not in ("數", "数")
    )


def _unit_and_value(m: re.Match[str], value: float) -> tuple[str, float]:
    if m.group("pct") or m.group("pct1") or m.group("pct_word"):
        return "%", value
    if m.group("cheng"):
        return "%", value * 10
    currency = m.group("currency")
    if currency:
        return ("元" if currency in ("塊", "块") else currency), value
    return m.group("measure") or "", value


def _qualifier(m: re.Match[str]) -> str:
    if m.group("before"):
        return QUALIFIERS_BEFORE[m.group("before")]
    for name in ("after1", "after2", "after3"):
        if m.group(name):
            return QUALIFIERS_AFTER[m.group(name)]
    return "exact"


def figures_of_text(raw: str, spam: Sequence[SpamSpan] = ()) -> list[Figure]:
    """Figures of a raw text, found on its repaired view and reported with raw offsets."""
    clean = clean_view(raw, spam)
    figures = []
    for f in extract_figures(clean.text):
        start, end = clean.span_to_raw(f.start, f.end)
        figures.append(
            Figure(
                start=start,
                end=end,
                text=raw[start:end],
                value=f.value,
                unit=f.unit,
                qualifier=f.qualifier,
                low=f.low,
                high=f.high,
            )
        )
    return figures


#: what each reading the rules had to choose takes off a figure's :func:`reading_score`
READING_DOUBTS: dict[str, float] = {
    "chinese_numerals": 0.1,  # 兩千四百五 or 二百五: shortened forms, 拾 as a verb
    "interval": 0.1,  # a range or a bound: where its low and high lie
    "approximate": 0.1,  # 約, 近, 左右: which qualifier the guidelines want
    "year": 0.2,  # 年: a duration, or a date the rules did not recognise
    "count_word": 0.1,  # 個, 次, 家: a count, or part of a name or an idiom
}
#: measure words that count things and also make names and idioms
COUNT_WORDS = frozenset("個个次家位名件項项種种")


def reading_score(figure: Figure) -> float:
    """How sure the rules are of a figure they found, for ordering a review: 1.0 for Arabic
    digits with a unit, less by :data:`READING_DOUBTS` for each reading they had to choose. A
    rule's own certainty, not a measured probability.

    Example:
        >>> [reading_score(f) for f in figures_of_text("投資3.77億元,約兩千四百五十人,五年")]
        [1.0, 0.8, 0.7]
    """
    doubts = []
    if not re.search(r"[0-9０-９]", figure.text):
        doubts.append("chinese_numerals")
    if figure.low is not None or figure.high is not None or figure.qualifier in ("over", "under"):
        doubts.append("interval")
    if figure.qualifier.startswith("approx"):
        doubts.append("approximate")
    if figure.unit == "年":
        doubts.append("year")
    if figure.unit in COUNT_WORDS:
        doubts.append("count_word")
    return float(round(1.0 - sum(READING_DOUBTS[d] for d in doubts), 2))


def figures_of_document(doc: Document) -> list[Figure]:
    """Figures of a document, using its spam layer for the repaired view."""
    return figures_of_text(doc.raw_text, doc.spam)


def match_figures(pred: Sequence[Figure], gold: Sequence[Figure]) -> dict[str, float]:
    """P/R/F1 where a match is span overlap + equal value + equal unit."""

    def same(a: Figure, b: Figure) -> bool:
        close = abs(a.value - b.value) <= 1e-9 * max(1.0, abs(b.value))
        return a.start < b.end and b.start < a.end and close and a.unit == b.unit

    tp_pred = sum(1 for p in pred if any(same(p, g) for g in gold))
    tp_gold = sum(1 for g in gold if any(same(p, g) for p in pred))
    scores: dict[str, float] = prf(tp_pred, len(pred), tp_gold, len(gold), empty="one")
    return {**scores, "pred": len(pred), "gold": len(gold)}
