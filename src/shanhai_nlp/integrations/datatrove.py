"""A datatrove pipeline step that removes injected spam and keeps what it removed.

::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from shanhai_nlp.integrations.datatrove import SpamCleaner

    LocalPipelineExecutor(
        pipeline=[JsonlReader("crawl/"), SpamCleaner(detector="auto"), JsonlWriter("clean/")],
        tasks=2,
    ).run()

Each document's text becomes its clean text; ``metadata["shanhai_spam"]`` holds the removed
spans (start, end, text, repair, score, detector: offsets into the raw text), the raw text's
SHA-256 and the detector's name, so the raw text can be rebuilt and checked. Needs the
``shanhai_nlp[datatrove]`` extra.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from shanhai_nlp.document.io import sha256_text
from shanhai_nlp.spam.base import batched
from shanhai_nlp.spam.stream import SPAN_NAMES, CleanSettings, clean_records

METADATA_KEY = "shanhai_spam"


class SpamCleaner(PipelineStep):  # type: ignore[misc]  # datatrove ships no type hints
    """Replace each document's text by its clean text; keep the spans in its metadata."""

    name = "🧹 shanhai spam cleaner"
    type = "✂️ - FORMAT"

    def __init__(self, detector: str = "auto", *, batch_size: int = 256) -> None:
        super().__init__()
        self.detector = detector
        self.batch_size = batch_size

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> Iterator[Document]:
        settings = CleanSettings(detector=self.detector)
        for batch in batched(data, self.batch_size):
            with self.track_time(unit="batch"):
                rows = clean_records([doc.text for doc in batch], settings)
            for doc, row in zip(batch, rows, strict=True):
                self.stat_update("documents")
                self.stat_update("spam_spans", value=row["spam_count"])
                self.stat_update("spam_chars", value=row["spam_chars"])
                doc.metadata[METADATA_KEY] = _metadata(doc.text, row, self.detector)
                doc.text = row["clean_text"]
                yield doc


def _metadata(raw: str, row: dict[str, Any], detector: str) -> dict[str, Any]:
    return {
        "detector": detector,
        "raw_sha256": sha256_text(raw),
        "spans": [dict(zip(SPAN_NAMES, span, strict=True)) for span in row["spam_spans"]],
    }
