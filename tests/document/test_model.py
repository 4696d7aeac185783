"""The document model on the article's own hard cases."""

from __future__ import annotations

import pytest

from shanhai_nlp.document import Document, SpamSpan

from conftest import find


@pytest.mark.parametrize(
    ("raw_context", "clean_context"),
    [
        ("資金3包養.77億元,", "資金3.77億元,"),  # the number split by spam
        ("包養網才培育:", "人才培育:"),  # the replaced heading character
        ("包養管道電商上包養網下游", "“電商上下游"),  # the replaced opening quotation mark
        ("結對幫扶包養網比較畢節包養網市7個縣", "結對幫扶畢節市7個縣"),  # entity split by spam
        ("不斷拓展幫包養網扶領域", "不斷拓展幫扶領域"),  # inside a word
        ("全景掃描包養甜心網\n", "全景掃描\n"),  # glued to the end of the headline
    ],
)
def test_model_clean_view_real_cases(seed, raw_context, clean_context) -> None:
    start, end = find(seed, raw_context)
    view = seed.clean()
    clean_start, clean_end = view.span_from_raw(start, end)
    assert view.text[clean_start:clean_end] == clean_context
    assert view.span_to_raw(clean_start, clean_end) == (start, end)


def test_model_clean_view_is_lossless(seed) -> None:
    view = seed.clean()
    assert view.offsets.rebuild_raw(view.text) == seed.raw_text
    removed = "".join(e.original for e in view.offsets.edits)
    assert removed == "".join(s.text for s in sorted(seed.spam, key=lambda s: s.start))


def test_model_clean_text_has_no_spam_and_balanced_marks(seed) -> None:
    clean = seed.clean().text
    assert "包養" not in clean
    for line in clean.splitlines():
        for opening, closing in ("“”", "()", "《》"):
            assert line.count(opening) == line.count(closing), line


def test_model_title_repeats_headline_after_cleaning(seed) -> None:
    title_block, headline_block = seed.blocks[0], seed.blocks[3]
    view = seed.clean()
    title = view.text[slice(*view.span_from_raw(title_block.start, title_block.end))]
    headline = view.text[slice(*view.span_from_raw(headline_block.start, headline_block.end))]
    assert title.removesuffix("_中國網") in headline


def test_model_entities_and_figures_map_to_clean_text(seed) -> None:
    view = seed.clean()
    texts = {view.text[slice(*view.span_from_raw(e.start, e.end))] for e in seed.entities}
    assert {
        "畢節市",
        "云南助嘉科技有限公司",
        "內蒙古自治區",
        "廣州醫科大學附屬婦女兒童醫療中心",
    } <= texts
    figure = next(f for f in seed.figures if "包養" in f.text)
    assert view.text[slice(*view.span_from_raw(figure.start, figure.end))] == "3.77億元"
    assert figure.value == 377000000.0


def test_model_document_without_spam_is_its_own_clean_view() -> None:
    doc = Document("plain", "帮扶群众。\n")
    assert doc.clean().text == doc.raw_text


def test_model_layer_rejects_unknown_name(seed) -> None:
    with pytest.raises(KeyError, match="unknown layer"):
        seed.layer("tokens")


def test_model_spam_span_replacement() -> None:
    assert SpamSpan(start=0, end=3, text="包養網", repair="人").replacement == "人"
    assert SpamSpan(start=0, end=2, text="包養").replacement == ""
