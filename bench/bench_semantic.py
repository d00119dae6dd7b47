"""Dense-vector retrieval benchmark: does `--semantic` find rewritten copies the other signals
miss, and what does it cost?

    python3 bench/bench_semantic.py [--clusters 300] [--queries 100] [--data DIR]

Generates (or reads from `--data DIR/clusters.jsonl`) a benchmark with
`unspun bench make --kinds paraphrase,summary,translated`: invented originals, two or three
same-story articles per original written independently (the hard distractors), and one copy
of each kind per original. The library holds originals and distractors; copies are the
queries (`--queries` per kind), each to be traced to its own original.

Printed, all measured in this run:
- add throughput without vectors and with them (`add --semantic`), and embedding speed of
  each article pooling (articles/s);
- vector-only recall@1/@5 by copy kind for each pooling (the original among the nearest
  vectors), to choose the pooling;
- full `retrieve` recall@1/@5 by copy kind with and without `semantic`, and query latency
  p50/p99 of each (the semantic one includes embedding the query);
- brute-force search time over a random 100,000 x 384 float16 matrix (scales linearly).
Needs the `semantic` extra. Other processes share the machine's cores: times are noisy.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

from unspun.eval.clusters import copies_of, distractors_of, read_clusters, to_article
from unspun.library import Library
from unspun.model import Article
from unspun.options import RetrieveOptions
from unspun.retrieve.candidates import retrieve
from unspun.retrieve.semantic import (
    DIM,
    ArticleVectors,
    VectorIndex,
    embed_articles,
    embed_texts,
    missing,
)

KINDS = ("paraphrase", "summary", "translated")


def _pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(q * len(s)))]


def load(data: Path | None, clusters: int, seed: int) -> list[dict[str, Any]]:
    if data is None:
        data = Path(tempfile.mkdtemp(prefix="bench_semantic_"))
        subprocess.run([sys.executable, "-m", "unspun", "bench", "make", "--out", str(data),
                        "--clusters", str(clusters), "--seed", str(seed),
                        "--kinds", ",".join(KINDS), "--copies", str(len(KINDS))],
                       check=True, stdout=subprocess.DEVNULL)
    return list(read_clusters(data / "clusters.jsonl"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clusters", type=int, default=300)
    ap.add_argument("--queries", type=int, default=100, help="queries per copy kind")
    ap.add_argument("--data", type=Path, default=None, help="folder with clusters.jsonl")
    ap.add_argument("--poolings", default="head,mean4")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    reason = missing()
    if reason:
        sys.exit(f"bench_semantic needs the semantic extra: {reason}")

    clusters = load(args.data, args.clusters, args.seed)
    library_arts: list[Article] = []
    queries: list[tuple[str, Article, str]] = []  # (kind, query, original id)
    per_kind: dict[str, int] = defaultdict(int)
    for c in clusters:
        orig = to_article(c["original"])
        library_arts.append(orig)
        library_arts.extend(to_article(d) for d in distractors_of(c))
        for cp in copies_of(c):
            kind = str(cp.get("recipe") or cp.get("kind"))
            if kind in KINDS and per_kind[kind] < args.queries:
                per_kind[kind] += 1
                queries.append((kind, to_article(cp), orig.id))
    print(f"library: {len(library_arts)} articles ({len(clusters)} originals + same-story "
          f"distractors); queries: {dict(per_kind)}")

    t = time.perf_counter()
    embed_texts(["warm up the model"])
    print(f"model load: {time.perf_counter() - t:.1f} s (once per process)")

    tmp = Path(tempfile.mkdtemp(prefix="bench_semantic_lib_"))
    with Library.open(tmp / "plain.db") as lib:
        t = time.perf_counter()
        lib.add(iter(library_arts))
        plain_s = time.perf_counter() - t
    lib = Library.open(tmp / "semantic.db")
    t = time.perf_counter()
    lib.add(iter(library_arts), vectors=ArticleVectors())
    sem_s = time.perf_counter() - t
    n = len(library_arts)
    print(f"add: {n / plain_s:,.0f} articles/s without vectors, {n / sem_s:,.1f} articles/s "
          f"with --semantic ({sem_s / plain_s:.0f}x slower)")

    # ---- vector-only recall by pooling ------------------------------------------------
    ids = np.array([a.id for a in library_arts])
    print("\nvector-only recall (original among the nearest library vectors):")
    print(f"{'pooling':8} {'embed art/s':>11} " + " ".join(f"{k + ' @1/@5':>20}" for k in KINDS))
    for pooling in args.poolings.split(","):
        t = time.perf_counter()
        lib_m = embed_articles(library_arts, pooling)
        rate = n / (time.perf_counter() - t)
        q_m = embed_articles([q for _, q, _ in queries], pooling)
        sims = q_m @ lib_m.T
        hits: dict[str, list[int]] = defaultdict(list)
        for i, (kind, _, oid) in enumerate(queries):
            order = np.argsort(-sims[i])[:5]
            ranked = list(ids[order])
            hits[kind].append(ranked.index(oid) + 1 if oid in ranked else 99)
        cells = []
        for k in KINDS:
            r = hits[k]
            at1, at5 = sum(x == 1 for x in r) / len(r), sum(x <= 5 for x in r) / len(r)
            cells.append(f"{at1:.3f}/{at5:.3f}")
        print(f"{pooling:8} {rate:11.1f} " + " ".join(f"{c:>20}" for c in cells))

    # ---- full retrieval with and without the semantic signal -------------------------
    print("\nretrieve (fused signals, re-scored), rank of the original:")
    for semantic in (False, True):
        opts = RetrieveOptions(top=5, semantic=semantic)
        if semantic:
            retrieve(lib, queries[0][1], opts)  # load the vector matrix once
        ranks: dict[str, list[int]] = defaultdict(list)
        lat: list[float] = []
        for kind, q, oid in queries:
            t = time.perf_counter()
            cands = retrieve(lib, q, opts)
            lat.append((time.perf_counter() - t) * 1000)
            got = [c.article.id for c in cands]
            ranks[kind].append(got.index(oid) + 1 if oid in got else 99)
        cells = []
        for k in KINDS:
            r = ranks[k]
            cells.append(f"{k} @1 {sum(x == 1 for x in r) / len(r):.3f} "
                         f"@5 {sum(x <= 5 for x in r) / len(r):.3f}")
        print(f"  semantic={'on ' if semantic else 'off'}: " + "; ".join(cells)
              + f"; latency p50 {statistics.median(lat):.0f} ms p99 {_pct(lat, 0.99):.0f} ms")
    lib.close()

    # ---- brute-force search scaling -----------------------------------------------------
    rng = np.random.default_rng(0)
    big = rng.standard_normal((100_000, DIM), dtype=np.float32)
    big /= np.linalg.norm(big, axis=1, keepdims=True)
    index = VectorIndex(np.arange(100_000, dtype=np.int64), big.astype(np.float16))
    q = big[7]
    times = []
    for _ in range(20):
        t = time.perf_counter()
        top = index.search(q, 50)
        times.append((time.perf_counter() - t) * 1000)
    assert top[0][0] == 7
    print(f"\nbrute-force search, 100,000 x {DIM} float16 ({index.matrix.nbytes / 1e6:.0f} MB): "
          f"p50 {statistics.median(times):.1f} ms per query (1M would be ~10x: "
          f"{index.matrix.nbytes * 10 / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
