"""Finding splice cores: strings repeated in a window, grown to their maximal repeat, whose
removal joins enough of their neighbours into a word or a number."""

from __future__ import annotations

from collections import Counter

from shanhai_nlp.spam.window import PAD, Window
from shanhai_nlp.text.script import CJK_RUN_RE, is_cjk
from shanhai_nlp.text.words import segment, zipf

#: the longest a maximal repeat grows to (characters)
REPEAT_LIMIT = 12


class Counts(Counter[str]):
    """Counts of CJK strings in a window: the repeated 2-grams counted up front (``bigrams``,
    with arrays), anything else on demand (``str.count``, cached). Strings of up to four
    characters that are not all CJK count 0."""

    def __init__(self, text: str, bigrams: dict[str, list[int]]) -> None:
        super().__init__()
        self.text = text
        dict.update(self, {g: len(p) for g, p in bigrams.items()})

    def __missing__(self, gram: str) -> int:
        if not gram or (len(gram) <= 4 and not CJK_RUN_RE.fullmatch(gram)):
            return 0
        n = self.text.count(gram)
        self[gram] = n
        return n

    def get(self, gram: str, default: int = 0) -> int:  # type: ignore[override]
        n = self[gram]
        return n if n else default


def maximal_repeat(
    window: Window, occ: list[int], length: int, *, limit: int = REPEAT_LIMIT
) -> tuple[int, int]:
    """Grow a repeated string while every occurrence has the same CJK neighbour (養網 inside
    every 包養網 grows to 包養網); returns characters added on the left and on the right."""
    s, left, right = window.s, 0, 0  # occurrences are in order: the first and last bound them
    while length + left + right < limit:
        k = occ[0] - left - 1
        if k < 0 or not is_cjk(s[k]) or len({s[o - left - 1] for o in occ}) > 1:
            break
        left += 1
    while length + left + right < limit:
        k = occ[0] + length + right
        if (
            occ[-1] + length + right >= window.n
            or not is_cjk(s[k])
            or len({s[o + length + right] for o in occ}) > 1
        ):
            break
        right += 1
    return left, right


def is_common_language(core: str, min_zipf: float) -> bool:
    """Whether the most probable split of ``core`` (Simplified, :func:`~shanhai_nlp.text.words.
    segment`) is into words of the general word list each at least ``min_zipf`` common: the
    document's own language, which repeats by nature, rather than an injected token (a spam
    keyword is rarer, or no word at all).

    Example:
        >>> is_common_language("可以使用", 5.0), is_common_language("包养网", 5.0)
        (True, False)
        >>> is_common_language("会导致", 5.0)  # 会/导致, though 会导 is a word too
        True
    """
    return all(zipf(word) >= min_zipf for word in segment(core))


def occurrences(s: str, gram: str) -> list[int]:
    """Where ``gram`` occurs in ``s``, without overlap (哈哈 in 哈哈哈 once)."""
    out, pos = [], s.find(gram)
    while pos >= 0:
        out.append(pos)
        pos = s.find(gram, pos + len(gram))
    return out


def at_least(counts: Counts, text: str, n: int) -> bool:
    """Whether ``text`` occurs at least ``n`` times; its bigrams bound the count from above,
    which settles most cases without scanning the window."""
    if len(text) > 2 and min(counts.get(text[k : k + 2], 0) for k in range(len(text) - 1)) < n:
        return False
    return counts.get(text, 0) >= n


def extension_counts(window: Window, occ: list[int], length: int, reach: int) -> Counter[str]:
    """How often each string that grows a core by up to ``reach`` characters on each side
    occurs: every occurrence of such a string contains the core, so counting around the core's
    occurrences is exact."""
    s, n = window.s, window.n
    return Counter(
        s[o - left : o + length + right]
        for o in occ
        for left in range(min(reach, o) + 1)
        for right in range(min(reach, n - o - length) + 1)
    )


def needed_joins(occurrences: int, *, min_joins: int, min_join_rate: float) -> float:
    """How many of a core's occurrences must join their neighbours for it to be spliced in."""
    return max(min_joins, min_join_rate * occurrences)


def may_splice(
    window: Window, occ: list[int], length: int, *, min_joins: int, min_join_rate: float
) -> bool:
    """Cheap pre-test: the neighbours vary, and enough occurrences join with at most one
    character of growth (stops as soon as the answer is known)."""
    padded, pairs, joins_at = window.padded, window.pairs, window.joins
    if len({padded[k - 1 + PAD] for k in occ}) < 0.5 * len(occ):  # occurrences start at >= 0
        return False
    needed = needed_joins(len(occ), min_joins=min_joins, min_join_rate=min_join_rate)
    joins = 0
    for seen, k in enumerate(occ):
        j = k + length
        # the junctions (k, j), (k - 1, j), (k, j + 1) screened by their two sides first
        a1, a2 = padded[k - 1 + PAD], padded[k - 2 + PAD]
        b1, b2 = padded[j + PAD], padded[j + 1 + PAD]
        possible = (
            a1 + b1 in pairs or a2 + b1 in pairs or a1 + b2 in pairs or a1.isdigit() or a2.isdigit()
        )
        if possible and (joins_at(k, j) or joins_at(k - 1, j) or joins_at(k, j + 1)):
            joins += 1
            if joins >= needed:
                return True
        if joins + len(occ) - seen - 1 < needed:
            return False
    return False


def cjk_growth(window: Window, a: int, b: int, i: int, j: int) -> int:
    """Characters an extent ``[a, b)`` adds to the core ``[i, j)``, a Latin tail not counted."""
    return (i - a) + sum(1 for c in window.s[j:b] if is_cjk(c))


def inside_a_term(window: Window, start: int, end: int) -> bool:
    """Whether a stretch ``[start, end)`` (a learned run, say) is the middle of a longer
    string the window repeats (its maximal repeat: every occurrence has the same CJK
    neighbours) whose removal here joins nothing: a term of the page, the model having flagged
    its middle (括號表示 of 方括號表示式, 樂透 of 大樂透頭獎). An injected token's maximal repeat
    is the token, and its removal is what joins the text (av在线ptt of 原av在线ptt子)."""
    at = occurrences(window.s, window.s[start:end])
    if len(at) < 2:
        return False
    left, right = maximal_repeat(window, at, end - start)
    if not left and not right:
        return False
    a, b = start - left, end + right
    return not (window.joins(a, b) and window.rejoins_a_word(a, b))
