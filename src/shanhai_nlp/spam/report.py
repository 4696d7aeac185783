"""The spam report: every detector, signal and baseline on the same inputs, as JSON and Markdown.

Inputs: the corpus (each article and its clean text), optional folders of annotated pages (for
example a development set of real pages), a seeded synthetic benchmark, and the hard negatives
(genuine news about gambling, lotteries, loans and 包養, which must come back untouched).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from shanhai_nlp.basetext import BaseParagraph
from shanhai_nlp.corpus import Corpus
from shanhai_nlp.document.io import write_json_atomic, write_text_atomic
from shanhai_nlp.spam.auto import GENERAL_FAMILIES, AutoDetector
from shanhai_nlp.spam.base import get_detector
from shanhai_nlp.spam.baselines import flagged_ratio_keeps, regex_filter_keeps
from shanhai_nlp.spam.battery import battery_documents, removed_per_10k
from shanhai_nlp.spam.contextual import ContextualDetector
from shanhai_nlp.spam.evaluate import (
    EvalDoc,
    Report,
    Spans,
    corpus_docs,
    detector_predictions,
    evaluate,
    folder_docs,
)
from shanhai_nlp.spam.learned import LearnedDetector, SpamModel
from shanhai_nlp.spam.learned.training import part
from shanhai_nlp.spam.lexicon import LexiconDetector
from shanhai_nlp.spam.signals import DEFAULT_SIGNALS, get_signal, signals
from shanhai_nlp.spam.synth import FAMILIES, PATTERNS, clean_paragraphs, synthetic_documents

DETECTORS = ("lexicon", "contextual", "learned", "auto")


def hard_negatives() -> list[EvalDoc]:
    """Genuine news on spam topics, shipped as resources: no span may be found in them."""
    folder = resources.files("shanhai_nlp.resources.hard_negatives")
    docs = []
    for item in sorted(folder.iterdir(), key=lambda f: f.name):
        if item.name.endswith(".txt"):
            docs.append(EvalDoc(f"negative:{item.name[:-4]}", item.read_text(encoding="utf-8"), ()))
    return docs


@dataclass(frozen=True, slots=True)
class ReportInputs:
    corpus: list[EvalDoc]
    dev: dict[str, list[EvalDoc]]
    synthetic: list[EvalDoc]
    negatives: list[EvalDoc]
    #: what the synthetic documents were made from (leave-one-family-out injects into it too)
    paragraphs: list[str]


#: base-text paragraphs the synthetic benchmark injects into: about a news paragraph long
SYNTHETIC_PARAGRAPH = (30, 400)


def synthetic_base(corpus: Corpus, base: Sequence[BaseParagraph] | None) -> list[str]:
    """What the synthetic benchmark injects into: the paragraphs of about a news paragraph's
    length of the base-text files the learned model is not trained on, when the base text is
    given, else the corpus articles' (both scripts)."""
    if base is None:
        return clean_paragraphs([doc.clean().text for doc in corpus.documents()])
    low, high = SYNTHETIC_PARAGRAPH
    return [p.text for p in part(base, "heldout") if low <= len(p.text) <= high]


def build_inputs(
    corpus: Corpus,
    dev_dirs: Sequence[str | Path] = (),
    *,
    n_synthetic: int = 140,
    seed: int = 0,
    base: Sequence[BaseParagraph] | None = None,
) -> ReportInputs:
    paragraphs = synthetic_base(corpus, base)
    return ReportInputs(
        corpus=corpus_docs(corpus),
        dev={str(d): folder_docs(d) for d in dev_dirs},
        synthetic=list(synthetic_documents(paragraphs, n_docs=n_synthetic, seed=seed)),
        negatives=hard_negatives(),
        paragraphs=paragraphs,
    )


def _summary(report: Report) -> dict[str, Any]:
    m = report.micro
    return {
        "exact_f1": m.exact["f1"],
        "overlap_f1": m.overlap["f1"],
        "char_p": m.chars["p"],
        "char_r": m.chars["r"],
        "char_f1": m.chars["f1"],
        "fp_per_10k": m.fp_per_10k,
    }


def _detector_rows(inputs: ReportInputs, name: str, detect: Callable[[str], Any]) -> dict[str, Any]:
    predict = detector_predictions(detect)
    rows: dict[str, Any] = {
        "corpus": evaluate(inputs.corpus, predict, name=name).as_dict(),
        "synthetic": _summary(evaluate(inputs.synthetic, predict, name=name)),
        "negatives": _summary(evaluate(inputs.negatives, predict, name=name)),
    }
    rows["dev"] = {
        d: evaluate(docs, predict, name=name).as_dict() for d, docs in inputs.dev.items()
    }
    return rows


#: trains the learned model without a family (leave-one-family-out), or None without one
HeldOutModels = Callable[[str], SpamModel | None]


def leave_one_family_out(
    paragraphs: list[str], *, seed: int, n_docs: int, models: HeldOutModels | None = None
) -> dict[str, Any]:
    """Per held-out family: each detector on synthetic documents of that family only, with the
    family removed from every lexicon it uses and from the learned model's training
    (``models(family)`` gives a model trained without it)."""
    out: dict[str, Any] = {}
    contextual = ContextualDetector()
    for k, family in enumerate(FAMILIES):
        docs = [
            d
            for d in synthetic_documents(
                paragraphs,
                n_docs=n_docs,
                seed=seed + 100 + k,
                families=[family],
                spam_free_share=0.0,
            )
        ]
        others = [f for f in GENERAL_FAMILIES if f != family]
        model = models(family) if models is not None else None
        detectors: list[tuple[str, Callable[[str], Any]]] = [
            ("contextual", contextual),
            ("auto", AutoDetector(families=others, learned=model, use_learned=model is not None)),
            ("lexicon_others", LexiconDetector.from_families(others, name="lexicon_others")),
        ]
        if model is not None:
            detectors.append(("learned", LearnedDetector(model)))
        out[family] = {
            name: _summary(evaluate(docs, detector_predictions(det), name=name))
            for name, det in detectors
        }
        out[family]["n_docs"] = len(docs)
    return out


def pattern_rows(paragraphs: list[str], *, seed: int, n_docs: int) -> dict[str, Any]:
    """Per injection pattern: each detector on synthetic documents injected with that pattern
    only (every family; the lexicons hold them, so lexicon-based rows are optimistic)."""
    out: dict[str, Any] = {}
    for k, pattern in enumerate(PATTERNS):
        docs = list(
            synthetic_documents(
                paragraphs,
                n_docs=n_docs,
                seed=seed + 200 + k,
                patterns=[pattern],
                spam_free_share=0.0,
            )
        )
        out[pattern] = {
            name: _summary(evaluate(docs, detector_predictions(get_detector(name)), name=name))
            for name in DETECTORS
        }
    return out


def report_signals() -> list[str]:
    """Every registered signal: the default ones in order, then the others by name (signals
    other packages register appear here too)."""
    others = sorted(set(signals.get_all()) - set(DEFAULT_SIGNALS))
    return [*DEFAULT_SIGNALS, *others]


def signal_rows(inputs: ReportInputs) -> dict[str, Any]:
    """Each signal of :func:`report_signals` alone, on the corpus, synthetic and dev pages."""
    rows = {}
    for registered in report_signals():
        det = ContextualDetector([get_signal(registered)])
        signal = det.signals[0].name
        predict = detector_predictions(det)
        rows[signal] = {
            "corpus": _summary(evaluate(inputs.corpus, predict, name=signal)),
            "synthetic": _summary(evaluate(inputs.synthetic, predict, name=signal)),
            **{
                f"dev:{Path(d).name}": _summary(evaluate(docs, predict, name=signal))
                for d, docs in inputs.dev.items()
            },
        }
    return rows


def _removal_row(
    docs: Sequence[EvalDoc], removed: Callable[[EvalDoc], Spans | None]
) -> dict[str, Any]:
    """Clean characters kept and injected spans left in; ``removed`` returns None to drop a doc."""
    clean_total = clean_kept = spans_total = spans_left = dropped = 0
    for doc in docs:
        gold_chars = {i for s, e in doc.gold for i in range(s, e)}
        clean_chars = len(doc.text) - len(gold_chars)
        clean_total += clean_chars
        spans_total += len(doc.gold)
        pred = removed(doc)
        if pred is None:
            dropped += 1
            continue
        pred_chars = {i for s, e in pred for i in range(s, e)}
        clean_kept += clean_chars - len(pred_chars - gold_chars)
        spans_left += sum(1 for s, e in doc.gold if any(i not in pred_chars for i in range(s, e)))
    return {
        "docs": len(docs),
        "docs_dropped": dropped,
        "clean_chars_kept": round(clean_kept / clean_total, 4) if clean_total else None,
        "spans_left": spans_left,
        "spans_total": spans_total,
    }


def baseline_rows(inputs: ReportInputs) -> dict[str, Any]:
    sets = {
        "corpus": [d for d in inputs.corpus if d.gold],
        "synthetic": inputs.synthetic,
        "negatives": inputs.negatives,
    }
    sets.update({f"dev:{Path(d).name}": docs for d, docs in inputs.dev.items()})
    methods: dict[str, Callable[[EvalDoc], Spans | None]] = {
        "regex_filter (FineWeb-zhtw style)": lambda d: () if regex_filter_keeps(d.text) else None,
        "flagged_ratio (data-juicer style)": lambda d: () if flagged_ratio_keeps(d.text) else None,
    }
    for name in DETECTORS:
        methods[f"shanhai {name}"] = detector_predictions(get_detector(name))
    return {m: {k: _removal_row(docs, fn) for k, docs in sets.items()} for m, fn in methods.items()}


def build_report(
    corpus: Corpus,
    dev_dirs: Sequence[str | Path] = (),
    *,
    seed: int = 0,
    n_synthetic: int = 140,
    n_lofo: int = 20,
    base: Sequence[BaseParagraph] | None = None,
    held_out_models: HeldOutModels | None = None,
) -> dict[str, Any]:
    """Everything the spam report shows, as one JSON-ready dict. With ``base`` (the base
    text's paragraphs), the synthetic benchmark injects into it and the false-positive battery
    runs on it; without, the synthetic benchmark injects into the corpus articles."""
    inputs = build_inputs(corpus, dev_dirs, n_synthetic=n_synthetic, seed=seed, base=base)
    paragraphs = inputs.paragraphs
    report: dict[str, Any] = {
        "seed": seed,
        "inputs": {
            "corpus_docs": len(inputs.corpus),
            "dev": {d: len(v) for d, v in inputs.dev.items()},
            "synthetic_docs": len(inputs.synthetic),
            "synthetic_base": "the corpus articles" if base is None else "the base text",
            "synthetic_base_paragraphs": len(paragraphs),
            "negatives": len(inputs.negatives),
        },
        "detectors": {name: _detector_rows(inputs, name, get_detector(name)) for name in DETECTORS},
        "signals": signal_rows(inputs),
        "leave_one_family_out": leave_one_family_out(
            paragraphs, seed=seed, n_docs=n_lofo, models=held_out_models
        ),
        "patterns": pattern_rows(paragraphs, seed=seed, n_docs=n_lofo),
        "baselines": baseline_rows(inputs),
    }
    if base is not None:
        docs = battery_documents(part(base, "heldout"), seed=seed)
        report["false_positive_battery"] = {
            name: removed_per_10k(get_detector(name), docs) for name in DETECTORS
        }
    return report


def _fmt(x: Any) -> str:
    return "–" if x is None else (f"{x:.3f}" if isinstance(x, float) else str(x))


def render_markdown(report: dict[str, Any], *, command: str) -> str:
    """The report as Markdown tables."""
    lines = ["# Spam detection report", "", f"Produced by `{command}` (seed {report['seed']}).", ""]
    lines += _detector_table(report["detectors"])
    lines += _per_document(report["detectors"])
    lines += _signal_table(report["signals"])
    lines += _lofo_table(report["leave_one_family_out"])
    lines += _pattern_table(report["patterns"])
    lines += _baseline_table(report["baselines"])
    if "false_positive_battery" in report:
        lines += _battery_table(report["false_positive_battery"])
    if "throughput" in report:
        lines += _throughput(report["throughput"])
    return "\n".join(lines) + "\n"


def _detector_table(detectors: dict[str, Any]) -> list[str]:
    lines = [
        "## Detectors",
        "",
        "| detector | input | exact P | exact R | exact F1 | overlap F1 | char P | char R "
        "| char F1 | FP chars / 10k (spam-free docs) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, rows in detectors.items():
        blocks = [("corpus (article + its clean text)", rows["corpus"]["micro"])]
        blocks += [(f"dev {Path(d).name}", r["micro"]) for d, r in rows["dev"].items()]
        for label, m in blocks:
            lines.append(
                f"| {name} | {label} | {m['exact']['p']:.3f} | {m['exact']['r']:.3f} | "
                f"{m['exact']['f1']:.3f} | {m['overlap']['f1']:.3f} | {m['chars']['p']:.3f} | "
                f"{m['chars']['r']:.3f} | {m['chars']['f1']:.3f} | {_fmt(m['fp_per_10k'])} |"
            )
        for label in ("synthetic", "negatives"):
            m = rows[label]
            lines.append(
                f"| {name} | {label} | | | {m['exact_f1']:.3f} | {m['overlap_f1']:.3f} | "
                f"{m['char_p']:.3f} | {m['char_r']:.3f} | {m['char_f1']:.3f} | "
                f"{_fmt(m['fp_per_10k'])} |"
            )
    return lines


def _per_document(detectors: dict[str, Any]) -> list[str]:
    lines = ["", "Per-document scores are in the JSON report.", ""]
    for name, rows in detectors.items():
        for d, r in [("corpus", rows["corpus"]), *rows["dev"].items()]:
            lines.append(
                f"- {name} on {Path(d).name}: "
                + ", ".join(
                    f"{doc} char F1 {s['chars']['f1']:.2f}"
                    + (f" (FP/10k {s['fp_per_10k']})" if s["fp_per_10k"] is not None else "")
                    for doc, s in r["documents"].items()
                )
            )
    return lines


def _columns(rows: dict[str, Any]) -> list[str]:
    """A table's header and rule, its columns those of its first row."""
    first = next(iter(rows.values()))
    return [" | ".join(first.keys()) + " |", "|---|" + "---|" * len(first)]


def _signal_table(signals: dict[str, Any]) -> list[str]:
    header, rule = _columns(signals)
    lines = [
        "",
        "## Contextual signals, one at a time (char F1 / FP per 10k)",
        "",
        "| signal | " + header,
        rule,
    ]
    for signal, rows in signals.items():
        lines.append(
            f"| {signal} | "
            + " | ".join(f"{r['char_f1']:.3f} / {_fmt(r['fp_per_10k'])}" for r in rows.values())
            + " |"
        )
    return lines


def _lofo_table(lofo: dict[str, Any]) -> list[str]:
    names = [
        n
        for n in ("contextual", "learned", "auto", "lexicon_others")
        if n in next(iter(lofo.values()), {})
    ]
    lines = [
        "",
        "## Leave one family out (synthetic, on base-text files no model was trained on)",
        "",
        "The held-out family is in no lexicon used, and the learned model scored on it was "
        "trained without it. Character P / R / F1:",
        "",
        "| held-out family | docs | " + " | ".join(names) + " |",
        "|---|---|" + "---|" * len(names),
    ]
    for family, rows in lofo.items():
        cells = [
            f"{rows[n]['char_p']:.3f} / {rows[n]['char_r']:.3f} / **{rows[n]['char_f1']:.3f}**"
            for n in names
        ]
        lines.append(f"| {family} | {rows['n_docs']} | " + " | ".join(cells) + " |")
    return lines


def _pattern_table(patterns: dict[str, Any]) -> list[str]:
    header, rule = _columns(patterns)
    lines = [
        "",
        "## Per injection pattern (synthetic, every family: lexicon rows are in-sample)",
        "",
        "Character F1 (FP characters per 10k on spam-free documents are in the JSON):",
        "",
        "| pattern | " + header,
        rule,
    ]
    for pattern, rows in patterns.items():
        lines.append(
            f"| {pattern} | " + " | ".join(f"{r['char_f1']:.3f}" for r in rows.values()) + " |"
        )
    return lines


def _baseline_table(baselines: dict[str, Any]) -> list[str]:
    header, rule = _columns(baselines)
    lines = [
        "",
        "## Dropping documents vs. removing spam",
        "",
        "Clean characters kept (share of all non-spam characters) / injected spans left in.",
        "",
        "| method | " + header,
        rule,
    ]
    for method, rows in baselines.items():
        lines.append(
            f"| {method} | "
            + " | ".join(
                f"{_fmt(r['clean_chars_kept'])} / {r['spans_left']} of {r['spans_total']} "
                f"(dropped {r['docs_dropped']}/{r['docs']})"
                for r in rows.values()
            )
            + " |"
        )
    return lines


def _battery_table(battery: dict[str, Any]) -> list[str]:
    lines = [
        "",
        "## False-positive battery (untouched base text: characters removed per 10,000)",
        "",
        "Pages of about 2,000 characters, long documents of one topic (5,000–20,000 characters, "
        "each script) and pages mixing the two scripts; the target is at most 2.",
        "",
        "| detector | pages | long | mixed scripts |",
        "|---|---|---|---|",
    ]
    for name, rows in battery.items():
        cells = [
            f"{_fmt(rows[k]['per_10k'])} ({rows[k]['docs']} docs)" if k in rows else "–"
            for k in ("pages", "long", "mixed")
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", "Worst documents:", ""]
    for name, rows in battery.items():
        for w in rows["worst"][:3]:
            lines.append(f"- {name}, {w['doc']}: {w['per_10k']} per 10k, e.g. {w['examples'][:3]}")
    return lines


def _throughput(t: dict[str, Any]) -> list[str]:
    return [
        "",
        "## Throughput (one core)",
        "",
        f"Measured by `{t['command']}` on "
        f"{t['corpus']['mb']} MB ({t['corpus']['documents']} documents).",
        "",
        "| what | MB/s | ratio to bare Aho–Corasick |",
        "|---|---|---|",
        f"| bare Aho–Corasick scan | {t['bare_aho_corasick_mb_s']} | 1 |",
        f"| lexicon detect + repair | {t['lexicon_detect_repair_mb_s']} | {t['lexicon_vs_bare']} |",
        f"| auto detect + repair ({t['auto_mb_timed']} MB timed) | "
        f"{t['auto_detect_repair_mb_s']} | {t['auto_vs_bare']} |",
    ]


def write_report(report: dict[str, Any], out_dir: str | Path, *, command: str) -> tuple[Path, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out / "spam.json", out / "spam.md"
    write_json_atomic(json_path, report)
    write_text_atomic(md_path, render_markdown(report, command=command))
    return json_path, md_path
