"""How the distinctive-term search weighs and bounds a term (pure; the SQLite library and the
Spark engine both use these, so they rank candidates alike)."""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

#: A term found in more than this share of the library does not propose candidates.
MAX_SHARE = 0.05


def term_idf(rows: int, hits: int) -> float:
    """BM25's IDF of a term found in `hits` of `rows` articles."""
    return math.log(1.0 + (rows - hits + 0.5) / (hits + 0.5))


def term_cap(rows: int, max_df: int, max_share: float = MAX_SHARE) -> int:
    """Terms in more articles than this are skipped: more than `max_share` of the library
    (at least 50), and never more than `max_df`. The absolute bound keeps each query's work
    the same however large the library grows, so a whole-library search is linear in its
    size; a term in thousands of articles cannot point at a source anyway."""
    return min(max(50, int(max_share * rows)), max(1, max_df))


#: Term scores are sums of IDFs in fixed point, in units of 2**-32: integer sums do not
#: depend on the order the terms are added in, so the library and Spark (which combines a
#: pair's hits in any order, before its shuffle) rank candidates exactly alike.
IDF_UNITS = 2**32


def idf_units(idf: float) -> int:
    """`idf` in fixed-point units (exact to 2**-32; sums of 40 stay far below 2**53)."""
    return round(idf * IDF_UNITS)


#: A query with fewer than this many tokens under `term_cap` also looks up its rarest
#: tokens above it (up to this many in all), ...
MIN_TERMS = 8
#: ... reading at most this many times `max_df` postings for them.
EXTRA_POSTINGS = 4


def hard_cap(rows: int, max_share: float = MAX_SHARE) -> int:
    """No token in more articles than this is ever looked up: `max_share` of the library
    (at least 50). Below it and above `term_cap` a token is looked up only as one of a
    query's `MIN_TERMS` (see `term_plan`)."""
    return max(50, int(max_share * rows))


def term_plan(dfs: npt.NDArray[np.int64], owner: npt.NDArray[np.int64], rows: int,
              max_df: int) -> npt.NDArray[np.bool_]:
    """Which query tokens are looked up: `dfs[i]` is token i's doc count, `owner[i]` the query
    it belongs to (a query's tokens contiguous, in query order).

    Every token in at most `term_cap` articles. A query left with fewer than `MIN_TERMS`
    such tokens also takes its rarest tokens above the cap (fewest articles first, then
    query order), up to `MIN_TERMS` tokens in all and `EXTRA_POSTINGS * max_df` postings
    for them, none in more than `hard_cap` articles. So the bound scales with the library
    without silencing a query at 1M articles, where most of a small vocabulary's terms pass
    the absolute cap, and each query's work stays bounded. In a library of up to
    `max_df / MAX_SHARE` articles the two caps are one, and this is the plain cap."""
    dfs = np.asarray(dfs, dtype=np.int64)
    owner = np.asarray(owner, dtype=np.int64)
    cap, hard = term_cap(rows, max_df), hard_cap(rows)
    use = (dfs > 0) & (dfs <= cap)
    extra = (dfs > cap) & (dfs <= hard)
    if not extra.any():
        return use
    n_q = int(owner.max()) + 1
    normal = np.bincount(owner[use], minlength=n_q)
    idx = np.flatnonzero(extra & (normal[owner] < MIN_TERMS))
    if len(idx) == 0:
        return use
    # extras of each query by (query, df, position)
    idx = idx[np.lexsort((idx, dfs[idx], owner[idx]))]
    o = owner[idx]
    start = np.concatenate(([True], o[1:] != o[:-1]))
    first = np.maximum.accumulate(np.where(start, np.arange(len(idx)), 0))
    rank = np.arange(len(idx)) - first
    spent = np.cumsum(dfs[idx])
    spent = spent - np.concatenate(([0], spent))[first]
    take = (rank < MIN_TERMS - normal[o]) & (spent <= EXTRA_POSTINGS * max_df)
    use = use.copy()
    use[idx[take]] = True
    return use
