"""pkuseg's segmentation model stored so that it loads in a fraction of a second.

spacy-pkuseg keeps its 2.6 million feature strings in one Python dict decoded from msgpack at
every start (seconds), and reads its post-processing words from a pickle it ships. This module
keeps the same model as plain files, written once when the model is installed
(:mod:`shanhai_nlp.text.pkuseg_model`) and copied into every saved spaCy pipeline:

* ``feature_keys.npy``: every feature string, UTF-8, sorted (fixed width); memory-mapped;
* ``feature_ids.npy``: each sorted key's index into the weights; memory-mapped;
* ``weights.npy``: the CRF weights; memory-mapped copy-on-write (the Viterbi code wants a
  writable buffer and never writes);
* ``unigram.txt``: the model's words, one a line (read into a set: the feature templates ask
  whether a stretch of characters is a word);
* ``postprocess.txt``: the words pkuseg's post-processor merges, from its bundled dictionary;
* ``tags.json``: the tag names in index order.

:class:`PkusegSegmenter` subclasses spacy-pkuseg's segmenter and replaces only the step that
turns characters into feature indices: it builds each character's feature strings with the
same templates and in the same order as spacy-pkuseg's compiled extractor, then looks them all up
in the sorted table at once. The Viterbi decoder, the user dictionary and the post-processor are
spacy-pkuseg's own, so segmentations are identical; ``tests/text/test_segmenter.py`` checks that
against spacy-pkuseg on real text.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import spacy_pkuseg
from spacy_pkuseg.feature_extractor import FeatureExtractor
from spacy_pkuseg.inference import decodeViterbi_fast
from spacy_pkuseg.model import Model

FILES = (
    "feature_keys.npy",
    "feature_ids.npy",
    "weights.npy",
    "unigram.txt",
    "postprocess.txt",
    "tags.json",
)

#: word-feature lengths, longest first (spacy-pkuseg's ``config.wordMax`` .. ``config.wordMin``)
WORD_LENGTHS = range(6, 1, -1)
NO_WORD = "**noWord"


class FeatureTable:
    """Feature strings to weight indices, as a sorted array searched in bulk."""

    def __init__(self, keys: np.ndarray, ids: np.ndarray) -> None:
        self.keys = keys
        self.ids = ids

    @classmethod
    def build(cls, feature_to_idx: dict[str, int]) -> FeatureTable:
        encoded = sorted((key.encode("utf-8"), idx) for key, idx in feature_to_idx.items())
        keys = np.array([key for key, _ in encoded], dtype=np.bytes_)
        ids = np.array([idx for _, idx in encoded], dtype=np.int32)
        return cls(keys, ids)

    def lookup(self, features: Sequence[str]) -> np.ndarray:
        """Each feature's index, or -1 where the model has no such feature."""
        if not features:
            return np.zeros(0, dtype=np.int32)
        encoded = [feature.encode("utf-8") for feature in features]
        width = self.keys.dtype.itemsize
        queries = np.array(encoded, dtype=self.keys.dtype)  # longer strings are cut: see below
        positions = np.searchsorted(self.keys, queries).clip(max=len(self.keys) - 1)
        found = self.keys[positions] == queries
        found &= np.array([len(e) <= width for e in encoded])
        return np.where(found, self.ids[positions], -1)


def node_features(nodes: Sequence[str], i: int, unigram: set[str]) -> list[str]:
    """Feature strings of character ``i``, in spacy-pkuseg's order (the ``$$`` bias excluded).

    ``nodes`` are the normalised characters (digits and letters folded into classes). The
    templates: the character and its neighbours, pairs of them, and which words of 2 to 6
    characters end or start here or just before or after.
    """
    c = nodes[i]
    n = len(nodes)
    features = ["c." + c]
    if i > 0:
        features += ["c-1." + nodes[i - 1], "c-1c." + nodes[i - 1] + "." + c]
    if i + 1 < n:
        features += ["c1." + nodes[i + 1], "cc1." + c + "." + nodes[i + 1]]
    if i > 1:
        features += ["c-2." + nodes[i - 2], "c-2c-1." + nodes[i - 2] + "." + nodes[i - 1]]
    if i + 2 < n:
        features.append("c2." + nodes[i + 2])

    def word(start: int, length: int) -> str | None:
        """The stretch if it is a word of the model; a stretch that would leave the text is
        the empty string (as in spacy-pkuseg, whose word list holds the empty string)."""
        inside = start >= 0 and start + length <= n
        stretch = "".join(nodes[start : start + length]) if inside else ""
        return stretch if stretch in unigram else None

    ending_here = [word(i - length + 1, length) for length in WORD_LENGTHS]
    starting_here = [word(i, length) for length in WORD_LENGTHS]
    features += ["w-1." + w for w in ending_here if w is not None]
    features += ["w1." + w for w in starting_here if w is not None]
    ending_before = [word(i - length, length) or NO_WORD for length in WORD_LENGTHS]
    starting_after = [word(i + 1, length) or NO_WORD for length in WORD_LENGTHS]
    ending_here_or_none = [w or NO_WORD for w in ending_here]
    starting_here_or_none = [w or NO_WORD for w in starting_here]
    features += [f"ww.l.{pre}*{post}" for pre in ending_before for post in starting_here_or_none]
    features += [f"ww.r.{pre}*{post}" for pre in ending_here_or_none for post in starting_after]
    return features


class PkusegSegmenter(spacy_pkuseg.pkuseg):  # type: ignore[misc]
    """spacy-pkuseg's segmenter over a :class:`FeatureTable`.

    Build it with :meth:`load` (a folder written by :meth:`save`, memory-mapped),
    :meth:`from_bytes` (what :meth:`to_bytes` wrote) or :meth:`from_tables` (spacy-pkuseg's
    model tables).
    """

    table: FeatureTable
    unigram: set[str]

    @classmethod
    def load(cls, folder: str | Path) -> PkusegSegmenter:
        folder = Path(folder)
        missing = _missing_files(folder)
        if missing:
            raise FileNotFoundError(f"{folder}: no {', '.join(missing)}")
        return cls._assemble(
            keys=np.load(folder / "feature_keys.npy", mmap_mode="r"),
            ids=np.load(folder / "feature_ids.npy", mmap_mode="r"),
            weights=np.load(folder / "weights.npy", mmap_mode="c"),
            unigram=_split_lines((folder / "unigram.txt").read_bytes()),
            postprocess_words=_split_lines((folder / "postprocess.txt").read_bytes()),
            tags=json.loads((folder / "tags.json").read_bytes()),
        )

    @classmethod
    def from_bytes(cls, files: dict[str, bytes]) -> PkusegSegmenter:
        """The inverse of :meth:`to_bytes` (arrays are read into memory)."""

        def array(name: str) -> np.ndarray:
            loaded: np.ndarray = np.load(io.BytesIO(files[name]))
            return loaded

        return cls._assemble(
            keys=array("feature_keys.npy"),
            ids=array("feature_ids.npy"),
            weights=array("weights.npy"),
            unigram=_split_lines(files["unigram.txt"]),
            postprocess_words=_split_lines(files["postprocess.txt"]),
            tags=json.loads(files["tags.json"]),
        )

    @classmethod
    def from_tables(
        cls,
        *,
        feature_to_idx: dict[str, int],
        unigram: Iterable[str],
        weights: np.ndarray,
        tags: dict[str, int],
        postprocess_words: Iterable[str],
    ) -> PkusegSegmenter:
        """A segmenter from spacy-pkuseg's model tables (its feature dict, words, weights)."""
        table = FeatureTable.build(feature_to_idx)
        return cls._assemble(
            keys=table.keys,
            ids=table.ids,
            weights=np.ascontiguousarray(weights, dtype=np.float64),
            unigram=list(unigram),
            postprocess_words=list(postprocess_words),
            tags=sorted(tags, key=tags.__getitem__),
        )

    @classmethod
    def _assemble(
        cls,
        *,
        keys: np.ndarray,
        ids: np.ndarray,
        weights: np.ndarray,
        unigram: list[str],
        postprocess_words: list[str],
        tags: list[str],
    ) -> PkusegSegmenter:
        self = cls.__new__(cls)  # spacy-pkuseg's __init__ decodes msgpack and a pickle: skipped
        self.postag = False
        self.table = FeatureTable(keys, ids)
        self.unigram = set(unigram)
        self.idx_to_tag = dict(enumerate(tags))
        self.n_tag = len(tags)
        self.n_feature = len(ids)
        model = Model.__new__(Model)
        model.w = weights
        model.n_tag = self.n_tag
        model.n_feature = self.n_feature
        model.n_transition_feature = self.n_tag * (self.n_feature + self.n_tag)
        if len(weights) != model.n_transition_feature:
            raise ValueError(f"{len(weights)} weights for {self.n_feature} features")
        self.model = model
        self.preprocesser = spacy_pkuseg.Preprocesser(None)
        self.postprocesser = spacy_pkuseg.Postprocesser(None, None)
        self.postprocesser.do_process = True
        self.postprocesser.common_words = set()
        self.postprocesser.other_words = set(postprocess_words)
        return self

    def to_bytes(self) -> dict[str, bytes]:
        """The model's files as bytes, by file name (the user dictionary is not included)."""

        def array(values: np.ndarray) -> bytes:
            out = io.BytesIO()
            np.save(out, np.asarray(values))
            return out.getvalue()

        tags = [self.idx_to_tag[i] for i in range(self.n_tag)]
        return {
            "feature_keys.npy": array(self.table.keys),
            "feature_ids.npy": array(self.table.ids),
            "weights.npy": array(self.model.w),
            "unigram.txt": _join_lines(self.unigram),
            "postprocess.txt": _join_lines(self.postprocesser.other_words),
            "tags.json": json.dumps(tags, ensure_ascii=False).encode("utf-8"),
        }

    def save(self, folder: str | Path) -> None:
        """Write the model's files into ``folder`` (created if needed)."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in self.to_bytes().items():
            (folder / name).write_bytes(data)

    def _cut(self, text: str) -> list[str]:
        nodes = list(FeatureExtractor.normalize_text(text))
        per_node = [node_features(nodes, i, self.unigram) for i in range(len(nodes))]
        distinct = list(dict.fromkeys(f for features in per_node for f in features))
        index = dict(zip(distinct, self.table.lookup(distinct).tolist(), strict=True))
        # feature 0 is the bias every character has (spacy-pkuseg's "$$")
        ids = [[0] + [index[f] for f in features if index[f] >= 0] for features in per_node]
        _, tags = decodeViterbi_fast(ids, self.model)
        starts = [i for i, tag in enumerate(tags) if i == 0 or "B" in self.idx_to_tag[tag]]
        return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def from_spacy_pkuseg(reference: Any) -> PkusegSegmenter:
    """The same model as a loaded ``spacy_pkuseg.pkuseg`` (a pipeline saved in its format),
    with its user dictionary and post-processor words."""
    segmenter = PkusegSegmenter.from_tables(
        feature_to_idx=reference.feature_extractor.feature_to_idx,
        unigram=reference.feature_extractor.unigram,
        weights=reference.model.w,
        tags=reference.feature_extractor.tag_to_idx,
        postprocess_words=reference.postprocesser.other_words,
    )
    segmenter.preprocesser = reference.preprocesser
    segmenter.postprocesser = reference.postprocesser
    return segmenter


def _join_lines(words: Iterable[str]) -> bytes:
    ordered = sorted(set(words))
    if any("\n" in w for w in ordered):
        raise ValueError("a word contains a line break")
    return "\n".join(ordered).encode("utf-8")


def _split_lines(data: bytes) -> list[str]:
    return data.decode("utf-8").split("\n") if data else []


def is_saved_model(folder: str | Path) -> bool:
    """Whether ``folder`` holds a model in this module's format."""
    return not _missing_files(Path(folder))


def _missing_files(folder: Path) -> list[str]:
    return [name for name in FILES if not (folder / name).is_file()]
