"""Whole-library candidate search in arrays: every query article's retrieval pool at once.

`retrieve` asks the library one query at a time (an SQL GROUP BY over the query's band keys,
an FTS5 lookup per distinctive term). Over a whole library the same rankings are joins of
sorted arrays: band keys against band buckets, query terms against posting lists. This
module computes them for many queries at a time in numpy, with `retrieve`'s exact rules, so
the pool (and after re-scoring, the candidates) is the one `retrieve` gives:

1. Band keys: the docs sharing a band key with the query (itself included, as the library
   returns it), ranked by shared keys, then doc; the first `lsh_limit`.
2. Terms: the query's first `query_terms` terms as index tokens (`query_tokens`); tokens in
   more articles than the cap (`termrank.term_plan`) are skipped; the docs holding the rest
   ranked by the summed IDF (fixed point, `idf_units`), then doc; the first `terms_limit`.
3. Reciprocal-rank fusion (`1 / (rrf_k + rank)` per signal, summed in the same order), the
   `pool` best by fused score, then doc.

With `window_days`, a pair whose two dates are both known and more than that many days
apart is left out of both rankings before they are cut (so the slots go to partners inside
the window); pairs with a missing date are always kept.

Pure: arrays in, arrays out (`SearchIndex` is plain data; `stories.index` loads it from a
library). Positions (0 .. len(docs) - 1) stand for doc numbers inside.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from unspun.library.termrank import IDF_UNITS, idf_units, term_idf, term_plan
from unspun.published import from_iso

I64 = npt.NDArray[np.int64]
F64 = npt.NDArray[np.float64]
B = npt.NDArray[np.bool_]

#: The day number of a missing date (`SearchIndex.days`).
NO_DAY = np.iinfo(np.int64).min


def day_number(published: str | None) -> int:
    """The window's day number of a stored publication date (`to_iso`'s form), `NO_DAY`
    when there is none: one definition for the local and the Spark engine."""
    d = from_iso(published)
    return NO_DAY if d is None else d.toordinal()


def in_window(a: I64, b: I64, window: int) -> B:
    """Which pairs of day numbers the window keeps: both known and at most `window` days
    apart, or either missing."""
    keep: B = (a == NO_DAY) | (b == NO_DAY) | (np.abs(a - b) <= window)
    return keep


@dataclass(slots=True, frozen=True)
class SearchIndex:
    """What the search reads, as arrays over doc positions (docs sorted ascending).

    CSR layouts: `xs_off[p] : xs_off[p + 1]` is position p's slice of `xs`."""

    #: Doc numbers, ascending (a position's doc number).
    docs: I64
    #: The library size the IDF is computed from (the highest doc number, as the library).
    rows: int
    #: Band buckets: bucket b holds positions `bucket_pos[bucket_off[b]:bucket_off[b+1]]`,
    #: ascending; each doc's buckets are `doc_buckets[doc_off[p]:doc_off[p+1]]`.
    bucket_off: I64
    bucket_pos: I64
    doc_off: I64
    doc_buckets: I64
    #: Posting lists of index tokens (positions ascending) and each token's doc count;
    #: offsets and positions of one integer type (what a sparse matrix's index holds).
    post_off: npt.NDArray[np.integer[Any]]
    post_pos: npt.NDArray[np.integer[Any]]
    df: I64
    #: Each doc's query tokens (token ids, in query order, repeats kept as the library
    #: looks each term up).
    qtok_off: I64
    qtok: I64
    #: Day number of each doc's publication date (`NO_DAY` when missing).
    days: I64


@dataclass(slots=True, frozen=True)
class SearchLimits:
    lsh_limit: int = 50
    terms_limit: int = 50
    max_df: int = 2000
    rrf_k: int = 60
    pool: int = 16
    window_days: int | None = None


@dataclass(slots=True, frozen=True)
class Pool:
    """Every query's pool: `(query[i], cand[i])` doc pairs, best first per query (by fused
    score, then doc); queries in the order they were asked."""

    query: I64
    cand: I64
    #: Band keys shared (0: not proposed by band keys) and the summed term IDF (0.0: not
    #: proposed by terms), as `retrieve`'s signals.
    bands: I64
    idf: F64


def _expand(starts: I64, lengths: I64) -> tuple[I64, I64]:
    """(owner, index) for every element of the slices `[starts[i], starts[i] + lengths[i])`:
    the slices laid end to end without a Python loop."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    owner = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    ends = np.cumsum(lengths)
    shift = np.repeat(starts - (ends - lengths), lengths)
    return owner, np.arange(total, dtype=np.int64) + shift


def _in_window(days: I64, qpos: I64, dpos: I64, window: int | None) -> B | None:
    if window is None:
        return None
    return in_window(days[qpos], days[dpos], window)


def _first_of_runs(groups: I64) -> I64:
    """Rank within runs of equal values of a sorted array (0 for each run's first)."""
    n = len(groups)
    if n == 0:
        return np.zeros(0, np.int64)
    start = np.concatenate(([True], groups[1:] != groups[:-1]))
    first = np.maximum.accumulate(np.where(start, np.arange(n), 0))
    return np.arange(n, dtype=np.int64) - first


def lsh_ranks(ix: SearchIndex, qpos: I64, limit: int, window: int | None
              ) -> tuple[I64, I64, I64]:
    """(query slot, candidate position, shared keys) of each query's first `limit` by
    shared band keys, then doc; sorted by query slot, then rank."""
    m = len(ix.docs)
    starts, lens = ix.doc_off[qpos], ix.doc_off[qpos + 1] - ix.doc_off[qpos]
    q_of_key, at = _expand(starts, lens)
    buckets = ix.doc_buckets[at]
    b_start = ix.bucket_off[buckets]
    b_len = ix.bucket_off[buckets + 1] - b_start
    owner, at2 = _expand(b_start, b_len)
    qs = q_of_key[owner]
    ds = ix.bucket_pos[at2]
    keep = _in_window(ix.days, qpos[qs], ds, window)
    if keep is not None:
        qs, ds = qs[keep], ds[keep]
    packed = np.sort(qs * m + ds)
    if len(packed) == 0:
        z = np.zeros(0, np.int64)
        return z, z, z
    start = np.flatnonzero(np.concatenate(([True], packed[1:] != packed[:-1])))
    pair = packed[start]
    n = np.diff(np.append(start, len(packed)))
    q, d = pair // m, pair % m
    top = int(n.max()) + 1
    order = np.sort((q * top + (top - 1 - n)) * m + d)
    q, rest = order // (top * m), order % (top * m)
    n, d = top - 1 - rest // m, rest % m
    r = _first_of_runs(q)
    sel = r < limit
    return q[sel], d[sel], n[sel]


def top_per_row(indptr: I64, cols: I64, vals: I64, limit: int) -> tuple[I64, I64, I64]:
    """(row, col, value) of each row's `limit` largest values, ties to the lower col; sorted
    by row, then rank. A row's entries are `cols[indptr[r]:indptr[r+1]]` (any order)."""
    rows_out: list[I64] = []
    cols_out: list[I64] = []
    vals_out: list[I64] = []
    for r in range(len(indptr) - 1):
        a, b = int(indptr[r]), int(indptr[r + 1])
        if a == b:
            continue
        c, v = cols[a:b], vals[a:b]
        if b - a > limit:
            # keep what can be in the first `limit`: values at least the limit-th largest
            thr = np.partition(v, b - a - limit)[b - a - limit]
            sel = v >= thr
            c, v = c[sel], v[sel]
        order = np.lexsort((c, -v))[:limit]
        rows_out.append(np.full(len(order), r, dtype=np.int64))
        cols_out.append(c[order])
        vals_out.append(v[order])
    if not rows_out:
        z = np.zeros(0, np.int64)
        return z, z, z
    return np.concatenate(rows_out), np.concatenate(cols_out), np.concatenate(vals_out)


def term_ranks(ix: SearchIndex, qpos: I64, limit: int, max_df: int, window: int | None
               ) -> tuple[I64, I64, I64]:
    """(query slot, candidate position, summed IDF in `idf_units`) of each query's first
    `limit` by the summed IDF of shared tokens, then doc; tokens over the cap skipped
    (`term_plan`); sorted by query slot, then rank.

    The sums are one sparse product: queries x tokens (each used token's IDF in fixed
    point) times tokens x docs (the posting lists); integer sums, so the order they are
    added in does not matter and they equal the library's (`rank_postings`)."""
    from scipy import sparse  # type: ignore[import-untyped]

    m = len(ix.docs)
    starts, lens = ix.qtok_off[qpos], ix.qtok_off[qpos + 1] - ix.qtok_off[qpos]
    q_of_tok, at = _expand(starts, lens)
    tok = ix.qtok[at]
    use = term_plan(ix.df[tok], q_of_tok, ix.rows, max_df)
    q_of_tok, tok = q_of_tok[use], tok[use]
    if len(tok) == 0:
        z = np.zeros(0, np.int64)
        return z, z, z
    dfs, inv = np.unique(ix.df[tok], return_inverse=True)
    units = np.array([idf_units(term_idf(ix.rows, int(f))) for f in dfs],
                     dtype=np.int64)[inv]
    n_tok = len(ix.df)
    queries = sparse.csr_matrix((units, (q_of_tok, tok)), shape=(len(qpos), n_tok))
    # the posting lists as they are: a tokens x docs matrix of ones (no copy of the index)
    postings = sparse.csr_matrix((np.ones(len(ix.post_pos), dtype=np.int8), ix.post_pos,
                                  ix.post_off), shape=(n_tok, m), copy=False)
    sums = (queries @ postings).tocsr()
    indptr = sums.indptr.astype(np.int64)
    cols = sums.indices.astype(np.int64)
    vals = sums.data.astype(np.int64)
    if window is not None:
        rows = np.repeat(np.arange(len(qpos), dtype=np.int64), np.diff(indptr))
        keep = _in_window(ix.days, qpos[rows], cols, window)
        assert keep is not None
        cols, vals = cols[keep], vals[keep]
        indptr = np.concatenate(([0], np.cumsum(np.bincount(rows[keep],
                                                            minlength=len(qpos)))))
    return top_per_row(indptr, cols, vals, limit)


def pools(ix: SearchIndex, qpos: I64, limits: SearchLimits) -> Pool:
    """The fused pool of each query position in `qpos` (see the module docstring)."""
    mq, md, mn = lsh_ranks(ix, qpos, limits.lsh_limit, limits.window_days)
    tq, td, tu = term_ranks(ix, qpos, limits.terms_limit, limits.max_df, limits.window_days)
    m = len(ix.docs)
    rank_m = _first_of_runs(mq) + 1
    rank_t = _first_of_runs(tq) + 1
    keys = np.concatenate((mq * m + md, tq * m + td))
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    n_m = len(mq)
    is_m = order < n_m
    rm = np.where(is_m, np.concatenate((rank_m, np.zeros(len(tq), np.int64)))[order], 0)
    rt = np.where(~is_m, np.concatenate((np.zeros(n_m, np.int64), rank_t))[order], 0)
    bands = np.where(is_m, np.concatenate((mn, np.zeros(len(tq), np.int64)))[order], 0)
    units = np.where(~is_m, np.concatenate((np.zeros(n_m, np.int64), tu))[order], 0)
    start = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1]))) if len(keys) \
        else np.zeros(0, np.int64)
    pair = keys[start]
    rm, rt = np.add.reduceat(rm, start), np.add.reduceat(rt, start)
    bands, units = np.add.reduceat(bands, start), np.add.reduceat(units, start)
    k = float(limits.rrf_k)
    # as `rrf_fuse` adds them: 0.0, then the band-key vote, then the term vote
    rrf = (np.where(rm > 0, 1.0 / (k + rm), 0.0)) + np.where(rt > 0, 1.0 / (k + rt), 0.0)
    q, d = pair // m, pair % m
    order = np.lexsort((d, -rrf, q))
    q, d, bands, units = q[order], d[order], bands[order], units[order]
    sel = _first_of_runs(q) < limits.pool
    q, d = q[sel], d[sel]
    return Pool(ix.docs[qpos[q]], ix.docs[d], bands[sel],
                units[sel].astype(np.float64) / IDF_UNITS)
