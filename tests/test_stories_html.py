"""The stories HTML overview: hostile text escaped (no markup, no script, no links out), and
in headless Chromium it runs nothing, fetches nothing and draws the pictures. With
UNSPUN_WRITE_SCREENSHOTS=1 the story and sites pages of the demo corpus are saved as
docs/story-page.png and docs/sites-page.png."""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import CHROME_OK
from unspun.eval.stories import cluster_articles
from unspun.library import Library
from unspun.stories import StoriesOptions, StoriesResult, build_stories
from unspun.stories.assemble import assemble
from unspun.stories.html import write_html
from unspun.stories.types import Node, PairResult

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = "<script>alert('x')</script>"
IMG = '"><img src=x onerror="alert(1)">'
JS_URL = "javascript:alert(document.domain)"


def hostile_result() -> StoriesResult:
    nodes = [
        Node("a1", JS_URL, f"evil{SCRIPT}.example", f"Title {SCRIPT}", date(2024, 1, 2), 900),
        Node("b2", f"https://x.example/{IMG}", IMG, f"Copy {IMG}", date(2024, 1, 3), 800),
        Node("c3", "https://y.example/<b>bold</b>", "y.example",
             "Report </title><svg onload=alert(2)>", None, 700),
    ]
    links = [
        PairResult("a1", "b2", "copy", "spun", 0.9, True, 0.9, 0.8, 3, 1, 2,
                   (("name", 1),), (f"reason {SCRIPT}", f"why {IMG}")),
        PairResult("a1", "c3", "same-story", "same-story", 0.8, False, 0.2, 0.2, 0, 0, 0,
                   (), (f"same {SCRIPT}",)),
    ]
    return assemble(nodes, links)


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    res = hostile_result()
    pages = write_html(res, tmp_path)
    assert {p.name for p in pages} >= {"index.html", "sites.html"}
    assert any(p.name.startswith("story-") for p in pages)
    for p in pages:
        html = p.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html and "default-src 'none'" in html
        lowered = html.lower()
        assert "<script" not in lowered and "<img" not in lowered and "onerror=\"" not in lowered
        assert "<b>bold" not in lowered and "<svg onload" not in lowered
        assert "javascript:" not in [h.lower()[:11] for h in re.findall(r'href="([^"]*)"', html)]
        for href in re.findall(r'href="([^"]*)"', html):
            assert re.fullmatch(r"(index|sites|story-s[0-9a-f]{16})\.html", href), href
    story = next(p for p in pages if p.name.startswith("story-")).read_text(encoding="utf-8")
    assert "&lt;script&gt;" in story and "&quot;&gt;&lt;img" in story
    assert "<svg" in story and "marker-end" in story  # the lineage picture is drawn




def _open(browser: Any, path: Path, width: int = 1200) -> tuple[Any, list[str], list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri(), wait_until="load")
    return page, requests, dialogs


@pytest.mark.browser
@pytest.mark.skipif(not CHROME_OK, reason="needs /usr/bin/chromium and playwright")
def test_hostile_pages_run_nothing_in_chromium(browser: Any, tmp_path: Path) -> None:
    for p in write_html(hostile_result(), tmp_path):
        page, requests, dialogs = _open(browser, p)
        assert dialogs == []
        assert all(r.startswith("file://") for r in requests), requests
        if p.name.startswith("story-"):
            assert SCRIPT in page.inner_text("body")  # shown as text
            assert page.locator("svg rect").count() == 3
        page.close()


@pytest.mark.browser
@pytest.mark.skipif(not CHROME_OK, reason="needs /usr/bin/chromium and playwright")
def test_demo_story_and_sites_pages_render(browser: Any, tmp_path: Path) -> None:
    with Library.open(tmp_path / "demo.db") as lib:
        lib.add(cluster_articles(ROOT / "demo" / "clusters.jsonl", []))
        res = build_stories(lib, StoriesOptions(workers=1))
    write_html(res, tmp_path / "out")
    # the story with the most kinds of copy and a same-story report makes the best picture
    story = max((s for s in res.stories if s.same_story), key=lambda s: (s.copies, s.size, s.id))
    page, requests, dialogs = _open(browser, tmp_path / "out" / f"story-{story.id}.html")
    assert dialogs == [] and all(r.startswith("file://") for r in requests)
    assert page.locator("svg rect").count() == story.size
    assert page.locator("svg path[marker-end]").count() == story.copies
    shots = os.environ.get("UNSPUN_WRITE_SCREENSHOTS") == "1"
    page.screenshot(path=str(ROOT / "docs" / "story-page.png" if shots
                             else tmp_path / "story.png"), full_page=True)
    page.close()
    page, requests, dialogs = _open(browser, tmp_path / "out" / "sites.html")
    assert dialogs == [] and all(r.startswith("file://") for r in requests)
    bars = page.locator("svg rect")
    assert bars.count() == min(25, len(res.sites))
    widths = [float(bars.nth(i).get_attribute("width") or 0) for i in range(bars.count())]
    assert widths == sorted(widths, reverse=True) and widths[0] > 0
    page.screenshot(path=str(ROOT / "docs" / "sites-page.png" if shots
                             else tmp_path / "sites.png"), full_page=True)
    page.close()
