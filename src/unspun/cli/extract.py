"""`unspun extract INPUT...`: read pages, print the Articles as JSONL or text."""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

import typer
from rich.markup import escape

from unspun.cli.common import FieldOption, err_console, field_map, report_error
from unspun.errors import InputError
from unspun.model import Article
from unspun.options import ReadOptions
from unspun.published import to_iso

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_PROGRESS_EVERY = 200


class Format(StrEnum):
    jsonl = "jsonl"
    text = "text"


def article_record(article: Article) -> dict[str, Any]:
    """The JSON object `extract` writes for one article: the report's article fields (with
    the text, without the derived length) and the blocks, so it reads back as the same
    Article."""
    from unspun.report.json import article_to_dict

    rec = article_to_dict(article, include_text=True)
    del rec["length"]
    rec["blocks"] = [{"role": b.role, "start": b.start, "end": b.end} for b in article.blocks]
    return rec


def _plain(value: str | None) -> str:
    """Metadata for a terminal: no control characters (article text is hostile)."""
    return _CONTROL.sub("", value or "")


def format_article(article: Article, fmt: Format) -> str:
    if fmt is Format.jsonl:
        return json.dumps(article_record(article), ensure_ascii=False) + "\n"
    published = to_iso(article.published) or "-"
    head = f"=== {article.id}  {_plain(article.url) or '-'}  {published}  {article.lang or '-'}"
    return f"{head}\n{article.text}\n\n"


@contextmanager
def _output(out: Path | None) -> Iterator[TextIO]:
    """stdout, or a temp file beside `out` renamed over it only when all was written."""
    from unspun.atomic import open_beside

    if out is None:
        yield sys.stdout
        return
    fd, tmp = open_beside(out)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _progress(n_articles: int, n_errors: int, started: float, final: bool = False) -> None:
    rate = n_articles / max(time.monotonic() - started, 1e-9)
    line = f"{n_articles} articles, {n_errors} failed ({rate:.0f} pages/s)"
    if final:
        err_console.print(f"extract: {line}", highlight=False)
    elif err_console.is_terminal:
        err_console.print(f"extract: {line}…", highlight=False, end="\r")


def run_extract(inputs: list[str], fmt: Format, out: Path | None, options: ReadOptions) -> int:
    """Extract every input, write the articles, report failures; return the exit code."""
    from unspun.ingest import iter_articles

    n_articles = n_errors = 0
    started = time.monotonic()
    if out is not None and not out.parent.is_dir() and str(out.parent):
        report_error(escape(f"{out}: the folder {out.parent} does not exist"))
        return 2
    with _output(out) as fh:
        for item in iter_articles(inputs, options):
            if isinstance(item, InputError):
                n_errors += 1
                report_error(escape(_plain(f"{item.source}: {item.reason}")))
                continue
            fh.write(format_article(item, fmt))
            n_articles += 1
            if n_articles % _PROGRESS_EVERY == 0:
                _progress(n_articles, n_errors, started)
    if n_articles + n_errors >= _PROGRESS_EVERY or err_console.is_terminal:
        _progress(n_articles, n_errors, started, final=True)
    return 1 if n_errors else 0


def register(app: typer.Typer) -> None:
    """Add this module's commands to `app`."""

    @app.command("extract")
    def extract(
        inputs: list[str] = typer.Argument(
            ...,
            metavar="INPUT",
            help="HTML, WARC(.gz), JSONL or text files, folders (recursive), or - for stdin.",
            show_default=False,
        ),
        fmt: Format = typer.Option(Format.jsonl, "--format", "-f", help="Output format."),
        out: Path | None = typer.Option(
            None, "--out", "-o", help="Write here (atomically) instead of stdout.", dir_okay=False
        ),
        no_clean: bool = typer.Option(
            False, "--no-clean", help="Keep site furniture and repeated blocks."
        ),
        fields: list[str] = FieldOption,
    ) -> None:
        """Extract articles from pages: title, date, language, text and blocks."""
        options = ReadOptions(clean=not no_clean, field_map=field_map(fields))
        code = run_extract(inputs, fmt, out, options)
        raise typer.Exit(code)
