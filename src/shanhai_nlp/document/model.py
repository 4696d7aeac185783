"""The document model: verbatim raw text plus standoff layers.

Every span stores ``start`` and ``end`` (Python code points into the raw text, end exclusive) and
its ``text``, so any reader can check ``raw[start:end] == text``. Derived views (clean text,
Simplified script) are computed on demand through an :class:`~.offsets.OffsetMap` and never stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from shanhai_nlp.document.offsets import Edit, OffsetMap
from shanhai_nlp.errors import UnknownNameError

#: a span a person made or reviewed
GOLD = "gold"
#: a machine pre-annotation nobody has reviewed yet (``shanhai annotate`` writes these)
DRAFT = "draft"
STATUSES = (GOLD, DRAFT)


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    """A stretch of the raw text. ``status`` says whether a person made or reviewed it
    (``gold``) or a machine proposed it (``draft``)."""

    start: int
    end: int
    text: str
    status: str = GOLD

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT

    def __len__(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True, kw_only=True)
class SpamSpan(Span):
    """Injected spam characters. ``repair`` is the original text a replacing token destroyed
    (None for a plain insertion); ``detector`` the detector or signal that found it, with its
    ``score`` (``gold`` and 1.0 for a person's span)."""

    repair: str | None = None
    score: float = 1.0
    detector: str = "gold"

    @property
    def replaced(self) -> bool:
        """Whether the token destroyed an original character (it has a repair)."""
        return self.repair is not None

    @property
    def replacement(self) -> str:
        """What the clean view puts in place of this span."""
        return self.repair or ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Block(Span):
    """A non-empty line of the page with its role, section and topics. A draft says what
    proposed it (``source``) and, when it has one, the confidence of its section (``score``)."""

    type: str
    section: str
    topics: tuple[str, ...] = ()
    source: str = ""
    score: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Entity(Span):
    """A named-entity mention with an OntoNotes label; a draft says what proposed it."""

    label: str
    source: str = ""
    score: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure(Span):
    """A numeric quantity: ``value`` in base units, the unit, a qualifier, what is measured."""

    value: float
    unit: str
    qualifier: str
    measure: str = ""
    low: float | None = None
    high: float | None = None
    source: str = ""
    score: float | None = None


@dataclass(frozen=True, slots=True)
class View:
    """A derived text and the map from it back to the raw text."""

    text: str
    offsets: OffsetMap

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_raw(start, end)

    def span_from_raw(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_view(start, end)

    def rebuild_raw(self) -> str:
        """The raw text, exactly (every view is lossless)."""
        return self.offsets.rebuild_raw(self.text)


def block_extents(raw: str) -> list[tuple[int, int, str]]:
    r"""(start, end, text) of every non-empty line of ``raw``, without its surrounding
    whitespace: where the blocks of a page lie. Lines end at ``\n`` only (a U+2028 or a form
    feed inside a line is text), the same for pre-annotation and validation.

    Example:
        >>> block_extents("標題\r\n\n  正文\u2028續\n")
        [(0, 2, '標題'), (7, 11, '正文\u2028續')]
    """
    out, pos = [], 0
    for line in raw.split("\n"):
        body = line.strip()
        if body:
            start = pos + line.index(body)
            out.append((start, start + len(body), body))
        pos += len(line) + 1
    return out


def spam_edits(spans: Iterable[SpamSpan]) -> list[Edit]:
    """The edits that remove ``spans`` (or put back their repair) from the raw text, in the
    order of ``spans`` (:meth:`OffsetMap.apply` sorts them)."""
    return [Edit(s.start, s.end, s.text, s.replacement) for s in spans]


def clean_view(raw: str, spam: Iterable[SpamSpan]) -> View:
    """The clean view of ``raw``: ``spam`` removed, repairs applied, with its offset map (the
    one place it is built: :meth:`Document.clean`, repair, figures and pre-annotation use it).

    Example:
        >>> token = SpamSpan(start=0, end=3, text="包養網", repair="人")
        >>> view = clean_view("包養網才培育", [token])
        >>> view.text, view.rebuild_raw()
        ('人才培育', '包養網才培育')
    """
    text, omap = OffsetMap.apply(raw, spam_edits(spam))
    return View(text, omap)


LAYER_NAMES = ("spam", "blocks", "entities", "figures")


@dataclass(frozen=True, slots=True)
class Document:
    """A raw text and its annotation layers.

    Example:
        >>> doc = Document("d1", "幫包養網扶", spam=(SpamSpan(start=1, end=4, text="包養網"),))
        >>> doc.clean().text
        '幫扶'
    """

    id: str
    raw_text: str
    spam: tuple[SpamSpan, ...] = ()
    blocks: tuple[Block, ...] = ()
    entities: tuple[Entity, ...] = ()
    figures: tuple[Figure, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def clean(self) -> View:
        """The clean view: spam removed, repairs applied, with its offset map."""
        return clean_view(self.raw_text, self.spam)

    def layer(self, name: str) -> tuple[Span, ...]:
        """One layer by name: ``spam``, ``blocks``, ``entities`` or ``figures``."""
        if name not in LAYER_NAMES:
            raise UnknownNameError("layer", name, list(LAYER_NAMES))
        spans: tuple[Span, ...] = getattr(self, name)
        return spans

    def drafts(self) -> dict[str, int]:
        """How many draft spans each layer holds."""
        return {name: sum(s.is_draft for s in self.layer(name)) for name in LAYER_NAMES}

    def reviewed(self) -> Document:
        """The document with its draft spans left out (what a person made or reviewed)."""
        return Document(
            self.id,
            self.raw_text,
            spam=tuple(s for s in self.spam if not s.is_draft),
            blocks=tuple(s for s in self.blocks if not s.is_draft),
            entities=tuple(s for s in self.entities if not s.is_draft),
            figures=tuple(s for s in self.figures if not s.is_draft),
            meta=self.meta,
        )

    def marked(self, status: str) -> Document:
        """The document with every span's ``status`` set (``GOLD`` once a person reviewed it)."""
        return Document(
            self.id,
            self.raw_text,
            spam=tuple(replace(s, status=status) for s in self.spam),
            blocks=tuple(replace(s, status=status) for s in self.blocks),
            entities=tuple(replace(s, status=status) for s in self.entities),
            figures=tuple(replace(s, status=status) for s in self.figures),
            meta=self.meta,
        )

    def spans_within(self, layer: str, outer: Span) -> list[Span]:
        """The spans of ``layer`` that lie inside ``outer`` (a block, say)."""
        return [s for s in self.layer(layer) if outer.start <= s.start and s.end <= outer.end]
