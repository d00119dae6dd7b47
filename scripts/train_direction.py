"""Fit the copy-direction model (`src/unspun/forensics/direction_model.json`).

For every labelled copy pair (copy, original) that `analyze` calls a copy, the direction
evidence (`unspun.forensics.direction_inputs`) gives one antisymmetric feature row x with
"the query is derived"; the same pair read the other way round is -x with "the candidate
is derived". A logistic model without intercept fitted on both is antisymmetric too.

Pairs: generated clusters (invented and from BBC originals, half cut to page excerpts, and
dates removed from some of them, as real pages often lack them) and the real-news-dev
clusters (their texts rebuilt locally; never in the repo). The real clusters whose number
is a multiple of 3 are held back (as `train_verdict.py` does) and only scored. Evaluation
is cluster-wise cross-validation; the margin (inside which the answer is "unknown") is the
smallest that keeps wrong calls at most `--max-wrong` of the out-of-fold calls, on the real
pairs and on each generated source apart.

    python scripts/train_direction.py --real PATH/clusters.jsonl [--report FILE]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_verdict import (
    DATA,
    ROOT,
    excerpt,
    held_back,
)

from unspun.corpus import BenchOptions, generate_clusters, write_clusters
from unspun.errors import InputError
from unspun.eval.clusters import read_clusters, to_article
from unspun.forensics import direction_inputs
from unspun.forensics.direction import (
    DIRECTION_FEATURES,
    SCHEMA,
    DirectionModel,
    default_model,
    direction_features,
)

# (copy record, original record, group, source, kind)
Pair = tuple[dict[str, Any], dict[str, Any], str, str, str]


def _undated(rec: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in rec.items() if k not in ("date", "published", "published_time")}


def generated(n: int, seed: int, rng: random.Random, prefix: str,
              source: str | None = None) -> list[Pair]:
    out: list[Pair] = []
    with tempfile.TemporaryDirectory() as tmp:
        write_clusters(generate_clusters(BenchOptions(seed=seed, clusters=n, source=source)),
                       Path(tmp))
        clusters = read_clusters(Path(tmp) / "clusters.jsonl")
    for rec in clusters:
        o = rec["original"]
        g = f"{prefix}:{rec['cluster_id']}"
        cut = rng.random() < 0.5
        for cp in rec.get("copies") or []:
            q, s = (excerpt(cp, rng), excerpt(o, rng)) if cut else (cp, o)
            u = rng.random()  # real pages: often no date on one side or both
            if u < 0.5:
                q, s = _undated(q), _undated(s)
            elif u < 0.8:
                q, s = (_undated(q), s) if rng.random() < 0.5 else (q, _undated(s))
            out.append((q, s, g, prefix, cp.get("kind") or ""))
    return out


def real(path: Path) -> tuple[list[Pair], list[Pair]]:
    fit: list[Pair] = []
    back: list[Pair] = []
    for c in read_clusters(path):
        cid = str(c["cluster_id"])
        pairs = [(cp, c["original"], f"real:{cid}", "real", cp.get("kind") or "")
                 for cp in c.get("copies") or []]
        (back if held_back(cid) else fit).extend(pairs)
    return fit, back


def _row(pair: Pair) -> tuple[float, ...] | None:
    try:
        ev = direction_inputs(to_article(pair[0]), to_article(pair[1]))
    except InputError:
        return None
    return None if ev is None else direction_features(ev)


def featurise(pairs: list[Pair], workers: int) -> tuple[list[Pair], np.ndarray]:
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        rows = pool.map(_row, pairs, chunksize=8)
    kept = [(p, r) for p, r in zip(pairs, rows, strict=True) if r is not None]
    return [p for p, _ in kept], np.array([r for _, r in kept], dtype=float)


def fit(X: np.ndarray, w: np.ndarray, c: float) -> np.ndarray:
    """Weighted L2 logistic regression without intercept, every weight >= 0.

    Each feature is defined to point at the derived text (later, contained, artifacts,
    odder, rewritten, shorter); a negative weight would turn that rationale upside down
    and make the stated reason nonsense ("the query is shorter" counted for the candidate
    being the copy), so the fit is constrained (scipy's L-BFGS-B with bounds) and a
    feature the data does not support gets weight 0. The mirrored rows (-x, "candidate
    derived") are implicit: their loss equals that of (x, "query derived")."""
    from scipy.optimize import minimize

    def loss(beta: np.ndarray) -> tuple[float, np.ndarray]:
        z = X @ beta
        # log(1 + e^-z) for "query derived", written stably; twice (mirrored rows)
        nll = np.logaddexp(0.0, -z)
        grad_z = -1.0 / (1.0 + np.exp(z))
        value = 2.0 * float(w @ nll) + 0.5 * float(beta @ beta) / c
        return value, 2.0 * (X.T @ (w * grad_z)) + beta / c

    res = minimize(loss, np.zeros(X.shape[1]), jac=True, method="L-BFGS-B",
                   bounds=[(0.0, None)] * X.shape[1])
    return np.asarray(res.x)


def out_of_fold(X: np.ndarray, w: np.ndarray, groups: list[str], c: float, folds: int
                ) -> np.ndarray:
    from sklearn.model_selection import GroupKFold

    z = np.zeros(len(X))
    for tr, te in GroupKFold(n_splits=folds).split(X, groups=groups):
        z[te] = X[te] @ fit(X[tr], w[tr], c)
    return z


def sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


def calls(p: np.ndarray, margin: float) -> tuple[int, int, int]:
    """(right, wrong, unknown) for copies whose truth is "the query is derived"."""
    right = int(np.sum(p >= 0.5 + margin))
    wrong = int(np.sum(p <= 0.5 - margin))
    return right, wrong, len(p) - right - wrong


def choose_margin(p: np.ndarray, max_wrong: float) -> float:
    for m in np.arange(0.0, 0.45, 0.01):
        r, wr, _ = calls(p, float(m))
        if r + wr == 0 or wr / (r + wr) <= max_wrong:
            return round(float(m), 2)
    return 0.45


def summary(p: np.ndarray, margin: float) -> dict[str, Any]:
    r, wr, u = calls(p, margin)
    return {"pairs": len(p), "right": r, "wrong": wr, "unknown": u,
            "right_share": round(r / len(p), 3) if len(p) else None,
            "sign_accuracy": round(float(np.mean(p > 0.5)), 3) if len(p) else None}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_real = DATA / "real-news-dev" / "clusters.jsonl"
    ap.add_argument("--real", type=Path, default=default_real if default_real.exists() else None,
                    help="real-news-dev clusters WITH texts (rebuilt locally; see its README)")
    ap.add_argument("--generated", type=int, default=150, help="generated clusters (invented)")
    ap.add_argument("--bbc", type=int, default=60, help="generated clusters from BBC originals")
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("--real-weight", type=float, default=10.0)
    ap.add_argument("--C", type=float, default=1.0, help="inverse L2 strength")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--max-wrong", type=float, default=0.15,
                    help="most wrong directions among the calls made (out of fold)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path,
                    default=ROOT / "src/unspun/forensics/direction_model.json")
    ap.add_argument("--report", type=Path, default=None, help="write the measures as JSON")
    args = ap.parse_args(argv)

    rng = random.Random(args.seed)
    pairs = generated(args.generated, args.seed, rng, "g")
    bbc = DATA / "bbc-news" / "articles.jsonl"
    if args.bbc and bbc.exists():
        pairs += generated(args.bbc, args.seed + 1, rng, "bbc", str(bbc))
    back: list[Pair] = []
    if args.real:
        fit_real, back = real(args.real)
        pairs += fit_real
    pairs, X = featurise(pairs, args.workers)
    print(f"copy pairs analysed as copies: {len(pairs)} ({Counter(p[3] for p in pairs)})",
          file=sys.stderr)
    w = np.array([args.real_weight if p[3] == "real" else 1.0 for p in pairs])
    groups = [p[2] for p in pairs]
    p_oof = sigmoid(out_of_fold(X, w, groups, args.C, args.folds))
    # the bar holds on each source apart (the generated pairs must not hide the real ones)
    of_source = {src: np.array([p[3] == src for p in pairs]) for src in {p[3] for p in pairs}}
    margin = max(choose_margin(p_oof[mask], args.max_wrong) for mask in of_source.values())
    coef = fit(X, w, args.C)
    report: dict[str, Any] = {"margin": margin, "coef": dict(zip(DIRECTION_FEATURES,
                                                                 map(float, coef), strict=True))}
    try:
        shipped: DirectionModel | None = default_model()
    except ValueError as exc:  # the features changed: nothing to compare with
        print(f"shipped model not comparable: {exc}", file=sys.stderr)
        shipped = None
    p_old = None if shipped is None else sigmoid(X @ np.array(shipped.coef))
    for src, mask in sorted(of_source.items()):
        report[f"oof_{src}"] = summary(p_oof[mask], margin)
        if shipped is not None and p_old is not None:
            report[f"shipped_{src}"] = summary(p_old[mask], shipped.margin)
        report[f"oof_{src}_by_kind"] = {
            k: summary(p_oof[mask & np.array([p[4] == k for p in pairs])], margin)["sign_accuracy"]
            for k in sorted({p[4] for p in pairs if p[3] == src})}
    if back:
        back, Xb = featurise(back, args.workers)
        report["held_back_real"] = summary(sigmoid(Xb @ coef), margin)
        if shipped is not None:
            report["held_back_real_shipped"] = summary(sigmoid(Xb @ np.array(shipped.coef)),
                                                       shipped.margin)
    for k, v in report.items():
        print(f"{k}: {v}", file=sys.stderr)
    model = {"schema": SCHEMA, "version": f"direction-{args.seed}",
             "features": list(DIRECTION_FEATURES), "coef": [round(float(c), 6) for c in coef],
             "margin": margin,
             "trained_on": {"generated": args.generated, "bbc": args.bbc,
                            "real_clusters_fitted": len({p[2] for p in pairs if p[3] == "real"}),
                            "real_weight": args.real_weight, "C": args.C}}
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    if args.report:
        args.report.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
