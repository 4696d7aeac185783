"""Reading crawls: find the input files, cut them into partitions, read a partition's records.

Inputs are JSONL (plain, ``.gz``, ``.zst``) or Parquet files, or folders of them. A partition
is a byte range of a plain JSONL file (cut at line boundaries, with its first line number), a
whole compressed file, or one Parquet row group.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shanhai_nlp.errors import ShanhaiError

PLAIN_PARTITION_BYTES = 32 * 1024 * 1024
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".jsonl.zst", ".json", ".ndjson")


@dataclass(frozen=True, slots=True)
class Partition:
    """One unit of work: ``path`` from byte ``start`` to ``end`` (plain JSONL), a whole
    compressed file (``start == end == -1``), or row group ``row_group`` of a Parquet file."""

    path: str
    index: int
    start: int = -1
    end: int = -1
    first_line: int = 1
    row_group: int = -1

    @property
    def shard(self) -> str:
        """``<file stem>-<hash of the input's path>-<index>``: unique per input path (a/crawl.jsonl
        and b/crawl.jsonl, or crawl.jsonl beside crawl.jsonl.gz, do not share shards)."""
        path = Path(self.path)
        name = path.name
        for suffix in (*JSONL_SUFFIXES, ".parquet"):
            if name.endswith(suffix):
                name = name[: -len(suffix)]
                break
        digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:8]
        return f"{name}-{digest}-{self.index:05d}"


def find_inputs(inputs: Iterable[str | Path]) -> list[Path]:
    """Input files: the given files, and every JSONL or Parquet file under given folders."""
    found: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and _kind(p) != "unknown")
        elif path.is_file():
            found.append(path)
        else:
            raise ShanhaiError(f"{path}: no such file or folder")
    return found


def _kind(path: Path) -> str:
    name = path.name
    if name.endswith(".parquet"):
        return "parquet"
    if name.endswith(".gz"):
        return "gzip"
    if name.endswith(".zst"):
        return "zstd"
    if name.endswith((".jsonl", ".json", ".ndjson")):
        return "plain"
    return "unknown"


def plan_partitions(
    paths: Iterable[Path], *, partition_bytes: int = PLAIN_PARTITION_BYTES
) -> list[Partition]:
    """Cut inputs into partitions; plain JSONL at line boundaries, with their first line number."""
    out: list[Partition] = []
    for path in paths:
        kind = _kind(path)
        if kind == "parquet":
            import pyarrow.parquet as pq

            groups = pq.ParquetFile(path).num_row_groups
            out += [Partition(str(path), g, row_group=g) for g in range(max(groups, 1))]
        elif kind == "plain":
            out += _plain_partitions(path, partition_bytes)
        elif kind in ("gzip", "zstd"):
            out.append(Partition(str(path), 0))
        else:
            raise ShanhaiError(f"{path}: not JSONL (.jsonl, .gz, .zst) or Parquet")
    return out


def _plain_partitions(path: Path, size: int) -> list[Partition]:
    total = path.stat().st_size
    parts, start, line, index = [], 0, 1, 0
    with path.open("rb") as fh:
        while start < total or (start == 0 and total == 0):
            fh.seek(min(start + size, total))
            fh.readline()  # move to the next line boundary
            end = min(fh.tell(), total) if start + size < total else total
            parts.append(Partition(str(path), index, start, end, line))
            fh.seek(start)
            line += fh.read(end - start).count(b"\n")
            start, index = end, index + 1
            if total == 0:
                break
    return parts


def _open_lines(path: Path, kind: str, stack: contextlib.ExitStack) -> Any:
    """A binary line iterator over a gzip or zstd file (closed with ``stack``)."""
    if kind == "gzip":
        return stack.enter_context(gzip.open(path, "rb"))
    import zstandard

    raw = stack.enter_context(path.open("rb"))
    reader = stack.enter_context(zstandard.ZstdDecompressor().stream_reader(raw))
    return io.BufferedReader(reader)


def _raw_lines(part: Partition) -> Iterator[tuple[int, bytes]]:
    """(line number, raw bytes) of a JSONL partition, streamed (a plain partition is read whole:
    its size is bounded by the partition size)."""
    path = Path(part.path)
    kind = _kind(path)
    with contextlib.ExitStack() as stack:
        if kind == "plain":
            with path.open("rb") as fh:
                fh.seek(part.start)
                lines: Any = io.BytesIO(fh.read(part.end - part.start))
        else:
            lines = _open_lines(path, kind, stack)
        for offset, line in enumerate(lines):
            if line.strip():
                yield part.first_line + offset, line


def read_records(part: Partition) -> Iterator[tuple[int, dict[str, Any] | None, str | None, int]]:
    """(line or row, record or None, reason when rejected, size in bytes)."""
    if part.row_group >= 0:
        import pyarrow.parquet as pq

        parquet = pq.ParquetFile(part.path)
        if parquet.num_row_groups == 0:
            return
        table = parquet.read_row_group(part.row_group)
        offset = sum(parquet.metadata.row_group(g).num_rows for g in range(part.row_group))
        for i, row in enumerate(table.to_pylist()):
            yield offset + i + 1, row, None, 0
        return
    for lineno, raw in _raw_lines(part):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield lineno, None, f"invalid UTF-8 at byte {exc.start} of the line", len(raw)
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            yield lineno, None, f"malformed JSON: {exc.msg} (column {exc.colno})", len(raw)
            continue
        if not isinstance(record, dict):
            yield lineno, None, "not a JSON object", len(raw)
            continue
        yield lineno, record, None, len(raw)
