"""Corpus-scale cleaning: shards, rejects with file and line, resume, formats, backends."""

from __future__ import annotations

import gc
import gzip
import itertools
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from shanhai_nlp.document import Document
from shanhai_nlp.spam.inputs import plan_partitions
from shanhai_nlp.spam.stream import CleanSettings, clean_corpus, frozen_heap

LEXICON = CleanSettings(detector="lexicon")


def _one(folder: Path, pattern: str) -> Path:
    (path,) = folder.glob(pattern)
    return path


def _records(seed: Document, n: int) -> list[dict[str, object]]:
    lines = [ln for ln in seed.raw_text.split("\n") if ln.strip()]
    return [{"id": i, "text": lines[i % len(lines)], "meta": {"n": i}} for i in range(n)]


def _write_jsonl(path: Path, records: list[dict[str, object]], extra: bytes = b"") -> None:
    data = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)
    path.write_bytes(data + extra)


def test_stream_rejects_are_counted_with_file_and_line(seed: Document, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    bad = b'{"id": "x"}\nnot json\n{"text": 7}\n{"text": "\xff"}\n[1, 2]\n'
    _write_jsonl(src, _records(seed, 30), bad)
    summary = clean_corpus([src], tmp_path / "out", settings=LEXICON)
    assert (summary.records, summary.written, summary.rejected) == (35, 30, 5)
    rejects = [
        json.loads(x)
        for x in _one(tmp_path / "out" / "rejects", "in-*-00000.jsonl").read_text().splitlines()
    ]
    assert [r["line"] for r in rejects] == [31, 32, 33, 34, 35]
    assert rejects[0]["reason"] == "missing field 'text'" and rejects[0]["file"] == str(src)
    assert "invalid UTF-8" in rejects[3]["reason"] and rejects[4]["reason"] == "not a JSON object"
    table = pq.read_table(_one(tmp_path / "out", "in-*-00000.parquet"))
    assert table.num_rows == 30
    assert {"id", "text", "meta", "clean_text", "spam_spans", "spam_count", "spam_chars"} <= set(
        table.column_names
    )
    rows = table.to_pylist()
    assert all("包養" not in r["clean_text"] for r in rows)
    assert sum(r["spam_count"] for r in rows) > 0 and rows[0]["meta"] == {"n": 0}


def test_stream_plain_partitions_keep_line_numbers(seed: Document, tmp_path: Path) -> None:
    src = tmp_path / "big.jsonl"
    _write_jsonl(src, _records(seed, 400), b"oops\n")
    parts = plan_partitions([src], partition_bytes=4096)
    assert len(parts) > 3
    assert parts[0].first_line == 1 and all(a.end == b.start for a, b in itertools.pairwise(parts))
    summary = clean_corpus(
        [src], tmp_path / "out", settings=LEXICON, partition_bytes=4096, workers=2
    )
    assert (summary.written, summary.rejected) == (400, 1)
    (reject,) = [
        json.loads(x)
        for f in (tmp_path / "out" / "rejects").glob("*.jsonl")
        for x in f.read_text().splitlines()
    ]
    assert reject["line"] == 401
    ids = sorted(
        r["id"] for f in (tmp_path / "out").glob("*.parquet") for r in pq.read_table(f).to_pylist()
    )
    assert ids == list(range(400))


def test_stream_resumes(seed: Document, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, _records(seed, 200))
    out = tmp_path / "out"
    first = clean_corpus([src], out, settings=LEXICON, partition_bytes=2048)
    shards = sorted(out.glob("*.parquet"))
    shards[1].unlink()  # as if the run had stopped before this shard was complete
    (out / ".in-0-00003.parquet.1.tmp").write_bytes(b"partial")
    again = clean_corpus([src], out, settings=LEXICON, partition_bytes=2048)
    assert again.skipped == first.partitions - 1
    assert sorted(out.glob("*.parquet")) == shards


def test_stream_compressed_and_parquet_inputs(seed: Document, tmp_path: Path) -> None:
    import zstandard

    records = _records(seed, 20)
    data = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "g.jsonl.gz").write_bytes(gzip.compress(data))
    (tmp_path / "in" / "z.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(data))
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "in" / "p.parquet")
    summary = clean_corpus([tmp_path / "in"], tmp_path / "out", settings=LEXICON)
    assert (summary.partitions, summary.written, summary.rejected) == (3, 60, 0)


@pytest.mark.slow
def test_stream_dask_backend_gives_identical_shards(seed: Document, tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, _records(seed, 300), b"broken\n")
    local = clean_corpus(
        [src], tmp_path / "local", settings=LEXICON, partition_bytes=8192, workers=2
    )
    dask = clean_corpus(
        [src], tmp_path / "dask", settings=LEXICON, partition_bytes=8192, workers=2, backend="dask"
    )
    assert (dask.written, dask.rejected) == (local.written, local.rejected) == (300, 1)
    names = sorted(
        p.relative_to(tmp_path / "local") for p in (tmp_path / "local").rglob("*") if p.is_file()
    )
    assert names == sorted(
        p.relative_to(tmp_path / "dask") for p in (tmp_path / "dask").rglob("*") if p.is_file()
    )
    for name in names:
        assert (tmp_path / "local" / name).read_bytes() == (
            tmp_path / "dask" / name
        ).read_bytes(), name


def test_stream_keeps_every_field_of_heterogeneous_records(
    seed: Document, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fields that appear late or change type (crawls are like that) are kept, not dropped and
    not a crash; batches of two make the shard widen its schema while it is written."""
    import shanhai_nlp.spam.stream as stream

    monkeypatch.setattr(stream, "BATCH", 2)
    base = _records(seed, 6)
    records: list[dict[str, object]] = [
        base[0],
        base[1],
        {**base[2], "url": "https://example.com/a"},  # a field first seen in the second batch
        {**base[3], "id": "four"},  # id turns from a number into a string
        base[4],
        {**base[5], "meta": [1, 2]},  # meta turns from an object into a list
    ]
    src = tmp_path / "in.jsonl"
    _write_jsonl(src, records)
    summary = clean_corpus([src], tmp_path / "out", settings=LEXICON)
    assert (summary.records, summary.written, summary.rejected) == (6, 6, 0)
    rows = pq.read_table(_one(tmp_path / "out", "in-*-00000.parquet")).to_pylist()
    assert [r["url"] for r in rows] == [None, None, "https://example.com/a", None, None, None]
    assert [json.loads(r["id"]) for r in rows] == [r["id"] for r in records]
    assert [json.loads(r["meta"]) for r in rows] == [r["meta"] for r in records]
    assert [r["text"] for r in rows] == [r["text"] for r in records]


def test_a_shard_holds_the_article_cleaned_with_its_spans(seed: Document, tmp_path: Path) -> None:
    """The whole article through clean-corpus: its clean text is the gold clean text, and its
    spans are the gold spans, field by field (the two replacing tokens with their repairs)."""
    _write_jsonl(tmp_path / "in.jsonl", [{"text": seed.raw_text}])
    clean_corpus([tmp_path / "in.jsonl"], tmp_path / "out", settings=LEXICON)
    (row,) = pq.read_table(_one(tmp_path / "out", "in-*-00000.parquet")).to_pylist()
    assert row["clean_text"] == seed.clean().text
    assert row["spam_count"] == len(seed.spam) == 33
    assert [
        (s["start"], s["end"], s["text"], s["replaced"], s["repair"]) for s in row["spam_spans"]
    ] == [(s.start, s.end, s.text, s.replaced, s.repair) for s in seed.spam]
    assert all(s["score"] == 1.0 for s in row["spam_spans"])


def test_stream_frozen_heap_freezes_only_inside_and_leaves_a_frozen_heap_alone() -> None:
    alive = [object()]  # something to freeze
    gc.unfreeze()  # a known start, whatever ran in this process before
    assert gc.get_freeze_count() == 0
    with frozen_heap():
        assert gc.get_freeze_count() >= len(alive)
    assert gc.get_freeze_count() == 0  # the collector sees every object again
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        with frozen_heap():
            pass
        assert gc.get_freeze_count() == frozen  # someone else's freeze stays
    finally:
        gc.unfreeze()
