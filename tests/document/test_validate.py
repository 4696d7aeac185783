"""One failing case per validation rule, and the gold annotations passing them all."""

from __future__ import annotations

import pytest

from shanhai_nlp.document import Block, Document, Entity, Figure, SpamSpan, validate_document

RAW = "畢節包養網市提供資金3包養.77億元。\n\n留言"


def _doc(**layers: object) -> Document:
    base: dict[str, object] = {
        "spam": (
            SpamSpan(start=2, end=5, text="包養網"),
            SpamSpan(start=11, end=13, text="包養"),
        ),
        "blocks": (
            Block(
                start=0,
                end=19,
                text=RAW[0:19],
                type="body",
                section="industry",
                topics=("fiscal_aid",),
            ),
            Block(start=21, end=23, text="留言", type="boilerplate", section="none"),
        ),
        "entities": (Entity(start=0, end=6, text="畢節包養網市", label="GPE"),),
        "figures": (
            Figure(
                start=10, end=18, text="3包養.77億元", value=3.77e8, unit="元", qualifier="exact"
            ),
        ),
    }
    base.update(layers)
    return Document("t", RAW, **base)  # type: ignore[arg-type]


def test_validate_accepts_good_document() -> None:
    assert validate_document(_doc()) == []


def test_validate_accepts_gold_annotations(seed) -> None:
    assert validate_document(seed) == []


@pytest.mark.parametrize(
    ("layers", "expected"),
    [
        ({"entities": (Entity(start=0, end=99, text="畢節", label="GPE"),)}, "out of range"),
        ({"entities": (Entity(start=3, end=3, text="", label="GPE"),)}, "out of range"),
        ({"entities": (Entity(start=0, end=2, text="貴州", label="GPE"),)}, "text mismatch"),
        (
            {
                "entities": (
                    Entity(start=0, end=6, text="畢節包養網市", label="GPE"),
                    Entity(start=5, end=6, text="市", label="GPE"),
                )
            },
            "overlaps",
        ),
        (
            {"entities": (Entity(start=0, end=6, text="畢節包養網市", label="CITY"),)},
            "unknown entity label",
        ),
        (
            {
                "figures": (
                    Figure(
                        start=10,
                        end=18,
                        text="3包養.77億元",
                        value=3.77e8,
                        unit="元",
                        qualifier="about",
                    ),
                )
            },
            "unknown figure qualifier",
        ),
        (
            {"blocks": (Block(start=21, end=23, text="留言", type="footer", section="none"),)},
            "unknown block type",
        ),
        (
            {
                "blocks": (
                    Block(start=21, end=23, text="留言", type="boilerplate", section="sports"),
                )
            },
            "unknown section",
        ),
        (
            {
                "blocks": (
                    Block(
                        start=21,
                        end=23,
                        text="留言",
                        type="boilerplate",
                        section="none",
                        topics=("weather",),
                    ),
                )
            },
            "unknown topic",
        ),
        ({"spam": (SpamSpan(start=2, end=5, text="包養網", repair=""),)}, "repair is empty"),
        (
            {"entities": (Entity(start=0, end=4, text="畢節包養", label="GPE"),)},
            "cuts across its edge",
        ),
        (
            {
                "figures": (
                    Figure(
                        start=11,
                        end=18,
                        text="包養.77億元",
                        value=0.77e8,
                        unit="元",
                        qualifier="exact",
                    ),
                )
            },
            "cuts across its edge",
        ),
        (
            {"blocks": (Block(start=0, end=19, text=RAW[0:19], type="body", section="industry"),)},
            "not covered by a block",
        ),
        (
            {
                "blocks": (
                    Block(start=19, end=23, text=RAW[19:23], type="body", section="none"),
                    Block(start=0, end=19, text=RAW[0:19], type="body", section="industry"),
                )
            },
            "line break",
        ),
    ],
)
def test_validate_rule_violations(layers, expected) -> None:
    messages = [p.message for p in validate_document(_doc(**layers))]
    assert any(expected in m for m in messages), messages


def test_validate_problem_names_document_layer_and_span() -> None:
    doc = _doc(entities=(Entity(start=0, end=2, text="貴州", label="GPE"),))
    (problem,) = validate_document(doc)
    assert str(problem) == "t: entities[0] [0:2] '貴州': text mismatch: raw text has '畢節'"


def test_validate_gold_spam_shape(seed) -> None:
    """The article's pollution as the guidelines describe it."""
    assert len(seed.spam) == 33
    assert sum(s.replaced for s in seed.spam) == 2
    assert {s.repair for s in seed.spam if s.replaced} == {"人", "“"}
    assert all("包養" in s.text for s in seed.spam)
    assert {"包養網dcard", "包養價格ptt"} <= {s.text for s in seed.spam}
