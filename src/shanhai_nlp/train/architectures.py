"""Model architectures the training configs name, registered with spaCy.

``shanhai_nlp.TextCatCharBOW.v1`` is spaCy's bag-of-words text classifier
(``spacy.TextCatBOW.v3``) over character 1- to n-grams of a doc's Simplified text instead of
its words: the features of the TF-IDF baseline, learnt by spaCy. The tokenizer sets ``NORM`` to
a word's Simplified form, so a Traditional training paragraph and a Simplified one to classify
share their features (產業 and 产业 are the same bigram), and segmentation does not matter.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from typing import Any

from spacy.ml.models.textcat import build_bow_text_classifier_v3
from spacy.strings import hash_string  # type: ignore[attr-defined]
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Model
from thinc.types import Floats2d

from shanhai_nlp.errors import UnknownNameError

WEIGHTINGS = ("count", "sublinear_l2")


def char_ngrams(
    ngram_size: int, weighting: str = "count"
) -> Model[list[Doc], tuple[Any, Any, Any]]:
    """Hashed character 1- to ``ngram_size``-grams of each doc's Simplified text (its tokens'
    ``NORM`` joined), as the (keys, values, lengths) ``SparseLinear`` reads.

    ``weighting="count"`` gives each n-gram its count; ``"sublinear_l2"`` gives it
    ``1 + log(count)``, scaled so each doc's values have unit length (the TF-IDF baseline's
    term weighting without the idf), so a long paragraph does not outvote a short one."""
    if weighting not in WEIGHTINGS:
        raise UnknownNameError("n-gram weighting", weighting, WEIGHTINGS)
    return Model(
        "char_ngrams",
        _char_ngrams_forward,
        attrs={"ngram_size": ngram_size, "weighting": weighting},
    )


def _char_ngrams_forward(
    model: Model[list[Doc], tuple[Any, Any, Any]], docs: list[Doc], is_train: bool
) -> tuple[tuple[Any, Any, Any], Callable[[Any], list[Doc]]]:
    size = model.attrs["ngram_size"]
    keys: list[int] = []
    values: list[float] = []
    lengths: list[int] = []
    for doc in docs:
        text = "".join(token.norm_ + token.whitespace_ for token in doc)
        counts = Counter(
            text[i : i + n] for n in range(1, size + 1) for i in range(len(text) - n + 1)
        )
        keys.extend(hash_string(gram) for gram in counts)
        if model.attrs["weighting"] == "count":
            values.extend(counts.values())
        else:
            weights = [1.0 + math.log(c) for c in counts.values()]
            norm = math.sqrt(sum(w * w for w in weights)) or 1.0
            values.extend(w / norm for w in weights)
        lengths.append(len(counts))
    ops = model.ops
    batch = (ops.asarray1i(keys, dtype="uint64"), ops.asarray1f(values), ops.asarray1i(lengths))
    return batch, lambda d_batch: []


def bow_on_char_ngrams(
    exclusive_classes: bool,
    ngram_size: int,
    length: int = 262144,
    nO: int | None = None,
    weighting: str = "count",
) -> Model[list[Doc], Floats2d]:
    """``spacy.TextCatBOW.v3`` (with its output layer) whose word n-gram extractor is replaced
    by :func:`char_ngrams` (with its ``weighting``); everything else, resizing and
    serialisation included, is spaCy's."""
    model = build_bow_text_classifier_v3(
        exclusive_classes=exclusive_classes,
        ngram_size=1,
        no_output_layer=False,
        length=length,
        nO=nO,
    )
    chains = [
        node for node in model.walk() if node.layers[:1] and node.layers[0].name == "extract_ngrams"
    ]
    assert len(chains) == 1, "spaCy's bag-of-words model changed shape"
    chains[0].layers[0] = char_ngrams(ngram_size, weighting)
    return model


registry.architectures.register("shanhai_nlp.TextCatCharBOW.v1", func=bow_on_char_ngrams)
