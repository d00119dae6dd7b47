"""`unspun serve` as a command: what it refuses before serving, and the address it reports.

Issue 19 item 16: a missing library was created and served empty (every other command
refuses it); a port in use printed "serving on ..." and then exited 3 (not one of the
README's codes); `--port 0` printed ":0" instead of the port the system chose.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("uvicorn")
pytest.importorskip("fastapi")

from unspun.cli import app
from unspun.errors import UsageError
from unspun.library import Library


def _library(tmp_path: Path) -> Path:
    path = tmp_path / "lib.db"
    Library.open(path).close()
    return path


def _serve(*args: str) -> list[str]:
    return [sys.executable, "-m", "unspun", "serve", *args]


def test_missing_library_is_refused_not_created(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    served: list[object] = []  # a stand-in: nothing may be served in this test
    monkeypatch.setattr(uvicorn, "run", lambda *a, **k: served.append(a))
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, *a, **k: served.append(a))
    missing = tmp_path / "missing.db"
    r = CliRunner().invoke(app, ["serve", "--library", str(missing)])
    assert isinstance(r.exception, UsageError), r.output
    assert str(r.exception) == f"{missing}: no library here (build one with `unspun add`)"
    assert not missing.exists() and served == []


def test_port_in_use_is_a_one_line_error_before_serving(tmp_path: Path) -> None:
    library = _library(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(_serve("--library", str(library), "--port", str(port)),
                              capture_output=True, text=True, timeout=300)
    assert done.returncode == 2, done.stderr
    assert "serving" not in done.stderr and "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"error: cannot listen on 127.0.0.1:{port}: ")
    assert "in use" in line


def test_port_zero_reports_the_port_it_listens_on(tmp_path: Path) -> None:
    library = _library(tmp_path)
    proc = subprocess.Popen(_serve("--library", str(library), "--port", "0"),
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        assert proc.stderr is not None
        said = ""
        while "Ctrl+C" not in said:
            line = proc.stderr.readline()
            if not line:  # the server ended before saying where it listens
                break
            said += line
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", said)
        assert m is not None, said
        port = int(m.group(1))
        assert port > 0
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=60) as r:
            assert r.status == 200 and b'"ok"' in r.read()
    finally:
        proc.terminate()
        proc.wait(timeout=60)
