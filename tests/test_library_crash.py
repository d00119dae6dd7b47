"""Crash safety: kill -9 a real `unspun add` mid-run, several times, then finish the same add.

The library must pass SQLite's integrity check, hold every article exactly once, and have its
LSH and FTS indexes agree with its articles (`Library.check`).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from library_fixtures import article_count, write_corpus
from unspun.ingest import iter_articles
from unspun.library import Library
from unspun.model import Article

N_ARTICLES = 3000


def _add_cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "unspun", "add", str(corpus), "--library", str(db),
            "--batch-size", "100"]


@pytest.mark.slow
def test_kill_9_during_add_then_rerun_completes_without_duplicates(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    db = tmp_path / "lib.db"
    write_corpus(corpus, N_ARTICLES)
    expected = {a.id for a in iter_articles([str(corpus)]) if isinstance(a, Article)}
    assert len(expected) == N_ARTICLES
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    killed_at: list[int] = []
    # Kill once the library has passed each of these counts (plus a random delay, so the kill
    # lands anywhere: inside a batch's fingerprinting, its transaction, or between batches).
    rng = random.Random(5)
    for target in (1, N_ARTICLES // 3, (2 * N_ARTICLES) // 3):
        proc = subprocess.Popen(_add_cmd(corpus, db), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=env)
        deadline = time.monotonic() + 120
        while article_count(db) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.3))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_at.append(article_count(db))
        with Library.open(db, readonly=True) as lib:  # consistent after every kill
            assert lib.check() == []
    # Every kill landed mid-run, and each re-run went on from where the last one stopped.
    assert killed_at == sorted(killed_at) and killed_at[-1] < N_ARTICLES, killed_at
    done = subprocess.run(_add_cmd(corpus, db), capture_output=True, text=True, env=env,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"already present {killed_at[-1]}" in done.stdout
    with Library.open(db, readonly=True) as lib:
        assert lib.check() == []
        ids = [r[0] for r in lib.conn.execute("SELECT id FROM articles")]
        assert len(ids) == len(set(ids)) == N_ARTICLES
        assert set(ids) == expected
    again = subprocess.run(_add_cmd(corpus, db), capture_output=True, text=True, env=env,
                           timeout=300)
    assert f"added 0, already present {N_ARTICLES}" in again.stdout
