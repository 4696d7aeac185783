"""doccano round trip."""

from __future__ import annotations

import json

import pytest

from shanhai_nlp.document import Document
from shanhai_nlp.document.io import document_to_json
from shanhai_nlp.errors import AnnotationFormatError
from shanhai_nlp.view.doccano import from_line, to_line


def test_doccano_round_trip_of_the_article(seed: Document) -> None:
    assert document_to_json(from_line(to_line(seed))) == document_to_json(seed)


def test_doccano_edits_in_doccano_come_back(seed: Document) -> None:
    obj = json.loads(to_line(seed))
    obj["label"] = [span for span in obj["label"] if span[2] != "SPAM"]
    assert from_line(json.dumps(obj, ensure_ascii=False)).spam == ()


def test_doccano_unknown_label() -> None:
    with pytest.raises(AnnotationFormatError, match="'CITY'"):
        from_line(json.dumps({"text": "畢節", "label": [[0, 2, "CITY"]]}))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"label": [["1", 4, "SPAM"]]}, r"label\.0\.0"),  # a start given as a string
        ({"label": [[1.5, 4, "SPAM"]]}, r"label\.0\.0"),  # ... or a float
        ({"label": [[1, 4]]}, r"label\.0"),  # a two-item label
        ({"label": [7]}, r"label\.0"),
        ({"label": [{"start": 1}]}, r"label\.0"),
        ({"text": 3}, r"text"),
        ({"attributes": ["x"]}, r"attributes"),
        ({"attributes": "x"}, r"attributes"),
    ],
)
def test_doccano_lines_of_the_wrong_shape_are_one_error(seed: Document, change, message) -> None:
    obj = json.loads(to_line(seed))
    obj.update(change)
    with pytest.raises(AnnotationFormatError, match=message) as caught:
        from_line(json.dumps(obj, ensure_ascii=False), where="d.jsonl: line 1")
    assert str(caught.value).startswith("d.jsonl: line 1: ")
