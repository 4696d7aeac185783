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
    include_drafts: Annotated[
        bool,
        typer.Option(
            "--include-drafts",
            help="Also export draft spans (pre-annotations nobody reviewed), marked as drafts.",
        ),
    ] = False,
) -> None:
    """Write Parquet files per config and a dataset card that `datasets.load_dataset` reads.
    Draft spans are left out unless --include-drafts."""
    folder = export_dataset(out_dir, root=root, include_drafts=include_drafts)
    print(f"exported to {folder}")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="dataset")
