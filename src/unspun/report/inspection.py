"""The inspection section, in the three report forms: JSON data, terminal, HTML.

Used on its own by `unspun inspect` and inside the trace report when no source is found.
Article text is hostile here as everywhere: the terminal gets `rich.text.Text` of cleaned
strings only, the HTML gets everything through `html.esc`.
"""

from __future__ import annotations

import math
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from unspun.inspection.types import Inspection
from unspun.model import Article
from unspun.report.common import clamp_span

_DIGITS = 4
#: Plain words for each flag kind (legends, headings).
FLAG_TEXT: dict[str, str] = {
    "nonsense-word": "a word no dictionary knows, where an ordinary word belongs",
    "broken-attribution": "who said it, broken into a stray fragment",
    "fragment": "a dangling sentence fragment (translation debris)",
    "duplicate": "a paragraph printed twice",
    "furniture": "site furniture left in the text",
    "spelling-mix": "US and UK spelling mixed",
    "garbled-name": "a name spelled unlike the library's articles",
    "function-words": "function words unlike ordinary English",
    "rare-words": "odd synonyms where common words belong",
    "headline-mismatch": "a headline the body does not echo",
}


def _f(x: float) -> float:
    return round(float(x), _DIGITS) if math.isfinite(x) else 0.0


def verdict_text(ins: Inspection) -> str:
    if ins.rewritten:
        return "looks machine-rewritten (spun or machine-translated)"
    if ins.score >= ins.threshold / 2:
        return "some signs of machine rewriting, not enough to say"
    return "no clear sign of machine rewriting"


def inspection_to_dict(ins: Inspection) -> dict[str, Any]:
    """The inspection as plain, deterministic JSON data (documented in docs/json-schema.md)."""
    return {
        "score": _f(ins.score),
        "rewritten": ins.rewritten,
        "threshold": _f(ins.threshold),
        "summary": verdict_text(ins),
        "flags": [{"kind": f.kind, "start": f.start, "end": f.end, "text": f.text,
                   "reason": f.reason} for f in ins.flags],
        "features": {k: _f(v) for k, v in ins.features.items()},
        "contributions": [{"feature": k, "log_odds": _f(v)} for k, v in ins.contributions],
        "garbled_names": [{"name": g.name, "start": g.start, "end": g.end,
                           "library_name": g.library_name, "articles": g.articles,
                           "in_context": g.in_context, "context": list(g.context),
                           "page_spelling_articles": g.page_spelling_articles}
                          for g in ins.garbled],
        "where_to_look": {
            "phrases": list(ins.phrases),
            "query": ins.query,
            "library_articles": [{"id": ld.article_id, "url": ld.url, "site": ld.site,
                                  "title": ld.title, "published": ld.published,
                                  "score": _f(ld.score), "verdict": ld.verdict}
                                 for ld in ins.leads],
        },
        "notes": list(ins.notes),
    }


# ---- terminal --------------------------------------------------------------------------

def _clean(s: str | None, limit: int = 300) -> str:
    from unspun.report.terminal import clean

    return clean(s, limit)


def inspection_panel(article: Article, ins: Inspection) -> Panel:
    """The section as one Rich panel."""
    from unspun.report.terminal import _context

    style = "bold white on red" if ins.rewritten else "bold black on grey70"
    head = Text(f" SCORE {ins.score:.2f} ", style=style)
    head.append(f"  {verdict_text(ins)}", style="italic")
    head.append(f"  (threshold {ins.threshold:.2f})", style="dim")
    rows: list[Any] = [head]
    if ins.contributions:
        why = ", ".join(f"{k} {v:+.1f}" for k, v in ins.contributions[:4])
        rows.append(Text(f"What moved the score (log-odds): {_clean(why)}", style="dim"))
    if ins.flags:
        table = Table(show_header=True, header_style="bold", expand=True)
        table.add_column("flag", no_wrap=True)
        table.add_column("at", justify="right", no_wrap=True)
        table.add_column("in context (this page)", ratio=3)
        table.add_column("why", ratio=3)
        for f in ins.flags[:40]:
            s, e = clamp_span(f.start, f.end, len(article.text))
            where = _context(article.text, s, e) if f.text else Text("(whole text)", style="dim")
            table.add_row(Text(f.kind, style="bold"), Text(f"{s}:{e}"), where,
                          Text(_clean(f.reason), style="dim"))
        rows.append(table)
    else:
        rows.append(Text("No flag raised.", style="bold"))
    if ins.garbled:
        rows.append(Text("Names against the library:", style="bold"))
        for g in ins.garbled:
            rows.append(Text(_clean(f"  • probably garbled: {article.text[g.start:g.end]} "
                                    f"(library: {g.library_name.capitalize()}, {g.articles} "
                                    f"articles)")))
    rows.append(Text("Where to look:", style="bold"))
    if ins.query:
        rows.append(Text(_clean(f"  search for: {ins.query}", 400)))
    for p in ins.phrases:
        rows.append(Text(_clean(f"  • {p}", 300)))
    for ld in ins.leads:
        verdict = ld.verdict or "not analysed"
        rows.append(Text(_clean(f"  ◦ library: {ld.title or ld.article_id} · {ld.site or '?'} · "
                                f"{ld.published or 'no date'} · {verdict}", 300)))
    if not ins.leads:
        rows.append(Text("  no library article on the same event", style="dim"))
    for n in ins.notes:
        rows.append(Text(_clean(f"note: {n}"), style="dim"))
    return Panel(Group(*rows), title=Text("what the page itself shows"), title_align="left")


def render_inspection(article: Article, ins: Inspection, console: Console) -> None:
    """`unspun inspect`'s terminal report."""
    from unspun.report.terminal import _article_line, _t

    title = Text("unspun inspect · ", style="bold")
    title.append_text(_t(article.title or "(untitled)", "bold", 200))
    console.print(title)
    console.print(_article_line(article))
    console.print(inspection_panel(article, ins))


# ---- HTML ------------------------------------------------------------------------------

def inspection_html(article: Article, ins: Inspection) -> str:
    """The section as an HTML fragment (every page-derived string escaped)."""
    from unspun.report.html import _context, esc

    parts = [f'<section class="inspect" id="inspect"><h2>What the page itself shows: score '
             f'{ins.score:.2f} · {esc(verdict_text(ins))}</h2>']
    if ins.contributions:
        parts.append("<p class=\"meta\">What moved the score (log-odds): "
                     + esc(", ".join(f"{k} {v:+.1f}" for k, v in ins.contributions[:5]))
                     + "</p>")
    if ins.flags:
        parts.append('<table class="edits"><tr><th>flag</th><th>at</th><th>in context</th>'
                     '<th>why</th></tr>')
        for f in ins.flags[:60]:
            s, e = clamp_span(f.start, f.end, len(article.text))
            ctx = _context(article.text, s, e) if f.text else "(whole text)"
            parts.append(f"<tr><td>{esc(f.kind)}</td><td>{s}:{e}</td><td>{ctx}</td>"
                         f"<td>{esc(f.reason, 400)}</td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p>No flag raised.</p>")
    parts.append("<h3>Where to look</h3>")
    if ins.query:
        parts.append(f"<p>Search for: <code>{esc(ins.query, 400)}</code></p>")
    if ins.phrases:
        parts.append("<ul>" + "".join(f"<li>{esc(p, 300)}</li>" for p in ins.phrases) + "</ul>")
    if ins.leads:
        parts.append("<p>Library articles on the same event:</p><ul>" + "".join(
            f"<li>{esc(ld.title or ld.article_id, 200)} · {esc(ld.site or '?')} · "
            f"{esc(ld.published or 'no date')} · {esc(ld.verdict or 'not analysed')}"
            + (f" · {esc(ld.url, 300)}" if ld.url else "") + "</li>" for ld in ins.leads)
            + "</ul>")
    for n in ins.notes:
        parts.append(f'<p class="meta">{esc(n, 400)}</p>')
    parts.append("</section>")
    return "".join(parts)


def inspection_page(article: Article, ins: Inspection) -> str:
    """`unspun inspect --html`: a whole self-contained page (no script, same CSP)."""
    from unspun.report.html import CSP, _article_meta, esc
    from unspun.report.html_style import stylesheet

    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>unspun inspect: {esc(article.title or article.id, 200)}</title>"
        f"<style>{stylesheet()}</style></head><body><main>"
        f"<header><h1>{esc(article.title or '(untitled)', 400)}</h1>"
        f'<div class="meta">{_article_meta(article)}</div></header>'
        + inspection_html(article, ins)
        + "<footer>Offsets refer to the article's normalised text. Generated by unspun; "
        "this page contains no script and loads nothing.</footer></main></body></html>\n"
    )
