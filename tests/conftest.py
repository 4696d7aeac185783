"""Shared fixtures: the project's own corpus (no ../shared needed) and scratch copies of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from shanhai_nlp.corpus import Corpus
from shanhai_nlp.document import Document

# property tests check correctness, not speed: no per-example deadline on a busy machine
settings.register_profile("shanhai", deadline=None)
settings.load_profile("shanhai")

ROOT = Path(__file__).resolve().parents[1]
SEED_ID = "000_ba37726988884541"


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return Corpus(ROOT)


@pytest.fixture(scope="session")
def seed(corpus: Corpus) -> Document:
    return corpus.load(SEED_ID)


@pytest.fixture()
def scratch_root(tmp_path: Path) -> Path:
    """A writable copy of corpus/ and annotations/ for tests that break things."""
    for name in ("corpus", "annotations"):
        shutil.copytree(ROOT / name, tmp_path / name)
    return tmp_path


def find(doc: Document, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of ``needle`` in the raw text."""
    pos = -1
    for _ in range(nth + 1):
        pos = doc.raw_text.index(needle, pos + 1)
    return pos, pos + len(needle)
