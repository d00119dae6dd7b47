"""The library's names index: which articles use which name, and spelling keys to find the
names a few letters from a given one.

Two tables, made on demand (`ensure`) so libraries and readers without them are untouched:

* `names(name, doc)`: one row per distinct name (lower-cased, `unspun.text.names`) of each
  article (WITHOUT ROWID, primary key (name, doc); index on doc for removals);
* `name_keys(key, name)`: the spelling keys of every name ever indexed.

They are filled in the same transaction as the articles they describe (`write`), and
emptied of a removed article with it (`delete`). A library that had articles before the
index existed records `names_missing_below` in `meta`: docs below it may be unindexed;
`backfill` indexes them, newest first, one transaction per batch, and clears the mark.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from unspun.library.schema import chunks
from unspun.model import Article
from unspun.text.names import spelling_keys, text_names

NAMES_SQL = (
    "CREATE TABLE IF NOT EXISTS names(name TEXT NOT NULL, doc INTEGER NOT NULL, "
    "PRIMARY KEY(name, doc)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS names_doc ON names(doc)",
    "CREATE TABLE IF NOT EXISTS name_keys(key TEXT NOT NULL, name TEXT NOT NULL, "
    "PRIMARY KEY(key, name)) WITHOUT ROWID",
)
MISSING_KEY = "names_missing_below"
#: Names used by more articles than this are not read doc by doc (context lookups).
MAX_CONTEXT_DF = 5000


@dataclass(slots=True, frozen=True)
class NameRows:
    """The rows one article adds (computed outside the write lock)."""

    names: frozenset[str]


def rows_of(article: Article) -> NameRows:
    return NameRows(text_names(article.text))


def has_index(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'names'"
                        ).fetchone() is not None


def missing_below(conn: sqlite3.Connection) -> int:
    """0 when every article is indexed, else the doc below which some may not be."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (MISSING_KEY,)).fetchone()
    return int(row[0]) if row else 0


def ensure(conn: sqlite3.Connection, first_new_doc: int) -> None:
    """Inside a write transaction: make the tables; when articles were stored before them,
    record that docs below `first_new_doc` are not indexed yet."""
    if has_index(conn):
        return
    for statement in NAMES_SQL:
        conn.execute(statement)
    if conn.execute("SELECT 1 FROM articles WHERE doc < ? LIMIT 1", (first_new_doc,)
                    ).fetchone() is not None:
        conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (MISSING_KEY, str(first_new_doc)))


def write(conn: sqlite3.Connection, rows: Iterable[tuple[int, NameRows]]) -> None:
    """Inside a write transaction (after `ensure`): index (doc, names) rows."""
    pairs: list[tuple[str, int]] = []
    names: set[str] = set()
    for doc, r in rows:
        pairs.extend((n, doc) for n in r.names)
        names.update(r.names)
    conn.executemany("INSERT OR IGNORE INTO names(name, doc) VALUES (?, ?)", pairs)
    conn.executemany("INSERT OR IGNORE INTO name_keys(key, name) VALUES (?, ?)",
                     [(k, n) for n in sorted(names) for k in spelling_keys(n)])


def delete(conn: sqlite3.Connection, docs: Sequence[int]) -> None:
    """Inside a write transaction: forget the names of these docs (spelling keys stay: they
    only point at names, whose article counts are read from `names`)."""
    if not has_index(conn):
        return
    for chunk in chunks(list(docs)):
        conn.execute(f"DELETE FROM names WHERE doc IN ({','.join('?' * len(chunk))})",
                     list(chunk))


def backfill(conn: sqlite3.Connection, batch: int = 500) -> int:
    """Index the articles stored before the index existed (newest first, one transaction per
    batch, so an interrupted backfill resumes); returns how many were indexed."""
    from unspun.library.schema import row_to_article

    done = 0
    while (below := missing_below(conn)) > 0:
        rows = conn.execute(
            "SELECT doc, id, url, site, title, published, lang, text, blocks FROM articles "
            "WHERE doc < ? ORDER BY doc DESC LIMIT ?", (below, batch)).fetchall()
        work = [(int(r[0]), rows_of(row_to_article(r))) for r in rows]
        conn.execute("BEGIN IMMEDIATE")
        try:
            write(conn, work)
            if len(rows) < batch:
                conn.execute("DELETE FROM meta WHERE key = ?", (MISSING_KEY,))
            else:
                conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)",
                             (MISSING_KEY, str(min(d for d, _ in work))))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        done += len(work)
    return done


def article_counts(conn: sqlite3.Connection, names: Iterable[str]) -> dict[str, int]:
    """Library articles using each name (0 for names no article uses)."""
    wanted = sorted(set(names))
    out = dict.fromkeys(wanted, 0)
    for chunk in chunks(wanted):
        q = (f"SELECT name, COUNT(*) FROM names WHERE name IN ({','.join('?' * len(chunk))}) "
             f"GROUP BY name")
        out.update((str(n), int(c)) for n, c in conn.execute(q, list(chunk)))
    return out


def near_names(conn: sqlite3.Connection, name: str) -> list[str]:
    """Indexed names sharing a spelling key with `name` (itself left out)."""
    keys = sorted(spelling_keys(name))
    if not keys:
        return []
    q = f"SELECT DISTINCT name FROM name_keys WHERE key IN ({','.join('?' * len(keys))})"
    return sorted(str(r[0]) for r in conn.execute(q, keys) if r[0] != name)


def docs_of(conn: sqlite3.Connection, name: str, limit: int = MAX_CONTEXT_DF) -> set[int]:
    return {int(r[0]) for r in conn.execute(
        "SELECT doc FROM names WHERE name = ? LIMIT ?", (name, limit))}
