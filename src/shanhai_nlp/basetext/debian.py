"""Debian's Chinese documentation packages as a base text: verify, extract, cache.

The set-up step (``make setup``) fetches the packages named in
``resources/basetext/debian.json`` with ``apt-get download``; :func:`install` checks each
``.deb`` against the sha256 pinned there, reads the documentation files out of it (a ``.deb``
is an ``ar`` archive holding ``data.tar.*``) and writes their paragraphs, with where each comes
from, to the user cache once. Nothing here downloads.
"""

from __future__ import annotations

import fnmatch
import gzip
import hashlib
import io
import json
import os
import tarfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from shanhai_nlp.basetext.extract import roff_paragraphs, text_paragraphs
from shanhai_nlp.document.io import sha256_file, write_text_atomic
from shanhai_nlp.errors import ShanhaiError
from shanhai_nlp.text.script import detect_script

BASETEXT_ENV = "SHANHAI_BASETEXT"
PARAGRAPHS_FILE = "paragraphs.jsonl.gz"
SETUP_HINT = "run `make setup` (it fetches Debian's Chinese documentation packages)"


@dataclass(frozen=True, slots=True)
class BaseParagraph:
    """A paragraph of real prose and where it comes from (package, file in it, first line)."""

    text: str
    package: str
    member: str
    line: int
    script: str


class BaseTextMissingError(ShanhaiError):
    """The base text is not installed where it is looked for."""


def manifest() -> dict[str, Any]:
    """The pinned packages (name, version, sha256, licence, which files, their format)."""
    data = resources.files("shanhai_nlp.resources").joinpath("basetext/debian.json")
    loaded: dict[str, Any] = json.loads(data.read_text(encoding="utf-8"))
    return loaded


def manifest_key() -> str:
    """A short hash of the manifest: a changed manifest is installed into a new folder."""
    text = json.dumps(manifest(), sort_keys=True).encode()
    return hashlib.sha256(text).hexdigest()[:12]


def default_dir() -> Path:
    """``$SHANHAI_BASETEXT``, else ``$XDG_CACHE_HOME/shanhai_nlp/basetext-<manifest key>``."""
    if os.environ.get(BASETEXT_ENV):
        return Path(os.environ[BASETEXT_ENV])
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "shanhai_nlp" / f"basetext-{manifest_key()}"


def deb_file_name(package: dict[str, Any]) -> str:
    """The name ``apt-get download`` gives a package's file."""
    return f"{package['name']}_{package['version'].replace(':', '%3a')}_all.deb"


def _data_tar(deb: bytes, path: Path) -> tarfile.TarFile:
    """The ``data.tar.*`` member of a ``.deb`` (an ``ar`` archive), opened."""
    if not deb.startswith(b"!<arch>\n"):
        raise ShanhaiError(f"{path}: not a Debian package (no ar header)")
    pos = 8
    while pos + 60 <= len(deb):
        name = deb[pos : pos + 16].decode("ascii", "replace").strip().rstrip("/")
        size = int(deb[pos + 48 : pos + 58].decode("ascii").strip() or 0)
        body = deb[pos + 60 : pos + 60 + size]
        if name.startswith("data.tar"):
            if name.endswith(".zst"):
                import zstandard

                body = zstandard.ZstdDecompressor().decompressobj().decompress(body)
            return tarfile.open(fileobj=io.BytesIO(body), mode="r:*")
        pos += 60 + size + (size % 2)
    raise ShanhaiError(f"{path}: no data.tar member in the package")


def _members(deb_path: Path, patterns: list[str]) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of the package's regular files matching ``patterns``, in name order."""
    with _data_tar(deb_path.read_bytes(), deb_path) as tar:
        chosen = [
            m
            for m in tar.getmembers()
            if m.isfile() and any(fnmatch.fnmatch(m.name.lstrip("./"), p) for p in patterns)
        ]
        for member in sorted(chosen, key=lambda m: m.name):
            handle = tar.extractfile(member)
            if handle is not None:
                yield member.name.lstrip("./"), handle.read()


def package_paragraphs(deb_path: Path, package: dict[str, Any]) -> Iterator[BaseParagraph]:
    """The paragraphs of one verified package's documentation files."""
    parse = roff_paragraphs if package["format"] == "roff" else text_paragraphs
    for name, data in _members(deb_path, package["members"]):
        raw = gzip.decompress(data) if name.endswith(".gz") else data
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue  # a page in a legacy encoding: not ours to guess
        for line, paragraph in parse(text):
            script = detect_script(paragraph)
            yield BaseParagraph(paragraph, package["name"], name, line, script)


def install(
    debs: list[Path], target: Path | None = None, *, packages: list[dict[str, Any]] | None = None
) -> Path:
    """Verify the pinned packages (``packages``, default the manifest's) among ``debs`` and
    write their paragraphs to ``target`` (idempotent). Every pinned package must be given,
    with its pinned sha256."""
    out = target or default_dir()
    if is_installed(out):
        return out
    by_name = {p.name: p for p in debs}
    rows: list[str] = []
    for package in packages if packages is not None else manifest()["packages"]:
        path = by_name.get(deb_file_name(package))
        if path is None:
            raise ShanhaiError(f"{deb_file_name(package)} not given: {SETUP_HINT}")
        digest = sha256_file(path)
        if digest != package["sha256"]:
            raise ShanhaiError(
                f"{path}: sha256 {digest} is not the pinned {package['sha256']} "
                f"({package['name']} {package['version']})"
            )
        rows.extend(
            json.dumps(asdict(p), ensure_ascii=False) for p in package_paragraphs(path, package)
        )
    out.mkdir(parents=True, exist_ok=True)
    payload = gzip.compress(("\n".join(rows) + "\n").encode("utf-8"), mtime=0)
    tmp = out / f".{PARAGRAPHS_FILE}.tmp"
    tmp.write_bytes(payload)
    os.replace(tmp, out / PARAGRAPHS_FILE)
    write_text_atomic(out / "manifest.json", json.dumps(manifest(), indent=1) + "\n")
    return out


def is_installed(folder: Path) -> bool:
    return (folder / PARAGRAPHS_FILE).is_file() and (folder / "manifest.json").is_file()


def load_paragraphs(folder: Path | None = None) -> list[BaseParagraph]:
    """The installed base text's paragraphs; raises :class:`BaseTextMissingError` saying how
    to install it."""
    path = folder or default_dir()
    if not is_installed(path):
        raise BaseTextMissingError(f"base text not found in {path}: {SETUP_HINT}")
    lines = gzip.decompress((path / PARAGRAPHS_FILE).read_bytes()).decode("utf-8").split("\n")
    return [BaseParagraph(**json.loads(line)) for line in lines if line]
