"""What every command shares: consoles, the library option, one-line error reporting."""

from __future__ import annotations

import os
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
