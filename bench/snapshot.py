"""A behaviour snapshot for refactors (a development tool, not a test).

Records what the detectors and the exports produce on fixed inputs, as digests a second run can
be compared with: the spans (offsets, text, score, detector name) of every registered detector,
the repairs and clean texts, a ``clean-corpus`` run's shard rows and the dataset export's files.
A refactor that must not change behaviour is checked by a snapshot before and one after::

    python bench/snapshot.py --out build/snapshot/before.json
    ... change the code ...
    python bench/snapshot.py --out build/snapshot/after.json --compare build/snapshot/before.json

Inputs: the corpus articles and their clean texts, the hard negatives, a seeded synthetic
benchmark (``--synthetic`` documents), and the development pages when ``--dev`` names them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from shanhai_nlp.corpus import Corpus
from shanhai_nlp.dataset.export import export_dataset
from shanhai_nlp.document.io import write_json_atomic
from shanhai_nlp.spam import get_detector, infer_repairs, repair
from shanhai_nlp.spam.evaluate import EvalDoc, folder_docs
from shanhai_nlp.spam.report import hard_negatives
from shanhai_nlp.spam.stream import CleanSettings, clean_corpus
from shanhai_nlp.spam.synth import clean_paragraphs, synthetic_documents

DETECTORS = ("lexicon", "lexicon_all", "contextual", "auto")


def _digest(value: Any) -> str:
    data = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str).encode()
    return hashlib.sha256(data).hexdigest()[:16]


def inputs(corpus: Corpus, dev: Iterable[str], n_synthetic: int) -> dict[str, list[EvalDoc]]:
    docs = corpus.documents()
    paragraphs = clean_paragraphs([d.clean().text for d in docs])
    groups = {
        "corpus": [EvalDoc(d.id, d.raw_text, ()) for d in docs]
        + [EvalDoc(f"{d.id}:clean", d.clean().text, ()) for d in docs],
        "negatives": hard_negatives(),
        "synthetic": list(synthetic_documents(paragraphs, n_docs=n_synthetic, seed=0)),
    }
    for folder in dev:
        groups[f"dev:{Path(folder).name}"] = folder_docs(folder)
    return groups


def span_rows(text: str, detector: str) -> tuple[list[Any], list[Any], str]:
    spans = get_detector(detector)(text)
    repaired = infer_repairs(text, spans) if spans else spans
    clean = repair(text, repaired)
    found = [(s.start, s.end, s.text, round(s.score, 6), s.detector) for s in spans]
    repairs = [(s.start, s.end, s.repair) for s in repaired if s.repair is not None]
    return found, repairs, clean_text(clean)


def clean_text(result: Any) -> str:
    """The clean text of :func:`repair`'s result, whichever type it returns."""
    return str(getattr(result, "clean_text", None) or getattr(result, "text", ""))


def detector_digests(groups: dict[str, list[EvalDoc]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for detector in DETECTORS:
        for group, docs in groups.items():
            per_doc = {d.name: span_rows(d.text, detector) for d in docs}
            out[f"{detector}/{group}"] = {
                "spans": _digest({k: v[0] for k, v in per_doc.items()}),
                "repairs": _digest({k: v[1] for k, v in per_doc.items()}),
                "clean": _digest({k: v[2] for k, v in per_doc.items()}),
                "n_spans": sum(len(v[0]) for v in per_doc.values()),
                "per_doc": {k: _digest(v) for k, v in per_doc.items()},
            }
    return out


def shard_digest(docs: list[EvalDoc], detector: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "crawl.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for k, d in enumerate(docs):
                f.write(json.dumps({"id": k, "text": d.text}, ensure_ascii=False) + "\n")
        clean_corpus([src], Path(tmp) / "out", settings=CleanSettings(detector=detector))
        rows = []
        for shard in sorted((Path(tmp) / "out").glob("*.parquet")):
            rows.extend(pq.read_table(shard).to_pylist())
        return _digest(rows)


def export_digests() -> dict[str, str]:
    with tempfile.TemporaryDirectory() as tmp:
        target = export_dataset(Path(tmp) / "dataset")
        out = {}
        for path in sorted(target.rglob("*")):
            if path.is_file():
                if path.suffix == ".parquet":  # the rows, not the writer's metadata
                    out[str(path.relative_to(target))] = _digest(pq.read_table(path).to_pylist())
                else:
                    data = path.read_bytes()
                    out[str(path.relative_to(target))] = hashlib.sha256(data).hexdigest()[:16]
        return out


def snapshot(dev: list[str], n_synthetic: int) -> dict[str, Any]:
    groups = inputs(Corpus.find(), dev, n_synthetic)
    return {
        "detectors": detector_digests(groups),
        "shards": {d: shard_digest(groups["synthetic"], d) for d in ("lexicon", "auto")},
        "export": export_digests(),
    }


def compare(new: Any, old: Any, path: str = "") -> list[str]:
    """The keys whose values differ (``per_doc`` names the documents)."""
    if isinstance(new, dict) and isinstance(old, dict):
        out = []
        for key in sorted(set(new) | set(old)):
            out.extend(compare(new.get(key), old.get(key), f"{path}/{key}"))
        return out
    return [] if new == old else [f"{path}: {old} -> {new}"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    parser.add_argument("--dev", action="append", default=[])
    parser.add_argument("--synthetic", type=int, default=600)
    parser.add_argument("--compare", help="an earlier snapshot to compare with")
    args = parser.parse_args()
    snap = snapshot(args.dev, args.synthetic)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    write_json_atomic(Path(args.out), snap)
    if args.compare:
        old = json.loads(Path(args.compare).read_text(encoding="utf-8"))
        differences = compare(snap, old)
        for line in differences[:40]:
            print(line)
        print(f"{len(differences)} differences")
        return 1 if differences else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
