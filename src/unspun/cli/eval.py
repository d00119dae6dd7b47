"""`unspun eval ...`: measure unspun on labelled data (`eval pan DIR` scores alignment on PAN)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table
from rich.text import Text

from unspun.cli.common import console, err_console, report_error
from unspun.eval.pan import (
    Aligner,
    PanReport,
    default_aligner,
    evaluate,
    read_corpus,
    write_detections,
)

eval_app = typer.Typer(
    name="eval",
    help="Measure unspun on labelled data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

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


def register(app: typer.Typer) -> None:
    """Add the `eval` command group to `app`."""
    app.add_typer(eval_app, name="eval")
