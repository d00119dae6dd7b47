"""The HTML report: one self-contained page, the two texts side by side.

Safety: all article text (and every field that came from a page: title, site, url, notes)
is hostile. Everything goes through `esc` (html.escape with quote=True), in text and in
attribute values alike; article text never reaches a URL, a style or a script. The page
has no script at all and a Content-Security-Policy that forbids any (and any fetch), so
even a bug in escaping could not run code or leak a request. Links are in-page anchors
built from integers only.

Layout: a verdict banner per analysed candidate; the meaning-changing edits first, in a
table linking to where they are in both texts; then the texts side by side, aligned
passages tinted in the same colour on both sides with a numbered badge (click a passage
to jump to its partner), edits coloured by type, artifacts underlined.
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Sequence
from dataclasses import dataclass

from unspun.model import COPY_VERDICTS, EDIT_TYPES, Analysis, Article, Candidate, Edit, TraceResult
from unspun.published import to_iso
from unspun.report.common import (
    EDIT_TEXT,
    VERDICT_TEXT,
    analysed,
    clamp_span,
    direction_text,
    ordered_edits,
)
from unspun.report.html_style import PASSAGE_COLOURS, VERDICT_COLOURS, stylesheet

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)
_TITLE_LIMIT = 300


def esc(value: object, limit: int | None = None) -> str:
    """Escape any value for HTML text or a quoted attribute (quotes escaped too)."""
    s = "" if value is None else str(value)
    if limit is not None and len(s) > limit:
        s = s[: limit - 1] + "…"
    return html.escape(s, quote=True)


def _type_class(kind: str) -> str:
    # Class names are built only from our own fixed vocabulary.
    return kind if kind in EDIT_TYPES else "other"


@dataclass(slots=True, frozen=True)
class _Span:
    start: int
    end: int
    index: int


def _cover(bounds: list[int], spans: Sequence[_Span]) -> list[int]:
    """For each segment [bounds[i], bounds[i+1]), the smallest index of a span covering it."""
    out = [-1] * (len(bounds) - 1)
    for sp in spans:
        if sp.end <= sp.start:
            continue
        for i in range(bisect.bisect_left(bounds, sp.start), bisect.bisect_left(bounds, sp.end)):
            if out[i] < 0 or sp.index < out[i]:
                out[i] = sp.index
    return out


def render_side(
    text: str,
    *,
    cid: str,
    side: str,
    passages: Sequence[tuple[int, int]],
    edits: Sequence[tuple[int, int, Edit]],
    artifacts: Sequence[tuple[int, int, str, str]] = (),
) -> str:
    """One column: `text` with passage tints and badges, edit marks and artifact underlines.

    `side` is "q" or "s"; anchors are `{cid}-p{k}-{side}` (passage k) and `{cid}-e{j}-{side}`
    (edit j, in report order), each linking to the same id on the other side.
    """
    other = "s" if side == "q" else "q"
    n = len(text)
    p_spans = [_Span(*clamp_span(a, b, n), k) for k, (a, b) in enumerate(passages)]
    e_spans = [_Span(*clamp_span(a, b, n), j) for j, (a, b, _) in enumerate(edits)]
    a_spans = [_Span(*clamp_span(a, b, n), i) for i, (a, b, _, _) in enumerate(artifacts)]
    bounds = sorted({0, n, *(x for s in (*p_spans, *e_spans, *a_spans) for x in (s.start, s.end))})
    p_cov, e_cov, a_cov = (_cover(bounds, spans) for spans in (p_spans, e_spans, a_spans))
    # Markers placed at a position, before the text there: passage badges and empty edits.
    markers: dict[int, list[str]] = {}
    for sp in p_spans:
        k = sp.index
        markers.setdefault(sp.start, []).append(
            f'<a class="pb pc{k % len(PASSAGE_COLOURS)}" id="{cid}-p{k}-{side}" '
            f'href="#{cid}-p{k}-{other}" title="passage {k + 1}: jump to its partner">{k + 1}</a>'
        )
    for sp in e_spans:
        if sp.end == sp.start:
            e = edits[sp.index][2]
            markers.setdefault(sp.start, []).append(
                f'<a class="gap t-{_type_class(e.type)}" id="{cid}-e{sp.index}-{side}" '
                f'href="#{cid}-e{sp.index}-{other}" title="{esc(_edit_title(e), _TITLE_LIMIT)}">'
                f"{'+' if side == 's' else '−'}</a>"
            )
    # An edit hidden under an earlier (overlapping) one still needs its anchor.
    owned = set(e_cov)
    for sp in e_spans:
        if sp.end > sp.start and sp.index not in owned:
            markers.setdefault(sp.start, []).append(
                f'<span class="anchor" id="{cid}-e{sp.index}-{side}"></span>'
            )
    seen_edit: set[int] = set()
    out: list[str] = []
    for i in range(len(bounds) - 1):
        start, end = bounds[i], bounds[i + 1]
        out.extend(markers.pop(start, []))
        chunk = esc(text[start:end])
        if a_cov[i] >= 0:
            _, _, kind, note = artifacts[a_cov[i]]
            chunk = (
                f'<span class="art" title="{esc(kind + ": " + note, _TITLE_LIMIT)}">{chunk}</span>'
            )
        href = ""
        j = e_cov[i]
        if j >= 0:
            e = edits[j][2]
            ident = f' id="{cid}-e{j}-{side}"' if j not in seen_edit else ""
            seen_edit.add(j)
            chunk = (
                f'<mark class="t-{_type_class(e.type)}"{ident} '
                f'title="{esc(_edit_title(e), _TITLE_LIMIT)}">{chunk}</mark>'
            )
            href = f"#{cid}-e{j}-{other}"
        k = p_cov[i]
        if k >= 0:
            href = href or f"#{cid}-p{k}-{other}"
            chunk = f'<a class="pc{k % len(PASSAGE_COLOURS)}" href="{href}">{chunk}</a>'
        elif href:
            chunk = f'<a href="{href}">{chunk}</a>'
        out.append(chunk)
    for pos in sorted(markers):
        out.extend(markers[pos])
    return "".join(out)


def _edit_title(e: Edit) -> str:
    return f"{e.type}: {e.source_text or '∅'} → {e.query_text or '∅'}" + (
        f" ({e.note})" if e.note else ""
    )


def _article_meta(a: Article, *, with_url: bool = True) -> str:
    parts = [
        esc(a.site or "unknown site"),
        esc(to_iso(a.published) or "no date"),
    ]
    if a.url and with_url:
        parts.append(f'<span class="muted">{esc(a.url, 300)}</span>')  # shown as text, never linked
    return " · ".join(parts)


def _verdict_block(rank: int, cand: Candidate, a: Analysis) -> str:
    ev = a.evidence
    colour_class = f"v-{a.verdict}" if a.verdict in VERDICT_COLOURS else "v-unrelated"
    counts = ", ".join(
        f"{esc(k)} {int(v)}" for k, v in sorted(ev.edit_counts.items(), key=lambda kv: -kv[1])
    )
    arts = ", ".join(f"{esc(k)} {int(v)}" for k, v in sorted(ev.artifact_counts.items()))
    is_copy = a.verdict in COPY_VERDICTS
    reasons = "".join(f"<li>{esc(r, 400)}</li>" for r in a.direction_reasons)
    notes = "".join(f"<li>{esc(r, 400)}</li>" for r in ev.notes)
    return (
        f'<div class="verdict"><div class="badge {colour_class}">{esc(a.verdict)}'
        f"<small>confidence {a.confidence:.2f}</small></div>"
        f'<div class="vtext"><div><b>{esc(VERDICT_TEXT.get(a.verdict, ""))}</b></div>'
        f"<div>Candidate #{rank + 1}: <b>{esc(cand.article.title or '(untitled)', 300)}</b> "
        f"— {_article_meta(cand.article, with_url=False)}</div>"
        f'<div class="url">{esc(cand.article.url or "", 300)}</div>'
        f"<div><b>Which is the copy:</b> {esc(direction_text(a) if is_copy else 'not a copy')}"
        f"{f'<ul>{reasons}</ul>' if reasons else ''}</div>"
        f"<div><b>Evidence:</b> covers {100 * ev.query_coverage:.0f}% of this page and "
        f"{100 * ev.source_coverage:.0f}% of the candidate in {int(ev.passages)} passage(s); "
        f"edits: {counts or 'none'}; artifacts: {arts or 'none'}"
        f"{f'<ul>{notes}</ul>' if notes else ''}</div></div></div>"
    )


def _context(text: str, start: int, end: int, width: int = 55) -> str:
    """`…before <b>span</b> after…` from `text`, escaped; paragraph breaks shown as ¶."""
    start, end = clamp_span(start, end, len(text))
    lo, hi = max(0, start - width), min(len(text), end + width)
    if lo > 0 and " " in text[lo:start]:  # start and end on word boundaries
        lo = text.index(" ", lo, start) + 1
    if hi < len(text) and " " in text[end:hi]:
        hi = text.rindex(" ", end, hi)

    def part(a: int, b: int) -> str:
        return esc(text[a:b].replace("\n\n", " ¶ ").replace("\n", " "))

    return (
        ("…" if lo > 0 else "")
        + part(lo, start)
        + f"<b>{part(start, end) or '^'}</b>"
        + part(end, hi)
        + ("…" if hi < len(text) else "")
    )


def _edits_table(
    cid: str, query: Article, source: Article, edits: Sequence[Edit], order: dict[int, int]
) -> str:
    rows = []
    for e in edits:
        j = order[id(e)]
        kind = _type_class(e.type)
        # Where the change sits, in the copy (or in the source for text the copy left out).
        if e.q_end > e.q_start or e.s_end <= e.s_start:
            context = _context(query.text, e.q_start, e.q_end)
        else:
            context = "source: " + _context(source.text, e.s_start, e.s_end)
        rows.append(
            f'<tr><td><span class="tag t-{kind}">{esc(e.type)}</span></td>'
            f'<td><span class="old">{esc(e.source_text or "∅", 300)}</span> → '
            f'<span class="new">{esc(e.query_text or "∅", 300)}</span></td>'
            f'<td class="ctx">{context}</td>'
            f'<td class="muted">{esc(e.note or EDIT_TEXT.get(e.type, ""), 300)}</td>'
            f'<td class="where"><a href="#{cid}-e{j}-q">this page</a> · '
            f'<a href="#{cid}-e{j}-s">candidate</a></td></tr>'
        )
    return (
        '<table class="edits"><tr><th>type</th><th>candidate said → this page says</th>'
        "<th>in context</th><th>note</th><th>where</th></tr>" + "".join(rows) + "</table>"
    )


def _legend() -> str:
    chips = "".join(
        f'<span><span class="k t-{k}">{esc(k)}</span> {esc(EDIT_TEXT[k])}</span>' for k in EDIT_TEXT
    )
    return (
        f'<div class="legend">{chips}<span><span class="k art">wavy</span> artifact</span>'
        '<span><a class="pb pc0">1</a>passage pair: same tint on both sides, click to jump</span>'
        '<span><span class="gap t-insertion">+</span> / <span class="gap t-deletion">−</span> '
        "text this page added / left out here</span>"
        "</div>"
    )


def _candidate_section(rank: int, query: Article, cand: Candidate, a: Analysis) -> str:
    cid = f"c{rank}"
    edits = ordered_edits(a.edits)
    order = {id(e): j for j, e in enumerate(edits)}
    meaning = [e for e in edits if e.changes_meaning]
    other: dict[str, int] = {}
    for e in edits:
        if not e.changes_meaning:
            other[e.type] = other.get(e.type, 0) + 1
    parts = [f'<section class="cand" id="{cid}">', _verdict_block(rank, cand, a)]
    if meaning:
        parts.append(f"<h2>Edits that change meaning ({len(meaning)})</h2>")
        parts.append(_edits_table(cid, query, cand.article, meaning, order))
    elif a.verdict not in COPY_VERDICTS:
        parts.append("<h2>Not a copy, so no edits are listed</h2>")
    else:
        parts.append("<h2>No edit changes the meaning</h2>")
    if other:
        minor = ", ".join(f"{esc(k)} {v}" for k, v in sorted(other.items()))
        rest = [e for e in edits if not e.changes_meaning]
        parts.append(
            f"<details><summary>Other edits: {minor}</summary>"
            f"{_edits_table(cid, query, cand.article, rest, order)}</details>"
        )
    parts.append(_legend())
    q_side = render_side(
        query.text,
        cid=cid,
        side="q",
        passages=[(p.q_start, p.q_end) for p in a.passages],
        edits=[(e.q_start, e.q_end, e) for e in edits],
        artifacts=[(x.start, x.end, x.kind, x.note) for x in a.artifacts],
    )
    s_side = render_side(
        cand.article.text,
        cid=cid,
        side="s",
        passages=[(p.s_start, p.s_end) for p in a.passages],
        edits=[(e.s_start, e.s_end, e) for e in edits],
    )
    parts.append(
        '<div class="sbs">'
        f'<div class="col"><h3>This page — {esc(query.site or "query")}</h3>'
        f'<div class="text">{q_side}</div></div>'
        f'<div class="col"><h3>Candidate #{rank + 1} — {esc(cand.article.site or "source")}</h3>'
        f'<div class="text">{s_side}</div></div></div></section>'
    )
    return "".join(parts)


def _nav(candidates: Sequence[Candidate], shown: set[int]) -> str:
    items = []
    for i, c in enumerate(candidates):
        label = f"#{i + 1} " + (c.analysis.verdict if c.analysis else "not analysed")
        label += f" · {c.article.site or c.article.title or c.article.id}"
        if i in shown:
            items.append(f'<a href="#c{i}">{esc(label, 120)}</a>')
        else:
            items.append(f'<span title="score {c.score:.2f}">{esc(label, 120)}</span>')
    return f'<nav class="cands">{"".join(items)}</nav>' if items else ""


def render_html(result: TraceResult, *, max_sections: int = 5) -> str:
    """The whole report page for `result` (the first `max_sections` analysed candidates in full)."""
    q = result.query
    done = analysed(result.candidates)[:max_sections]
    shown = {rank for rank, _, _ in done}
    body = [
        '<header><div class="brand">unspun report · where did this article come from, '
        "and what did they change?</div>",
        f"<h1>{esc(q.title or '(untitled)', 400)}</h1>",
        f'<div class="meta">{_article_meta(q)}</div></header>',
        _nav(result.candidates, shown),
    ]
    if not result.candidates:
        body.append("<h2>No candidate source found.</h2>")
    elif not done:
        body.append("<h2>No candidate was analysed.</h2>")
    body += [_candidate_section(rank, q, c, a) for rank, c, a in done]
    if result.inspection is not None:
        from unspun.report.inspection import inspection_html

        body.append(inspection_html(q, result.inspection))
    body.append(
        "<footer>Offsets refer to each article's normalised text. Generated by unspun; "
        "this page contains no script and loads nothing.</footer>"
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>unspun: {esc(q.title or q.id, 200)}</title>"
        f"<style>{stylesheet()}</style></head><body><main>"
        + "\n".join(body)
        + "</main></body></html>\n"
    )
