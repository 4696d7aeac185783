"""Data files: spam lexicons per family (``lexicons/<family>.txt``)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

LEXICON_PACKAGE = "shanhai_nlp.resources.lexicons"


def lexicon_families() -> list[str]:
    """Names of the shipped spam lexicon families."""
    files = resources.files(LEXICON_PACKAGE).iterdir()
    return sorted(f.name.removesuffix(".txt") for f in files if f.name.endswith(".txt"))


def read_lexicon(family: str) -> list[str]:
    """The terms of one family: one per line, ``#`` starts a comment, blank lines skipped."""
    text = resources.files(LEXICON_PACKAGE).joinpath(f"{family}.txt").read_text(encoding="utf-8")
    return parse_terms(text)


def parse_terms(text: str) -> list[str]:
    r"""The terms of a lexicon file's text (see :func:`read_lexicon`).

    Example:
        >>> parse_terms("# my family\n包養網\n\n甜心 # both scripts are made\n")
        ['包養網', '甜心']
    """
    terms = []
    for line in text.splitlines():
        term = line.split("#", 1)[0].strip()
        if term:
            terms.append(term)
    return terms


def read_lexicon_path(path: str | Path) -> dict[str, list[str]]:
    """A user's lexicons: a file is one family (named after its stem), a folder holds one
    family per ``*.txt`` file. A missing path, a file that is not UTF-8 or holds no term, or a
    folder without one is one :class:`~shanhai_nlp.errors.InputFileError`."""
    from shanhai_nlp.document.io import read_text
    from shanhai_nlp.errors import InputFileError

    path = Path(path)
    files = sorted(path.glob("*.txt")) if path.is_dir() else [path]
    if not files:
        raise InputFileError(path, "a lexicon folder needs *.txt files, one family each")
    out = {}
    for file in files:
        terms = parse_terms(read_text(file))
        if not terms:
            raise InputFileError(file, "no lexicon term in it (one a line, # for comments)")
        if any("\n" in t for t in terms) or any(len(t) > 64 for t in terms):
            raise InputFileError(file, "a lexicon term is at most 64 characters")
        out[file.stem] = terms
    return out
