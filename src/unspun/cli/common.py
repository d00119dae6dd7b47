"""What every command shares: consoles, the library option, one-line error reporting."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import typer
from rich.console import Console

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


def report_error(message: str) -> None:
    """Print one error line (names the input and the reason); never a traceback."""
    err_console.print(f"[red]error:[/red] {message}", highlight=False, markup=True, soft_wrap=True)


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
