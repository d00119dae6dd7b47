"""`unspun eval ...`: measure unspun on labelled data (`eval pan DIR` scores alignment on PAN)."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table
from rich.text import Text

from unspun.cli.common import console, err_console, report_error
from unspun.errors import UsageError

# The evaluation machinery is imported where it runs, so other commands start without it.
if TYPE_CHECKING:
    from unspun.eval.clusters import RetrievalScores
    from unspun.eval.pan import Aligner, PanReport

eval_app = typer.Typer(
    name="eval",
    help="Measure unspun on labelled data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

T = TypeVar("T")

#: Tests inject a trivial aligner here; None means unspun's own (`unspun.align.align`).
ALIGNER: Aligner | None = None


def _table(report: PanReport) -> Table:
    table = Table(title=f"PAN text alignment: {report.pairs} pairs", title_justify="left")
    table.add_column("obfuscation", no_wrap=True)
    for col in ("cases", "dets", "plagdet", "prec", "rec", "gran"):
        table.add_column(col, justify="right", no_wrap=True)
    rows = [("overall", report.overall), *sorted(report.by_obfuscation.items())]
    for name, s in rows:
        table.add_row(
            Text(name),  # folder names come from the corpus: never markup
            str(s.cases),
            str(s.detections),
            f"{s.plagdet:.3f}",
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.granularity:.3f}",
        )
    return table


@eval_app.command("pan")
def pan(
    directory: Path = typer.Argument(..., help="A PAN text-alignment corpus (pairs, src/, susp/)."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="Score only the first N pairs."),
    detections: Path | None = typer.Option(
        None, "--detections", help="Also write PAN detection XML files (one per pair) here."
    ),
) -> None:
    """Score alignment on a PAN text-alignment corpus: plagdet, precision, recall, granularity."""
    from unspun.eval.pan import default_aligner, evaluate, read_corpus, write_detections

    corpus = read_corpus(directory)
    aligner = ALIGNER or default_aligner()
    if err_console.is_terminal:
        with Progress(console=err_console, transient=True) as bar:
            task = bar.add_task("aligning pairs", total=len(corpus.pairs[:limit]))
            report = evaluate(
                corpus, aligner, limit=limit, progress=lambda d, t: bar.update(task, completed=d)
            )
    else:
        report = evaluate(corpus, aligner, limit=limit)
    if detections is not None:
        write_detections(report, detections)
    for err in report.errors:
        report_error(escape(err))
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2, sort_keys=False))
    else:
        console.print(_table(report))
    if report.errors:
        raise typer.Exit(1)


def _with_progress(label: str, run: Callable[[Callable[[int, int], None] | None], T]) -> T:
    """Run `run(progress)` with a progress bar on stderr when it is a terminal."""
    if not err_console.is_terminal:
        return run(None)
    with Progress(console=err_console, transient=True) as bar:
        task = bar.add_task(label, total=None)
        return run(lambda done, total: bar.update(task, completed=done, total=total))


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _retrieval_table(scores: RetrievalScores, title: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("copy kind", no_wrap=True)
    for col in ("copies", "R@1", "R@5", "MRR", "kind acc"):
        table.add_column(col, justify="right", no_wrap=True)
    rows = [("all", scores), *scores.by_kind.items()]
    for name, s in rows:
        table.add_row(Text(name), str(s.n_copies), _fmt(s.recall_at_1), _fmt(s.recall_at_5),
                      _fmt(s.mrr), _fmt(s.kind_accuracy))
    return table


@eval_app.command("clusters")
def clusters(
    file: Path = typer.Argument(..., help="Labelled clusters, one JSON object per line."),
    protocol: str = typer.Option(
        "retrieval", "--protocol", help="retrieval (trace every copy) or stories (clustering)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    background: list[str] = typer.Option(
        [], "--background", help="Also put this corpus in the library (anything `add` reads)."
    ),
    limit: int | None = typer.Option(
        None, "--limit", min=1, help="Score only the first N clusters."
    ),
    workers: int | None = typer.Option(
        None, "--workers", min=1,
        help="Processes tracing in parallel, each opening the library read-only "
        "(default: up to 2, the cores there are).",
    ),
) -> None:
    """Score unspun on labelled clusters (DESIGN.md, "Evaluation data formats")."""
    if protocol == "stories":
        from unspun.eval.stories import run_stories

        result = _with_progress("clustering", lambda p: run_stories(file, limit=limit, progress=p))
        for err in result.errors:
            report_error(escape(err))
        if as_json:
            typer.echo(json.dumps(result.as_dict(), indent=2))
        else:
            for key, value in result.as_dict().items():
                console.print(f"{key}: {_fmt(value) if isinstance(value, float) else value}",
                              highlight=False)
        if result.errors:
            raise typer.Exit(1)
        return
    if protocol != "retrieval":
        raise UsageError(f"--protocol {protocol!r}: expected 'retrieval' or 'stories'")
    from unspun.eval.clusters import ClusterEvalOptions, run_retrieval

    workers = workers or min(2, os.cpu_count() or 1)
    options = ClusterEvalOptions(background=tuple(background), limit=limit, workers=workers)
    run = _with_progress("tracing", lambda p: run_retrieval(file, options, p))
    for err in run.errors:
        report_error(escape(err))
    if as_json:
        typer.echo(json.dumps(run.scores.as_dict(), indent=2))
    else:
        title = f"Source retrieval: {run.scores.n_copies} copies, library of {run.library_size}"
        console.print(_retrieval_table(run.scores, title))
        console.print(f"distractors reported as copies: "
                      f"{_fmt(run.scores.distractor_false_copy_rate)} "
                      f"(of {run.scores.n_distractors})", highlight=False)
    if run.errors:
        raise typer.Exit(1)


@eval_app.command("edits")
def edits(
    file: Path = typer.Argument(..., help="Labelled clusters with recorded true edits."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    limit: int | None = typer.Option(
        None, "--limit", min=1, help="Score only the first N clusters."
    ),
) -> None:
    """Precision, recall and F1 of edit typing per meaning-edit type."""
    from unspun.eval.edits import run_edits

    scores = _with_progress("comparing", lambda p: run_edits(file, limit=limit, progress=p))
    for err in scores.errors:
        report_error(escape(err))
    data = scores.as_dict()
    if as_json:
        typer.echo(json.dumps(data, indent=2))
    else:
        table = Table(title=f"Edit typing: {scores.copies} meaning-edit copies",
                      title_justify="left")
        table.add_column("type", no_wrap=True)
        for col in ("true", "found", "matched", "prec", "rec", "F1"):
            table.add_column(col, justify="right", no_wrap=True)
        for ty, d in data["by_type"].items():
            table.add_row(ty, str(d["true"]), str(d["predicted"]), str(d["matched"]),
                          _fmt(d["precision"]), _fmt(d["recall"]), _fmt(d["f1"]))
        table.add_row("all", "", "", "", _fmt(data["precision"]), _fmt(data["recall"]),
                      _fmt(data["f1"]))
        console.print(table)
    if scores.errors:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the `eval` command group to `app`."""
    app.add_typer(eval_app, name="eval")
