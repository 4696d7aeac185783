"""Shards keep every input field of heterogeneous records, widening their schema as needed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from shanhai_nlp.spam.shards import ADDED, ShardWriter, is_json_text, merge_schemas

CLEANED = {"clean_text": "t", "spam_spans": [], "spam_count": 0, "spam_chars": 0}


def _rows(*records: dict[str, Any]) -> list[dict[str, Any]]:
    return [{**r, **CLEANED} for r in records]


def _read(path: Path) -> pa.Table:
    return pq.read_table(path)


def test_a_field_that_first_appears_later_is_kept(tmp_path: Path) -> None:
    writer = ShardWriter(tmp_path / "s.parquet")
    writer.write(_rows({"id": 1, "text": "a"}, {"id": 2, "text": "b", "url": "u2"}))
    writer.write(_rows({"id": 3, "text": "c", "lang": "zh"}))  # a new field: rows rewritten
    writer.close()
    table = _read(tmp_path / "s.parquet")
    assert table.column_names == ["id", "text", "url", "lang", *ADDED.names]
    assert table.select(["id", "url", "lang"]).to_pylist() == [
        {"id": 1, "url": None, "lang": None},
        {"id": 2, "url": "u2", "lang": None},
        {"id": 3, "url": None, "lang": "zh"},
    ]
    assert table.schema.field("id").type == pa.int64()


def test_a_field_of_mixed_types_becomes_json_text(tmp_path: Path) -> None:
    records: list[dict[str, Any]] = [
        {"id": 1, "text": "a", "meta": {"n": 1}},
        {"id": "x", "text": "b", "meta": {"m": [1, 2]}},  # id and meta change type
        {"id": 2.5, "text": "c", "meta": None},
    ]
    writer = ShardWriter(tmp_path / "s.parquet")
    for record in records:  # one batch each: the first rows are rewritten as JSON text
        writer.write(_rows(record))
    writer.close()
    table = _read(tmp_path / "s.parquet")
    assert is_json_text(table.schema.field("id")) and is_json_text(table.schema.field("meta"))
    assert not is_json_text(table.schema.field("text"))
    back = [
        {k: (None if r[k] is None else json.loads(r[k])) for k in ("id", "meta")}
        for r in table.to_pylist()
    ]
    assert back == [{"id": r["id"], "meta": r["meta"]} for r in records]


def test_mixed_types_within_one_batch(tmp_path: Path) -> None:
    writer = ShardWriter(tmp_path / "s.parquet")
    writer.write(_rows({"id": 1, "text": "a"}, {"id": "one", "text": "b"}))
    writer.close()
    assert [json.loads(v) for v in _read(tmp_path / "s.parquet").column("id").to_pylist()] == [
        1,
        "one",
    ]


def test_a_field_null_at_first_takes_the_type_of_later_values(tmp_path: Path) -> None:
    writer = ShardWriter(tmp_path / "s.parquet")
    writer.write(_rows({"text": "a", "score": None}))
    writer.write(_rows({"text": "b", "score": 0.5}))
    writer.close()
    table = _read(tmp_path / "s.parquet")
    assert table.schema.field("score").type == pa.float64()
    assert table.column("score").to_pylist() == [None, 0.5]


def test_spans_are_typed_even_when_the_first_batch_has_none(tmp_path: Path) -> None:
    span = {"start": 0, "end": 2, "text": "包養", "score": 1.0, "replaced": False, "repair": None}
    writer = ShardWriter(tmp_path / "s.parquet")
    writer.write(_rows({"text": "a"}))
    writer.write([{"text": "包養b", **CLEANED, "spam_spans": [span], "spam_count": 1}])
    writer.close()
    table = _read(tmp_path / "s.parquet")
    assert table.schema.field("spam_spans").type == ADDED.field("spam_spans").type
    assert table.column("spam_spans").to_pylist() == [[], [span]]


def test_an_empty_shard_has_the_added_columns(tmp_path: Path) -> None:
    writer = ShardWriter(tmp_path / "s.parquet")
    writer.close()
    assert _read(tmp_path / "s.parquet").schema.equals(ADDED)


def test_merge_keeps_first_seen_order_and_added_columns_last() -> None:
    current = pa.schema([("b", pa.int64()), *ADDED])
    new = pa.schema([("a", pa.string()), ("b", pa.null()), *ADDED])
    assert merge_schemas(current, new).names == ["b", "a", *ADDED.names]
    assert merge_schemas(current, new).field("b").type == pa.int64()
