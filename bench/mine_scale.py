"""Crawl mining at scale (a benchmark, not a test).

Writes ``--seeds`` crawls of ``bench/mine_crawl.py``'s generator (``--docs`` pages each, one
file and one partition per seed; each seed draws its own eight templates, so brands recur with
other suffixes: 万利棋牌 on one site, 万利棋牌官网 on another), mines them together with
``--workers`` processes, and reports the confident rows' precision and recall against every
seed's templates, wall time, MB/s and the peak RSS of this process and of its largest worker.

Usage: ``python bench/mine_scale.py --seeds 43 --workers 2 --out build/reports`` (about 1 GB
and a few minutes; the files go to a temporary folder)
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import tempfile
import time
from pathlib import Path

from mine_crawl import build_crawl  # the script's folder is on the path

from shanhai_nlp.document.io import write_json_atomic
from shanhai_nlp.spam.mine import CONFIDENT_SCORE, MineSettings, mine


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=43)
    parser.add_argument("--docs", type=int, default=24000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=Path("build/reports"))
    args = parser.parse_args()
    templates: set[str] = set()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "crawl"
        folder.mkdir()
        for seed in range(args.seeds):
            crawl = argparse.Namespace(docs=args.docs, sites=24, seed=seed, pattern="mixed")
            records, drawn = build_crawl(crawl)
            templates |= drawn
            with (folder / f"crawl-{seed:03d}.jsonl").open("w", encoding="utf-8") as fh:
                for r in records:
                    row = {"id": f"{seed}-{r['id']}", "url": r["url"], "text": r["text"]}
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        vocab = Path(tmp) / "VOCAB.tsv"
        start = time.perf_counter()
        mine([folder], vocab, settings=MineSettings(group_field="url"), workers=args.workers)
        seconds = time.perf_counter() - start
        with vocab.open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t"))
    confident = {r["string"] for r in rows if float(r["score"]) >= CONFIDENT_SCORE}
    found = confident & templates
    result = {
        "command": f"python bench/mine_scale.py --seeds {args.seeds} --docs {args.docs} "
        f"--workers {args.workers}",
        "crawl": {"files": args.seeds, "docs": args.seeds * args.docs, "mb": round(size, 1)},
        "templates": len(templates),
        "rows": len(rows),
        "confident": len(confident),
        "vocabulary_precision": round(len(found) / max(len(confident), 1), 3),
        "vocabulary_recall": round(len(found) / max(len(templates), 1), 3),
        "confident_not_templates": sorted(confident - templates)[:20],
        "mining_seconds": round(seconds, 1),
        "mining_mb_s": round(size / seconds, 2),
        # kilobytes on Linux: this process (it merges) and the largest worker
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3),
        "peak_worker_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1e3),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    write_json_atomic(args.out / "mine_scale.json", result)
    print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
