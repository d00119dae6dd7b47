"""Helpers for the library tests: an invented JSONL corpus and a digest of a library file."""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3
from pathlib import Path

from wordfreq import top_n_list

#: Columns that say when a row was written, not what it holds.
_CLOCK_COLUMNS = {"articles": {"added_at"}}
_CLOCK_META = ("created_at",)


def write_corpus(path: Path, n: int, seed: int = 11, *, extras: bool = False) -> None:
    """`n` invented articles of common words, names and numbers, one JSON object per line.

    With `extras`, the corpus also holds what `add` must get right in order: bad lines
    (not JSON, no text), a record repeated, a changed version of an earlier url, and a
    line of site furniture the site repeats on its pages.
    """
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
            if extras and i % 13 == 0:
                paras.insert(1, "Follow the Harbour Post on social media")
            rec = {"url": f"https://site{i % 13}.example/story/{i}",
                   "title": " ".join(rng.choices(vocab, k=7)).capitalize(),
                   "published": f"2024-0{1 + i % 9}-1{i % 10}", "text": "\n\n".join(paras)}
            line = json.dumps(rec)
            fh.write(line + "\n")
            if extras and i % 97 == 5:
                fh.write("{not json\n")
            if extras and i % 89 == 7:
                fh.write(json.dumps({"url": f"https://x.example/{i}", "title": "no text"}) + "\n")
            if extras and i % 71 == 3:
                fh.write(line + "\n")  # the same record again: stored once
            if extras and i % 61 == 9:
                fh.write(json.dumps({**rec, "text": rec["text"] + "\n\nA correction."}) + "\n")


def library_digest(db: Path) -> str:
    """sha256 over every table of the library file (the FTS index's own tables too), rows
    sorted, leaving out only the clock (when rows were written)."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        h = hashlib.sha256()
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info(\"{table}\")")
                    if r[1] not in _CLOCK_COLUMNS.get(table, set())]
            q = f"SELECT {', '.join(f'{chr(34)}{c}{chr(34)}' for c in cols)} FROM \"{table}\""
            if table == "meta":
                q += f" WHERE key NOT IN ({','.join('?' * len(_CLOCK_META))})"
            rows = sorted(repr(r) for r in conn.execute(
                q, _CLOCK_META if table == "meta" else ()))
            h.update(f"{table}:{cols}:{len(rows)}\n".encode())
            for r in rows:
                h.update(r.encode())
        return h.hexdigest()
    finally:
        conn.close()


def article_count(db: Path) -> int:
    """Articles in a library file that another process may be writing (0 before it exists)."""
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
