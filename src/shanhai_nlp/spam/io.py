"""Detection over files: the ``shanhai spam detect`` output format, one JSON object per file."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from shanhai_nlp.document.io import read_text
from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.document.schema import LAYERS
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.spam.base import Detector

_DETECT = LAYERS["spam"]


@dataclass(frozen=True, slots=True)
class FileResult:
    """Spans found in one file, or the error that stopped it."""

    path: str
    spans: tuple[SpamSpan, ...] = ()
    error: str | None = None


def detect_files(paths: Iterable[str | Path], detector: Detector) -> Iterator[FileResult]:
    """Detect spam file by file; a file that cannot be read yields an error, not an exception.

    Offsets are code points into the file read as UTF-8 (a leading BOM is dropped and not
    counted; ``\\r\\n`` stays two code points).
    """
    for path in paths:
        try:
            text = read_text(path)
        except ShanhaiError as exc:
            yield FileResult(str(path), error=str(exc))
            continue
        yield FileResult(str(path), tuple(detector(text)))


def write_json_line(result: FileResult, out: TextIO) -> None:
    """Write ``{"path": ..., "spans": [...]}`` and a line break, piece by piece (a file with
    a million spans is never one string); each span has the schema's ``detect`` fields."""
    out.write('{"path": ' + json.dumps(result.path, ensure_ascii=False) + ', "spans": [')
    for i, s in enumerate(result.spans):
        item = _DETECT.to_dict(s, "detect")
        item["score"] = round(item["score"], 4)
        out.write((", " if i else "") + json.dumps(item, ensure_ascii=False))
    out.write("]}\n")
