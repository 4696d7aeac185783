"""Tables and patterns for figure extraction (numbers, scales, units, qualifiers), both scripts."""

from __future__ import annotations

import re
from typing import Final

DIGITS: Final = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "兩": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS: Final = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS: Final = {"萬": 10_000, "万": 10_000, "億": 100_000_000, "亿": 100_000_000}
DECIMAL_POINTS: Final = ".．點点‧·"

#: currencies; the scale in front (萬元, 億元) is folded into the value
CURRENCIES: Final = (
    "新臺幣",
    "新台幣",
    "人民幣",
    "人民币",
    "美元",
    "港元",
    "港幣",
    "港币",
    "歐元",
    "欧元",
    "日元",
    "英鎊",
    "英镑",
    "臺幣",
    "台幣",
    "台币",
    "美圓",
    "美圆",
    "日圓",
    "日圆",
    "澳元",
    "元",
    "塊",
    "块",
)
#: measure words and units, longest first when compiled
MEASURES: Final = (
    "平方公里",
    "平方米",
    "公里",
    "公頃",
    "公顷",
    "公斤",
    "公噸",
    "公吨",
    "千克",
    "千米",
    "米",
    "個百分點",
    "个百分点",
    "百分點",
    "百分点",
    "人次",
    "個月",
    "个月",
    "小時",
    "小时",
    "周歲",
    "周岁",
    "週歲",
    "虛歲",
    "虚岁",
    "足歲",
    "足岁",
    "週",
    "周",
    "公分",
    "釐米",
    "厘米",
    "歲",
    "岁",
    "年",
    "天",
    "倍",
    "人",
    "家",
    "所",
    "名",
    "個",
    "个",
    "位",
    "項",
    "项",
    "戶",
    "户",
    "畝",
    "亩",
    "噸",
    "吨",
    "件",
    "台",
    "臺",
    "輛",
    "辆",
    "座",
    "條",
    "条",
    "批",
    "場",
    "场",
    "頭",
    "头",
    "隻",
    "只",
    "套",
    "間",
    "间",
    "棟",
    "栋",
    "種",
    "种",
    "款",
    "篇",
    "部",
    "支",
    "箱",
    "張",
    "张",
    "次",
    "例",
    "起",
    "株",
    "棵",
    "頃",
    "顷",
    "斤",
    "克",
    "層",
    "层",
    "床",
    "班",
    "屆",
    "届",
    "期",
    "輪",
    "轮",
    "組",
    "组",
    "隊",
    "队",
    "村",
    "縣",
    "县",
    "省",
    "區",
    "区",
    "市",
    "鎮",
    "镇",
    "鄉",
    "乡",
)
#: where no figure is: web addresses and e-mail addresses (their %-escapes are no percentages)
ADDRESS_RE: Final = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"'，。、「」（）]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.ASCII,
)
#: financial numerals that are common words alone (拾起: pick up; 佰, 仟 in names)
LONE_FINANCIAL: Final = frozenset("拾佰仟")

#: measure words that, after a lone 一, make an indefinite article (一部電視劇, 一支隊伍)
INDEFINITE: Final = frozenset("部支個个位名家種种件場场次條条張张隻只座間间套批起頭头期天輪轮屆届")
#: administrative units count only after Arabic numerals (2市14縣), not in words like 一村一品
ADMIN_UNITS: Final = frozenset("村縣县省區区市鎮镇鄉乡")

QUALIFIERS_BEFORE: Final = {
    "將近": "approx_below",
    "将近": "approx_below",
    "近": "approx_below",
    "大約": "approx",
    "大约": "approx",
    "約": "approx",
    "约": "approx",
    "大概": "approx",
    "逾": "over",
    "超過": "over",
    "超过": "over",
    "高達": "over",
    "高达": "over",
    "不到": "under",
    "不足": "under",
    "未滿": "under",
    "未满": "under",
}
QUALIFIERS_AFTER: Final = {
    "以上": "over",
    "多": "over",
    "餘": "over",
    "余": "over",
    "左右": "approx",
}

#: Arabic digits. A comma groups thousands only before exactly three digits of the same width:
#: an ASCII comma between ASCII digits (8億3,000萬), either comma between full-width ones
#: (４，５６５); between ASCII digits ， separates clauses and list items ($20，300美圓 is two
#: prices)
_ARABIC = (
    r"(?:[0-9]+(?:,[0-9]{3}(?![0-9]))*|[０-９]+(?:[,，][０-９]{3}(?![０-９]))*)"
    r"(?:[.．][0-9０-９]+)?"
)
_CHINESE = "[" + "".join(DIGITS) + "".join(SMALL_UNITS) + "]"


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


#: a number expression: Arabic or Chinese numerals, scales, decimals, mixed (1萬7000, 8億3,000萬)
NUMBER = (
    rf"(?:{_ARABIC}|{_CHINESE})"
    rf"(?:(?:{_ARABIC}|[{''.join(DIGITS)}{''.join(SMALL_UNITS)}{''.join(BIG_UNITS)}{DECIMAL_POINTS}])*"
    rf"(?<![{DECIMAL_POINTS},]))?"
)
RANGE_SEPARATORS = "至到~～—–-"

FIGURE_RE: Final = re.compile(
    rf"(?P<before>{_alternation(list(QUALIFIERS_BEFORE))})?"
    rf"(?P<pct_word>百分之)?"
    rf"(?P<number>{NUMBER})"
    rf"(?:(?P<pct1>[%％])?\s?[{RANGE_SEPARATORS}]\s?(?P<number2>{NUMBER}))?"
    rf"(?P<after1>多|餘|余)?"
    rf"(?P<scale>[萬万億亿]+)?"
    rf"(?P<after2>多|餘|余|以上)?"  # 一以上個: at least one
    rf"(?:(?P<pct>[%％])|(?P<cheng>成)|(?P<currency>{_alternation(CURRENCIES)})"
    rf"|(?P<measure>{_alternation(MEASURES)}))?"
    rf"(?P<after3>以上|左右)?"
)
