"""Training commands: ``shanhai train sections`` and ``shanhai sections predict``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from shanhai_nlp.document.io import read_text
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.train.folds import DEFAULT_PLAN, FoldPlan

train_app = typer.Typer(help="Train and evaluate models from the configs.", no_args_is_help=True)
sections_app = typer.Typer(help="Use a trained section classifier.", no_args_is_help=True)

DEFAULT_MODELS = Path("build/models")


@train_app.command("sections")
def train_sections(
    dataset: Annotated[Path, typer.Option("--dataset", help="The dataset export.")] = Path(
        "build/dataset"
    ),
    config: Annotated[Path, typer.Option("--config")] = Path("configs/sections.cfg"),
    ner_config: Annotated[
        Path | None, typer.Option("--ner-config", help="Also cross-validate NER.")
    ] = Path("configs/ner.cfg"),
    models: Annotated[
        Path, typer.Option("--models", help="Where final models go.")
    ] = DEFAULT_MODELS,
    reports: Annotated[Path, typer.Option("--reports")] = Path("build/reports"),
    splits: Annotated[int, typer.Option("--splits")] = DEFAULT_PLAN.n_splits,
    repeats: Annotated[int, typer.Option("--repeats")] = DEFAULT_PLAN.n_repeats,
    seed: Annotated[int, typer.Option("--seed")] = DEFAULT_PLAN.seed,
) -> None:
    """Cross-validate spaCy vs the baselines on the same folds, train final models, report."""
    from shanhai_nlp.dataset.export import export_dataset
    from shanhai_nlp.train import ner, sections
    from shanhai_nlp.train.report import write_reports

    if not (dataset / "README.md").exists():
        export_dataset(dataset)
    plan = FoldPlan(n_splits=splits, n_repeats=repeats, seed=seed)
    summary = sections.summarise(
        sections.cross_validate(config, dataset, plan=plan, log=sys.stdout)
    )
    ner_summary = None
    if ner_config is not None:
        ner_summary = ner.summarise(
            ner.cross_validate(ner_config, dataset, plan=plan, log=sys.stdout)
        )
    paths = sections.train_final(config, dataset, models, log=sys.stdout)
    if ner_config is not None:
        paths["ner"] = ner.train_final(ner_config, dataset, models, log=sys.stdout)
    protocol = (
        f"stratified {splits}-fold cross-validation repeated {repeats} times "
        f"(seeds {seed}..{seed + repeats - 1})"
    )
    command = f"shanhai train sections --splits {splits} --repeats {repeats} --seed {seed}"
    md = write_reports(summary, ner_summary, reports, command=command, plan=protocol)
    print(f"\nwrote {md}; models: " + ", ".join(f"{k}={v}" for k, v in paths.items()))


@sections_app.command("predict")
def predict(
    inputs: Annotated[Path, typer.Argument(help='JSONL with one {"text": ...} per line.')],
    model: Annotated[
        str, typer.Option("--model", help="A model folder, or 'baseline'.")
    ] = "baseline",
) -> None:
    """Print {"text", "label", "scores"} per input line."""
    from shanhai_nlp.train.sections import load_predictor

    path = DEFAULT_MODELS / "sections-baseline-v1" if model == "baseline" else Path(model)
    if not path.exists():
        raise ShanhaiError(
            f"{path}: no such model; run `shanhai train sections` (or `make run`) first"
        )
    texts = []
    for lineno, line in enumerate(read_text(inputs).splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            text = obj["text"]
        except (json.JSONDecodeError, KeyError, TypeError):
            raise ShanhaiError(
                f'{inputs}: line {lineno}: expected a JSON object with a "text" field'
            ) from None
        if not isinstance(text, str):
            raise ShanhaiError(f'{inputs}: line {lineno}: "text" must be a string')
        texts.append(text)
    for text, (label, scores) in zip(texts, load_predictor(path)(texts), strict=True):
        print(json.dumps({"text": text, "label": label, "scores": scores}, ensure_ascii=False))


def register(root: typer.Typer) -> None:
    root.add_typer(train_app, name="train")
    root.add_typer(sections_app, name="sections")
