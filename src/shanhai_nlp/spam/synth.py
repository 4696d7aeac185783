"""A seeded synthetic benchmark: inject spam families into clean text with known gold spans.

The injection patterns are those seen on real polluted pages: inside a word (幫包養網扶), inside
a number (3包養.77億元), replacing a character or an opening quotation mark, a stand-alone line,
glued to the headline, a keyword line between the halves of a sentence, a ``|`` keyword list,
emoji-decorated tokens, and a brand slipped into an enumeration. Token families come from the
lexicon files (gambling, lottery, betting brands, porn, escort, loans, SEO), in the script of
the text they are injected into. Everything is derived from one ``random.Random(seed)``.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from shanhai_nlp.resources import read_lexicon
from shanhai_nlp.spam.evaluate import EvalDoc
from shanhai_nlp.spam.lexicon import both_scripts
from shanhai_nlp.text.script import detect_script, is_cjk, simplify_chars
from shanhai_nlp.text.words import zipf

FAMILIES = ("gambling", "lottery", "betting_brands", "porn", "escort", "loans", "seo")
PATTERNS = (
    "inside_word",
    "inside_number",
    "replace_char",
    "replace_quote",
    "standalone_line",
    "headline_glue",
    "keyword_line",
    "pipe_list",
    "emoji",
    "list_item",
)
TAILS = ("", "", "", "ptt", "dcard", "app", "官网", "网址")
TAILS_TRADITIONAL = ("", "", "", "ptt", "dcard", "app", "官網", "網址")
EMOJI = ("🔥", "💰", "🎰", "👉", "✅", "💋")


@dataclass(slots=True)
class Injected:
    """A text under construction: pieces with their gold spans, kept in order."""

    text: str
    gold: list[tuple[int, int, str | None]] = field(default_factory=list)  # start, end, repair

    def insert(self, pos: int, token: str, *, replace: int = 0) -> None:
        """Insert ``token`` at ``pos`` (replacing ``replace`` characters), shifting gold spans."""
        repair = self.text[pos : pos + replace] if replace else None
        delta = len(token) - replace
        self.gold = [
            (s + delta if s >= pos + replace else s, e + delta if s >= pos + replace else e, r)
            for s, e, r in self.gold
        ]
        self.text = self.text[:pos] + token + self.text[pos + replace :]
        self.gold.append((pos, pos + len(token), repair))

    def free(self, pos: int) -> bool:
        """True when ``pos`` is not inside or at the edge of an existing gold span."""
        return all(not (s <= pos <= e) for s, e, _ in self.gold)


def family_tokens(family: str, script: str) -> list[str]:
    """The family's terms in the given script."""
    out = set()
    for term in read_lexicon(family):
        for form in both_scripts(term):
            if (simplify_chars(form) == form) == (script == "simplified"):
                out.add(form)
    return sorted(out)


def _positions(text: str, test: Callable[[int], bool]) -> list[int]:
    return [i for i in range(1, len(text)) if test(i)]


class Synthesiser:
    """Inject one family's tokens into clean texts with a chosen mix of patterns.

    Example:
        >>> synth = Synthesiser(seed=1)
        >>> doc = synth.inject("幫扶群眾,資金3.77億元。", family="escort", n_tokens=2, name="d")
        >>> all(doc.text[s:e] for s, e in doc.gold)
        True
    """

    def __init__(self, *, seed: int = 0, patterns: Iterable[str] = PATTERNS) -> None:
        self.rng = random.Random(seed)
        self.patterns = tuple(patterns)

    def _token(self, vocab: list[str], script: str) -> str:
        token = self.rng.choice(vocab)
        tail = self.rng.choice(TAILS if script == "simplified" else TAILS_TRADITIONAL)
        if tail and not re.search(r"[A-Za-z]$", token):
            token += tail
        return token

    def inject(self, clean: str, *, family: str, n_tokens: int, name: str) -> EvalDoc:
        """One synthetic document: ``clean`` with ``n_tokens`` injections of ``family``."""
        script = "simplified" if detect_script(clean) == "simplified" else "traditional"
        vocab = family_tokens(family, script)
        # SEO injection repeats a few tokens many times
        favourites = [self._token(vocab, script) for _ in range(self.rng.randint(1, 3))]
        doc = Injected(clean)
        for _ in range(n_tokens):
            token = (
                self.rng.choice(favourites)
                if self.rng.random() < 0.7
                else self._token(vocab, script)
            )
            pattern = self.rng.choice(self.patterns)
            getattr(self, f"_{pattern}")(doc, token, vocab)
        gold = tuple(sorted((s, e) for s, e, _ in doc.gold))
        return EvalDoc(name, doc.text, gold)

    # --- patterns: each inserts at most one token (or one list) and may do nothing ---
    def _pick(self, doc: Injected, test: Callable[[int], bool]) -> int | None:
        options = [i for i in _positions(doc.text, test) if doc.free(i)]
        return self.rng.choice(options) if options else None

    def _inside_word(self, doc: Injected, token: str, _v: list[str]) -> None:
        s = simplify_chars(doc.text)
        pos = self._pick(
            doc, lambda i: is_cjk(s[i - 1]) and is_cjk(s[i]) and zipf(s[i - 1 : i + 1]) >= 3.5
        )
        if pos is not None:
            doc.insert(pos, token)

    def _inside_number(self, doc: Injected, token: str, _v: list[str]) -> None:
        t = doc.text
        pos = self._pick(doc, lambda i: t[i - 1].isdigit() and (t[i].isdigit() or t[i] == "."))
        if pos is not None:
            doc.insert(pos, token)
        else:
            self._inside_word(doc, token, _v)

    def _replace_char(self, doc: Injected, token: str, _v: list[str]) -> None:
        t = doc.text
        pos = self._pick(doc, lambda i: is_cjk(t[i]) and doc.free(i + 1))
        if pos is not None:
            doc.insert(pos, token, replace=1)

    def _replace_quote(self, doc: Injected, token: str, _v: list[str]) -> None:
        t = doc.text
        pos = self._pick(doc, lambda i: t[i] in "“「" and doc.free(i + 1))
        if pos is not None:
            doc.insert(pos, token, replace=1)
        else:
            self._replace_char(doc, token, _v)

    def _standalone_line(self, doc: Injected, token: str, _v: list[str]) -> None:
        t = doc.text
        pos = self._pick(doc, lambda i: t[i - 1] == "\n" and t[i] != "\n")
        if pos is not None:
            doc.insert(pos, "\n")
            doc.insert(pos, token)  # the newline after the token is not spam
            doc.gold = [g for g in doc.gold if doc.text[g[0] : g[1]] != "\n"]

    def _headline_glue(self, doc: Injected, token: str, _v: list[str]) -> None:
        end = doc.text.find("\n")
        end = len(doc.text) if end < 0 else end
        if end > 0 and doc.free(end):
            doc.insert(end, token)

    def _keyword_line(self, doc: Injected, token: str, _v: list[str]) -> None:
        t = doc.text
        pos = self._pick(doc, lambda i: t[i - 1] in ",，" and is_cjk(t[i]))
        if pos is None:
            return
        doc.insert(pos - 1, "\n\n")  # sentence,  ->  sentence⏎⏎token⏎⏎,rest
        doc.gold = [g for g in doc.gold if doc.text[g[0] : g[1]] != "\n\n"]
        doc.insert(pos + 1, token)
        doc.insert(pos + 1 + len(token), "\n\n")
        doc.gold = [g for g in doc.gold if doc.text[g[0] : g[1]] != "\n\n"]

    def _pipe_list(self, doc: Injected, _token: str, vocab: list[str]) -> None:
        if not doc.free(0):
            return
        words = self.rng.sample(vocab, k=min(len(vocab), self.rng.randint(4, 8)))
        pos = 0
        for k, word in enumerate(words):
            doc.insert(pos, word)
            pos += len(word)
            sep = "\n" if k == len(words) - 1 else "|"
            doc.insert(pos, sep)
            doc.gold = [g for g in doc.gold if doc.text[g[0] : g[1]] != sep]
            pos += 1

    def _emoji(self, doc: Injected, token: str, _v: list[str]) -> None:
        mark = self.rng.choice(EMOJI)
        t = doc.text
        pos = self._pick(doc, lambda i: t[i - 1] in "。,，" and t[i] != "\n")
        if pos is not None:
            doc.insert(pos, f"{mark}{token}{mark}")

    def _list_item(self, doc: Injected, token: str, _v: list[str]) -> None:
        t = doc.text
        pos = self._pick(doc, lambda i: t[i] == "、")
        if pos is not None:
            doc.insert(pos, "、" + token)
        else:
            self._inside_word(doc, token, _v)


def clean_paragraphs(texts: Iterable[str], *, both_scripts_: bool = True) -> list[str]:
    """Non-empty paragraphs of clean texts, plus their Simplified forms."""
    import opencc

    to_simplified = opencc.OpenCC("t2s.json")
    out: list[str] = []
    for text in texts:
        for para in text.split("\n"):
            if len(para.strip()) >= 20:
                out.append(para.strip())
                if both_scripts_:
                    converted = to_simplified.convert(para.strip())
                    if converted != para.strip():
                        out.append(converted)
    return out


def synthetic_documents(
    paragraphs: list[str],
    *,
    n_docs: int,
    seed: int = 0,
    families: Iterable[str] = FAMILIES,
    patterns: Iterable[str] = PATTERNS,
    spam_free_share: float = 0.1,
) -> Iterator[EvalDoc]:
    """``n_docs`` documents of 4–10 paragraphs of one script, most with spam of one family."""
    rng = random.Random(seed)
    synth = Synthesiser(seed=seed + 1, patterns=patterns)
    fams = list(families)
    by_script: dict[bool, list[str]] = {True: [], False: []}
    for para in paragraphs:
        by_script[simplify_chars(para) == para].append(para)
    pools = [p for p in by_script.values() if p]
    for k in range(n_docs):
        pool = rng.choice(pools)
        text = "\n\n".join(rng.sample(pool, k=min(len(pool), rng.randint(4, 10)))) + "\n"
        family = fams[k % len(fams)]
        if rng.random() < spam_free_share:
            yield EvalDoc(f"synth-{k:06d}-clean", text, ())
            continue
        yield synth.inject(
            text, family=family, n_tokens=rng.randint(2, 25), name=f"synth-{k:06d}-{family}"
        )


def write_folder(docs: Iterable[EvalDoc], folder: str | Path) -> int:
    """Write documents as ``NAME.txt`` + ``NAME.json`` pairs (the evaluate folder format)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for doc in docs:
        (out / f"{doc.name}.txt").write_text(doc.text, encoding="utf-8")
        spans = [{"start": s, "end": e, "text": doc.text[s:e]} for s, e in doc.gold]
        (out / f"{doc.name}.json").write_text(
            json.dumps({"spam": spans}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
        n += 1
    return n
