"""The HTML report in headless Chromium: hostile article text must render as text, run nothing
and fetch nothing. Skipped when Chromium or Playwright is missing (CI installs Chromium)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import CHROME_OK
from report_fixtures import IMG, MORE_HTML, SCRIPT, analysed_hostile_result, hostile_result
from unspun.report.html import render_html
from unspun.report.sample import sample_result

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROME_OK,
        reason="needs /usr/bin/chromium and the playwright package",
    ),
]


def _open(browser: Any, page_html: str, tmp_path: Path) -> tuple[Any, list[str], list[str]]:
    path = tmp_path / "report.html"
    path.write_text(page_html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri(), wait_until="load")
    return page, requests, dialogs


@pytest.mark.parametrize("analysis", ["hand-built", "analysed"])
def test_hostile_text_runs_nothing_and_fetches_nothing(
    browser: Any, tmp_path: Path, analysis: str
) -> None:
    result = hostile_result() if analysis == "hand-built" else analysed_hostile_result()
    if result is None:
        pytest.skip("unspun.forensics.analyze is not available")
    page, requests, dialogs = _open(browser, render_html(result), tmp_path)
    url = page.url
    try:
        # Interact the way a reader would: open the folded tables, hover marks, follow links.
        for summary in page.query_selector_all("summary"):
            summary.click()
        for selector in ("mark", "a.pb", "table.edits a", ".art"):
            for el in page.query_selector_all(selector)[:6]:
                el.hover()
                el.click()
        page.wait_for_timeout(300)  # give any injected timer or load handler a chance to fire
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert dialogs == []
        assert requests == [url]  # only the page itself was ever requested
        active = page.evaluate(
            "document.querySelectorAll('script,img,iframe,object,embed,link,form,input,"
            "base,meta[http-equiv=refresh]').length"
        )
        assert active == 0
        handlers = page.evaluate(
            "Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes))"
            ".filter(a => a.name.startsWith('on')).length"
        )
        assert handlers == 0
        hrefs = page.evaluate(
            "Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))"
        )
        assert hrefs and all(h.startswith("#c") for h in hrefs)
        shown = page.inner_text("body")
        assert SCRIPT in shown and IMG in shown and "<script>alert(1)</script>" in shown
        assert MORE_HTML.split(" ")[0] in shown  # "<b>bold</b>" shown literally
        assert page.evaluate("document.querySelectorAll('b').length") == page.evaluate(
            "document.querySelectorAll('.vtext b, table b').length"
        )  # every <b> is ours
        assert page.url.startswith(url)  # no navigation away (hash changes only)
    finally:
        page.close()


def test_passage_and_edit_links_jump_to_partner(browser: Any, tmp_path: Path) -> None:
    page, requests, _ = _open(browser, render_html(sample_result()), tmp_path)
    try:
        page.click("#c0-p2-q")  # passage badge 3 on this page's side
        assert page.url.endswith("#c0-p2-s")
        assert page.evaluate("document.querySelector(':target').id") == "c0-p2-s"
        page.click("table.edits tr:nth-child(2) a:text('candidate')")  # first meaning edit
        target = page.evaluate("document.querySelector(':target').textContent")
        assert target == "Holm"
        assert len(requests) == 1
    finally:
        page.close()
