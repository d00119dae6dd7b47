"""The `unspun` command line: a thin layer over the Python API.

Each command lives in its own module with a `register(app)` function; this module
only assembles them and turns user errors into one-line messages and exit codes:
0 all inputs succeeded, 1 some inputs failed, 2 usage error.

Command modules import at module level only what Typer needs for the signatures (typer,
rich, `unspun.options`, `unspun.errors`, `cli.common`); the machinery a command runs is
imported inside its function, so `unspun --help` and every command start fast
(tests/test_cli_startup.py keeps it so; bench/bench_cli_startup.py times it).
"""

from __future__ import annotations

import sys

import typer
from rich.markup import escape

from unspun import __version__
from unspun.cli import (
    bench,
    demo,
    diff,
    eval,
    extract,
    inspect,
    library,
    serve,
    stories,
    trace,
)
from unspun.cli.common import err_console, show_warnings
from unspun.errors import UnspunError, UsageError

app = typer.Typer(
    name="unspun",
    help="Where did this news article come from, and what did they change?",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"unspun {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Where did this news article come from, and what did they change?"""
    show_warnings()


for _module in (eval, extract, library, trace, inspect, bench, demo, diff, stories, serve):
    _module.register(app)


def main() -> None:
    """Console entry point."""
    try:
        app(standalone_mode=True)
    except UsageError as exc:
        err_console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(2)
    except UnspunError as exc:
        err_console.print(f"[red]error:[/red] {escape(str(exc))}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)
