"""Train spaCy pipelines from a config file, fold by fold, through spaCy's own training loop."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

from spacy.language import Language


def train_from_config(
    config_path: str | Path, overrides: dict[str, Any], *, log: TextIO | None = sys.stdout
) -> Language:
    """Initialise and train a pipeline exactly as ``spacy train`` would (progress table on
    ``log``), without writing it to disk."""
    from spacy.training.initialize import init_nlp
    from spacy.training.loop import train as train_loop
    from spacy.util import load_config

    import shanhai_nlp.text.tokenizer
    import shanhai_nlp.train.architectures
    import shanhai_nlp.train.readers  # noqa: F401  (they register names the configs use)

    config = load_config(config_path, overrides=overrides, interpolate=False)
    nlp = init_nlp(config, use_gpu=-1)
    sink = log if log is not None else open("/dev/null", "w")  # noqa: SIM115
    try:
        nlp, _ = train_loop(nlp, None, stdout=sink, stderr=sink)
    finally:
        if log is None:
            sink.close()
    return nlp


def fold_overrides(dataset: str | Path, fold: int, repeat: int) -> dict[str, Any]:
    return {"paths.dataset": str(dataset), "paths.fold": fold, "paths.repeat": repeat}


def all_data_overrides(dataset: str | Path) -> dict[str, Any]:
    """Train on every labelled block (the dev score is then not a held-out score)."""
    return {"paths.dataset": str(dataset), "corpora.train.part": "all", "corpora.dev.part": "all"}
