"""Base text commands: ``shanhai basetext packages|install|status``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from shanhai_nlp.basetext import default_dir, install, load_paragraphs, manifest
from shanhai_nlp.cli.options import command_group

app = command_group("The real base text: Debian's Chinese documentation.")

DirOption = Annotated[
    Path | None,
    typer.Option("--dir", help="Where it lives (default: $SHANHAI_BASETEXT or the cache)."),
]


@app.command("packages")
def packages() -> None:
    """Print the pinned packages as NAME=VERSION, for `apt-get download`."""
    print(" ".join(f"{p['name']}={p['version']}" for p in manifest()["packages"]))


@app.command("install")
def install_command(
    debs: Annotated[list[Path], typer.Argument(help="The .deb files apt-get downloaded.")],
    folder: DirOption = None,
) -> None:
    """Verify the packages' sha256 and extract their paragraphs into the cache (idempotent)."""
    out = install(debs, folder)
    print(f"base text installed in {out} ({len(load_paragraphs(out))} paragraphs)")


@app.command("status")
def status(folder: DirOption = None) -> None:
    """Exit 0 and print the folder when the base text is installed; else say how to get it."""
    path = folder or default_dir()
    print(f"base text: {path} ({len(load_paragraphs(path))} paragraphs)")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="basetext")
