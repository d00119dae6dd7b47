"""Does tracing in worker processes speed up `unspun eval clusters`? Prints wall time of the
retrieval protocol with 1 and with N workers on the same generated benchmark, and the ratio.

    python bench/bench_eval_workers.py [--clusters 20] [--workers 2]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from unspun.corpus import BenchOptions, generate_clusters, write_clusters
from unspun.eval.clusters import ClusterEvalOptions, run_retrieval


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clusters", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=99)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        write_clusters(generate_clusters(BenchOptions(seed=args.seed, clusters=args.clusters)),
                       Path(tmp))
        path = Path(tmp) / "clusters.jsonl"
        times = {}
        scores = {}
        for workers in (1, args.workers):
            started = time.perf_counter()
            run = run_retrieval(path, ClusterEvalOptions(workers=workers))
            times[workers] = time.perf_counter() - started
            scores[workers] = run.scores.as_dict()
            n = run.scores.n_copies + run.scores.n_distractors
            print(f"workers={workers}: {times[workers]:.1f}s for {n} traces "
                  f"({times[workers] / n * 1000:.0f} ms/trace)")
        assert scores[1] == scores[args.workers], "worker count changed the scores"
        print(f"speed-up with {args.workers} workers: {times[1] / times[args.workers]:.2f}x "
              "(same scores)")


if __name__ == "__main__":
    main()
