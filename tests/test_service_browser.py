"""The web app of `unspun serve` in headless Chromium, against a real uvicorn server on
loopback: paste a demo copy and see the verdict and the name edit, open a story page, and
make sure a script inside an article never runs. With UNSPUN_WRITE_SCREENSHOTS=1 it saves
docs/serve-trace.png and docs/serve-story.png. Skipped when Chromium or Playwright is
missing (CI installs Chromium)."""

from __future__ import annotations

import importlib.util
import os
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import CHROME_OK
from service_fixtures import ROOT, build_demo_library, copy_with, demo_copies

# Screenshots go to docs/ only when asked (UNSPUN_WRITE_SCREENSHOTS=1): a test run must not
# rewrite committed files.
DOCS = ROOT / "docs" if os.environ.get("UNSPUN_WRITE_SCREENSHOTS") == "1" else None


def _shot(tmp: Any, name: str) -> str:
    return str((DOCS or tmp) / name)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROME_OK
        or importlib.util.find_spec("uvicorn") is None,
        reason="needs /usr/bin/chromium, playwright and uvicorn",
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from unspun.cli.serve import LOOPBACK_NAMES
    from unspun.service import ServeOptions, create_app

    library = build_demo_library(tmp_path_factory.mktemp("serve-browser") / "demo.db")
    port = _free_port()
    app = create_app(library, ServeOptions(allowed_hosts=LOOPBACK_NAMES))  # as `unspun serve`
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                        log_level="warning", access_log=False))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=15)


class Watch:
    """What a page did besides rendering: dialogs, requests, CSP complaints."""

    def __init__(self, page: Any, base: str) -> None:
        self.base = base
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.console: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.console.append(m.text))

    def check(self) -> None:
        assert self.dialogs == []
        assert all(u.startswith(self.base + "/") for u in self.requests), self.requests
        csp = [m for m in self.console if "Content Security Policy" in m]
        assert csp == [], csp  # nothing of ours is blocked: no inline script or style


def _page(browser: Any, base: str) -> tuple[Any, Watch]:
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    return page, Watch(page, base)


def _paste_and_trace(page: Any, base: str, html: str) -> None:
    page.goto(base + "/")
    page.fill("#text", html)
    page.select_option("#format", "html")
    with page.expect_navigation():
        page.click("#trace-button")


def test_paste_copy_see_verdict_and_name_edit(browser: Any, server: str) -> None:
    copy = copy_with("edited", "name")  # demo-000003: Blackwood -> Vasquez
    (source_name, copy_name) = next((e["source_text"], e["copy_text"]) for e in copy.edits
                                    if e["type"] == "name")
    page, watch = _page(browser, server)
    try:
        _paste_and_trace(page, server, copy.page.read_text(encoding="utf-8"))
        badge = page.locator("section#c0 .badge").inner_text()
        assert badge.split()[0].lower() == copy.kind
        # The name edit: listed first among the meaning-changing edits, and marked in both texts.
        first = page.locator("section#c0 table.edits tr").nth(1)
        assert "name" in first.inner_text()
        q_mark = page.locator("section#c0 .sbs .col").nth(0).locator("mark.t-name",
                                                                        has_text=copy_name)
        s_mark = page.locator("section#c0 .sbs .col").nth(1).locator("mark.t-name",
                                                                        has_text=source_name)
        assert q_mark.count() >= 1 and s_mark.count() >= 1
        assert q_mark.first.is_visible()
        colour = q_mark.first.evaluate("e => getComputedStyle(e).backgroundColor")
        assert colour not in ("rgba(0, 0, 0, 0)", "transparent")  # report.css applied
        # Following the edit's link lands on its partner in the source text.
        first.locator("a", has_text="candidate").click()
        assert page.evaluate("document.querySelector(':target').textContent") == source_name
        watch.check()
    finally:
        page.close()


def test_spun_copy_by_keyboard_and_screenshot(browser: Any, server: str, tmp_path: Any) -> None:
    copy = next(c for c in demo_copies() if c.kind == "spun" and c.cluster == "demo-000004")
    page, watch = _page(browser, server)
    try:
        page.goto(server + "/")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip"
        page.keyboard.press("Enter")  # skip link: focus moves to the main content
        for _ in range(8):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "text":
                break
        assert page.evaluate("document.activeElement.id") == "text"
        labels = page.evaluate("Array.from(document.querySelectorAll('textarea,input,select'))"
                               ".filter(e => !e.labels || e.labels.length === 0).length")
        assert labels == 0  # every control has a label
        page.fill("#text", copy.page.read_text(encoding="utf-8"))
        page.select_option("#format", "html")
        page.focus("#text")
        with page.expect_navigation():
            page.keyboard.press("Control+Enter")
        assert page.locator("section#c0 .badge").inner_text().split()[0].lower() == "spun"
        assert page.locator("section#c0 .sbs mark.t-name").count() >= 1
        page.screenshot(path=_shot(tmp_path, "serve-trace.png"))
        watch.check()
    finally:
        page.close()


def test_story_page_shows_lineage(browser: Any, server: str, tmp_path: Any) -> None:
    copy = copy_with("edited", "name")
    page, watch = _page(browser, server)
    try:
        page.goto(server + "/stories")
        rows = page.locator("table.list tr", has_text=copy.original_url[-40:])
        assert rows.count() == 1
        with page.expect_navigation():
            rows.locator("a").first.click()
        assert page.url.startswith(server + "/stories/s")
        svg = page.locator(".svg svg")
        assert svg.count() == 1 and svg.is_visible()
        assert page.locator(".svg svg rect").count() >= 3
        body = page.inner_text("body")
        assert "original" in body and copy.record["site"] in body
        page.screenshot(path=_shot(tmp_path, "serve-story.png"))
        page.click("nav.main a[href='/sites']")
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Sites"
        watch.check()
    finally:
        page.close()


def test_script_inside_an_article_never_runs(browser: Any, server: str) -> None:
    markup = next(c for c in demo_copies() if c.cluster == "demo-markup")
    page, watch = _page(browser, server)
    try:
        page.add_init_script("window.__alerts = 0; window.alert = () => { window.__alerts++; };")
        _paste_and_trace(page, server, markup.page.read_text(encoding="utf-8"))
        page.wait_for_timeout(300)  # give any injected timer or handler a chance to fire
        shown = page.inner_text("body")
        assert "<script>alert(1)</script>" in shown  # shown as text
        assert page.evaluate("window.__alerts") == 0
        scripts = page.evaluate("Array.from(document.scripts).map(s => s.getAttribute('src'))")
        assert scripts == ["/static/app.js"]
        handlers = page.evaluate(
            "Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes))"
            ".filter(a => a.name.startsWith('on')).length")
        assert handlers == 0
        # The same text pasted as plain text, and the stories pages of that article.
        page.goto(server + "/")
        page.fill("#text", "Council flaw\n\nTyping <script>alert(1)</script> and "
                  "<img src=x onerror=alert(2)> into the box ran it. " * 3)
        page.select_option("#format", "text")
        with page.expect_navigation():
            page.click("#trace-button")
        assert page.evaluate("window.__alerts") == 0
        page.goto(server + "/sites")
        page.goto(server + "/stories")
        assert page.evaluate("window.__alerts") == 0
        watch.check()
    finally:
        page.close()

