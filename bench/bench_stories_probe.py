"""Stories cost probe: what one article costs at a given library size, sampled.

    python3 bench/bench_stories_probe.py --library LIB.db [--library LIB2.db ...]
                                         [--sample 400] [--workers 2] [--seed 5]

A full `unspun stories` run at 1M articles takes hours on a 2-core machine, so this
measures the parts of its cost on a random sample of articles, in one process (one core),
against each given library (built by `bench_stories.py`'s generator + `unspun add`):

* search: `scan_task` (retrieval's candidate search, as `build_stories` runs it) per
  sampled article: ms/article. This is the step whose cost could grow with the library
  (posting lists lengthen); `term_cap` bounds it.
* verification: every candidate pair the sample's articles keep, `verify_pair` with each
  article prepared once (as `verify_task` does within a group): ms per pair, ms per
  prepared article, pairs per article.
* peer, on the same sample: datasketch MinHash (128 permutations, word 5-shingles), a
  `MinHashLSH` insert (timed over the library's first 20,000 articles) and a query, per
  article: the near-duplicate clustering `bench_stories.py` runs in full as the peer.

From these it prints a projection of a full run at the library's size on `--workers`
cores: (search + pairs/article x verify + prepare) x articles / workers, assembly not
included. A projection, not a measurement: `bench_stories.py` measures whole runs where
they fit in the time at hand, and the probe at the sizes of those runs shows how far the
projection is from them. Other processes share the cores: the load average is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from pathlib import Path
from typing import Any

#: Articles the datasketch peer indexes (see `probe`).
PEER_INDEX = 20_000


def probe(path: Path, sample: int, workers: int, seed: int) -> dict[str, Any]:
    from datasketch import MinHash, MinHashLSH

    from unspun.library import Library
    from unspun.retrieve.terms import fast_words
    from unspun.stories.options import StoriesOptions
    from unspun.stories.tasks import ScanBatch, scan_task
    from unspun.stories.verify import side_of, verify_pair

    so = StoriesOptions()
    with Library.open(path, readonly=True) as lib:
        n = int(lib.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        docs = sorted(random.Random(seed).sample(
            [int(d) for (d,) in lib.conn.execute("SELECT doc FROM articles")], min(sample, n)))
        # Warm-up (wordfreq tables, SQLite pages) on other articles, not timed.
        scan_task(lib, ScanBatch(tuple(docs[:20]), so.per_article, so.pool, so.min_score))
        t = time.perf_counter()
        rows = scan_task(lib, ScanBatch(tuple(docs), so.per_article, so.pool, so.min_score))
        search = (time.perf_counter() - t) / len(docs)
        pairs = sorted({(min(r.doc, d), max(r.doc, d)) for r in rows for d, _ in r.kept})
        need = sorted({d for p in pairs for d in p})
        arts = lib.articles_by_doc(need)
        t = time.perf_counter()
        sides = {d: side_of(a) for d, a in arts.items()}
        prep = (time.perf_counter() - t) / max(1, len(sides))
        t = time.perf_counter()
        for lo, hi in pairs:
            verify_pair(sides[lo], sides[hi], so.align)
        verify = (time.perf_counter() - t) / max(1, len(pairs))
        # Distinct candidate pairs per article over the whole library: a pair kept by both
        # its ends counts half from each (the partners' own searches tell), else whole.
        partners = sorted({d for r in rows for d, _ in r.kept} - set(docs))
        kept_by = {r.doc: {d for d, _ in r.kept} for r in rows}
        for i in range(0, len(partners), 256):
            kept_by.update({r.doc: {d for d, _ in r.kept} for r in scan_task(lib, ScanBatch(
                tuple(partners[i : i + 256]), so.per_article, so.pool, so.min_score))})
        pairs_per_article = sum(1.0 / (1 + (r.doc in kept_by.get(d, ())))
                                for r in rows for d, _ in r.kept) / len(rows)

        def mh(text: str) -> MinHash:
            w = fast_words(text)
            m = MinHash(num_perm=128)
            m.update_batch([" ".join(w[i : i + 5]).encode() for i in range(max(1, len(w) - 4))])
            return m

        # The peer's index: the first `PEER_INDEX` articles (its per-article cost is the
        # MinHash itself plus O(bands) hash look-ups, whatever the index size; indexing 1M
        # articles would take the peer half an hour here).
        lsh = MinHashLSH(threshold=0.5, num_perm=128)
        indexed = 0
        t = time.perf_counter()
        for a in lib.iter_articles():
            lsh.insert(a.id, mh(a.text))
            indexed += 1
            if indexed >= PEER_INDEX:
                break
        ds_index = (time.perf_counter() - t) / indexed
        sampled = lib.articles_by_doc(docs)
        t = time.perf_counter()
        for a in sampled.values():
            lsh.query(mh(a.text))
        ds_query = (time.perf_counter() - t) / len(sampled)
    per_article = search + pairs_per_article * verify + prep
    return {
        "library": str(path), "articles": n, "sample": len(docs),
        "search_ms": round(1000 * search, 2), "prepare_ms": round(1000 * prep, 2),
        "verify_ms_per_pair": round(1000 * verify, 2),
        "pairs_per_article": round(pairs_per_article, 2),
        "unspun_ms_per_article": round(1000 * per_article, 2),
        "datasketch_ms_per_article": round(1000 * (ds_index + ds_query), 3),
        "projected_unspun_hours": round(per_article * n / workers / 3600, 2),
        "projected_datasketch_hours": round((ds_index + ds_query) * n / 3600, 3),
        "load_average": round(os.getloadavg()[0], 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--library", type=Path, action="append", required=True)
    ap.add_argument("--sample", type=int, default=400)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    rows = []
    for lib in args.library:
        r = probe(lib, args.sample, args.workers, args.seed)
        rows.append(r)
        print(json.dumps(r), flush=True)
    print()
    head = ("articles", "search_ms", "verify_ms_per_pair", "pairs_per_article",
            "unspun_ms_per_article", "datasketch_ms_per_article", "projected_unspun_hours",
            "projected_datasketch_hours", "load_average")
    print(" | ".join(head))
    for r in rows:
        print(" | ".join(str(r[h]) for h in head))
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        print(f"{b['articles'] / a['articles']:.0f}x articles: search per article "
              f"{b['search_ms'] / a['search_ms']:.2f}x, unspun per article "
              f"{b['unspun_ms_per_article'] / a['unspun_ms_per_article']:.2f}x "
              "(1.0 = linear total time)")
    for r in rows:
        ratio = r["unspun_ms_per_article"] / max(r["datasketch_ms_per_article"], 1e-9)
        print(f"{r['articles']} articles: unspun {ratio:.0f}x the datasketch cost per article")


if __name__ == "__main__":
    main()
