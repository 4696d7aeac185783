"""Find documents in a project's ``corpus/`` and ``annotations/`` folders.

Layout (new articles need no code change)::

    corpus/<id>.txt          the verbatim raw text, byte-identical to the source
    corpus/<id>.meta.json    metadata record (title, source, date, licence note, ...)
    annotations/<id>.json    gold standoff annotations over the raw text
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shanhai_nlp.document.io import document_from_json, read_json, read_text, sha256_text
from shanhai_nlp.document.model import Document
from shanhai_nlp.document.validate import Problem, validate_document
from shanhai_nlp.errors import DocumentNotFoundError, ShanhaiError

ROOT_ENV = "SHANHAI_ROOT"
#: a document id: letters (any script), digits, ``.``, ``_`` and ``-``, starting with a letter
#: or digit: it becomes a file name, never a path
DOCUMENT_ID_RE = re.compile(r"[^\W_][\w.\-]{0,127}")


def check_document_id(doc_id: str) -> str:
    """``doc_id`` if it is a valid document id (the one check, wherever an id becomes a path).

    Example:
        >>> check_document_id("000_ba37726988884541")
        '000_ba37726988884541'
        >>> check_document_id("../../escape")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        shanhai_nlp.errors.ShanhaiError: document id '../../escape' is not valid: ...
    """
    if not isinstance(doc_id, str) or not DOCUMENT_ID_RE.fullmatch(doc_id) or ".." in doc_id:
        raise ShanhaiError(
            f"document id {doc_id!r} is not valid: use letters, digits, '.', '_' and '-' "
            "(at most 128), starting with a letter or digit"
        )
    return doc_id


@dataclass(frozen=True, slots=True)
class Corpus:
    """The corpus of one project folder."""

    root: Path

    def __post_init__(self) -> None:
        object.__setattr__(self, "root", Path(self.root))

    @classmethod
    def find(cls, root: str | Path | None = None) -> Corpus:
        """The corpus at ``root``, else ``$SHANHAI_ROOT``, else the nearest ``corpus/`` upwards."""
        if root is not None:
            return cls(Path(root))
        if os.environ.get(ROOT_ENV):
            return cls(Path(os.environ[ROOT_ENV]))
        here = Path.cwd()
        for candidate in (here, *here.parents):
            if (candidate / "corpus").is_dir():
                return cls(candidate)
        raise ShanhaiError(
            f"no corpus/ folder in {here} or its parents; pass --root or set {ROOT_ENV}"
        )

    @property
    def corpus_dir(self) -> Path:
        return self.root / "corpus"

    @property
    def annotations_dir(self) -> Path:
        return self.root / "annotations"

    def ids(self) -> list[str]:
        """Document ids, sorted: the stems of ``corpus/*.txt``."""
        if not self.corpus_dir.is_dir():
            raise ShanhaiError(f"{self.corpus_dir}: no such folder")
        return sorted(p.stem for p in self.corpus_dir.glob("*.txt"))

    def text_path(self, doc_id: str) -> Path:
        return self.corpus_dir / f"{check_document_id(doc_id)}.txt"

    def meta_path(self, doc_id: str) -> Path:
        return self.corpus_dir / f"{check_document_id(doc_id)}.meta.json"

    def annotation_path(self, doc_id: str) -> Path:
        return self.annotations_dir / f"{check_document_id(doc_id)}.json"

    def metadata(self, doc_id: str) -> dict[str, Any]:
        path = self.meta_path(doc_id)
        if not path.exists():
            return {"id": doc_id}
        meta = read_json(path)
        if not isinstance(meta, dict):
            raise ShanhaiError(f"{path}: expected a JSON object")
        return meta

    def load(self, doc_id: str) -> Document:
        """Load one document with its annotations (without validating them)."""
        doc, _ = self._load(doc_id)
        return doc

    def _load(self, doc_id: str) -> tuple[Document, list[Problem]]:
        if doc_id not in self.ids():
            raise DocumentNotFoundError(doc_id, self.ids())
        raw = read_text(self.text_path(doc_id))
        meta = self.metadata(doc_id)
        path = self.annotation_path(doc_id)
        if not path.exists():
            problem = Problem(doc_id, "", None, None, f"no annotation file {path}")
            return Document(doc_id, raw, meta=meta), [problem]
        doc, raw_sha = document_from_json(read_json(path), raw, path=path, meta=meta)
        messages = []
        if doc.id != doc_id:
            messages.append(f"{path} says document_id {doc.id!r}, expected {doc_id!r}")
        actual = sha256_text(raw)
        for source, expected in ((path, raw_sha), (self.meta_path(doc_id), meta.get("raw_sha256"))):
            if expected is not None and expected != actual:
                messages.append(f"{source}: raw_sha256 does not match {self.text_path(doc_id)}")
        problems = [Problem(doc_id, "", None, None, m) for m in messages]
        return doc, problems

    def documents(self) -> list[Document]:
        """All documents, in id order."""
        return [self.load(doc_id) for doc_id in self.ids()]

    def validate(self) -> list[Problem]:
        """Every problem of every document; file and format errors become problems too."""
        problems: list[Problem] = []
        for doc_id in self.ids():
            try:
                doc, found = self._load(doc_id)
            except ShanhaiError as exc:
                problems.append(Problem(doc_id, "", None, None, str(exc)))
                continue
            problems.extend(found)
            problems.extend(validate_document(doc))
        return problems

    def fingerprint(self) -> str:
        """sha256 over every document's raw text, metadata and annotation file: it changes
        whenever anything an export is built from changes."""
        digest = hashlib.sha256()
        for doc_id in self.ids():
            for path in (
                self.text_path(doc_id),
                self.meta_path(doc_id),
                self.annotation_path(doc_id),
            ):
                digest.update(f"{path.name}\0".encode())
                digest.update(path.read_bytes() if path.exists() else b"-")
                digest.update(b"\0")
        return digest.hexdigest()

    def drafts(self) -> dict[str, dict[str, int]]:
        """Document id -> draft spans per layer, for the documents that hold any."""
        counts = {doc.id: doc.drafts() for doc in self.documents()}
        return {doc_id: c for doc_id, c in counts.items() if any(c.values())}


def corpus_stats(docs: list[Document]) -> dict[str, Any]:
    """Counts per document and per label, for reports and the dataset card."""
    per_doc = []
    labels: dict[str, Counter[str]] = {
        "block_type": Counter(),
        "section": Counter(),
        "topic": Counter(),
        "entity": Counter(),
        "qualifier": Counter(),
    }
    for doc in docs:
        clean = doc.clean().text
        per_doc.append(
            {
                "id": doc.id,
                "raw_chars": len(doc.raw_text),
                "clean_chars": len(clean),
                "spam_spans": len(doc.spam),
                "spam_chars": sum(len(s) for s in doc.spam),
                "replacing_spans": sum(s.replaced for s in doc.spam),
                "blocks": len(doc.blocks),
                "entities": len(doc.entities),
                "figures": len(doc.figures),
            }
        )
        labels["block_type"].update(b.type for b in doc.blocks)
        labels["section"].update(b.section for b in doc.blocks)
        labels["topic"].update(t for b in doc.blocks for t in b.topics)
        labels["entity"].update(e.label for e in doc.entities)
        labels["qualifier"].update(f.qualifier for f in doc.figures)
    return {"documents": per_doc, "labels": {k: dict(sorted(v.items())) for k, v in labels.items()}}
