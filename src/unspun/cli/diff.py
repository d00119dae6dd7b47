"""`unspun diff A B`: the trace analysis for two given articles, no library needed."""

from __future__ import annotations

from pathlib import Path

import typer

from unspun.cli.common import FieldOption, console, field_map
from unspun.cli.trace import read_query
from unspun.options import ReadOptions


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command("diff")
    def diff(
        query: str = typer.Argument(..., metavar="A", help="The suspected copy (file or -)."),
        source: str = typer.Argument(..., metavar="B", help="The suspected source (file)."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
        html: Path | None = typer.Option(None, "--html", help="Also write an HTML report here."),
        fields: list[str] = FieldOption,
    ) -> None:
        """Align A with B: passages, typed edits and a verdict, as `trace` shows them."""
        from unspun.pipeline import compare
        from unspun.report.output import emit

        read = ReadOptions(learn_furniture=False, field_map=field_map(fields))
        a = read_query(query, read)
        b = read_query(source, read)
        emit(compare(a, b), console, as_json=as_json, html_file=html)
