"""Stories as the last `unspun stories` run left them in the library, never recomputed here.

`unspun stories` stores its verified pairs in the library (`unspun.stories.state`); the
service reads them over a read-only connection and assembles stories from them (pure and
quick: no retrieval, no alignment). The result is cached until the stored story state
changes (another `unspun stories` run), so adding articles does not redo it on every page.
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass

from unspun.library import Library
from unspun.stories import StoriesOptions, StoriesResult
from unspun.stories.assemble import assemble
from unspun.stories.build import load_nodes, stored_results
from unspun.stories.state import StoryState, pair_tag


class _StoredState(StoryState):
    """The stored tables on an existing (read-only) connection: nothing created, nothing
    written, so only the reading methods of StoryState are used."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._tmp = None
        self.conn = conn


def _stamp(conn: sqlite3.Connection) -> tuple[int, ...] | None:
    """Changes whenever a stories run stores anything; None when none ever ran."""
    try:
        scan = conn.execute("SELECT COUNT(*), COALESCE(MAX(doc), 0) FROM story_scan").fetchone()
        cands = conn.execute("SELECT COUNT(*) FROM story_cands").fetchone()
        pairs = conn.execute("SELECT COUNT(*) FROM story_pairs").fetchone()
    except sqlite3.OperationalError:  # no story tables: `unspun stories` never ran
        return None
    if not scan[0]:
        return None
    return (int(scan[0]), int(scan[1]), int(cands[0]), int(pairs[0]))


def stored_stories(library: Library, options: StoriesOptions = StoriesOptions()
                   ) -> StoriesResult | None:
    """Stories from the stored state of `library`; None when `unspun stories` never ran."""
    stamp = _stamp(library.conn)
    if stamp is None:
        return None
    nodes, ids = load_nodes(library)
    results = list(stored_results(_StoredState(library.conn), ids, pair_tag(library, options)))
    if stamp[3] and not results:
        return None  # stored by another version of the verifier: as good as never run
    result = assemble(nodes, results, options)
    result.stats.setdefault("articles", len(nodes))
    return result


@dataclass(slots=True)
class _Cached:
    stamp: tuple[int, ...] | None
    result: StoriesResult | None


class StoriesCache:
    """`get(library)`: the stored stories, assembled once per stories run (thread-safe)."""

    def __init__(self, options: StoriesOptions = StoriesOptions()) -> None:
        self._options = options
        self._lock = threading.Lock()
        self._cached: _Cached | None = None

    def get(self, library: Library) -> StoriesResult | None:
        with self._lock:  # one thread assembles; the others wait for its result
            stamp = _stamp(library.conn)
            if self._cached is None or self._cached.stamp != stamp:
                result = stored_stories(library, self._options) if stamp is not None else None
                self._cached = _Cached(stamp, result)
            return self._cached.result
