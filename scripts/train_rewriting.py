#!/usr/bin/env python3
"""Fit the machine-rewriting score (src/unspun/inspection/rewriting_model.json).

    python scripts/train_rewriting.py [--invented N] [--reuters N] [--real PATH] [--out FILE]

Generated pages (`unspun.corpus`): positives are its spun and translated copies, negatives
the originals and the independent same-story renderings, from invented events (`--invented`
clusters) and from real Reuters-21578 articles with copies derived from them (`--reuters`).
Every generated page is also cut to a ~2,000-character excerpt (real pages are often
excerpts), both classes alike, so length tells nothing. With `--real` (real-news-dev with its
texts rebuilt locally; never in the repo), the real pages of the clusters that are not held
back (cluster number not a multiple of 3, as `train_verdict.py`) join the fit, read as-is
as `unspun inspect` reads them, weighted `--real-weight`: spun and translated copies
positive, originals and independent reports negative (other copies left out). Model:
standardised `score.FEATURES`, L2 logistic regression (scikit-learn), cross-validated by
cluster (5 folds); the threshold is the lowest probability at which at most `--false-flags`
of the negatives are flagged out of fold, generated and real apart; document-level flags
fire beyond the 95th percentile of the generated negatives. The held-back real clusters are
only scored (reported as `held_back_real`); BBC and Clough-Stevenson only by
bench/inspect_real.py.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_verdict import held_back  # the real clusters never fitted, as there

from unspun.corpus import BenchOptions, generate_clusters
from unspun.eval.clusters import read_clusters, to_article
from unspun.ingest import article_from_record
from unspun.inspection.core import headline_end
from unspun.inspection.flags import PageText, page_flags
from unspun.inspection.score import FEATURES, SCHEMA, page_features
from unspun.model import Article
from unspun.options import AS_IS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "unspun" / "inspection" / "rewriting_model.json"
REUTERS = ROOT.parent / "shared" / "data" / "reuters-21578" / "articles.jsonl"
POSITIVE = frozenset({"spun", "translated"})
EXCERPT_CHARS = 2000
DOC_FLAGS = ("function_divergence", "rare_share", "headline_miss")


def real_pages(path: Path) -> tuple[list[tuple[str, int, list[float]]],
                                    list[tuple[str, int, list[float]]]]:
    """(fit, held back): (group, label, features) of the real pages that have a label."""
    fit: list[tuple[str, int, list[float]]] = []
    back: list[tuple[str, int, list[float]]] = []
    for c in read_clusters(path):
        cid = str(c["cluster_id"])
        docs = [(0, c["original"])] + [(0, d) for d in c.get("distractors") or []]
        docs += [(1, x) for x in c.get("copies") or [] if x.get("kind") in POSITIVE]
        for label, rec in docs:
            if not rec.get("text"):
                continue
            a = article_from_record({"title": rec.get("title") or "", "text": rec["text"],
                                     "url": rec.get("url")}, AS_IS)
            (back if held_back(cid) else fit).append((f"real:{cid}", label, features_of(a)))
    return fit, back


def features_of(article: Article) -> list[float]:
    page = PageText(article.text, headline_end(article))
    f = page_features(page, page_flags(page))
    return [f[k] for k in FEATURES]


def excerpt(record: dict[str, Any]) -> dict[str, Any]:
    """The record with its text cut at the paragraph end nearest EXCERPT_CHARS."""
    text = str(record.get("text") or "")
    if len(text) <= EXCERPT_CHARS:
        return record
    cut = text.rfind("\n", 0, EXCERPT_CHARS)
    return {**record, "text": text[: cut if cut > EXCERPT_CHARS // 2 else EXCERPT_CHARS]}


def labelled(clusters: list[dict[str, Any]], tag: str) -> list[tuple[str, str, dict[str, Any]]]:
    """(group, label kind, record) of every page: original, same-story, spun, translated."""
    out: list[tuple[str, str, dict[str, Any]]] = []
    for c in clusters:
        g = f"{tag}:{c['cluster_id']}"
        out.append((g, "original", c["original"]))
        out.extend((g, "same-story", d) for d in c.get("distractors") or [])
        out.extend((g, str(x["kind"]), x) for x in c.get("copies") or []
                   if x.get("kind") in POSITIVE)
    return out


def dataset(invented: int, reuters: int, seed: int
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    clusters = [c.to_json() for c in generate_clusters(BenchOptions(
        seed=seed, clusters=invented, kinds=("spun", "translated")))]
    pages = labelled(clusters, "inv")
    if reuters and REUTERS.is_file():
        real = [c.to_json() for c in generate_clusters(BenchOptions(
            seed=seed, clusters=reuters, kinds=("spun", "translated"), source=str(REUTERS)))]
        pages += labelled(real, "reu")
    xs, ys, groups, kinds = [], [], [], []
    for g, kind, rec in pages:
        for variant in (rec, excerpt(rec)):
            xs.append(features_of(to_article(variant)))
            ys.append(1 if kind in POSITIVE else 0)
            groups.append(g)
            kinds.append(kind)
    return np.array(xs, dtype=float), np.array(ys), np.array(groups), kinds


def main() -> int:
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import brier_score_loss, roc_auc_score
    from sklearn.model_selection import GroupKFold

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--invented", type=int, default=300)
    ap.add_argument("--reuters", type=int, default=200)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--false-flags", type=float, default=0.02)
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--real", type=Path, default=None,
                    help="real-news-dev clusters WITH texts (rebuilt locally; see its README)")
    ap.add_argument("--real-weight", type=float, default=10.0)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    x, y, groups, kinds = dataset(args.invented, args.reuters, args.seed)
    n_gen = len(y)
    back: list[tuple[str, int, list[float]]] = []
    if args.real:
        fit_real, back = real_pages(args.real)
        x = np.vstack([x, np.array([f for _, _, f in fit_real], dtype=float)])
        y = np.r_[y, [lab for _, lab, _ in fit_real]]
        groups = np.r_[groups, [g for g, _, _ in fit_real]]
        kinds = kinds + [("real-rewritten" if lab else "real-not") for _, lab, _ in fit_real]
    real = np.arange(len(y)) >= n_gen
    w = np.where(real, args.real_weight, 1.0)
    print(f"pages: {len(y)} ({int(y.sum())} rewritten, {int((1 - y).sum())} not; "
          f"{int(real.sum())} real)")
    # standardised on the generated pages (the bulk), so adding real pages moves no scale
    mean, scale = x[~real].mean(axis=0), x[~real].std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (x - mean) / scale
    oof = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(z, y, groups):
        m = LogisticRegression(C=args.C, max_iter=2000).fit(z[train], y[train],
                                                            sample_weight=w[train])
        oof[test] = m.predict_proba(z[test])[:, 1]

    def lowest_threshold(neg: np.ndarray) -> float:
        neg = np.sort(neg)
        k = int(np.floor(args.false_flags * len(neg)))
        return float(neg[len(neg) - k - 1]) + 1e-6 if k < len(neg) else 0.5

    threshold = max(lowest_threshold(oof[(y == 0) & ~real]),
                    lowest_threshold(oof[(y == 0) & real]) if real.any() else 0.0)
    flagged = oof >= threshold
    for name, sel in (("generated", ~real), ("real", real)):
        if not sel.any():
            continue
        ys, ps, fs = y[sel], oof[sel], flagged[sel]
        print(f"out of fold, {name}: AUC {roc_auc_score(ys, ps):.4f}, "
              f"Brier {brier_score_loss(ys, ps):.4f}; threshold {threshold:.4f}: recall "
              f"{fs[ys == 1].mean():.3f}, false flags {fs[ys == 0].mean():.3f}, precision "
              f"{ys[fs].mean() if fs.any() else 0.0:.3f}")
    for kind in sorted(set(kinds)):
        sel = np.array([kk == kind for kk in kinds])
        print(f"  {kind:14s} n={int(sel.sum()):5d} flagged {flagged[sel].mean():.3f} "
              f"mean score {oof[sel].mean():.3f}")
    bins = np.linspace(0, 1, 6)
    print("calibration (out of fold): predicted -> observed")
    for lo, hi in itertools.pairwise(bins):
        sel = (oof >= lo) & (oof < hi if hi < 1 else oof <= hi)
        if sel.any():
            print(f"  {lo:.1f}-{hi:.1f}: {oof[sel].mean():.3f} -> {y[sel].mean():.3f} "
                  f"(n={int(sel.sum())})")
    final = LogisticRegression(C=args.C, max_iter=2000).fit(z, y, sample_weight=w)
    limits = {f: round(float(np.quantile(x[(y == 0) & ~real, FEATURES.index(f)], 0.95)), 4)
              for f in DOC_FLAGS}
    held: dict[str, Any] = {}
    if back:
        yb = np.array([lab for _, lab, _ in back])
        pb = final.predict_proba((np.array([f for _, _, f in back]) - mean) / scale)[:, 1]
        fb = pb >= threshold
        held = {"pages": len(yb), "auc": round(float(roc_auc_score(yb, pb)), 4),
                "recall": round(float(fb[yb == 1].mean()), 4),
                "false_flags": round(float(fb[yb == 0].mean()), 4)}
        print(f"held-back real (never fitted): {held}")
    for name, w in sorted(zip(FEATURES, final.coef_[0], strict=True), key=lambda t: -abs(t[1])):
        print(f"  {name:20s} {w:+.3f}")
    model = {
        "schema": SCHEMA,
        "version": f"{date.today().isoformat()}.seed{args.seed}",
        "trained_on": {"invented_clusters": args.invented, "reuters_clusters": args.reuters,
                       "real_pages": int(real.sum()), "real_weight": args.real_weight,
                       "pages": len(y), "positives": "spun, translated",
                       "negatives": "originals, same-story"},
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in final.coef_[0]],
        "intercept": round(float(final.intercept_[0]), 6),
        "threshold": round(threshold, 6),
        "flag_limits": limits,
        "out_of_fold": {"auc": round(float(roc_auc_score(y[~real], oof[~real])), 4),
                        "recall": round(float(flagged[(y == 1) & ~real].mean()), 4),
                        "false_flags": round(float(flagged[(y == 0) & ~real].mean()), 4),
                        **({"real_auc": round(float(roc_auc_score(y[real], oof[real])), 4)}
                           if real.any() else {})},
        **({"held_back_real": held} if held else {}),
    }
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
