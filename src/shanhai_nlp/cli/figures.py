"""Figure commands: ``shanhai figures extract`` and ``shanhai figures evaluate``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from shanhai_nlp.cli.options import DetectorOption, RootOption, command_group
from shanhai_nlp.corpus import Corpus
from shanhai_nlp.document.io import read_text
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.figures import figures_of_document, figures_of_text, match_figures
from shanhai_nlp.spam import get_detector

app = command_group("Extract numeric quantities (figures) from Chinese text.")


def _figure_json(f: Any) -> dict[str, Any]:
    out = {
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "value": f.value,
        "unit": f.unit,
        "qualifier": f.qualifier,
    }
    if f.low is not None:
        out |= {"low": f.low, "high": f.high}
    return out


@app.command("extract")
def extract(
    paths: Annotated[list[Path], typer.Argument(help="UTF-8 text files.")],
    detector: DetectorOption = "auto",
) -> None:
    """Print {"path", "figures": [...]} per file; offsets are into the raw file."""
    detect = get_detector(detector)
    failed = 0
    for path in paths:
        try:
            text = read_text(path)
        except ShanhaiError as exc:
            print(f"shanhai: error: {exc}", file=sys.stderr)
            failed += 1
            continue
        figures = figures_of_text(text, detect(text))
        print(
            json.dumps(
                {"path": str(path), "figures": [_figure_json(f) for f in figures]},
                ensure_ascii=False,
            ),
            flush=True,
        )
    if failed:
        raise typer.Exit(1)


@app.command("evaluate")
def evaluate(
    root: RootOption = None,
) -> None:
    """Score extraction against the gold figures (span overlap + equal value + equal unit)."""
    for doc in Corpus.find(root).documents():
        scores = match_figures(figures_of_document(doc), doc.figures)
        print(json.dumps({"document": doc.id, **scores}))


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="figures")
