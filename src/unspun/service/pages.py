"""The web app's pages, rendered on the server from the report and stories renderers.

The trace view IS the HTML report (`unspun.report.html.render_html`): its page body is
placed in the app's frame and its stylesheet served as /static/report.css, so the web app
and `unspun trace --html` show the same thing. Story and site pages reuse
`unspun.stories.html` the same way (links rewritten to the app's routes). Every string from
an article is escaped by those renderers or by `esc` here; the pages hold no inline script
or style (the CSP forbids both) and load only /static/ files.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from unspun.model import TraceResult
from unspun.report.html import esc, render_html
from unspun.stories.html import sites_page, story_page
from unspun.stories.types import StoriesResult, Story

_STORY_LINK = re.compile(r'href="story-(s[0-9a-f]{1,64})\.html"')


def frame(title: str, body: str, *, css: Sequence[str] = (), active: str = "") -> str:
    """A whole page: `body` (already safe HTML) inside the app's header and navigation."""
    links = "".join(f'<link rel="stylesheet" href="/static/{name}">'
                    for name in ("report.css", *css, "app.css"))
    current = ' aria-current="page"'
    nav = "".join(
        f'<a href="{href}"{current if key == active else ""}>{label}</a>'
        for key, href, label in (("trace", "/", "Trace an article"), ("stories", "/stories",
                                 "Stories"), ("sites", "/sites", "Sites"), ("api", "/api", "API")))
    return ('<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="referrer" content="no-referrer">'
            f"<title>{esc(title, 200)} · unspun</title>{links}"
            '<script src="/static/app.js" defer></script></head><body>'
            '<a class="skip" href="#main">Skip to content</a>'
            '<header class="top"><a class="home" href="/">unspun</a>'
            f'<nav class="main" aria-label="Main">{nav}</nav></header>'
            f'<main id="main" tabindex="-1">{body}</main></body></html>\n')


def home_page(articles: int, *, message: str = "", writable: bool = True) -> str:
    """The trace form."""
    alert = f'<p class="error" role="alert">{esc(message, 600)}</p>' if message else ""
    body = (
        "<h1>Where did this article come from, and what did they change?</h1>"
        f'<p class="lead">Paste an article or upload a saved page. It is compared with the '
        f"{articles:,} articles in this library: you get the source it was copied from, the "
        "verdict, the edits that change its meaning, and both texts side by side. Nothing in "
        "it is fetched or run; links in it are never followed.</p>"
        f"{alert}"
        '<form class="trace" method="post" action="/trace" enctype="multipart/form-data" '
        'id="trace-form">'
        '<div class="field"><label for="text">Article text, or the page\'s HTML source</label>'
        '<textarea id="text" name="text" rows="14" spellcheck="false" '
        'aria-describedby="text-help"></textarea>'
        '<p class="help" id="text-help">Paragraphs separated by blank lines; the first line '
        "is the headline unless you give a title. Ctrl+Enter traces.</p></div>"
        '<div class="row">'
        '<div class="field"><label for="format">The pasted text is</label>'
        '<select id="format" name="format"><option value="auto">detected automatically'
        '</option><option value="text">plain text</option><option value="html">HTML source'
        "</option></select></div>"
        '<div class="field"><label for="file">Or upload a file</label>'
        '<input type="file" id="file" name="file" aria-describedby="file-help" '
        'accept=".html,.htm,.txt,.jsonl,.json,.warc,.gz,text/html,text/plain">'
        '<p class="help" id="file-help">HTML, text, JSONL or WARC; the first article in it is '
        "traced. A file wins over pasted text.</p></div></div>"
        '<details class="more"><summary>Title, address and date (optional)</summary>'
        '<div class="row">'
        '<div class="field"><label for="title">Title</label>'
        '<input type="text" id="title" name="title" maxlength="2000"></div>'
        '<div class="field"><label for="url">Where you found it (shown, never opened)</label>'
        '<input type="text" id="url" name="url" maxlength="4096" inputmode="url"></div>'
        '<div class="field"><label for="published">Published</label>'
        '<input type="date" id="published" name="published"></div></div></details>'
        '<div class="actions"><button type="submit" id="trace-button">Trace</button>'
        '<span id="status" role="status" aria-live="polite"></span></div></form>'
        + ("" if writable else '<p class="muted">This server is read-only.</p>')
    )
    return frame("Trace an article", body, active="trace")


def _inner(page: str, open_tag: str, close_tag: str) -> str:
    """What a page of ours has between `open_tag` and the last `close_tag`. Article text in
    those pages is escaped, so neither tag can occur inside it."""
    start = page.index(open_tag) + len(open_tag)
    return page[start : page.rindex(close_tag)]


def trace_page(result: TraceResult, sections: int) -> str:
    """The HTML report of `result`, in the app's frame."""
    report = _inner(render_html(result, max_sections=sections), "<main>", "</main>")
    body = ('<p class="again"><a href="/">← Trace another article</a></p>'
            f'<div class="report">{report}</div>')
    return frame(f"Trace: {result.query.title or result.query.id}", body, active="trace")


def _stories_body(page: str) -> str:
    body = _inner(page, "<body>", "</body>")
    body = re.sub(r"^<nav>.*?</nav>", "", body, count=1, flags=re.S)  # our frame has one
    body = _STORY_LINK.sub(r'href="/stories/\1"', body)
    return body.replace('href="index.html"', 'href="/stories"').replace(
        'href="sites.html"', 'href="/sites"')


def not_computed() -> str:
    return ("<p class=\"error\" role=\"alert\">No stories yet: run <code>unspun stories</code> "
            "on this library (it stores its results in the library), then reload.</p>")


def stories_index(result: StoriesResult | None, page: int, per_page: int = 100) -> str:
    if result is None:
        return frame("Stories", "<h1>Stories</h1>" + not_computed(), active="stories")
    multi = [s for s in result.stories if s.size > 1]
    pages = max(1, -(-len(multi) // per_page))
    page = min(max(1, page), pages)
    shown = multi[(page - 1) * per_page : page * per_page]
    rows = "".join(_story_row(s) for s in shown)
    st = result.stats
    body = (f"<h1>Stories</h1><p>{int(st.get('articles', 0)):,} articles; {len(multi):,} stories "
            f"of two or more articles; {int(st.get('copies', 0)):,} copies. Stories are as the "
            "last <code>unspun stories</code> run left them.</p>"
            '<table class="list"><caption class="sr">Stories, largest first</caption><tr>'
            '<th scope="col">story</th><th scope="col">articles</th><th scope="col">copies</th>'
            '<th scope="col">same story</th><th scope="col">title</th>'
            '<th scope="col">original</th><th scope="col">copy kinds</th></tr>'
            f"{rows}</table>{_pager(page, pages)}")
    return frame("Stories", body, active="stories")


def _story_row(s: Story) -> str:
    first = s.original_urls[0] if s.original_urls else None
    kinds = ", ".join(f"{k} {v}" for k, v in s.verdicts.items())
    return (f'<tr><td><a href="/stories/{esc(s.id)}">{esc(s.id, 40)}</a></td><td>{s.size}</td>'
            f"<td>{s.copies}</td><td>{s.same_story}</td><td>{esc(s.title, 140)}</td>"
            f'<td class="url">{esc(first or "", 160)}</td><td>{esc(kinds, 100)}</td></tr>')


def _pager(page: int, pages: int) -> str:
    if pages <= 1:
        return ""
    prev = f'<a href="/stories?page={page - 1}">← newer pages</a>' if page > 1 else ""
    nxt = f'<a href="/stories?page={page + 1}">more stories →</a>' if page < pages else ""
    return (f'<nav class="pager" aria-label="Pages">{prev}<span>page {page} of {pages}</span>'
            f"{nxt}</nav>")


def story_view(story: Story, result: StoriesResult) -> str:
    body = _stories_body(story_page(story, result))
    return frame(f"Story {story.title}", f'<div class="stories">{body}</div>',
                 css=("stories.css",), active="stories")


def sites_view(result: StoriesResult | None) -> str:
    if result is None:
        return frame("Sites", "<h1>Sites</h1>" + not_computed(), active="sites")
    body = _stories_body(sites_page(result))
    return frame("Sites", f'<div class="stories">{body}</div>', css=("stories.css",),
                 active="sites")


def error_page(status: int, message: str) -> str:
    body = (f"<h1>{status}</h1><p class=\"error\" role=\"alert\">{esc(message, 600)}</p>"
            '<p><a href="/">Back to the trace form</a></p>')
    return frame(f"Error {status}", body)


def api_page(routes: Sequence[tuple[str, str, str]]) -> str:
    rows = "".join(f"<tr><td><code>{esc(m)}</code></td><td><code>{esc(p)}</code></td>"
                   f"<td>{esc(s)}</td></tr>" for m, p, s in routes)
    body = ("<h1>HTTP API</h1><p>The full description is the OpenAPI document at "
            '<a href="/openapi.json">/openapi.json</a>. Errors are JSON '
            "<code>{\"error\": …, \"detail\": …}</code> with status 400 (bad input), 404, "
            "413 (body too large), 415, 422 (invalid fields) or 503 (busy).</p>"
            '<table class="list"><tr><th scope="col">method</th><th scope="col">path</th>'
            f'<th scope="col">what</th></tr>{rows}</table>')
    return frame("API", body, active="api")
