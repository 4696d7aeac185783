"""The memory-mapped pkuseg segmenter against spacy-pkuseg itself, the reference it replaces."""

from __future__ import annotations

from pathlib import Path

import pytest

from shanhai_nlp.text.pkuseg_model import locate_model
from shanhai_nlp.text.segmenter import FeatureTable, PkusegSegmenter, from_spacy_pkuseg
from shanhai_nlp.text.views import simplified_view

ROOT = Path(__file__).parents[2]
ARTICLE = ROOT / "corpus" / "000_ba37726988884541.txt"
NEGATIVES = ROOT / "src" / "shanhai_nlp" / "resources" / "hard_negatives"


@pytest.fixture(scope="module")
def segmenters() -> tuple[object, PkusegSegmenter]:
    import spacy_pkuseg

    model = locate_model()
    return spacy_pkuseg.pkuseg(str(model)), PkusegSegmenter.load(model)


@pytest.mark.slow
def test_segmenter_matches_spacy_pkuseg_on_real_text(
    segmenters: tuple[object, PkusegSegmenter],
) -> None:
    reference, fast = segmenters
    texts = [line for line in ARTICLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += [path.read_text(encoding="utf-8") for path in sorted(NEGATIVES.glob("*.txt"))]
    texts += [simplified_view(t) for t in texts]  # the tokenizer segments the Simplified view
    texts += ["3.77億元，ＡＢＣ公司２０２４年", "a", "", "   "]
    for text in texts:
        assert fast.cut(text) == reference.cut(text), text  # type: ignore[attr-defined]


def test_segmenter_round_trips_through_bytes(segmenters: tuple[object, PkusegSegmenter]) -> None:
    _, fast = segmenters
    fast.preprocesser.insert("財政援助資金", "")
    try:
        again = PkusegSegmenter.from_bytes(fast.to_bytes())
    finally:
        fast.preprocesser = type(fast.preprocesser)(None)
    # the user dictionary is the tokenizer's to save (as pkuseg_processors), not the model's
    assert again.cut("向毕节提供财政援助资金") == ["向", "毕节", "提供", "财政", "援助", "资金"]


def test_feature_table_finds_exact_keys_only() -> None:
    table = FeatureTable.build({"c.中": 3, "c.国": 5, "w1.中国": 8})
    ids = table.lookup(["c.国", "c.", "w1.中国", "w1.中国人", "c.中" + "x" * 40, "c.中"])
    assert ids.tolist() == [5, -1, 8, -1, -1, 3]


@pytest.mark.slow
def test_a_spacy_pkuseg_model_converts_with_its_user_words(
    segmenters: tuple[object, PkusegSegmenter],
) -> None:
    """Pipelines saved in spacy-pkuseg's format load through this conversion."""
    reference, _ = segmenters
    reference.preprocesser.insert("援助资金", "")  # type: ignore[attr-defined]
    converted = from_spacy_pkuseg(reference)
    assert converted.cut("向毕节提供财政援助资金") == ["向", "毕节", "提供", "财政", "援助资金"]
