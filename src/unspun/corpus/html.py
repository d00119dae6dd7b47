"""One article as an HTML page with realistic markup and per-outlet furniture.

All article text is escaped (`html.escape`): text such as `<script>` shows as text.
"""

from __future__ import annotations

from html import escape

from unspun.corpus.doc import Doc


def page(doc: Doc) -> str:
    """The page of `doc`: <title>, <h1>, standfirst, figure/figcaption, body, furniture."""
    e = escape
    meta = [
        '<meta charset="utf-8">',
        f"<title>{e(doc.title)} | {e(doc.outlet)}</title>",
        f'<link rel="canonical" href="{e(doc.url)}">',
        f'<meta property="og:title" content="{e(doc.title)}">',
        f'<meta property="og:site_name" content="{e(doc.outlet)}">',
    ]
    if doc.published is not None:
        stamp = doc.published.strftime("%Y-%m-%dT%H:%M:%SZ")
        meta.append(f'<meta property="article:published_time" content="{stamp}">')
    body: list[str] = []
    seen_caption = False
    for role, text in doc.paras:
        t = e(text)
        if role == "standfirst":
            body.append(f'<p class="standfirst">{t}</p>')
        elif role == "caption":
            # the first caption sits in a figure; a repeat is the scraped duplicate
            if not seen_caption:
                body.append(
                    f'<figure><img src="/images/lead.jpg" alt=""><figcaption>{t}'
                    "</figcaption></figure>"
                )
                seen_caption = True
            else:
                body.append(f'<p class="caption">{t}</p>')
        elif role == "furniture":
            body.append(f'<div class="promo">{t}</div>')
        elif role == "credit":
            body.append(f'<p class="credit"><em>{t}</em></p>')
        else:
            body.append(f"<p>{t}</p>")
    time_html = ""
    if doc.published is not None:
        stamp = doc.published.strftime("%Y-%m-%dT%H:%M:%SZ")
        time_html = f'<time datetime="{stamp}">{doc.published:%d %B %Y, %H:%M}</time>'
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            *meta,
            "</head>",
            "<body>",
            f'<header class="site-header"><a class="logo" href="https://{e(doc.site)}/">{e(doc.outlet)}'
            '</a><nav><a href="/news">News</a> <a href="/business">Business</a> '
            '<a href="/sport">Sport</a> <a href="/subscribe">Subscribe</a></nav></header>',
            "<main><article>",
            f"<h1>{e(doc.title)}</h1>",
            f'<div class="byline">{time_html}</div>',
            '<div class="article-body">',
            *body,
            "</div>",
            "</article></main>",
            f'<footer class="site-footer"><p>&copy; {e(doc.outlet)}. All rights reserved.</p>'
            '<p><a href="/privacy">Privacy policy</a> <a href="/terms">Terms</a> '
            '<a href="/contact">Contact us</a></p></footer>',
            "</body>",
            "</html>",
            "",
        ]
    )
