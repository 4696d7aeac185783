"""A spaCy tokenizer that segments Traditional (or Simplified) Chinese with pkuseg.

The only pretrained pkuseg model on a package registry was trained on Simplified text and
segments Traditional text badly (雲南省|鎮雄|縣位). This tokenizer segments a length-preserving
Simplified view (:func:`~shanhai_nlp.text.views.simplified_view`) and cuts the original text at
the same offsets, so ``doc.text`` equals the input and token offsets are exact; each token's
``norm_`` is its Simplified form, so models that read NORM see both scripts alike. It extends
spaCy's own ``ChineseTokenizer`` and keeps its serialisation: ``nlp.to_disk`` stores the pkuseg
model in the pipeline, which then loads offline.

Configs refer to it as ``@tokenizers = "shanhai_nlp.TraditionalPkusegTokenizer.v1"``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import spacy_pkuseg
import srsly
from spacy import util
from spacy.lang.zh import ChineseTokenizer, Segmenter, _get_pkuseg_trie_data
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces, registry
from spacy.vocab import Vocab

from shanhai_nlp.text.pkuseg_model import locate_model
from shanhai_nlp.text.script import simplify_chars
from shanhai_nlp.text.segmenter import PkusegSegmenter, from_spacy_pkuseg, is_saved_model
from shanhai_nlp.text.views import simplified_view

TOKENIZER_NAME = "shanhai_nlp.TraditionalPkusegTokenizer.v1"

#: pkuseg segmenters loaded in this process, by (model folder, user dictionary)
_LOADED: dict[tuple[str, str | None], Any] = {}


class TraditionalPkusegTokenizer(ChineseTokenizer):
    """pkuseg through a Simplified view; tokens cut from the original text."""

    def __init__(self, vocab: Vocab, *, model_dir: str | None = None) -> None:
        super().__init__(vocab, segmenter=Segmenter.pkuseg)
        self.model_dir = model_dir

    def initialize(
        self,
        get_examples: Callable[[], Iterable[Any]] | None = None,
        *,
        nlp: Language | None = None,
        pkuseg_model: str | None = None,
        pkuseg_user_dict: str | None = "default",
        user_words: list[str] | None = None,
    ) -> None:
        """Load the cached pkuseg model (never downloads); add ``user_words`` (either script).

        ``pkuseg_user_dict`` is ``"default"`` (pkuseg's own post-processing dictionary only) or
        a file of user words, one a line, as in spaCy. A loaded model is shared within the
        process (training runs many pipelines); adding words gives this tokenizer its own user
        dictionary.
        """
        model = pkuseg_model or str(locate_model(self.model_dir))
        key = (model, pkuseg_user_dict)
        if key not in _LOADED:
            segmenter = PkusegSegmenter.load(model)
            if pkuseg_user_dict not in (None, "default"):
                segmenter.preprocesser = spacy_pkuseg.Preprocesser(pkuseg_user_dict)
            _LOADED[key] = segmenter
        self._use(_LOADED[key])
        self.add_words(user_words or [])

    def add_words(self, words: Iterable[str]) -> None:
        """Add words to the user dictionary (converted to the Simplified view's script)."""
        simplified = [simplify_chars(w) for w in words if w.strip()]
        if simplified:
            own: Any = copy.copy(self.pkuseg_seg)  # keep the shared segmenter's dictionary as is
            own.preprocesser = copy.deepcopy(own.preprocesser)
            self.pkuseg_seg = own
            self.pkuseg_update_user_dict(simplified)

    def __call__(self, text: str) -> Doc:
        if self.pkuseg_seg is None:
            self.initialize()
        segmenter: Any = self.pkuseg_seg
        view = simplified_view(text)
        words, spaces = get_words_and_spaces(segmenter.cut(view), view)
        originals = []
        pos = 0
        for word, space in zip(words, spaces, strict=True):
            pos = view.index(word, pos)
            originals.append(text[pos : pos + len(word)])
            pos += len(word) + int(space)
        doc = Doc(self.vocab, words=originals, spaces=spaces)
        for token, simplified in zip(doc, words, strict=True):
            token.norm_ = simplified  # script-independent features read NORM
        return doc

    def _get_config(self) -> dict[str, Any]:
        return {**super()._get_config(), "model_dir": self.model_dir}

    def _set_config(self, config: dict[str, Any] = {}) -> None:  # noqa: B006 (spaCy's signature)
        self.model_dir = config.get("model_dir")

    # Serialisation keeps spaCy's layout (cfg, pkuseg_model/, pkuseg_processors) and writes the
    # model in the segmenter's memory-mapped format instead of spacy-pkuseg's msgpack.

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        serializers = {
            "cfg": lambda p: srsly.write_json(p, self._get_config()),
            "pkuseg_model": lambda p: self._segmenter().save(p),
            "pkuseg_processors": lambda p: srsly.write_msgpack(p, self._processors()),
        }
        util.to_disk(path, serializers, [])

    def from_disk(self, path: str | Path, **kwargs: Any) -> TraditionalPkusegTokenizer:
        path = Path(path)
        if not is_saved_model(path / "pkuseg_model"):  # saved in spacy-pkuseg's format: convert
            super().from_disk(path, **kwargs)  # type: ignore[no-untyped-call]
            if self.pkuseg_seg is not None:
                self._use(from_spacy_pkuseg(self.pkuseg_seg))
            return self
        deserializers = {
            "cfg": lambda p: self._set_config(srsly.read_json(p)),
            "pkuseg_model": lambda p: self._use(PkusegSegmenter.load(p)),
            "pkuseg_processors": lambda p: self._set_processors(srsly.read_msgpack(p)),
        }
        util.from_disk(path, deserializers, [])
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        serializers = {
            "cfg": lambda: srsly.json_dumps(self._get_config()),
            "pkuseg_model": lambda: srsly.msgpack_dumps(self._segmenter().to_bytes()),
            "pkuseg_processors": lambda: srsly.msgpack_dumps(self._processors()),
        }
        return util.to_bytes(serializers, [])

    def from_bytes(self, data: bytes, **kwargs: Any) -> TraditionalPkusegTokenizer:
        deserializers = {
            "cfg": lambda b: self._set_config(srsly.json_loads(b)),
            "pkuseg_model": lambda b: self._use(PkusegSegmenter.from_bytes(srsly.msgpack_loads(b))),
            "pkuseg_processors": lambda b: self._set_processors(srsly.msgpack_loads(b)),
        }
        util.from_bytes(data, deserializers, [])
        return self

    def _use(self, segmenter: PkusegSegmenter) -> None:
        self.pkuseg_seg = segmenter  # type: ignore[assignment]  # spaCy declares it None

    def _segmenter(self) -> PkusegSegmenter:
        if self.pkuseg_seg is None:
            self.initialize()
        if not isinstance(self.pkuseg_seg, PkusegSegmenter):
            raise TypeError(f"{TOKENIZER_NAME} holds a {type(self.pkuseg_seg).__name__}")
        return self.pkuseg_seg

    def _processors(self) -> tuple[Any, ...]:
        """The user dictionary and post-processor words, as spaCy stores them."""
        segmenter = self._segmenter()
        return (
            _get_pkuseg_trie_data(segmenter.preprocesser.trie),  # type: ignore[no-untyped-call]
            segmenter.postprocesser.do_process,
            sorted(segmenter.postprocesser.common_words),
            sorted(segmenter.postprocesser.other_words),
        )

    def _set_processors(self, data: Sequence[Any]) -> None:
        user_dict, do_process, common_words, other_words = data
        segmenter = self._segmenter()
        segmenter.preprocesser = spacy_pkuseg.Preprocesser(user_dict)
        segmenter.postprocesser.do_process = do_process
        segmenter.postprocesser.common_words = set(common_words)
        segmenter.postprocesser.other_words = set(other_words)


def script_independent_lexemes(vocab: Vocab) -> None:
    """Make the PREFIX and SUFFIX lexeme features read the Simplified form of a word, as NORM
    does (the tokenizer sets it), so that models see Traditional and Simplified text alike."""
    from spacy.attrs import PREFIX, SUFFIX

    getters: dict[int, Callable[[str], str]] = vocab.lex_attr_getters  # type: ignore[attr-defined]
    getters[PREFIX] = lambda string: simplify_chars(string[:1])
    getters[SUFFIX] = lambda string: simplify_chars(string[-3:])


def create_tokenizer(
    model_dir: str | None = None,
) -> Callable[[Language], TraditionalPkusegTokenizer]:
    """Factory for configs; ``model_dir`` defaults to the cached model (see ``shanhai model``)."""

    def make(nlp: Language) -> TraditionalPkusegTokenizer:
        script_independent_lexemes(nlp.vocab)
        return TraditionalPkusegTokenizer(nlp.vocab, model_dir=model_dir)

    return make


def blank_pipeline(*, model_dir: str | None = None) -> Language:
    """A blank Chinese pipeline with this tokenizer, initialised from the cached model.

    Example:
        >>> nlp = blank_pipeline()
        >>> [t.text for t in nlp("雲南省鎮雄縣位於烏蒙山區")]
        ['雲南省', '鎮雄縣', '位於', '烏蒙山區']
    """
    import spacy

    tokenizer_cfg: dict[str, Any] = {"@tokenizers": TOKENIZER_NAME, "model_dir": model_dir}
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": tokenizer_cfg}})
    pipeline_tokenizer(nlp).initialize()
    return nlp


def pipeline_tokenizer(nlp: Language) -> TraditionalPkusegTokenizer:
    """The pipeline's tokenizer, checked to be this one."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, TraditionalPkusegTokenizer):
        raise TypeError(
            f"the pipeline's tokenizer is {type(tokenizer).__name__}, not {TOKENIZER_NAME}"
        )
    return tokenizer


registry.tokenizers.register(TOKENIZER_NAME, func=create_tokenizer)
