"""Options shared by several commands, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

RootOption = Annotated[
    Path | None,
    typer.Option("--root", help="Project folder holding corpus/ and annotations/."),
]
DetectorOption = Annotated[
    str,
    typer.Option(
        "--detector",
        help="Spam detector: a registered name (auto, contextual, lexicon, lexicon_all) or "
        "package.module:function.",
    ),
]
ReportsOption = Annotated[Path, typer.Option("--out", help="Report folder.")]
