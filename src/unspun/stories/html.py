"""The static HTML overview: `index.html` (stories), one `story-<id>.html` per story of two or
more articles (lineage picture, members, every link with its evidence), `sites.html` (a
chart of content-farm scores and the profiles).

Self-contained and safe with hostile text: no script, no external resource, a
Content-Security-Policy that forbids both, every string escaped, article URLs shown as
text (never links). Story pages beyond `max_pages` (largest stories first) are not written;
the index says so; it lists at most `INDEX_ROWS` stories.
"""

from __future__ import annotations

import os
from pathlib import Path

from unspun.stories.svg import bar_chart_svg, clip, lineage_svg
from unspun.stories.types import Member, StoriesResult, Story, StoryEdge

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
       "base-uri 'none'; form-action 'none'")
#: Stories listed on the index page (largest first); the rest are in the tables.
INDEX_ROWS = 5000
STYLE = """body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f4f4f4}.url{font-family:monospace;font-size:12px;word-break:break-all}
.muted{color:#666}.role-original{color:#176317;font-weight:bold}.role-copy{color:#a34700}
.role-same-story{color:#555}nav a{margin-right:14px}.svg{overflow-x:auto;border:1px solid #ddd;
padding:6px;background:#fff}small{color:#666}"""


def page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
            "<meta name=\"referrer\" content=\"no-referrer\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{clip(title, 120)}</title><style>{STYLE}</style></head><body>"
            "<nav><a href=\"index.html\">stories</a><a href=\"sites.html\">sites</a></nav>"
            f"{body}</body></html>\n")


def _story_file(s: Story) -> str:
    return f"story-{s.id}.html"  # ids are "s" + hex digits: safe as a file name


def index_page(result: StoriesResult, linked: set[str]) -> str:
    """The stories page. Counts come from `result.stats` when there (an engine that draws a
    sample of its stories gives the whole run's), else from `result`; the same-story links
    counted are those the edges table holds."""
    st = result.stats
    multi = [s for s in result.stories if s.size > 1]
    n_multi = int(st.get("multi_article_stories", len(multi)))
    n_stories = int(st.get("stories", len(result.stories)))
    n_same = st.get("same_story_links",
                    sum(1 for e in result.edges if e.relation == "same-story"))
    listed = multi[:INDEX_ROWS]
    rows = []
    for s in listed:
        name = (f'<a href="{_story_file(s)}">{clip(s.id, 40)}</a>' if s.id in linked
                else clip(s.id, 40))
        first = s.original_urls[0] if s.original_urls else None
        kinds = ", ".join(f"{k} {v}" for k, v in s.verdicts.items())
        rows.append(f"<tr><td>{name}</td><td>{s.size}</td><td>{s.copies}</td>"
                    f"<td>{s.same_story}</td><td>{clip(s.title, 100)}</td>"
                    f"<td class=\"url\">{clip(first, 120)}</td>"
                    f"<td>{clip(kinds, 80)}</td></tr>")
    missing = n_multi - len(linked & {s.id for s in multi})
    note = (f"<p class=\"muted\">{missing} smaller stories have no page of their own "
            "(see stories.parquet).</p>" if missing else "")
    if n_multi > len(listed):
        note += (f"<p class=\"muted\">The {len(listed)} largest stories are listed; "
                 f"{n_multi - len(listed)} more are in stories.parquet.</p>")
    body = (f"<h1>Stories</h1><p>{st.get('articles', 0)} articles; {n_multi} stories of "
            f"two or more articles; {st.get('copies', 0)} copies; "
            f"{n_same} same-story links; {n_stories - n_multi} articles alone.</p>{note}"
            "<table><tr><th>story</th><th>articles</th><th>copies</th><th>same story</th>"
            "<th>title</th><th>original</th><th>copy kinds</th></tr>"
            + "".join(rows) + "</table>")
    return page("unspun stories", body)


def _edge_row(e: StoryEdge, urls: dict[str, str | None]) -> str:
    edits = clip(", ".join(f"{k} {v}" for k, v in sorted(e.edit_counts.items())), 200)
    how = f"direction from {clip(e.direction, 10)}: " if e.relation == "copy" else ""
    return (f"<tr><td>{clip(e.relation, 12)}{' (lineage)' if e.in_lineage else ''}</td>"
            f"<td class=\"url\">{clip(urls.get(e.parent) or e.parent, 160)}</td>"
            f"<td class=\"url\">{clip(urls.get(e.child) or e.child, 160)}</td>"
            f"<td>{clip(e.verdict, 16)} {e.confidence:.2f}</td>"
            f"<td>{e.child_coverage:.0%} / {e.parent_coverage:.0%}</td>"
            f"<td>{e.meaning_edits} <small>{edits}</small></td>"
            f"<td><small>{how}"
            f"{'<br>'.join(clip(r, 300) for r in e.reasons)}</small></td></tr>")


def story_page(s: Story, result: StoriesResult) -> str:
    """The page of one story."""
    members = [m for m in result.members if m.story_id == s.id]
    edges = [e for e in result.edges if e.story_id == s.id]
    return _story_page(s, members, edges)


def _story_page(s: Story, members: list[Member], edges: list[StoryEdge]) -> str:
    urls = {m.article_id: m.url for m in members}
    order = {"original": 0, "copy": 1, "same-story": 2}
    members = sorted(members, key=lambda m: (order.get(m.role, 3), m.generation, m.article_id))
    copy_edges = [e for e in edges if e.relation == "copy"]
    same_edges = [e for e in edges if e.relation != "copy"]
    head = ("<tr><th>link</th><th>from</th><th>to</th><th>verdict</th><th>covers to/from</th>"
            "<th>meaning edits</th><th>why</th></tr>")
    rows = "".join(
        f"<tr><td class=\"role-{clip(m.role, 12)}\">{clip(m.role, 12)}</td>"
        f"<td>{m.generation}</td>"
        f"<td>{clip(m.site, 60)}</td>"
        f"<td>{clip(m.published.isoformat() if m.published else 'undated', 12)}</td>"
        f"<td>{clip(m.title, 120)}"
        f"<div class=\"url\">{clip(m.url or m.article_id, 200)}</div></td>"
        f"<td class=\"url\">{clip(m.copied_from, 200)}</td>"
        f"<td>{clip(m.verdict, 16)}{'' if m.confidence is None else f' {m.confidence:.2f}'}</td>"
        "</tr>" for m in members)
    body = (f"<h1>{clip(s.title, 200)}</h1>"
            f"<p class=\"muted\">story {clip(s.id, 40)} · {s.size} articles · {s.copies} copies "
            f"· {s.same_story} same-story · {s.sites} sites · {s.meaning_edits} copies with "
            "meaning-changing edits</p>"
            "<h2>Lineage</h2><p class=\"muted\">Left to right: the original, then each "
            "generation of copies; arrows go from the article copied to the copy, labelled "
            "with the kind of copy and the share of the copy it explains. Dashed: same story, "
            "independent reporting.</p>"
            f"<div class=\"svg\">{lineage_svg(members, edges)}</div>"
            "<h2>Articles</h2><table><tr><th>role</th><th>gen.</th><th>site</th><th>date</th>"
            "<th>title / url</th><th>copied from</th><th>verdict</th></tr>" + rows + "</table>"
            f"<h2>Copy links and their evidence ({len(copy_edges)})</h2><table>{head}"
            + "".join(_edge_row(e, urls) for e in copy_edges) + "</table>"
            f"<details><summary><b>Same-story links ({len(same_edges)})</b>: independent "
            f"reports of the same event, not copies</summary><table>{head}"
            + "".join(_edge_row(e, urls) for e in same_edges) + "</table></details>")
    return page(f"story {s.id}", body)


def sites_page(result: StoriesResult, chart_top: int = 25) -> str:
    items = [(p.site, p.farm_score, f"({p.copies}/{p.articles})")
             for p in result.sites[:chart_top]]
    rows = "".join(
        f"<tr><td>{clip(p.site, 60)}</td><td>{p.articles}</td><td>{p.originals}</td>"
        f"<td>{p.copies}</td><td>{p.share_spun_or_translated:.0%}</td>"
        f"<td>{p.share_meaning_edits:.0%}</td>"
        f"<td>{'-' if p.median_delay_days is None else f'{p.median_delay_days:g}'}</td>"
        f"<td><b>{p.farm_score:.2f}</b></td>"
        f"<td><small>{'<br>'.join(clip(r, 240) for r in p.reasons)}</small></td></tr>"
        for p in result.sites)
    body = ("<h1>Sites</h1><p class=\"muted\">Content-farm score: half the share of a site's "
            "articles that are copies, plus the share of its copies that are spun or "
            "translated, with meaning-changing edits, and whether it is ever the original; "
            "shrunk for sites with few articles. Bars: the "
            f"{len(items)} highest (copies/articles in brackets).</p>"
            f"<div class=\"svg\">{bar_chart_svg(items)}</div>"
            "<h2>Profiles</h2><table><tr><th>site</th><th>articles</th><th>originals</th>"
            "<th>copies</th><th>spun/transl.</th><th>meaning edits</th><th>delay (days)</th>"
            "<th>score</th><th>reasons</th></tr>" + rows + "</table>")
    return page("unspun sites", body)


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_html(result: StoriesResult, out: str | Path, max_pages: int = 500) -> list[Path]:
    """Write the overview under `out`; return the pages written."""
    d = Path(out)
    d.mkdir(parents=True, exist_ok=True)
    by_story = result.story_members()
    edges_by: dict[str, list[StoryEdge]] = {}
    for e in result.edges:
        edges_by.setdefault(e.story_id, []).append(e)
    multi = [s for s in result.stories if s.size > 1][:max_pages]
    written: list[Path] = []
    for s in multi:
        p = d / _story_file(s)
        _write(p, _story_page(s, by_story.get(s.id, []), edges_by.get(s.id, [])))
        written.append(p)
    for name, text in (("index.html", index_page(result, {s.id for s in multi})),
                       ("sites.html", sites_page(result))):
        _write(d / name, text)
        written.append(d / name)
    return written
