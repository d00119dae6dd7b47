"""How long the `unspun` command line takes to start, against peers timed in the same run.

Each round runs every command once as a fresh process, in turn (so drift in the machine's
speed hits all of them alike): `python3 -m unspun --help`, `python3 -m unspun trace --help`,
`import unspun.cli`, and the peers: `import typer` (the floor: any Typer CLI pays it), a
two-command Typer app with unspun's settings printing its `--help` and one command's
`--help` (the floor for a help page), and `python3 -m json.tool --help` (a stdlib CLI).
Prints the median wall and CPU seconds of each and the median of the per-round ratios
unspun/peer.

    python3 bench/bench_cli_startup.py [--rounds 10]

To time another checkout (e.g. before a change), put its src first on the path:
`PYTHONPATH=/path/to/checkout/src python3 bench/bench_cli_startup.py`.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time

PY = sys.executable

#: A Typer app as small as a CLI gets, built with the settings `unspun.cli` uses.
_TINY_TYPER = """
import typer
app = typer.Typer(no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False, rich_markup_mode="rich")
@app.command()
def hello(name: str = typer.Option("x", "--name", help="Who.")) -> None:
    '''Say hello.'''
@app.command()
def bye() -> None:
    '''Say bye.'''
app()
"""

COMMANDS: dict[str, list[str]] = {
    "unspun --help": [PY, "-m", "unspun", "--help"],
    "unspun trace --help": [PY, "-m", "unspun", "trace", "--help"],
    "import unspun.cli": [PY, "-c", "import unspun.cli"],
    "import typer (floor)": [PY, "-c", "import typer"],
    "tiny typer app --help": [PY, "-c", _TINY_TYPER, "--help"],
    "tiny typer cmd --help": [PY, "-c", _TINY_TYPER, "hello", "--help"],
    "json.tool --help": [PY, "-m", "json.tool", "--help"],
}

#: (unspun figure, peer) pairs whose per-round ratio is printed.
RATIOS = [
    ("unspun --help", "import typer (floor)"),
    ("unspun --help", "tiny typer app --help"),
    ("unspun --help", "json.tool --help"),
    ("unspun trace --help", "tiny typer cmd --help"),
    ("import unspun.cli", "import typer (floor)"),
]


def run_once(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + sys) seconds of one run of `argv`; it must exit 0."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          env={**os.environ, "COLUMNS": "100"}, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{argv[:4]} exited {proc.returncode}: {proc.stderr[-500:]!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10, help="Runs of each command.")
    args = parser.parse_args()
    rounds = max(1, min(args.rounds, 100))
    for argv in COMMANDS.values():  # warm-up: file caches, .pyc files
        run_once(argv)
    wall: dict[str, list[float]] = {name: [] for name in COMMANDS}
    cpu: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(rounds):
        for name, argv in COMMANDS.items():
            w, c = run_once(argv)
            wall[name].append(w)
            cpu[name].append(c)
    print(f"python {sys.version.split()[0]}, {rounds} rounds, {os.cpu_count()} cores")
    print(f"{'command':<24}{'wall s (med)':>14}{'min':>8}{'max':>8}{'cpu s (med)':>14}")
    for name in COMMANDS:
        print(f"{name:<24}{statistics.median(wall[name]):>14.3f}{min(wall[name]):>8.3f}"
              f"{max(wall[name]):>8.3f}{statistics.median(cpu[name]):>14.3f}")
    print(f"\n{'ratio (median of per-round ratios)':<48}{'wall':>8}{'cpu':>8}")
    for a, b in RATIOS:
        rw = statistics.median(x / y for x, y in zip(wall[a], wall[b], strict=True))
        rc = statistics.median(x / y for x, y in zip(cpu[a], cpu[b], strict=True) if y > 0)
        print(f"{a + ' / ' + b:<48}{rw:>8.2f}{rc:>8.2f}")


if __name__ == "__main__":
    main()
