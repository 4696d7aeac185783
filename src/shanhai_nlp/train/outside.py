"""Text outside the section taxonomy, the examples of the classifiers' ``none`` class.

A classifier trained on the four sections alone gives every text one of them (今天天氣很好
came out ``consumption`` with score 0.99). Paragraphs of the real base text (Debian's Chinese
documentation, both scripts) teach it a fifth answer. They come from the base-text files the
spam detector trains on; the held-out files measure how often a model still gives such text a
section.
"""

from __future__ import annotations

import random

from shanhai_nlp.basetext import load_paragraphs
from shanhai_nlp.spam.learned.training import Part, part

NONE = "none"
#: a classifier's answer is ``none`` only when it gives ``none`` at least this score; otherwise
#: its best section. Paragraphs of other articles on the policy share less vocabulary with the
#: training article than its own paragraphs do, and an abstention there is an error.
NONE_THRESHOLD = 0.5
#: paragraphs this long (characters) are used: shorter ones are mostly headings and commands
MIN_CHARS, MAX_CHARS = 20, 200


def outside_texts(n: int, *, which: Part = "train", seed: int = 0) -> list[str]:
    """``n`` base-text paragraphs of one part (a seeded sample, in base-text order)."""
    if n <= 0:
        return []
    pool = [p.text for p in part(load_paragraphs(), which) if MIN_CHARS <= len(p.text) <= MAX_CHARS]
    chosen = sorted(random.Random(seed).sample(range(len(pool)), min(n, len(pool))))
    return [pool[i] for i in chosen]


def decide(scores: dict[str, float], threshold: float | None = NONE_THRESHOLD) -> str:
    """The label for a classifier's scores: ``none`` when its score reaches ``threshold``,
    else the best-scoring section. With ``threshold=None`` it is the best-scoring label,
    ``none`` included (the rule for the spaCy model, whose strongly regularised scores are
    flat: ``none`` leads on text outside the taxonomy without ever reaching 0.5).

    Example:
        >>> decide({"industry": 0.3, "talent": 0.25, "none": 0.45})
        'industry'
        >>> decide({"industry": 0.2, "talent": 0.1, "none": 0.7})
        'none'
        >>> decide({"industry": 0.2, "talent": 0.18, "none": 0.24}, threshold=None)
        'none'
    """
    if threshold is None:
        return max(scores, key=lambda k: scores[k])
    if scores.get(NONE, 0.0) >= threshold:
        return NONE
    sections = {k: v for k, v in scores.items() if k != NONE}
    return max(sections, key=lambda k: sections[k])
