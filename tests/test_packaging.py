"""The project as a user installs it: a built wheel, not the editable source tree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from conftest import ROOT, SEED_ID

PIP = (sys.executable, "-m", "pip")


@pytest.fixture(scope="module")
def wheel_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment holding only the built wheel of this project; its
    dependencies are seen from the test's own environment (a path entry, which does not run
    the editable install's hook that points at ``src/``)."""
    tmp = tmp_path_factory.mktemp("wheel")
    source = tmp / "source"  # a copy: a build folder left in the tree could hide a missing file
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, source / name)
    subprocess.run(
        [
            *PIP,
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp / "dist"),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp / "dist").glob("shanhai_nlp-*.whl")
    env_dir = tmp / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    subprocess.run(
        [*PIP, "install", "--quiet", "--no-deps", "--no-index", "--target", site, str(wheel)],
        check=True,
        capture_output=True,
    )
    Path(site, "_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def _run(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [str(python), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_wheel_is_imported_from_the_wheel(wheel_python: Path, tmp_path: Path) -> None:
    result = _run(
        wheel_python, "-c", "import shanhai_nlp; print(shanhai_nlp.__file__)", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert str(ROOT / "src") not in result.stdout
    assert str(wheel_python.parents[1]) in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("detector", "expected"), [("lexicon", 33), ("contextual", 33), ("auto", 33)]
)
def test_wheel_detects_spam(
    wheel_python: Path, tmp_path: Path, detector: str, expected: int
) -> None:
    # run outside the project: nothing may come from the source tree
    article = ROOT / "corpus" / f"{SEED_ID}.txt"
    result = _run(
        wheel_python,
        "-m",
        "shanhai_nlp",
        "spam",
        "detect",
        str(article),
        "--detector",
        detector,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert len(json.loads(line)["spans"]) == expected
