"""auto on pages that do not write about spam: a single keyword glued to a title, spliced into
a word with a phrase after it, or among a line of keywords is found; the same words on a page
about their subject stay. The pages are written for these tests."""

from __future__ import annotations

import pytest

from shanhai_nlp.spam.auto import AutoDetector
from shanhai_nlp.spam.lexicon import LexiconMatch
from shanhai_nlp.spam.offtopic import OffTopicConfig, PageTopic, keyword_list, title_glue
from shanhai_nlp.spam.window import WindowConfig, build_windows

BODY_T = (
    "記者從省農業農村廳獲悉，今年以來全省新建高標準農田一百二十萬畝，糧食總產量連續五年穩定"
    "在六百億斤以上。\n據介紹，各地加快推進農業機械化，主要農作物耕種收綜合機械化率達到百分之"
    "七十八。\n"
)
BODY_S = (
    "记者从市人力资源和社会保障局了解到，今年前三季度全市城镇新增就业八万六千人，帮助困难人员"
    "实现就业一万二千人。\n市场监管部门表示，将继续优化营商环境，支持中小企业健康发展。\n"
)


@pytest.fixture(scope="module")
def detect() -> AutoDetector:
    return AutoDetector()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全省糧食生產再獲豐收百家樂\n" + BODY_T, ["百家樂"]),  # glued to the title
        ("城镇新增就业稳步增长_澳门新葡京\n" + BODY_S, ["_澳门新葡京"]),  # a title's last part
        (  # a phrase spliced into 副市長, its head a known term, its tail ordinary words
            "副市网上赌场推荐正规平台安全可靠长王明在会上表示，全市城镇新增就业八万六千人。\n",
            ["网上赌场推荐正规平台安全可靠"],
        ),
        (
            "據介紹，各地加快推進農業機械百家樂官方網站每日優惠化，綜合機械化率達到百分之七十八。",
            ["百家樂官方網站每日優惠"],
        ),
        (  # a keyword line of which the lexicon knows three items: every keyword goes
            BODY_S + "\n网站优化 足彩推荐 体育投注 老虎机游戏 快速贷款 约会交友 棋牌下载\n",
            ["网站优化", "足彩推荐", "体育投注", "老虎机游戏", "快速贷款", "约会交友", "棋牌下载"],
        ),
        (
            "城镇新增就业稳步增长 成人视频 免费看片 无码\n" + BODY_S,
            ["成人视频", "免费看片", "无码"],
        ),
        (  # a | list whose two known keywords the stricter tests confirm: the others go too
            BODY_S + "\n百家乐|龙腾娱乐|天成彩票|瑞丰棋牌|老虎机\n",
            ["百家乐", "龙腾娱乐", "天成彩票", "瑞丰棋牌", "老虎机"],
        ),
        # a title in parts with one keyword is no list: the keyword goes, with its space
        ("城镇就业稳步增长 加快发展 皇冠体育\n" + BODY_S, [" 皇冠体育"]),
    ],
)
def test_a_single_keyword_on_a_page_about_something_else(
    detect: AutoDetector, text: str, expected: list[str]
) -> None:
    assert [s.text for s in detect(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        # the title's words come back in the body (博彩, 色情): the page is about them
        "澳门博彩收入连续三个月回升\n\n上月全澳幸运博彩毛收入约为一百八十亿澳门元，同比增长。\n",
        "警方清理一批色情网站\n\n今年以来，各地共清理淫秽色情等有害信息十二万余条。\n",
        # a keyword line on a page whose sentences use the same subject's terms
        "警方破获一起网络赌博案，嫌疑人以百家乐、老虎机等形式引诱群众参与赌博。\n"
        "相关阅读 百家乐 老虎机 网络赌博\n",
    ],
)
def test_a_page_about_the_subject_keeps_its_words(detect: AutoDetector, text: str) -> None:
    assert detect(text) == []


def test_a_junction_by_chance_on_a_page_about_the_subject_is_no_evidence(
    detect: AutoDetector,
) -> None:
    """以棋牌游戏为 joins 以为 once the term is out, but the page writes about card games."""
    text = (
        "直播平台将整治以棋牌游戏为名组织赌博的行为。\n"
        "业内人士指出，棋牌游戏本身并不违法，但与现金兑换挂钩就可能构成赌博。\n"
    )
    assert detect(text) == []
    # the same junction on a page about something else is an injection
    assert [s.text for s in detect("这项工作以棋牌游戏为主要抓手，推动就业稳步增长。\n")] == [
        "棋牌游戏"
    ]


def test_page_topic_ignores_the_hits_themselves() -> None:
    """A string injected twice is no subject: the words of a hit count only outside hits."""
    text = "就业稳步增长百家乐\n记者了解到，今年百家乐新增就业八万人。\n"
    window = build_windows([text], WindowConfig()).windows[0]
    second = text.index("百家乐", 9)
    hits = [LexiconMatch(6, 9, "gambling"), LexiconMatch(second, second + 3, "gambling")]
    topic = PageTopic(window, hits, {}, topic_zipf=4.5)
    assert not topic.writes_about(6, 9, "gambling")
    bare = PageTopic(window, hits[:1], {}, topic_zipf=4.5)
    assert bare.writes_about(6, 9, "gambling")  # 百家 is written on the other line
    # a subject word of the family on another line: the page writes about it
    subjects = {"gambling": {"了解"}}
    assert PageTopic(window, hits, subjects, topic_zipf=4.5).writes_about(6, 9, "gambling")


def test_title_glue_takes_the_separator_and_needs_an_edge() -> None:
    config = OffTopicConfig()
    line = "就业稳步增长 - 百家乐"
    assert title_glue(0, line, LexiconMatch(9, 12, "gambling"), config) == (6, 12)
    middle = "就业百家乐稳步增长"
    assert title_glue(0, middle, LexiconMatch(2, 5, "gambling"), config) is None


def test_keyword_list_is_no_sentence() -> None:
    config = OffTopicConfig()
    hit = LexiconMatch(0, 3, "gambling")
    assert keyword_list(0, "百家乐 足彩 棋牌", hit, 2, config) == [(0, 3), (4, 6), (7, 9)]
    assert keyword_list(0, "百家乐 足彩 棋牌", hit, 1, config) == []  # a title in parts?
    assert len(keyword_list(0, "百家乐 足彩 棋牌 娱乐 真人", hit, 1, config)) == 5
    assert keyword_list(0, "百家乐 足彩, 棋牌", hit, 2, config) == []  # a comma: a sentence
    assert keyword_list(0, "百家乐 足彩", hit, 2, config) == []  # two items are no list


def test_a_learned_run_over_most_of_a_keyword_takes_the_keyword() -> None:
    from shanhai_nlp.spam.offtopic import covered_keyword

    line = "線上賭場|線上娛樂城|娛樂城官網|洗碼"
    config = OffTopicConfig()
    assert covered_keyword(0, line, 5, 7, config) is None  # 線上 of 線上娛樂城: under half
    assert covered_keyword(0, line, 5, 8, config) == (5, 10)
    assert covered_keyword(0, "一個句子，" + line, 10, 13, config) is None  # a sentence: no list


def test_sentence_tail_needs_the_line_end() -> None:
    from shanhai_nlp.spam.offtopic import sentence_tail

    line = "列出可能的值。申博太陽城 還有"
    assert sentence_tail(0, line, 7, 12) is None  # the line goes on after it
    assert sentence_tail(10, "列出可能的值。申博太陽城", 17, 22) == (17, 22)


@pytest.mark.parametrize(
    "text",
    [
        "今年以来，全市公安机关深入开展打击网络赌博、电信诈骗等专项行动，社会治安持续好转。\n"
        "市民群众安全感满意度达到百分之九十六。",
        "该公司主营网站建设和网站优化业务，去年营业收入增长两成。\n公司负责人表示，将加大研发投入。",
        "六合彩开奖结果于昨晚公布，头奖无人中。\n下期头奖基金预计达到六千万港元。",
        "记者 张三\n小额贷款平台监管新规出台，要求平台不得向在校学生放贷。",
    ],
)
def test_a_story_s_own_words_mentioned_once_stay(detect: AutoDetector, text: str) -> None:
    """Words of the word list (网站建设, 小额贷款 + 平台) are a story's, even said once."""
    assert detect(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("臺灣包養網推動東部省份優質購銷主體與西部地區更加緊密銜接。", ["臺灣包養網"]),
        ("畢節市委副書記、台灣包養網市長出席會議並講話。", ["台灣包養網"]),
        ("截至目前，全省已有4台灣包養網.1萬名農民參加培訓。", ["台灣包養網"]),
    ],
)
def test_a_single_seed_family_token_is_found_whole(
    detect: AutoDetector, text: str, expected: list[str]
) -> None:
    assert [s.text for s in detect(text)] == expected


def test_learned_runs_on_a_list_line_need_two_keywords(detect: AutoDetector) -> None:
    """A run the model puts on one item of a navigation line is no keyword list; runs on two
    items of it are."""
    import numpy as np

    from shanhai_nlp.spam.auto import _Page

    text = "站點首頁 新聞中心 聯繫我們 線上賭場 真人視訊\n" + BODY_T
    window = build_windows([text], WindowConfig()).windows[0]

    def accepted(*words: str) -> list[str]:
        probs = np.zeros(window.n, np.float32)
        for word in words:
            start = text.index(word)
            probs[start : start + len(word)] = 0.99
        runs = detect._learned_runs(window, probs, _Page(window, []), [])
        return sorted(text[s:e] for s, e, _score, _name in runs)

    assert accepted("聯繫我們") == []
    assert accepted("線上賭場", "真人視訊") == ["真人視訊", "線上賭場"]


def test_a_keyword_inside_a_longer_item_is_no_keyword_line() -> None:
    """A token spliced into a footer's item (保留所有…权利) does not make the footer a list."""
    config = OffTopicConfig()
    line = "版权所有 站点6 保留所有瑞丰棋牌平台权利"
    start = line.index("瑞丰")
    inside = LexiconMatch(start, start + 6, "mined")
    assert keyword_list(0, line, inside, 2, config) == []
    items = "百家乐 瑞丰棋牌平台 站点6"
    whole = LexiconMatch(4, 10, "mined")
    assert keyword_list(0, items, whole, 2, config) == [(0, 3), (4, 10), (11, 14)]


def test_a_learned_run_over_a_title_the_article_takes_up_is_not_taken(
    detect: AutoDetector,
) -> None:
    import numpy as np

    from shanhai_nlp.spam.auto import _Page

    def accepted(text: str) -> list[str]:
        window = build_windows([text], WindowConfig()).windows[0]
        probs = np.zeros(window.n, np.float32)
        title = text.index("\n")
        probs[:title] = 0.99  # the model flags the whole title
        runs = detect._learned_runs(window, probs, _Page(window, []), [])
        return [text[s:e] for s, e, _score, _name in runs]

    own = "警惕高息理财骗局\n" + "记者调查发现，一些高息理财产品实为骗局，投资者损失惨重。\n"
    assert accepted(own) == []  # 高息, 理财 and 骗局 are the story's words
    stranger = "皇冠体育官方入口\n" + BODY_S
    assert accepted(stranger) == ["皇冠体育官方入口"]


def test_page_topic_masks_overlapping_stretches_whole() -> None:
    window = build_windows(["abcdefghij"], WindowConfig()).windows[0]
    suspects = [(1, 4), (2, 6), (3, 5), (8, 9)]
    topic = PageTopic(window, [], {}, topic_zipf=4.5, suspects=suspects)
    assert topic.masked == "a" + "\0" * 5 + "gh\0j"
