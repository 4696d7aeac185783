"""``shanhai annotate``: pre-annotate a new article."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from shanhai_nlp.annotate import add_to_corpus, annotate_file
from shanhai_nlp.cli.options import DetectorOption, RootOption
from shanhai_nlp.corpus import Corpus
from shanhai_nlp.document.io import document_to_json


def annotate(
    path: Annotated[Path, typer.Argument(help="A scraped article (UTF-8 text).")],
    doc_id: Annotated[
        str | None, typer.Option("--id", help="Document id (default: file stem).")
    ] = None,
    add: Annotated[bool, typer.Option("--add", help="Add it to corpus/ and annotations/.")] = False,
    detector: DetectorOption = "auto",
    root: RootOption = None,
) -> None:
    """Print the pre-annotation as annotation JSON, or add the article to the corpus."""
    doc = annotate_file(path, doc_id=doc_id, root=root, detector=detector)
    if add:
        for written in add_to_corpus(path, doc, Corpus.find(root)):
            print(f"wrote {written}")
        return
    print(json.dumps(document_to_json(doc), ensure_ascii=False, indent=1))


def register(app: typer.Typer) -> None:
    app.command("annotate")(annotate)
