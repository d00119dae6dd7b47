"""Load a library's band keys, term lists and dates as the arrays `stories.search` joins
(the I/O edge of the whole-library search: one pass over the `lsh` and `articles` tables)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

import numpy as np

from unspun.library import Library
from unspun.library.ftstokens import index_tokens, query_tokens
from unspun.stories.search import SearchIndex, day_number

#: Rows read from SQLite per fetch.
_FETCH = 200_000


def _csr(owner: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(offsets, values grouped by owner, in their order within an owner)."""
    order = np.argsort(owner, kind="stable")
    off = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner, minlength=n), out=off[1:])
    return off, values[order].astype(np.int64)


def _chunks(rows: Iterator[tuple[int, int]], size: int) -> Iterator[np.ndarray]:
    """(key, doc) rows as int64 arrays of at most `size` rows: at 1M articles the 37 M band
    rows as Python tuples took ~3 GB, as arrays ~600 MB."""
    while batch := list(islice(rows, size)):
        yield np.array(batch, dtype=np.int64).reshape(-1, 2)


def _band_array(library: Library) -> np.ndarray:
    """Every (key, doc) band row as one (n, 2) int64 array, filled in place (the row count
    is known up front; a table that grew meanwhile only makes the array grow)."""
    kd = np.empty((library.lsh_row_count(), 2), dtype=np.int64)
    n = 0
    for chunk in _chunks(library.band_rows(_FETCH), _FETCH):
        if n + len(chunk) > len(kd):
            kd = np.concatenate([kd[:n], chunk])
        else:
            kd[n:n + len(chunk)] = chunk
        n += len(chunk)
    return kd[:n]


def load_index(library: Library, query_terms: int) -> SearchIndex:
    """The `SearchIndex` of every article in `library` (each doc's query tokens: the index
    tokens of its first `query_terms` stored terms, as `retrieve` looks them up)."""
    conn = library.conn
    docs_l: list[int] = []
    days_l: list[int] = []
    vocab: dict[str, int] = {}
    # per fetch, the token lists go into arrays (Python ints cost ~36 bytes each)
    parts: dict[str, list[np.ndarray]] = {"tok": [], "tok_owner": [], "q": [], "q_owner": []}
    cur = conn.execute("SELECT doc, published, terms FROM articles ORDER BY doc")
    pos = 0
    while True:
        rows = cur.fetchmany(_FETCH)
        if not rows:
            break
        tok_ids: list[int] = []
        tok_owner: list[int] = []
        q_ids: list[int] = []
        q_owner: list[int] = []
        for doc, published, terms in rows:
            docs_l.append(int(doc))
            days_l.append(day_number(published))
            toks = index_tokens(terms)
            tok_ids.extend(vocab.setdefault(t, len(vocab)) for t in toks)
            tok_owner.extend([pos] * len(toks))
            qt = [vocab[t] for t in query_tokens(terms.split()[:query_terms]) if t in vocab]
            q_ids.extend(qt)
            q_owner.extend([pos] * len(qt))
            pos += 1
        for name, values in (("tok", tok_ids), ("tok_owner", tok_owner), ("q", q_ids),
                             ("q_owner", q_owner)):
            parts[name].append(np.array(values, dtype=np.int64))
    docs = np.array(docs_l, dtype=np.int64)
    m = len(docs)
    rows_n = int(docs[-1]) if m else 0

    def joined(name: str) -> np.ndarray:
        got = parts.pop(name)
        return np.concatenate(got) if got else np.zeros(0, dtype=np.int64)

    t_ids, t_pos = joined("tok"), joined("tok_owner")
    post_off, post_pos = _csr(t_ids, t_pos, len(vocab))
    del t_ids, t_pos
    df = np.diff(post_off)
    if len(post_pos) < 2**31 - 1:  # a sparse matrix's own index type: no copy per search
        post_off, post_pos = post_off.astype(np.int32), post_pos.astype(np.int32)
    qtok_off, qtok = _csr(joined("q_owner"), joined("q"), m)
    # band keys, in the table's primary-key order (key, doc)
    # (both band-key tables, merged in order: after a killed add some keys wait in
    # `lsh_recent`)
    kd = _band_array(library)
    keys, kdocs = kd[:, 0], np.searchsorted(docs, kd[:, 1])
    known = (kdocs < m) & (docs[np.minimum(kdocs, max(m - 1, 0))] == kd[:, 1]) if m else \
        np.zeros(0, dtype=bool)
    keys, kdocs = keys[known], kdocs[known]
    starts = np.concatenate(([True], keys[1:] != keys[:-1])) if len(keys) else \
        np.zeros(0, dtype=bool)
    bucket = np.cumsum(starts) - 1
    bucket_off = np.append(np.flatnonzero(starts), len(keys)).astype(np.int64)
    doc_off, doc_buckets = _csr(kdocs, bucket, m)
    return SearchIndex(docs=docs, rows=rows_n, bucket_off=bucket_off,
                       bucket_pos=kdocs.astype(np.int64), doc_off=doc_off,
                       doc_buckets=doc_buckets, post_off=post_off, post_pos=post_pos, df=df,
                       qtok_off=qtok_off, qtok=qtok,
                       days=np.array(days_l, dtype=np.int64))
