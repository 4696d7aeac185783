"""The ``shanhai`` command line: thin typer commands over the library's typed functions."""

from __future__ import annotations

import sys

from shanhai_nlp.cli import annotate as _annotate
from shanhai_nlp.cli import basetext as _basetext
from shanhai_nlp.cli import corpus as _corpus
from shanhai_nlp.cli import dataset as _dataset
from shanhai_nlp.cli import figures as _figures
from shanhai_nlp.cli import model as _model
from shanhai_nlp.cli import spam as _spam
from shanhai_nlp.cli import text as _text
from shanhai_nlp.cli import train as _train
from shanhai_nlp.cli import view as _view
from shanhai_nlp.cli.options import command_group
from shanhai_nlp.errors import ShanhaiError

app = command_group(
    "Clean, annotate and export spam-polluted scraped Chinese news.",
    name="shanhai",
    add_completion=False,
    pretty_exceptions_enable=False,
)
_corpus.register(app)
_annotate.register(app)
_basetext.register(app)
_dataset.register(app)
_figures.register(app)
_model.register(app)
_spam.register(app)
_text.register(app)
_train.register(app)
_view.register(app)


def error_line(exc: ShanhaiError) -> str:
    """The one line a user error ends in."""
    return f"shanhai: error: {exc}"


def main() -> None:
    """Entry point: user errors end in one line on stderr and exit status 1."""
    try:
        app()
    except ShanhaiError as exc:
        print(error_line(exc), file=sys.stderr)
        sys.exit(1)
