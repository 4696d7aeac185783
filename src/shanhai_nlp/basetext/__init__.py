"""A real base text beyond the seed article: Debian's Chinese documentation, both scripts.

The synthetic benchmark injects spam into it, and the false-positive battery runs every
detector on it untouched (:mod:`shanhai_nlp.spam.battery`).
"""

from shanhai_nlp.basetext.debian import (
    BaseParagraph,
    BaseTextMissingError,
    default_dir,
    install,
    is_installed,
    load_paragraphs,
    manifest,
)

__all__ = [
    "BaseParagraph",
    "BaseTextMissingError",
    "default_dir",
    "install",
    "is_installed",
    "load_paragraphs",
    "manifest",
]
