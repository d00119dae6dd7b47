"""The terminal report (Rich): the verdict first, then the edits that change meaning.

Article text is hostile: it is only ever put in `rich.text.Text` objects (never parsed as
markup, so "[bold]" or "[link=...]" prints literally), and every string is stripped of
control characters first (an ESC in a title must not drive the terminal).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from unspun.model import COPY_VERDICTS, Analysis, Article, Candidate, Edit, TraceResult
from unspun.published import to_iso
from unspun.report.common import (
    EDIT_TEXT,
    VERDICT_TEXT,
    analysed,
    clamp_span,
    direction_text,
    ordered_edits,
)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTEXT = 40

VERDICT_STYLE = {
    "verbatim": "bold white on red",
    "edited": "bold white on red",
    "spun": "bold white on red",
    "translated": "bold white on dark_orange3",
    "paraphrase": "bold white on dark_orange3",
    "summary": "bold white on dark_orange3",
    "syndicated": "bold white on blue",
    "same-story": "bold black on green",
    "unrelated": "bold black on grey70",
}
EDIT_STYLE = {
    "name": "bold red",
    "number": "bold dark_orange",
    "quote": "bold magenta",
    "attribution": "bold purple",
    "negation": "bold red3",
    "insertion": "bold green4",
    "deletion": "grey50",
    "synonym": "cyan",
}


def clean(text: str | None, limit: int = 2_000) -> str:
    """A string safe to print: control and bidi-override characters removed, length capped."""
    s = _CONTROL.sub("", text or "").replace("\n\n", " ¶ ").replace("\n", " ").replace("\t", " ")
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _t(text: str | None, style: str = "", limit: int = 2_000) -> Text:
    return Text(clean(text, limit), style=style)


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def _article_line(a: Article) -> Text:
    parts = [clean(a.site) or "unknown site", to_iso(a.published) or "no date"]
    line = Text(" · ".join(parts), style="dim")
    if a.url:
        line.append("  ")
        line.append(clean(a.url, 200), style="dim underline")
    return line


def _context(text: str, start: int, end: int) -> Text:
    """`…before [changed] after…` around a span of `text`."""
    start, end = clamp_span(start, end, len(text))
    lo, hi = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
    out = Text("…" if lo > 0 else "", style="dim")
    out.append(clean(text[lo:start]), style="dim")
    out.append(clean(text[start:end]) or "^", style="bold reverse")
    out.append(clean(text[end:hi]), style="dim")
    if hi < len(text):
        out.append("…", style="dim")
    return out


def _verdict_panel(rank: int, cand: Candidate, a: Analysis) -> Panel:
    head = Text(f" {a.verdict.upper()} ", style=VERDICT_STYLE.get(a.verdict, "bold"))
    head.append(f"  confidence {a.confidence:.2f}   ", style="bold")
    head.append(VERDICT_TEXT.get(a.verdict, ""), style="italic")
    rows: list[Text] = [head, Text()]
    src = Text("Candidate: ", style="bold")
    src.append_text(_t(cand.article.title or "(untitled)", limit=200))
    rows += [src, _article_line(cand.article)]
    who = Text("Which is the copy: ", style="bold")
    who.append(direction_text(a) if a.verdict in COPY_VERDICTS else "not a copy")
    rows.append(who)
    rows += [_t(f"  • {r}", limit=300) for r in a.direction_reasons]
    ev = a.evidence
    counts = ", ".join(f"{k} {v}" for k, v in sorted(ev.edit_counts.items(), key=lambda kv: -kv[1]))
    arts = ", ".join(f"{k} {v}" for k, v in sorted(ev.artifact_counts.items()))
    evid = Text("Evidence: ", style="bold")
    evid.append(
        f"covers {_pct(ev.query_coverage)} of this page and {_pct(ev.source_coverage)} of the "
        f"candidate in {ev.passages} passage(s); edits: {counts or 'none'}; "
        f"artifacts: {arts or 'none'}"
    )
    rows.append(evid)
    rows += [_t(f"  • {n}", limit=300) for n in ev.notes]
    return Panel(Group(*rows), title=Text(f"candidate #{rank + 1}"), title_align="left")


def _edits_table(query: Article, edits: Sequence[Edit], limit: int) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True, show_lines=False)
    table.add_column("type", no_wrap=True)
    table.add_column("source said → this page says", ratio=2)
    table.add_column("in context (this page)", ratio=3)
    table.add_column("note", ratio=1)
    for e in edits[:limit]:
        change = _t(e.source_text or "∅", "strike", 300)
        change.append(" → ")
        change.append_text(_t(e.query_text or "∅", "bold", 300))
        table.add_row(
            _t(e.type, EDIT_STYLE.get(e.type, "")),
            change,
            _context(query.text, e.q_start, e.q_end),
            _t(e.note or EDIT_TEXT.get(e.type, ""), "dim", 200),
        )
    return table


def _passages_table(query: Article, source: Article, a: Analysis, limit: int) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("sim", justify="right", no_wrap=True)
    table.add_column("this page", ratio=1)
    table.add_column("candidate", ratio=1)
    for i, p in enumerate(a.passages[:limit]):
        qs, qe = clamp_span(p.q_start, p.q_end, len(query.text))
        ss, se = clamp_span(p.s_start, p.s_end, len(source.text))
        table.add_row(
            str(i + 1),
            f"{p.similarity:.2f}",
            _t(f"[{qs}:{qe}] " + query.text[qs:qe], limit=160),
            _t(f"[{ss}:{se}] " + source.text[ss:se], limit=160),
        )
    return table


def render_terminal(
    result: TraceResult, console: Console, *, max_edits: int = 30, max_passages: int = 12
) -> None:
    """Print the report of `result` on `console`: per analysed candidate, verdict then edits."""
    q = result.query
    title = Text("unspun · ", style="bold")
    title.append_text(_t(q.title or "(untitled)", "bold", 200))
    console.print(title)
    console.print(_article_line(q))
    done = analysed(result.candidates)
    if not result.candidates:
        console.print(Text("No candidate source found.", style="bold"))
    for rank, cand, a in done:
        console.print()
        console.print(_verdict_panel(rank, cand, a))
        edits = ordered_edits(a.edits)
        meaning = [e for e in edits if e.changes_meaning]
        other = [e for e in edits if not e.changes_meaning]
        if meaning:
            console.print(Text(f"Edits that change meaning ({len(meaning)})", style="bold"))
            console.print(_edits_table(q, meaning, max_edits))
        elif a.verdict not in COPY_VERDICTS:
            console.print(Text("Not a copy, so no edits are listed.", style="bold"))
        else:
            console.print(Text("No edit changes the meaning.", style="bold"))
        if other:
            kinds: dict[str, list[Edit]] = {}
            for e in other:
                kinds.setdefault(e.type, []).append(e)
            for kind, group in sorted(kinds.items()):
                line = Text(f"Other edits: {kind} {len(group)}", style="bold")
                examples = ", ".join(
                    f"{clean(e.source_text, 40) or '∅'} → {clean(e.query_text, 40) or '∅'}"
                    for e in group[:6]
                )
                line.append_text(Text(f"  (e.g. {examples})", style="dim"))
                console.print(line)
        if a.passages:
            console.print(Text(f"Passages ({len(a.passages)})", style="bold"))
            console.print(_passages_table(q, cand.article, a, max_passages))
    rest = [(i, c) for i, c in enumerate(result.candidates) if c.analysis is None]
    if rest:
        console.print()
        table = Table(title=Text("Other candidates (not analysed)"), title_justify="left")
        for col in ("#", "score", "coverage", "site", "title"):
            table.add_column(col)
        for i, c in rest:
            table.add_row(
                str(i + 1),
                f"{c.score:.2f}",
                _pct(c.coverage),
                _t(c.article.site, limit=60),
                _t(c.article.title, limit=120),
            )
        console.print(table)
    if result.inspection is not None:
        from unspun.report.inspection import inspection_panel

        console.print()
        console.print(inspection_panel(q, result.inspection))


def trace_to_text(result: TraceResult, *, width: int = 110, color: bool = False) -> str:
    """The terminal report as a string (for tests, logs and files)."""
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        highlight=False,
    )
    render_terminal(result, console)
    return buf.getvalue()
