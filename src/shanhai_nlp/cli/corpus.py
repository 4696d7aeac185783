"""Corpus commands: ``validate``, ``show``, ``clean``, ``stats``."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import typer

from shanhai_nlp.cli.options import RootOption
from shanhai_nlp.corpus import Corpus, corpus_stats
from shanhai_nlp.document.listing import format_layer
from shanhai_nlp.labels import LAYERS


def validate(root: RootOption = None) -> None:
    """Validate every document's annotations; one line per problem."""
    corpus = Corpus.find(root)
    problems = corpus.validate()
    for problem in problems:
        print(problem, file=sys.stderr)
    n = len(corpus.ids())
    if problems:
        print(f"{len(problems)} problem(s) in {n} document(s)", file=sys.stderr)
        raise typer.Exit(1)
    print(f"ok: {n} document(s) valid")
    for doc_id, counts in corpus.drafts().items():
        print(
            f"drafts to review in {doc_id}: "
            + ", ".join(f"{layer} {k}" for layer, k in counts.items())
            + " (`shanhai dataset export` leaves them out without --include-drafts)"
        )


def show(
    doc_id: Annotated[str, typer.Argument(help="Document id (file stem in corpus/).")],
    layer: Annotated[
        str, typer.Option("--layer", help="spam, blocks, entities or figures")
    ] = "spam",
    root: RootOption = None,
) -> None:
    """List one annotation layer of a document."""
    if layer not in LAYERS:
        raise typer.BadParameter(
            f"unknown layer {layer!r}; choose {', '.join(LAYERS)}", param_hint="--layer"
        )
    print(format_layer(Corpus.find(root).load(doc_id), layer))


def clean(
    doc_id: Annotated[str, typer.Argument(help="Document id (file stem in corpus/).")],
    root: RootOption = None,
) -> None:
    """Print the clean text of a document: spam removed, repairs applied."""
    sys.stdout.write(Corpus.find(root).load(doc_id).clean().text)


def stats(root: RootOption = None) -> None:
    """Print corpus statistics as JSON."""
    print(json.dumps(corpus_stats(Corpus.find(root).documents()), ensure_ascii=False, indent=1))


def register(app: typer.Typer) -> None:
    for command in (validate, show, clean, stats):
        app.command()(command)
