"""A batched cleaning function for Hugging Face ``datasets``.

::

    from datasets import load_dataset
    from shanhai_nlp.integrations.hf_datasets import clean_dataset

    ds = load_dataset("json", data_files="crawl.jsonl", split="train")
    ds = clean_dataset(ds, detector="auto", num_proc=2)
    ds[0]["clean_text"], ds[0]["spam_spans"]

Every input column is kept; the columns ``clean-corpus`` adds are added (``clean_text``,
``spam_spans`` as a list of structs, ``spam_count``, ``spam_chars``), plus ``raw_sha256``, the
SHA-256 of the raw text. To call ``map`` yourself, pass ``functools.partial(clean_batch, ...)``
and ``features=clean_features(ds.features)`` (each process would otherwise guess the span
struct's types from its own rows).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shanhai_nlp.document.io import sha256_text
from shanhai_nlp.spam.shards import ADDED
from shanhai_nlp.spam.stream import SPAN_NAMES, CleanSettings, clean_records

if TYPE_CHECKING:
    from datasets import Dataset, Features


def clean_batch(
    batch: dict[str, list[Any]], *, text_field: str = "text", detector: str = "auto"
) -> dict[str, list[Any]]:
    """The cleaning columns for a batch of ``datasets.map(batched=True)`` (a column of texts
    in ``text_field``; ``detector``: a registered detector name)."""
    texts = batch[text_field]
    rows = clean_records(list(texts), CleanSettings(text_field=text_field, detector=detector))
    return {
        "clean_text": [r["clean_text"] for r in rows],
        "spam_spans": [
            [dict(zip(SPAN_NAMES, span, strict=True)) for span in r["spam_spans"]] for r in rows
        ],
        "spam_count": [r["spam_count"] for r in rows],
        "spam_chars": [r["spam_chars"] for r in rows],
        "raw_sha256": [sha256_text(t) for t in texts],
    }


def clean_features(features: Features) -> Features:
    """``features`` with the columns :func:`clean_batch` adds (their types from the shard
    schema of ``clean-corpus``)."""
    from datasets import Features, Value

    added = Features.from_arrow_schema(ADDED)
    return Features({**features, **added, "raw_sha256": Value("string")})


def clean_dataset(
    dataset: Dataset,
    *,
    text_field: str = "text",
    detector: str = "auto",
    num_proc: int | None = None,
    batch_size: int = 256,
) -> Dataset:
    """``dataset`` with the cleaning columns, by ``dataset.map(batched=True)``."""
    from functools import partial

    return dataset.map(
        partial(clean_batch, text_field=text_field, detector=detector),
        batched=True,
        batch_size=batch_size,
        num_proc=num_proc,
        features=clean_features(dataset.features),
    )
