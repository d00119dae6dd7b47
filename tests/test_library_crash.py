"""Crash safety: kill -9 a real `unspun add` mid-run, several times, then finish the same add.

The library must pass SQLite's integrity check, hold every article exactly once, and have its
LSH and FTS indexes agree with its articles (`Library.check`).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from wordfreq import top_n_list

from unspun.ingest import iter_articles
from unspun.library import Library
from unspun.model import Article

N_ARTICLES = 3000


def _write_corpus(path: Path, n: int, seed: int = 11) -> None:
    """`n` invented articles of common words, names and numbers, one JSON object per line."""
    rng = random.Random(seed)
    vocab = [w for w in top_n_list("en", 4000) if w.isalpha()]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            paras = []
            for _ in range(rng.randint(2, 5)):
                ws = rng.choices(vocab, k=rng.randint(20, 50))
                ws.insert(rng.randrange(len(ws)), f"Ostrander{rng.randint(0, 10**6)}")
                ws.append(str(rng.randint(10, 10**6)))
                paras.append(" ".join(ws).capitalize() + ".")
            rec = {"url": f"https://site{i % 13}.example/story/{i}",
                   "title": " ".join(rng.choices(vocab, k=7)).capitalize(),
                   "published": f"2024-0{1 + i % 9}-1{i % 10}", "text": "\n\n".join(paras)}
            fh.write(json.dumps(rec) + "\n")


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet, or the schema is being written
        return 0


def _add_cmd(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "unspun", "add", str(corpus), "--library", str(db),
            "--batch-size", "100"]


@pytest.mark.slow
def test_kill_9_during_add_then_rerun_completes_without_duplicates(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    db = tmp_path / "lib.db"
    _write_corpus(corpus, N_ARTICLES)
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
        while _count(db) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.3))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_at.append(_count(db))
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
