"""Text commands: ``shanhai tokens segment`` and ``shanhai tokens compare``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from shanhai_nlp.cli.options import ReportsOption, RootOption, command_group
from shanhai_nlp.corpus import Corpus
from shanhai_nlp.document.io import read_text, write_json_atomic, write_text_atomic

app = command_group("Segment text with the Traditional-aware pkuseg tokenizer.")


@app.command("segment")
def segment(path: Annotated[Path, typer.Argument(help="A UTF-8 text file.")]) -> None:
    """Print the tokens of a file, one line of space-separated tokens per input line."""
    from shanhai_nlp.text.tokenizer import blank_pipeline

    nlp = blank_pipeline()
    for line in read_text(path).splitlines():
        print(" ".join(t.text for t in nlp(line) if not t.is_space))


@app.command("compare")
def compare(
    doc_id: Annotated[str, typer.Argument(help="Document id.")] = "000_ba37726988884541",
    out_dir: ReportsOption = Path("build/reports"),
    root: RootOption = None,
) -> None:
    """Compare this tokenizer with plain pkuseg and jieba; write segmentation.md and .json."""
    from shanhai_nlp.text.compare import compare_segmenters, default_segmenters, render_markdown

    result = compare_segmenters(Corpus.find(root).load(doc_id), default_segmenters())
    write_json_atomic(out_dir / "segmentation.json", result)
    command = f"shanhai tokens compare {doc_id} --out {out_dir}"
    write_text_atomic(out_dir / "segmentation.md", render_markdown(result, command=command))
    print(f"wrote {out_dir / 'segmentation.md'}")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="tokens")
