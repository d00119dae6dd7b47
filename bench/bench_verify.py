#!/usr/bin/env python3
"""Verification speed (`stories.verify.verify_pair`) on a library's stored pairs, against
another version of the code on the same pairs in the same run.

    python bench/bench_verify.py --library DIR/lib100000.db [--articles 600] [--rounds 3]
                                 [--baseline-src OTHER_CHECKOUT/src]

The pairs are those a stories run stored (`bench_stories.py --workdir DIR` leaves
`DIR/lib<size>.db`): every stored pair touching a fixed random set of `--articles` articles
(seed 5) or joining two of their partners, each article read and prepared once, as a
verification batch does. Each round runs
this checkout and the baseline (`--baseline-src`, e.g. a `git worktree` of an older commit;
without it, this checkout against itself) in fresh processes, in turn, and prints pairs per
second, the per-round ratio and a digest of every result: the same digest means the same
verdicts, so a speed-up changed nothing else.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent / "src"


def child(library: str, articles: int) -> dict[str, object]:
    """One measurement, in this process (run by the parent with a chosen PYTHONPATH)."""
    import unspun
    from unspun.library import Library
    from unspun.stories.verify import side_of, verify_pair

    lib = Library.open(library)
    rows = lib.conn.execute("SELECT lo, hi FROM story_pairs ORDER BY lo, hi").fetchall()
    if not rows:
        raise SystemExit(f"{library}: no stored pairs (run bench_stories.py on it first)")
    los = sorted({r[0] for r in rows})
    random.Random(5).shuffle(los)
    pick = set(los[:articles])
    near = {x for r in rows if r[0] in pick for x in r}
    # the chosen articles' pairs and those among their partners: a batch of neighbours,
    # each article in more than one pair, as the candidate graph's groups are
    rows = [r for r in rows if r[0] in pick or r[1] in pick or (r[0] in near and r[1] in near)]
    arts = {i: lib.get(i) for i in sorted({x for r in rows for x in r})}
    t = time.perf_counter()
    sides = {i: side_of(a) for i, a in arts.items() if a is not None}
    h = hashlib.sha256()
    n = 0
    for lo, hi in rows:
        if lo in sides and hi in sides:
            h.update(repr(verify_pair(sides[lo], sides[hi])).encode())
            n += 1
    dt = time.perf_counter() - t
    return {"code": str(Path(unspun.__file__).parent), "pairs": n, "articles": len(sides),
            "seconds": dt, "digest": h.hexdigest()[:16]}


@dataclass(slots=True, frozen=True)
class Measured:
    code: str
    pairs: int
    articles: int
    seconds: float
    digest: str


def run(src: Path, args: argparse.Namespace) -> Measured:
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run([sys.executable, __file__, "--child", "--library", args.library,
                          "--articles", str(args.articles)],
                         env=env, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{src}: {out.stderr.strip().splitlines()[-1:]}")
    return Measured(**json.loads(out.stdout))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--library", required=True, help="a library with stored story pairs")
    ap.add_argument("--articles", type=int, default=600)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--baseline-src", type=Path, default=HERE,
                    help="the other version's src folder (default: this checkout)")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not Path(args.library).is_file():
        print(f"{args.library}: no such library", file=sys.stderr)
        return 2
    if args.child:
        print(json.dumps(child(args.library, args.articles)))
        return 0
    mine: list[Measured] = []
    base: list[Measured] = []
    for r in range(args.rounds):
        mine.append(run(HERE, args))
        base.append(run(args.baseline_src, args))
        a, b = mine[-1], base[-1]
        print(f"round {r + 1}: this {a.pairs} pairs in {a.seconds:.2f} s, baseline "
              f"{b.seconds:.2f} s, ratio {a.seconds / b.seconds:.3f}", flush=True)
    med = statistics.median
    pairs = mine[0].pairs
    print(json.dumps({
        "pairs": pairs, "articles": mine[0].articles,
        "this": {"code": mine[0].code,
                 "pairs_per_s": round(pairs / med(x.seconds for x in mine), 1)},
        "baseline": {"code": base[0].code,
                     "pairs_per_s": round(pairs / med(x.seconds for x in base), 1)},
        "time_ratio_median": round(med(a.seconds / b.seconds
                                       for a, b in zip(mine, base, strict=True)), 3),
        "same_results": len({x.digest for x in mine + base}) == 1,
    }, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
