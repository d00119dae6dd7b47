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


def term_plan(dfs: npt.NDArray[np.int64], owner: npt.NDArray[np.int64], rows: int,
              max_df: int) -> npt.NDArray[np.bool_]:
    """Which of the query tokens are looked up: `dfs[i]` is token i's doc count, `owner[i]`
    the query it belongs to (tokens of one query contiguous, in query order). A token in
    more articles than `term_cap` allows proposes nothing."""
    return (dfs > 0) & (dfs <= term_cap(rows, max_df))
