"""Data files: spam lexicons per family (``lexicons/<family>.txt``)."""

from __future__ import annotations

from importlib import resources

LEXICON_PACKAGE = "shanhai_nlp.resources.lexicons"


def lexicon_families() -> list[str]:
    """Names of the shipped spam lexicon families."""
    files = resources.files(LEXICON_PACKAGE).iterdir()
    return sorted(f.name.removesuffix(".txt") for f in files if f.name.endswith(".txt"))


def read_lexicon(family: str) -> list[str]:
    """The terms of one family: one per line, ``#`` starts a comment, blank lines skipped."""
    text = resources.files(LEXICON_PACKAGE).joinpath(f"{family}.txt").read_text(encoding="utf-8")
    terms = []
    for line in text.splitlines():
        term = line.split("#", 1)[0].strip()
        if term:
            terms.append(term)
    return terms
