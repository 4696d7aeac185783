"""Load the exported corpus with ``datasets``, offline."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from shanhai_nlp.dataset.features import DEFAULT_CONFIG
from shanhai_nlp.errors import ShanhaiError

DEFAULT_EXPORT = Path("build/dataset")


def load_dataset(
    config: str = DEFAULT_CONFIG,
    *,
    path: str | Path | None = None,
    root: str | Path | None = None,
    export_missing: bool = True,
) -> Any:
    """A ``DatasetDict`` of one config, exporting the corpus first when the export is missing
    or was built from other annotations than the corpus holds now (with
    ``export_missing=False``, a missing export is an error saying how to make it, and an
    existing one is read as it is).

    Example:
        >>> ds = load_dataset("paragraphs")  # doctest: +SKIP
        >>> ds["train"].features["section"].names  # doctest: +SKIP
        ['overview', 'industry', 'talent', 'consumption', 'none']
    """
    import datasets

    from shanhai_nlp.dataset.export import export_dataset, export_record

    folder = (
        Path(path) if path is not None else (Path(root) if root else Path.cwd()) / DEFAULT_EXPORT
    )
    if not (folder / "README.md").exists():
        if not export_missing:
            raise ShanhaiError(
                f"{folder}: no dataset export here; run `shanhai dataset export {folder}` first"
            )
        export_dataset(folder, root=root)
    elif export_missing:
        record = export_record(folder)
        if _stale(record, root):
            include_drafts = bool(record and record.get("include_drafts"))
            export_dataset(folder, root=root, include_drafts=include_drafts)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
    return datasets.load_dataset(str(folder), config)


def _stale(record: dict[str, Any] | None, root: str | Path | None) -> bool:
    """Whether an export with this ``record`` was built from another state of the corpus than
    the one at ``root`` (or found from the current folder); False when there is no corpus to
    compare."""
    from shanhai_nlp.corpus import Corpus

    try:
        now = Corpus.find(root).fingerprint()
    except ShanhaiError:
        return False
    return record is None or record.get("corpus_sha256") != now
