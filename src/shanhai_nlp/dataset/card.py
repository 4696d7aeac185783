"""The dataset card (README.md with YAML metadata) of the export."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from shanhai_nlp import labels
from shanhai_nlp.dataset.features import CONFIGS, DEFAULT_CONFIG, SPAM_TAGS, features, ner_tag_names
from shanhai_nlp.dataset.folds import (
    CLASSIFIED_SECTIONS,
    CLASSIFIED_TYPES,
    DEFAULT_PLAN,
    fold_unit,
)
from shanhai_nlp.document.model import Document

PRETTY_NAME = "Shanhai: spam-polluted Chinese news, annotated"


@dataclass(frozen=True)
class DraftNote:
    """What the export did with draft spans (pre-annotations nobody reviewed)."""

    included: int = 0
    left_out: int = 0
    documents_left_out: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        if self.included:
            return [
                f"**{self.included} draft span(s) are included** (exported with "
                "`--include-drafts`): machine pre-annotations nobody has reviewed, marked "
                '`status: "draft"`. Do not train or evaluate on them as gold.',
                "",
            ]
        if self.left_out:
            docs = ", ".join(self.documents_left_out) or "none"
            return [
                f"{self.left_out} draft span(s) (machine pre-annotations nobody has reviewed) "
                f"are left out; documents left with no reviewed span, also left out: {docs}.",
                "",
            ]
        return []


def card_metadata(counts: dict[str, tuple[int, int]], entity_labels: list[str]) -> dict[str, Any]:
    """The YAML header: Hub metadata, configs with data files, and every config's features."""
    return {
        "pretty_name": PRETTY_NAME,
        "language": ["zh"],
        "license": "other",
        "license_name": "news-text-research-only",
        "license_details": "News text of its publisher (Xinhua), not relicensed; research use. "
        "Annotations by the shanhai_nlp project.",
        "annotations_creators": ["expert-generated"],
        "language_creators": ["found"],
        "multilinguality": ["monolingual"],
        "source_datasets": ["original"],
        "size_categories": ["n<1K"],
        "task_categories": ["token-classification", "text-classification"],
        "task_ids": [
            "named-entity-recognition",
            "multi-class-classification",
            "topic-classification",
        ],
        "tags": ["web-spam", "seo-spam", "traditional-chinese", "data-cleaning"],
        "configs": [
            {
                "config_name": c,
                "data_files": [{"split": "train", "path": f"{c}/train-*.parquet"}],
                **({"default": True} if c == DEFAULT_CONFIG else {}),
            }
            for c in CONFIGS
        ],
        "dataset_info": [
            {
                "config_name": c,
                "features": features(c, entity_labels=entity_labels)._to_yaml_list(),
                "splits": [
                    {"name": "train", "num_bytes": counts[c][1], "num_examples": counts[c][0]}
                ],
                "dataset_size": counts[c][1],
            }
            for c in CONFIGS
        ],
    }


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def render_card(
    docs: Sequence[Document],
    counts: dict[str, tuple[int, int]],
    entity_labels: list[str],
    rows: dict[str, list[dict[str, Any]]],
    drafts: DraftNote | None = None,
) -> str:
    """The dataset card: YAML metadata, then the sections a reader of the export needs."""
    header = yaml.safe_dump(
        card_metadata(counts, entity_labels), allow_unicode=True, sort_keys=False
    )
    lines = [
        "---",
        header.rstrip(),
        "---",
        "",
        f"# {PRETTY_NAME}",
        "",
        *_summary(docs),
        *(drafts or DraftNote()).lines(),
        *_provenance(docs),
        *_configs({c: counts[c][0] for c in counts}),
        *_labels(docs, entity_labels, rows["paragraphs"]),
        *_ANNOTATION,
        *_usage(),
        *_LIMITATIONS,
    ]
    return "\n".join(lines)


def _summary(docs: Sequence[Document]) -> list[str]:
    return [
        "## Dataset summary",
        "",
        f"{len(docs)} scraped Chinese news article(s) polluted by SEO spam injection, with gold "
        "standoff annotations: the injected spam spans (and the characters they replaced), every "
        "line's role, section and topics, named entities (OntoNotes labels) and numeric figures. "
        "It is built for research on removing injected spam **without dropping the article**, and "
        "for training small section classifiers and entity recognisers on repaired text.",
        "",
        *_folds(len(docs)),
        "",
    ]


def _folds(n_documents: int) -> list[str]:
    """How the single split is cross-validated: by paragraph or by document."""
    scope = (
        f"seeded stratified {DEFAULT_PLAN.n_splits}-fold over the blocks of type "
        f"{', '.join(CLASSIFIED_TYPES)} with a section in {', '.join(CLASSIFIED_SECTIONS)}; "
        "other blocks have fold -1"
    )
    if n_documents == 1:
        return [
            "**There is one document.** Rows are its paragraphs (blocks); there is a single "
            "`train` split, and models are evaluated by cross-validation over the `fold` column "
            f"({scope}), by paragraph. Do not read its scores as held-out performance."
        ]
    if fold_unit(n_documents) == "paragraph":
        return [
            f"**There are {n_documents} documents**, too few to hold one out: there is a single "
            "`train` split, and the `fold` column cross-validates **by paragraph** "
            f"({scope}), so a document's paragraphs fall in different folds. Do not read its "
            "scores as held-out performance on new articles."
        ]
    return [
        f"**There are {n_documents} documents.** There is a single `train` split; the `fold` "
        f"column cross-validates **by document** ({scope}; every paragraph of a document is in "
        "the same fold), so a model is always tested on articles it was not trained on."
    ]


def _provenance(docs: Sequence[Document]) -> list[str]:
    """Each document's source, licence and pollution, from its own metadata."""
    lines = ["## Provenance and pollution", ""]
    for doc in docs:
        meta = doc.meta
        authors = ", ".join(meta.get("authors", []))
        byline = " — ".join(
            x
            for x in (
                meta.get("agency", ""),
                " ".join(x for x in (meta.get("dateline_place", ""), meta.get("date", "")) if x),
            )
            if x
        )
        lines += [
            f"### `{doc.id}`: {meta.get('title', doc.id)}",
            "",
            *([f"- {byline}" + (f"; authors {authors}." if authors else ".")] if byline else []),
            f"- Source: {meta.get('source_site', '') or 'not recorded'}. "
            f"Script: {meta.get('script', '') or 'not recorded'}.",
            f"- Raw text sha256: `{meta.get('raw_sha256', '')}` (the text is kept byte-identical).",
            f"- Licence: {meta.get('licence', '') or 'not recorded'}",
            f"- Pollution: {meta.get('pollution', '') or 'not described'}",
            f"- Raw text: {len(doc.raw_text)} code points; {len(doc.spam)} spam spans "
            f"({sum(len(s) for s in doc.spam)} characters); clean text: "
            f"{len(doc.clean().text)} code points.",
            "",
        ]
    return [
        *lines,
        "A keyword filter of the kind web-corpus pipelines use drops a whole article for one "
        "spam word; here the spam is marked and the article kept.",
        "",
    ]


#: (config, one row per, what it is for)
_CONFIG_ROWS = (
    (
        "paragraphs",
        "block (non-empty line)",
        "section classification (`section` ClassLabel), topics (list of ClassLabel), `fold`",
    ),
    (
        "documents",
        "document",
        "raw and clean text with every layer as lists of structs (offsets into the raw text)",
    ),
    (
        "spam",
        "block (raw text)",
        "character-level spam tagging: `chars`, `spam_tags` (O, B-SPAM, I-SPAM), spans",
    ),
    (
        "ner",
        "block (clean text)",
        "entity recognition: pkuseg `tokens` and `chars`, each with IOB2 tags",
    ),
    ("figures", "figure", "value, unit, qualifier, raw and clean offsets"),
)


def _configs(n: dict[str, int]) -> list[str]:
    rows = [
        (f"{name} (default)" if name == DEFAULT_CONFIG else name, n[name], per, what)
        for name, per, what in _CONFIG_ROWS
    ]
    return [
        "## Configs",
        "",
        *_table(["config", "rows", "one row per", "what it is for"], rows),
        "",
        "Offsets are Python code points, end exclusive. In `documents` and `figures` they index "
        "the raw text (`raw_*`) or the clean text (`clean_*`) of the document; in `spam` they are "
        "relative to the block's raw text, in `ner` to the block's clean text. The clean text is "
        "the raw text with spam removed and replaced characters restored. `ner` tokens are "
        "pkuseg words (segmented through a Simplified view), split further where an entity edge "
        "falls inside a word, so token tags rebuild the entity spans exactly.",
        "",
        "`spacy/` holds the same folds in spaCy's binary format, for `python -m spacy evaluate` "
        "and `spacy.Corpus.v1`: `sections-fold{k}-{train,test}.spacy` (section paragraphs with "
        "exclusive `cats`) and `ner-fold{k}-{train,test}.spacy` (blocks of clean text with "
        "`ents`; blocks outside the folds are always in `train`).",
        "",
    ]


def _labels(
    docs: Sequence[Document], entity_labels: list[str], paragraphs: list[dict[str, Any]]
) -> list[str]:
    sections = Counter(r["section"] for r in paragraphs)
    types = Counter(r["type"] for r in paragraphs)
    topics = Counter(t for r in paragraphs for t in r["topics"])
    ents = Counter(e.label for d in docs for e in d.entities)
    quals = Counter(f.qualifier for d in docs for f in d.figures)
    folds = Counter(r["fold"] for r in paragraphs if r["fold"] >= 0)
    return [
        "## Labels",
        "",
        "Sections (`section`): overview (the lede before the first heading), industry (產業協作), "
        "talent (人才培育), consumption (消費幫扶), none (everything outside the article body).",
        "",
        *_table(["section", "blocks"], [(s, sections.get(s, 0)) for s in labels.SECTIONS]),
        "",
        *_table(["block type", "blocks"], [(t, types.get(t, 0)) for t in labels.BLOCK_TYPES]),
        "",
        *_table(
            ["topic", "definition", "blocks"],
            [(t, d, topics.get(t, 0)) for t, d in labels.TOPICS.items()],
        ),
        "",
        *_table(
            ["entity label", "mentions"],
            [(e, ents.get(e, 0)) for e in labels.ENTITY_LABELS if ents.get(e)],
        ),
        "",
        f"NER tags: {', '.join(ner_tag_names(entity_labels))}. Spam tags: {', '.join(SPAM_TAGS)}.",
        "",
        *_table(
            ["figure qualifier", "figures"],
            [(q, quals.get(q, 0)) for q in labels.FIGURE_QUALIFIERS],
        ),
        "",
        *_table(["fold", "classified blocks"], sorted(folds.items())),
        "",
    ]


_ANNOTATION = [
    "## Annotation",
    "",
    "Made by reading the article closely, following `GUIDELINES.md` (included in this "
    "folder): spam spans cover only injected characters (幫**包養網**扶), a token that "
    "replaced a character carries its repair, judged from the article itself (the heading "
    "人才培育, an opening quotation mark); entities cover their whole raw extent even when "
    "spam interrupts them; figures have values in base units (3.77億元 → 377000000.0).",
    "",
]


def _usage() -> list[str]:
    return [
        "## Usage",
        "",
        "```python",
        "import datasets",
        f'ds = datasets.load_dataset("path/to/export", "{DEFAULT_CONFIG}")  # works offline',
        'ds["train"].features["section"].names',
        'ner = datasets.load_dataset("path/to/export", "ner")',
        "```",
        "",
        'Or, in the project: `from shanhai_nlp import load_dataset; load_dataset("ner")`.',
        "",
    ]


_LIMITATIONS = [
    "## Limitations",
    "",
    "- One article: label counts are tiny, and any model trained here has seen one writer, "
    "one topic and one spam family.",
    "- Topics and sections are single-annotator judgements; see GUIDELINES.md for every call.",
    "",
]
