"""`unspun trace ARTICLE`: the candidate sources of one article, from the library.

This shows retrieval only (ranked candidates with url, site, title, date, score and
coverage); alignment and verdicts are added on top of `trace_candidates`.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.text import Text

from unspun.cli.common import LibraryOption, console, default_library
from unspun.errors import InputError, UnspunError
from unspun.ingest import iter_articles
from unspun.library import Library
from unspun.model import Article, TraceResult
from unspun.options import ReadOptions, RetrieveOptions
from unspun.report.json import trace_to_json
from unspun.retrieve.candidates import retrieve


def read_query(source: str, options: ReadOptions | None = None) -> Article:
    """The first article of `source` (a file, folder or `-`); UnspunError when there is none."""
    # One page gives nothing to learn site furniture from.
    opts = options or ReadOptions(learn_furniture=False)
    first_error: InputError | None = None
    for item in iter_articles([source], opts):
        if isinstance(item, InputError):
            first_error = first_error or item
            continue
        return item
    if first_error is not None:
        raise first_error
    raise UnspunError(f"{source}: no article found")


def trace_candidates(library: Path, query: Article, options: RetrieveOptions | None = None
                     ) -> TraceResult:
    """Open the library read-only and retrieve the query's candidate sources."""
    with Library.open(library, readonly=True) as lib:
        return TraceResult(query=query, candidates=retrieve(lib, query, options))


def _clip(text: str | None, n: int) -> Text:
    s = "".join(ch if ch.isprintable() else " " for ch in (text or ""))
    return Text(s if len(s) <= n else s[: n - 1] + "…")


def render_candidates(result: TraceResult) -> None:
    q = result.query
    console.print(Text.assemble(("query: ", "bold"), _clip(q.title or "(untitled)", 100)))
    console.print(Text.assemble("  ", _clip(q.url or "(no url)", 100), f"  {q.id}"))
    if not result.candidates:
        console.print(Text("No candidate source above the reporting threshold.", style="bold"))
        return
    for i, c in enumerate(result.candidates, 1):
        a = c.article
        date = a.published.isoformat() if a.published else "undated"
        console.print(Text.assemble(
            (f"{i:>2}  ", "bold"), ("score ", "dim"), (f"{c.score:.3f}", "bold"),
            ("  covers ", "dim"), (f"{c.coverage:.0%}", "bold"), f"  {date}  ",
            _clip(a.site or "(no site)", 60)))
        console.print(Text.assemble("    ", _clip(a.title or "(untitled)", 120)))
        console.print(Text.assemble("    ", _clip(a.url or a.id, 200), style="dim"),
                      soft_wrap=True)


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command("trace")
    def trace(
        article: str = typer.Argument(
            ..., metavar="ARTICLE",
            help="The article to trace: an HTML, text or JSONL file, or - for stdin."),
        library: Path | None = LibraryOption,
        top: int = typer.Option(RetrieveOptions().top, "--top", "-k", min=1,
                                help="Candidates to show."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
        semantic: bool = typer.Option(False, "--semantic",
                                      help="Also use dense sentence vectors (semantic extra)."),
    ) -> None:
        """Find the articles in the library that ARTICLE was copied from."""
        path = library or default_library()
        if not path.exists():
            raise UnspunError(f"{path}: no library here (build one with `unspun add`)")
        query = read_query(article)
        result = trace_candidates(path, query, RetrieveOptions(top=top, semantic=semantic))
        if as_json:
            typer.echo(trace_to_json(result))
        else:
            render_candidates(result)
