"""The numeral parser against other projects' public test tables (a benchmark, not a test).

Reads ``../shared/peer/cn2an/cases.jsonl`` (cn2an's unit-test tables) and the parser cases of
``../shared/peer/recognizers_text/cases.jsonl`` (Microsoft Recognizers-Text's Chinese number
specs), both scripts, and reports the share of claimed cases :func:`parse_number` reads to the
gold value (relative tolerance 1e-6), with the failures.

Usage: ``python bench/figures_peer.py [--peer ../shared/peer] [--out build/reports]``
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

from shanhai_nlp.document.io import write_json_atomic
from shanhai_nlp.figures import parse_number


def _cases(peer: Path) -> list[tuple[str, str, float]]:
    """(source, numeral, value) of every claimed case, in both scripts."""
    out = []
    for line in (peer / "cn2an" / "cases.jsonl").read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case["claimed"] and case["value"] is not None:
            for expr in {case["expr"], case["expr_t"]} - {None}:
                out.append((f"cn2an:{case['mode']}", expr, float(case["value"])))
    for line in (
        (peer / "recognizers_text" / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    ):
        case = json.loads(line)
        if case["role"] != "parser":
            continue
        for result in case["results"]:
            if result.get("claimed") and result.get("value") is not None:
                out.append((f"recognizers:{case['script']}", result["text"], result["value"]))
    return out


def score(peer: Path) -> dict[str, Any]:
    by_source: dict[str, list[int]] = {}
    failures = []
    for source, expr, value in _cases(peer):
        got = parse_number(expr)
        ok = got is not None and math.isclose(got, value, rel_tol=1e-6, abs_tol=1e-9)
        tally = by_source.setdefault(source, [0, 0])
        tally[0] += ok
        tally[1] += 1
        if not ok:
            failures.append({"source": source, "numeral": expr, "gold": value, "parsed": got})
    right = sum(t[0] for t in by_source.values())
    total = sum(t[1] for t in by_source.values())
    return {
        "command": "python bench/figures_peer.py",
        "parser_accuracy": round(right / total, 4) if total else None,
        "cases": total,
        "by_source": {k: {"right": r, "cases": n} for k, (r, n) in sorted(by_source.items())},
        "failures": failures,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer", default="../shared/peer")
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    peer = Path(args.peer)
    if not (peer / "cn2an" / "cases.jsonl").exists():
        print(f"no peer tables in {peer}: nothing to score", file=sys.stderr)
        return 0
    result = score(peer)
    print(json.dumps({k: v for k, v in result.items() if k != "failures"}, ensure_ascii=False))
    for failure in result["failures"][:25]:
        print(json.dumps(failure, ensure_ascii=False))
    if args.out:
        write_json_atomic(Path(args.out) / "figures_peer.json", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
