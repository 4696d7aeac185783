"""Locate, verify and install the pretrained pkuseg model.

spacy-pkuseg ships no model and its named models download from the network. The only pretrained
model a package registry offers lies inside PyPI's ``pkuseg==0.0.25`` source distribution
(``pkuseg/models/default/``). The set-up step (``make setup``) fetches that sdist with pip; this
module verifies its sha256, extracts the model and converts its pickled feature table once, to
two formats: msgpack, the one spacy-pkuseg reads (kept as the reference the fast segmenter is
tested against), and the memory-mapped tables of :mod:`shanhai_nlp.text.segmenter`, which the
tokenizer loads. Nothing here downloads.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tarfile
import tempfile
from pathlib import Path

from shanhai_nlp.document.io import sha256_file
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.text.segmenter import FILES as SEGMENTER_FILES
from shanhai_nlp.text.segmenter import PkusegSegmenter

SDIST_NAME = "pkuseg-0.0.25.tar.gz"
SDIST_SHA256 = "dd012bf93689721c9574bc2b2ba98fb4ac22790cec0af354a78e217828b81e91"
MEMBER_DIR = "pkuseg-0.0.25/pkuseg/models/default/"
MODEL_ENV = "SHANHAI_PKUSEG_MODEL"
MODEL_FILES = ("features.msgpack", "weights.npz", *SEGMENTER_FILES)
SETUP_HINT = "run `make setup` (it fetches pkuseg==0.0.25 with pip and installs the model)"


class ModelMissingError(ShanhaiError):
    """The pkuseg model is not installed where it is looked for."""


def default_model_dir() -> Path:
    """``$SHANHAI_PKUSEG_MODEL``, else ``$XDG_CACHE_HOME/shanhai_nlp/pkuseg-0.0.25-default``."""
    if os.environ.get(MODEL_ENV):
        return Path(os.environ[MODEL_ENV])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "shanhai_nlp" / "pkuseg-0.0.25-default"


def is_installed(model_dir: Path) -> bool:
    return all((model_dir / name).is_file() for name in MODEL_FILES)


def locate_model(model_dir: str | Path | None = None) -> Path:
    """The installed model folder; raises :class:`ModelMissingError` saying how to get it."""
    path = Path(model_dir) if model_dir is not None else default_model_dir()
    if not is_installed(path):
        raise ModelMissingError(f"pkuseg model not found in {path}: {SETUP_HINT}")
    return path


def install_model(sdist: str | Path, model_dir: str | Path | None = None) -> Path:
    """Verify the sdist, extract its default model and convert it; idempotent.

    The folder appears atomically (built beside the target, then renamed), so an interrupted
    install leaves no half-written model.
    """
    target = Path(model_dir) if model_dir is not None else default_model_dir()
    if is_installed(target):
        return target
    source = Path(sdist)
    if not source.is_file():
        raise ShanhaiError(f"{source}: no such file; {SETUP_HINT}")
    actual = sha256_file(source)
    if actual != SDIST_SHA256:
        raise ShanhaiError(f"{source}: sha256 {actual} does not match the expected {SDIST_SHA256}")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        extracted = Path(tmp) / "extracted"
        built = Path(tmp) / "model"
        extracted.mkdir()
        built.mkdir()
        with tarfile.open(source, "r:gz") as tar:
            for name in ("features.pkl", "weights.npz"):
                member = tar.getmember(MEMBER_DIR + name)
                handle = tar.extractfile(member)
                if handle is None:
                    raise ShanhaiError(f"{source}: {MEMBER_DIR}{name} is not a regular file")
                (extracted / name).write_bytes(handle.read())
        _convert(extracted, built)
        if target.exists():
            shutil.rmtree(target)
        os.replace(built, target)
    return target


def _convert(extracted: Path, out: Path) -> None:
    """Load the pickled feature table once (from the verified sdist); save it as msgpack and
    in the segmenter's format, with the words spacy-pkuseg's post-processor merges (from the
    dictionary it bundles, also a pickle, also read only here)."""
    import numpy as np
    import spacy_pkuseg
    from spacy_pkuseg.feature_extractor import FeatureExtractor

    with contextlib.redirect_stdout(io.StringIO()):  # it announces the pickle fallback on stdout
        extractor = FeatureExtractor.load(str(extracted))
    extractor.save(str(out))
    shutil.copyfile(extracted / "weights.npz", out / "weights.npz")
    bundled = Path(spacy_pkuseg.__file__).parent / "dicts" / "default.pkl"
    postprocess = spacy_pkuseg.Postprocesser(None, [str(bundled)])
    with np.load(extracted / "weights.npz") as weights:
        fast = PkusegSegmenter.from_tables(
            feature_to_idx=extractor.feature_to_idx,
            unigram=extractor.unigram,
            weights=weights["w"],
            tags=extractor.tag_to_idx,
            postprocess_words=postprocess.other_words,
        )
    fast.save(out)
