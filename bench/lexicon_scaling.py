"""How lexicon matching scales with the size of the lexicon (a benchmark, not a test).

pyahocorasick looks up a node's children one by one, so an automaton over characters slows down
with every distinct first character of its terms. The lexicon detector's automaton reads UTF-8
bytes instead (at most 256 children per node) when its terms have many distinct first
characters. This times, on the same seeded synthetic text,
for lexicons of random CJK terms of growing size and for the lexicon of the ``auto`` detector:
the detector's matches (bytes, with offsets mapped back to characters), its array search over
many texts at once (``matches_many``, in batches of :data:`BATCH` texts) and a bare character
automaton of the same terms.

Usage: ``python bench/lexicon_scaling.py --mb 5 --out build/reports``
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from pathlib import Path

import ahocorasick

from shanhai_nlp.corpus import Corpus
from shanhai_nlp.document.io import write_json_atomic
from shanhai_nlp.resources import read_lexicon
from shanhai_nlp.spam.auto import GENERAL_FAMILIES
from shanhai_nlp.spam.lexicon import LexiconDetector
from shanhai_nlp.spam.synth import clean_paragraphs, synthetic_documents

SIZES = (20, 50, 500, 5000)
#: texts per call of ``matches_many`` (the ``auto`` detector's batch)
BATCH = 256


def corpus_text(megabytes: float, *, seed: int) -> list[str]:
    paragraphs = clean_paragraphs([d.clean().text for d in Corpus.find().documents()])
    docs = [d.text for d in synthetic_documents(paragraphs, n_docs=500, seed=seed)]
    out: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        text = docs[len(out) % len(docs)]
        out.append(text)
        size += len(text.encode("utf-8"))
    return out


def random_terms(n: int, rng: random.Random) -> list[str]:
    """``n`` distinct terms of 2 to 4 common-range CJK characters."""
    terms: set[str] = set()
    while len(terms) < n:
        terms.add("".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(rng.randint(2, 4))))
    return sorted(terms)


def rate(texts: list[str], scan: Callable[[str], object]) -> float:
    """MB/s of ``scan`` over ``texts`` (best of three)."""
    return batch_rate([[t] for t in texts], lambda batch: scan(batch[0]))


def batch_rate(batches: list[list[str]], scan: Callable[[list[str]], object]) -> float:
    """MB/s of ``scan`` over ``batches`` of texts (best of three)."""
    size = sum(len(t.encode("utf-8")) for batch in batches for t in batch) / 1e6
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for batch in batches:
            scan(batch)
        best = min(best, time.perf_counter() - start)
    return size / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=Path("build/reports"))
    args = parser.parse_args()
    texts = corpus_text(args.mb, seed=args.seed)
    rng = random.Random(args.seed)
    batches = [texts[k : k + BATCH] for k in range(0, len(texts), BATCH)]
    auto_terms = [t for f in GENERAL_FAMILIES for t in read_lexicon(f)]
    rows = []
    for n, terms in [*((n, random_terms(n, rng)) for n in SIZES), ("auto", auto_terms)]:
        detector = LexiconDetector((t, "random") for t in terms)
        chars = ahocorasick.Automaton()
        for term in terms:
            chars.add_word(term, len(term))
        chars.make_automaton()

        def bare(text: str, automaton: ahocorasick.Automaton = chars) -> int:
            return sum(1 for _ in automaton.iter_long(text))

        rows.append(
            {
                "terms": n,
                "distinct_first_characters": detector.first_characters,  # both scripts
                "detector_reads": "bytes" if detector.over_bytes else "characters",
                "detector_matches_mb_s": round(rate(texts, detector.matches), 1),
                "detector_matches_many_mb_s": round(batch_rate(batches, detector.matches_many), 1),
                "character_automaton_bare_mb_s": round(rate(texts, bare), 1),
            }
        )
        print(json.dumps(rows[-1]))
    result = {
        "command": f"python bench/lexicon_scaling.py --mb {args.mb:g} --seed {args.seed}",
        "corpus_mb": round(sum(len(t.encode("utf-8")) for t in texts) / 1e6, 1),
        "rows": rows,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    write_json_atomic(args.out / "lexicon_scaling.json", result)


if __name__ == "__main__":
    main()
