"""The learned detector's model: a small neural network over per-character evidence, as data.

The network (one hidden layer, ReLU, a logistic output) reads each character's features and its
neighbours' (:mod:`.features`), standardised, and gives the probability that the character was
injected. It is trained with scikit-learn (:mod:`.training`) and saved as plain arrays in one
``.npz`` file with its settings as JSON; loading reads arrays only, never a pickle.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from shanhai_nlp.document.io import write_bytes_atomic
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.spam.base import batched
from shanhai_nlp.spam.learned.features import (
    FEATURES,
    Floats,
    joined_features,
    page_rows,
    shifted,
)

#: the model file's format; a file of another format is rebuilt, not read
FORMAT = "shanhai_nlp.spam.learned/1"
MODEL_ENV = "SHANHAI_SPAM_MODEL"
REBUILD_HINT = "rebuild it with `shanhai spam train` (`make setup` does)"
#: characters scored at once (their feature rows take about a kilobyte each)
BATCH_CHARS = 200_000
_ARRAYS = ("mean", "scale", "hidden_w", "hidden_b", "out_w", "out_b", "prior")


class ModelFileError(ShanhaiError):
    """The learned spam model is missing, damaged or of another format."""

    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}; {REBUILD_HINT}")


def default_model_path() -> Path:
    """``$SHANHAI_SPAM_MODEL``, else ``$XDG_CACHE_HOME/shanhai_nlp/spam-learned.npz``."""
    if os.environ.get(MODEL_ENV):
        return Path(os.environ[MODEL_ENV])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "shanhai_nlp" / "spam-learned.npz"


@dataclass(slots=True)
class SpamModel:
    """Standardisation, the network's layers, the spam prior table and the settings."""

    mean: Floats
    scale: Floats
    hidden_w: Floats
    hidden_b: Floats
    out_w: Floats
    out_b: Floats
    #: the spam prior of every BMP character (see :func:`.training.spam_prior`)
    prior: Floats
    #: the share of clean characters kept in training (the output is corrected for it)
    negative_rate: float
    #: settings and provenance: the training config, families, features, context
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def context(self) -> tuple[int, ...]:
        return tuple(self.meta["context"])

    def probabilities(self, text: str) -> npt.NDArray[np.float32]:
        """The probability that each character of ``text`` was injected (see
        :meth:`probabilities_many`)."""
        return self.probabilities_many([text])[0]

    def probabilities_many(self, texts: Sequence[str]) -> list[npt.NDArray[np.float32]]:
        """The probability that each character was injected, for each of ``texts``. Each text
        is read as one page (its repeats and lines are features): give windows of a long text
        (:func:`~shanhai_nlp.spam.window.windows`), not a whole crawl. Texts are scored
        :data:`BATCH_CHARS` characters at a time."""
        out: list[npt.NDArray[np.float32]] = []
        for group in batched(texts, BATCH_CHARS, size=len):
            probs = self._score(group)
            bounds = np.cumsum([0, *map(len, group)])
            out.extend(probs[a:b] for a, b in itertools.pairwise(bounds))
        return out

    def _score(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """The network on the pages' rows, without building the rows with their neighbours'
        (:func:`~.features.page_rows`, which training reads): the hidden layer is the sum,
        over the context offsets, of each neighbour's features times that offset's slice of
        the weights, the standardisation folded into weights and bias. The pages are read
        joined, with zero rows between them (:func:`~.features.joined_features`), so a
        neighbour past a page's end adds nothing."""
        rows, pages = joined_features(texts, self.prior)
        n, width = rows.shape
        weights = self.hidden_w / self.scale[:, None]
        hidden = rows @ weights[:width] + (self.hidden_b - (self.mean / self.scale) @ self.hidden_w)
        part = np.empty_like(hidden)  # one neighbour's share, for every row
        for k, shift in enumerate(self.context, start=1):
            np.matmul(rows, weights[k * width : (k + 1) * width], out=part)
            target, source = shifted(n, shift)
            hidden[target] += part[source]
        np.maximum(hidden, 0, out=hidden)
        return self._output(hidden[pages >= 0])

    def reference_probabilities(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        """:meth:`_score` the plain way, on the rows with their neighbours' that training
        reads (the test oracle)."""
        rows = (page_rows(texts, self.prior, self.context) - self.mean) / self.scale
        return self._output(np.maximum(rows @ self.hidden_w + self.hidden_b, 0))

    def _output(self, hidden: npt.NDArray[np.floating[Any]]) -> npt.NDArray[np.float32]:
        """The output layer on the hidden layer's activations: a probability per row."""
        logit = (hidden @ self.out_w + self.out_b)[:, 0]
        # training kept only a share of the clean characters: correct the odds for it
        logit = logit + np.float32(np.log(self.negative_rate))
        probs: npt.NDArray[np.float32] = (1 / (1 + np.exp(-logit))).astype(np.float32)
        return probs

    def save(self, path: str | Path) -> Path:
        """Write the model as one ``.npz`` of arrays (atomically)."""
        buffer = io.BytesIO()
        meta = {**self.meta, "format": FORMAT, "negative_rate": self.negative_rate}
        arrays = {name: getattr(self, name) for name in _ARRAYS}
        np.savez_compressed(buffer, meta=np.array(json.dumps(meta)), **arrays)
        write_bytes_atomic(path, buffer.getvalue())
        return Path(path)

    @classmethod
    def load(cls, path: str | Path | None = None) -> SpamModel:
        """Read a saved model (:func:`default_model_path` by default); a missing, damaged or
        other-format file is one :class:`ModelFileError` saying how to rebuild it."""
        path = Path(path) if path is not None else default_model_path()
        if not path.is_file():
            raise ModelFileError(path, "no learned spam model here")
        try:
            with np.load(path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                arrays = {name: np.asarray(data[name], dtype=np.float32) for name in _ARRAYS}
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
            raise ModelFileError(path, f"not a readable model ({type(exc).__name__})") from None
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            found = meta.get("format") if isinstance(meta, dict) else None
            raise ModelFileError(path, f"model format {found!r}, this version reads {FORMAT!r}")
        if meta.get("features") != list(FEATURES):
            raise ModelFileError(path, "the model was trained on other features")
        width = len(FEATURES) * (1 + len(meta["context"]))
        if arrays["hidden_w"].shape[0] != width or arrays["mean"].shape != (width,):
            raise ModelFileError(path, "the model's arrays do not fit its features")
        return cls(**arrays, negative_rate=float(meta["negative_rate"]), meta=meta)
