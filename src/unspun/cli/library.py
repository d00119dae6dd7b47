"""`unspun add`, `unspun stats`, `unspun remove`: build and look after the library."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from unspun.cli.common import (
    FieldOption,
    LibraryOption,
    console,
    default_library,
    err_console,
    field_map,
    report_error,
)
from unspun.errors import InputError, UsageError
from unspun.options import AddOptions, ReadOptions

if TYPE_CHECKING:
    from unspun.library import AddSummary

#: Input errors printed one per line; beyond this only the count is reported.
_MAX_ERROR_LINES = 20


def _plain(text: str) -> str:
    """A one-line, markup-free rendering of hostile text (file names, reasons)."""
    return escape("".join(ch if ch.isprintable() else "?" for ch in text))


def run_add(inputs: list[str], library: Path, read: ReadOptions, options: AddOptions) -> int:
    """Add every input to the library with a progress bar; print a summary; return exit code."""
    from unspun.library import Library
    from unspun.library.parallel import ParallelReader, default_workers, read_inputs

    maker = None
    if options.semantic:
        from unspun.retrieve.semantic import ArticleVectors, require_semantic

        require_semantic()
        maker = ArticleVectors()
    lib = Library.open(library)
    printed = 0

    def on_error(err: InputError) -> None:
        nonlocal printed
        printed += 1
        if printed <= _MAX_ERROR_LINES:
            report_error(_plain(f"{err.source}: {err.reason}"))

    progress = Progress(
        SpinnerColumn(),
        TextColumn("adding"),
        TextColumn("{task.fields[seen]} articles"),
        TextColumn("{task.fields[rate]}/s"),
        TextColumn("{task.fields[failed]} failed"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )
    task = progress.add_task("add", total=None, seen=0, rate="0", failed=0)

    def on_progress(s: AddSummary) -> None:
        rate = s.seen / s.seconds if s.seconds > 0 else 0.0
        progress.update(task, seen=s.seen, rate=f"{rate:,.0f}", failed=s.failed)

    workers = options.workers or default_workers()
    try:
        with progress, ParallelReader(workers, lib.params) as reader:
            summary = lib.add(read_inputs(inputs, read, reader), batch_size=options.batch_size,
                              progress=on_progress, on_error=on_error, vectors=maker,
                              prepared=reader.cache)
    finally:
        lib.close()
    if printed > _MAX_ERROR_LINES:
        report_error(f"… and {printed - _MAX_ERROR_LINES} more input errors")
    rate = summary.seen / summary.seconds if summary.seconds > 0 else 0.0
    console.print(
        f"added {summary.added}, already present {summary.present}, "
        f"new versions {summary.new_versions}, failed {summary.failed} "
        f"({summary.seen} articles in {summary.seconds:.1f} s, {rate:,.0f}/s) "
        f"→ {_plain(str(library))}",
        highlight=False,
    )
    return 1 if summary.failed else 0


def run_embed(library: Path, rebuild: bool) -> None:
    """Backfill the library's vectors with a progress bar; print what was done."""
    from unspun.library import Library
    from unspun.retrieve.semantic import embed_library, require_semantic

    require_semantic()
    progress = Progress(SpinnerColumn(), TextColumn("embedding"),
                        TextColumn("{task.completed}/{task.total} articles"),
                        TimeElapsedColumn(), console=err_console, transient=True)
    task = progress.add_task("embed", total=None)
    with Library.open(library, create=False) as lib, progress:
        done, had = embed_library(
            lib, rebuild=rebuild,
            progress=lambda n, total: progress.update(task, completed=n, total=total))
    console.print(f"embedded {done} articles, {had} already had vectors "
                  f"→ {_plain(str(library))}", highlight=False)


def _human(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command("add")
    def add(
        inputs: list[str] = typer.Argument(
            ..., metavar="INPUT",
            help="HTML, WARC(.gz), JSONL or text files, folders (recursive), or - for stdin.",
            show_default=False),
        library: Path | None = LibraryOption,
        no_clean: bool = typer.Option(False, "--no-clean",
                                      help="Keep site furniture and repeated blocks."),
        batch_size: int = typer.Option(AddOptions().batch_size, "--batch-size", min=1,
                                       help="Articles per transaction."),
        semantic: bool = typer.Option(
            False, "--semantic",
            help="Also store dense vectors of new articles (semantic extra; slower)."),
        workers: int | None = typer.Option(
            None, "--workers", min=1, show_default=False,
            help="Processes reading and fingerprinting articles (default: the cores); the "
                 "library is the same whatever the number."),
        fields: list[str] = FieldOption,
    ) -> None:
        """Add articles to the library (idempotent: what is there already is skipped)."""
        read = ReadOptions(clean=not no_clean, field_map=field_map(fields))
        code = run_add(inputs, library or default_library(), read,
                       AddOptions(batch_size=batch_size, semantic=semantic, workers=workers))
        raise typer.Exit(code)

    @app.command("embed")
    def embed(
        library: Path | None = LibraryOption,
        rebuild: bool = typer.Option(False, "--rebuild",
                                     help="Drop every stored vector and embed all articles."),
    ) -> None:
        """Store dense vectors for articles that have none (semantic extra), for --semantic."""
        run_embed(library or default_library(), rebuild)

    @app.command("stats")
    def stats(
        library: Path | None = LibraryOption,
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
    ) -> None:
        """Counts, sites and size on disk of the library."""
        from unspun.library import Library

        with Library.open(library or default_library(), readonly=True) as lib:
            st = lib.stats()
        if as_json:
            typer.echo(json.dumps(st.as_dict(), ensure_ascii=False, indent=2))
            return
        console.print(Text(f"library {st.path}", style="bold"))
        per = st.bytes_on_disk / st.articles if st.articles else 0
        console.print(
            f"{st.articles} articles ({st.current} current, {st.superseded} superseded "
            f"versions) from {st.sites} sites; {_human(st.bytes_on_disk)} on disk "
            f"({_human(per)} per article)", highlight=False)
        fp = st.fingerprint
        console.print(f"fingerprints: {fp['engine']}, {fp['num_perm']} permutations, "
                      f"{fp['bands']} bands x {fp['rows']} rows, word {fp['shingle']}-grams",
                      highlight=False)
        if st.top_sites:
            table = Table("site", "articles", title="Top sites", title_justify="left")
            for site, n in st.top_sites:
                table.add_row(Text(site), str(n))
            console.print(table)

    @app.command("remove")
    def remove(
        ids: list[str] = typer.Option([], "--id", help="Article id (repeatable)."),
        urls: list[str] = typer.Option([], "--url", help="Every version of this URL (repeatable)."),
        sites: list[str] = typer.Option([], "--site", help="Every article of a site (repeatable)."),
        library: Path | None = LibraryOption,
    ) -> None:
        """Remove articles by id, url or site, from every index, in one transaction."""
        if not (ids or urls or sites):
            raise UsageError("remove needs at least one --id, --url or --site")
        from unspun.library import Library

        with Library.open(library or default_library(), create=False) as lib:
            n = lib.remove(ids=ids, urls=urls, sites=sites)
        console.print(f"removed {n} article{'s' if n != 1 else ''}", highlight=False)
