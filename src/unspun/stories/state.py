"""Stories state kept in the library file (new tables, created here; the store is untouched):

* `story_scan(doc, tag, seen)`: articles whose candidates were searched, under which scheme
  (fingerprint tag + candidate options), and the highest doc number the library held then
  (`seen`; doc numbers are never reused); an article missing here is new.
* `story_cands(lo, hi, by_doc)`: candidate pairs (lo < hi, doc numbers) and the article whose
  search proposed them; re-searching an article replaces its rows.
* `story_pairs(lo, hi, tag, result)`: verified pairs keyed by article ids (lo < hi) and the
  verification scheme (fingerprint tag + `VERIFY_VERSION` + alignment options), result as
  JSON. Verification is pure, so a stored result is reused by any later run made with the
  same verification code (`verifier_digest`).

When the library is read-only (or `persist` is off) the same tables live in a temporary file.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Generator, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

from unspun.library import Library
from unspun.stories.options import VERIFY_VERSION, StoriesOptions
from unspun.stories.tasks import ScanRow
from unspun.stories.types import PairResult
from unspun.unionfind import UnionFind

_SCHEMA = """
CREATE TABLE IF NOT EXISTS story_scan(doc INTEGER PRIMARY KEY, tag TEXT NOT NULL,
    seen INTEGER);
CREATE TABLE IF NOT EXISTS story_cands(lo INTEGER NOT NULL, hi INTEGER NOT NULL,
    by_doc INTEGER NOT NULL, PRIMARY KEY(lo, hi, by_doc)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS story_cands_by ON story_cands(by_doc);
CREATE TABLE IF NOT EXISTS story_pairs(lo TEXT NOT NULL, hi TEXT NOT NULL, tag TEXT NOT NULL,
    result TEXT NOT NULL, PRIMARY KEY(lo, hi, tag)) WITHOUT ROWID;
"""


def scan_tag(library: Library, options: StoriesOptions) -> str:
    window = "" if options.window_days is None else f"|w{options.window_days}"
    return (f"{library.params.version_tag()}|k{options.per_article}|p{options.pool}"
            f"|s{options.min_score}{window}")


@lru_cache(maxsize=1)
def verifier_digest() -> str:
    """A digest of the code and fitted models that verify a pair (alignment, forensics with
    its model files, the page-alone rewriting score the direction weighs, text helpers, this
    package's verification): stored results made by other code or models are not reused."""
    root = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for sub in ("align", "forensics", "inspection", "text", "retrieve"):
        for f in sorted([*(root / sub).glob("*.py"), *(root / sub).glob("*.json")]):
            h.update(f.name.encode())
            h.update(f.read_bytes())
    h.update((root / "stories" / "verify.py").read_bytes())
    return h.hexdigest()[:12]


def pair_tag(library: Library, options: StoriesOptions) -> str:
    align = hashlib.sha256(repr(options.align).encode()).hexdigest()[:10]
    return f"{library.params.version_tag()}|{VERIFY_VERSION}|{align}|{verifier_digest()}"


class StoryState:
    """The tables above, on the library's connection or on a temporary file."""

    def __init__(self, library: Library, persist: bool = True) -> None:
        self._tmp: str | None = None
        if persist and not library.readonly:
            self.conn = library.conn
        else:
            self._tmp = tempfile.mkdtemp(prefix="unspun-stories-")
            self.conn = sqlite3.connect(Path(self._tmp) / "state.db", isolation_level=None)
            self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.executescript(_SCHEMA)
        cols = {r[1] for r in self.conn.execute("PRAGMA table_info(story_scan)")}
        if "seen" not in cols:  # state written before `seen` was kept: unknown for old rows
            self.conn.execute("ALTER TABLE story_scan ADD COLUMN seen INTEGER")

    def close(self) -> None:
        if self._tmp is not None:
            self.conn.close()
            shutil.rmtree(self._tmp, ignore_errors=True)

    def _tx(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.executemany(sql, rows)
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise

    def plan_scan(self, docs: Sequence[int], tag: str, full: bool
                  ) -> tuple[list[int], dict[int, int | None]]:
        """Articles whose candidates must be searched, and for every other article the
        highest doc number the library held when it was searched (None when not recorded).
        Everything is searched when `full`, when the scheme changed, or when articles were
        removed since the last run (their partners' lists would be stale); else only
        articles never searched."""
        scanned = {int(d): (t, None if s is None else int(s)) for d, t, s in
                   self.conn.execute("SELECT doc, tag, seen FROM story_scan")}
        present = set(docs)
        stale = (any(t != tag for t, _ in scanned.values())
                 or any(d not in present for d in scanned))
        if full or stale:
            self.conn.execute("BEGIN IMMEDIATE")
            self.conn.execute("DELETE FROM story_scan")
            self.conn.execute("DELETE FROM story_cands")
            self.conn.execute("COMMIT")
            return sorted(present), {}
        return (sorted(d for d in present if d not in scanned),
                {d: s for d, (_, s) in scanned.items()})

    def save_scan(self, rows: Sequence[ScanRow], tag: str, seen: int) -> None:
        """Replace the candidate rows of each scanned article, in one transaction; `seen` is
        the highest doc number in the library the articles were searched in."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            for r in rows:
                c.execute("DELETE FROM story_cands WHERE by_doc = ?", (r.doc,))
                c.executemany("INSERT OR IGNORE INTO story_cands VALUES (?, ?, ?)",
                              [(min(r.doc, d), max(r.doc, d), r.doc) for d, _ in r.kept])
                c.execute("INSERT OR REPLACE INTO story_scan VALUES (?, ?, ?)",
                          (r.doc, tag, seen))
            c.execute("COMMIT")
        except BaseException:
            if c.in_transaction:
                c.execute("ROLLBACK")
            raise

    def pair_count(self) -> int:
        return int(self.conn.execute(
            "SELECT COUNT(*) FROM (SELECT DISTINCT lo, hi FROM story_cands)").fetchone()[0])

    def pair_pages(self, page: int = 2000) -> Iterator[list[tuple[int, int]]]:
        """Distinct candidate pairs (lo, hi), by ranges of `page` consecutive `lo` docs, so
        memory holds one page whatever the library size."""
        top = self.conn.execute("SELECT MAX(lo) FROM story_cands").fetchone()[0]
        if top is None:
            return
        start = 0
        while start <= int(top):
            rows = self.conn.execute(
                "SELECT DISTINCT lo, hi FROM story_cands WHERE lo >= ? AND lo < ? "
                "ORDER BY lo, hi", (start, start + page)).fetchall()
            if rows:
                yield [(int(a), int(b)) for a, b in rows]
            start += page

    def grouped_pairs(self, page: int = 5000
                      ) -> Generator[list[tuple[int, int, int]], None, None]:
        """Distinct candidate pairs as (group, lo, hi), pages in group order, where a group is
        a connected component of the candidate graph (labelled by one of its docs). Pairs of
        one group come together, so a batch cut at group boundaries reads and prepares each
        article once. Memory holds the union-find over docs and one page; the ordering itself
        is a temporary table SQLite sorts on disk."""
        c = self.conn
        if not _fill_groups(c):
            return
        c.execute("CREATE TEMP TABLE story_order AS SELECT g.grp AS grp, s.lo AS lo, s.hi AS hi "
                  "FROM (SELECT DISTINCT lo, hi FROM story_cands) s "
                  "JOIN temp.story_group g ON g.doc = s.lo ORDER BY g.grp, s.lo, s.hi")
        try:
            last = 0
            while True:
                rows = c.execute("SELECT rowid, grp, lo, hi FROM temp.story_order WHERE rowid > ? "
                                 "ORDER BY rowid LIMIT ?", (last, page)).fetchall()
                if not rows:
                    return
                last = int(rows[-1][0])
                yield [(int(g), int(a), int(b)) for _, g, a, b in rows]
        finally:
            c.execute("DROP TABLE IF EXISTS temp.story_order")
            c.execute("DROP TABLE IF EXISTS temp.story_group")

    def cached(self, pairs: Sequence[tuple[str, str]], tag: str) -> dict[tuple[str, str],
                                                                        PairResult]:
        """Stored results of these id pairs (each given as (lo id, hi id))."""
        out: dict[tuple[str, str], PairResult] = {}
        los = sorted({a for a, _ in pairs})
        wanted = set(pairs)
        for i in range(0, len(los), 900):
            chunk = los[i : i + 900]
            q = (f"SELECT lo, hi, result FROM story_pairs WHERE tag = ? AND lo IN "
                 f"({','.join('?' * len(chunk))})")
            for lo, hi, res in self.conn.execute(q, [tag, *chunk]):
                if (lo, hi) in wanted:
                    out[(lo, hi)] = PairResult.from_json(json.loads(res))
        return out

    def save_pairs(self, results: Sequence[PairResult], tag: str) -> None:
        self._tx("INSERT OR REPLACE INTO story_pairs VALUES (?, ?, ?, ?)",
                 [(*r.key, tag, json.dumps(r.as_json(), sort_keys=True)) for r in results])


def _fill_groups(c: sqlite3.Connection) -> bool:
    """Label every candidate pair's `lo` with its candidate-graph component (one of its docs)
    in `temp.story_group`; False when there are no candidates."""
    if c.execute("SELECT 1 FROM story_cands LIMIT 1").fetchone() is None:
        return False
    uf: UnionFind[int] = UnionFind()
    for lo, hi in c.execute("SELECT DISTINCT lo, hi FROM story_cands"):
        uf.add(lo)
        uf.add(hi)
        uf.union(lo, hi)
    c.execute("DROP TABLE IF EXISTS temp.story_group")
    c.execute("DROP TABLE IF EXISTS temp.story_order")
    c.execute("CREATE TEMP TABLE story_group(doc INTEGER PRIMARY KEY, grp INTEGER)")
    los = [int(r[0]) for r in c.execute("SELECT DISTINCT lo FROM story_cands").fetchall()]
    c.executemany("INSERT INTO temp.story_group VALUES (?, ?)", ((d, uf.find(d)) for d in los))
    return True
