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
    """While another process holds the folder's lock, a run stops with one line; once it has
    ended, however it ended, the lock is free."""
    import subprocess
    import sys

    _write(tmp_path / "in.jsonl", seed, 20)
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from shanhai_nlp.spam.runs import locked\n"
            f"with locked(Path({str(out)!r})):\n    print('held', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(ShanhaiError, match="another clean-corpus run"):
            clean_corpus([tmp_path / "in.jsonl"], out, settings=LEXICON)
    finally:
        holder.kill()
        holder.wait()
    assert clean_corpus([tmp_path / "in.jsonl"], out, settings=LEXICON).written == 20


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


def _done(out: Path) -> int:
    try:
        return len(json.loads((out / "manifest.json").read_text(encoding="utf-8"))["done"])
    except (OSError, ValueError, KeyError):
        return 0


@pytest.mark.slow
def test_input_is_output_plus_rejects_after_runs_killed_at_random(
    seed: Document, tmp_path: Path
) -> None:
    """Runs with two workers killed (SIGKILL) at random points (before any partition is done,
    or after some), then one left to finish: every record is in exactly one shard, once, or
    in the rejects."""
    import os
    import random
    import signal
    import subprocess
    import sys
    import time

    src, out = tmp_path / "in.jsonl", tmp_path / "out"
    text = seed.raw_text * 2
    lines = [
        json.dumps({"id": i, "text": text[i * 7 % 2000 : i * 7 % 2000 + 300]}, ensure_ascii=False)
        for i in range(12_000)
    ]
    src.write_text("\n".join(lines) + "\nnot json\n", encoding="utf-8")
    run = [sys.executable, "-m", "shanhai_nlp", "spam", "clean-corpus", str(src), "--out"]
    run += [str(out), "--detector", "contextual", "--workers", "2", "--partition-mb", "1"]
    run += ["--no-progress"]
    rng = random.Random(0)
    killed = 0
    for attempt in range(4):
        # a session of its own: the kill takes the run and its pool workers, as a crash would
        proc = subprocess.Popen(
            run, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        wanted = _done(out) + rng.randint(1, 3) if attempt else 0
        deadline = time.monotonic() + 60
        while proc.poll() is None and _done(out) < wanted and time.monotonic() < deadline:
            time.sleep(0.01)
        if attempt == 0:
            time.sleep(rng.uniform(0.2, 1.0))  # before any partition is done
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            killed += 1
        proc.wait(timeout=60)
    final = subprocess.run(run, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    ids = [r["id"] for f in out.glob("*.parquet") for r in pq.read_table(f).to_pylist()]
    assert sorted(ids) == list(range(12_000))  # each once
    rejects = [line for f in (out / "rejects").glob("*.jsonl") for line in f.open()]
    assert len(rejects) == 1 and killed >= 3
    assert not list(out.glob(".*.tmp"))


@pytest.mark.slow
def test_pool_workers_end_when_only_the_parent_is_killed(tmp_path: Path) -> None:
    """SIGKILL to the clean-corpus process alone: its pool workers end with it (they would
    otherwise wait forever on their queue)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    src, out = tmp_path / "in.jsonl", tmp_path / "out"
    line = "向畢節提供資金3包養.77億元,幫包養網扶群眾。" * 20
    src.write_text(
        "".join(
            json.dumps({"id": i, "text": line}, ensure_ascii=False) + "\n" for i in range(6000)
        ),
        encoding="utf-8",
    )
    run = [sys.executable, "-m", "shanhai_nlp", "spam", "clean-corpus", str(src), "--out", str(out)]
    run += ["--detector", "contextual", "--workers", "2", "--partition-mb", "1", "--no-progress"]
    proc = subprocess.Popen(
        run, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while _done(out) < 1 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.send_signal(signal.SIGKILL)  # the parent only
    proc.wait(timeout=30)
    deadline = time.monotonic() + 20
    alive = True
    while alive and time.monotonic() < deadline:
        try:
            os.killpg(proc.pid, 0)  # is any process of the run's session left?
            time.sleep(0.1)
        except ProcessLookupError:
            alive = False
    if alive:
        os.killpg(proc.pid, signal.SIGKILL)
    assert not alive, "pool workers outlived the killed run"
