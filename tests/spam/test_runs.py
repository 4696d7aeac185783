"""clean-corpus runs into one folder: a lock, shard names per input path, a manifest keyed on
the settings, and done meaning done (each case lost records with exit 0 before)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from shanhai_nlp.document import Document
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.spam.runs import locked
from shanhai_nlp.spam.stream import CleanSettings, clean_corpus

LEXICON = CleanSettings(detector="lexicon")


def _write(path: Path, seed: Document, n: int, *, start: int = 0) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps(
            {"id": start + i, "text": seed.raw_text[i * 7 : i * 7 + 300]}, ensure_ascii=False
        )
        for i in range(n)
    ]
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)


def _ids(out: Path) -> list[int]:
    return sorted(r["id"] for f in out.glob("*.parquet") for r in pq.read_table(f).to_pylist())


def test_a_second_run_into_the_same_folder_stops(seed: Document, tmp_path: Path) -> None:
    _write(tmp_path / "in.jsonl", seed, 20)
    with locked(tmp_path / "out"), pytest.raises(ShanhaiError, match="another clean-corpus run"):
        clean_corpus([tmp_path / "in.jsonl"], tmp_path / "out", settings=LEXICON)
    assert clean_corpus([tmp_path / "in.jsonl"], tmp_path / "out", settings=LEXICON).written == 20


def test_inputs_with_the_same_name_keep_their_own_shards(seed: Document, tmp_path: Path) -> None:
    _write(tmp_path / "a" / "crawl.jsonl", seed, 10)
    _write(tmp_path / "b" / "crawl.jsonl", seed, 10, start=10)
    _write(tmp_path / "b" / "crawl.jsonl.gz", seed, 10, start=20)
    summary = clean_corpus([tmp_path / "a", tmp_path / "b"], tmp_path / "out", settings=LEXICON)
    assert summary.written == 30 and _ids(tmp_path / "out") == list(range(30))


def test_a_rerun_with_other_settings_stops_or_redoes_with_force(
    seed: Document, tmp_path: Path
) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out"
    _write(src, seed, 60)
    first = clean_corpus([src], out, settings=LEXICON, partition_bytes=2048)
    assert first.partitions > 3
    with pytest.raises(ShanhaiError, match=r"partition_bytes 2048 -> 4096.*--force"):
        clean_corpus([src], out, settings=LEXICON, partition_bytes=4096)
    with pytest.raises(ShanhaiError, match=r"detector 'lexicon' -> 'contextual'"):
        clean_corpus(
            [src], out, settings=CleanSettings(detector="contextual"), partition_bytes=2048
        )
    again = clean_corpus([src], out, settings=LEXICON, partition_bytes=4096, force=True)
    assert (again.skipped, again.written) == (0, 60) and _ids(out) == list(range(60))
    assert len(list(out.glob("*.parquet"))) == again.partitions  # the old shards are gone


def test_a_damaged_shard_or_a_lost_rejects_file_is_redone(seed: Document, tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out"
    _write(src, seed, 60)
    first = clean_corpus([src], out, settings=LEXICON, partition_bytes=2048)
    shards = sorted(out.glob("*.parquet"))
    shards[0].write_bytes(shards[0].read_bytes()[:-100])  # truncated: its footer is gone
    next(iter(sorted((out / "rejects").glob("*.jsonl")))).unlink()
    again = clean_corpus([src], out, settings=LEXICON, partition_bytes=2048)
    assert 1 <= first.partitions - again.skipped <= 2
    assert _ids(out) == list(range(60))


def test_a_negative_partition_size_is_one_error(tmp_path: Path) -> None:
    with pytest.raises(ShanhaiError, match="partition size must be positive"):
        clean_corpus([tmp_path], tmp_path / "out", partition_bytes=-1)


def test_records_that_cannot_be_stored_are_rejects(seed: Document, tmp_path: Path) -> None:
    """A lone surrogate and a 100,000-deep array each become a reject with its line and
    reason; the run goes on (both crashed every run before)."""
    src = tmp_path / "in.jsonl"
    _write(src, seed, 3)
    with src.open("a", encoding="utf-8") as fh:
        fh.write('{"id": 3, "text": "lone \\ud800 surrogate"}\n')
        fh.write('{"id": 4, "text": "a pair \\ud83d\\ude00 is fine"}\n')
        fh.write('{"id": 5, "text": "deep", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    summary = clean_corpus([src], tmp_path / "out", settings=LEXICON)
    assert (summary.written, summary.rejected) == (4, 2)
    rejects = [
        json.loads(line)
        for f in (tmp_path / "out" / "rejects").glob("*.jsonl")
        for line in f.read_text(encoding="utf-8").splitlines()
    ]
    assert sorted((r["line"], r["reason"]) for r in rejects) == [
        (4, "a lone UTF-16 surrogate (\\uD800-\\uDFFF) in a string"),
        (6, "JSON nested too deeply"),
    ]


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst"])
def test_a_truncated_archive_fails_the_run_naming_file_and_offset(
    seed: Document, tmp_path: Path, suffix: str
) -> None:
    import zstandard

    plain = tmp_path / "in.jsonl"
    _write(plain, seed, 200)
    data = plain.read_bytes()
    packed = gzip.compress(data) if suffix.endswith("gz") else zstandard.compress(data)
    src = tmp_path / f"cut{suffix}"
    src.write_bytes(packed[: len(packed) // 2])
    message = rf"cut{suffix}: truncated archive: it ends at byte offset {len(packed) // 2} "
    with pytest.raises(ShanhaiError, match=message):
        clean_corpus([src], tmp_path / "out", settings=LEXICON)
    assert not list((tmp_path / "out").glob("*.parquet"))


def test_a_bom_and_fields_named_like_added_columns(tmp_path: Path) -> None:
    """A file starting with a byte order mark keeps its first record; a record with a field
    cleaning would overwrite is a reject naming the field (it was overwritten silently)."""
    src = tmp_path / "in.jsonl"
    src.write_bytes(
        "\ufeff".encode()
        + b'{"id": 0, "text": "\xe5\xb9\xab\xe6\x89\xb6"}\n'
        + b'{"id": 1, "text": "a", "clean_text": "mine"}\n'
    )
    summary = clean_corpus([src], tmp_path / "out", settings=LEXICON)
    assert (summary.written, summary.rejected) == (1, 1) and _ids(tmp_path / "out") == [0]
    (rejects,) = (tmp_path / "out" / "rejects").glob("*.jsonl")
    assert json.loads(rejects.read_text(encoding="utf-8"))["reason"] == (
        "field 'clean_text' would be overwritten by the column cleaning adds"
    )


def test_a_damaged_parquet_input_or_a_bad_scheduler_is_one_error(tmp_path: Path) -> None:
    bad = tmp_path / "crawl.parquet"
    bad.write_bytes(b"not parquet")
    with pytest.raises(ShanhaiError, match=r"crawl.parquet: not a readable Parquet file"):
        clean_corpus([bad], tmp_path / "out", settings=LEXICON)
    good = tmp_path / "in.jsonl"
    good.write_text('{"text": "幫扶"}\n', encoding="utf-8")
    with pytest.raises(ShanhaiError, match=r"cannot use the Dask scheduler 'no address'"):
        clean_corpus([good], tmp_path / "out2", backend="dask", scheduler="no address")
