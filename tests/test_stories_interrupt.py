"""One Ctrl-C stops a real `unspun stories` run cleanly: the process exits (no frozen pool
waiting for workers that died), says so in one short line with no traceback (none from the
workers either) and no leaked semaphores, and what was verified before the signal is kept
for the next run to reuse."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from unspun.corpus import BenchOptions, generate_clusters, write_clusters
from unspun.eval.stories import cluster_articles
from unspun.library import Library

#: Bounds on waits, never assertions of speed: only a hung run reaches them.
WAIT = 180.0


def _stored_pairs(db: Path) -> int:
    """Verified pairs the run has committed so far (0 before its tables exist)."""
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM story_pairs").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("interrupt")
    write_clusters(generate_clusters(BenchOptions(seed=3, clusters=60)), d / "bench")
    db = d / "lib.db"
    with Library.open(db) as lib:
        lib.add(cluster_articles(d / "bench" / "clusters.jsonl", []))
    return db


@pytest.mark.slow
def test_one_ctrl_c_stops_stories_cleanly_and_keeps_what_was_verified(library: Path) -> None:
    cmd = [sys.executable, "-m", "unspun", "stories", "--library", str(library),
           "--workers", "2", "--json"]
    # A new session, so the signal goes to the run's whole process group (the command and its
    # workers), as a terminal's Ctrl-C does.
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env={**os.environ, "COLUMNS": "200"})
    try:
        deadline = time.monotonic() + WAIT
        while _stored_pairs(library) == 0:
            assert proc.poll() is None, "the run ended before it verified anything"
            assert time.monotonic() < deadline, "no pair verified in time"
            time.sleep(0.02)
        os.killpg(proc.pid, signal.SIGINT)
        out, err = proc.communicate(timeout=WAIT)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
    assert proc.returncode == 130, err
    assert out == ""
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert "leaked" not in err, err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "interrupted" in lines[0], err
    kept = _stored_pairs(library)
    assert kept > 0
    # The next run reuses every pair verified before the signal and verifies only the rest.
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=WAIT)
    assert again.returncode == 0, again.stderr
    stats = json.loads(again.stdout)["stats"]
    assert stats["reused_pairs"] == kept
    # (pairs the pre-check leaves out are not stored: checked again, never aligned)
    assert stats["verified_pairs"] + stats["prechecked_out"] == stats["candidate_pairs"] - kept
