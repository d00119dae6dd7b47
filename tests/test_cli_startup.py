"""The command line starts without the heavy machinery: `unspun --help`, every command's
`--help` and `python3 -m unspun --help` import no extraction, word-frequency, numeric,
dataframe, Spark or web-service package. Each command imports what it needs when it runs.

A behaviour test, not a timing test: it looks at `sys.modules` in a fresh interpreter
(startup time itself is measured by bench/bench_cli_startup.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

#: Top-level packages (and unspun modules) that pull in the heavy machinery. None of them
#: may be loaded just to build the CLI app or print any help.
HEAVY = (
    "trafilatura",
    "courlan",
    "htmldate",
    "wordfreq",
    "ftfy",
    "numpy",
    "rensa",
    "pyarrow",
    "pandas",
    "pyspark",
    "fastapi",
    "uvicorn",
    "torch",
    "sentence_transformers",
    "unspun.ingest",
    "unspun.library",
    "unspun.pipeline",
    "unspun.stories",
    "unspun.eval",
    "unspun.corpus",
    "unspun.report",
    "unspun.service",
)

_PRELUDE = f"""
import json, sys
HEAVY = {HEAVY!r}

def loaded():
    return sorted(m for m in HEAVY if m in sys.modules)
"""


def _probe(body: str) -> dict[str, object]:
    """Run `body` in a fresh interpreter; it prints one JSON object as its last line."""
    code = _PRELUDE + textwrap.dedent(body)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def test_importing_the_cli_app_imports_nothing_heavy() -> None:
    out = _probe("""
        from unspun.cli import app
        print(json.dumps({"loaded": loaded(), "app": type(app).__name__}))
    """)
    assert out["app"] == "Typer"
    assert out["loaded"] == []


def test_every_help_page_imports_nothing_heavy() -> None:
    """`unspun --help` and `--help` of every command and sub-command, rendered in-process."""
    out = _probe("""
        import typer.main
        from typer.testing import CliRunner
        from unspun.cli import app

        def paths(group, prefix):
            for name, cmd in group.commands.items():
                yield [*prefix, name]
                if hasattr(cmd, "commands"):  # a group (Typer vendors its own click)
                    yield from paths(cmd, [*prefix, name])

        runner = CliRunner()
        pages = {}
        for path in [[], *paths(typer.main.get_command(app), [])]:
            res = runner.invoke(app, [*path, "--help"])
            pages[" ".join(path) or "-"] = [res.exit_code, "Usage:" in res.output]
        print(json.dumps({"loaded": loaded(), "pages": pages}))
    """)
    pages = out["pages"]
    assert isinstance(pages, dict)
    # The probe really walked the commands, and every page rendered.
    for name in ("-", "extract", "add", "trace", "diff", "stories", "sites", "serve",
                 "eval", "eval pan", "eval clusters", "bench make", "demo"):
        assert name in pages, sorted(pages)
    assert all(page == [0, True] for page in pages.values()), pages
    assert out["loaded"] == []


def test_python_m_unspun_help_imports_nothing_heavy() -> None:
    """The `python3 -m unspun` path (unspun/__main__.py), with its real exit."""
    out = _probe("""
        import contextlib, io, runpy
        sys.argv = ["unspun", "trace", "--help"]
        buf = io.StringIO()
        code = None
        with contextlib.redirect_stdout(buf):
            try:
                runpy.run_module("unspun", run_name="__main__", alter_sys=True)
            except SystemExit as exc:
                code = exc.code
        print(json.dumps({"loaded": loaded(), "code": code,
                          "usage": "Usage:" in buf.getvalue()}))
    """)
    assert out == {"loaded": [], "code": 0, "usage": True}


def test_the_probe_sees_heavy_imports_when_a_command_needs_them() -> None:
    """The names above are the real ones: running the reading machinery loads them."""
    out = _probe("""
        from unspun.cli import app
        before = loaded()
        from unspun.cli.trace import read_query
        import tempfile, pathlib
        with tempfile.TemporaryDirectory() as tmp:
            page = pathlib.Path(tmp) / "a.txt"
            page.write_text("Council approves new bridge\\n\\nThe town council voted on "
                            "Tuesday to build a footbridge over the river.\\n")
            article = read_query(str(page))
        print(json.dumps({"before": before, "after": loaded(), "title": article.title}))
    """)
    assert out["before"] == []
    after = out["after"]
    assert isinstance(after, list)
    assert "unspun.ingest" in after
    assert {"trafilatura", "wordfreq"} & set(after), after
