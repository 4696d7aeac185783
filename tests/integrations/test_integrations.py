"""datasets.map and a datatrove pipeline clean a crawl the way clean-corpus does."""

from __future__ import annotations

import gzip
import json
from functools import partial
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from shanhai_nlp.document import Document
from shanhai_nlp.document.io import sha256_text
from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.spam.repair import repair
from shanhai_nlp.spam.stream import CleanSettings, clean_corpus


def _crawl(seed: Document, folder: Path) -> list[dict[str, object]]:
    lines = [ln for ln in seed.raw_text.split("\n") if ln.strip()]
    records: list[dict[str, object]] = [
        {"id": str(i), "text": line} for i, line in enumerate(lines)
    ]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "crawl.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return records


def _span(stored: dict[str, object]) -> SpamSpan:
    return SpamSpan(
        start=int(stored["start"]),  # type: ignore[call-overload]
        end=int(stored["end"]),  # type: ignore[call-overload]
        text=str(stored["text"]),
        repair=None if stored["repair"] is None else str(stored["repair"]),
    )


def _clean_corpus_texts(folder: Path, out: Path) -> dict[str, str]:
    clean_corpus([folder / "crawl.jsonl"], out, settings=CleanSettings(detector="lexicon"))
    rows = [r for p in sorted(out.glob("*.parquet")) for r in pq.read_table(p).to_pylist()]
    return {str(r["id"]): r["clean_text"] for r in rows}


def test_datasets_map_with_two_processes(seed: Document, tmp_path: Path) -> None:
    from datasets import Dataset

    from shanhai_nlp.integrations.hf_datasets import (
        clean_batch,
        clean_dataset,
        clean_features,
    )

    records = _crawl(seed, tmp_path / "in")
    ds = Dataset.from_list(records)
    cleaned = clean_dataset(ds, detector="lexicon", num_proc=2, batch_size=8)
    by_hand = ds.map(
        partial(clean_batch, detector="lexicon"),
        batched=True,
        num_proc=2,
        features=clean_features(ds.features),
    )
    assert by_hand.to_list() == cleaned.to_list()
    expected = _clean_corpus_texts(tmp_path / "in", tmp_path / "out")
    assert {r["id"]: r["clean_text"] for r in cleaned} == expected
    assert sum(r["spam_count"] for r in cleaned) == 33  # the article's tokens, all of them
    for row in cleaned:
        assert row["raw_sha256"] == sha256_text(row["text"])
        spans = [_span(s) for s in row["spam_spans"]]
        assert repair(row["text"], spans).text == row["clean_text"]


def test_datatrove_pipeline_matches_clean_corpus(seed: Document, tmp_path: Path) -> None:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from shanhai_nlp.integrations.datatrove import METADATA_KEY, SpamCleaner

    records = _crawl(seed, tmp_path / "in")
    raw = {str(r["id"]): str(r["text"]) for r in records}
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            SpamCleaner(detector="lexicon"),
            JsonlWriter(str(tmp_path / "dt")),
        ],
        tasks=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    written: list[dict[str, Any]] = []
    for path in sorted((tmp_path / "dt").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            written.extend(json.loads(line) for line in fh)
    for d in written:  # datatrove's writer leaves out empty fields: a line that was all spam
        d.setdefault("text", "")
    assert {d["id"]: d["text"] for d in written} == _clean_corpus_texts(
        tmp_path / "in", tmp_path / "out"
    )
    for d in written:
        meta = d["metadata"][METADATA_KEY]
        assert meta["raw_sha256"] == sha256_text(raw[d["id"]])
        spans = [_span(s) for s in meta["spans"]]
        view = repair(raw[d["id"]], spans)
        assert view.text == d["text"] and view.rebuild_raw() == raw[d["id"]]
