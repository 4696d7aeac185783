"""shanhai_nlp: spam-polluted scraped Chinese news to a clean, gold-annotated corpus."""

from typing import Any

from shanhai_nlp.corpus import Corpus, corpus_stats
from shanhai_nlp.document import (
    Block,
    Document,
    Edit,
    Entity,
    Figure,
    OffsetMap,
    SpamSpan,
    Span,
    validate_document,
)

__version__ = "0.1.0"


def load_dataset(
    config: str = "paragraphs", *, path: str | None = None, root: str | None = None
) -> Any:
    """A ``datasets.DatasetDict`` of one export config (exporting first when missing)."""
    from shanhai_nlp.dataset.load import load_dataset as _load

    return _load(config, path=path, root=root)


def load_corpus(root: str | None = None) -> list[Document]:
    """All documents of the project corpus (``root`` defaults to the nearest ``corpus/``)."""
    return Corpus.find(root).documents()


__all__ = [
    "Block",
    "Corpus",
    "Document",
    "Edit",
    "Entity",
    "Figure",
    "OffsetMap",
    "SpamSpan",
    "Span",
    "__version__",
    "corpus_stats",
    "load_corpus",
    "load_dataset",
    "validate_document",
]
