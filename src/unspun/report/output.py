"""One call for commands that show a trace (`trace`, `diff`): --json, --html FILE, terminal."""

from __future__ import annotations

import os
from pathlib import Path

from rich.console import Console

from unspun.errors import InputError
from unspun.model import TraceResult


def write_html(result: TraceResult, path: Path) -> None:
    """Write the HTML report to `path` atomically (a temporary file renamed into place)."""
    from unspun.report.html import render_html

    write_page(render_html(result), path)


def write_page(page: str, path: Path) -> None:
    """Write an HTML page to `path` atomically; InputError when it cannot be written."""
    from unspun.atomic import open_beside

    path = Path(path)
    try:
        fd, tmp = open_beside(path)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(page)
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise InputError(
            str(path), f"cannot write the HTML report ({exc.strerror or exc})"
        ) from exc


def emit(
    result: TraceResult,
    console: Console,
    *,
    as_json: bool = False,
    html_file: Path | None = None,
    include_text: bool = False,
    json_indent: int | None = 2,
) -> None:
    """Show `result`: the HTML page to `html_file` if given, then JSON (`as_json`; on one
    line with `json_indent=None`, as JSONL) or the terminal report on `console`."""
    if html_file is not None:
        write_html(result, html_file)
    if as_json:
        from unspun.report.json import trace_to_json

        # print() of a plain string: JSON must never pass through Rich markup or wrapping.
        console.file.write(trace_to_json(result, include_text=include_text,
                                         indent=json_indent) + "\n")
        console.file.flush()
    else:
        from unspun.report.terminal import render_terminal

        render_terminal(result, console)
