"""Parquet shards whose schema follows the records, so that every input field is kept.

Crawled JSONL is heterogeneous: a field appears in some records only, or holds a number in one
record and a string in another. A shard's columns are the union of its records' fields, in the
order they first appear, then the columns cleaning adds (:data:`ADDED`, fixed types). A record
without a field has null there. A field whose values do not share one type is kept as JSON text
(every value ``json.dumps``-ed, so ``json.loads`` gives each back), and its column carries the
metadata :data:`JSON_TEXT`. When a batch widens the schema (a new field, or a column that turns
into JSON text), the rows already written are rewritten into the wider schema, batch by batch.

Example:
    >>> import tempfile, pathlib, pyarrow.parquet as pq
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "shard.parquet"
    >>> writer = ShardWriter(path)
    >>> writer.write([{"id": 1, "text": "a"}])
    >>> writer.write([{"id": "two", "text": "b", "url": "u"}])
    >>> writer.close()
    >>> pq.read_table(path).select(["id", "text", "url"]).to_pylist()
    [{'id': '1', 'text': 'a', 'url': None}, {'id': '"two"', 'text': 'b', 'url': 'u'}]
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from shanhai_nlp.document.schema import LAYERS

#: rows read at a time when a shard is rewritten into a wider schema (bounds the memory it takes)
REWRITE_ROWS = 1_000
#: field metadata of a column kept as JSON text
JSON_TEXT = {b"shanhai.encoding": b"json"}

#: the Arrow type of each kind of schema field
_ARROW = {
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "str": pa.string(),
    "str?": pa.string(),
}
#: the fields of a shard's spans, in order (a row's spans are tuples of these)
SPAN_FIELDS = LAYERS["spam"].fields_in("shard")
SPAN = pa.struct([(f.name, _ARROW[f.kind]) for f in SPAN_FIELDS])
#: the columns cleaning adds to every record
ADDED = pa.schema(
    [
        ("clean_text", pa.string()),
        ("spam_spans", pa.list_(SPAN)),
        ("spam_count", pa.int64()),
        ("spam_chars", pa.int64()),
    ]
)


def is_json_text(field: pa.Field) -> bool:
    return field.metadata is not None and field.metadata.get(b"shanhai.encoding") == b"json"


def _json_text(values: list[Any]) -> pa.Array:
    return pa.array(
        [None if v is None else json.dumps(v, ensure_ascii=False, default=str) for v in values],
        pa.string(),
    )


def _column(name: str, values: list[Any]) -> tuple[pa.Field, pa.Array]:
    """A field's column, with the type its values share, else as JSON text."""
    try:
        array = pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError):
        return pa.field(name, pa.string(), metadata=JSON_TEXT), _json_text(values)
    return pa.field(name, array.type), array


def batch_table(rows: list[dict[str, Any]], added: pa.Schema = ADDED) -> pa.Table:
    """Rows as a table: the union of their fields, then the ``added`` columns (typed)."""
    names = list(dict.fromkeys(name for row in rows for name in row if name not in added.names))
    fields, arrays = [], []
    for name in names:
        field, array = _column(name, [row.get(name) for row in rows])
        fields.append(field)
        arrays.append(array)
    for field in added:
        fields.append(field)
        arrays.append(pa.array([row.get(field.name) for row in rows], field.type))
    return pa.Table.from_arrays(arrays, schema=pa.schema(fields))


def _common(a: pa.Field, b: pa.Field) -> pa.Field:
    """The field that holds the values of both ``a`` and ``b``."""
    if a.equals(b, check_metadata=True) or pa.types.is_null(b.type):
        return a
    if pa.types.is_null(a.type):
        return b
    return pa.field(a.name, pa.string(), metadata=JSON_TEXT)


def merge_schemas(current: pa.Schema, new: pa.Schema, added: pa.Schema = ADDED) -> pa.Schema:
    """``current`` widened by ``new``: fields in the order they first appeared, ``added`` last."""
    names = [n for n in dict.fromkeys([*current.names, *new.names]) if n not in added.names]
    fields = []
    for name in names:
        a = current.field(name) if name in current.names else None
        b = new.field(name) if name in new.names else None
        fields.append(b if a is None else a if b is None else _common(a, b))
    return pa.schema([*fields, *added])


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """``table`` in ``schema`` (a wider one): missing columns null, columns cast or JSON text."""
    arrays = []
    for field in schema:
        if field.name not in table.column_names:
            arrays.append(pa.nulls(table.num_rows, field.type))
            continue
        column = table.column(field.name)
        have = table.schema.field(field.name)
        if have.equals(field, check_metadata=True):
            arrays.append(column)
        elif is_json_text(field) and not is_json_text(have) and not pa.types.is_null(have.type):
            arrays.append(_json_text(column.to_pylist()))
        else:
            arrays.append(column.cast(field.type))
    return pa.Table.from_arrays(arrays, schema=schema)


class ShardWriter:
    """Write row batches to one Parquet file, widening its schema as records require."""

    def __init__(self, path: Path, *, added: pa.Schema = ADDED) -> None:
        self.path = path
        self.added = added
        self.schema: pa.Schema | None = None
        self._writer: pq.ParquetWriter | None = None

    def write(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        table = batch_table(rows, self.added)
        if self.schema is None:
            self._open(table.schema)
        else:
            wider = merge_schemas(self.schema, table.schema, self.added)
            if not wider.equals(self.schema, check_metadata=True):
                self._rewrite(wider)
            table = conform(table, wider)
        assert self._writer is not None
        self._writer.write_table(table)

    def close(self) -> None:
        """Finish the file (a file with only the added columns when no row was written)."""
        if self._writer is None:
            self._open(self.added)
        assert self._writer is not None
        self._writer.close()

    def _open(self, schema: pa.Schema) -> None:
        self.schema = schema
        self._writer = pq.ParquetWriter(self.path, schema)

    def _rewrite(self, schema: pa.Schema) -> None:
        """Rewrite the rows written so far into ``schema``, and go on writing in it."""
        assert self._writer is not None
        self._writer.close()
        old = self.path.with_name(self.path.name + ".narrow")
        os.replace(self.path, old)
        self._open(schema)
        assert self._writer is not None
        for batch in pq.ParquetFile(old).iter_batches(batch_size=REWRITE_ROWS):
            self._writer.write_table(conform(pa.Table.from_batches([batch]), schema))
        old.unlink()
