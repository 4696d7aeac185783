"""The base text: paragraphs out of documentation files and out of verified Debian packages."""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import tarfile
from pathlib import Path
from typing import Any

import pytest

from shanhai_nlp.basetext import default_dir, install, is_installed, load_paragraphs
from shanhai_nlp.basetext.debian import deb_file_name
from shanhai_nlp.basetext.extract import is_prose, roff_paragraphs, text_paragraphs
from shanhai_nlp.errors import ShanhaiError

GUIDE = """1.1. Debian 的社會驅動力

    以下是一些有關 Debian 的社會動力學報告，希望它們有助於你掌握與
    Debian 項目進行互動的方法。

      * 我們都是志願者，任何人都不能把事情強加給他人，你應該主動地做自
        己的事情。

    $ dpkg-buildpackage -us -uc
"""

MAN = r""".TH "CREATEUSER" "1"
.SH NAME
createuser \- 定義一個新的使用者帳戶
.SH "DESCRIPTION 描述"
.PP
\fBcreateuser\fR 建立一個新的使用者。只有超級使用者（在系統
表中設定了 \fIusesuper\fP 的使用者）可以建立新的使用者。
.nf
createuser -a 這是一個範例命令列而不是正文段落的內容喔喔喔
.fi
.TP
.B \-\-adduser
允許該新建使用者建立其他使用者。實際上這樣做相當於把這個新使用者變成了超級使用者。
"""


def test_text_paragraphs_join_wrapped_lines_and_skip_code() -> None:
    found = list(text_paragraphs(GUIDE))
    assert found == [
        (
            3,
            "以下是一些有關 Debian 的社會動力學報告，希望它們有助於你掌握與 Debian 項目"
            "進行互動的方法。",
        ),
        (6, "我們都是志願者，任何人都不能把事情強加給他人，你應該主動地做自己的事情。"),
    ]


def test_roff_paragraphs_read_prose_and_font_requests_but_not_examples() -> None:
    found = [text for _line, text in roff_paragraphs(MAN)]
    assert found == [
        "createuser 建立一個新的使用者。只有超級使用者（在系統表中設定了 usesuper 的使用者）"
        "可以建立新的使用者。",
        "--adduser 允許該新建使用者建立其他使用者。"
        "實際上這樣做相當於把這個新使用者變成了超級使用者。",
    ]


@pytest.mark.parametrize(
    ("text", "prose"),
    [
        ("允許該新建使用者建立其他使用者。實際上這樣做相當於把它變成了超級使用者。", True),
        ("dpkg-buildpackage -us -uc --build=binary 之後執行 debuild 命令", False),
        ("短句。", False),
    ],
)
def test_is_prose(text: str, prose: bool) -> None:
    assert is_prose(text) is prose


def _ar_member(name: str, data: bytes) -> bytes:
    header = f"{name:<16}{0:<12}{0:<6}{0:<6}{100644:<8}{len(data):<10}`\n".encode()
    return header + data + (b"\n" if len(data) % 2 else b"")


def _deb(files: dict[str, bytes]) -> bytes:
    """A minimal Debian package holding ``files`` in its data.tar.xz."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:xz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(f"./{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return (
        b"!<arch>\n"
        + _ar_member("debian-binary", b"2.0\n")
        + _ar_member("data.tar.xz", buffer.getvalue())
    )


@pytest.fixture()
def package(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    data = _deb(
        {
            "usr/share/doc/guide/guide.zh-tw.txt.gz": gzip.compress(GUIDE.encode()),
            "usr/share/doc/guide/other.txt": b"not listed",
        }
    )
    entry: dict[str, Any] = {"name": "guide-zh-tw", "version": "1.0", "format": "text"}
    path = tmp_path / deb_file_name(entry)
    path.write_bytes(data)
    entry |= {
        "sha256": hashlib.sha256(data).hexdigest(),
        "members": ["usr/share/doc/guide/*.txt.gz"],
    }
    return path, entry


def test_install_verifies_and_extracts_with_provenance(
    tmp_path: Path, package: tuple[Path, dict[str, Any]]
) -> None:
    path, entry = package
    out = install([path], tmp_path / "cache", packages=[entry])
    paragraphs = load_paragraphs(out)
    assert [(p.package, p.member, p.line, p.script) for p in paragraphs] == [
        ("guide-zh-tw", "usr/share/doc/guide/guide.zh-tw.txt.gz", 3, "traditional"),
        ("guide-zh-tw", "usr/share/doc/guide/guide.zh-tw.txt.gz", 6, "traditional"),
    ]
    assert install([path], out, packages=[entry]) == out  # idempotent


def test_install_refuses_a_package_that_is_not_the_pinned_one(
    tmp_path: Path, package: tuple[Path, dict[str, Any]]
) -> None:
    path, entry = package
    with pytest.raises(ShanhaiError, match=r"sha256 [0-9a-f]{64} is not the pinned 0+ "):
        install([path], tmp_path / "cache", packages=[entry | {"sha256": "0" * 64}])
    with pytest.raises(ShanhaiError, match=r"guide-zh-tw_1.0_all.deb not given: run `make setup`"):
        install([], tmp_path / "cache", packages=[entry])
    path.write_bytes(b"plain text")
    digest = hashlib.sha256(b"plain text").hexdigest()
    with pytest.raises(ShanhaiError, match=r"not a Debian package"):
        install([path], tmp_path / "cache", packages=[entry | {"sha256": digest}])
    assert not is_installed(tmp_path / "cache")


def test_missing_base_text_says_how_to_install_it(tmp_path: Path) -> None:
    with pytest.raises(ShanhaiError, match=r"base text not found in .*: run `make setup`"):
        load_paragraphs(tmp_path)


@pytest.mark.skipif(not is_installed(default_dir()), reason="base text not installed (make setup)")
def test_installed_base_text_is_real_prose_in_both_scripts() -> None:
    paragraphs = load_paragraphs()
    scripts = {p.script for p in paragraphs}
    cjk = sum(len(re.findall("[\u4e00-\u9fff]", p.text)) for p in paragraphs)
    assert {"traditional", "simplified"} <= scripts and cjk > 1_000_000
    assert all(is_prose(p.text) for p in paragraphs[:: max(1, len(paragraphs) // 500)])
