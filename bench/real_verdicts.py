#!/usr/bin/env python3
"""Verdicts on a labelled cluster file, per copy kind: is the original found first, is it
*called a copy* (any copy verdict on the original), is the kind right; and the share of
distractors called a copy of anything (as `unspun eval clusters` counts it).

    python bench/real_verdicts.py CLUSTERS.jsonl [--json]

Rows `fitted:` and `held-back:` split the copies by whether the trainers
(`scripts/train_*.py`) fit on their cluster: real clusters whose number is a multiple of 3
are held back, never fitted, so only their row is out of sample for the fitted models.

For real-news-dev, CLUSTERS is the file with texts rebuilt locally (never in the repo).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict

from unspun.eval.clusters import ClusterEvalOptions, held_back, run_retrieval
from unspun.model import COPY_VERDICTS


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("clusters")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    run = run_retrieval(args.clusters, ClusterEvalOptions(workers=args.workers))
    by: dict[str, list[tuple[bool, bool, bool]]] = defaultdict(list)
    for c in run.copies:
        row = (c.rank == 1, c.original_verdict in COPY_VERDICTS, c.predicted_kind == c.kind)
        by[c.kind or "-"].append(row)
        by["all"].append(row)
        by["held-back:" if held_back(c.cluster) else "fitted:"].append(row)
    out = {k: {"n": len(v), "recall_at_1": sum(r[0] for r in v) / len(v),
               "copy_verdict_rate": sum(r[1] for r in v) / len(v),
               "kind_accuracy": sum(r[2] for r in v) / len(v)} for k, v in sorted(by.items())}
    fc = [d.false_copy for d in run.distractors]
    out["distractors"] = {"n": len(fc), "false_copy_rate": sum(fc) / len(fc) if fc else None}
    if args.json:
        print(json.dumps(out, indent=1))
    else:
        for k, v in out.items():
            print(k.ljust(12), "  ".join(f"{a}={b:.3f}" if isinstance(b, float) else f"{a}={b}"
                                          for a, b in v.items()))
    for d in run.distractors:
        if d.false_copy:
            print(f"false copy: {d.url} ~ {d.against_url} ({d.verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
