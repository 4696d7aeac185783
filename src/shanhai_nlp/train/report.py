"""Reports of the training runs: Markdown, JSON and a confusion-matrix picture."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shanhai_nlp.document.io import write_json_atomic, write_text_atomic


def confusion_png(summary: dict[str, Any], path: str | Path) -> Path:
    """One confusion matrix per model, side by side (counts summed over repetitions)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    labels = summary["confusion_labels"]
    models = list(summary["models"])
    fig, axes = plt.subplots(1, len(models), figsize=(4.2 * len(models), 4.2))
    for ax, name in zip(axes, models, strict=True):
        matrix = summary["models"][name]["confusion"]
        ax.imshow(matrix, cmap="Blues")
        ax.set_xticks(range(len(labels)), labels, rotation=45, ha="right")
        ax.set_yticks(range(len(labels)), labels)
        ax.set_xlabel("predicted")
        ax.set_ylabel("gold")
        ax.set_title(
            f"{name.split(' (')[0]}\nmacro-F1 {summary['models'][name]['macro_f1']:.2f}", fontsize=9
        )
        for r, row in enumerate(matrix):
            for c, value in enumerate(row):
                ax.text(c, r, str(value), ha="center", va="center", fontsize=8)
    fig.tight_layout()
    out = Path(path)
    fig.savefig(out, dpi=110)
    plt.close(fig)
    return out


def sections_markdown(
    summary: dict[str, Any], ner: dict[str, Any] | None, *, command: str, plan: str
) -> str:
    """The training report as Markdown: sections, then entities when cross-validated."""
    lines = _sections_intro(summary, command=command, plan=plan)
    lines += _per_class(summary)
    lines += _comparisons(summary)
    if ner:
        lines += _entities(ner)
    return "\n".join(lines) + "\n"


def _sections_intro(summary: dict[str, Any], *, command: str, plan: str) -> list[str]:
    lines = [
        "# Section classifier and entity recogniser: cross-validated on one article",
        "",
        f"Produced by `{command}`. Protocol: {plan}; every model sees the same folds. "
        f"{summary['items']} paragraphs (body, heading, caption) with a section; support "
        + ", ".join(f"{k} {v}" for k, v in summary["support"].items())
        + ". "
        "One article is very little data: the intervals are wide, and none of these numbers is "
        "a held-out estimate for other articles.",
        "",
        "## Section classification",
        "",
        "| model | macro-F1 (mean over repetitions) | 95% bootstrap interval | per repetition "
        "| outside the taxonomy: share labelled none |",
        "|---|---|---|---|---|",
    ]
    for name, m in summary["models"].items():
        none = m.get("outside_none_share")
        lines.append(
            f"| {name} | {m['macro_f1']:.3f} | "
            f"{m['macro_f1_ci95'][0]:.3f}–{m['macro_f1_ci95'][1]:.3f} | "
            + ", ".join(f"{x:.3f}" for x in m["macro_f1_per_repetition"])
            + f" | {'–' if none is None else f'{none:.3f}'} |"
        )
    outside = summary.get("outside_items", 0)
    return [
        *lines,
        "",
        f"A `none` answer to a section paragraph counts as an error. The last column: {outside} "
        "paragraphs of the base text's held-out files (Debian documentation, never trained "
        "on), labelled by every fold model; a model that knows when a text is outside its four "
        "sections labels them `none`.",
    ]


def _per_class(summary: dict[str, Any]) -> list[str]:
    lines = [
        "",
        "Per class (P / R / F1, predictions pooled over folds and repetitions):",
        "",
        "| model | " + " | ".join(summary["labels"]) + " |",
        "|---|" + "---|" * len(summary["labels"]),
    ]
    for name, m in summary["models"].items():
        cells = [
            "{p:.2f} / {r:.2f} / {f1:.2f}".format(**m["per_class"][c]) for c in summary["labels"]
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def _comparisons(summary: dict[str, Any]) -> list[str]:
    lines = [
        "",
        "Paired comparisons (macro-F1 of the first minus the second on the same bootstrap "
        "resamples of paragraphs):",
        "",
        "| comparison | difference | 95% interval "
        "| share of resamples where the first is not better |",
        "|---|---|---|---|",
    ]
    for name, c in summary["comparisons"].items():
        lines.append(
            f"| {name} | {c['difference']:+.3f} | {c['ci95'][0]:+.3f}–{c['ci95'][1]:+.3f} | "
            f"{c['share_not_better']:.3f} |"
        )
    return [*lines, "", "![confusion matrices](sections_confusion.png)", ""]


def _entities(ner: dict[str, Any]) -> list[str]:
    lines = [
        "## Entities (configs/ner.cfg)",
        "",
        f"Test blocks per repetition: {next(iter(ner['models'].values()))['test_blocks']}; "
        "blocks outside the classified paragraphs are always training data. Exact span "
        "and label match. LAC is trained on none of it (the same predictions in every fold), "
        "but the conventions applied to its output were written while looking at this "
        "article's misses: its row is in-sample too.",
        "",
        "| model | micro P | micro R | micro F1 | 95% bootstrap interval |",
        "|---|---|---|---|---|",
    ]
    for name, m in ner["models"].items():
        mi = m["micro"]
        lines.append(
            f"| {name} | {mi['p']:.3f} | {mi['r']:.3f} | {mi['f1']:.3f} | "
            f"{mi['f1_ci95'][0]:.3f}–{mi['f1_ci95'][1]:.3f} |"
        )
    lines += [
        "",
        "| label | support | "
        + " | ".join(f"{n.split(' (')[0]} P/R/F1" for n in ner["models"])
        + " |",
        "|---|---|" + "---|" * len(ner["models"]),
    ]
    for label in ner["labels"]:
        first = next(iter(ner["models"].values()))["per_label"][label]
        cells = [
            "{p:.2f}/{r:.2f}/{f1:.2f}".format(**m["per_label"][label])
            for m in ner["models"].values()
        ]
        lines.append(f"| {label} | {first['support']} | " + " | ".join(cells) + " |")
    return lines


def write_reports(
    summary: dict[str, Any],
    ner: dict[str, Any] | None,
    out_dir: str | Path,
    *,
    command: str,
    plan: str,
) -> Path:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    report = {"sections": summary, "ner": ner, "command": command, "protocol": plan}
    write_json_atomic(out / "sections.json", report)
    confusion_png(summary, out / "sections_confusion.png")
    md = out / "sections.md"
    write_text_atomic(md, sections_markdown(summary, ner, command=command, plan=plan))
    return md
