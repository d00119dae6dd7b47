"""Stories benchmark: whole-library clustering at growing sizes, beside datasketch.

    python3 bench/bench_stories.py [--sizes 2000,10000] [--workers 2] [--workdir DIR]

For each size, `unspun bench make` generates labelled clusters (invented events: an
original, its copies of every kind, same-story renderings by other outlets) totalling about
that many articles; they go into a fresh library (not timed as stories: that is `add`).
Then, each in its own process so peak memory is its own:

* unspun: `build_stories` (candidate search + verification on `--workers` processes +
  assembly): wall time, peak RSS of the main process and of the largest worker, pairs.
* peer: datasketch MinHash (128 permutations, word 5-shingles) + MinHashLSH (threshold 0.5)
  + union-find over the same articles (already read; reading is not timed for either): the
  usual near-duplicate clustering; its original is the earliest-dated member of each
  cluster (the same `assemble`, given links without direction).

Both are scored with the stories protocol (`unspun.eval.stories.score_stories`: link
precision and recall over pairs put in one copy group, share of clusters whose original is
found, ARI of the stories), so the table shows speed and what it buys. Time growth is
reported as seconds per 1,000 articles at each size. Other processes share this machine's
cores: absolute times are noisy, ratios within one run less so.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ARTICLES_PER_CLUSTER = 7.5  # generator default: original + ~4.5 copies + 2 distractors


def _child(kind: str, clusters: str, library: str, workers: int) -> dict[str, Any]:
    """Run one engine in this (child) process; return timing, memory and scores."""
    from unspun.eval.stories import ClusterTruth, cluster_articles, score_stories

    truth: list[ClusterTruth] = []  # ids only, filled as the file streams by
    if kind == "unspun":
        from unspun.library import Library
        from unspun.stories import StoriesOptions, build_stories

        for _ in cluster_articles(clusters, truth):
            pass
        t = time.perf_counter()
        with Library.open(library) as lib:
            res = build_stories(lib, StoriesOptions(workers=workers))
        seconds = time.perf_counter() - t
        scores = score_stories(truth, res.members).as_row()
        extra = {k: res.stats.get(k) for k in ("candidate_pairs", "verified_pairs",
                                               "search_seconds", "verify_seconds",
                                               "assemble_seconds")}
    else:
        from datasketch import MinHash, MinHashLSH

        from unspun.retrieve.terms import fast_words
        from unspun.stories.assemble import assemble
        from unspun.stories.types import Node, PairResult

        articles = list(cluster_articles(clusters, truth))  # reading is not timed (as for unspun)
        t = time.perf_counter()
        lsh = MinHashLSH(threshold=0.5, num_perm=128)
        nodes: list[Node] = []
        links: list[PairResult] = []
        for art in articles:
            words = fast_words(art.text)
            m = MinHash(num_perm=128)
            m.update_batch([" ".join(words[i : i + 5]).encode() for i in
                            range(max(1, len(words) - 4))])
            for other in lsh.query(m):
                # a near-duplicate pair; the earlier-dated article is taken as the source
                links.append(PairResult(other, art.id, "copy", "near-duplicate", 1.0, False,
                                        1.0, 1.0, 0, 0, 0))
            lsh.insert(art.id, m)
            nodes.append(Node(art.id, art.url, art.site, art.title, art.published,
                              len(art.text)))
        # union-find + earliest date as original: assemble does exactly that for links
        # without direction (rank: date, then length)
        res = assemble(nodes, links)
        seconds = time.perf_counter() - t
        scores = score_stories(truth, res.members).as_row()
        extra = {"candidate_pairs": len(links)}
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"engine": kind, "seconds": round(seconds, 2), "peak_mb": round(peak, 1),
            "worker_peak_mb": round(workers_peak, 1), **scores, **extra}


def _run_child(kind: str, clusters: Path, library: Path, workers: int) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(clusters),
                          str(library), str(workers)], capture_output=True, text=True,
                         check=True)
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _prepare(size: int, work: Path, seed: int) -> tuple[Path, Path, float]:
    clusters = max(1, round(size / ARTICLES_PER_CLUSTER))
    folder = work / f"gen{size}"
    if not (folder / "clusters.jsonl").exists():
        subprocess.run([sys.executable, "-m", "unspun", "bench", "make", "--out", str(folder),
                        "--clusters", str(clusters), "--seed", str(seed)], check=True,
                       capture_output=True)
    library = work / f"lib{size}.db"
    t = time.perf_counter()
    if not library.exists():
        from unspun.eval.stories import cluster_articles
        from unspun.library import Library

        with Library.open(library) as lib:
            lib.add(cluster_articles(folder / "clusters.jsonl", []))
    return folder / "clusters.jsonl", library, time.perf_counter() - t


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, clusters, library, workers = sys.argv[2:6]
        print(json.dumps(_child(kind, clusters, library, int(workers))))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="2000,10000")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="unspun-bench-stories-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    for size in (int(s) for s in args.sizes.split(",")):
        clusters, library, add_s = _prepare(size, work, args.seed)
        with open(clusters, encoding="utf-8") as fp:
            n = sum(1 + len(c["copies"]) + len(c["distractors"]) for c in map(json.loads, fp))
        for kind in ("unspun", "datasketch"):
            r = _run_child(kind, clusters, library, args.workers)
            r.update(articles=n, add_seconds=round(add_s, 1),
                     s_per_1k=round(r["seconds"] / n * 1000, 2))
            rows.append(r)
            print(json.dumps(r), flush=True)
    print()
    head = ("engine", "articles", "seconds", "s_per_1k", "peak_mb", "worker_peak_mb",
            "link_precision", "link_recall", "original_accuracy", "ari", "candidate_pairs")
    print(" | ".join(head))
    for r in rows:
        print(" | ".join(str(r.get(h, "")) for h in head))
    for kind in ("unspun", "datasketch"):
        mine = [r for r in rows if r["engine"] == kind]
        if len(mine) > 1:
            a, b = mine[0], mine[-1]
            growth = (b["seconds"] / a["seconds"]) / (b["articles"] / a["articles"])
            print(f"{kind}: {b['articles'] / a['articles']:.1f}x articles took "
                  f"{b['seconds'] / a['seconds']:.1f}x time (1.0 x size = linear; "
                  f"per-article cost ratio {growth:.2f})")
    for size_rows in zip(*(iter(rows),) * 2, strict=False):
        u, d = size_rows
        print(f"{u['articles']} articles: unspun {u['seconds'] / max(d['seconds'], 1e-9):.1f}x "
              f"the datasketch time; link precision {u['link_precision']} vs "
              f"{d['link_precision']}, recall {u['link_recall']} vs {d['link_recall']}, "
              f"original {u['original_accuracy']} vs {d['original_accuracy']}")


if __name__ == "__main__":
    main()
