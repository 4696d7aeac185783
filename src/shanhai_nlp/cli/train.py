"""Training commands: ``shanhai train sections`` and ``shanhai sections predict``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from shanhai_nlp.cli.options import RootOption, command_group
from shanhai_nlp.dataset.folds import DEFAULT_PLAN, FoldPlan

train_app = command_group("Train and evaluate models from the configs.")
sections_app = command_group("Use a trained section classifier.")

DEFAULT_MODELS = Path("build/models")


@train_app.command("sections")
def train_sections(
    dataset: Annotated[Path, typer.Option("--dataset", help="The dataset export.")] = Path(
        "build/dataset"
    ),
    config: Annotated[Path, typer.Option("--config", help="spaCy training config.")] = Path(
        "configs/sections.cfg"
    ),
    ner_config: Annotated[
        Path | None, typer.Option("--ner-config", help="Also cross-validate NER.")
    ] = Path("configs/ner.cfg"),
    models: Annotated[
        Path, typer.Option("--models", help="Where final models go.")
    ] = DEFAULT_MODELS,
    reports: Annotated[Path, typer.Option("--reports", help="Report folder.")] = Path(
        "build/reports"
    ),
    splits: Annotated[
        int, typer.Option("--splits", help="Cross-validation folds.")
    ] = DEFAULT_PLAN.n_splits,
    repeats: Annotated[
        int, typer.Option("--repeats", help="Times the folds are redrawn.")
    ] = DEFAULT_PLAN.n_repeats,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the folds.")] = DEFAULT_PLAN.seed,
) -> None:
    """Cross-validate spaCy vs the baselines on the same folds, train final models, report."""
    from shanhai_nlp.dataset.export import export_dataset
    from shanhai_nlp.train.protocol import train_and_evaluate

    if not (dataset / "README.md").exists():
        print(f"no dataset export in {dataset}: exporting the corpus there first")
        export_dataset(dataset)
    plan = FoldPlan(n_splits=splits, n_repeats=repeats, seed=seed)
    run = train_and_evaluate(
        dataset,
        config=config,
        ner_config=ner_config,
        models=models,
        reports=reports,
        plan=plan,
        log=sys.stdout,
    )
    print(f"\nwrote {run.report}; models: " + ", ".join(f"{k}={v}" for k, v in run.models.items()))


@sections_app.command("predict")
def predict(
    inputs: Annotated[Path, typer.Argument(help='JSONL with one {"text": ...} per line.')],
    model: Annotated[
        str,
        typer.Option(
            "--model",
            help="A model folder, or 'baseline': build/models/sections-baseline-v1 of the "
            "corpus (--root, $SHANHAI_ROOT or the nearest corpus/ upwards).",
        ),
    ] = "baseline",
    root: RootOption = None,
) -> None:
    """Print {"text", "label", "scores"} per input line."""
    from shanhai_nlp.corpus import Corpus
    from shanhai_nlp.train.sections import predict_file

    if model == "baseline":
        path = Corpus.find(root).root / DEFAULT_MODELS / "sections-baseline-v1"
    else:
        path = Path(model)
    for row in predict_file(inputs, path):
        print(json.dumps(row, ensure_ascii=False))


def register(root: typer.Typer) -> None:
    root.add_typer(train_app, name="train")
    root.add_typer(sections_app, name="sections")
