"""The library's optional `vectors` table: one dense article vector per doc (float16 blob).

The table is created on demand, the first time vectors are stored, so libraries built without
them (and this schema version's readers) are untouched. The model that made the vectors is
recorded in `meta` under `vector_model` (package, version, pooling, dimension); vectors of
two models are never mixed: storing under another tag is refused (`unspun embed --rebuild`
replaces them all).

This module only moves bytes; computing vectors needs the `semantic` extra
(`unspun.retrieve.semantic`), which hands the store a `VectorMaker`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Protocol

from unspun.errors import UnspunError
from unspun.library.schema import chunks
from unspun.model import Article

VECTORS_SQL = "CREATE TABLE IF NOT EXISTS vectors(doc INTEGER PRIMARY KEY, vec BLOB NOT NULL)"
META_KEY = "vector_model"


class VectorMaker(Protocol):
    """Turns articles into stored vectors: `tag` names the model; one blob per article."""

    @property
    def tag(self) -> str: ...

    def __call__(self, articles: Sequence[Article]) -> list[bytes]: ...


def has_table(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'vectors'"
                        ).fetchone() is not None


def stored_tag(conn: sqlite3.Connection) -> str | None:
    """The model tag of the stored vectors, or None when the library has none."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    return str(row[0]) if row else None


def prepare(conn: sqlite3.Connection, tag: str, path: object) -> None:
    """Inside a write transaction: make the table and record `tag`, or refuse a different one."""
    have = stored_tag(conn)
    if have is not None and have != tag:
        raise UnspunError(f"{path}: library vectors were made by {have}, this unspun makes "
                          f"{tag}; they cannot be mixed: run `unspun embed --rebuild`")
    conn.execute(VECTORS_SQL)
    if have is None:
        conn.execute("INSERT INTO meta(key, value) VALUES (?, ?)", (META_KEY, tag))


def write(conn: sqlite3.Connection, rows: Sequence[tuple[int, bytes]]) -> None:
    """Inside a write transaction (after `prepare`): store (doc, blob) rows."""
    conn.executemany("INSERT OR REPLACE INTO vectors(doc, vec) VALUES (?, ?)", rows)


def delete(conn: sqlite3.Connection, docs: Sequence[int]) -> None:
    """Inside a write transaction: drop the vectors of these docs (if the table exists)."""
    if not has_table(conn):
        return
    for chunk in chunks(list(docs)):
        conn.execute(f"DELETE FROM vectors WHERE doc IN ({','.join('?' * len(chunk))})",
                     list(chunk))


def drop(conn: sqlite3.Connection) -> None:
    """Inside a write transaction: forget every vector and the model tag."""
    conn.execute("DROP TABLE IF EXISTS vectors")
    conn.execute("DELETE FROM meta WHERE key = ?", (META_KEY,))


def count(conn: sqlite3.Connection) -> int:
    if not has_table(conn):
        return 0
    return int(conn.execute("SELECT COUNT(*) FROM vectors").fetchone()[0])


def problems(conn: sqlite3.Connection) -> list[str]:
    """Consistency problems of the vectors table (none when it is absent)."""
    if not has_table(conn):
        return []
    out: list[str] = []
    dangling = int(conn.execute("SELECT COUNT(*) FROM vectors WHERE doc NOT IN "
                                "(SELECT doc FROM articles)").fetchone()[0])
    if dangling:
        out.append(f"{dangling} vectors point to no article")
    if stored_tag(conn) is None and count(conn):
        out.append("vectors stored without a model tag")
    return out
