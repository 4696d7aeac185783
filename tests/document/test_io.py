"""Reading texts and annotation JSON: verbatim offsets and one clear error per bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shanhai_nlp.document.io import (
    document_from_json,
    document_to_json,
    read_json,
    read_text,
    write_json_atomic,
)
from shanhai_nlp.document.model import Document, Entity, SpamSpan
from shanhai_nlp.errors import AnnotationFormatError, InputFileError


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("幫扶\n".encode(), "幫扶\n"),
        ("\ufeff帮扶\r\n".encode(), "帮扶\r\n"),  # BOM dropped, CRLF kept as two code points
        (b"", ""),
    ],
)
def test_io_read_text_verbatim(tmp_path: Path, data: bytes, text: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert read_text(path) == text


def test_io_read_text_invalid_utf8_names_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes("幫扶".encode() + b"\xff rest")
    with pytest.raises(InputFileError, match=r"bad.txt: invalid UTF-8 at byte offset 6"):
        read_text(path)


def test_io_read_text_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"nope\.txt: no such file"):
        read_text(tmp_path / "nope.txt")


def test_io_read_json_malformed_names_line(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"spam": [\n  {"start": 1,, }\n]}', encoding="utf-8")
    with pytest.raises(AnnotationFormatError, match=r"a.json: line 2 column \d+: malformed JSON"):
        read_json(path)


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        (
            {"entities": [{"start": "0", "end": 2, "text": "畢節", "label": "GPE"}]},
            r"entities\[0\]\.start: expected an integer, got str",
        ),
        (
            {"entities": [{"start": 0, "end": 2, "text": "畢節"}]},
            r"entities\[0\]: missing field 'label'",
        ),
        (
            {"entities": [{"start": 0, "end": 2, "text": "畢節", "lable": "GPE"}]},
            r"entities\[0\]: unknown field 'lable'",
        ),
        (
            {
                "figures": [
                    {
                        "start": 0,
                        "end": 2,
                        "text": "畢節",
                        "value": "many",
                        "unit": "",
                        "qualifier": "exact",
                    }
                ]
            },
            r"figures\[0\]\.value: expected a number",
        ),
        ({"spam": {"start": 0}}, r"spam: expected a list, got dict"),
        (
            {"spam": [{"start": 0, "end": 2, "text": "畢節", "replaced": True}]},
            r"spam\[0\]\.repair: replaced is true but repair is null",
        ),
        (
            {"spam": [{"start": 0, "end": 2, "text": "畢節", "replaced": False, "repair": "人"}]},
            r"spam\[0\]\.repair: repair given but replaced is false",
        ),
        ({"colour": []}, r"unknown field 'colour'"),
        (
            {"entities": [{"start": 0, "end": 2, "text": "畢節", "label": "GPE", "status": "ok"}]},
            r'entities\[0\]\.status: expected "gold" or "draft", got str',
        ),
    ],
)
def test_io_wrong_fields_are_named(patch: dict[str, object], message: str) -> None:
    data = {"document_id": "d", "raw_sha256": "", **patch}
    with pytest.raises(AnnotationFormatError, match=message):
        document_from_json(data, "畢節", path="ann.json")


def test_io_gold_round_trip(corpus, seed) -> None:
    """Writing the model back gives the gold file's content exactly."""
    on_disk = read_json(corpus.annotation_path(seed.id))
    assert document_to_json(seed) == on_disk


def test_io_write_json_atomic_keeps_old_file_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    write_json_atomic(path, {"ok": 1})
    with pytest.raises(TypeError):
        write_json_atomic(path, {"bad": object()})
    assert json.loads(path.read_text(encoding="utf-8")) == {"ok": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_io_atomic_writes_follow_the_umask(tmp_path: Path) -> None:
    import os

    old = os.umask(0o027)
    try:
        write_json_atomic(tmp_path / "a.json", {"ok": 1})
    finally:
        os.umask(old)
    assert (tmp_path / "a.json").stat().st_mode & 0o777 == 0o640


def test_io_drafts_round_trip_and_gold_stays_terse() -> None:
    """A draft keeps its status, source and score through the file; gold spans write none of
    the three (the gold file is unchanged by their existence)."""
    raw = "畢節市幫包養網扶"
    doc = Document(
        "d",
        raw,
        spam=(
            SpamSpan(start=4, end=7, text="包養網", status="draft", detector="auto.x", score=0.8),
        ),
        entities=(
            Entity(start=0, end=3, text="畢節市", label="GPE", status="draft", source="lac"),
            Entity(start=0, end=2, text="畢節", label="GPE"),
        ),
    )
    data = document_to_json(doc)
    assert data["spam"][0] == {
        "start": 4,
        "end": 7,
        "text": "包養網",
        "replaced": False,
        "repair": None,
        "score": 0.8,
        "detector": "auto.x",
        "status": "draft",
    }
    assert data["entities"] == [
        {
            "start": 0,
            "end": 3,
            "text": "畢節市",
            "label": "GPE",
            "source": "lac",
            "status": "draft",
        },
        {"start": 0, "end": 2, "text": "畢節", "label": "GPE"},
    ]
    back, _ = document_from_json(data, raw)
    assert back == doc
    assert back.drafts() == {"spam": 1, "blocks": 0, "entities": 1, "figures": 0}
    assert back.reviewed().entities == (doc.entities[1],) and back.reviewed().spam == ()
