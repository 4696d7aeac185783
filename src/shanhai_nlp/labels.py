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
