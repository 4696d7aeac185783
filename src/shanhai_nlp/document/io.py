"""Read raw texts and annotation JSON, and write annotations back.

Raw text is decoded as strict UTF-8; a leading BOM is dropped and not counted. Annotation files
are parsed field by field so that a wrong field is reported with its file and JSON path.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from shanhai_nlp.document.model import (
    STATUSES,
    Block,
    Document,
    Entity,
    Figure,
    SpamSpan,
    Span,
)
from shanhai_nlp.document.schema import LAYERS, Field, Layer, layer_of
from shanhai_nlp.errors import AnnotationFormatError, InputFileError, ShanhaiError

BOM = "\ufeff"

_S = TypeVar("_S", bound=Span)


def read_bytes(path: str | Path) -> bytes:
    """Read a file, turning OS errors into :class:`InputFileError`."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputFileError(path, "no such file") from None
    except IsADirectoryError:
        raise InputFileError(path, "is a directory, expected a file") from None
    except OSError as exc:
        raise InputFileError(path, f"cannot read: {exc.strerror}") from None


def decode_text(data: bytes, path: str | Path = "<bytes>") -> str:
    """Decode strict UTF-8 and drop a leading BOM; errors name the byte offset."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputFileError(
            path, f"invalid UTF-8 at byte offset {exc.start} ({exc.reason})"
        ) from None
    return text[1:] if text.startswith(BOM) else text


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file verbatim (``\\r\\n`` stays two code points).

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
        >>> _ = p.write_bytes("\\ufeff幫扶\\r\\n".encode())
        >>> read_text(p)
        '幫扶\\r\\n'
    """
    return decode_text(read_bytes(path), path)


def sha256_text(text: str) -> str:
    """sha256 of the UTF-8 encoding of ``text``."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256_file(path: str | Path) -> str:
    """sha256 of a file's bytes, read a megabyte at a time."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def read_json(path: str | Path) -> Any:
    """Parse a JSON file; malformed JSON names the line and column."""
    text = read_text(path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise AnnotationFormatError(
            path, f"line {exc.lineno} column {exc.colno}", f"malformed JSON: {exc.msg}"
        ) from None


def read_jsonl_texts(path: str | Path, *, field: str = "text") -> list[str]:
    r"""The ``field`` of every object of a JSONL file (blank lines skipped). Lines are split at
    ``\n`` only: U+2028 and U+0085 may stand inside a JSON string.

    Example:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.jsonl"
        >>> _ = p.write_text('{"text": "幫扶\u2028群眾"}\n\n{"text": "b"}\n', encoding="utf-8")
        >>> read_jsonl_texts(p)
        ['幫扶\u2028群眾', 'b']
    """
    texts = []
    for lineno, line in enumerate(read_text(path).split("\n"), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise AnnotationFormatError(
                path, f"line {lineno}", f"malformed JSON: {exc.msg}"
            ) from None
        if not isinstance(obj, dict) or field not in obj:
            raise AnnotationFormatError(
                path, f"line {lineno}", f'expected a JSON object with a "{field}" field'
            )
        if not isinstance(obj[field], str):
            raise AnnotationFormatError(path, f"line {lineno}", f'"{field}" must be a string')
        texts.append(obj[field])
    return texts


def umask() -> int:
    """The user's umask (read by setting it and setting it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file and rename: never half-written, with the
    mode the user's umask gives a new file. Its folder is made when missing; a write that fails
    (a folder in the way, a full disk) is one :class:`~shanhai_nlp.errors.ShanhaiError` and
    leaves any old file as it was."""
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """:func:`write_text_atomic` for bytes."""
    target = Path(path)
    if target.is_dir():
        raise ShanhaiError(f"cannot write {target}: it is a folder")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise ShanhaiError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~umask())  # mkstemp makes it 0600: the user's umask decides
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ShanhaiError(f"cannot write {target}: {exc.strerror or exc}") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def file_lock(path: Path, *, busy: str, remove: bool = False) -> Iterator[None]:
    """Hold a lock on ``path`` (created when missing) for the block, or raise a
    :class:`~shanhai_nlp.errors.ShanhaiError` saying ``busy`` when another process holds it.
    It is a POSIX record lock: released when the process ends, however it ends, and not held
    by the processes it forks. With ``remove``, the lock file is deleted when the block ends
    (a run that starts in that instant may then not be refused)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a")
    except OSError as exc:
        raise ShanhaiError(f"cannot write in {path.parent}: {exc.strerror or exc}") from None
    with handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise ShanhaiError(busy) from None
        try:
            yield
        finally:
            if remove:
                path.unlink(missing_ok=True)
            fcntl.lockf(handle, fcntl.LOCK_UN)


def write_json_atomic(path: str | Path, data: Any) -> None:
    """Write JSON to ``path`` atomically (see :func:`write_text_atomic`)."""
    write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


class _Fields:
    """Typed access to one JSON object, with errors that name the file and path."""

    def __init__(self, obj: Any, path: str | Path, where: str, allowed: set[str]) -> None:
        if not isinstance(obj, Mapping):
            raise AnnotationFormatError(path, where, f"expected an object, got {_kind(obj)}")
        unknown = sorted(set(obj) - allowed)
        if unknown:
            raise AnnotationFormatError(
                path, where, f"unknown field {unknown[0]!r} (allowed: {', '.join(sorted(allowed))})"
            )
        self.obj, self.path, self.where = obj, path, where

    def get(self, key: str, check: Callable[[Any], bool], kind: str, *, default: Any = ...) -> Any:
        if key not in self.obj:
            if default is ...:
                raise AnnotationFormatError(self.path, self.where, f"missing field {key!r}")
            return default
        value = self.obj[key]
        if not check(value):
            raise AnnotationFormatError(
                self.path, f"{self.where}.{key}", f"expected {kind}, got {_kind(value)} {value!r}"
            )
        return value


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return _is_int(v) or (isinstance(v, float) and math.isfinite(v))


def _is_str(v: Any) -> bool:
    return isinstance(v, str)


def _is_opt_str(v: Any) -> bool:
    return v is None or isinstance(v, str)


def _is_opt_number(v: Any) -> bool:
    return v is None or _is_number(v)


def _is_str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


#: how each kind of field is checked, and what the error calls it
_CHECKS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "int": (_is_int, "an integer"),
    "float": (_is_number, "a number"),
    "bool": (lambda v: isinstance(v, bool), "true or false"),
    "str": (_is_str, "a string"),
    "str?": (_is_opt_str, "a string or null"),
    "float?": (_is_opt_number, "a number or null"),
    "str[]": (_is_str_list, "a list of strings"),
    "status": (lambda v: v in STATUSES, " or ".join(f'"{s}"' for s in STATUSES)),
}


def _value(field: Field, value: Any) -> Any:
    """A checked JSON value as the span type holds it."""
    if value is None:
        return None
    if field.kind in ("float", "float?"):
        return float(value)
    return tuple(value) if field.kind == "str[]" else value


def _parse_span(layer: Layer, f: _Fields) -> Span:
    values: dict[str, Any] = {}
    for field in layer.fields:
        check, kind = _CHECKS[field.kind]
        default = None if field.derived else field.default
        values[field.name] = _value(field, f.get(field.name, check, kind, default=default))
    if layer.name == "spam":
        _check_replaced(values.pop("replaced"), values["repair"], f)
    return layer.span_type(**values)


def _check_replaced(replaced: bool | None, repair: str | None, f: _Fields) -> None:
    """``replaced``, which the format carries for readers, must agree with ``repair``."""
    if replaced is True and repair is None:
        raise AnnotationFormatError(
            f.path, f"{f.where}.repair", "replaced is true but repair is null"
        )
    if replaced is False and repair is not None:
        raise AnnotationFormatError(
            f.path, f"{f.where}.repair", "repair given but replaced is false"
        )


def parse_layer(items: Any, layer: str, *, path: str | Path = "<annotations>") -> list[Span]:
    """Parse one layer's list of span objects."""
    if not isinstance(items, list):
        raise AnnotationFormatError(path, layer, f"expected a list, got {_kind(items)}")
    schema = LAYERS[layer]
    allowed = {f.name for f in schema.fields}
    return [
        _parse_span(schema, _Fields(item, path, f"{layer}[{i}]", allowed))
        for i, item in enumerate(items)
    ]


def _typed(spans: list[Span], cls: type[_S]) -> tuple[_S, ...]:
    return tuple(s for s in spans if isinstance(s, cls))


def document_from_json(
    data: Any,
    raw_text: str,
    *,
    path: str | Path = "<annotations>",
    meta: dict[str, Any] | None = None,
) -> tuple[Document, str]:
    """Build a :class:`Document` from an annotation object; also return its ``raw_sha256``."""
    top = _Fields(data, path, "", {"document_id", "raw_sha256", *LAYERS})
    doc_id = top.get("document_id", _is_str, "a string")
    raw_sha = top.get("raw_sha256", _is_str, "a string")
    layers = {
        name: parse_layer(top.get(name, lambda v: True, "", default=[]), name, path=path)
        for name in LAYERS
    }
    doc = Document(
        doc_id,
        raw_text,
        spam=_typed(layers["spam"], SpamSpan),
        blocks=_typed(layers["blocks"], Block),
        entities=_typed(layers["entities"], Entity),
        figures=_typed(layers["figures"], Figure),
        meta=dict(meta or {}),
    )
    return doc, raw_sha


def span_to_json(span: Span) -> dict[str, Any]:
    """One span as the annotation format writes it."""
    return layer_of(span).to_dict(span, "annotation")


def span_to_export(span: Span) -> dict[str, Any]:
    """One span as the dataset export stores it."""
    return layer_of(span).to_dict(span, "export")


def document_to_json(doc: Document) -> dict[str, Any]:
    """The annotation object of ``doc`` (inverse of :func:`document_from_json`)."""
    return {
        "document_id": doc.id,
        "raw_sha256": sha256_text(doc.raw_text),
        "spam": [span_to_json(s) for s in doc.spam],
        "blocks": [span_to_json(s) for s in doc.blocks],
        "entities": [span_to_json(s) for s in doc.entities],
        "figures": [span_to_json(s) for s in doc.figures],
    }
