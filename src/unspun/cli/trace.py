"""`unspun trace ARTICLE`: the sources of each article of ARTICLE in the library, and what
changed.

Retrieval proposes candidates (url, site, title, date, score, coverage); the best are
aligned and judged (`unspun.pipeline.trace`); one result object per article feeds the
terminal view, `--json` (one line per article: JSONL) and `--html` (one article only).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from pathlib import Path

import typer
from rich.markup import escape

from unspun.cli.common import (
    FieldOption,
    LibraryOption,
    console,
    default_library,
    field_map,
    report_error,
)
from unspun.errors import InputError, UnspunError, UsageError
from unspun.model import Article
from unspun.options import ReadOptions, RetrieveOptions, TraceOptions

# The reading, retrieval and report machinery is imported inside the functions that use it,
# so `unspun --help` and every other command start without it (tests/test_cli_startup.py).


def read_query(source: str, options: ReadOptions | None = None) -> Article:
    """The first article of `source` (a file, folder or `-`); UnspunError when there is none."""
    from unspun.ingest import iter_articles

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


def _queries(source: str, options: ReadOptions, failed: list[InputError]) -> Iterator[Article]:
    """The articles of `source`; each bad one is reported (one line) and kept in `failed`."""
    from unspun.ingest import iter_articles

    for item in iter_articles([source], options):
        if isinstance(item, InputError):
            failed.append(item)
            report_error(escape("".join(c if c.isprintable() else "?" for c in str(item))))
        else:
            yield item


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command("trace")
    def trace(
        article: str = typer.Argument(
            ..., metavar="ARTICLE",
            help="The article(s) to trace: an HTML, text, JSONL or WARC file, a folder, or - "
            "for stdin; every article it holds is traced."),
        library: Path | None = LibraryOption,
        top: int = typer.Option(RetrieveOptions().top, "--top", "-k", min=1,
                                help="Candidates to show."),
        analyze: int = typer.Option(TraceOptions().analyze, "--analyze", min=0,
                                    help="Best candidates to align and judge (0: retrieval only)."),
        keep_unrelated: bool = typer.Option(
            False, "--keep-unrelated", help="Also list analysed candidates judged unrelated."),
        as_json: bool = typer.Option(False, "--json",
                                     help="Print one JSON object per article, one per line."),
        html: Path | None = typer.Option(
            None, "--html", help="Also write an HTML report here (ARTICLE must hold one)."),
        semantic: bool = typer.Option(False, "--semantic",
                                      help="Also use dense sentence vectors (semantic extra)."),
        fields: list[str] = FieldOption,
    ) -> None:
        """Find the articles in the library that each article of ARTICLE was copied from."""
        from unspun.library import Library
        from unspun.pipeline import trace as run_trace
        from unspun.report.output import emit

        path = library or default_library()
        if not path.exists():
            raise UnspunError(f"{path}: no library here (build one with `unspun add`)")
        failed: list[InputError] = []
        # One page gives nothing to learn site furniture from.
        read = ReadOptions(learn_furniture=False, field_map=field_map(fields))
        queries = _queries(article, read, failed)
        first = next(queries, None)
        if first is None:
            if failed:
                raise typer.Exit(1)
            raise UnspunError(f"{article}: no article found")
        second = next(queries, None)
        if html is not None and second is not None:
            raise UsageError(f"--html writes the report of one article, and {article} holds "
                             f"more: trace them with --json, or one at a time")
        options = TraceOptions(
            retrieve=RetrieveOptions(top=top, semantic=semantic),
            analyze=min(analyze, top),
            keep_unrelated=keep_unrelated,
        )
        with Library.open(path, readonly=True) as lib:
            for n, query in enumerate(chain([first], [second] if second else [], queries)):
                if n and not as_json:
                    console.rule()
                emit(run_trace(lib, query, options), console, as_json=as_json,
                     html_file=html, json_indent=None)
        if failed:
            raise typer.Exit(1)
