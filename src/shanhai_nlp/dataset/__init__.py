"""Hugging Face dataset export of the corpus: configs, features, card, loading."""

from shanhai_nlp.dataset.export import export_dataset
from shanhai_nlp.dataset.features import CONFIGS, DEFAULT_CONFIG
from shanhai_nlp.dataset.load import load_dataset

__all__ = ["CONFIGS", "DEFAULT_CONFIG", "export_dataset", "load_dataset"]
