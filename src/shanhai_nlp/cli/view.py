"""Commands to see and correct annotations: ``view``, ``agree``, ``labelstudio``, ``doccano``."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Annotated

import typer

from shanhai_nlp.cli.options import RootOption, command_group
from shanhai_nlp.corpus import Corpus
from shanhai_nlp.document.io import (
    document_to_json,
    read_json,
    read_text,
    write_json_atomic,
    write_text_atomic,
)
from shanhai_nlp.document.model import Document
from shanhai_nlp.document.validate import validate_document
from shanhai_nlp.errors import ShanhaiError, ValidationError

labelstudio_app = command_group("Label Studio tasks: export and import.")
doccano_app = command_group("doccano JSONL: export and import.")


def _document(ref: str, root: Path | None) -> Document:
    """A corpus document by id, or a plain file pre-annotated on the fly."""
    with contextlib.suppress(ShanhaiError):  # no corpus here: the reference must be a file
        corpus = Corpus.find(root)
        if ref in corpus.ids():
            return corpus.load(ref)
    path = Path(ref)
    if not path.exists():
        raise ShanhaiError(f"{ref}: neither a document id in the corpus nor a file")
    from shanhai_nlp.annotate import annotate_file

    return annotate_file(path, root=root)


def view(
    ref: Annotated[str, typer.Argument(help="Document id, or a path to a scraped text file.")],
    out: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path(
        "build/view.html"
    ),
    root: RootOption = None,
) -> None:
    """Write a self-contained HTML view of a document (or of a file's pre-annotation)."""
    from shanhai_nlp.view.html import render_document

    doc = _document(ref, root)
    write_text_atomic(out, render_document(doc))
    print(f"wrote {out}")


def agree(
    a: Annotated[Path, typer.Argument(help="Annotation JSON of annotator A.")],
    b: Annotated[Path, typer.Argument(help="Annotation JSON of annotator B (same document).")],
    root: RootOption = None,
) -> None:
    """Per-layer agreement between two annotation files of the same document."""
    from shanhai_nlp.view.agree import agree_files

    print(json.dumps(agree_files(a, b, root=root), ensure_ascii=False, indent=1))


def _checked(doc: Document, root: Path | None) -> Document:
    problems = validate_document(doc)
    if problems:
        raise ValidationError([str(p) for p in problems])
    corpus = Corpus.find(root)
    if doc.id in corpus.ids() and corpus.load(doc.id).raw_text != doc.raw_text:
        raise ShanhaiError(f"{doc.id}: the imported text differs from corpus/{doc.id}.txt")
    return doc


def _write_import(doc: Document, out: Path | None, root: Path | None) -> None:
    target = out or Corpus.find(root).annotation_path(doc.id)
    write_json_atomic(target, document_to_json(doc))
    print(f"wrote {target}")


@labelstudio_app.command("export")
def labelstudio_export(
    doc_id: str,
    out: Annotated[Path, typer.Option("--out", help="Label Studio tasks file to write.")] = Path(
        "build/labelstudio/tasks.json"
    ),
    root: RootOption = None,
) -> None:
    """Write tasks.json (with predictions) and the labeling config beside it."""
    from shanhai_nlp.view.labelstudio import labeling_config, to_task

    write_json_atomic(out, [to_task(Corpus.find(root).load(doc_id))])
    write_text_atomic(out.parent / "labeling_config.xml", labeling_config() + "\n")
    print(f"wrote {out} and {out.parent / 'labeling_config.xml'}")


@labelstudio_app.command("import")
def labelstudio_import(
    tasks: Path,
    out: Annotated[
        Path | None, typer.Option("--out", help="Annotation file to write (default: annotations/).")
    ] = None,
    root: RootOption = None,
) -> None:
    """Read a Label Studio export (JSON list of tasks) back into annotation files."""
    from shanhai_nlp.view.labelstudio import from_task

    data = read_json(tasks)
    # every task is read and checked before anything is written
    docs = [
        _checked(from_task(task, where=f"{tasks}: task {k}"), root)
        for k, task in enumerate(data if isinstance(data, list) else [data])
    ]
    for doc in docs:
        _write_import(doc, out, root)


@doccano_app.command("export")
def doccano_export(
    doc_id: str,
    out: Annotated[Path, typer.Option("--out", help="doccano JSONL file to write.")] = Path(
        "build/doccano/export.jsonl"
    ),
    root: RootOption = None,
) -> None:
    """Write one doccano JSONL line for the document."""
    from shanhai_nlp.view.doccano import to_line

    write_text_atomic(out, to_line(Corpus.find(root).load(doc_id)) + "\n")
    print(f"wrote {out}")


@doccano_app.command("import")
def doccano_import(
    jsonl: Path,
    out: Annotated[
        Path | None, typer.Option("--out", help="Annotation file to write (default: annotations/).")
    ] = None,
    root: RootOption = None,
) -> None:
    """Read doccano JSONL back into annotation files."""
    from shanhai_nlp.view.doccano import from_line

    # JSONL lines end at \n only; every line is read and checked before anything is written
    docs = [
        _checked(from_line(line, where=f"{jsonl}: line {lineno}"), root)
        for lineno, line in enumerate(read_text(jsonl).split("\n"), 1)
        if line.strip()
    ]
    for doc in docs:
        _write_import(doc, out, root)


def register(app: typer.Typer) -> None:
    app.command("view")(view)
    app.command("agree")(agree)
    app.add_typer(labelstudio_app, name="labelstudio")
    app.add_typer(doccano_app, name="doccano")
