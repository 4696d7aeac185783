"""The HTML view: marked spans present, and visible when a real browser renders the page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from shanhai_nlp.document import Document
from shanhai_nlp.view.html import render_document

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PROBE = """<script>
const visible = (sel) => [...document.querySelectorAll(sel)].filter(e => {
  const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
}).length;
document.body.setAttribute('data-probe', JSON.stringify({
  spam: visible('div.block del.spam'), repair: visible('div.block ins.repair'),
  ent: visible('div.block span.ent[data-label]'), fig: visible('div.block span.fig[data-value]'),
  blocks: visible('div.block')}));
</script>"""


def test_html_marks_every_layer(seed: Document) -> None:
    page = render_document(seed)
    assert page.count('class="block"') == len(seed.blocks)
    assert page.count('title="repair"') == 2
    assert 'data-value="3.77e+08"' in page
    assert "<script" not in page and "http" not in page  # self-contained, nothing fetched
    assert 'id="count-entities">entities: 108<' in page


def test_html_marks_drafts_and_what_proposed_them(seed: Document) -> None:
    """Drafts have the draft class and say what proposed them; gold spans do not."""
    entity = replace(seed.entities[0], status="draft", source="lac")
    block = replace(seed.blocks[0], status="draft", source="annotate.blocks", score=0.42)
    doc = replace(seed, entities=(entity, *seed.entities[1:]), blocks=(block, *seed.blocks[1:]))
    page = render_document(doc)
    assert page.count('class="ent draft"') == 1
    assert f'title="{entity.label} — draft (by lac)"' in page
    assert page.count('class="block draft"') == 1
    assert "draft (by annotate.blocks, score 0.42)" in page
    assert 'id="count-drafts">drafts: 2<' in page
    assert 'id="count-drafts">drafts: 0<' in render_document(seed)


def _dump_dom(path: Path, *, budget_ms: int) -> subprocess.CompletedProcess[str]:
    """The DOM of a page after headless Chromium has run its scripts for ``budget_ms``."""
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                str(CHROMIUM),
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--virtual-time-budget={budget_ms}",
                "--dump-dom",
                path.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is installed by `make test`")
def test_html_spans_visible_in_headless_chromium(seed: Document, tmp_path: Path) -> None:
    page = render_document(seed).replace("</body>", PROBE + "</body>")
    path = tmp_path / "view.html"
    path.write_text(page, encoding="utf-8")
    result = _dump_dom(path, budget_ms=3000)
    match = re.search(r'data-probe="([^"]*)"', result.stdout)
    assert match, result.stderr[-2000:]
    probe = json.loads(match.group(1).replace("&quot;", '"'))
    # spam inside an entity is split into pieces, so there are at least as many marks as spans
    assert probe["spam"] >= len(seed.spam) and probe["repair"] == 2
    assert probe["ent"] >= len(seed.entities) and probe["fig"] >= len(seed.figures)
    assert probe["blocks"] == len(seed.blocks)


def test_html_escapes_hostile_annotation_values(seed) -> None:
    """Labels and sections come from files anyone can edit: none of their markup reaches the
    page as markup (attribute values included)."""
    from dataclasses import replace
    from html.parser import HTMLParser

    hostile = replace(
        seed,
        entities=(replace(seed.entities[0], label='ORG"><script>alert(1)</script>'),),
        blocks=(replace(seed.blocks[0], section='x" onmouseover="alert(2)'),),
    )

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []
            self.attrs: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self.attrs.extend(name for name, _value in attrs)

    page = render_document(hostile)
    parser = Collect()
    parser.feed(page)
    assert "script" not in parser.tags and "onmouseover" not in parser.attrs
    assert "ORG&quot;&gt;&lt;script&gt;" in page and "x&quot; onmouseover=&quot;" in page


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is installed by `make test`")
def test_html_hostile_annotation_runs_no_script_in_chromium(seed: Document, tmp_path: Path) -> None:
    """The page of a hostile annotation, rendered by Chromium: the scripts in its values never
    run (each would mark the body)."""
    from dataclasses import replace

    mark = "document.body.setAttribute('data-pwned','yes')"
    hostile = replace(
        seed,
        entities=(replace(seed.entities[0], label=f'ORG"><script>{mark}</script>'),),
        blocks=(
            replace(seed.blocks[0], section=f'x" onmouseover="{mark}" onfocus="{mark}'),
            *seed.blocks[1:],
        ),
    )
    path = tmp_path / "hostile.html"
    path.write_text(render_document(hostile), encoding="utf-8")
    result = _dump_dom(path, budget_ms=2000)
    body = re.search(r"<body[^>]*>", result.stdout)
    assert body, result.stderr[-2000:]
    assert "data-pwned" not in body.group()  # the body tag as the page left it: unmarked
    assert "data-pwned" in result.stdout  # the values are there, as text
