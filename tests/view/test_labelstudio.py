"""Label Studio round trip: identical annotations, UTF-16 offsets right."""

from __future__ import annotations

import json
from typing import Any

import pytest

from shanhai_nlp.document import Document, SpamSpan
from shanhai_nlp.document.io import document_to_json
from shanhai_nlp.document.model import DRAFT
from shanhai_nlp.errors import AnnotationFormatError
from shanhai_nlp.view.labelstudio import from_task, from_utf16, labeling_config, to_task, to_utf16


def test_labelstudio_round_trip_of_the_article(seed: Document) -> None:
    task = json.loads(json.dumps(to_task(seed), ensure_ascii=False))  # as a file would carry it
    assert document_to_json(from_task(task)) == document_to_json(seed)


def test_labelstudio_drafts_go_as_predictions_and_come_back_as_drafts(seed: Document) -> None:
    """A pre-annotated document goes to Label Studio as a prediction; imported before anyone
    submits it, its spans are still drafts; once a person submits it (an annotation), gold."""
    drafts = seed.marked(DRAFT)
    task = to_task(drafts)
    assert "annotations" not in task and task["predictions"][0]["result"]
    assert document_to_json(from_task(task)) == document_to_json(drafts)
    submitted = {**task, "annotations": task["predictions"]}
    assert document_to_json(from_task(submitted)) == document_to_json(seed)


def test_labelstudio_utf16_offsets_for_astral_characters() -> None:
    text = "🔥包養🔥幫扶"
    doc = Document("d", text, spam=(SpamSpan(start=0, end=4, text="🔥包養🔥"),))
    region = to_task(doc)["annotations"][0]["result"][0]["value"]
    assert (region["start"], region["end"]) == (0, 6)  # two emoji, two UTF-16 units each
    assert (
        text.encode("utf-16-le")[region["start"] * 2 : region["end"] * 2].decode("utf-16-le")
        == "🔥包養🔥"
    )
    assert document_to_json(from_task(to_task(doc))) == document_to_json(doc)
    assert to_utf16(text, 5) == 7 and from_utf16(text, 7) == 5


def test_labelstudio_rejects_split_surrogate() -> None:
    with pytest.raises(AnnotationFormatError, match="splits a character"):
        from_utf16("🔥", 1)


def test_labelstudio_annotations_win_over_predictions(seed: Document) -> None:
    task = to_task(seed, as_predictions=True)
    edited = [
        r for r in task["predictions"][0]["result"] if r["from_name"] != "spam" or r["id"] != "s0"
    ]
    task["annotations"] = [{"result": edited}]
    assert len(from_task(task).spam) == len(seed.spam) - 1


def test_labelstudio_config_names_every_control() -> None:
    config = labeling_config()
    for name in ("spam", "repair", "entities", "figures", "blocks", "section", "topics"):
        assert f'name="{name}"' in config


def _task(seed: Document) -> dict[str, Any]:
    return to_task(seed, as_predictions=True)


def _figure_region(task: dict[str, Any]) -> dict[str, Any]:
    return next(r for r in task["predictions"][0]["result"] if r["from_name"] == "figure")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda t: t["predictions"][0]["result"][0].pop("id"), r"result\.0\.id: Field required"),
        (lambda t: t["predictions"][0]["result"][0].pop("value"), r"result\.0\.value"),
        (lambda t: t["predictions"][0]["result"][0]["value"].update(labels=[]), "no label"),
        (lambda t: t["predictions"][0].update(result="spam"), r"predictions\.0\.result"),
        (lambda t: t["predictions"][0].update(result=[1, 2]), r"predictions\.0\.result\.0"),
        (lambda t: t["data"].update(text=5), r"data\.text"),
        (lambda t: _figure_region(t)["value"].update(text=["{not json"]), "malformed JSON"),
        (
            lambda t: t["predictions"][0]["result"][0].update(from_name="entitys"),
            "unknown from_name 'entitys'",
        ),
        (
            lambda t: t["predictions"][0]["result"][0]["value"].update(text="別的字"),
            r"value\.text '別的字' is not",
        ),
        (
            lambda t: t["predictions"][0]["result"][0]["value"].update(end=999_999),
            "UTF-16 offset 999999 splits a character or is outside the text",
        ),
        (lambda t: t.pop("predictions"), "needs an annotation or a prediction"),
    ],
)
def test_labelstudio_bad_tasks_are_one_error_naming_the_task(
    seed: Document, damage, message
) -> None:
    task = _task(seed)
    damage(task)
    with pytest.raises(AnnotationFormatError, match=message) as caught:
        from_task(task, where="tasks.json: task 0")
    assert str(caught.value).startswith("tasks.json: task 0")
