#!/usr/bin/env python3
"""Fit the kind-of-copy model (`src/unspun/forensics/kind_model.json`) and report how it holds.

    python scripts/train_kind.py --real PATH/clusters.jsonl [--report FILE]

Every labelled copy pair (copy, original) gives one row of `unspun.forensics.kind_inputs`
(the kind rules' reading among them) and its labelled kind. Pairs: generated clusters
(invented and from BBC originals, half of them cut to ~2,000-character page excerpts on both
sides, as `train_verdict.py` makes them) and the real-news-dev clusters (texts rebuilt
locally; never in the repo). Real clusters whose number is a multiple of 3 are held back
(as in `train_verdict.py`): never fitted, scored once at the end.

Model: standardised features, multinomial L2 logistic regression (scikit-learn), real pairs
weighing `--real-weight` times a generated one. Evaluation is cluster-wise cross-validation
(a cluster never on both sides of a fold); every accuracy printed is out of fold or held
back, beside the kind rules' own accuracy on the same pairs.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_direction import Pair, real
from train_verdict import DATA, ROOT, generated_pairs

from unspun.errors import InputError
from unspun.eval.clusters import to_article
from unspun.forensics import kind_inputs
from unspun.forensics.kinds import KIND_FEATURES, KINDS, SCHEMA


def generated(n: int, seed: int, prefix: str, source: str | None = None) -> list[Pair]:
    rng = random.Random(seed)
    return [(q, s, g, src, kind) for q, s, label, g, src, kind
            in generated_pairs(n, seed, rng, prefix, source) if label == 1]


def _row(pair: Pair) -> tuple[tuple[float, ...], str] | None:
    try:
        return kind_inputs(to_article(pair[0]), to_article(pair[1]))
    except InputError:
        return None


def featurise(pairs: list[Pair], workers: int) -> tuple[list[Pair], np.ndarray, list[str]]:
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        rows = pool.map(_row, pairs, chunksize=8)
    kept = [(p, r) for p, r in zip(pairs, rows, strict=True)
            if r is not None and p[4] in KINDS]
    return ([p for p, _ in kept], np.array([r[0] for _, r in kept], dtype=float),
            [r[1] for _, r in kept])


class Fitted:
    def __init__(self, mean: np.ndarray, scale: np.ndarray, coef: np.ndarray,
                 intercept: np.ndarray, classes: list[str]) -> None:
        self.mean, self.scale, self.coef, self.intercept = mean, scale, coef, intercept
        self.classes = classes

    def predict(self, X: np.ndarray) -> list[str]:
        s = ((X - self.mean) / self.scale) @ self.coef.T + self.intercept
        return [self.classes[i] for i in np.argmax(s, axis=1)]


def fit(X: np.ndarray, y: list[str], w: np.ndarray, c: float) -> Fitted:
    from sklearn.linear_model import LogisticRegression

    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    lr = LogisticRegression(C=c, max_iter=5000)
    lr.fit((X - mean) / scale, y, sample_weight=w)
    classes = [str(k) for k in lr.classes_]
    return Fitted(mean, scale, lr.coef_, lr.intercept_, classes)


def out_of_fold(X: np.ndarray, y: list[str], w: np.ndarray, groups: list[str], c: float,
                folds: int) -> list[str]:
    from sklearn.model_selection import GroupKFold

    pred = [""] * len(y)
    for tr, te in GroupKFold(n_splits=folds).split(X, y, groups):
        m = fit(X[tr], [y[i] for i in tr], w[tr], c)
        for i, k in zip(te, m.predict(X[te]), strict=True):
            pred[i] = k
    return pred


def accuracy(pred: list[str], pairs: list[Pair], rules: list[str]) -> dict[str, Any]:
    """Per source: the model's and the rules' accuracy, per kind and overall, and the
    model's confusions on real pairs (label -> predicted -> count)."""
    out: dict[str, Any] = {}
    for src in sorted({p[3] for p in pairs}):
        idx = [i for i, p in enumerate(pairs) if p[3] == src]
        by: dict[str, list[int]] = defaultdict(list)
        for i in idx:
            by[pairs[i][4]].append(i)
        row: dict[str, Any] = {
            "n": len(idx),
            "model": round(sum(pred[i] == pairs[i][4] for i in idx) / len(idx), 3),
            "rules": round(sum(rules[i] == pairs[i][4] for i in idx) / len(idx), 3),
            "by_kind": {k: f"{sum(pred[i] == k for i in v)}/{len(v)} "
                           f"(rules {sum(rules[i] == k for i in v)})"
                        for k, v in sorted(by.items())},
        }
        if src == "real":
            conf: dict[str, Counter[str]] = defaultdict(Counter)
            for i in idx:
                conf[pairs[i][4]][pred[i]] += 1
            row["confusion"] = {k: dict(v) for k, v in sorted(conf.items())}
        out[src] = row
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_real = DATA / "real-news-dev" / "clusters.jsonl"
    ap.add_argument("--real", type=Path, default=default_real if default_real.exists() else None,
                    help="real-news-dev clusters WITH texts (rebuilt locally; see its README)")
    ap.add_argument("--generated", type=int, default=200, help="generated clusters (invented)")
    ap.add_argument("--bbc", type=int, default=60, help="generated clusters from BBC originals")
    ap.add_argument("--seed", type=int, default=20261204)
    ap.add_argument("--real-weight", type=float, default=3.0)
    ap.add_argument("--C", type=float, default=3.0, help="inverse L2 strength")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=ROOT / "src/unspun/forensics/kind_model.json")
    ap.add_argument("--report", type=Path, default=None, help="write the measures as JSON")
    args = ap.parse_args(argv)

    pairs = generated(args.generated, args.seed, "g")
    bbc = DATA / "bbc-news" / "articles.jsonl"
    if args.bbc and bbc.exists():
        pairs += generated(args.bbc, args.seed + 1, "bbc", str(bbc))
    back: list[Pair] = []
    if args.real:
        fit_real, back = real(args.real)
        pairs += fit_real
    pairs, X, rules = featurise(pairs, args.workers)
    y = [p[4] for p in pairs]
    print(f"copy pairs: {len(pairs)} ({dict(Counter(p[3] for p in pairs))})", file=sys.stderr)
    w = np.array([args.real_weight if p[3] == "real" else 1.0 for p in pairs])
    groups = [p[2] for p in pairs]
    report: dict[str, Any] = {
        "out_of_fold": accuracy(out_of_fold(X, y, w, groups, args.C, args.folds), pairs, rules)}
    m = fit(X, y, w, args.C)
    if back:
        back, Xb, rules_b = featurise(back, args.workers)
        report["held_back_real"] = accuracy(m.predict(Xb), back, rules_b)
    print(json.dumps(report, indent=1), file=sys.stderr)
    model = {
        "schema": SCHEMA, "version": f"kind-{args.seed}", "classes": m.classes,
        "features": list(KIND_FEATURES),
        "mean": [round(float(v), 6) for v in m.mean],
        "scale": [round(float(v), 6) for v in m.scale],
        "coef": [[round(float(v), 6) for v in row] for row in m.coef],
        "intercept": [round(float(v), 6) for v in m.intercept],
        "trained_on": {"generated": args.generated, "bbc": args.bbc,
                       "real_clusters_fitted": len({p[2] for p in pairs if p[3] == "real"}),
                       "real_weight": args.real_weight, "C": args.C},
    }
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    if args.report:
        args.report.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
