#!/usr/bin/env python3
"""How the machine-rewriting score holds outside its training data (checked, never fitted).

    python bench/inspect_real.py [--real /tmp/rd.jsonl] [--generated N] [--bbc N] [--json FILE]

Scores every page with the shipped model (`unspun.inspection`, page alone, no library) and
reports the AUC of spun + translated copies against originals and independent reports, and the
precision and recall at the model's threshold, on:

- the real dev set (`--real`: real-news-dev with its texts rebuilt locally by
  `scripts/real_dev_texts.py`; never in the repo);
- a generated benchmark the model was not fitted on (another seed of the generator);
- BBC News originals against generated spun and translated copies of them (the model was
  fitted on invented events and Reuters-21578, never on BBC text); and the false-flag rate
  of the BBC originals themselves and of the Clough-Stevenson answers and sources (human
  writing: a real newsroom's or a person's text must score low).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from unspun.corpus import BenchOptions, generate_clusters
from unspun.ingest import article_from_record
from unspun.inspection.run import inspect_article
from unspun.inspection.score import load_model
from unspun.options import AS_IS

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
POSITIVE = frozenset({"spun", "translated"})


def score_of(rec: dict[str, Any]) -> tuple[float, list[str]]:
    body = rec.get("text") or rec.get("body") or ""
    a = article_from_record({"title": rec.get("title") or "", "text": body,
                             "url": rec.get("url")}, AS_IS)
    ins = inspect_article(a, None)
    return ins.score, sorted({f.kind for f in ins.flags})


def auc(pos: list[float], neg: list[float]) -> float:
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def summary(name: str, rows: list[tuple[str, float, list[str]]], threshold: float
            ) -> dict[str, Any]:
    """rows: (kind, score, flag kinds); positives are spun/translated, negatives
    original/same-story; other kinds are reported but left out of the AUC."""
    pos = [s for k, s, _ in rows if k in POSITIVE]
    neg = [s for k, s, _ in rows if k in ("original", "same-story")]
    tp = sum(s >= threshold for s in pos)
    fp = sum(s >= threshold for s in neg)
    out: dict[str, Any] = {
        "set": name, "positives": len(pos), "negatives": len(neg),
        "auc": round(auc(pos, neg), 4),
        "recall": round(tp / len(pos), 4) if pos else None,
        "precision": round(tp / (tp + fp), 4) if tp + fp else None,
        "false_flag_rate": round(fp / len(neg), 4) if neg else None,
        "by_kind": {},
    }
    for kind in sorted({k for k, _, _ in rows}):
        ss = [s for k, s, _ in rows if k == kind]
        out["by_kind"][kind] = {"n": len(ss), "flagged": round(sum(s >= threshold for s in ss)
                                                              / len(ss), 4),
                                "mean_score": round(sum(ss) / len(ss), 4)}
    print(f"{name}: AUC {out['auc']} ({len(pos)} rewritten vs {len(neg)} not); at threshold "
          f"{threshold:.3f}: recall {out['recall']}, precision {out['precision']}, "
          f"false flags {out['false_flag_rate']}")
    for kind, v in out["by_kind"].items():
        print(f"   {kind:12s} n={v['n']:5d} flagged {v['flagged']:.3f} mean {v['mean_score']:.3f}")
    return out


def cluster_rows(clusters: list[dict[str, Any]]) -> list[tuple[str, float, list[str]]]:
    rows: list[tuple[str, float, list[str]]] = []
    for c in clusters:
        docs = [("original", c["original"])]
        docs += [(str(x.get("kind")), x) for x in c.get("copies") or []]
        docs += [("same-story", d) for d in c.get("distractors") or []]
        for kind, rec in docs:
            if rec.get("text"):
                s, flags = score_of(rec)
                rows.append((kind, s, flags))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--real", type=Path, default=Path("/tmp/rd.jsonl"))
    ap.add_argument("--generated", type=int, default=200)
    ap.add_argument("--bbc", type=int, default=300)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    model = load_model()
    t = model.threshold
    report: dict[str, Any] = {"model": model.version, "threshold": t, "sets": []}
    start = time.perf_counter()
    if args.real.is_file():
        real = [json.loads(x) for x in args.real.read_text(encoding="utf-8").splitlines() if x]
        rows = cluster_rows(real)
        report["sets"].append(summary(f"real-news-dev ({len(real)} clusters)", rows, t))
        flagged = [(k, s, f) for k, s, f in rows if s >= t and k in ("original", "same-story")]
        for k, s, f in flagged:
            print(f"   false flag: {k} score {s:.3f} flags {f}")
    else:
        print(f"{args.real}: not found (rebuild it with scripts/real_dev_texts.py)")
    gen = [c.to_json() for c in generate_clusters(BenchOptions(seed=7, clusters=args.generated))]
    report["sets"].append(summary(f"generated benchmark (seed 7, {args.generated} clusters, "
                                  f"all kinds)", cluster_rows(gen), t))
    bbc = DATA / "bbc-news" / "articles.jsonl"
    if bbc.is_file() and args.bbc:
        made = [c.to_json() for c in generate_clusters(BenchOptions(
            seed=7, clusters=args.bbc, kinds=("spun", "translated"), source=str(bbc),
            corpus_distractors=0))]
        report["sets"].append(summary(f"BBC News originals vs generated copies of them "
                                      f"({args.bbc})", cluster_rows(made), t))
        every = [json.loads(x) for x in bbc.read_text(encoding="utf-8").splitlines() if x]
        scores = [score_of(r)[0] for r in every]
        rate = sum(s >= t for s in scores) / len(scores)
        print(f"BBC News, every original ({len(scores)}): false-flag rate {rate:.4f}")
        report["bbc_false_flag_rate"] = {"n": len(scores), "rate": round(rate, 4)}
    cs = DATA / "clough-stevenson-short-answers"
    if cs.is_dir():
        recs = [json.loads(x) for f in ("answers.jsonl", "sources.jsonl")
                for x in (cs / f).read_text(encoding="utf-8").splitlines() if x]
        by: dict[str, list[float]] = {}
        for r in recs:
            by.setdefault(str(r.get("category", "source")), []).append(score_of(r)[0])
        print("Clough-Stevenson (human writing; none is machine-rewritten): flagged share")
        report["clough_stevenson"] = {}
        for k, ss in sorted(by.items()):
            rate = sum(s >= t for s in ss) / len(ss)
            print(f"   {k:8s} n={len(ss):3d} flagged {rate:.3f} mean {sum(ss) / len(ss):.3f}")
            report["clough_stevenson"][k] = {"n": len(ss), "flagged": round(rate, 4)}
    print(f"({time.perf_counter() - start:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
