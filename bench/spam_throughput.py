"""Throughput of the spam detectors on a seeded synthetic corpus (a benchmark, not a test).

Builds a synthetic corpus of at least ``--mb`` MB of UTF-8 (a pool of seeded synthetic documents,
repeated until the size is reached), then times, on one core and in the same run:

- a bare Aho–Corasick scan (pyahocorasick ``iter_long`` over the article family's automaton,
  on the UTF-8 bytes it reads),
- ``lexicon`` detect + repair,
- ``auto`` detect + repair (on a slice, since it is much slower; MB/s is per processed byte),
  and the same on that slice with its gold spam taken out (the clean part of a crawl).

Detectors that have a ``pipe`` (``auto``) detect a batch of texts at a time, as ``clean-corpus``
does.

With the base text installed, it also times, on real prose that is not repeated (synthetic
injections into the base-text files no model was trained on, about ``--base-mb`` MB): ``auto``,
``auto`` without its learned model, and the learned detector alone (its share of ``auto``'s
time).

Usage: ``python bench/spam_throughput.py --mb 50 --out build/reports``
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from shanhai_nlp.corpus import Corpus
from shanhai_nlp.document.io import write_json_atomic
from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.spam import get_detector, infer_repairs, repair
from shanhai_nlp.spam.base import Detector, detect_many
from shanhai_nlp.spam.lexicon import make_lexicon_detector
from shanhai_nlp.spam.synth import clean_paragraphs, synthetic_documents


def build_corpus(megabytes: float, *, seed: int, pool: int) -> tuple[list[str], list[str]]:
    """The synthetic texts, repeated to size, and the same texts with their gold spam taken
    out (the clean part of a crawl)."""
    paragraphs = clean_paragraphs([d.clean().text for d in Corpus.find().documents()])
    docs = list(synthetic_documents(paragraphs, n_docs=pool, seed=seed))
    spam_free = [
        repair(d.text, [SpamSpan(start=a, end=b, text=d.text[a:b]) for a, b in d.gold]).text
        for d in docs
    ]
    texts: list[str] = []
    cleaned: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        for doc, clean in zip(docs, spam_free, strict=True):
            texts.append(doc.text)
            cleaned.append(clean)
            size += len(doc.text.encode("utf-8"))
            if size >= megabytes * 1e6:
                break
    return texts, cleaned


def base_texts(megabytes: float, *, seed: int) -> list[str] | None:
    """Distinct synthetic documents injected into held-out base-text files, to size; None
    without the base text."""
    from shanhai_nlp.basetext import default_dir, is_installed, load_paragraphs
    from shanhai_nlp.spam.learned.training import part

    if not is_installed(default_dir()):
        return None
    paragraphs = [p.text for p in part(load_paragraphs(), "heldout") if 30 <= len(p.text) <= 400]
    texts: list[str] = []
    size = 0.0
    for doc in synthetic_documents(paragraphs, n_docs=10**6, seed=seed):
        texts.append(doc.text)
        size += len(doc.text.encode("utf-8"))
        if size >= megabytes * 1e6:
            break
    return texts


def base_rates(texts: list[str]) -> dict[str, float]:
    """MB/s of auto, auto without the learned model and the learned detector alone."""
    from shanhai_nlp.spam.auto import AutoDetector
    from shanhai_nlp.spam.learned import LearnedDetector

    size = mb(texts)
    auto, plain, learned = AutoDetector(), AutoDetector(use_learned=False), LearnedDetector()
    t_auto = timed(auto, texts, repairs=True)
    t_plain = timed(plain, texts, repairs=True)
    t_learned = timed(learned, texts, repairs=False)
    return {
        "mb": round(size, 2),
        "documents": len(texts),
        "auto_detect_repair_mb_s": round(size / t_auto, 3),
        "auto_without_learned_mb_s": round(size / t_plain, 3),
        "learned_alone_mb_s": round(size / t_learned, 3),
        "learned_share_of_auto_time": round(t_learned / t_auto, 3),
    }


def mb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def timed(detector: Detector, texts: list[str], *, repairs: bool) -> float:
    """Seconds to detect in ``texts`` and repair them."""
    start = time.perf_counter()
    for text, spans in zip(texts, detect_many(detector, texts), strict=True):
        repair(text, infer_repairs(text, spans) if repairs else spans)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0)
    parser.add_argument(
        "--auto-mb", type=float, default=5.0, help="MB of the corpus timed for auto"
    )
    parser.add_argument("--base-mb", type=float, default=3.0, help="MB of injected base text timed")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pool", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=Path("build/reports"))
    args = parser.parse_args()

    texts, cleaned = build_corpus(args.mb, seed=args.seed, pool=args.pool)
    size = mb(texts)
    lexicon = make_lexicon_detector()
    lexicon("预热")
    auto = get_detector("auto")
    auto("预热")

    start = time.perf_counter()
    for text in texts:
        lexicon.scan(text)  # the same automaton, scanned bare
    t_bare = time.perf_counter() - start
    t_lex = timed(lexicon, texts, repairs=False)
    auto_texts = texts[: max(1, int(len(texts) * min(1.0, args.auto_mb / size)))]
    auto_size = mb(auto_texts)
    t_auto = timed(auto, auto_texts, repairs=True)
    auto_clean = cleaned[: len(auto_texts)]
    t_auto_clean = timed(auto, auto_clean, repairs=True)
    bare_rate = size / t_bare
    result = {
        "command": (
            f"python bench/spam_throughput.py --mb {args.mb:g} --auto-mb {args.auto_mb:g} "
            f"--base-mb {args.base_mb:g} --seed {args.seed}"
        ),
        "machine": {
            "python": platform.python_version(),
            "processor": platform.processor() or platform.machine(),
        },
        "corpus": {
            "mb": round(size, 2),
            "documents": len(texts),
            "distinct_documents": min(args.pool, len(texts)),
        },
        "cores": 1,
        "bare_aho_corasick_mb_s": round(bare_rate, 2),
        "lexicon_detect_repair_mb_s": round(size / t_lex, 2),
        "lexicon_vs_bare": round((size / t_lex) / bare_rate, 3),
        "auto_mb_timed": round(auto_size, 2),
        "auto_detect_repair_mb_s": round(auto_size / t_auto, 3),
        "auto_vs_bare": round((auto_size / t_auto) / bare_rate, 4),
        "auto_on_the_same_texts_without_spam_mb_s": round(mb(auto_clean) / t_auto_clean, 3),
    }
    real = base_texts(args.base_mb, seed=args.seed)
    if real is not None:
        result["real_base"] = base_rates(real)
    args.out.mkdir(parents=True, exist_ok=True)
    write_json_atomic(args.out / "spam_throughput.json", result)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
