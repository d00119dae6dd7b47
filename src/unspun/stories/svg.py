"""Inline SVG pictures for the HTML overview, positions computed here (no script needed).

`lineage_svg`: one story's lineage, layered by generation (x = generation, originals on the
left), one row per article in depth-first order of each copy group, so no two boxes
overlap; copy links are arrows from parent to child labelled with the verdict and the share
of the child the parent explains; same-story links are dashed. `bar_chart_svg`: horizontal
bars. Every piece of text is escaped; nothing from an article becomes markup or a link.
"""

from __future__ import annotations

from html import escape

from unspun.stories.types import Member, StoryEdge

BOX_W, BOX_H, COL_W, ROW_H, PAD = 250, 44, 380, 62, 26
ROLE_FILL = {"original": "#d8f0d8", "copy": "#fde2cf", "same-story": "#e6e6ef"}
VERDICT_STROKE = {"verbatim": "#b3261e", "syndicated": "#b3261e", "edited": "#d9480f",
                  "spun": "#e67700", "translated": "#8f5bd6", "paraphrase": "#1c7ed6",
                  "summary": "#0b7285"}


def clip(text: str | None, n: int) -> str:
    """Printable, at most `n` characters, escaped for HTML/SVG text and attributes."""
    s = "".join(ch if ch.isprintable() else " " for ch in (text or ""))
    return escape(s if len(s) <= n else s[: n - 1] + "…", quote=True)


def layout(members: list[Member]) -> dict[str, tuple[int, int]]:
    """article id -> (column, row): column = generation, rows in depth-first order per copy
    group (groups ordered by their first original's id; same-story members last)."""
    children: dict[str, list[str]] = {}
    for m in members:
        if m.copied_from_id is not None:
            children.setdefault(m.copied_from_id, []).append(m.article_id)
    pos: dict[str, tuple[int, int]] = {}
    row = 0
    roots = sorted((m for m in members if m.copied_from_id is None),
                   key=lambda m: (m.role == "same-story", m.group_id, m.article_id))
    gen = {m.article_id: m.generation for m in members}
    for r in roots:
        stack = [r.article_id]
        while stack:
            i = stack.pop()
            if i in pos:
                continue
            pos[i] = (gen.get(i, 0), row)
            row += 1
            stack.extend(sorted(children.get(i, []), reverse=True))
    for m in members:  # anything unreachable (should not happen) still gets a row
        if m.article_id not in pos:
            pos[m.article_id] = (m.generation, row)
            row += 1
    return pos


def lineage_svg(members: list[Member], edges: list[StoryEdge]) -> str:
    pos = layout(members)
    cols = max((c for c, _ in pos.values()), default=0) + 1
    rows = max((r for _, r in pos.values()), default=0) + 1
    width, height = PAD * 2 + (cols - 1) * COL_W + BOX_W, PAD * 2 + rows * ROW_H

    def xy(i: str) -> tuple[int, int]:
        c, r = pos[i]
        return PAD + c * COL_W, PAD + r * ROW_H

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="lineage graph">',
             '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
             'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
             'fill="#555"/></marker></defs>']
    for e in edges:
        if e.parent not in pos or e.child not in pos:
            continue
        (px, py), (cx, cy) = xy(e.parent), xy(e.child)
        if e.relation == "same-story":
            # drawn as a bracket in the left margin, between articles of the first column
            if pos[e.parent][0] or pos[e.child][0]:
                continue
            y1, y2 = py + BOX_H // 2, cy + BOX_H // 2
            parts.append(f'<path d="M{px},{y1} C{px - 14},{y1} {cx - 14},{y2} {cx},{y2}" '
                         'fill="none" stroke="#888" stroke-dasharray="4 3"/>')
            continue
        if not e.in_lineage:
            continue
        color = VERDICT_STROKE.get(e.verdict, "#555")
        x1, y1 = px + BOX_W, py + BOX_H // 2
        x2, y2 = cx, cy + BOX_H // 2
        mid = (x1 + x2) // 2
        parts.append(f'<path d="M{x1},{y1} C{mid},{y1} {mid},{y2} {x2 - 2},{y2}" fill="none" '
                     f'stroke="{color}" stroke-width="2" marker-end="url(#arrow)"/>')
        label = f"{e.verdict} {e.child_coverage:.0%}"
        parts.append(f'<text x="{mid}" y="{(y1 + y2) // 2 - 4}" text-anchor="middle" '
                     f'font-size="13" fill="{color}" stroke="#fff" stroke-width="4" '
                     f'paint-order="stroke">{clip(label, 24)}</text>')
    for m in members:
        x, y = xy(m.article_id)
        fill = ROLE_FILL.get(m.role, "#eee")
        dash = ' stroke-dasharray="4 3"' if m.role == "same-story" else ""
        date = m.published.isoformat() if m.published else "undated"
        parts.append(f'<g><title>{clip(m.url or m.article_id, 300)}</title>'
                     f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="5" '
                     f'fill="{fill}" stroke="#444"{dash}/>'
                     f'<text x="{x + 8}" y="{y + 18}" font-size="14" font-weight="bold">'
                     f'{clip(m.site or "(no site)", 30)}</text>'
                     f'<text x="{x + 8}" y="{y + 36}" font-size="12" fill="#333">'
                     f'{clip(m.role, 12)} · {clip(date, 12)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def bar_chart_svg(items: list[tuple[str, float, str]], width: int = 760) -> str:
    """Horizontal bars: (label, value in 0..1, note) each; values drawn to scale."""
    label_w, bar_w, row = 230, width - 230 - 120, 24
    height = PAD * 2 + row * max(1, len(items)) + 20
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" role="img" aria-label="bar chart">']
    for k in range(0, 11, 2):
        x = label_w + bar_w * k / 10
        parts.append(f'<line x1="{x:.1f}" y1="{PAD}" x2="{x:.1f}" y2="{height - 20}" '
                     'stroke="#e3e3e3"/>'
                     f'<text x="{x:.1f}" y="{height - 6}" font-size="10" text-anchor="middle" '
                     f'fill="#666">{k / 10:.1f}</text>')
    for i, (label, value, note) in enumerate(items):
        y = PAD + i * row
        v = max(0.0, min(1.0, value))
        parts.append(f'<text x="{label_w - 8}" y="{y + 15}" font-size="12" text-anchor="end">'
                     f'{clip(label, 32)}</text>'
                     f'<rect x="{label_w}" y="{y + 3}" width="{bar_w * v:.1f}" height="{row - 8}" '
                     f'fill="{"#c0392b" if v >= 0.5 else "#e58e26" if v >= 0.25 else "#5b8def"}"/>'
                     f'<text x="{label_w + bar_w * v + 6:.1f}" y="{y + 15}" font-size="11" '
                     f'fill="#333">{v:.2f} {clip(note, 20)}</text>')
    parts.append("</svg>")
    return "".join(parts)
