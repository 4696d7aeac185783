"""Model commands: ``shanhai model install`` and ``shanhai model status``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from shanhai_nlp.cli.options import command_group
from shanhai_nlp.text.pkuseg_model import default_model_dir, install_model, locate_model

app = command_group("Install and locate the pretrained pkuseg model.")

DirOption = Annotated[
    Path | None,
    typer.Option(
        "--model-dir", help="Where the model lives (default: $SHANHAI_PKUSEG_MODEL or the cache)."
    ),
]


@app.command("install")
def install(
    sdist: Annotated[Path, typer.Argument(help="The pkuseg-0.0.25.tar.gz fetched by pip.")],
    model_dir: DirOption = None,
) -> None:
    """Verify the pkuseg sdist, extract and convert its model (idempotent)."""
    print(f"pkuseg model installed in {install_model(sdist, model_dir)}")


@app.command("status")
def status(model_dir: DirOption = None) -> None:
    """Exit 0 and print the folder when the model is installed; else say how to install it."""
    print(f"pkuseg model: {locate_model(model_dir or default_model_dir())}")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="model")
