"""The pkuseg model set-up: verification, idempotence, and a clear message when it is missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.text.pkuseg_model import (
    MODEL_ENV,
    MODEL_FILES,
    ModelMissingError,
    default_model_dir,
    install_model,
    is_installed,
    locate_model,
)


def test_pkuseg_model_missing_says_what_to_run(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError, match=r"run `make setup`"):
        locate_model(tmp_path / "none")


def test_pkuseg_model_env_overrides_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MODEL_ENV, str(tmp_path))
    assert default_model_dir() == tmp_path


def test_pkuseg_model_rejects_wrong_sdist(tmp_path: Path) -> None:
    fake = tmp_path / "pkuseg-0.0.25.tar.gz"
    fake.write_bytes(b"not the sdist")
    with pytest.raises(ShanhaiError, match=r"sha256 .* does not match"):
        install_model(fake, tmp_path / "model")
    assert not (tmp_path / "model").exists()


def test_pkuseg_model_install_is_idempotent(tmp_path: Path) -> None:
    model = tmp_path / "model"
    model.mkdir()
    for name in MODEL_FILES:
        (model / name).write_bytes(b"x")
    # already installed: the (absent) sdist is not even looked at
    assert install_model(tmp_path / "absent.tar.gz", model) == model
    assert is_installed(model)


def test_pkuseg_model_installed_by_setup_segments_simplified() -> None:
    """`make setup` installs the real model; it must load offline and segment."""
    import spacy_pkuseg

    seg = spacy_pkuseg.pkuseg(model_name=str(locate_model()))
    assert seg.cut("向毕节提供财政援助资金") == ["向", "毕节", "提供", "财政", "援助", "资金"]
