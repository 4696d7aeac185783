"""``shanhai_spam``: the spam detectors as a spaCy pipeline component.

::

    import spacy
    nlp = spacy.blank("zh")
    nlp.add_pipe("shanhai_spam", config={"detector": "auto"})
    doc = nlp("幫包養網扶,脫貧群包養眾")
    [(s.text, s.label_) for s in doc.spans["spam"]]   # token-aligned spans, label: who found it
    doc.spans["spam"].attrs["scores"]                  # one score per span
    doc._.spam_spans                                   # the exact character spans, with repairs
    doc._.clean_text                                   # '幫扶,脫貧群眾'
    doc._.clean_view.span_to_raw(0, 2)                 # the offset map back to the raw text

The component runs a registered detector (``auto`` by default) on ``doc.text``. spaCy spans
must cover whole tokens, so ``doc.spans`` holds each span expanded to the tokens it touches; the
exact character spans, as the ``shanhai spam detect`` command prints them, are in
``doc._.spam_spans`` (plain lists, so they survive ``nlp.pipe(..., n_process=2)`` and
``DocBin``). The component holds no weights: ``nlp.to_disk`` saves its config, and
``spacy.load`` finds the factory through the ``spacy_factories`` entry point.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from shanhai_nlp.document.model import SpamSpan, View
from shanhai_nlp.spam.base import batched, detect_many, get_detector
from shanhai_nlp.spam.repair import infer_repairs, repair

#: the component's version (in its config: a saved pipeline says which behaviour it had)
VERSION = 1
#: the fields of each entry of ``doc._.spam_spans``
SPAN_FIELDS = ("start", "end", "text", "score", "detector", "repair")


def _spam_spans(doc: Doc) -> list[SpamSpan]:
    rows = doc.user_data.get("shanhai_spam", [])
    return [SpamSpan(**dict(zip(SPAN_FIELDS, row, strict=True))) for row in rows]


def _clean_view(doc: Doc) -> View:
    return repair(doc.text, _spam_spans(doc))


for _name, _getter in (
    ("spam_spans", _spam_spans),
    ("clean_view", _clean_view),
    ("clean_text", lambda doc: _clean_view(doc).text),
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, getter=_getter)


class SpamComponent:
    """Sets ``doc.spans[spans_key]`` and the ``spam_spans``, ``clean_text`` and ``clean_view``
    extensions from a registered detector."""

    def __init__(self, nlp: Language, name: str, *, detector: str, spans_key: str) -> None:
        self.name = name
        self.detector_name = detector
        self.spans_key = spans_key
        self.detector = get_detector(detector)

    def __call__(self, doc: Doc) -> Doc:
        return self._set(doc, self.detector(doc.text))

    def pipe(self, docs: Any, *, batch_size: int = 256) -> Any:
        """Many docs at a time, through the detector's own ``pipe`` when it has one."""
        for batch in batched(docs, batch_size):
            found = detect_many(self.detector, [d.text for d in batch])
            for doc, spans in zip(batch, found, strict=True):
                yield self._set(doc, spans)

    def _set(self, doc: Doc, spans: list[SpamSpan]) -> Doc:
        spans = infer_repairs(doc.text, spans)
        doc.user_data["shanhai_spam"] = [
            [s.start, s.end, s.text, s.score, s.detector, s.repair] for s in spans
        ]
        group, scores = [], []
        for s in spans:
            span = doc.char_span(s.start, s.end, label=s.detector, alignment_mode="expand")
            if span is not None:  # None only for a span of no token (whitespace)
                group.append(span)
                scores.append(s.score)
        doc.spans[self.spans_key] = group
        doc.spans[self.spans_key].attrs["scores"] = scores
        return doc


@Language.factory(
    "shanhai_spam",
    default_config={"detector": "auto", "spans_key": "spam", "version": VERSION},
)
def make_spam_component(
    nlp: Language, name: str, detector: str, spans_key: str, version: int
) -> SpamComponent:
    """The ``shanhai_spam`` factory: ``detector`` is a registered detector name (``auto``,
    ``contextual``, ``learned``, ``lexicon``, ``lexicon_all``) or ``pkg.module:function``."""
    if version != VERSION:
        from shanhai_nlp.errors import ShanhaiError

        raise ShanhaiError(
            f"shanhai_spam version {version} was saved by another shanhai_nlp; this one is "
            f"version {VERSION}"
        )
    return SpamComponent(nlp, name, detector=detector, spans_key=spans_key)
