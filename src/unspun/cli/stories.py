"""`unspun stories` and `unspun sites`: stories over the whole library, and site profiles.

Both run `build_stories` (incremental: only articles added since the last run are searched,
only new candidate pairs verified; state kept in the library file) and print a summary,
JSON (`--json`), or with `--out DIR` the Parquet/JSON tables and the HTML overview.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from unspun.cli.common import (
    LibraryOption,
    console,
    default_library,
    err_console,
    stop_on_interrupt,
)
from unspun.errors import UnspunError, UsageError

# The stories machinery is imported where it runs, so other commands start without it.
if TYPE_CHECKING:
    from unspun.stories import StoriesOptions, StoriesResult


def _clip(text: str | None, n: int) -> Text:
    s = "".join(ch if ch.isprintable() else " " for ch in (text or ""))
    return Text(s if len(s) <= n else s[: n - 1] + "…")


def run_stories(path: Path, options: StoriesOptions) -> StoriesResult:
    """Open the library (read-write when possible, to keep state) and build stories, with a
    progress bar on a terminal."""
    from unspun.library import Library
    from unspun.stories import build_stories

    if not path.exists():
        raise UnspunError(f"{path}: no library here (build one with `unspun add`)")
    lib = Library.open(path, create=False)
    show = sys.stderr.isatty()
    progress = Progress(TextColumn("{task.description}"), BarColumn(),
                        TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                        console=err_console, transient=True, disable=not show)
    tasks: dict[str, TaskID] = {}

    def on_progress(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = progress.add_task(stage, total=total)
        progress.update(tasks[stage], completed=done, total=total)

    try:
        with progress:
            return build_stories(lib, options, progress=on_progress)
    finally:
        lib.close()


def _kept(path: Path) -> str:
    """What a stopped run keeps, for `stop_on_interrupt`."""
    return f"what was searched and verified is kept in {path}; run again to go on from there"


def _summary(result: StoriesResult, top: int) -> None:
    st = result.stats
    console.print(
        f"{st.get('articles', 0)} articles, {st.get('multi_article_stories', 0)} stories with "
        f"more than one article, {st.get('copies', 0)} copies; {st.get('candidate_pairs', 0)} "
        f"candidate pairs ({st.get('verified_pairs', 0)} verified now, "
        f"{st.get('reused_pairs', 0)} reused) in {st.get('seconds', 0)} s", highlight=False)
    table = Table(box=None)
    table.add_column("story", no_wrap=True, min_width=17)
    for name in ("size", "copies"):
        table.add_column(name, no_wrap=True, justify="right", min_width=len(name))
    table.add_column("original", overflow="fold", ratio=3)
    table.add_column("title", overflow="fold", ratio=2)
    for s in [s for s in result.stories if s.size > 1][:top]:
        table.add_row(s.id, str(s.size), str(s.copies),
                      _clip(s.original_urls[0] if s.original_urls else "-", 200),
                      _clip(s.title, 100))
    console.print(table)


def _sites_table(result: StoriesResult, top: int, rewriting: dict[str, Any]) -> None:
    table = Table(box=None)
    table.add_column("site", overflow="fold", min_width=18)
    for name in ("articles", "copies", "spun/tr.", "meaning", "delay d", "score", "rewritten"):
        table.add_column(name, no_wrap=True, justify="right", min_width=len(name))
    table.add_column("why", overflow="fold", ratio=1)
    for p in result.sites[:top]:
        rw = rewriting.get(p.site)
        reasons = p.reasons[:3] + ([rw.reason()] if rw is not None and rw.rewritten else [])
        table.add_row(_clip(p.site, 40), str(p.articles), str(p.copies),
                      f"{p.share_spun_or_translated:.0%}", f"{p.share_meaning_edits:.0%}",
                      "-" if p.median_delay_days is None else f"{p.median_delay_days:g}",
                      f"{p.farm_score:.2f}",
                      "-" if rw is None or not rw.sampled else f"{rw.share:.0%}",
                      _clip("; ".join(reasons), 300))
    console.print(table)


def _rewriting(path: Path, result: StoriesResult, sites: list[str], per_site: int
               ) -> dict[str, Any]:
    """The machine-rewriting counts of `sites` (a sample of each one's articles)."""
    if not per_site or not sites:
        return {}
    from unspun.inspection.sites import library_fetch, site_rewriting
    from unspun.library import Library

    with Library.open(path, readonly=True) as lib:
        return dict(site_rewriting(result.members, sites, library_fetch(lib), per_site))


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command("stories")
    def stories(
        library: Path | None = LibraryOption,
        out: Path | None = typer.Option(
            None, "--out", "-o", help="Write members/stories/edges/sites as Parquet and JSON, "
            "and the HTML overview (index.html), into this folder (replaced as one set; a "
            "folder holding other files is refused)."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
        workers: int = typer.Option(2, "--workers", "-j", min=1, help="Worker processes."),
        full: bool = typer.Option(False, "--full", help="Search every article's candidates "
                                  "again (verified pairs are still reused)."),
        window_days: int | None = typer.Option(
            None, "--window-days", min=0, help="Only pair articles published at most N days "
            "apart (news copies follow their source within days); articles without a date "
            "are paired with all. Default: no window."),
        top: int = typer.Option(20, "--top", min=1, help="Stories shown in the summary."),
        engine: str = typer.Option("local", "--engine", help="local (this machine, over "
                                   "the library) or spark (over --input, see docs/scale.md)."),
        input_path: str | None = typer.Option(None, "--input", help="Spark engine: JSONL or "
                                              "Parquet of articles, or WARC files (file, "
                                              "folder, glob or URL)."),
        master: str | None = typer.Option(None, "--master", help="Spark engine: master URL "
                                          "(default: spark-submit's, else local[*])."),
        work: str | None = typer.Option(None, "--work", help="Spark engine: keep each "
                                        "stage's output in this folder; a stopped run "
                                        "given the same folder goes on where it stopped."),
    ) -> None:
        """Cluster the whole library into stories: who copied whom, and the originals."""
        if engine == "spark":
            from unspun.engines.spark_cli import run_spark_cli

            run_spark_cli(input_path, None if out is None else str(out), master, as_json, work,
                          window_days)
            return
        if engine != "local":
            raise UsageError(f"--engine {engine}: choose local or spark")
        if work is not None:
            raise UsageError("--work is for --engine spark: the local engine keeps a run's "
                             "state in the library, and a stopped run goes on by itself")
        path = library or default_library()
        with stop_on_interrupt(_kept(path)):
            from unspun.stories import StoriesOptions
            from unspun.stories.write import check_output, stories_json, write_output

            if out is not None:
                check_output(out)  # refused before the run, not after it
            result = run_stories(path, StoriesOptions(workers=workers, full=full,
                                                      window_days=window_days))
            if out is not None:
                write_output(result, out)
        if as_json:
            typer.echo(json.dumps(stories_json(result), ensure_ascii=False))
        else:
            _summary(result, top)
            if out is not None:
                console.print(Text(f"wrote {out}/index.html and the tables"))

    @app.command("sites")
    def sites(
        library: Path | None = LibraryOption,
        as_json: bool = typer.Option(False, "--json", help="Print one JSON array."),
        workers: int = typer.Option(2, "--workers", "-j", min=1, help="Worker processes."),
        top: int = typer.Option(30, "--top", min=1, help="Sites shown."),
        sample: int = typer.Option(
            20, "--sample", min=0,
            help="Articles per site scored for machine rewriting (0: none)."),
    ) -> None:
        """Rank sites by how much they copy (content-farm score, with reasons)."""
        path = library or default_library()
        with stop_on_interrupt(_kept(path)):
            from unspun.stories import StoriesOptions

            result = run_stories(path, StoriesOptions(workers=workers))
        shown = [p.site for p in (result.sites if as_json else result.sites[:top])]
        rewriting = _rewriting(path, result, shown, sample)
        if as_json:
            rows = [{**p.as_row(), **({"rewriting": rewriting[p.site].as_dict()}
                                      if p.site in rewriting else {})} for p in result.sites]
            typer.echo(json.dumps(rows, ensure_ascii=False))
        else:
            _sites_table(result, top, rewriting)
