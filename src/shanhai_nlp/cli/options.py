"""Options shared by several commands, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer


def command_group(help_text: str, **settings: Any) -> typer.Typer:
    """A group of commands: its help shown when it is called bare, in click's plain help, where
    a flag shows as a flag (typer's rich help prints ``<bool>`` after it)."""
    return typer.Typer(rich_markup_mode=None, help=help_text, no_args_is_help=True, **settings)


RootOption = Annotated[
    Path | None,
    typer.Option("--root", help="Project folder holding corpus/ and annotations/."),
]
DetectorOption = Annotated[
    str,
    typer.Option(
        "--detector",
        help="Spam detector: a registered name (auto, contextual, learned, lexicon: the seed "
        "article's family, lexicon_all: every shipped family) or package.module:function.",
    ),
]
ReportsOption = Annotated[Path, typer.Option("--out", help="Report folder.")]
LexiconOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--lexicon",
        help="Your own spam terms for lexicon, lexicon_all or auto: a file (one family, one term "
        "a line, # comments) or a folder of them; repeatable.",
    ),
]
CrawlArgument = Annotated[
    list[Path], typer.Argument(help="JSONL (.jsonl, .gz, .zst) or Parquet files or folders.")
]
TextFieldOption = Annotated[
    str, typer.Option("--text-field", help="The field holding each record's text.")
]
WorkersOption = Annotated[int, typer.Option("--workers", help="Processes (or Dask workers).")]
BackendOption = Annotated[str, typer.Option("--backend", help="local or dask")]
SchedulerOption = Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address.")]
