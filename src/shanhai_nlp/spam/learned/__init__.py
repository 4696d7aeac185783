"""The learned detector: a model trained on synthetic injections into real prose.

- :mod:`.features`: per-character evidence (no spam vocabulary, apart from the spam prior);
- :mod:`.model`: the network as arrays, saved and loaded without pickle;
- :mod:`.training`: training pages from the base text, and :func:`~.training.fit`;
- :mod:`.detector`: the registered ``learned`` detector.
"""

from shanhai_nlp.spam.learned.detector import LearnedDetector
from shanhai_nlp.spam.learned.model import ModelFileError, SpamModel, default_model_path
from shanhai_nlp.spam.learned.training import TrainConfig, fit

__all__ = [
    "LearnedDetector",
    "ModelFileError",
    "SpamModel",
    "TrainConfig",
    "default_model_path",
    "fit",
]
