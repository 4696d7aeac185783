"""Pre-annotate a new scraped article in the corpus annotation format, for a person to correct.

Spam spans and repairs come from a detector; blocks are the non-empty lines with a type guessed
from their form (and the line after: a short line before prose is a heading), a section guessed
by the section classifier (``none`` when it says so) and topics by the taxonomy's keywords
(:data:`shanhai_nlp.labels.TOPIC_KEYWORDS`); entities come from the
LAC model with the guidelines' conventions (:mod:`shanhai_nlp.entities`); figures from
the figure extractor. Every span is a draft (``status: "draft"``) that says what proposed it
and, where there is one, its score; ``dataset export`` leaves drafts out until a person has
reviewed them. The result passes ``shanhai validate`` before it is returned.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from shanhai_nlp import labels
from shanhai_nlp.corpus import Corpus, check_document_id
from shanhai_nlp.document.io import document_to_json, read_text, sha256_text, write_json_atomic
from shanhai_nlp.document.model import (
    DRAFT,
    Block,
    Document,
    Entity,
    SpamSpan,
    View,
    block_extents,
    clean_view,
)
from shanhai_nlp.document.validate import validate_document
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.figures import figures_of_text, reading_score
from shanhai_nlp.spam import get_detector, infer_repairs
from shanhai_nlp.text.script import detect_script
from shanhai_nlp.text.views import simplified_view

DATELINE_RE = re.compile(
    r"^(新華社|新华社|中新社|中新网|中新網|中央社|本報|本报|人民網|人民网).{0,12}(電|电|訊|讯)"
)
BYLINE_RE = re.compile(r"(記者|记者|通訊員|通讯员|編輯|编辑|責任編輯|责任编辑)")
CAPTION_RE = re.compile(r"(攝|摄|供圖|供图)[)）]?$|^(圖為|图为)")
META_RE = re.compile(r"^(作者|分類|分类|來源|来源|標籤|标签|發布時間|发布时间)\s*[:：]")
BOILERPLATE = (
    "留言",
    "發佈留言",
    "发布留言",
    "分享",
    "相關新聞",
    "相关新闻",
    "延伸閱讀",
    "延伸阅读",
    "回上一頁",
)

#: the ``source`` of pre-annotated blocks (type by the line's form, section by the classifier)
#: and figures
BLOCK_SOURCE = "annotate.blocks"
FIGURE_SOURCE = "figures"

#: texts -> (section, its score) for each
SectionGuess = Callable[[list[str]], list[tuple[str, float | None]]]
#: text -> (start, end, label, score or None) for each entity
EntityGuess = Callable[[str], list[tuple[int, int, str, float | None]]]


#: the longest line read as a heading
HEADING_MAX = 30
#: a line ending in one of these (before closing quotes) is a sentence, not a heading
SENTENCE_END = ("。", "！", "？", "；", "!", "?", ";", "…")
CLOSERS = "」』”’\"')）"


def is_sentence(line: str) -> bool:
    """Whether a line ends as a sentence does (closing quotes and brackets looked through)."""
    return line.rstrip(CLOSERS).endswith(SENTENCE_END)


def block_type(line: str, *, index: int, spam_only: bool, following: str | None = None) -> str:
    """A block type guessed from the line's form and the line after it (``following``).

    A heading is short and not a sentence: either it has a colon (產業協作:更注重幫扶), or
    prose follows it (a sentence, or a line longer than a heading may be).

    Example:
        >>> [block_type(x, index=1, spam_only=False) for x in ["產業協作:更注重幫扶", "圖為基地。"]]
        ['heading', 'caption']
        >>> prose = "去年,各区采购农产品。"
        >>> block_type("农产品走出大山", index=4, spam_only=False, following=prose)
        'heading'
        >>> block_type("农产品走出大山", index=4, spam_only=False, following=None)
        'body'
    """
    if spam_only:
        return "spam_only"
    if index == 0:
        return "title"
    if META_RE.match(line):
        return "meta"
    if DATELINE_RE.match(line):
        return "dateline_headline"
    if BYLINE_RE.search(line) and len(line) <= HEADING_MAX and "。" not in line:
        return "byline"
    if CAPTION_RE.search(line):
        return "caption"
    if any(line.startswith(b) for b in BOILERPLATE) or "必填" in line:
        return "boilerplate"
    if len(line) <= HEADING_MAX and not is_sentence(line):
        if re.search(r"[:：]", line) and "。" not in line:
            return "heading"
        if following is not None and (is_sentence(following) or len(following) > HEADING_MAX):
            return "heading"
    return "body"


def _blocks(raw: str, spam: Sequence[SpamSpan], clean: View, sections: SectionGuess) -> list[Block]:
    spam_chars = {i for s in spam for i in range(s.start, s.end)}
    lines = block_extents(raw)
    blocks = []
    for index, (start, end, text) in enumerate(lines):
        only_spam = all(i in spam_chars or text[i - start].isspace() for i in range(start, end))
        blocks.append(
            Block(
                start=start,
                end=end,
                text=text,
                type=block_type(
                    text,
                    index=index,
                    spam_only=only_spam,
                    following=lines[index + 1][2] if index + 1 < len(lines) else None,
                ),
                section="none",
                source=BLOCK_SOURCE,
                status=DRAFT,
            )
        )
    classified = [i for i, b in enumerate(blocks) if b.type in ("body", "heading", "caption")]
    if classified:
        texts = [
            clean.text[slice(*clean.span_from_raw(blocks[i].start, blocks[i].end))]
            for i in classified
        ]
        for i, text, (label, score) in zip(classified, texts, sections(texts), strict=True):
            blocks[i] = replace(blocks[i], section=label, score=score, topics=guess_topics(text))
    # the lede: body paragraphs before the first heading, when the article has headings
    first_heading = next((i for i, b in enumerate(blocks) if b.type == "heading"), None)
    if first_heading is not None:
        for i in range(first_heading):
            if blocks[i].type == "body":
                blocks[i] = replace(blocks[i], section="overview", score=None)
    return blocks


#: topics a pre-annotated block gets at most ("most blocks get one or two")
MAX_TOPICS = 2


def guess_topics(text: str) -> tuple[str, ...]:
    """The taxonomy's topics whose keywords the text holds (either script), most hits first,
    at most :data:`MAX_TOPICS`; ties in the taxonomy's order.

    Example:
        >>> guess_topics("醫生到縣人民醫院開展手術,培訓當地醫師")
        ('healthcare', 'talent_exchange')
    """
    simplified = simplified_view(text)
    hits = {
        topic: sum(simplified.count(word) for word in words)
        for topic, words in labels.TOPIC_KEYWORDS.items()
    }
    ranked = sorted((t for t in hits if hits[t]), key=lambda t: -hits[t])
    return tuple(ranked[:MAX_TOPICS])


def _entities(
    raw: str, clean: View, blocks: Sequence[Block], guess: EntityGuess, source: str
) -> list[Entity]:
    out = []
    for block in blocks:
        if block.type in ("spam_only", "boilerplate", "meta"):
            continue
        c_start, c_end = clean.span_from_raw(block.start, block.end)
        for s, e, label, score in guess(clean.text[c_start:c_end]):
            start, end = clean.span_to_raw(c_start + s, c_start + e)
            out.append(
                Entity(
                    start=start,
                    end=end,
                    text=raw[start:end],
                    label=label,
                    source=source,
                    score=score,
                    status=DRAFT,
                )
            )
    return out


def default_section_guess(corpus: Corpus | None, model: Path | None = None) -> SectionGuess:
    """The saved baseline model if given, else one fitted now on the corpus's paragraphs; with
    neither, every section ``none`` (a draft without a score)."""
    from shanhai_nlp.dataset.folds import is_classified
    from shanhai_nlp.train.baseline import TextClassifier, load_settings, tfidf_logreg

    if model is not None and model.exists():
        classifier = TextClassifier.load(model)
    elif corpus is None:
        return lambda texts: [("none", None)] * len(texts)
    else:
        pairs = []
        for doc in corpus.documents():
            view = doc.clean()
            for b in doc.blocks:
                if is_classified(b):
                    pairs.append((view.text[slice(*view.span_from_raw(b.start, b.end))], b.section))
        if len({label for _, label in pairs}) < 2:
            return lambda texts: [("none", None)] * len(texts)
        classifier = tfidf_logreg(load_settings(corpus.root / "configs" / "baseline.json")).fit(
            [t for t, _ in pairs], [label for _, label in pairs]
        )
    return lambda texts: [(label, scores[label]) for label, scores in classifier.predict(texts)]


def default_entity_guess(corpus: Corpus | None, model: Path | None = None) -> EntityGuess:
    """LAC with the guidelines' conventions (:mod:`shanhai_nlp.entities`), with LAC's
    confidence as each entity's score, by default; a trained
    NER pipeline when ``model`` is a folder that exists; else the corpus's gold entity strings
    (a gazetteer; none without a corpus)."""
    if model is None:
        from shanhai_nlp.entities.lac import lac_entities_scored

        return cast(EntityGuess, lac_entities_scored)  # its scores are never None
    if model.exists():
        import spacy

        import shanhai_nlp.text.tokenizer  # noqa: F401

        nlp = spacy.load(model)
        return lambda text: [(e.start_char, e.end_char, e.label_, None) for e in nlp(text).ents]
    from shanhai_nlp.text.views import simplified_view
    from shanhai_nlp.train.ner import gazetteer_ents

    table: dict[str, str] = {}  # matched on the Simplified view: both scripts alike
    for doc in corpus.documents() if corpus else []:
        view = doc.clean()
        for e in doc.entities:
            name = view.text[slice(*view.span_from_raw(e.start, e.end))]
            table.setdefault(simplified_view(name), e.label)
    return lambda text: [(*ent, None) for ent in gazetteer_ents(simplified_view(text), table)]


def annotate_text(
    raw: str,
    *,
    doc_id: str,
    detector: str = "auto",
    sections: SectionGuess,
    entities: EntityGuess,
    entity_source: str = "lac",
) -> Document:
    """A pre-annotated document, every span a draft, that passes validation."""
    spam = tuple(infer_repairs(raw, get_detector(detector)(raw)))
    spam = tuple(replace(s, status=DRAFT) for s in spam)
    clean = clean_view(raw, spam)  # one clean view for all layers
    blocks = tuple(_blocks(raw, spam, clean, sections))
    doc = Document(
        doc_id,
        raw,
        spam=spam,
        blocks=blocks,
        entities=tuple(_entities(raw, clean, blocks, entities, entity_source)),
        figures=tuple(
            replace(f, source=FIGURE_SOURCE, status=DRAFT, score=reading_score(f))
            for f in figures_of_text(raw, spam)
        ),
    )
    bad_layers: dict[str, set[int]] = {}
    for problem in validate_document(doc):
        if problem.layer in ("entities", "figures") and problem.index is not None:
            bad_layers.setdefault(problem.layer, set()).add(problem.index)
    doc = replace(
        doc,
        entities=tuple(
            e for i, e in enumerate(doc.entities) if i not in bad_layers.get("entities", set())
        ),
        figures=tuple(
            f for i, f in enumerate(doc.figures) if i not in bad_layers.get("figures", set())
        ),
    )
    problems = validate_document(doc)
    if problems:
        raise ShanhaiError(f"pre-annotation of {doc_id} does not validate: {problems[0]}")
    return doc


def metadata(doc: Document, *, source: str) -> dict[str, Any]:
    title = doc.clean().text.strip().split("\n", 1)[0]
    return {
        "id": doc.id,
        "title": title,
        "source_site": source,
        "script": detect_script(doc.raw_text),
        "language": "zh",
        "raw_sha256": sha256_text(doc.raw_text),
        "licence": "unknown: check the source's terms before redistributing",
        "pollution": f"pre-annotated: {len(doc.spam)} spam span(s), "
        f"{sum(len(s) for s in doc.spam)} characters (to be checked by a person)",
    }


def add_to_corpus(path: str | Path, doc: Document, corpus: Corpus) -> list[Path]:
    """Copy the raw file byte for byte into corpus/ and write metadata and annotations."""
    if doc.id in corpus.ids():
        raise ShanhaiError(f"document {doc.id!r} is already in the corpus; choose another --id")
    corpus.corpus_dir.mkdir(parents=True, exist_ok=True)
    corpus.annotations_dir.mkdir(parents=True, exist_ok=True)
    written = [corpus.meta_path(doc.id), corpus.annotation_path(doc.id), corpus.text_path(doc.id)]
    write_json_atomic(written[0], metadata(doc, source=str(path)))
    write_json_atomic(written[1], document_to_json(doc))
    shutil.copyfile(path, written[2])  # last: the document exists only once it is complete
    return written


def annotate_file(
    path: str | Path,
    *,
    doc_id: str | None = None,
    root: str | Path | None = None,
    detector: str = "auto",
) -> Document:
    """Pre-annotate a text file. A corpus (``root``, ``$SHANHAI_ROOT`` or the nearest
    ``corpus/`` upwards) lends its section model (``build/models/sections-baseline-v1``), or
    its paragraphs to fit one; without a corpus the file is pre-annotated all the same, with
    every section ``none``."""
    raw = read_text(path)
    try:
        corpus: Corpus | None = Corpus.find(root)
    except ShanhaiError:
        if root is not None:
            raise
        corpus = None
    model = corpus.root / "build" / "models" / "sections-baseline-v1" if corpus else None
    return annotate_text(
        raw,
        doc_id=check_document_id(Path(path).stem if doc_id is None else doc_id),
        detector=detector,
        sections=default_section_guess(corpus, model),
        entities=default_entity_guess(corpus),
    )
