"""The library's schema and the plain records its operations return."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from unspun.model import Article, Block
from unspun.published import from_iso

#: 2: articles gained `source_id` (schema 1 is read as it is and upgraded by a writer).
#: 3: new band keys go to `lsh_recent` first, merged into `lsh` in bulk (see store.py).
SCHEMA_VERSION = 3
#: Articles per transaction when adding.
DEFAULT_BATCH = 500
#: `lsh_recent` is never merged into `lsh` below this many rows (a small library's keys).
MIN_MERGE_ROWS = 50_000
MAX_KEPT_ERRORS = 50

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles(
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    site TEXT,
    title TEXT NOT NULL,
    published TEXT,
    lang TEXT,
    text TEXT NOT NULL,
    blocks TEXT NOT NULL,
    terms TEXT NOT NULL,
    added_at TEXT NOT NULL,
    fp_version TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    superseded INTEGER NOT NULL DEFAULT 0,
    source_id TEXT
);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX IF NOT EXISTS articles_site ON articles(site);
CREATE TABLE IF NOT EXISTS lsh(key INTEGER NOT NULL, doc INTEGER NOT NULL,
                               PRIMARY KEY(key, doc)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS lsh_recent(key INTEGER NOT NULL, doc INTEGER NOT NULL,
                                      PRIMARY KEY(key, doc)) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS term_index USING fts5(
    terms, content='articles', content_rowid='doc', detail=none,
    tokenize='unicode61 remove_diacritics 2');
"""
#: `SCHEMA_SQL` one statement at a time (to run inside one transaction; `executescript`
#: commits each statement on its own).
SCHEMA_STATEMENTS: tuple[str, ...] = tuple(
    s.strip() for s in SCHEMA_SQL.split(";\n") if s.strip())



@dataclass(slots=True)
class AddSummary:
    """Counts of one `add` run (also passed to progress callbacks while it runs)."""

    added: int = 0
    present: int = 0
    new_versions: int = 0
    failed: int = 0
    seconds: float = 0.0
    #: The first errors met (at most 50), as "source: reason" lines.
    errors: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.added + self.present

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "already_present": self.present,
                "new_versions": self.new_versions, "failed": self.failed,
                "seconds": round(self.seconds, 3)}


@dataclass(slots=True)
class LibraryStats:
    """What `unspun stats` prints."""

    path: str
    articles: int
    current: int
    superseded: int
    sites: int
    top_sites: list[tuple[str, int]]
    bytes_on_disk: int
    lsh_rows: int
    schema_version: int
    fingerprint: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "articles": self.articles, "current": self.current,
                "superseded": self.superseded, "sites": self.sites,
                "top_sites": [{"site": s, "articles": n} for s, n in self.top_sites],
                "bytes_on_disk": self.bytes_on_disk, "lsh_rows": self.lsh_rows,
                "schema_version": self.schema_version, "fingerprint": self.fingerprint}


#: Schema 1 upgraded to 2 (one transaction with the version row).
UPGRADE_1_TO_2 = "ALTER TABLE articles ADD COLUMN source_id TEXT"
#: Schema 2 upgraded to 3.
UPGRADE_2_TO_3 = ("CREATE TABLE IF NOT EXISTS lsh_recent(key INTEGER NOT NULL, doc INTEGER NOT "
                  "NULL, PRIMARY KEY(key, doc)) WITHOUT ROWID")
#: The statements that take a library of schema N to `SCHEMA_VERSION`.
UPGRADES: dict[int, tuple[str, ...]] = {1: (UPGRADE_1_TO_2, UPGRADE_2_TO_3),
                                        2: (UPGRADE_2_TO_3,)}


def row_to_article(row: Sequence[Any]) -> Article:
    """(doc, id, url, site, title, published, lang, text, blocks[, source_id]) -> Article."""
    _doc, aid, url, site, title, published, lang, text, blocks, *rest = row
    return Article(
        id=aid, url=url, site=site, title=title,
        published=from_iso(published),
        lang=lang, text=text,
        blocks=tuple(Block(r, s, e) for r, s, e in json.loads(blocks)),
        source_id=rest[0] if rest else None,
    )


def chunks(items: Sequence[Any], n: int = 900) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), n):
        yield items[i : i + n]
