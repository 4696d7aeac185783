"""Export the corpus as a folder in the Hugging Face Hub's layout (Parquet + dataset card).

The export is atomic: it is built in a temporary folder beside the target and swapped in only
when complete, so a failed run leaves any earlier export intact. Files are written in a fixed
order with fixed settings, so re-running it gives byte-identical files.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from shanhai_nlp import __version__
from shanhai_nlp.corpus import Corpus
from shanhai_nlp.dataset import rows as R
from shanhai_nlp.dataset.card import DraftNote, render_card
from shanhai_nlp.dataset.docbins import FOLDER, docbins
from shanhai_nlp.dataset.features import CONFIGS, features
from shanhai_nlp.document.io import file_lock, umask
from shanhai_nlp.document.model import LAYER_NAMES, Document
from shanhai_nlp.errors import ShanhaiError, ValidationError

SPLIT = "train"  # one article: a single split, with cross-validation folds inside it
#: what the export was built from (the corpus's fingerprint) and with which settings
RECORD = "shanhai_export.json"


def export_record(folder: str | Path) -> dict[str, Any] | None:
    """The record an export keeps of what it was built from, or None (none, or unreadable)."""
    try:
        data = json.loads((Path(folder) / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def default_tokenize() -> Callable[[str], list[str]]:
    """pkuseg words through the Traditional-aware tokenizer (whitespace kept as words)."""
    from shanhai_nlp.text.tokenizer import blank_pipeline

    nlp = blank_pipeline()
    return lambda text: [t.text_with_ws for t in nlp(text)]


def once_per_text(tokenize: Callable[[str], list[str]]) -> Callable[[str], list[str]]:
    """``tokenize`` run once per distinct text: the ``ner`` rows and both kinds of DocBin cut
    the same blocks. Each call gets its own list."""
    seen: dict[str, list[str]] = {}

    def words(text: str) -> list[str]:
        if text not in seen:
            seen[text] = tokenize(text)
        return list(seen[text])

    return words


def build_rows(
    docs: Sequence[Document], tokenize: Callable[[str], list[str]]
) -> dict[str, list[dict[str, Any]]]:
    return {
        "paragraphs": R.paragraph_rows(docs),
        "documents": R.document_rows(docs),
        "spam": R.spam_rows(docs),
        "ner": R.ner_rows(docs, tokenize),
        "figures": R.figure_rows(docs),
    }


def entity_labels(docs: Sequence[Document]) -> list[str]:
    """Entity labels used in the corpus, in the scheme's order."""
    from shanhai_nlp.labels import ENTITY_LABELS

    used = {e.label for d in docs for e in d.entities}
    return [label for label in ENTITY_LABELS if label in used]


def select_reviewed(
    docs: Sequence[Document], *, include_drafts: bool
) -> tuple[list[Document], DraftNote]:
    """The documents to export and what happened to their drafts. Without ``include_drafts``
    every draft span is left out, and so is a document left with no span at all."""
    total = sum(sum(d.drafts().values()) for d in docs)
    if include_drafts:
        return list(docs), DraftNote(included=total)
    reviewed = [d.reviewed() for d in docs]
    kept = [d for d in reviewed if any(d.layer(name) for name in LAYER_NAMES)]
    kept_ids = {d.id for d in kept}
    dropped = [d.id for d in reviewed if d.id not in kept_ids]
    return kept, DraftNote(left_out=total, documents_left_out=dropped)


def export_dataset(
    out_dir: str | Path,
    *,
    root: str | Path | None = None,
    tokenize: Callable[[str], list[str]] | None = None,
    include_drafts: bool = False,
) -> Path:
    """Validate the corpus and write the export to ``out_dir`` (atomically). Returns the folder.
    Draft spans (pre-annotations nobody reviewed) are left out unless ``include_drafts``."""
    import datasets

    datasets.disable_progress_bars()
    corpus = Corpus.find(root)
    problems = corpus.validate()
    if problems:
        raise ValidationError([f"cannot export: {p}" for p in problems])
    docs, drafts = select_reviewed(corpus.documents(), include_drafts=include_drafts)
    if not docs:
        raise ShanhaiError(
            "cannot export: no document has a reviewed span; review the drafts or pass "
            "--include-drafts"
        )
    labels = entity_labels(docs)
    tokenize = once_per_text(tokenize or default_tokenize())
    rows = build_rows(docs, tokenize)
    spacy_files = docbins(rows, tokenize)
    target = Path(out_dir)
    lock = target.parent / f".{target.name}.lock"
    # the lock keeps a second export from removing this one's temporary folder as stale; each
    # export swaps in a complete folder, so the folder is whole whatever the lock misses
    busy = f"{target}: another export is writing it; wait for it"
    with file_lock(lock, busy=busy, remove=True):
        for stale in target.parent.glob(f".{target.name}.*"):
            if stale.is_dir():  # left by an export that was killed: this one holds the lock
                shutil.rmtree(stale, ignore_errors=True)
        record = {
            "corpus_sha256": corpus.fingerprint(),
            "include_drafts": include_drafts,
            "shanhai_nlp": __version__,
        }
        _write_export(target, corpus, docs, labels, rows, spacy_files, drafts, record)
    return target


def _write_export(
    target: Path,
    corpus: Corpus,
    docs: Sequence[Document],
    labels: list[str],
    rows: dict[str, list[dict[str, Any]]],
    spacy_files: dict[str, bytes],
    drafts: DraftNote,
    record: dict[str, Any],
) -> None:
    """The export written into a temporary folder beside ``target``, then swapped in."""
    from datasets import Dataset

    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        os.chmod(tmp, 0o777 & ~umask())  # mkdtemp makes it 0700: the user's umask decides
        counts = {}
        for config in CONFIGS:
            feats = features(config, entity_labels=labels)
            ds = Dataset.from_list(rows[config], features=feats)
            (tmp / config).mkdir()
            ds.to_parquet(str(tmp / config / f"{SPLIT}-00000-of-00001.parquet"))
            counts[config] = (len(ds), ds.data.nbytes)
        (tmp / FOLDER).mkdir()
        for name, data in spacy_files.items():
            (tmp / FOLDER / name).write_bytes(data)
        (tmp / "README.md").write_text(
            render_card(docs, counts, labels, rows, drafts), encoding="utf-8"
        )
        (tmp / RECORD).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
        guidelines = corpus.annotations_dir / "GUIDELINES.md"
        if guidelines.exists():
            shutil.copyfile(guidelines, tmp / "GUIDELINES.md")
        _swap_in(tmp, target)
    except OSError as exc:  # a full disk, a file in the way: one line, the old export kept
        shutil.rmtree(tmp, ignore_errors=True)
        raise ShanhaiError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _swap_in(new: Path, target: Path) -> None:
    """Replace ``target`` by ``new`` with renames only."""
    if target.exists() and not target.is_dir():
        raise ShanhaiError(f"{target}: exists and is not a folder")
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        os.rmdir(old)
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
