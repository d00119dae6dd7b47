"""The whole-library array search (`stories.search`) finds what per-article `retrieve` finds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from unspun.eval.stories import cluster_articles
from unspun.library import Library
from unspun.stories.build import search_limits
from unspun.stories.index import load_index
from unspun.stories.options import StoriesOptions
from unspun.stories.search import NO_DAY, pools, top_per_row
from unspun.stories.tasks import RescoreBatch, ScanBatch, rescore_task, scan_task


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("search")
    subprocess.run([sys.executable, "-m", "unspun", "bench", "make", "--clusters", "30",
                    "--seed", "7", "--out", str(work / "bench")], check=True,
                   capture_output=True)
    path = work / "lib.db"
    with Library.open(path) as lib:
        lib.add(cluster_articles(work / "bench" / "clusters.jsonl", []))
    return path


def _array_rows(lib: Library, docs: list[int], options: StoriesOptions) -> list[object]:
    ix = load_index(lib, 40)
    got = pools(ix, np.searchsorted(ix.docs, np.array(docs)), search_limits(options))
    by: dict[int, list[int]] = {d: [] for d in docs}
    for q, d in zip(got.query.tolist(), got.cand.tolist(), strict=True):
        by[q].append(d)
    return list(rescore_task(lib, RescoreBatch(tuple((q, tuple(v)) for q, v in by.items()),
                                               options.per_article, options.min_score)))


def test_array_search_equals_per_article_retrieval(library: Path) -> None:
    with Library.open(library, readonly=True) as lib:
        docs = [int(r[0]) for r in lib.conn.execute("SELECT doc FROM articles ORDER BY doc")]
        o = StoriesOptions()
        old = scan_task(lib, ScanBatch(tuple(docs), o.per_article, o.pool, o.min_score))
        new = _array_rows(lib, docs, o)
    assert len(old) == len(docs) > 100
    assert new == old


def test_window_keeps_undated_and_near_pairs_only(library: Path) -> None:
    with Library.open(library, readonly=True) as lib:
        ix = load_index(lib, 40)
        q = np.arange(len(ix.docs), dtype=np.int64)
        wide = pools(ix, q, search_limits(StoriesOptions()))
        narrow = pools(ix, q, search_limits(StoriesOptions(window_days=0)))
    pos = {int(d): i for i, d in enumerate(ix.docs)}
    days = ix.days
    assert (days != NO_DAY).any()
    for a, b in zip(narrow.query.tolist(), narrow.cand.tolist(), strict=True):
        da, db = days[pos[a]], days[pos[b]]
        assert da in (NO_DAY, db) or db == NO_DAY
    far = [(a, b) for a, b in zip(wide.query.tolist(), wide.cand.tolist(), strict=True)
           if days[pos[a]] != NO_DAY and days[pos[b]] != NO_DAY
           and days[pos[a]] != days[pos[b]]]
    assert far  # the window had something to drop


def test_top_per_row_ties_to_lower_column() -> None:
    indptr = np.array([0, 4, 4, 6])
    cols = np.array([9, 3, 5, 1, 7, 2])
    vals = np.array([5, 5, 1, 7, 2, 2])
    r, c, v = top_per_row(indptr, cols, vals, 2)
    assert r.tolist() == [0, 0, 2, 2]
    assert c.tolist() == [1, 3, 2, 7]
    assert v.tolist() == [7, 5, 2, 2]


def test_stories_with_a_window_link_only_near_or_undated_articles(library: Path) -> None:
    from unspun.stories import build_stories

    with Library.open(library, readonly=True) as lib:
        day = {str(i): p for i, p in lib.conn.execute("SELECT id, published FROM articles")}
        res = build_stories(lib, StoriesOptions(workers=1, persist=False, window_days=0))
    assert res.edges
    for e in res.edges:
        a, b = day[e.parent], day[e.child]
        assert a is None or b is None or a[:10] == b[:10]
