"""Exception types. Every message says what was wrong and where, in one line."""

from __future__ import annotations

from pathlib import Path


class ShanhaiError(Exception):
    """Base class for errors a user can cause; the CLI prints them as one line."""


class InputFileError(ShanhaiError):
    """A file could not be read: missing, unreadable, or not valid UTF-8."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class AnnotationFormatError(ShanhaiError):
    """An annotation or metadata file is not valid JSON or has a wrong field."""

    def __init__(self, path: str | Path, where: str, reason: str) -> None:
        self.path = str(path)
        self.where = where
        self.reason = reason
        location = f"{self.path}: {where}" if where else self.path
        super().__init__(f"{location}: {reason}")


class DocumentNotFoundError(ShanhaiError):
    """A document id that is not in the corpus."""

    def __init__(self, doc_id: str, known: list[str]) -> None:
        shown = ", ".join(known[:5]) + (" …" if len(known) > 5 else "")
        super().__init__(f"no document {doc_id!r} in the corpus (known: {shown or 'none'})")


class ValidationError(ShanhaiError):
    """Annotations that break one or more validation rules."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        first = problems[0] if problems else "unknown problem"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more)


class UnknownNameError(ShanhaiError, KeyError):
    """A name (a layer, an export config, a part of a fold) that is not one of the known ones."""

    def __init__(self, what: str, name: str, known: list[str] | tuple[str, ...]) -> None:
        self.message = f"unknown {what} {name!r}; choose one of {', '.join(known)}"
        super().__init__(self.message)

    def __str__(self) -> str:  # a KeyError would quote the message
        return self.message


class SpanError(ShanhaiError):
    """Spans given to an offset operation overlap or fall outside the text."""
