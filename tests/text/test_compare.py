"""The segmentation comparison."""

from __future__ import annotations

from shanhai_nlp.text.compare import boundaries, compare_segmenters


def test_compare_boundaries() -> None:
    assert boundaries(["幫扶", "群眾"]) == {2}
    assert boundaries([]) == set()


def test_compare_counts_aligned_entity_edges(seed) -> None:
    chars = {"chars": lambda t: list(t)}  # every boundary: every entity edge aligned
    result = compare_segmenters(seed, chars)
    row = result["segmenters"]["chars"]
    assert row["entity_edges_aligned"] == 1.0 and row["tokens"] == len(seed.clean().text)
