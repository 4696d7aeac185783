"""spam mine: a crawl's repeated injected strings are mined, ranked and used by pass two."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from cli.test_cli_corpus import shanhai
from shanhai_nlp.document import Document
from shanhai_nlp.errors import InputFileError
from shanhai_nlp.spam.mine import (
    CONFIDENT_SCORE,
    NEIGHBOURS_KEPT,
    Evidence,
    MineSettings,
    _add_document,
    group_of,
    junction_stretches,
    mine,
    rank,
    read_vocab,
)
from shanhai_nlp.spam.stream import CleanSettings, clean_corpus
from shanhai_nlp.spam.synth import Injected
from shanhai_nlp.text.script import is_cjk, simplify_chars
from shanhai_nlp.text.words import zipf

#: a template no shipped lexicon holds, injected inside words of many pages of one site
TEMPLATE = "鴻運國際官網"


def _crawl(seed: Document, path: Path, *, pages: int = 120) -> None:
    """Pages of the article's clean paragraphs; every second one of site a has the template
    inside a word once or twice (other sites are clean)."""
    rng = random.Random(3)
    paragraphs = [p for p in seed.clean().text.split("\n") if len(p) > 40]
    lines = []
    for k in range(pages):
        doc = Injected("\n\n".join(rng.sample(paragraphs, 3)) + "\n")
        site = "a" if k % 3 == 0 else rng.choice("bcdef")
        if site == "a":
            for _ in range(rng.randint(1, 2)):
                text = doc.text
                options = [
                    i
                    for i in range(1, len(text))
                    if is_cjk(text[i - 1])
                    and is_cjk(text[i])
                    and zipf(simplify_chars(text[i - 1 : i + 1])) >= 3.5
                    and doc.free(i)
                ]
                doc.insert(rng.choice(options), TEMPLATE)
        record = {"id": k, "url": f"https://{site}.example.com/{k}", "text": doc.text}
        lines.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_junctions_and_groups() -> None:
    text = "脫貧群鴻運國際官網眾同享"
    assert (3, 9) in junction_stretches(text)
    settings = MineSettings(group_field="url")
    assert group_of({"url": "https://a.example.com/1"}, settings) == "a.example.com"
    assert group_of({"url": "site-b"}, settings) == "site-b"


def test_mining_finds_the_template_and_pass_two_removes_it(seed: Document, tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.jsonl"
    _crawl(seed, crawl)
    rows = mine([crawl], tmp_path / "VOCAB.tsv", settings=MineSettings(group_field="url"))
    confident = [r["string"] for r in rows if r["score"] >= CONFIDENT_SCORE]
    assert confident == [simplify_chars(TEMPLATE).lower()]
    assert rows[0]["groups"] == 1 and rows[0]["join_docs"] >= 30
    assert read_vocab(tmp_path / "VOCAB.tsv") == confident
    # pass two: the mined family is one more lexicon, its hits confirmed per document
    settings = CleanSettings(detector="auto", mined=str(tmp_path / "VOCAB.tsv"))
    clean_corpus([crawl], tmp_path / "out", settings=settings, progress=False)
    rows_out = [
        r for p in (tmp_path / "out").glob("*.parquet") for r in pq.read_table(p).to_pylist()
    ]
    assert all(TEMPLATE not in r["clean_text"] for r in rows_out)
    assert sum(r["spam_count"] for r in rows_out) >= 40


def test_mine_command_and_an_edited_vocabulary(seed: Document, tmp_path: Path) -> None:
    crawl = tmp_path / "crawl.jsonl"
    _crawl(seed, crawl, pages=60)
    result = shanhai("spam", "mine", str(crawl), "--out", str(tmp_path / "v.tsv"), "--workers", "2")
    assert result.returncode == 0 and "1 confident" in result.stdout
    vocab = tmp_path / "bad.tsv"
    vocab.write_text("string\tscore\n鸿运国际官网\thigh\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="row 2: score 'high' is not a number"):
        read_vocab(vocab)
    vocab.write_text("string\tdocs\n鸿运国际官网\t3\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="row 1: no 'score' column"):
        read_vocab(vocab)
    vocab.write_text("string\tscore\n\t3\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="row 2: an empty"):
        read_vocab(vocab)


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_dask_local_cluster_and_a_real_scheduler_give_the_same_vocabulary(
    seed: Document, tmp_path: Path
) -> None:
    """The local backend, a LocalCluster, and a `dask scheduler` with two `dask worker`
    processes started here on loopback write the same VOCAB.tsv."""
    import subprocess
    import sys
    import time

    crawl = tmp_path / "crawl"
    crawl.mkdir()
    _crawl(seed, crawl / "a.jsonl", pages=60)
    _crawl(seed, crawl / "b.jsonl", pages=45)
    settings = MineSettings(group_field="url")
    mine([crawl], tmp_path / "local.tsv", settings=settings)
    mine([crawl], tmp_path / "cluster.tsv", settings=settings, backend="dask", workers=2)
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "distributed.cli.dask_scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-dashboard",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        time.sleep(2)
        procs += [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "distributed.cli.dask_worker",
                    address,
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(2)
        ]
        import dask.distributed

        dd: Any = dask.distributed  # untyped library
        with dd.Client(address, timeout="20s") as client:
            client.wait_for_workers(2, timeout=30)
        mine([crawl], tmp_path / "remote.tsv", settings=settings, backend="dask", scheduler=address)
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=20)
    local = (tmp_path / "local.tsv").read_text(encoding="utf-8")
    assert "鸿运国际官网" in local
    assert (tmp_path / "cluster.tsv").read_text(encoding="utf-8") == local
    assert (tmp_path / "remote.tsv").read_text(encoding="utf-8") == local


def test_a_template_glued_to_titles_is_mined_and_removed_there(
    seed: Document, tmp_path: Path
) -> None:
    """No junction at all: the template ends every title of one site. Boilerplate (the same
    footer line on every page) is not mined."""
    rng = random.Random(5)
    paragraphs = [p for p in seed.clean().text.split("\n") if len(p) > 40]
    lines = []
    for k in range(150):
        site = "a" if k % 3 == 0 else "b"
        start = rng.randrange(20)
        title = rng.choice(paragraphs)[start : start + 14] + (TEMPLATE if site == "a" else "")
        body = "\n\n".join(rng.sample(paragraphs, 2))
        text = f"{title}\n\n{body}\n\n版權所有 {site}站\n"
        lines.append(
            json.dumps({"url": f"https://{site}.example/{k}", "text": text}, ensure_ascii=False)
        )
    crawl = tmp_path / "crawl.jsonl"
    crawl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = mine([crawl], tmp_path / "VOCAB.tsv", settings=MineSettings(group_field="url"))
    confident = [r for r in rows if r["score"] >= CONFIDENT_SCORE]
    assert [r["string"] for r in confident] == [simplify_chars(TEMPLATE).lower()]
    assert confident[0]["where"] == "line_end"
    settings = CleanSettings(detector="auto", mined=str(tmp_path / "VOCAB.tsv"))
    clean_corpus([crawl], tmp_path / "out", settings=settings, progress=False)
    cleaned = [
        r for p in (tmp_path / "out").glob("*.parquet") for r in pq.read_table(p).to_pylist()
    ]
    assert all(TEMPLATE not in r["clean_text"] for r in cleaned)
    assert all("版權所有" in r["clean_text"] for r in cleaned)  # boilerplate stays


def _junction_evidence(join_docs: int, docs: int, neighbours: int) -> Evidence:
    """A string seen at junctions in ``join_docs`` of the ``docs`` documents holding it, between
    ``neighbours`` distinct characters on each side."""
    lefts = {chr(0x4E00 + k): 1 for k in range(neighbours)}
    return Evidence(join_docs, docs, lefts=lefts, rights=set(lefts), where={"junction": join_docs})


def test_a_template_inside_another_site_s_longer_template_is_still_found() -> None:
    """One site injects 万利棋牌, another 万利棋牌官网: the second's pages hold 万利棋牌 too,
    inside its own token; they do not count as pages reading 万利棋牌 in place."""
    evidence = {
        "万利棋牌官网": _junction_evidence(60, 60, 40),
        "万利棋牌": _junction_evidence(30, 90, 30),
        "平台": _junction_evidence(30, 900, 30),
    }
    scores = {row["string"]: row["score"] for row in rank(evidence)}
    assert scores["万利棋牌官网"] >= CONFIDENT_SCORE
    assert scores["万利棋牌"] >= CONFIDENT_SCORE
    assert scores["平台"] < CONFIDENT_SCORE  # a word of the language, inside no template


def test_a_line_ending_after_the_same_character_on_most_pages_is_boilerplate() -> None:
    """A footer's 系我们 (联系我们) ends a line on every page; the tokens injected into a few
    of the footers give it other left neighbours, which the count of distinct ones alone would
    read as an ending glued to varied lines."""
    sites = {chr(0x4E00 + k): 1 for k in range(40)}
    footer = Evidence(
        100_000, 100_000, lefts={"联": 99_960, **sites}, rights={"\n"}, where={"line_end": 100_000}
    )
    glued = Evidence(60, 60, lefts={c: 1 for c in list(sites)[:30]} | {"的": 30}, rights={"\n"})
    glued.where["line_end"] = 60
    scores = {row["string"]: row["score"] for row in rank({"系我们": footer, "鸿运国际": glued})}
    assert scores["系我们"] < CONFIDENT_SCORE <= scores["鸿运国际"]


def test_each_side_s_neighbours_fill_on_their_own() -> None:
    """A string first seen inside another site's longer token (万利棋牌|官网: 官 always on its
    right, varied on its left) still gathers its own site's right neighbours afterwards."""
    found: dict[str, Evidence] = {}
    for k in range(NEIGHBOURS_KEPT):
        text = f"{chr(0x4E00 + k)}万利棋牌官网\n"
        _add_document(found, text, text, "a", [(1, 5)])
    for k in range(30):
        text = f"一万利棋牌{chr(0x5000 + k)}\n"
        _add_document(found, text, text, "b", [(1, 5)])
    evidence = found["万利棋牌"]
    assert len(evidence.lefts) == NEIGHBOURS_KEPT
    assert len(evidence.rights) == 31


def test_a_string_inside_a_longer_one_is_left_out_only_without_pages_of_its_own() -> None:
    """包养 inside 包养网 (one token: nearly every page holding 包养 holds it inside 包养网) is
    left out; 万利棋牌, which one site injects while another injects 万利棋牌入口, is kept."""
    token = {"包养网": _junction_evidence(100, 100, 64), "包养": _junction_evidence(90, 105, 64)}
    assert [row["string"] for row in rank(token)] == ["包养网"]
    sites = {
        "万利棋牌入口": _junction_evidence(100, 100, 64),
        "万利棋牌": _junction_evidence(30, 130, 30),
    }
    assert [row["string"] for row in rank(sites)] == ["万利棋牌入口", "万利棋牌"]
