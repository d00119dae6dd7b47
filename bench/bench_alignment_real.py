"""Alignment and verdicts on real reuse data: how well copied text separates from the rest.

    python3 bench/bench_alignment_real.py [--data DIR] [--limit N]

Two labelled sets under the shared data folder (read at run time, never copied here; see
each SOURCE.md):

* Clough & Stevenson short answers: 95 answers to 5 questions, labelled cut (near copy),
  light, heavy (paraphrase) or non (written independently), each aligned with the Wikipedia
  text of its question.
* PAN 2025 generated plagiarism sample: LLM-rewritten arXiv paragraphs (prompt simple,
  medium or hard) aligned with their source paragraph; negatives are the same candidate
  paragraphs against another source paragraph of the same paper pair ("mismatched") and
  the "altered" paragraphs (rewritten, no source) against every source paragraph of their
  case, keeping the best.

Printed per level: query coverage and passage similarity (quartiles), verdict counts,
and the separation of copied from non-copied as ROC AUC, for unspun's coverage and for a
peer measured in the same run (difflib's ratio over the same tokens), with the time per
pair of each.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from unspun.align import align_prepared, prepare
from unspun.forensics import analyze, analyze_prepared
from unspun.ingest.assemble import build_article
from unspun.model import COPY_VERDICTS, Analysis, Article
from unspun.text.normalize import normalize_paragraph
from unspun.text.tokens import words

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@dataclass(slots=True)
class Row:
    dataset: str
    level: str
    copied: bool
    coverage: float
    similarity: float
    verdict: str
    peer: float
    seconds: float
    peer_seconds: float


def _article(text: str) -> Article:
    # blank lines separate paragraphs; single newlines are hard wrapping inside one
    paras = [normalize_paragraph(p) for p in text.replace("\r\n", "\n").split("\n\n")]
    return build_article([("body", p) for p in paras if p])


def _measure(dataset: str, level: str, copied: bool, query: str, source: str) -> Row:
    q, s = _article(query), _article(source)
    t0 = time.perf_counter()
    an = analyze(q, s)
    t1 = time.perf_counter()
    peer = difflib.SequenceMatcher(None, words(q.text), words(s.text), autojunk=False).ratio()
    t2 = time.perf_counter()
    return Row(dataset, level, copied, an.evidence.query_coverage, _weighted_similarity(an, q),
               an.verdict, peer, t1 - t0, t2 - t1)


def _weighted_similarity(an: Analysis, q: Article) -> float:
    """Passage similarity weighted by the share of the query each passage spans."""
    n = len(q.text) or 1
    return sum(p.similarity * (p.q_end - p.q_start) for p in an.passages) / n


def clough(data: Path, limit: int | None) -> list[Row]:
    base = data / "clough-stevenson-short-answers"
    sources = {r["id"]: r["text"] for r in _jsonl(base / "sources.jsonl")}
    rows = []
    for r in list(_jsonl(base / "answers.jsonl"))[:limit]:
        level = r["category"]
        rows.append(_measure("clough", level, level != "non", r["text"], sources[r["source_id"]]))
    return rows


def pan(data: Path, limit: int | None) -> list[Row]:
    base = data / "pan25-generated-plagiarism-sample"
    pairs = list(_jsonl(base / "paragraph_pairs.jsonl"))
    by_case: dict[str, list[dict[str, str]]] = defaultdict(list)
    for p in pairs:
        if p["source_text"]:
            by_case[p["case_id"]].append(p)
    rng = random.Random(0)
    rows = []
    for p in pairs[:limit]:
        case_sources = by_case.get(p["case_id"], [])
        if p["paragraph_type"] == "plagiarism" and p["source_text"]:
            rows.append(_measure("pan25", p["prompt_type"], True, p["candidate_text"],
                                 p["source_text"]))
            others = [o for o in case_sources
                      if o["source_paragraph_id"] != p["source_paragraph_id"]]
            if others:
                o = rng.choice(others)
                rows.append(_measure("pan25", "mismatched", False, p["candidate_text"],
                                     o["source_text"]))
        elif p["paragraph_type"] == "altered" and case_sources:
            seen: set[str] = set()
            best: Row | None = None
            for o in case_sources:
                if o["source_paragraph_id"] in seen:
                    continue
                seen.add(o["source_paragraph_id"])
                row = _measure("pan25", "altered", False, p["candidate_text"], o["source_text"])
                key = (row.coverage, row.similarity)
                if best is None or key > (best.coverage, best.similarity):
                    best = row
            if best is not None:
                rows.append(best)
    return rows


def _jsonl(path: Path) -> Iterable[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def auc(pos: list[float], neg: list[float]) -> float:
    """ROC AUC by Mann-Whitney: the chance a copied pair scores above a non-copied one."""
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def _quartiles(xs: list[float]) -> str:
    if not xs:
        return "-"
    s = sorted(xs)
    n = len(s)
    return "/".join(f"{s[min(n - 1, int(k * n))]:.2f}" for k in (0.0, 0.25, 0.5, 0.75)) + \
        f"/{s[-1]:.2f}"


def report(rows: list[Row], dataset: str) -> None:
    rs = [r for r in rows if r.dataset == dataset]
    if not rs:
        return
    print(f"\n== {dataset}: {len(rs)} pairs")
    print(f"{'level':11s} {'n':>4s}  {'coverage min/q1/med/q3/max':28s} "
          f"{'similarity min/q1/med/q3/max':28s} copy-verdicts  verdicts")
    levels = sorted({r.level for r in rs}, key=lambda lv: (not any(
        r.copied for r in rs if r.level == lv), lv))
    for lv in levels:
        g = [r for r in rs if r.level == lv]
        copies = sum(r.verdict in COPY_VERDICTS for r in g)
        verdicts = ", ".join(f"{k} {v}" for k, v in Counter(r.verdict for r in g).most_common())
        print(f"{lv:11s} {len(g):4d}  {_quartiles([r.coverage for r in g]):28s} "
              f"{_quartiles([r.similarity for r in g]):28s} {copies:3d}/{len(g):<4d}      "
              f"{verdicts}")
    neg = [r for r in rs if not r.copied]
    print(f"ROC AUC copied vs non-copied ({len(neg)} negatives): "
          "unspun coverage | unspun similarity | difflib ratio (peer)")
    for lv in [lv for lv in levels if any(r.copied for r in rs if r.level == lv)] + ["all"]:
        pos = [r for r in rs if r.copied and (lv == "all" or r.level == lv)]
        cov = auc([r.coverage for r in pos], [r.coverage for r in neg])
        sim = auc([r.similarity for r in pos], [r.similarity for r in neg])
        peer = auc([r.peer for r in pos], [r.peer for r in neg])
        print(f"  {lv:9s} n={len(pos):3d}  {cov:.3f}            | {sim:.3f}             | "
              f"{peer:.3f}")
    pos = [r for r in rs if r.copied]
    tp = sum(r.verdict in COPY_VERDICTS for r in pos)
    fp = sum(r.verdict in COPY_VERDICTS for r in neg)
    print(f"copy verdicts: {tp}/{len(pos)} copied pairs (recall {tp / max(1, len(pos)):.2f}), "
          f"{fp}/{len(neg)} non-copied pairs (false copy rate {fp / max(1, len(neg)):.2f})")
    ours = sum(r.seconds for r in rs) / len(rs)
    peer = sum(r.peer_seconds for r in rs) / len(rs)
    print(f"time per pair: unspun analyze {ours * 1000:.1f} ms, difflib ratio "
          f"{peer * 1000:.2f} ms (ratio {ours / peer if peer else float('nan'):.1f}x)")


def speed(data: Path, n: int = 24) -> None:
    """Time per pair on ~1,000-word news articles (BBC), each prepared once and aligned
    with every other: unspun's align and full analysis beside difflib on the same tokens."""
    path = data / "bbc-news" / "articles.jsonl"
    if not path.is_file():
        return
    arts: list[Article] = []
    for r in _jsonl(path):
        if 800 <= len(r["body"].split()) <= 1300:
            paras = [("headline", r["title"])] + [("body", p) for p in r["body"].split("\n\n")]
            arts.append(build_article(paras))  # type: ignore[arg-type]
        if len(arts) >= n:
            break
    t0 = time.perf_counter()
    prepared = [prepare(a) for a in arts]
    t_prep = (time.perf_counter() - t0) / len(arts)
    pairs = [(i, j) for i in range(len(arts)) for j in range(len(arts)) if i != j]
    t0 = time.perf_counter()
    for i, j in pairs:
        align_prepared(prepared[i], prepared[j])
    t_align = (time.perf_counter() - t0) / len(pairs)
    t0 = time.perf_counter()
    for i, j in pairs:
        analyze_prepared(arts[i], arts[j], prepared[i], prepared[j])
    t_an = (time.perf_counter() - t0) / len(pairs)
    toks = [words(a.text) for a in arts]
    t0 = time.perf_counter()
    for i, j in pairs:
        difflib.SequenceMatcher(None, toks[i], toks[j], autojunk=False).ratio()
    t_peer = (time.perf_counter() - t0) / len(pairs)
    t0 = time.perf_counter()
    for p in prepared:
        align_prepared(p, p)
    t_self = (time.perf_counter() - t0) / len(prepared)
    mean_words = sum(len(t) for t in toks) / len(toks)
    print(f"\n== speed: {len(arts)} BBC articles of {mean_words:.0f} words on average, "
          f"{len(pairs)} ordered pairs")
    print(f"prepare {t_prep * 1000:.1f} ms/article; align_prepared {t_align * 1000:.2f} ms/pair "
          f"(an article with itself: {t_self * 1000:.1f} ms); analyze_prepared "
          f"{t_an * 1000:.2f} ms/pair; difflib ratio (peer) {t_peer * 1000:.2f} ms/pair "
          f"(align/difflib {t_align / t_peer:.2f}x)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, default=None, help="at most N items per dataset")
    args = ap.parse_args()
    rows = clough(args.data, args.limit) + pan(args.data, args.limit)
    report(rows, "clough")
    report(rows, "pan25")
    speed(args.data)


if __name__ == "__main__":
    main()
