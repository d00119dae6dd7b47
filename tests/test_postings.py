"""Kept postings and their numpy scoring (`unspun.library.postings`)."""

from __future__ import annotations

import heapq
import random
from pathlib import Path

import numpy as np

from unspun.ingest.assemble import build_article
from unspun.library import Library
from unspun.library.postings import PostingsCache, rank_postings
from unspun.library.termrank import IDF_UNITS, idf_units, term_cap, term_idf
from unspun.options import MAX_TERM_DF


def _loop_rank(postings: list[tuple[list[int], float]], limit: int) -> list[tuple[int, float]]:
    """The documented ranking in plain Python: the reference."""
    units: dict[int, int] = {}
    for docs, w in postings:
        for d in docs:
            units[d] = units.get(d, 0) + idf_units(w)
    best = heapq.nlargest(limit, units.items(), key=lambda x: (x[1], -x[0]))
    return [(d, u / IDF_UNITS) for d, u in best]


def test_rank_postings_equals_the_plain_loop() -> None:
    rng = random.Random(3)
    for _ in range(200):
        lists = [(rng.sample(range(1, 400), rng.randint(0, 60)),
                  rng.choice([0.7, 1.3, 2.9, 4.1, 0.1 + rng.random()]))
                 for _ in range(rng.randint(1, 12))]
        limit = rng.randint(1, 50)
        got = rank_postings([(np.array(d, dtype=np.int64), w) for d, w in lists], limit)
        assert got == _loop_rank(lists, limit)


def test_rank_postings_does_not_depend_on_the_order_of_the_terms() -> None:
    """Fixed-point sums: the Spark engine adds a pair's hits in any order and must rank alike.
    (Float sums of these weights differ in the last bit between orders.)"""
    rng = random.Random(9)
    weights = [0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 7, 5.1, 0.7]
    lists = [(np.array(rng.sample(range(1, 30), 20), dtype=np.int64), w) for w in weights]
    first = rank_postings(lists, 30)
    for _ in range(20):
        rng.shuffle(lists)
        assert rank_postings(lists, 30) == first
    assert (0.1 + 0.2) + 0.3 != 0.1 + (0.2 + 0.3)  # the float sums this guards against


def test_rank_postings_breaks_ties_to_the_lower_doc() -> None:
    got = rank_postings([(np.array([9, 4, 7], dtype=np.int64), 1.0)], 2)
    assert got == [(4, 1.0), (7, 1.0)]
    assert rank_postings([], 5) == []
    assert rank_postings([(np.array([], dtype=np.int64), 1.0)], 5) == []


def test_cache_keeps_common_terms_bounded_and_forgets_on_a_new_state() -> None:
    cache = PostingsCache(max_size=10, min_df=3)
    cache.use_state((1,))
    cache.put("rare", np.arange(2, dtype=np.int64))
    assert cache.get("rare") is None  # too rare to be worth keeping
    cache.put("a", np.arange(4, dtype=np.int64))
    cache.put("b", np.arange(5, dtype=np.int64))
    assert cache.get("a") is not None  # now the most recently used
    cache.put("c", np.arange(3, dtype=np.int64))
    assert cache.size <= 10
    assert cache.get("b") is None and cache.get("a") is not None
    cache.common["the"] = 51
    cache.use_state((1,))
    assert "the" in cache.common and cache.get("a") is not None
    cache.use_state((2,))
    assert not cache.common and cache.get("a") is None and cache.size == 0


def _expected(lib: Library, terms: list[str], limit: int) -> list[tuple[int, float]]:
    """The documented ranking computed from the stored term lists, without FTS5."""
    got = lib.conn.execute("SELECT doc, terms FROM articles")
    rows = [(int(d), set(t.split())) for d, t in got]
    n = max(d for d, _ in rows)
    cap = term_cap(n, MAX_TERM_DF)
    lists = []
    for term in dict.fromkeys(terms):
        docs = [d for d, ts in rows if term in ts]
        if 0 < len(docs) <= cap:
            lists.append((docs, term_idf(n, len(docs))))
    return [(d, round(s, 4)) for d, s in _loop_rank(lists, limit)]


def test_term_search_from_kept_postings_ranks_as_documented(tmp_path: Path) -> None:
    """Searching twice (the second time from kept postings) gives the documented ranking,
    and an added article (a new library state) is found at once."""
    words = ["kestrelby", "marrowfen", "ostwick", "pellagard", "quarnby", "rillmoor",
             "sandleigh", "tolvercombe"]
    rng = random.Random(5)
    arts = []
    for k in range(80):
        picked = rng.sample(words, 4)
        text = f"Report {k}. " + " ".join(
            f"Officials in {w.title()} met on Tuesday about case {k}." for w in picked)
        arts.append(build_article([("body", text)], url=f"https://example.org/{k}", title=f"T{k}"))
    with Library.open(tmp_path / "lib.db") as lib:
        lib.add(arts)
        lib._postings.min_df = 1  # keep every term's postings, to test the kept path too
        want = _expected(lib, words, 30)
        assert want  # the search has something to find
        assert lib.term_candidates(words, 30) == want
        assert lib._postings.kept  # postings were kept ...
        assert lib.term_candidates(words, 30) == want  # ... and give the same ranking
        lib.add([build_article([("body", "Kestrelby, Ostwick and Quarnby joined Rillmoor.")],
                               url="https://example.org/new", title="New")])
        again = lib.term_candidates(words, 100)
        assert again == _expected(lib, words, 100)
        assert max(d for d, _ in again) == len(lib)  # the new article is among them
