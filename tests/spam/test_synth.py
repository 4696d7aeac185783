"""The synthesiser: seeded, reproducible, gold spans exactly the injected characters."""

from __future__ import annotations

import pytest

from shanhai_nlp.spam.lexicon import LexiconDetector
from shanhai_nlp.spam.synth import (
    FAMILIES,
    PATTERNS,
    Synthesiser,
    clean_paragraphs,
    synthetic_documents,
)


@pytest.fixture(scope="module")
def paragraphs(seed) -> list[str]:
    return clean_paragraphs([seed.clean().text])


def test_synth_is_reproducible(paragraphs) -> None:
    a = list(synthetic_documents(paragraphs, n_docs=10, seed=7))
    b = list(synthetic_documents(paragraphs, n_docs=10, seed=7))
    assert a == b
    assert a != list(synthetic_documents(paragraphs, n_docs=10, seed=8))


@pytest.mark.parametrize("pattern", PATTERNS)
def test_synth_removing_gold_gives_back_the_clean_text(paragraphs, pattern: str) -> None:
    synth = Synthesiser(seed=3, patterns=[pattern])
    clean = "\n\n".join(paragraphs[:6]) + "\n"
    doc = synth.inject(clean, family="gambling", n_tokens=5, name=pattern)
    assert doc.gold, pattern
    bounds = zip([(0, 0), *doc.gold], [*doc.gold, (len(doc.text), 0)], strict=True)
    kept = "".join(doc.text[e:s] for (_, e), (s, _) in bounds)
    if pattern not in ("replace_char", "replace_quote"):
        # line breaks and list separators around injected lines are layout, not spam
        assert kept.replace("\n", "").replace("|", "") == clean.replace("\n", "")


@pytest.mark.parametrize("family", FAMILIES)
def test_synth_tokens_come_from_the_family(paragraphs, family: str) -> None:
    synth = Synthesiser(seed=1, patterns=["inside_word"])
    doc = synth.inject("\n\n".join(paragraphs[:4]), family=family, n_tokens=3, name="d")
    lexicon = LexiconDetector.from_families([family])
    assert all(lexicon(doc.text[s:e]) for s, e in doc.gold)
