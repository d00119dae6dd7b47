"""`unspun stories --engine spark` as a user runs it: from an interpreter that is not the
`python3` on PATH (a virtualenv not activated, pipx, an absolute path, cron), Spark's
Python workers run the driver's interpreter, the one that has unspun."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from unspun.engines.spark_read import worker_python

DEMO = Path(__file__).resolve().parents[1] / "demo" / "clusters.jsonl"


def test_workers_run_this_interpreter_unless_pyspark_python_says() -> None:
    assert worker_python({"PATH": "/usr/bin"}) == sys.executable
    assert worker_python({"PYSPARK_PYTHON": ""}) == sys.executable
    assert worker_python({"PYSPARK_PYTHON": "/opt/env/bin/python"}) == "/opt/env/bin/python"


def _demo_jsonl(out: Path, clusters: int) -> Path:
    with out.open("w", encoding="utf-8") as f:
        for line in DEMO.read_text(encoding="utf-8").splitlines()[:clusters]:
            c = json.loads(line)
            for r in (c["original"], *c["copies"]):
                f.write(json.dumps({"url": r.get("url"), "site": r.get("site"),
                                    "title": r.get("title"), "text": r["text"],
                                    "published": r.get("date")}) + "\n")
    return out


@pytest.mark.spark
@pytest.mark.slow
def test_spark_engine_runs_with_another_python3_first_on_path(tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("no Java on this machine")
    other = tmp_path / "bin" / "python3"
    other.parent.mkdir()
    other.write_text("#!/bin/sh\necho 'another python3, without unspun' >&2\nexit 1\n")
    other.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "PYSPARK_PYTHON"}
    env["PATH"] = f"{other.parent}{os.pathsep}{env.get('PATH', '')}"
    got = subprocess.run(
        [sys.executable, "-m", "unspun", "stories", "--engine", "spark", "--master",
         "local[1]", "--input", str(_demo_jsonl(tmp_path / "in.jsonl", 2)), "--out",
         str(tmp_path / "out")], capture_output=True, text=True, env=env, timeout=900)
    assert got.returncode == 0, got.stderr[-3000:]
    assert "another python3" not in got.stderr
    assert (tmp_path / "out" / "members.parquet").is_dir()
