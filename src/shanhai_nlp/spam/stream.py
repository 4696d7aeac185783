"""Corpus-scale cleaning: stream JSONL (plain, .gz, .zst) or Parquet inputs through a detector
and repair, into Parquet shards, with a local process pool or a Dask cluster.

Work is cut into partitions (a byte range of a plain JSONL file, a whole compressed file, or a
Parquet row group). Each partition is processed by :func:`clean_partition` -- the same function
on every backend -- reading records in batches and writing one Parquet shard (and one rejects
file) through a temporary name, renamed when complete. A rerun goes on where the last run with
the same settings stopped (:mod:`~shanhai_nlp.spam.runs`). Every input record ends up in the
shard or in the rejects file with its file, line and reason; the counts are checked.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import resource
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.document.schema import LAYERS
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.spam.inputs import (
    PLAIN_PARTITION_BYTES,
    Partition,
    find_inputs,
    plan_partitions,
    read_records,
)

if TYPE_CHECKING:
    from shanhai_nlp.spam.runs import RunManifest

BATCH = 1000  # records per Parquet row group: bounds memory per worker
SCHEDULER_TIMEOUT = "10s"  # how long to try reaching a Dask scheduler


@dataclass(slots=True)
class PartitionResult:
    shard: str
    records: int = 0
    written: int = 0
    rejected: int = 0
    bytes: int = 0
    spans: int = 0
    spam_chars: int = 0
    seconds: float = 0.0
    max_rss_mb: float = 0.0
    skipped: bool = False


@dataclass(frozen=True, slots=True)
class CleanSettings:
    text_field: str = "text"
    detector: str = "auto"
    repairs: bool = True
    lexicons: tuple[str, ...] = ()  # the user's lexicon files or folders (--lexicon)
    mined: str | None = None  # a mined VOCAB.tsv (--mined)


#: the fields of a shard's spans, in the order of its Arrow struct (:mod:`.shards`)
SPAN_NAMES = tuple(f.name for f in LAYERS["spam"].fields_in("shard"))


def clean_records(texts: list[str], settings: CleanSettings) -> list[dict[str, Any]]:
    """The columns cleaning adds to each record of ``texts`` (detectors with a ``pipe`` share
    work across the texts)."""
    from shanhai_nlp.spam.base import detect_many  # detectors are cached per worker process
    from shanhai_nlp.spam.user_lexicons import detector_with_lexicons

    detected = detect_many(
        detector_with_lexicons(settings.detector, settings.lexicons, mined=settings.mined), texts
    )
    return [
        _added_columns(text, spans, settings) for text, spans in zip(texts, detected, strict=True)
    ]


def _added_columns(text: str, spans: list[SpamSpan], settings: CleanSettings) -> dict[str, Any]:
    from shanhai_nlp.spam.repair import infer_repairs, repair

    if settings.repairs and spans:
        spans = infer_repairs(text, spans)
    repaired = repair(text, spans)
    return {
        "clean_text": repaired.text,
        # tuples in the order of the struct's fields, which pyarrow makes structs of
        "spam_spans": [tuple(getattr(s, name) for name in SPAN_NAMES) for s in spans],
        "spam_count": len(spans),
        "spam_chars": sum(s.end - s.start for s in spans),
    }


@contextlib.contextmanager
def frozen_heap() -> Iterator[None]:
    """Leave the objects alive now (imported modules, a detector's tables) out of the cyclic
    garbage collector's work until the block ends (:func:`gc.freeze`). Cleaning allocates
    fast, and every full collection would traverse them all again (measured: 7% of the
    ``auto`` detector's time). Nothing is frozen when something else froze the heap already."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def clean_partition(part: Partition, out_dir: str, settings: CleanSettings) -> PartitionResult:
    """Process one partition into ``<shard>.parquet`` (every input field kept, see
    :mod:`~shanhai_nlp.spam.shards`) and ``rejects/<shard>.jsonl``."""
    from shanhai_nlp.spam.user_lexicons import detector_with_lexicons

    out = Path(out_dir)
    target = out / f"{part.shard}.parquet"
    result = PartitionResult(part.shard)
    # the detector (built once per process) and pyarrow exist before the heap is frozen
    import shanhai_nlp.spam.shards  # noqa: F401

    detector_with_lexicons(settings.detector, settings.lexicons, mined=settings.mined)
    with frozen_heap():
        try:
            return _clean_partition(part, out, target, settings, result)
        except OSError as exc:  # a full disk, a folder that went away: one line, nothing done
            raise ShanhaiError(f"cannot write {target}: {exc.strerror or exc}") from None


def _clean_partition(
    part: Partition, out: Path, target: Path, settings: CleanSettings, result: PartitionResult
) -> PartitionResult:
    from shanhai_nlp.spam.shards import ShardWriter

    started = time.perf_counter()
    unique = f"{os.getpid()}.{uuid.uuid4().hex[:8]}"  # no two writers share a temporary file
    tmp = out / f".{part.shard}.parquet.{unique}.tmp"
    rejects_tmp = out / "rejects" / f".{part.shard}.jsonl.{unique}.tmp"
    rejects_tmp.parent.mkdir(parents=True, exist_ok=True)
    writer = ShardWriter(tmp)
    batch: list[dict[str, Any]] = []  # records to clean, then write

    def flush() -> None:
        texts = [record[settings.text_field] for record in batch]
        for record, added in zip(batch, clean_records(texts, settings), strict=True):
            result.spans += added["spam_count"]
            result.spam_chars += added["spam_chars"]
            record.update(added)
        writer.write(batch)
        batch.clear()

    with rejects_tmp.open("w", encoding="utf-8") as rejects:
        for lineno, record, reason, size in read_records(part):
            result.records += 1
            result.bytes += size
            if reason is None and record is not None:
                reason = _unfit(record, settings.text_field)
            if reason is not None:
                rejects.write(
                    json.dumps(
                        {"file": part.path, "line": lineno, "reason": reason}, ensure_ascii=False
                    )
                    + "\n"
                )
                result.rejected += 1
                continue
            assert record is not None
            text = record[settings.text_field]
            if part.row_group >= 0:
                result.bytes += len(text.encode("utf-8"))
            batch.append(record)
            result.written += 1
            if len(batch) >= BATCH:
                flush()
        flush()
    writer.close()  # with no rows, a shard of the added columns
    if result.records != result.written + result.rejected:  # pragma: no cover - invariant
        raise ShanhaiError(
            f"{part.shard}: {result.records} records in, {result.written} out, "
            f"{result.rejected} rejected"
        )
    os.replace(rejects_tmp, out / "rejects" / f"{part.shard}.jsonl")
    os.replace(tmp, target)  # last: the shard exists only when complete
    result.seconds = time.perf_counter() - started
    result.max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _unfit(record: dict[str, Any], text_field: str) -> str | None:
    """Why a record cannot be cleaned (None when it can)."""
    from shanhai_nlp.spam.shards import ADDED

    if text_field not in record:
        return f"missing field {text_field!r}"
    if not isinstance(record[text_field], str):
        return f"field {text_field!r} is {type(record[text_field]).__name__}, not a string"
    taken = [name for name in ADDED.names if name in record]
    if taken:
        return f"field {taken[0]!r} would be overwritten by the column cleaning adds"
    return None


@dataclass
class Summary:
    partitions: int = 0
    skipped: int = 0
    records: int = 0
    written: int = 0
    rejected: int = 0
    bytes: int = 0
    spans: int = 0
    seconds: float = 0.0
    max_rss_mb: float = 0.0
    results: list[PartitionResult] = field(default_factory=list)

    def add(self, r: PartitionResult) -> None:
        self.partitions += 1
        self.skipped += int(r.skipped)
        for name in ("records", "written", "rejected", "bytes", "spans"):
            setattr(self, name, getattr(self, name) + getattr(r, name))
        self.max_rss_mb = max(self.max_rss_mb, r.max_rss_mb)
        self.results.append(r)

    def line(self) -> str:
        rate = self.bytes / 1e6 / self.seconds if self.seconds else 0.0
        return (
            f"{self.partitions} partitions ({self.skipped} already done), {self.records} records: "
            f"{self.written} cleaned, {self.rejected} rejected, {self.spans} spam spans; "
            f"{self.bytes / 1e6:.1f} MB in {self.seconds:.1f} s ({rate:.2f} MB/s); "
            f"peak RSS per worker {self.max_rss_mb:.0f} MB"
        )

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "results"}


Progress = Callable[[PartitionResult], None]


def run_local(
    parts: list[Partition],
    out_dir: str,
    settings: CleanSettings,
    *,
    workers: int,
    on_done: Progress,
) -> None:
    """A process pool (or this process when ``workers == 1``)."""
    if workers <= 1:
        for part in parts:
            on_done(clean_partition(part, out_dir, settings))
        return
    from concurrent.futures import as_completed

    with worker_pool(workers) as pool:
        futures = [pool.submit(clean_partition, part, out_dir, settings) for part in parts]
        for future in as_completed(futures):
            on_done(future.result())


def _die_with_parent(parent: int) -> None:
    """A pool worker's initializer: on Linux, ask the kernel to end this process when its
    parent ends (a run killed with SIGKILL would otherwise leave its workers waiting forever on
    a queue nobody writes to); a parent gone already ends it now."""
    import ctypes
    import signal
    import sys

    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the request was made
        os._exit(1)


#: prctl's option number for the signal a process gets when its parent dies (linux/prctl.h)
PR_SET_PDEATHSIG = 1


def worker_pool(workers: int) -> Any:
    """A fork-based process pool whose workers end when the process that made it ends."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )


@contextlib.contextmanager
def dask_client(*, workers: int, scheduler: str | None) -> Iterator[Any]:
    """A Dask client of the given scheduler, or of a local cluster of ``workers`` processes
    (closed with the block); an unreachable scheduler is one
    :class:`~shanhai_nlp.errors.ShanhaiError`."""
    import dask.distributed

    dd: Any = dask.distributed  # untyped library
    cluster = None
    if scheduler is None:
        cluster = dd.LocalCluster(
            n_workers=max(workers, 1), threads_per_worker=1, processes=True, dashboard_address=None
        )
    try:
        client = dd.Client(scheduler or cluster, timeout=SCHEDULER_TIMEOUT)
    except (OSError, ValueError, TimeoutError) as exc:
        if cluster is not None:
            cluster.close()
        raise ShanhaiError(f"cannot use the Dask scheduler {scheduler!r}: {exc}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_dask(
    parts: list[Partition],
    out_dir: str,
    settings: CleanSettings,
    *,
    workers: int,
    scheduler: str | None,
    on_done: Progress,
) -> None:
    """A Dask cluster (:func:`dask_client`): each partition runs :func:`clean_partition`, as on
    the local backend."""
    import dask.distributed

    with dask_client(workers=workers, scheduler=scheduler) as client:
        futures = client.map(clean_partition, parts, out_dir=out_dir, settings=settings, pure=False)
        for future in dask.distributed.as_completed(futures):  # type: ignore[no-untyped-call]
            on_done(future.result())


def clean_corpus(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    settings: CleanSettings = CleanSettings(),
    workers: int = 1,
    backend: str = "local",
    scheduler: str | None = None,
    partition_bytes: int = PLAIN_PARTITION_BYTES,
    progress: bool = False,
    force: bool = False,
) -> Summary:
    """Clean every input record into Parquet shards under ``out_dir``; return the summary. A
    rerun goes on where the last run with the same settings stopped (see
    :mod:`~shanhai_nlp.spam.runs`); ``force`` redoes a folder made with other settings."""
    from shanhai_nlp.spam.runs import RunManifest, locked, run_key

    if backend not in ("local", "dask"):
        raise ShanhaiError(f"unknown backend {backend!r}; choose local or dask")
    if partition_bytes < 1:
        raise ShanhaiError(f"partition size must be positive, not {partition_bytes} bytes")
    out = Path(out_dir)
    paths = find_inputs(inputs)
    with locked(out):
        manifest = RunManifest.open(out, run_key(settings, paths, partition_bytes), force=force)
        parts = plan_partitions(paths, partition_bytes=partition_bytes)
        return _run(parts, out, manifest, settings, workers, backend, scheduler, progress)


def _run(
    parts: list[Partition],
    out: Path,
    manifest: RunManifest,
    settings: CleanSettings,
    workers: int,
    backend: str,
    scheduler: str | None,
    progress: bool,
) -> Summary:
    summary = Summary()
    started = time.perf_counter()
    bar = _ProgressBar(len(parts), enabled=progress)

    def on_done(result: PartitionResult) -> None:
        if not result.skipped:
            manifest.record(
                result.shard,
                records=result.records,
                written=result.written,
                rejected=result.rejected,
            )
        summary.add(result)
        summary.seconds = time.perf_counter() - started
        bar.update(summary)

    for stale in [*out.glob(".*.tmp"), *(out / "rejects").glob(".*.tmp")]:
        stale.unlink()  # left by a run that was killed: this run holds the lock
    done = {p.shard for p in parts if manifest.is_done(p.shard)}
    for shard in sorted(done):
        on_done(PartitionResult(shard, skipped=True))
    parts = [p for p in parts if p.shard not in done]
    with bar:
        if backend == "dask":
            run_dask(
                parts, str(out), settings, workers=workers, scheduler=scheduler, on_done=on_done
            )
        else:
            run_local(parts, str(out), settings, workers=workers, on_done=on_done)
    summary.seconds = time.perf_counter() - started
    summary.results.sort(key=lambda r: r.shard)
    return summary


class _ProgressBar:
    """A rich progress bar with documents/s and MB/s (or nothing, when disabled)."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.enabled = enabled
        self.total = total
        self.progress: Any = None

    def __enter__(self) -> _ProgressBar:
        if self.enabled:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self.progress = Progress(
                TextColumn("cleaning"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
            )
            self.progress.start()
            self.task = self.progress.add_task("clean", total=self.total, rate="")
        return self

    def update(self, s: Summary) -> None:
        if self.progress is not None:
            rate = (
                f"{s.records / s.seconds:,.0f} docs/s, {s.bytes / 1e6 / s.seconds:.2f} MB/s"
                if s.seconds
                else ""
            )
            self.progress.update(self.task, completed=s.partitions, rate=rate)

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()
