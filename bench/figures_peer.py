"""The numeral parser against other projects' public test tables (a benchmark, not a test).

Reads ``../shared/peer/cn2an/cases.jsonl`` (cn2an's unit-test tables) and the parser cases of
``../shared/peer/recognizers_text/cases.jsonl`` (Microsoft Recognizers-Text's Chinese number
specs), both scripts, and reports the share of claimed cases :func:`parse_number` reads to the
gold value (relative tolerance 1e-6), with the failures; and extraction on the specs' sentences
(see :func:`extraction` for what its precision does not separate).

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
from shanhai_nlp.figures import extract_figures, parse_number


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


def _close(a: float | None, b: float | None) -> bool:
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


#: the specs' metric units as (the project's unit, how many of them one is): the project keeps
#: the unit it reads (12千米 is 12 千米), so only the specs' multiples need converting
_SPEC_UNITS = {
    "Kilometer": {"千米": 1.0, "公里": 1.0, "米": 1000.0},
    "Kilogram": {"千克": 1.0, "公斤": 1.0, "克": 1000.0},
}
#: the project's qualifiers that state an open interval: the bound a spec interval gives
_OPEN_BELOW = ("over",)  # [low, null]: more than low
_OPEN_ABOVE = ("under",)  # [null, high]: less than high


def _same(pred: Any, gold: dict[str, Any]) -> bool:
    """Span overlap and the same value (relative tolerance 1e-6), in the project's unit when
    the spec names a metric multiple; for a gold interval, a range's bounds, or an open
    interval's bound with the qualifier that says which side is open (500多億: over 5e10)."""
    if not (pred.start < gold["end"] and gold["start"] < pred.end):
        return False
    if gold.get("interval"):
        low, high = gold["interval"][:2]
        if low is not None and high is None:
            return pred.qualifier in _OPEN_BELOW and _close(pred.value, low)
        if low is None and high is not None:
            return pred.qualifier in _OPEN_ABOVE and _close(pred.value, high)
        return _close(pred.low, low) and _close(pred.high, high)
    value = gold.get("value")
    factor = _SPEC_UNITS.get(gold.get("unit", ""), {}).get(pred.unit, 1.0)
    return _close(pred.value, None if value is None else value * factor)


def judge(pred: Any, golds: list[dict[str, Any]], role: str) -> str:
    """What a found figure is: ``right`` (it matches a gold result); ``wrong`` (on a negative
    input, or over a claimed gold result it does not match); ``unclaimed`` (over a gold result
    of a kind the project does not claim, a compound duration say); ``unjudged`` (where the
    spec has no result: each spec annotates only its own type, so the money in a dimension
    sentence has none)."""
    if any(_same(pred, g) for g in golds):
        return "right"
    over = [g for g in golds if pred.start < g["end"] and g["start"] < pred.end]
    if role == "negative" or any(g.get("claimed") for g in over):
        return "wrong"
    return "unclaimed" if over else "unjudged"


def extraction(peer: Path) -> dict[str, Any]:
    """Figure extraction on the specs' inputs: recall over claimed gold results, and two
    precisions. ``precision_claimed`` is over the figures judged on the claimed kinds (right
    or wrong, see :func:`judge`): the measure of what the project claims. ``precision`` counts
    every other figure found as wrong too, unclaimed and unjudged ones included: a lower
    bound."""
    specs = peer / "recognizers_text" / "cases.jsonl"
    found = right = gold_claimed = gold_found = 0
    judged: dict[str, int] = {"right": 0, "wrong": 0, "unclaimed": 0, "unjudged": 0}
    misses, false = [], []
    for line in specs.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        if case["role"] not in ("positive", "negative"):
            continue
        preds = extract_figures(case["input"])
        golds = case["results"] if case["role"] == "positive" else []
        for pred in preds:
            found += 1
            verdict = judge(pred, golds, case["role"])
            judged[verdict] += 1
            if verdict == "right":
                right += 1
            else:
                false.append(
                    {
                        "file": case["file"],
                        "input": case["input"],
                        "figure": pred.text,
                        "verdict": verdict,
                    }
                )
        for gold in golds:
            if gold.get("claimed"):
                gold_claimed += 1
                if any(_same(p, gold) for p in preds):
                    gold_found += 1
                else:
                    misses.append(
                        {"file": case["file"], "input": case["input"], "gold": gold["text"]}
                    )
    claimed = judged["right"] + judged["wrong"]
    return {
        "precision_claimed": round(judged["right"] / claimed, 4) if claimed else None,
        "judged": judged,
        "precision": round(right / found, 4) if found else None,
        "recall_claimed": round(gold_found / gold_claimed, 4) if gold_claimed else None,
        "figures_found": found,
        "claimed_gold": gold_claimed,
        "false_figures": false,
        "missed": misses,
    }


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
    result["extraction"] = extraction(peer)
    summary = {k: v for k, v in result.items() if k not in ("failures", "extraction")}
    summary["extraction"] = {
        k: v for k, v in result["extraction"].items() if k not in ("false_figures", "missed")
    }
    print(json.dumps(summary, ensure_ascii=False))
    for failure in result["failures"][:10]:
        print("parser:", json.dumps(failure, ensure_ascii=False))
    wrong = [f for f in result["extraction"]["false_figures"] if f["verdict"] == "wrong"]
    for false in wrong[:20]:
        print("wrong figure:", json.dumps(false, ensure_ascii=False))
    for miss in result["extraction"]["missed"][:15]:
        print("missed:", json.dumps(miss, ensure_ascii=False))
    if args.out:
        write_json_atomic(Path(args.out) / "figures_peer.json", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
