"""`unspun inspect ARTICLE`: what a page shows about itself when its original is not in the
library: a machine-rewriting score with its evidence (each flag with offsets and a reason),
names against the library's names index, and where to look for the source."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from unspun.cli.common import FieldOption, LibraryOption, console, default_library, field_map
from unspun.errors import UnspunError
from unspun.options import AS_IS, InspectOptions

if TYPE_CHECKING:
    from unspun.inspection.types import Inspection
    from unspun.model import Article


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command("inspect")
    def inspect(
        article: str = typer.Argument(
            ..., metavar="ARTICLE",
            help="The page to inspect: an HTML, text, JSONL or WARC file, or - for stdin "
            "(its first article)."),
        library: Path | None = LibraryOption,
        no_library: bool = typer.Option(
            False, "--no-library", help="Judge the page alone, even if a library is there."),
        as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
        html: Path | None = typer.Option(None, "--html", help="Also write an HTML report here."),
        leads: int = typer.Option(InspectOptions().leads, "--leads", min=0,
                                  help="Library articles on the same event to list."),
        fields: list[str] = FieldOption,
    ) -> None:
        """Say what a page itself shows (machine rewriting, garbled names) and where to look."""
        import json

        from unspun.cli.trace import read_query
        from unspun.inspection.run import inspect_article
        from unspun.library import Library

        # The page as it was: furniture a scraper left in is evidence, so it is not cleaned.
        read = replace(AS_IS, field_map=field_map(fields))
        query = read_query(article, read)
        options = InspectOptions(leads=leads)
        path = None if no_library else (library or default_library())
        if path is not None and not path.exists():
            if library is not None:
                raise UnspunError(f"{path}: no library here (build one with `unspun add`)")
            path = None  # no default library: the page alone
        if path is None:
            result = inspect_article(query, None, options)
        else:
            with Library.open(path, readonly=True) as lib:
                result = inspect_article(query, lib, options)
        if html is not None:
            _write(html, query, result)
        if as_json:
            from unspun.report.inspection import inspection_to_dict
            from unspun.report.json import article_to_dict

            out = {"query": article_to_dict(query), "inspection": inspection_to_dict(result)}
            console.file.write(json.dumps(out, ensure_ascii=False, indent=2) + "\n")
            console.file.flush()
        else:
            from unspun.report.inspection import render_inspection

            render_inspection(query, result, console)


def _write(path: Path, query: Article, result: Inspection) -> None:
    from unspun.report.inspection import inspection_page
    from unspun.report.output import write_page

    write_page(inspection_page(query, result), path)
