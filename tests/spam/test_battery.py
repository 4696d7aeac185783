"""The false-positive battery: documents cut from the base text, and removal rates."""

from __future__ import annotations

from shanhai_nlp.basetext import BaseParagraph
from shanhai_nlp.corpus import Corpus
from shanhai_nlp.document.model import SpamSpan
from shanhai_nlp.spam.battery import battery_documents, removed_per_10k
from shanhai_nlp.spam.report import build_report, render_markdown

TRADITIONAL = "本文件說明如何製作軟體套件，並以大量實例展示每一個細節，讓讀者能夠直觀地理解。"
SIMPLIFIED = "本文档说明如何制作软件包，并以大量实例展示每一个细节，让读者能够直观地理解。"


def _base(n: int) -> list[BaseParagraph]:
    return [
        BaseParagraph(text, "pkg", member, k + 1, script)
        for member, script, text in (
            ("guide.zh-tw.txt", "traditional", TRADITIONAL),
            ("guide.zh-cn.txt", "simplified", SIMPLIFIED),
        )
        for k in range(n)
    ]


def test_battery_documents_have_each_shape() -> None:
    docs = battery_documents(_base(600), max_pages=10)
    kinds = {d.kind for d in docs}
    assert kinds == {"pages", "long", "mixed"}
    assert len([d for d in docs if d.kind == "pages"]) == 10
    long = [d for d in docs if d.kind == "long"]
    assert sorted(len(d.text) // 1000 for d in long) == [5, 5, 10, 10, 20, 20]
    assert all(len(d.text) >= 5000 for d in long)
    mixed = next(d for d in docs if d.kind == "mixed")
    assert TRADITIONAL in mixed.text and SIMPLIFIED in mixed.text


def test_removed_per_10k_counts_every_removed_character() -> None:
    docs = battery_documents(_base(600), max_pages=10)

    def cut_first_four(text: str) -> list[SpamSpan]:
        return [SpamSpan(start=0, end=4, text=text[:4])]

    result = removed_per_10k(cut_first_four, docs)
    pages = result["pages"]
    assert pages["removed"] == 4 * pages["docs"]
    assert pages["per_10k"] == round(1e4 * pages["removed"] / pages["chars"], 2)
    assert result["worst"][0]["examples"] == [
        "本文件說" if "說" in docs[0].text else "本文档说"
    ] or (result["worst"][0]["examples"][0] in ("本文件說", "本文档说"))


def test_report_with_a_base_text_has_the_battery(corpus: Corpus) -> None:
    report = build_report(corpus, n_synthetic=4, n_lofo=1, seed=1, base=_base(600))
    assert report["inputs"]["synthetic_base"] == "the base text"
    battery = report["false_positive_battery"]
    assert set(battery) == {"lexicon", "contextual", "learned", "auto"}
    assert battery["lexicon"]["pages"]["removed"] == 0
    assert "## False-positive battery" in render_markdown(report, command="pytest")
