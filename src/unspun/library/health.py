"""A library's statistics and consistency check (`Library.stats`, `Library.check`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from unspun.library import vectors as vec
from unspun.library.fingerprint import fingerprints
from unspun.library.schema import SCHEMA_VERSION, LibraryStats

if TYPE_CHECKING:
    from unspun.library.store import Library


def library_stats(lib: Library, top_sites: int = 10) -> LibraryStats:
    c = lib.conn
    n, sup = c.execute("SELECT COUNT(*), COALESCE(SUM(superseded), 0) FROM articles"
                       ).fetchone()
    sites = int(c.execute("SELECT COUNT(DISTINCT site) FROM articles").fetchone()[0])
    top = [(s or "(none)", int(k)) for s, k in c.execute(
        "SELECT site, COUNT(*) AS k FROM articles GROUP BY site ORDER BY k DESC, site "
        "LIMIT ?", (top_sites,))]
    size = sum(f.stat().st_size for f in (lib.path, Path(f"{lib.path}-wal")) if f.exists())
    lsh_rows = lib.lsh_row_count()
    return LibraryStats(str(lib.path), int(n), int(n) - int(sup), int(sup), sites, top,
                        size, lsh_rows, SCHEMA_VERSION, lib.params.as_dict())


def problems(lib: Library) -> list[str]:
    """Consistency problems (empty when all is well): SQLite integrity, and every article
    indexed in LSH and FTS exactly as its fingerprint says, nothing dangling."""
    c = lib.conn
    found = [r[0] for r in c.execute("PRAGMA integrity_check") if r[0] != "ok"]
    dup = c.execute("SELECT COUNT(*) FROM (SELECT id FROM articles GROUP BY id "
                    "HAVING COUNT(*) > 1)").fetchone()[0]
    if dup:
        found.append(f"{dup} duplicated article ids")
    dangling = sum(c.execute(f"SELECT COUNT(*) FROM {t} WHERE doc NOT IN (SELECT doc FROM "
                             "articles)").fetchone()[0] for t in lib.lsh_tables)
    if dangling:
        found.append(f"{dangling} LSH rows point to no article")
    if len(lib.lsh_tables) > 1:
        both = c.execute("SELECT COUNT(*) FROM lsh_recent r JOIN lsh l ON l.key = r.key AND "
                         "l.doc = r.doc").fetchone()[0]
        if both:
            found.append(f"{both} LSH rows are in both lsh and lsh_recent")
    expected = 0
    for art in lib.iter_articles():
        expected += len(set(fingerprints([art], lib.params)[0].keys))
    have = lib.lsh_row_count()
    if have != expected:
        found.append(f"LSH rows {have}, fingerprints say {expected}")
    try:
        c.execute("INSERT INTO term_index(term_index, rank) VALUES('integrity-check', 1)"
                  if not lib.readonly else "SELECT 1")
    except sqlite3.DatabaseError as exc:
        found.append(f"FTS index: {exc}")
    return found + vec.problems(c)
