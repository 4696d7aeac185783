"""Document-dropping baselines, as web-corpus pipelines do it, for the comparison report.

- :func:`regex_filter_keeps`: drop a document when a bad-word regular expression matches
  anywhere (the rule FineWeb-zhtw applies with a pattern such as ``包養|裸聊|…``; ours is
  written from the lexicon families, not copied from any pipeline).
- :func:`flagged_ratio_keeps`: drop a document when flagged words exceed a share of its words
  (data-juicer's flagged-word filter; words approximated as 1.5 CJK characters each).

Both keep or drop whole documents: they never return an article without its spam.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from shanhai_nlp.resources import read_lexicon
from shanhai_nlp.spam.lexicon import LexiconDetector, both_scripts
from shanhai_nlp.text.script import is_cjk

#: the handful of words such filters list first, per family (both scripts added at load)
BAD_WORDS = ("包养", "裸聊", "援交", "约炮", "色情", "赌场", "博彩", "百家乐", "六合彩", "网贷")


@lru_cache(maxsize=1)
def _bad_word_regex() -> re.Pattern[str]:
    forms = sorted({f for w in BAD_WORDS for f in both_scripts(w)}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, forms)))


def regex_filter_keeps(text: str) -> bool:
    """FineWeb-zhtw-style: keep the document only if no bad word matches.

    Example:
        >>> regex_filter_keeps("幫扶群眾"), regex_filter_keeps("幫包養網扶")
        (True, False)
    """
    return _bad_word_regex().search(text) is None


@lru_cache(maxsize=1)
def _flagged_words(families: tuple[str, ...]) -> LexiconDetector:
    return LexiconDetector(((t, f) for f in families for t in read_lexicon(f)), name="flagged")


def flagged_ratio_keeps(
    text: str, *, max_ratio: float = 0.01, families: Iterable[str] | None = None
) -> bool:
    """data-juicer-style: keep unless flagged words exceed ``max_ratio`` of the words."""
    from shanhai_nlp.resources import lexicon_families

    detector = _flagged_words(tuple(families or lexicon_families()))
    flagged = len(detector.matches(text))
    words = max(1.0, sum(1 for c in text if is_cjk(c)) / 1.5 + len(re.findall(r"[A-Za-z]+", text)))
    return flagged / words <= max_ratio
