"""What every command shares: consoles, the library option, one-line error reporting."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from unspun.options import JSONL_FIELDS

console = Console()
err_console = Console(stderr=True)

DEFAULT_LIBRARY = "unspun.db"


def default_library() -> Path:
    """`$UNSPUN_LIBRARY`, else `./unspun.db`."""
    return Path(os.environ.get("UNSPUN_LIBRARY") or DEFAULT_LIBRARY)


LibraryOption = typer.Option(
    None,
    "--library",
    "-L",
    help="Library file (default: $UNSPUN_LIBRARY, else ./unspun.db).",
    show_default=False,
)


class _WarningLine(logging.Handler):
    """unspun's warnings (a date dropped from an input file, ...) as one line on stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        text = "".join(ch if ch.isprintable() else "?" for ch in record.getMessage())
        err_console.print(f"[yellow]warning:[/yellow] {escape(text)}", highlight=False,
                          markup=True, soft_wrap=True)


def show_warnings() -> None:
    """Print the warnings of the `unspun` loggers on stderr (once per process)."""
    log = logging.getLogger("unspun")
    if not any(isinstance(h, _WarningLine) for h in log.handlers):
        log.addHandler(_WarningLine(logging.WARNING))


def report_error(message: str) -> None:
    """Print one error line (names the input and the reason); never a traceback."""
    err_console.print(f"[red]error:[/red] {message}", highlight=False, markup=True, soft_wrap=True)


def _check_fields(specs: list[str]) -> list[str]:
    field_map(specs)  # raises typer.BadParameter for a bad one
    return specs


FieldOption = typer.Option(
    [],
    "--field",
    metavar="OURS=THEIRS",
    callback=_check_fields,
    help="JSONL/JSON records: read our field OURS from the record's field THEIRS, e.g. "
    f"--field text=body (repeatable; OURS is one of {', '.join(JSONL_FIELDS)}).",
    show_default=False,
)


def field_map(specs: list[str]) -> dict[str, str]:
    """`--field OURS=THEIRS` values -> `ReadOptions.field_map`; BadParameter for a bad one."""
    out: dict[str, str] = {}
    for spec in specs:
        ours, eq, theirs = spec.partition("=")
        ours, theirs = ours.strip(), theirs.strip()
        if not eq or ours not in JSONL_FIELDS or not theirs:
            raise typer.BadParameter(
                f"{spec!r}: expected OURS=THEIRS, OURS one of {', '.join(JSONL_FIELDS)} and "
                f"THEIRS the record's field name", param_hint="'--field'")
        out[ours] = theirs
    return out


#: The exit code of a run stopped by Ctrl-C (128 + SIGINT, as shells report it).
INTERRUPTED = 130


@contextmanager
def stop_on_interrupt(kept: str) -> Iterator[None]:
    """A Ctrl-C inside the block ends the command with one line (`interrupted: ` + `kept`,
    saying what the stopped run keeps), no traceback, exit code 130."""
    try:
        yield
    except KeyboardInterrupt:
        err_console.print(f"interrupted: {kept}", highlight=False, markup=False,
                          soft_wrap=True)
        raise typer.Exit(INTERRUPTED) from None
