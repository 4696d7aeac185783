"""What a ``clean-corpus`` run into a folder has done, and with which settings.

A run holds a lock on its output folder (a second run into it stops with one line). The
folder's ``manifest.json`` records the run's key (the package version, the cleaning settings, a
fingerprint of the detector's resources, the partitioning, and each input's size and
modification time) and every finished partition with its counts. A rerun with the same key goes
on where the last one stopped; with another key it stops, saying what differs, or starts over
with ``force``. A shard counts as done only when the manifest lists it, its Parquet footer reads
and holds the listed rows, and its rejects file holds the listed rejects.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shanhai_nlp.document.io import file_lock, write_json_atomic
from shanhai_nlp.errors import ShanhaiError

if TYPE_CHECKING:
    from shanhai_nlp.spam.stream import CleanSettings

MANIFEST = "manifest.json"
LOCK = ".lock"


def locked(out: Path) -> contextlib.AbstractContextManager[None]:
    """Hold the output folder's lock for the block (see :func:`~shanhai_nlp.document.io.
    file_lock`: a worker left running after its run was killed does not keep the next run
    out)."""
    busy = (
        f"{out}: another clean-corpus run is writing into this folder; wait for it or use "
        "another --out"
    )
    return file_lock(out / LOCK, busy=busy)


def _package_version() -> str:
    try:
        return metadata.version("shanhai_nlp")
    except metadata.PackageNotFoundError:  # pragma: no cover - run from a source tree
        return "unknown"


def detector_fingerprint(
    detector: str, lexicons: Sequence[str | Path] = (), mined: str | Path | None = None
) -> str:
    """A hash of the detector's name, of every shipped resource (lexicons, word lists), of the
    user's lexicons and of the installed learned model: what the detector's output depends on
    besides the code."""
    from shanhai_nlp.spam.learned import default_model_path
    from shanhai_nlp.spam.user_lexicons import lexicon_fingerprint, mined_fingerprint

    digest = hashlib.sha256(detector.encode())
    if lexicons:
        digest.update(lexicon_fingerprint(lexicons).encode())
    if mined is not None:
        digest.update(mined_fingerprint(mined).encode())
    model = default_model_path()
    if detector in ("auto", "learned") and model.is_file():
        digest.update(model.read_bytes())
    root = resources.files("shanhai_nlp.resources")
    stack = [root]
    files = []
    while stack:
        for item in stack.pop().iterdir():
            if item.is_dir():
                stack.append(item)
            elif not item.name.endswith((".pyc", ".py")):
                files.append(item)
    for item in sorted(files, key=lambda f: str(f)):
        digest.update(item.name.encode() + b"\0" + item.read_bytes())
    return digest.hexdigest()[:16]


def run_key(settings: CleanSettings, inputs: list[Path], partition_bytes: int) -> dict[str, Any]:
    """What decides a run's output."""
    return {
        "package": _package_version(),
        "settings": json.loads(json.dumps(asdict(settings))),  # as the manifest reads back
        "detector_fingerprint": detector_fingerprint(
            settings.detector, settings.lexicons, settings.mined
        ),
        "partition_bytes": partition_bytes,
        "inputs": [
            {"path": str(p.resolve()), "size": p.stat().st_size, "mtime_ns": p.stat().st_mtime_ns}
            for p in inputs
        ],
    }


def _differences(old: dict[str, Any], new: dict[str, Any]) -> str:
    parts = []
    for name in ("settings", "detector_fingerprint", "partition_bytes", "package", "inputs"):
        if old.get(name) != new.get(name):
            if name == "settings":
                changed = [
                    f"{k} {old[name].get(k)!r} -> {v!r}"
                    for k, v in new[name].items()
                    if old[name].get(k) != v
                ]
                parts.append(", ".join(changed))
            elif name == "inputs":
                parts.append("the inputs changed")
            else:
                parts.append(f"{name} {old.get(name)!r} -> {new.get(name)!r}")
    return "; ".join(parts) or "a different run"


def _rows(path: Path) -> int | None:
    """The rows a Parquet file's footer holds (None when it does not read)."""
    import pyarrow.parquet as pq

    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except Exception:  # any unreadable file: a truncated or foreign one
        return None


def _lines(path: Path) -> int | None:
    try:
        with path.open("rb") as fh:
            return sum(1 for _ in fh)
    except OSError:
        return None


class RunManifest:
    """The finished partitions of a run into ``out``, with its key."""

    def __init__(self, out: Path, key: dict[str, Any], done: dict[str, Any]) -> None:
        self.out, self.key, self.done = out, key, done

    @classmethod
    def open(cls, out: Path, key: dict[str, Any], *, force: bool) -> RunManifest:
        """The folder's manifest; a folder made with another key (or by a version that wrote
        no manifest) is refused, or emptied with ``force``."""
        path = out / MANIFEST
        old: dict[str, Any] | None = None
        if path.exists():
            try:
                old = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                old = {"key": None}
        elif any(out.glob("*.parquet")):
            old = {"key": {}}  # shards of a run that kept no manifest: settings unknown
        if old is not None and old.get("key") != key:
            if not force:
                why = _differences(old["key"], key) if old.get("key") else "unknown settings"
                raise ShanhaiError(
                    f"{out}: holds the output of a run with other settings ({why}); rerun with "
                    "--force to redo it, or use another --out"
                )
            clear(out)
            old = None
        manifest = cls(out, key, dict(old["done"]) if old else {})
        manifest.save()
        return manifest

    def is_done(self, shard: str) -> bool:
        entry = self.done.get(shard)
        if entry is None:
            return False
        rows = _rows(self.out / f"{shard}.parquet")
        rejects = _lines(self.out / "rejects" / f"{shard}.jsonl")
        return bool(rows == entry["written"] and rejects == entry["rejected"])

    def record(self, shard: str, *, records: int, written: int, rejected: int) -> None:
        self.done[shard] = {"records": records, "written": written, "rejected": rejected}
        self.save()

    def save(self) -> None:
        done = dict(sorted(self.done.items()))  # the same file whatever order partitions end in
        write_json_atomic(self.out / MANIFEST, {"key": self.key, "done": done})


def clear(out: Path) -> None:
    """Remove a run's shards, rejects and manifest (nothing else in the folder)."""
    for path in [*out.glob("*.parquet"), *out.glob(".*.tmp"), *(out / "rejects").glob("*.jsonl")]:
        path.unlink()
    for path in (out / "rejects").glob(".*.tmp"):
        path.unlink()
    (out / MANIFEST).unlink(missing_ok=True)
