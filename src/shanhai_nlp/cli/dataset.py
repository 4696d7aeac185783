"""Dataset commands: ``shanhai dataset export``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from shanhai_nlp.cli.options import RootOption, command_group
from shanhai_nlp.dataset.export import export_dataset

app = command_group("Export the corpus as a Hugging Face dataset.")


@app.command("export")
def export(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write (replaced atomically).")] = Path(
        "build/dataset"
    ),
    root: RootOption = None,
) -> None:
    """Write Parquet files per config and a dataset card that `datasets.load_dataset` reads."""
    folder = export_dataset(out_dir, root=root)
    print(f"exported to {folder}")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="dataset")
