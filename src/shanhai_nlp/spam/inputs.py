"""Reading crawls: find the input files, cut them into partitions, read a partition's records.

Inputs are JSONL (plain, ``.gz``, ``.zst``) or Parquet files, or folders of them. A partition
is a byte range of a plain JSONL file (cut at line boundaries, with its first line number), a
whole compressed file, or one Parquet row group.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
import zlib
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
            groups = _parquet(path).num_row_groups
            out += [Partition(str(path), g, row_group=g) for g in range(max(groups, 1))]
        elif kind == "plain":
            out += _plain_partitions(path, partition_bytes)
        elif kind in ("gzip", "zstd"):
            out.append(Partition(str(path), 0))
        else:
            raise ShanhaiError(f"{path}: not JSONL (.jsonl, .gz, .zst) or Parquet")
    return out


def _parquet(path: Path) -> Any:
    """The Parquet file at ``path``, opened (a damaged or foreign file is one error)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        raise ShanhaiError(f"{path}: not a readable Parquet file ({exc})") from None


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


#: bytes of a compressed file read at a time
_CHUNK = 1 << 20


def _truncated(path: Path) -> ShanhaiError:
    size = path.stat().st_size
    return ShanhaiError(
        f"{path}: truncated archive: it ends at byte offset {size} inside a compressed stream"
    )


def _gzip_lines(path: Path) -> Iterator[bytes]:
    try:
        with gzip.open(path, "rb") as fh:
            yield from fh
    except EOFError:
        raise _truncated(path) from None
    except (OSError, zlib.error) as exc:
        raise ShanhaiError(f"{path}: not a readable gzip file ({exc})") from None


def _zstd_chunks(path: Path) -> Iterator[bytes]:
    """The decompressed bytes of a zstd file, frame after frame; a file that ends inside a
    frame is truncated."""
    import zstandard

    obj, inside = zstandard.ZstdDecompressor().decompressobj(), False
    with path.open("rb") as fh:
        try:
            while chunk := fh.read(_CHUNK):
                while chunk:
                    inside = True
                    yield obj.decompress(chunk)
                    chunk = b""
                    if obj.eof:  # a frame ended: what follows starts the next one
                        chunk, inside = obj.unused_data, False
                        obj = zstandard.ZstdDecompressor().decompressobj()
        except zstandard.ZstdError as exc:
            raise ShanhaiError(f"{path}: not a readable zstd file ({exc})") from None
    if inside:
        raise _truncated(path)


def _split_lines(chunks: Iterable[bytes]) -> Iterator[bytes]:
    rest = b""
    for chunk in chunks:
        rest += chunk
        *whole, rest = rest.split(b"\n")
        for line in whole:
            yield line + b"\n"
    if rest:
        yield rest


def _open_lines(path: Path, kind: str) -> Iterator[bytes]:
    """The binary lines of a gzip or zstd file."""
    if kind == "gzip":
        return _gzip_lines(path)
    return _split_lines(_zstd_chunks(path))


def _raw_lines(part: Partition) -> Iterator[tuple[int, bytes]]:
    """(line number, raw bytes) of a JSONL partition, streamed (a plain partition is read whole:
    its size is bounded by the partition size)."""
    path = Path(part.path)
    kind = _kind(path)
    if kind == "plain":
        with path.open("rb") as fh:
            fh.seek(part.start)
            lines: Iterable[bytes] = io.BytesIO(fh.read(part.end - part.start))
    else:
        lines = _open_lines(path, kind)
    for offset, line in enumerate(lines):
        if line.strip():
            yield part.first_line + offset, line


def read_records(part: Partition) -> Iterator[tuple[int, dict[str, Any] | None, str | None, int]]:
    """(line or row, record or None, reason when rejected, size in bytes)."""
    if part.row_group >= 0:
        parquet = _parquet(Path(part.path))
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
        if lineno == 1:
            text = text.removeprefix("\ufeff")  # a file may start with a byte order mark
        record, reason = _parse(text)
        yield lineno, record, reason, len(raw)


#: a JSON escape of a UTF-16 surrogate, the only way a lone one gets into a string
_SURROGATE_ESCAPE_RE = re.compile(r"\\u[dD][89a-fA-F]")


def _parse(text: str) -> tuple[dict[str, Any] | None, str | None]:
    """A JSON line's object, or why it is rejected."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"malformed JSON: {exc.msg} (column {exc.colno})"
    except RecursionError:
        return None, "JSON nested too deeply"
    if not isinstance(record, dict):
        return None, "not a JSON object"
    if _SURROGATE_ESCAPE_RE.search(text):  # pairs are fine; a lone one cannot be stored
        try:
            json.dumps(record, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            return None, "a lone UTF-16 surrogate (\\uD800-\\uDFFF) in a string"
        except RecursionError:
            return None, "JSON nested too deeply"
    return record, None
