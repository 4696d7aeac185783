"""Train the learned detector on synthetic injections into real prose.

Training pages are cut from the base text (:mod:`shanhai_nlp.basetext`): consecutive paragraphs
of one file, about a page long, most with a heading on top, some with subheadings and date lines
between paragraphs, some weaving two files of different scripts. Most pages get injections of one
spam family (:class:`~shanhai_nlp.spam.synth.Synthesiser`); the others stay clean. Only the
base-text files of the ``train`` part (:func:`split_of`) are used, so the false-positive battery
can run on files the model never saw.

The families injected are a parameter: leave-one-family-out trains without the family it then
scores (:func:`fit`, ``families``), and the spam prior is built from those families' terms only.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from shanhai_nlp.basetext import BaseParagraph, load_paragraphs
from shanhai_nlp.basetext.debian import manifest_key
from shanhai_nlp.errors import ShanhaiError, UnknownNameError
from shanhai_nlp.resources import read_lexicon
from shanhai_nlp.spam import junctions, synth
from shanhai_nlp.spam.base import batched
from shanhai_nlp.spam.evaluate import EvalDoc
from shanhai_nlp.spam.learned.features import CONTEXT, FEATURES, Floats, page_rows
from shanhai_nlp.spam.learned.model import (
    BATCH_CHARS,
    ModelFileError,
    SpamModel,
    default_model_path,
)
from shanhai_nlp.spam.lexicon import both_scripts
from shanhai_nlp.spam.synth import FAMILIES, Synthesiser
from shanhai_nlp.text import words
from shanhai_nlp.text.script import char_table, code_points, is_cjk, simplify_codes
from shanhai_nlp.text.words import word_zipf

Part = Literal["train", "heldout"]
_BMP = 0x10000
#: one base-text file in this many is held out of training (for the false-positive battery)
HELDOUT_ONE_IN = 4
#: a clause that can stand as a heading: 4 to 20 characters before the first punctuation
HEADING_RE = re.compile(r"^[^\s，。！？；：、,.!?;:()（）「」“”\"'《》<>\[\]{}*$-]{4,20}")


@dataclass(frozen=True, slots=True)
class TrainConfig:
    """What :func:`fit` trains on and how (the ``[training]`` and ``[model]`` sections of
    ``configs/spam.cfg``)."""

    n_docs: int = 900
    seed: int = 0
    clean_share: float = 0.3  # pages left clean
    page_chars: tuple[int, ...] = (800, 2000, 2000, 4000)  # a page is cut at one of these
    heading_share: float = 0.7  # pages with a heading on top
    furniture_share: float = 0.3  # pages with subheadings and date lines between paragraphs
    mixed_share: float = 0.05  # pages weaving two files of different scripts
    negative_rate: float = 0.2  # share of clean characters kept as training rows
    use_prior: bool = False  # the spam prior is a feature (else that column is 0)
    hidden: int = 32
    max_iter: int = 40
    threshold: float = 0.9  # a character this probably injected is spam
    min_span: int = 2  # shorter runs of such characters are dropped

    @classmethod
    def from_config(cls, path: str | Path, overrides: dict[str, Any] | None = None) -> TrainConfig:
        """Read the ``[training]`` and ``[model]`` sections of a config file (confection)."""
        from confection import Config

        try:
            config = Config().from_disk(path, overrides=overrides or {})
        except (OSError, ValueError, KeyError) as exc:
            raise ShanhaiError(f"{path}: not a readable spam config ({exc})") from None
        values = {**config.get("training", {}), **config.get("model", {})}
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(values) - known)
        if unknown:
            raise ShanhaiError(f"{path}: unknown setting {unknown[0]!r}")
        if "page_chars" in values:
            values["page_chars"] = tuple(values["page_chars"])
        return cls(**values)


def parse_overrides(settings: Sequence[str]) -> dict[str, Any]:
    """``section.name=value`` strings as confection overrides (values read as JSON, else text).

    Example:
        >>> parse_overrides(["training.n_docs=200", "model.threshold=0.8"])
        {'training.n_docs': 200, 'model.threshold': 0.8}
    """
    out: dict[str, Any] = {}
    for setting in settings:
        key, sep, value = setting.partition("=")
        if not sep or "." not in key:
            raise ShanhaiError(f"--set {setting!r}: expected section.name=value")
        try:
            out[key] = json.loads(value)
        except ValueError:
            out[key] = value
    return out


def split_of(member: str) -> Part:
    """Which part a base-text file belongs to, fixed by a hash of its name."""
    digest = hashlib.sha1(member.encode("utf-8")).digest()
    return "heldout" if digest[0] % HELDOUT_ONE_IN == 0 else "train"


def part(paragraphs: Iterable[BaseParagraph], which: Part) -> list[BaseParagraph]:
    """The paragraphs of the files of one part."""
    return [p for p in paragraphs if split_of(p.member) == which]


@lru_cache(maxsize=1)
def _language_char_freq() -> Floats:
    """How often each BMP character occurs in ordinary Chinese, from wordfreq's word list."""
    freq = np.zeros(_BMP, dtype=np.float64)
    for word, z in word_zipf().items():
        for char in word:
            if ord(char) < _BMP:
                freq[ord(char)] += 10 ** (z - 9)
    share: Floats = (freq / freq.sum()).astype(np.float32)
    return share


def spam_prior(families: Iterable[str]) -> Floats:
    """log10 of how much more often each character (Simplified) is in the families' terms than
    in ordinary Chinese, clipped to [-2, 4]; 0 for characters in no term."""
    counts = np.zeros(_BMP, dtype=np.float64)
    for family in families:
        for term in read_lexicon(family):
            for form in both_scripts(term):
                codes = simplify_codes(code_points(form))
                np.add.at(counts, codes[codes < _BMP], 1)
    share = counts / max(counts.sum(), 1)
    ratio = np.log10((share + 1e-6) / (_language_char_freq() + 1e-6))
    return np.where(counts > 0, np.clip(ratio, -2, 4), 0).astype(np.float32)


def _files(paragraphs: Iterable[BaseParagraph]) -> list[tuple[str, list[str]]]:
    """(script, paragraph texts) per file of one script, in order."""
    files: dict[str, tuple[str, list[str]]] = {}
    for p in paragraphs:
        if p.script in ("traditional", "simplified"):
            files.setdefault(p.member, (p.script, []))[1].append(p.text)
    return list(files.values())


def _date_line(rng: random.Random) -> str:
    """A date or time line of the kind pages carry (更新:2019/04/08 10:21)."""
    y, m, d = rng.randint(2005, 2025), rng.randint(1, 12), rng.randint(1, 28)
    h, minute = rng.randint(0, 23), rng.randint(0, 59)
    return rng.choice(
        (
            f"{y}-{m:02d}-{d:02d} {h:02d}:{minute:02d}",
            f"{y}/{m:02d}/{d:02d}",
            f"{y}年{m}月{d}日",
            f"{y}年{m}月{d}日 {h:02d}:{minute:02d}",
        )
    )


@lru_cache(maxsize=1)
def _common_words() -> list[str]:
    """Common CJK words of 2 to 4 characters (Simplified), for short lines like 留言 or 返回."""
    return sorted(
        w for w, z in word_zipf().items() if z >= 4.0 and len(w) >= 2 and all(map(is_cjk, w))
    )


class PageMaker:
    """Pages of clean prose in the shapes real pages have (see the module docstring)."""

    def __init__(self, paragraphs: Sequence[BaseParagraph], config: TrainConfig) -> None:
        self.files = _files(paragraphs)
        if not self.files:
            raise ShanhaiError("no base-text paragraphs to train on; run `make basetext`")
        self.config = config
        self.by_script: dict[str, list[list[str]]] = {}
        for script, texts in self.files:
            self.by_script.setdefault(script, []).append(texts)

    @staticmethod
    def _headings(texts: Sequence[str]) -> list[str]:
        return [m.group(0) for m in map(HEADING_RE.match, texts) if m]

    @staticmethod
    def _title(headings: Sequence[str], rng: random.Random) -> str:
        """A heading, sometimes two clauses apart by a space, or a site name after ``_``."""
        title = rng.choice(headings)
        roll = rng.random()
        if roll < 0.3:
            title += rng.choice((" ", "\u3000", "  ")) + rng.choice(headings)
        elif roll < 0.45:
            title += rng.choice(("_", " - ", "｜", "|")) + rng.choice(headings)[:6]
        return title

    def _furniture(self, headings: Sequence[str], rng: random.Random) -> str:
        """A line between paragraphs: a subheading, a date, or a few common words."""
        roll = rng.random()
        if roll < 0.5:
            return self._title(headings, rng)
        if roll < 0.7:
            return _date_line(rng)
        words = _common_words()
        line = rng.choice(" ").join(rng.choice(words) for _ in range(rng.randint(1, 3)))
        return line if rng.random() < 0.5 else line.translate(char_table("s2t"))

    def page(self, rng: random.Random) -> str:
        cfg = self.config
        if len(self.by_script) == 2 and rng.random() < cfg.mixed_share:
            one, two = (rng.choice(files) for files in self.by_script.values())
            texts = [t for pair in zip(one, two, strict=False) for t in pair]
        else:
            texts = rng.choice(self.files)[1]
        size = rng.choice(cfg.page_chars)
        start = rng.randrange(len(texts))
        chosen: list[str] = []
        while start < len(texts) and sum(map(len, chosen)) < size:
            chosen.append(texts[start])
            start += 1
        headings = self._headings(texts)
        if headings and rng.random() < cfg.furniture_share:
            for _ in range(rng.randint(1, 4)):
                chosen.insert(rng.randint(0, len(chosen)), self._furniture(headings, rng))
        if headings and rng.random() < cfg.heading_share:
            chosen.insert(0, self._title(headings, rng))
        return "\n\n".join(chosen) + "\n"


def training_documents(
    paragraphs: Sequence[BaseParagraph],
    families: Sequence[str],
    config: TrainConfig,
    *,
    n_docs: int | None = None,
    seed: int | None = None,
) -> list[EvalDoc]:
    """Seeded training (or evaluation) pages: most with injections of one of ``families``."""
    seed = config.seed if seed is None else seed
    rng = random.Random(seed)
    pages = PageMaker(paragraphs, config)
    synth = Synthesiser(seed=seed + 1)
    docs = []
    for k in range(config.n_docs if n_docs is None else n_docs):
        text = pages.page(rng)
        if not families or rng.random() < config.clean_share:
            docs.append(EvalDoc(f"train-{k:05d}-clean", text, ()))
            continue
        family = rng.choice(list(families))
        name = f"train-{k:05d}-{family}"
        docs.append(synth.inject(text, family=family, n_tokens=rng.randint(1, 25), name=name))
    return docs


def rows(
    docs: Iterable[EvalDoc],
    prior: Floats,
    context: Sequence[int],
    *,
    negative_rate: float,
    seed: int,
) -> tuple[Floats, npt.NDArray[np.int8]]:
    """Feature rows and labels (1: injected) of every injected character and a seeded share
    ``negative_rate`` of the clean ones."""
    rng = np.random.default_rng(seed)
    xs, ys = [], []
    for group in batched(list(docs), BATCH_CHARS, size=lambda d: len(d.text)):
        labels = np.zeros(sum(len(d.text) for d in group), dtype=np.int8)
        offset = 0
        for doc in group:
            for start, end in doc.gold:
                labels[offset + start : offset + end] = 1
            offset += len(doc.text)
        keep = (labels == 1) | (rng.random(len(labels)) < negative_rate)
        xs.append(page_rows([d.text for d in group], prior, context)[keep])
        ys.append(labels[keep])
    return np.concatenate(xs), np.concatenate(ys)


def fit(
    paragraphs: Sequence[BaseParagraph],
    config: TrainConfig,
    *,
    families: Sequence[str] = FAMILIES,
) -> SpamModel:
    """Train the model on pages of the ``train`` part of ``paragraphs`` with injections of
    ``families`` (their terms make the spam prior too)."""
    from sklearn.neural_network import MLPClassifier

    prior = spam_prior(families if config.use_prior else ())
    docs = training_documents(part(paragraphs, "train"), families, config)
    x, y = rows(docs, prior, CONTEXT, negative_rate=config.negative_rate, seed=config.seed)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1
    net = MLPClassifier(
        hidden_layer_sizes=(config.hidden,),
        max_iter=config.max_iter,
        early_stopping=True,
        random_state=config.seed,
    )
    from sklearn.exceptions import ConvergenceWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # early stopping decides
        net.fit((x - mean) / scale, y)
    meta = {
        "key": training_key(config, families),
        "features": list(FEATURES),
        "context": list(CONTEXT),
        "families": list(families),
        "config": asdict(config),
        "training_rows": len(y),
        "training_docs": len(docs),
        "iterations": int(net.n_iter_),
    }
    f32 = np.float32
    return SpamModel(
        mean=mean.astype(f32),
        scale=scale.astype(f32),
        hidden_w=net.coefs_[0].astype(f32),
        hidden_b=net.intercepts_[0].astype(f32),
        out_w=net.coefs_[1].astype(f32),
        out_b=net.intercepts_[1].astype(f32),
        prior=prior,
        negative_rate=config.negative_rate,
        meta=meta,
    )


#: the modules whose code decides what a model learns (a change to one retrains it)
_TRAINING_CODE = ("features.py", "training.py", "model.py")


def training_key(config: TrainConfig, families: Sequence[str]) -> str:
    """A hash of everything a trained model depends on: the settings, the families and their
    terms, the base text's manifest, and the code of features, training and injection."""

    digest = hashlib.sha256()
    digest.update(json.dumps([asdict(config), list(families), manifest_key()]).encode())
    for family in families:
        digest.update("\n".join(read_lexicon(family)).encode("utf-8"))
    here = Path(__file__).parent
    shared = [Path(m.__file__ or "") for m in (synth, junctions, words)]
    for source in [*(here / name for name in _TRAINING_CODE), *shared]:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def train_model(
    config: TrainConfig,
    *,
    out: str | Path | None = None,
    leave_out: Sequence[str] = (),
    paragraphs: Sequence[BaseParagraph] | None = None,
) -> tuple[SpamModel, Path]:
    """Train on the installed base text (or ``paragraphs``) with every family but
    ``leave_out`` and save the model to ``out`` (default: the installed model's path)."""
    unknown = sorted(set(leave_out) - set(FAMILIES))
    if unknown:
        raise UnknownNameError("spam family", unknown[0], FAMILIES)
    base = load_paragraphs() if paragraphs is None else paragraphs
    model = fit(base, config, families=[f for f in FAMILIES if f not in leave_out])
    path = model.save(default_model_path() if out is None else out)
    return model, path


def held_out_model(
    folder: str | Path,
    family: str,
    config: TrainConfig,
    paragraphs: Sequence[BaseParagraph],
) -> SpamModel:
    """The model trained without ``family`` (leave-one-family-out), from ``folder`` when one
    trained the same way is there, else trained and saved there."""
    path = Path(folder) / f"without-{family}.npz"
    families = [f for f in FAMILIES if f != family]
    if not is_current(path, config, families):
        fit(paragraphs, config, families=families).save(path)
    return SpamModel.load(path)


def is_current(path: str | Path, config: TrainConfig, families: Sequence[str]) -> bool:
    """Whether the model at ``path`` is readable and was trained with ``config`` on
    ``families`` by this code (its :func:`training_key`)."""
    try:
        model = SpamModel.load(path)
    except ModelFileError:
        return False
    return model.meta.get("key") == training_key(config, families)
