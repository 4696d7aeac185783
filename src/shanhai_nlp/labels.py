"""Label inventories of the annotation scheme (see annotations/GUIDELINES.md).

The order of each tuple is the ClassLabel order used by exports; append, never reorder.
"""

from __future__ import annotations

from typing import Final

BLOCK_TYPES: Final = (
    "title",
    "meta",
    "dateline_headline",
    "byline",
    "body",
    "heading",
    "caption",
    "boilerplate",
    "spam_only",
)

SECTIONS: Final = ("overview", "industry", "talent", "consumption", "none")

#: Topic taxonomy: finer than sections and independent of them.
TOPICS: Final[dict[str, str]] = {
    "policy": "the programme itself: pairing, mechanisms, goals, the transition period",
    "employment": "jobs, wages, people hired or working near home",
    "manufacturing": "factories, production, industrial parks",
    "investment": "enterprises relocating or investing, projects, industrial bases",
    "fiscal_aid": "government money transferred as aid",
    "healthcare": "hospitals, doctors, medical techniques, patients",
    "education": "schools, teaching resources",
    "talent_exchange": "experts and cadres sent, training of local professionals",
    "e_commerce": "online sales, livestreaming, e-commerce bases",
    "agricultural_products": "farm products and local specialities",
    "consumption_aid": "buying and selling poor regions' products as a form of aid",
    "culture": "films, television, publications",
}

#: words that signal each topic (Simplified; matched on a block's Simplified view), written
#: from the descriptions above for pre-annotation: a block gets the topics whose words it has
TOPIC_KEYWORDS: Final[dict[str, tuple[str, ...]]] = {
    "policy": (
        "东西部协作",
        "对口帮扶",
        "结对帮扶",
        "对口支援",
        "过渡期",
        "乡村振兴",
        "脱贫攻坚",
        "帮扶关系",
        "协作机制",
    ),
    "employment": ("就业", "工资", "务工", "打工", "岗位", "上班", "招工"),
    "manufacturing": ("工厂", "车间", "生产", "制造", "产业园", "厂房"),
    "investment": ("投资", "招商", "项目", "落地", "搬迁", "落户", "共建"),
    "fiscal_aid": ("财政援助", "援助资金", "帮扶资金", "财政资金", "拨付"),
    "healthcare": ("医院", "医生", "医疗", "医师", "手术", "患者", "病人", "诊疗", "保健"),
    "education": ("学校", "教育", "教师", "老师", "学生", "课堂", "中小学", "职业学校"),
    "talent_exchange": ("人才", "专家", "挂职", "干部", "选派", "培训", "驻点"),
    "e_commerce": ("电商", "直播", "带货", "网店", "网购", "线上", "快递"),
    "agricultural_products": ("农产品", "农副产品", "土特产", "特产", "种植", "养殖"),
    "consumption_aid": ("消费帮扶", "采购", "购销", "帮助销售", "销售额", "促消费"),
    "culture": ("电视剧", "电影", "影视", "纪录片", "出版", "图书"),
}

#: OntoNotes 5 entity labels used by the scheme.
ENTITY_LABELS: Final = (
    "PERSON",
    "ORG",
    "GPE",
    "LOC",
    "FAC",
    "NORP",
    "PRODUCT",
    "WORK_OF_ART",
    "EVENT",
    "LAW",
    "DATE",
)

FIGURE_QUALIFIERS: Final = ("exact", "approx", "approx_below", "over", "under", "range")

LAYERS: Final = ("spam", "blocks", "entities", "figures")
