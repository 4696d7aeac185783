"""Spam commands: ``detect``, ``clean``, ``evaluate``, ``synth``, ``clean-corpus``, ``mine``,
``train``, ``report``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from shanhai_nlp.cli.options import (
    BackendOption,
    CrawlArgument,
    DetectorOption,
    LexiconOption,
    ReportsOption,
    RootOption,
    SchedulerOption,
    TextFieldOption,
    WorkersOption,
    command_group,
)
from shanhai_nlp.corpus import Corpus
from shanhai_nlp.document.io import read_text
from shanhai_nlp.spam import get_detector, infer_repairs, repair
from shanhai_nlp.spam.evaluate import (
    corpus_docs,
    detector_predictions,
    evaluate,
    file_predictions,
    folder_docs,
)
from shanhai_nlp.spam.io import detect_files, write_json_line
from shanhai_nlp.spam.learned import SpamModel
from shanhai_nlp.spam.report import build_report, write_report
from shanhai_nlp.spam.synth import FAMILIES, clean_paragraphs, synthetic_documents, write_folder
from shanhai_nlp.spam.user_lexicons import detector_with_lexicons

app = command_group("Find injected spam, repair texts, and measure detectors.")


@app.command("detect")
def detect(
    paths: Annotated[list[Path], typer.Argument(help="UTF-8 text files.")],
    detector: DetectorOption = "auto",
    lexicon: LexiconOption = None,
) -> None:
    """Print one JSON object per file: {"path", "spans": [{"start", "end", "text", "score",
    "detector"}]}: the detector or signal that found each span."""
    detect_fn = detector_with_lexicons(detector, lexicon or [])
    failed = 0
    for result in detect_files(paths, detect_fn):
        if result.error:
            failed += 1
            print(f"shanhai: error: {result.error}", file=sys.stderr)
            continue
        write_json_line(result, sys.stdout)
        sys.stdout.flush()
    if failed:
        raise typer.Exit(1)


@app.command("clean")
def clean(
    path: Annotated[Path, typer.Argument(help="A UTF-8 text file.")],
    detector: DetectorOption = "auto",
    lexicon: LexiconOption = None,
) -> None:
    """Print the repaired text: spam removed, replaced characters restored."""
    text = read_text(path)
    spans = infer_repairs(text, detector_with_lexicons(detector, lexicon or [])(text))
    sys.stdout.write(repair(text, spans).text)


@app.command("evaluate")
def evaluate_cmd(
    dirs: Annotated[
        list[Path] | None, typer.Argument(help="Folders of NAME.txt + NAME.json pairs.")
    ] = None,
    detector: DetectorOption = "auto",
    predictions: Annotated[
        Path | None, typer.Option("--predictions", help="JSONL in the detect output format.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
    no_corpus: Annotated[
        bool, typer.Option("--no-corpus", help="Skip the project corpus.")
    ] = False,
    root: RootOption = None,
) -> None:
    """Score a detector (or external predictions) on the corpus and annotated folders."""
    docs = [] if no_corpus else corpus_docs(Corpus.find(root))
    for folder in dirs or []:
        docs.extend(folder_docs(folder))
    if predictions is not None:
        predict, name = file_predictions(predictions), str(predictions)
    else:
        predict, name = detector_predictions(get_detector(detector)), detector
    report = evaluate(docs, predict, name=name)
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
        return
    print(
        f"{'document':<32} {'exact P/R/F1':<20} {'overlap P/R/F1':<20} {'char P/R/F1':<20} FP/10k"
    )
    for doc, s in [*report.documents.items(), ("MICRO", report.micro)]:
        cells = [
            "/".join(f"{m[k]:.2f}" for k in ("p", "r", "f1")) for m in (s.exact, s.overlap, s.chars)
        ]
        fp = "-" if s.fp_per_10k is None else f"{s.fp_per_10k:.1f}"
        print(f"{doc:<32} {cells[0]:<20} {cells[1]:<20} {cells[2]:<20} {fp}")


@app.command("synth")
def synth(
    out_dir: Annotated[Path, typer.Argument(help="Folder for NAME.txt + NAME.json pairs.")],
    n: Annotated[int, typer.Option("--n", help="Number of documents.")] = 100,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the synthetic documents.")] = 0,
    family: Annotated[
        list[str] | None, typer.Option("--family", help=f"Families ({', '.join(FAMILIES)}).")
    ] = None,
    root: RootOption = None,
) -> None:
    """Write a seeded synthetic benchmark made from the corpus's clean text."""
    unknown = set(family or []) - set(FAMILIES)
    if unknown:
        raise typer.BadParameter(f"unknown family {sorted(unknown)[0]!r}", param_hint="--family")
    paragraphs = clean_paragraphs([d.clean().text for d in Corpus.find(root).documents()])
    docs = synthetic_documents(paragraphs, n_docs=n, seed=seed, families=family or FAMILIES)
    print(f"wrote {write_folder(docs, out_dir)} documents to {out_dir}")


@app.command("clean-corpus")
def clean_corpus_cmd(
    inputs: CrawlArgument,
    out: Annotated[Path, typer.Option("--out", help="Folder for Parquet shards and rejects/.")],
    text_field: TextFieldOption = "text",
    detector: DetectorOption = "auto",
    lexicon: LexiconOption = None,
    mined: Annotated[
        Path | None,
        typer.Option(
            "--mined", help="A VOCAB.tsv from `shanhai spam mine`: its confident rows as a lexicon."
        ),
    ] = None,
    workers: WorkersOption = 1,
    backend: BackendOption = "local",
    scheduler: SchedulerOption = None,
    partition_mb: Annotated[
        int, typer.Option("--partition-mb", help="Plain JSONL partition size.")
    ] = 32,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")
    ] = True,
    force: Annotated[
        bool, typer.Option("--force", help="Redo an --out made with other settings.")
    ] = False,
) -> None:
    """Clean a crawl: every record to a Parquet shard (clean text, spam spans, counts) or to
    rejects/ with its file, line and reason; resumable, streaming, parallel."""
    from shanhai_nlp.spam.stream import CleanSettings, clean_corpus

    lexicons = tuple(str(p.resolve()) for p in lexicon or [])
    vocab = None if mined is None else str(mined.resolve())
    # fail early on an unknown detector, a bad lexicon or a bad VOCAB.tsv
    detector_with_lexicons(detector, lexicons, mined=vocab)
    summary = clean_corpus(
        inputs,
        out,
        settings=CleanSettings(
            text_field=text_field, detector=detector, lexicons=lexicons, mined=vocab
        ),
        workers=workers,
        backend=backend,
        scheduler=scheduler,
        partition_bytes=partition_mb * 1024 * 1024,
        progress=progress,
        force=force,
    )
    print(summary.line())


@app.command("mine")
def mine_cmd(
    inputs: CrawlArgument,
    out: Annotated[Path, typer.Option("--out", help="The VOCAB.tsv to write.")],
    text_field: TextFieldOption = "text",
    group_field: Annotated[
        str | None,
        typer.Option("--group-field", help="A site or URL field (a URL counts by its host)."),
    ] = None,
    workers: WorkersOption = 1,
    backend: BackendOption = "local",
    scheduler: SchedulerOption = None,
) -> None:
    """Pass one: mine the strings a crawl repeats where their removal joins their neighbours,
    ranked into an editable VOCAB.tsv (pass two: clean-corpus --mined VOCAB.tsv)."""
    from shanhai_nlp.spam.mine import CONFIDENT_SCORE, MineSettings, mine

    rows = mine(
        inputs,
        out,
        settings=MineSettings(text_field=text_field, group_field=group_field),
        workers=workers,
        backend=backend,
        scheduler=scheduler,
    )
    confident = sum(1 for r in rows if r["score"] >= CONFIDENT_SCORE)
    print(f"wrote {out}: {len(rows)} strings, {confident} confident (score >= {CONFIDENT_SCORE})")


@app.command("train")
def train_cmd(
    config: Annotated[
        Path | None, typer.Option("--config", help="A spam config (configs/spam.cfg).")
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Model file (default: the installed model).")
    ] = None,
    leave_out: Annotated[
        list[str] | None, typer.Option("--leave-out", help="A family to train without.")
    ] = None,
    settings: Annotated[
        list[str] | None,
        typer.Option("--set", help="Override a setting: section.name=value (repeatable)."),
    ] = None,
    if_stale: Annotated[
        bool,
        typer.Option(
            "--if-stale", help="Do nothing when the model there was trained the same way."
        ),
    ] = False,
) -> None:
    """Train the learned detector on synthetic injections into the base text and save it."""
    from shanhai_nlp.spam.learned import default_model_path
    from shanhai_nlp.spam.learned.training import (
        TrainConfig,
        is_current,
        parse_overrides,
        train_model,
    )
    from shanhai_nlp.spam.synth import FAMILIES

    overrides = parse_overrides(settings or [])
    if config is None and overrides:
        raise typer.BadParameter("--set needs --config")
    cfg = TrainConfig.from_config(config, overrides) if config else TrainConfig()
    target = out or default_model_path()
    families = [f for f in FAMILIES if f not in (leave_out or [])]
    if if_stale and is_current(target, cfg, families):
        print(f"{target}: up to date")
        return
    model, path = train_model(cfg, out=target, leave_out=leave_out or [])
    meta = model.meta
    print(
        f"wrote {path}: {meta['training_docs']} pages, {meta['training_rows']} rows, "
        f"{meta['iterations']} epochs, families {', '.join(meta['families'])}"
    )


@app.command("report")
def report_cmd(
    out_dir: ReportsOption = Path("build/reports"),
    dev: Annotated[
        list[Path] | None, typer.Option("--dev", help="Annotated folders to include.")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the synthetic documents.")] = 0,
    models: Annotated[
        Path, typer.Option("--models", help="Where leave-one-family-out models are kept.")
    ] = Path("build/models"),
    spam_config: Annotated[
        Path | None, typer.Option("--config", help="The spam config the models train from.")
    ] = None,
    root: RootOption = None,
) -> None:
    """Write spam.md and spam.json: detectors, signals, leave-one-family-out (one learned model
    trained without each family), baselines, and the false-positive battery on the base
    text."""
    from shanhai_nlp.basetext import default_dir, is_installed, load_paragraphs

    dev_dirs = [d for d in dev or [] if d.is_dir()]
    base = load_paragraphs() if is_installed(default_dir()) else None
    if base is None:
        print(
            "note: no base text installed (make setup): the synthetic benchmark uses the corpus "
            "articles and the false-positive battery is left out",
            file=sys.stderr,
        )
    held_out_models = None
    if base is not None:
        from shanhai_nlp.spam.learned.training import TrainConfig, held_out_model

        config = TrainConfig.from_config(spam_config) if spam_config else TrainConfig()

        def held_out_models(family: str) -> SpamModel:
            return held_out_model(models / "spam-lofo", family, config, base)

    report = build_report(
        Corpus.find(root), dev_dirs, seed=seed, base=base, held_out_models=held_out_models
    )
    throughput = out_dir / "spam_throughput.json"
    if throughput.exists():  # written by bench/spam_throughput.py
        report["throughput"] = json.loads(throughput.read_text(encoding="utf-8"))
    command = "shanhai spam report" + "".join(f" --dev {d}" for d in dev_dirs) + f" --seed {seed}"
    json_path, md_path = write_report(report, out_dir, command=command)
    print(f"wrote {md_path} and {json_path}")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="spam")
