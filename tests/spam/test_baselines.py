"""The document-dropping baselines lose whole articles."""

from __future__ import annotations

from shanhai_nlp.spam.baselines import flagged_ratio_keeps, regex_filter_keeps


def test_baselines_drop_the_polluted_article(seed) -> None:
    assert not regex_filter_keeps(seed.raw_text)
    assert not flagged_ratio_keeps(seed.raw_text)


def test_baselines_keep_the_clean_article(seed) -> None:
    assert regex_filter_keeps(seed.clean().text)
    assert flagged_ratio_keeps(seed.clean().text)
