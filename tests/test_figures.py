"""Figure extraction: real cases from the article, written-out and mixed forms, exclusions."""

from __future__ import annotations

import pytest

from shanhai_nlp.document import Document
from shanhai_nlp.figures import (
    extract_figures,
    figures_of_document,
    figures_of_text,
    match_figures,
    parse_number,
)


@pytest.mark.parametrize(
    ("expr", "value"),
    [
        ("三千五百", 3500.0),
        ("兩萬", 20000.0),
        ("两万", 20000.0),
        ("十五", 15.0),
        ("一百零八", 108.0),
        ("1萬7000", 17000.0),
        ("8億3,000萬", 830000000.0),
        ("一點二億", 120000000.0),
        ("二‧二五", 2.25),
        ("一九○", 190.0),
        ("3.77億", 377000000.0),
        ("１２", 12.0),
        ("三萬億", 3e12),
        # shortened numerals: one digit right after a unit of a hundred or more is in tenths
        ("兩千四百五", 2450.0),
        ("一万三", 13000.0),
        ("三萬五", 35000.0),
        ("二百五", 250.0),
        ("一千六點五", 1600.5),
        ("兩萬零五", 20005.0),  # 零 keeps the digit a unit digit
        ("四萬萬", 4e8),
        ("七十百", None),  # a unit after one no larger
        ("2222.2222.22222", None),  # two decimal points
        ("abc", None),
        ("", None),
    ],
)
def test_figures_parse_number(expr: str, value: float | None) -> None:
    assert parse_number(expr) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("吸納近300人就業", [("近300人", 300.0, "人", "approx_below")]),
        ("銷售總額約10億元", [("約10億元", 1e9, "元", "approx")]),
        ("每月工資四五千元", [("四五千元", 4500.0, "元", "range")]),
        ("有1萬7000多人參加", [("1萬7000多人", 17000.0, "人", "over")]),
        ("投入8億3,000萬元", [("8億3,000萬元", 8.3e8, "元", "exact")]),
        ("預算一點二億元", [("一點二億元", 1.2e8, "元", "exact")]),
        ("增长10%—15%", [("10%—15%", 12.5, "%", "range")]),
        ("占百分之十五", [("百分之十五", 15.0, "%", "exact")]),
        ("三成受訪者", [("三成", 30.0, "%", "exact")]),
        ("提高2個百分點", [("2個百分點", 2.0, "個百分點", "exact")]),
        ("冻结资金1200余万元", [("1200余万元", 1.2e7, "元", "over")]),
        ("預計3至5萬人", [("3至5萬人", 40000.0, "人", "range")]),
        ("逾50家企業", [("逾50家", 50.0, "家", "over")]),
        ("不到20名學生", [("不到20名", 20.0, "名", "under")]),
        ("48歲村民", [("48歲", 48.0, "歲", "exact")]),
        ("5年過渡期", [("5年", 5.0, "年", "exact")]),
        ("成本降低二‧二五倍", [("二‧二五倍", 2.25, "倍", "exact")]),
        ("2市14縣", [("2市", 2.0, "市", "exact"), ("14縣", 14.0, "縣", "exact")]),
        # thousands: an ASCII comma between ASCII digits, either comma between full-width ones
        ("共1,200,000元", [("1,200,000元", 1.2e6, "元", "exact")]),
        ("增長百分之９，９９９", [("百分之９，９９９", 9999.0, "%", "exact")]),
        ("價格:$20，300美圓", [("300美圓", 300.0, "美圓", "exact")]),  # two prices, not 20,300
        # 千 before 米/克 after Arabic digits is the unit's prefix; after Chinese numerals, 1000
        ("全程12千米", [("12千米", 12.0, "千米", "exact")]),
        ("重2.3千克", [("2.3千克", 2.3, "千克", "exact")]),
        ("三千米長跑", [("三千米", 3000.0, "米", "exact")]),
        # a unit character the number cannot take back off: 百分之七十 before 百分位
        ("收盤價的百分之七十百分位", [("百分之七十", 70.0, "%", "exact")]),
        ("請給我一到五個蘋果", [("一到五個", 3.0, "個", "range")]),  # a range, not an article
        ("请给我一以上个苹果", [("一以上个", 1.0, "个", "over")]),  # a bound, not an article
        ("需要一個以上的名額", [("一個以上", 1.0, "個", "over")]),
        # not figures: dates, times, ordinals, articles, phone numbers, words
        ("2025年2月10日", []),
        ("神龍二年正月初一", []),  # a lunar month after the year: a date
        ("107年9月20日", []),
        ("二〇二五年", []),
        ("第一人民醫院", []),
        ("一部電視劇", []),
        ("一個個帶貨團隊", []),
        ("電話0912345678", []),
        ("兩岸交流", []),
        ("千萬不要", []),
        ("“4+”合作模式", []),
        ("COVID-19疫情", []),
    ],
)
def test_figures_extract(text: str, expected: list[tuple[str, float, str, str]]) -> None:
    found = [(f.text, f.value, f.unit, f.qualifier) for f in extract_figures(text)]
    assert found == expected


def test_figures_article_against_gold(seed: Document) -> None:
    scores = match_figures(figures_of_document(seed), seed.figures)
    assert scores["f1"] >= 0.95


def test_figures_number_split_by_spam_has_raw_offsets(seed: Document) -> None:
    (figure,) = [f for f in figures_of_document(seed) if f.value == 377000000.0]
    assert figure.text == "3包養.77億元"
    assert seed.raw_text[figure.start : figure.end] == figure.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("他今年七周岁了", [("七周岁", 7.0, "周岁")]),  # an age, not weeks
        ("總額5306億臺幣", [("5306億臺幣", 5.306e11, "臺幣")]),
        ("花了300美圆", [("300美圆", 300.0, "美圆")]),
        ("見 https://a.com/%E5%8C%85?x=50%25 網頁", []),  # %-escapes are no percentages
        ("寫信到 li.50@mail.example.com 查詢", []),
        ("他拾起一本書", []),  # 拾 alone is "pick up"
        ("聯絡 a@b.com 或 10%的人", [("10%", 10.0, "%")]),
    ],
)
def test_figures_units_and_places_without_figures(
    text: str, expected: list[tuple[str, float, str]]
) -> None:
    assert [(f.text, f.value, f.unit) for f in extract_figures(text)] == expected


@pytest.mark.parametrize("text", ["雍正四年", "民國107年9月", "令和5年", "公元前221年"])
def test_a_year_of_an_era_is_a_date_not_a_duration(text: str) -> None:
    assert figures_of_text(text) == []


def test_years_without_an_era_stay_durations() -> None:
    assert [(f.text, f.value) for f in figures_of_text("他在那裡工作了四年")] == [("四年", 4.0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三年半過去了", ("三年半", 3.5)),
        ("十五斤半", ("十五斤半", 15.5)),
        ("资金3亿元半数", ("3亿元", 3e8)),
    ],
)
def test_and_a_half(text: str, expected: tuple[str, float]) -> None:
    assert [(f.text, f.value) for f in figures_of_text(text)] == [expected]
