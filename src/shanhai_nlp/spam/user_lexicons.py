"""Detectors with a user's own spam families (``--lexicon FILE|DIR``).

A file is one family (one term a line, ``#`` comments; both scripts are generated), a folder
one family per ``*.txt`` file. ``lexicon`` and ``lexicon_all`` match the user's terms besides
their own; ``auto`` adds them to the lexicon whose hits context must confirm.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.resources import lexicon_families, read_lexicon_path
from shanhai_nlp.spam.base import Detector, get_detector
from shanhai_nlp.spam.lexicon import DEFAULT_FAMILIES, LexiconDetector
from shanhai_nlp.spam.mine import read_vocab

#: the detectors a user lexicon can extend, and the shipped families each matches
EXTENSIBLE = ("lexicon", "lexicon_all", "auto")


def user_terms(paths: Sequence[str | Path]) -> dict[str, list[str]]:
    """Every family of ``paths`` (a later family of the same name adds its terms)."""
    out: dict[str, list[str]] = {}
    for path in paths:
        for family, terms in read_lexicon_path(path).items():
            out.setdefault(family, []).extend(terms)
    return out


def lexicon_fingerprint(paths: Sequence[str | Path]) -> str:
    """A hash of the user's terms (what a run's output depends on)."""
    digest = hashlib.sha256()
    for family, terms in sorted(user_terms(paths).items()):
        digest.update(family.encode() + b"\0" + "\n".join(terms).encode())
    return digest.hexdigest()[:16]


def detector_with_lexicons(
    name: str, paths: Sequence[str | Path] = (), *, mined: str | Path | None = None
) -> Detector:
    """The registered detector ``name``, with the user's families when ``paths`` are given,
    and the confident rows of a mined ``VOCAB.tsv`` (:mod:`~shanhai_nlp.spam.mine`) as the
    family ``mined``."""
    if not paths and mined is None:
        return get_detector(name)
    return _build(name, tuple(str(p) for p in paths), None if mined is None else str(mined))


def mined_fingerprint(mined: str | Path) -> str:
    """A hash of the confident strings of a mined vocabulary."""
    return hashlib.sha256("\n".join(read_vocab(mined)).encode()).hexdigest()[:16]


@lru_cache(maxsize=8)
def _build(name: str, paths: tuple[str, ...], mined: str | None) -> Detector:
    extra = user_terms(paths)
    if mined is not None:
        extra.setdefault("mined", []).extend(read_vocab(mined))
    if name == "auto":
        from shanhai_nlp.spam.auto import AutoDetector

        return AutoDetector(extra_terms=extra, line_end_families=["mined"] if mined else [])
    if name in ("lexicon", "lexicon_all"):
        shipped = DEFAULT_FAMILIES if name == "lexicon" else lexicon_families()
        return LexiconDetector.from_families(shipped, name=name, extra=extra)
    raise ShanhaiError(f"--lexicon works with {', '.join(EXTENSIBLE)}, not the detector {name!r}")
