"""The training protocol behind ``shanhai train sections``: cross-validate the spaCy configs
against their baselines on the same folds, train the final models on all data, write reports.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from shanhai_nlp.dataset.folds import FoldPlan


@dataclass(frozen=True, slots=True)
class TrainingRun:
    """What a run wrote: the Markdown report and each final model's folder."""

    report: Path
    models: dict[str, Path]


def describe(plan: FoldPlan) -> str:
    """The protocol in words, for the report."""
    last = plan.seed + plan.n_repeats - 1
    return (
        f"stratified {plan.n_splits}-fold cross-validation repeated {plan.n_repeats} times "
        f"(seeds {plan.seed}..{last})"
    )


def train_and_evaluate(
    dataset: Path,
    *,
    config: Path,
    ner_config: Path | None,
    models: Path,
    reports: Path,
    plan: FoldPlan,
    log: TextIO = sys.stdout,
) -> TrainingRun:
    """Cross-validate ``config`` (and ``ner_config``) on ``dataset``, train the final models
    into ``models`` and write the reports into ``reports``."""
    from shanhai_nlp.train import ner, sections
    from shanhai_nlp.train.report import write_reports

    summary = sections.summarise(sections.cross_validate(config, dataset, plan=plan, log=log))
    ner_summary = None
    if ner_config is not None:
        ner_summary = ner.summarise(ner.cross_validate(ner_config, dataset, plan=plan, log=log))
    paths = sections.train_final(config, dataset, models, log=log, cross_validated=summary)
    if ner_config is not None:
        paths["ner"] = ner.train_final(
            ner_config, dataset, models, log=log, cross_validated=ner_summary
        )
    command = (
        f"shanhai train sections --splits {plan.n_splits} --repeats {plan.n_repeats} "
        f"--seed {plan.seed}"
    )
    report = write_reports(summary, ner_summary, reports, command=command, plan=describe(plan))
    return TrainingRun(report, paths)
