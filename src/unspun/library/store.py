"""The library store: SQLite (WAL) holding articles, LSH band keys and an FTS5 term index.

Tables (schema version `SCHEMA_VERSION`):

* `meta(key, value)`: schema version and the fingerprint scheme (params + version tag).
* `articles`: one row per stored version of an article. `doc` is a compact integer key used
  by the indexes; `id` (unique) is `Article.id`. Versions: a page read again with changed
  text has a new id, so it is a new row with the same url, `version` = previous + 1; older
  rows of that url are kept (a copy may have been taken from them) and marked
  `superseded = 1`. Every version stays searchable.
* `lsh(key, doc)`: the MinHash LSH band keys (WITHOUT ROWID, primary key (key, doc)), and
  `lsh_recent(key, doc)`, the same for the articles added since the last merge. Band keys
  are random, so inserting a batch's keys into one big B-tree touches nearly every page of
  it, and each commit rewrote the whole index (its cost grew with the library: quadratic
  over a bulk load). New keys go to the small `lsh_recent`, and are moved into `lsh` in key
  order, in the same transaction as a batch, once it holds more than `merge_rows` (about
  the square root of batch rows x library rows, which balances the two costs); `add`
  merges the rest when it ends. A (key, doc) row is in exactly one of the two: searches
  read both (`lsh_candidates`, `band_rows`). After an `add` that completed, `lsh_recent`
  is empty; after one killed, it holds keys until the next `add`.
* `term_index`: FTS5 index (external content: `articles.terms`, detail=none) of distinctive
  terms; `term_candidates` (`termsearch`) ranks its postings by BM25 IDF.
* `names(name, doc)`, `name_keys(key, name)`: the names index (`library.names`), made by the
  first add that needs it, written in the same transactions as the articles.

Writes happen in batches, one transaction each, covering all tables, so a crash (even
kill -9) loses at most the uncommitted batch; adding the same input again skips what is
stored (ids are content hashes) and completes the rest. Readers can open read-only.
"""

from __future__ import annotations

import heapq
import json
import math
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from unspun.errors import InputError, UnspunError
from unspun.library import names as lib_names
from unspun.library import vectors as vec
from unspun.library.fingerprint import (
    Fingerprint,
    FingerprintCache,
    IndexEntry,
    fingerprints,
    index_entries,
)
from unspun.library.health import library_stats, problems
from unspun.library.minhash import FingerprintParams
from unspun.library.postings import PostingsCache
from unspun.library.schema import (
    DEFAULT_BATCH,
    MAX_KEPT_ERRORS,
    MIN_MERGE_ROWS,
    SCHEMA_STATEMENTS,
    SCHEMA_VERSION,
    UPGRADES,
    AddSummary,
    LibraryStats,
    chunks,
    row_to_article,
)
from unspun.library.termsearch import term_candidates
from unspun.model import Article
from unspun.options import MAX_TERM_DF
from unspun.published import to_iso

_COLUMNS = "doc, id, url, site, title, published, lang, text, blocks"


def _upgrade(conn: sqlite3.Connection, schema: int) -> int:
    """Upgrade a library of an older schema to `SCHEMA_VERSION` in one transaction; the
    version now."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is not None and row[0] == str(schema):  # not upgraded meanwhile by another
            for statement in UPGRADES[schema]:
                conn.execute(statement)
            conn.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                         (str(SCHEMA_VERSION),))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return SCHEMA_VERSION


def _unfinished(conn: sqlite3.Connection, tables: set[str]) -> bool:
    """True for a library whose creation never completed: meta has no schema version and
    no article was ever stored (an unspun before one-transaction creation could leave this
    after a kill; such a file holds nothing to lose)."""
    if "articles" not in tables:
        return True
    return conn.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None


class Library:
    """An open library. Use `Library.open(path)`; close it (or use `with`)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, params: FingerprintParams,
                 readonly: bool, schema: int = SCHEMA_VERSION) -> None:
        self.conn = conn
        self.path = path
        self.params = params
        self.readonly = readonly
        # A schema 1 library opened read-only cannot be upgraded: its articles have no
        # source_id column, so it reads as null.
        #: The SQL that selects an article's `source_id` (NULL in a schema 1 library).
        self.source_id_sql = "source_id" if schema >= 2 else "NULL"
        self._columns = f"{_COLUMNS}, {self.source_id_sql}"
        #: The band key tables (a library before schema 3, read-only, has only `lsh`).
        self.lsh_tables: tuple[str, ...] = ("lsh", "lsh_recent") if schema >= 3 else ("lsh",)
        # Postings and over-cap terms kept between searches: see `term_candidates`.
        self._postings = PostingsCache()

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, readonly: bool = False, create: bool = True,
             params: FingerprintParams | None = None) -> Library:
        """Open (or, with `create`, make) the library at `path`.

        Raises UnspunError when there is no library and `create` is false (or `readonly`),
        when the file is not an unspun library, or when its fingerprints were made under
        another scheme than this code makes (mixing them would make retrieval silently wrong).
        `params` only applies to a new library; an existing one keeps its own.
        """
        p = Path(path)
        if not p.exists() and (readonly or not create):
            raise UnspunError(f"{p}: no library here (build one with `unspun add`)")
        try:
            if readonly:
                conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True,
                                       check_same_thread=False)
            else:
                conn = sqlite3.connect(p, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout = 30000")
            if not readonly:
                conn.execute("PRAGMA journal_mode = WAL")
                # NORMAL is durable against process crashes in WAL mode (not power loss).
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute("PRAGMA cache_size = -32768")  # 32 MB, whatever the size
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        except sqlite3.DatabaseError as exc:
            raise UnspunError(f"{p}: not a readable library ({exc})") from exc
        if "meta" not in tables:
            if tables or readonly:
                conn.close()
                raise UnspunError(f"{p}: not an unspun library")
            return cls._create(conn, p, params or FingerprintParams())
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        if "schema_version" not in meta and _unfinished(conn, tables):
            if readonly:
                conn.close()
                raise UnspunError(f"{p}: the library was never finished (its creation was "
                                  f"interrupted); run `unspun add` to make it")
            return cls._create(conn, p, params or FingerprintParams())
        schema = int(meta.get("schema_version", "0"))
        if schema in UPGRADES and not readonly:
            schema = _upgrade(conn, schema)
        if schema not in (*UPGRADES, SCHEMA_VERSION):
            conn.close()
            raise UnspunError(f"{p}: library schema {meta.get('schema_version')} is not "
                              f"{SCHEMA_VERSION}; rebuild it with this version of unspun")
        stored = FingerprintParams(**json.loads(meta["fingerprint"]))
        try:
            tag = stored.version_tag()
        except (ImportError, ValueError) as exc:
            conn.close()
            raise UnspunError(f"{p}: cannot make fingerprints of kind {stored.engine}: {exc}"
                              ) from exc
        if tag != meta["fingerprint_tag"]:
            conn.close()
            raise UnspunError(f"{p}: library fingerprints are {meta['fingerprint_tag']}, this "
                              f"unspun makes {tag}; they cannot be mixed: rebuild the library")
        return cls(conn, p, stored, readonly, schema)

    @classmethod
    def _create(cls, conn: sqlite3.Connection, path: Path, params: FingerprintParams) -> Library:
        params = params.resolved()
        tag = params.version_tag()
        # Tables and meta rows in one transaction: a process killed while creating leaves
        # either nothing or a whole library, never tables without their schema version.
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in SCHEMA_STATEMENTS:  # IF NOT EXISTS everywhere: safe to repeat
                conn.execute(statement)
            conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [
                ("schema_version", str(SCHEMA_VERSION)),
                ("fingerprint", json.dumps(params.as_dict(), sort_keys=True)),
                ("fingerprint_tag", tag),
                ("created_at", datetime.now(UTC).isoformat(timespec="seconds")),
            ])
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        return cls(conn, path, params, False)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- adding ------------------------------------------------------------------------

    def add(self, items: Iterable[Article | InputError], *, batch_size: int = DEFAULT_BATCH,
            progress: Callable[[AddSummary], None] | None = None,
            on_error: Callable[[InputError], None] | None = None,
            vectors: vec.VectorMaker | None = None,
            prepared: FingerprintCache | None = None) -> AddSummary:
        """Add a stream of articles (InputErrors in it are counted as failed), batch by batch.

        Streams: memory holds one batch, whatever the input size. With `vectors`, each new
        article's dense vector is stored in the same transaction as the article. When the
        stream raises (or is interrupted), the articles it yielded before are committed,
        then the exception propagates. `prepared` holds fingerprints made ahead (by
        `unspun add`'s workers); any not found there are made here.
        """
        summary = AddSummary()
        start = time.perf_counter()
        if not self.readonly:  # articles stored before the names index existed
            lib_names.backfill(self.conn)
        batch: list[Article] = []
        try:
            for item in items:
                if isinstance(item, InputError):
                    summary.failed += 1
                    if len(summary.errors) < MAX_KEPT_ERRORS:
                        summary.errors.append(str(item))
                    if on_error is not None:
                        on_error(item)
                    continue
                batch.append(item)
                if len(batch) >= batch_size:
                    full, batch = batch, []  # emptied first: a failed write is not retried
                    self._add_batch(full, summary, vectors, prepared)
                    summary.seconds = time.perf_counter() - start
                    if progress is not None:
                        progress(summary)
        except BaseException:
            # The stream failed (or was interrupted): keep the articles it gave before.
            if batch:
                self._add_batch(batch, summary, vectors, prepared)
            raise
        if batch:
            self._add_batch(batch, summary, vectors, prepared)
        if not self.readonly:
            self.merge_band_keys()
        summary.seconds = time.perf_counter() - start
        if progress is not None:
            progress(summary)
        return summary

    def add_articles(self, articles: Sequence[Article],
                     vectors: vec.VectorMaker | None = None) -> AddSummary:
        """Add a few articles in one transaction."""
        summary = AddSummary()
        self._add_batch(list(articles), summary, vectors)
        return summary

    def _add_batch(self, batch: list[Article], summary: AddSummary,
                   vectors: vec.VectorMaker | None = None,
                   prepared: FingerprintCache | None = None) -> None:
        if self.readonly:
            raise UnspunError(f"{self.path}: opened read-only")
        # Unique ids within the batch, in input order.
        uniq: dict[str, Article] = {}
        for a in batch:
            if a.id in uniq:
                summary.present += 1
            else:
                uniq[a.id] = a
        present = self._existing_ids(list(uniq))
        summary.present += len(present)
        new = [a for a in uniq.values() if a.id not in present]
        made = [prepared.take(a) for a in batch] if prepared is not None else []
        if not new:
            return
        fps = self._fingerprints(new, dict(zip(map(id, batch), made, strict=False)))
        name_rows = {a.id: lib_names.NameRows(f[2]) for a, f in zip(new, fps, strict=True)}
        blobs = dict(zip([a.id for a in new], vectors(new), strict=True)) if vectors else {}
        now = datetime.now(UTC).isoformat(timespec="seconds")
        tag = self.params.version_tag()
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-check under the lock: another writer may have added some meanwhile.
            present = self._existing_ids([a.id for a in new])
            summary.present += len(present)
            pairs = [(a, f) for a, f in zip(new, fps, strict=True) if a.id not in present]
            next_doc = first_doc = self._last_doc() + 1
            last_version = self._url_versions([a.url for a, _ in pairs if a.url])
            art_rows: list[tuple[Any, ...]] = []
            lsh_rows: list[tuple[int, int]] = []
            fts_rows: list[tuple[int, str]] = []
            superseded_urls: set[str] = set()
            for a, f in pairs:
                doc = next_doc
                next_doc += 1
                version = 1
                if a.url:
                    version = last_version.get(a.url, 0) + 1
                    last_version[a.url] = version
                    if version > 1:
                        superseded_urls.add(a.url)
                        summary.new_versions += 1
                keys, terms, _names = f
                art_rows.append((
                    doc, a.id, a.url, a.site, a.title,
                    to_iso(a.published), a.lang, a.text,
                    json.dumps([[b.role, b.start, b.end] for b in a.blocks]), terms, now, tag,
                    version, a.source_id,
                ))
                lsh_rows.extend((k, doc) for k in keys)
                fts_rows.append((doc, terms))
            conn.executemany(
                "INSERT INTO articles(doc, id, url, site, title, published, lang, text, blocks,"
                " terms, added_at, fp_version, version, source_id)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                art_rows)
            lsh_rows.sort()  # in key order: the B-tree's pages visited in turn
            conn.executemany("INSERT OR IGNORE INTO lsh_recent(key, doc) VALUES (?, ?)",
                             lsh_rows)
            self._merge_if_due(next_doc - 1)
            conn.executemany("INSERT INTO term_index(rowid, terms) VALUES (?, ?)", fts_rows)
            lib_names.ensure(conn, first_doc)
            lib_names.write(conn, [(r[0], name_rows[r[1]]) for r in art_rows])
            if vectors is not None:
                vec.prepare(conn, vectors.tag, self.path)
                vec.write(conn, [(r[0], blobs[r[1]]) for r in art_rows])
            for url in superseded_urls:
                conn.execute("UPDATE articles SET superseded = (version < ?) WHERE url = ?",
                             (last_version[url], url))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        summary.added += len(pairs)

    def _fingerprints(self, arts: list[Article], made: dict[int, IndexEntry | None]
                      ) -> list[IndexEntry]:
        """The index entries of `arts`: those made ahead (`made`, by object id) and the
        rest made here (outside the write lock)."""
        got = [made.get(id(a)) for a in arts]
        missing = [a for a, f in zip(arts, got, strict=True) if f is None]
        if missing:
            fresh = iter(index_entries(missing, self.params))
            got = [f if f is not None else next(fresh) for f in got]
        return [f for f in got if f is not None]

    def merge_rows(self, docs: int) -> int:
        """`lsh_recent` is merged into `lsh` once it holds more rows than this, for a
        library of `docs` articles: each batch's commit rewrites about the recent table's
        pages, each merge about all of `lsh`'s, so the total is least near the square root
        of (one batch's rows x all rows)."""
        bands = self.params.resolved().bands
        return max(MIN_MERGE_ROWS, math.isqrt(DEFAULT_BATCH * bands * bands * max(docs, 1)))

    def _merge_if_due(self, docs: int) -> None:
        """Inside a write transaction: merge `lsh_recent` into `lsh` if it is due."""
        limit = self.merge_rows(docs)
        # Counting past the limit is not needed: LIMIT keeps this cheap however large.
        n = self.conn.execute("SELECT COUNT(*) FROM (SELECT 1 FROM lsh_recent LIMIT ?)",
                              (limit + 1,)).fetchone()[0]
        if n > limit:
            self._merge()

    def _merge(self) -> None:
        # Read in key order, so `lsh` is walked once from end to end.
        self.conn.execute("INSERT OR IGNORE INTO lsh(key, doc) SELECT key, doc FROM lsh_recent "
                          "ORDER BY key, doc")
        self.conn.execute("DELETE FROM lsh_recent")

    def merge_band_keys(self) -> None:
        """Move every key of `lsh_recent` into `lsh`, in one transaction (`add` does this
        when it ends: a library left by a completed add has all its keys in `lsh`)."""
        if self.readonly:
            raise UnspunError(f"{self.path}: opened read-only")
        conn = self.conn
        if conn.execute("SELECT 1 FROM lsh_recent LIMIT 1").fetchone() is None:
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            self._merge()
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def _existing_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(ids):
            q = f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
            found.update(r[0] for r in self.conn.execute(q, list(chunk)))
        return found

    def _url_versions(self, urls: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for chunk in chunks(sorted(set(urls))):
            q = (f"SELECT url, MAX(version) FROM articles WHERE url IN "
                 f"({','.join('?' * len(chunk))}) GROUP BY url")
            out.update((u, int(v)) for u, v in self.conn.execute(q, list(chunk)))
        return out

    # ---- reading -----------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def get(self, article_id: str) -> Article | None:
        row = self.conn.execute(f"SELECT {self._columns} FROM articles WHERE id = ?",
                                (article_id,)).fetchone()
        return row_to_article(row) if row else None

    def articles_by_doc(self, docs: Sequence[int]) -> dict[int, Article]:
        """The stored articles with these doc numbers (missing ones are left out)."""
        out: dict[int, Article] = {}
        for chunk in chunks(list(docs)):
            q = f"SELECT {self._columns} FROM articles WHERE doc IN ({','.join('?' * len(chunk))})"
            out.update((int(r[0]), row_to_article(r)) for r in self.conn.execute(q, list(chunk)))
        return out

    def articles_with_terms(self, docs: Sequence[int]) -> dict[int, tuple[Article, frozenset[str]]]:
        """The stored articles with these doc numbers, each with its indexed terms."""
        out: dict[int, tuple[Article, frozenset[str]]] = {}
        for chunk in chunks(list(docs)):
            q = (f"SELECT {self._columns}, terms FROM articles WHERE doc IN "
                 f"({','.join('?' * len(chunk))})")
            for r in self.conn.execute(q, list(chunk)):
                out[int(r[0])] = (row_to_article(r[:-1]), frozenset(r[-1].split()))
        return out

    def doc_info(self, docs: Sequence[int]) -> dict[int, tuple[int, int]]:
        """(version, superseded) of each doc."""
        out: dict[int, tuple[int, int]] = {}
        for chunk in chunks(list(docs)):
            q = (f"SELECT doc, version, superseded FROM articles WHERE doc IN "
                 f"({','.join('?' * len(chunk))})")
            out.update((int(d), (int(v), int(s))) for d, v, s in self.conn.execute(q, list(chunk)))
        return out

    def iter_articles(self, batch: int = 1000) -> Iterator[Article]:
        """Every stored article (all versions), in the order they were added."""
        last = 0
        while True:
            rows = self.conn.execute(f"SELECT {self._columns} FROM articles WHERE doc > ? ORDER BY "
                                     f"doc LIMIT ?", (last, batch)).fetchall()
            if not rows:
                return
            for r in rows:
                yield row_to_article(r)
            last = int(rows[-1][0])

    def lsh_candidates(self, keys: Sequence[int], limit: int) -> list[tuple[int, int]]:
        """(doc, shared bands), most shared bands first, for the given band keys."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        union = " UNION ALL ".join(f"SELECT doc FROM {t} WHERE key IN ({marks})"
                                   for t in self.lsh_tables)
        q = f"SELECT doc, COUNT(*) AS n FROM ({union}) GROUP BY doc ORDER BY n DESC, doc LIMIT ?"
        args = [*keys] * len(self.lsh_tables)
        return [(int(d), int(n)) for d, n in self.conn.execute(q, [*args, limit])]

    def band_rows(self, fetch: int = 100_000) -> Iterator[tuple[int, int]]:
        """Every (band key, doc) row of the library, in (key, doc) order: both tables
        (`lsh` and `lsh_recent`), merged as they are read. The one way to read all band keys
        whatever state the last add left."""
        cursors = [self.conn.execute(f"SELECT key, doc FROM {t} ORDER BY key, doc")
                   for t in self.lsh_tables]

        def rows(cur: sqlite3.Cursor) -> Iterator[tuple[int, int]]:
            while chunk := cur.fetchmany(fetch):
                yield from chunk

        yield from heapq.merge(*(rows(c) for c in cursors))

    def lsh_row_count(self) -> int:
        """How many (band key, doc) rows the library holds."""
        return sum(int(self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0])
                   for t in self.lsh_tables)

    def term_candidates(self, terms: Sequence[str], limit: int, max_df: int = MAX_TERM_DF
                        ) -> list[tuple[int, float]]:
        """(doc, score) of articles sharing distinctive terms with the query, best first
        (see `termsearch.term_candidates`)."""
        return term_candidates(self.conn, self._postings, terms, limit, max_df)

    # ---- removing ----------------------------------------------------------------------

    def remove(self, *, ids: Sequence[str] = (), urls: Sequence[str] = (),
               sites: Sequence[str] = ()) -> int:
        """Remove every version matching any id, url or site, from every table, in one
        transaction. Returns how many article rows went."""
        if self.readonly:
            raise UnspunError(f"{self.path}: opened read-only")
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            docs: set[int] = set()
            for col, values in (("id", ids), ("url", urls), ("site", sites)):
                for chunk in chunks(list(values)):
                    q = f"SELECT doc FROM articles WHERE {col} IN ({','.join('?' * len(chunk))})"
                    docs.update(int(r[0]) for r in conn.execute(q, list(chunk)))
            removed = self._delete_docs(sorted(docs))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return removed

    def _last_doc(self) -> int:
        """The highest doc number ever given, removed ones included: a doc number always
        names one article, so state keyed by doc numbers (stories) cannot mistake a new
        article for a removed one."""
        row = self.conn.execute(
            "SELECT MAX(COALESCE((SELECT MAX(doc) FROM articles), 0), "
            "COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'last_doc'), 0))"
        ).fetchone()
        return int(row[0])

    def _delete_docs(self, docs: list[int]) -> int:
        conn = self.conn
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('last_doc', ?)", (str(self._last_doc()),))
        touched_urls: set[str] = set()
        vec.delete(conn, docs)
        lib_names.delete(conn, docs)
        for chunk in chunks(docs, 500):
            rows = conn.execute(
                f"SELECT {self._columns}, terms FROM articles WHERE doc IN "
                f"({','.join('?' * len(chunk))})", list(chunk)).fetchall()
            arts = [row_to_article(r[:-1]) for r in rows]
            # Fingerprints are deterministic: recompute the band keys instead of storing them twice.
            fps: list[Fingerprint] = fingerprints(arts, self.params)
            for r, a, f in zip(rows, arts, fps, strict=True):
                doc = int(r[0])
                for table in self.lsh_tables:
                    conn.executemany(f"DELETE FROM {table} WHERE key = ? AND doc = ?",
                                     [(k, doc) for k in f.keys])
                conn.execute("INSERT INTO term_index(term_index, rowid, terms) "
                             "VALUES('delete', ?, ?)", (doc, r[-1]))
                conn.execute("DELETE FROM articles WHERE doc = ?", (doc,))
                if a.url:
                    touched_urls.add(a.url)
        for url in touched_urls:  # the newest remaining version becomes current again
            conn.execute("UPDATE articles SET superseded = (version < (SELECT MAX(version) FROM "
                         "articles WHERE url = ?)) WHERE url = ?", (url, url))
        return len(docs)

    # ---- statistics and checks ---------------------------------------------------------

    def stats(self, top_sites: int = 10) -> LibraryStats:
        return library_stats(self, top_sites)

    def check(self) -> list[str]:
        """Consistency problems (empty when all is well; see `health.problems`)."""
        return problems(self)
