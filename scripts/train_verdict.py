#!/usr/bin/env python3
"""Fit the copy decision (src/unspun/forensics/copy_model.json) and report how it holds.

    python scripts/train_verdict.py [--real FILE] [--generated N] [--out FILE] [--report FILE]

Pairs (query, candidate, label, group) come from:
- generated clusters (`unspun bench make`'s generator, plus real-like variants made here:
  both texts cut to a ~2,000-character page excerpt, and *template twins*: the original
  with its names and numbers replaced, which is another event told in the same words and
  a negative);
- scored, not fitted on: Reuters-21578 near-duplicate pairs whose titles and figures differ
  (meant as one wire template filled for two companies or weeks, but the heuristic also
  catches real updates of one story) and Clough-Stevenson short answers (cut / light / heavy
  revision of a source against independently written answers: student answers, not news);
- the real news clusters of `--real` (real-news-dev with its texts rebuilt locally; never in
  the repo): copy -> original positive; distractor <-> original or copy, both directions,
  negative, and distractor <-> distractor. Clusters whose number is divisible by 3 are held
  back: never fitted on, scored once at the end. Pairs the template check vetoes are decided
  by it, whatever the model says: they are counted apart, not fitted.

Model: standardised features, L2 logistic regression (scikit-learn) whose weights all point
the way `features.FEATURE_SIGNS` allows (a feature fitted against its sign is dropped and the
rest refitted, one at a time; `--free-signs` turns this off), cross-validated by
group (a cluster never has pairs on both sides of a fold), Platt-calibrated on the
out-of-fold scores; the threshold is the lowest probability at which at most `--max-fpr` of
the independent same-story pairs of each source (real, generated, BBC-based) and
`--max-template` of the template twins are called copies out of fold. Real pairs weigh
`--real-weight` times a generated pair. Everything printed is out-of-fold or held back.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import multiprocessing
import random
import re
import sys
import tempfile
import zlib
from collections import Counter, defaultdict
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from unspun.corpus import BenchOptions, generate_clusters, write_clusters
from unspun.errors import InputError
from unspun.eval.clusters import held_back, read_clusters, to_article
from unspun.forensics import pair_inputs
from unspun.forensics.copymodel import SCHEMA
from unspun.forensics.features import FEATURE_SIGNS, FEATURES

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
EXCERPT = 2000
# (query record, candidate record, label, group, source, kind)
Pair = tuple[dict[str, Any], dict[str, Any], int, str, str, str]


def excerpt(rec: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The record as a search excerpt shows a page: its first ~2,000 characters."""
    text = rec.get("text") or ""
    n = rng.randint(int(EXCERPT * 0.7), int(EXCERPT * 1.1))
    if len(text) <= n:
        return rec
    cut = text.rfind(" ", 0, n)
    return {**rec, "text": text[: cut if cut > 0 else n]}


_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{2,}")
_NUM = re.compile(r"\b\d[\d,.]*\b")


def template_twin(rec: dict[str, Any], pool: list[str], rng: random.Random) -> dict[str, Any]:
    """The same wording about other names and numbers: each name (a capitalised word inside a
    sentence) and each number replaced, consistently at every mention."""
    text = rec.get("text") or ""
    names = {m.group() for m in _NAME.finditer(text)}
    choices = [p for p in pool if p not in names] or ["Northfield"]
    nmap = {n: rng.choice(choices) for n in sorted(names)}  # sorted: the same twin every run
    text = _NAME.sub(lambda m: nmap.get(m.group(), m.group()), text)
    nums: dict[str, str] = {}

    def num(m: re.Match[str]) -> str:
        v = m.group()
        if v not in nums:
            nums[v] = str(rng.randint(2, 990)) if len(v) < 4 else str(rng.randint(1000, 99000))
        return nums[v]

    text = _NUM.sub(num, text)
    title = _NAME.sub(lambda m: nmap.get(m.group(), m.group()), rec.get("title") or "")
    return {**rec, "text": text, "title": title, "url": (rec.get("url") or "") + "#twin"}


def generated_pairs(n: int, seed: int, rng: random.Random, prefix: str = "g",
                    source: str | None = None) -> list[Pair]:
    out: list[Pair] = []
    with tempfile.TemporaryDirectory() as tmp:
        opts = BenchOptions(seed=seed, clusters=n, source=source)
        write_clusters(generate_clusters(opts), Path(tmp))
        clusters = read_clusters(Path(tmp) / "clusters.jsonl")
    pool = sorted({m.group() for c in clusters for m in _NAME.finditer(c["original"]["text"])})
    for c in clusters:
        g = f"{prefix}:{c['cluster_id']}"
        o = c["original"]
        cut = rng.random() < 0.5  # half the clusters as page excerpts
        oo = excerpt(o, rng) if cut else o
        for cp in c.get("copies") or []:
            out.append((excerpt(cp, rng) if cut else cp, oo, 1, g, prefix, cp.get("kind") or ""))
        for d in c.get("distractors") or []:
            dd = excerpt(d, rng) if cut else d
            out.append((dd, oo, 0, g, prefix, "same-story"))
            out.append((oo, dd, 0, g, prefix, "same-story"))
        twin = template_twin(o, pool, rng)
        out.append((twin, o, 0, g, prefix, "template"))
    return out


@cache
def reuters_articles() -> dict[str, dict[str, Any]]:
    """Reuters-21578's articles by newid (read once: both kinds of Reuters pairs use them);
    empty when the data set is not beside the repo."""
    path = DATA / "reuters-21578" / "articles.jsonl"
    if not path.exists():
        return {}
    arts: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            arts[str(a["newid"])] = a
    return arts


def reuters_template_pairs(limit: int, rng: random.Random) -> list[Pair]:
    """Reuters near-duplicate pairs whose titles name different things: one template, two
    events (dividend notices of two companies, weekly reports of two weeks)."""
    base = DATA / "reuters-21578"
    if not (base / "near_duplicate_pairs.tsv").exists():
        return []
    arts = reuters_articles()
    out: list[Pair] = []
    rows = (base / "near_duplicate_pairs.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for row in rows:
        a, b, jac = row.split("\t")
        x, y = arts.get(a), arts.get(b)
        if not x or not y or float(jac) >= 0.95:
            continue
        tx, ty = set(_words(x.get("title", ""))), set(_words(y.get("title", "")))
        nx, ny = set(_NUM.findall(x.get("body") or "")), set(_NUM.findall(y.get("body") or ""))
        # another company or week: titles differ in a word, and the figures differ
        if tx == ty or not (tx ^ ty) or nx == ny:
            continue
        rx = {"title": x.get("title"), "text": x.get("body"), "url": f"reuters:{a}"}
        ry = {"title": y.get("title"), "text": y.get("body"), "url": f"reuters:{b}"}
        out.append((rx, ry, 0, f"r:{min(a, b)}", "reuters", "template"))
    rng.shuffle(out)
    return out[:limit]


_TICKER = re.compile(r"<([A-Z][A-Z0-9]*)(?:\.[A-Z]+)?>")


def tickers(title: str) -> frozenset[str]:
    """The company tickers a Reuters headline names (`<PARC>` and `<PARC.O>` are one)."""
    return frozenset(_TICKER.findall(title or ""))


def _shingles(body: str) -> set[int]:
    # figures masked, so one template filled with other figures still matches itself
    words = re.sub(r"\d[\d,.]*", "#", body.lower()).split()
    # (crc32, not hash(): str hashes change from run to run, and the sample must not)
    return {zlib.crc32(" ".join(words[i:i + 4]).encode()) for i in range(max(0, len(words) - 3))}


def reuters_slot_pairs(limit: int, rng: random.Random, parity: int,
                       min_jaccard: float = 0.1, per_shingle: int = 40) -> list[Pair]:
    """Reuters items of *different companies* told in one template (headline tickers
    disjoint; bodies alike, figures masked: word 4-gram Jaccard >= `min_jaccard`): one
    dividend notice, crude-price posting or debt filing filled for two companies, which
    is two events. Only items whose newid has `parity` (0 even, 1 odd), so that pairs of
    the other half stay out of the fit."""
    arts = {k: a for k, a in reuters_articles().items()
            if int(k) % 2 == parity and tickers(a.get("title", ""))
            and (a.get("body") or "").strip()}
    if not arts:
        return []
    sh = {k: _shingles(a["body"]) for k, a in arts.items()}
    index: dict[int, list[str]] = defaultdict(list)
    for k in sorted(sh):
        for s in sh[k]:
            index[s].append(k)
    seen: set[tuple[str, str]] = set()
    for s in sorted(index):
        docs = index[s]
        # a template's shared lines are in hundreds of items: a sample of them is enough
        docs = docs if len(docs) <= per_shingle else rng.sample(docs, per_shingle)
        for i, a in enumerate(docs):
            for b in docs[i + 1:]:
                seen.add((min(a, b), max(a, b)))
    out: list[Pair] = []
    for a, b in sorted(seen):
        x, y = arts[a], arts[b]
        if tickers(x["title"]) & tickers(y["title"]):
            continue
        inter = len(sh[a] & sh[b])
        if not inter or inter / len(sh[a] | sh[b]) < min_jaccard:
            continue
        rx = {"title": x["title"], "text": x["body"], "url": f"reuters:{a}"}
        ry = {"title": y["title"], "text": y["body"], "url": f"reuters:{b}"}
        out.append((rx, ry, 0, f"rs:{a}", "reuters-slots", "template"))
    rng.shuffle(out)
    return out[:limit]


def _words(s: str) -> list[str]:
    return re.findall(r"[a-z]{3,}", (s or "").lower())


def clough_pairs() -> list[Pair]:
    base = DATA / "clough-stevenson-short-answers"
    if not (base / "answers.jsonl").exists():
        return []
    src = {}
    for line in (base / "sources.jsonl").read_text(encoding="utf-8").splitlines():
        s = json.loads(line)
        src[s["id"]] = {"title": s.get("question"), "text": s["text"], "url": s["id"]}
    out: list[Pair] = []
    for line in (base / "answers.jsonl").read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        s = src.get(a["source_id"])
        if s is None:
            continue
        rec = {"title": a.get("question"), "text": a["text"], "url": a["id"]}
        label = 0 if a["category"] == "non" else 1
        out.append((rec, s, label, f"cs:{a['person']}", "clough", a["category"]))
    return out


def real_pairs(path: Path) -> tuple[list[Pair], list[Pair]]:
    fit: list[Pair] = []
    back: list[Pair] = []
    for c in read_clusters(path):
        cid = str(c["cluster_id"])
        g = f"real:{cid}"
        o = c["original"]
        pairs: list[Pair] = []
        copies = c.get("copies") or []
        for cp in copies:
            pairs.append((cp, o, 1, g, "real", cp.get("kind") or ""))
        distractors = c.get("distractors") or []
        for n, d in enumerate(distractors):
            kind = "hard" if d.get("hard") else "same-story"
            pairs.append((d, o, 0, g, "real", kind))
            pairs.append((o, d, 0, g, "real", kind))
            for cp in copies:
                pairs.append((d, cp, 0, g, "real", kind))
                pairs.append((cp, d, 0, g, "real", kind))
            # two independent reports are not copies of each other either (`unspun eval
            # clusters` counts a distractor called a copy of anything)
            for e in distractors[n + 1:]:
                pairs.append((d, e, 0, g, "real", "same-story"))
                pairs.append((e, d, 0, g, "real", "same-story"))
        (back if held_back(cid) else fit).extend(pairs)
    return fit, back


def _feat(pair: Pair) -> tuple[tuple[float, ...], bool] | None:
    try:
        return pair_inputs(to_article(pair[0]), to_article(pair[1]))
    except InputError:  # a record the reader refuses is left out, not fatal
        return None


def featurise(pairs: list[Pair], workers: int) -> tuple[list[Pair], np.ndarray, np.ndarray]:
    """The pairs the reader accepts, their feature rows, and whether the template check
    vetoes each (then the model's call does not count)."""
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(workers) as pool:
        feats = pool.map(_feat, pairs, chunksize=16)
    kept = [(p, f) for p, f in zip(pairs, feats, strict=True) if f is not None]
    return ([p for p, _ in kept], np.array([f[0] for _, f in kept], dtype=float),
            np.array([f[1] for _, f in kept], dtype=bool))


class Fitted:
    """A standardised logistic model over every feature; dropped features weigh 0."""

    def __init__(self, mean: np.ndarray, scale: np.ndarray, coef: np.ndarray,
                 intercept: float, dropped: list[str]) -> None:
        self.mean, self.scale, self.coef, self.intercept = mean, scale, coef, intercept
        self.dropped = dropped

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        return np.asarray(((X - self.mean) / self.scale) @ self.coef + self.intercept)


def fit(X: np.ndarray, y: np.ndarray, w: np.ndarray, c: float, signs: bool = True) -> Fitted:
    """L2 logistic regression (scikit-learn). With `signs`, every weight points the way
    `FEATURE_SIGNS` allows: refit without the feature whose weight most contradicts its
    sign until none does."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(X)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    Z = (X - scaler.mean_) / scale
    allowed = np.array([FEATURE_SIGNS[f] for f in FEATURES])
    active = list(range(len(FEATURES)))
    while True:
        lr = LogisticRegression(C=c, max_iter=5000).fit(Z[:, active], y, sample_weight=w)
        wrong = [(-lr.coef_[0][k] * allowed[j], j) for k, j in enumerate(active)
                 if lr.coef_[0][k] * allowed[j] < 0]
        if not signs or not wrong:
            break
        active.remove(max(wrong)[1])
    coef = np.zeros(len(FEATURES))
    coef[active] = lr.coef_[0]
    dropped = [FEATURES[j] for j in range(len(FEATURES)) if j not in active]
    return Fitted(scaler.mean_, scale, coef, float(lr.intercept_[0]), dropped)


def out_of_fold(X: np.ndarray, y: np.ndarray, w: np.ndarray, groups: list[str], c: float,
                folds: int, signs: bool = True) -> np.ndarray:
    from sklearn.model_selection import GroupKFold

    z = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=folds).split(X, y, groups):
        m = fit(X[tr], y[tr], w[tr], c, signs)
        z[te] = m.decision_function(X[te])
    return z


def platt(z: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e6, max_iter=1000).fit(z.reshape(-1, 1), y, sample_weight=w)
    return float(lr.coef_[0][0]), float(lr.intercept_[0])


def choose_threshold(p: np.ndarray, y: np.ndarray, pairs: list[Pair], max_fpr: float,
                     max_template: float = 1.0) -> float:
    """The lowest threshold at which at most `max_fpr` of the independent same-story pairs
    are called copies out of fold, counted separately for each source of pairs (real,
    generated, BBC-based: each must hold), and at most `max_template` of the template twins
    the template check lets through (another event in the same words)."""
    neg = y == 0
    source = np.array([pp[4] for pp in pairs])
    twin = np.array([pp[5] == "template" for pp in pairs])
    limits = [(neg & (source == src) & ~twin, max_fpr) for src in sorted(set(source))]
    limits.append((neg & twin, max_template))
    for t in np.round(np.arange(0.05, 0.99, 0.01), 2):
        if all(float((p[m] >= t).mean()) <= limit for m, limit in limits if m.any()):
            return float(t)
    return 0.99


def rates(p: np.ndarray, pairs: list[Pair], t: float) -> dict[str, dict[str, Any]]:
    """Share called a copy, by (source, kind), at threshold t."""
    acc: dict[str, list[int]] = defaultdict(list)
    for pi, pair in zip(p, pairs, strict=True):
        acc[f"{pair[4]}/{pair[5] or '-'}"].append(int(pi >= t))
    return {k: {"n": len(v), "copy_rate": round(sum(v) / len(v), 3)}
            for k, v in sorted(acc.items())}


def reliability(p: np.ndarray, y: np.ndarray, bins: int = 10) -> list[dict[str, float]]:
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        m = (p >= lo) & ((p < hi) if b < bins - 1 else (p <= hi))
        if m.sum():
            out.append({"lo": lo, "hi": hi, "n": int(m.sum()), "mean_p": float(p[m].mean()),
                        "copy_rate": float(y[m].mean())})
    return out


def plot_reliability(bins: list[dict[str, float]], t: float, path: Path) -> None:
    """Predicted copy probability against the observed share of copies, out of fold."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4.8, 4.2), dpi=110)
    ax.plot([0, 1], [0, 1], ls="--", c="grey", lw=1, label="perfect calibration")
    ax.plot([b["mean_p"] for b in bins], [b["copy_rate"] for b in bins], "o-", c="C0",
            label="out-of-fold pairs")
    for b in bins:
        ax.annotate(str(b["n"]), (b["mean_p"], b["copy_rate"]), textcoords="offset points",
                    xytext=(4, -10), fontsize=7)
    ax.axvline(t, c="C3", lw=1, label=f"threshold {t:.2f}")
    ax.set_xlabel("predicted copy probability")
    ax.set_ylabel("observed share of copies")
    ax.set_title("Copy decision: reliability (n per bin)", fontsize=10)
    ax.legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    fig.savefig(path)


def _auc_of(y: np.ndarray, p: np.ndarray, mask: list[bool]) -> float | None:
    from sklearn.metrics import roc_auc_score

    m = np.array(mask)
    if not m.any() or len(set(y[m])) < 2:
        return None
    return round(float(roc_auc_score(y[m], p[m])), 4)


def _portable(arg: str) -> str:
    """An argument as the model file records it: paths outside the repo as PATH/<name>
    (they are this machine's, like the rebuilt real-news-dev texts)."""
    p = Path(arg)
    if not p.is_absolute():
        return arg
    try:
        return str(p.relative_to(ROOT))
    except ValueError:
        return f"PATH/{p.name}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_real = DATA / "real-news-dev" / "clusters.jsonl"
    ap.add_argument("--real", type=Path, default=default_real if default_real.exists() else None,
                    help="real-news-dev clusters WITH texts (rebuilt locally; see its README)")
    ap.add_argument("--generated", type=int, default=160, help="generated clusters (invented)")
    ap.add_argument("--bbc", type=int, default=40, help="generated clusters from BBC originals")
    ap.add_argument("--reuters", type=int, default=300,
                    help="Reuters template pairs to score (not fitted on)")
    ap.add_argument("--reuters-slots", type=int, default=1000,
                    help="Reuters pairs of different companies in one template to fit on "
                    "(even newids; as many of the odd ones are scored, not fitted)")
    ap.add_argument("--seed", type=int, default=20261202)
    ap.add_argument("--real-weight", type=float, default=30.0)
    ap.add_argument("--generated-negative-weight", type=float, default=1.0,
                    help="weight of a generated same-story pair: the generator's independent "
                    "renderings share far more structure than real independent reports do")
    ap.add_argument("--C", type=float, default=0.02, help="inverse L2 strength")
    ap.add_argument("--free-signs", action="store_true",
                    help="let weights take any sign (default: each feature only moves the "
                    "decision the way features.FEATURE_SIGNS says, or is dropped)")
    ap.add_argument("--folds", type=int, default=5)
    # half the 1% budget: a traced verdict adds the wording rules' own calls and pairs of
    # two independent reports to the model's, and the 1% holds for what a user sees
    ap.add_argument("--max-fpr", type=float, default=0.005,
                    help="most independent same-story pairs called copies (out of fold)")
    ap.add_argument("--max-template", type=float, default=0.05,
                    help="most template twins (past the template check) called copies")
    ap.add_argument("--template-weight", type=float, default=10.0,
                    help="weight of a template twin in the fit")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", type=Path, default=ROOT / "src/unspun/forensics/copy_model.json")
    ap.add_argument("--report", type=Path, default=None, help="write the measures as JSON")
    ap.add_argument("--dump", type=Path, default=None,
                    help="write every fitted pair's out-of-fold probability as JSONL (source, "
                    "kind, group, label, p): keep it outside the repo")
    ap.add_argument("--plot", type=Path, default=None,
                    help="write a reliability plot (PNG; needs matplotlib)")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/unspun-train"),
                    help="feature cache (outside the repo: it is derived from third-party text)")
    args = ap.parse_args(argv)

    rng = random.Random(args.seed)
    pairs = generated_pairs(args.generated, args.seed, rng)
    bbc = DATA / "bbc-news" / "articles.jsonl"
    if args.bbc and bbc.exists():
        pairs += generated_pairs(args.bbc, args.seed + 1, rng, "bbc", str(bbc))
    # Reuters template pairs and Clough-Stevenson answers are scored, not fitted on: the
    # first are labelled by a heuristic (titles and figures differ) that also catches real
    # updates of one story, the second are short student answers, not news.
    scored_only = reuters_template_pairs(args.reuters, rng) + clough_pairs()
    # different companies' items from one template, labelled by their headline tickers:
    # fitted on the even half, scored on the odd half (never fitted)
    pairs += reuters_slot_pairs(args.reuters_slots, rng, 0)
    scored_only += [(*p[:4], "reuters-slots-back", p[5])
                    for p in reuters_slot_pairs(args.reuters_slots // 2, rng, 1)]
    back: list[Pair] = []
    if args.real:
        fit_real, back = real_pairs(args.real)
        pairs += fit_real
    back = back + scored_only
    print(f"pairs: {len(pairs)} to fit ({Counter(p[4] for p in pairs)}), "
          f"{len(back)} held back", file=sys.stderr)

    # the features depend on the texts and on the code that aligns and types them
    code = [f.read_text(encoding="utf-8") for f in sorted((ROOT / "src/unspun").glob("[af]*/*.py"))]
    key = hashlib.sha256(json.dumps([FEATURES, code, [(p[0].get("text"), p[1].get("text"), p[2])
                                                      for p in pairs + back]]).encode()
                         ).hexdigest()[:16]
    cache = args.cache / f"features-{key}.npz"
    if cache.exists():
        d = np.load(cache, allow_pickle=False)
        keep, X, veto = d["keep"].astype(bool), d["X"], d["veto"].astype(bool)
        allp = [p for p, k in zip(pairs + back, keep, strict=True) if k]
    else:
        allp, X, veto = featurise(pairs + back, args.workers)
        got = {id(p) for p in allp}
        keep = np.array([id(p) in got for p in pairs + back])
        args.cache.mkdir(parents=True, exist_ok=True)
        np.savez(cache, keep=keep, X=X, veto=veto)
    # the template check decides these pairs whatever the model says: count them apart,
    # and fit and choose the threshold on the pairs the model does decide
    vetoed: dict[str, int] = dict(Counter(f"{p[4]}/{p[5] or '-'}/{'copy' if p[2] else 'not'}"
                                          for p, v in zip(allp, veto, strict=True) if v))
    allp = [p for p, v in zip(allp, veto, strict=True) if not v]
    X = X[~veto]
    nfit = len(allp) - sum(1 for p in allp if p[4] in ("reuters", "clough", "reuters-slots-back")
                           or (p[4] == "real" and held_back(p[3].split(":", 1)[1])))
    fitp, backp = allp[:nfit], allp[nfit:]
    Xf, Xb = X[:nfit], X[nfit:]
    y = np.array([p[2] for p in fitp])
    w = np.array([args.real_weight if p[4] == "real"
                  else args.generated_negative_weight if p[2] == 0 and p[5] == "same-story"
                  else args.template_weight if p[5] == "template"
                  else 1.0 for p in fitp])
    groups = [p[3] for p in fitp]

    z = out_of_fold(Xf, y, w, groups, args.C, args.folds, not args.free_signs)
    # calibrated on the pairs as they come (unweighted), so the probability reads as a rate
    a, c = platt(z, y, np.ones(len(y)))
    p_oof = 1.0 / (1.0 + np.exp(-(a * z + c)))
    t = choose_threshold(p_oof, y, fitp, args.max_fpr, args.max_template)
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for pair, pi in zip(fitp, p_oof, strict=True):
                out.write(json.dumps({"source": pair[4], "kind": pair[5], "group": pair[3],
                                      "label": pair[2], "p": round(float(pi), 4)}) + "\n")
    final = fit(Xf, y, w, args.C, not args.free_signs)
    from sklearn.metrics import roc_auc_score

    report: dict[str, Any] = {
        "threshold": t,
        "vetoed_by_template_check": vetoed,
        "oof_auc": round(float(roc_auc_score(y, p_oof)), 4),
        "real_oof_auc": _auc_of(y, p_oof, [p[4] == "real" for p in fitp]),
        "oof_rates": rates(p_oof, fitp, t),
        "oof_reliability": reliability(p_oof, y),
    }
    if backp:
        zb = final.decision_function(Xb)
        pb = 1.0 / (1.0 + np.exp(-(a * zb + c)))
        report["held_back_rates"] = rates(pb, backp, t)
        yb = np.array([p[2] for p in backp])
        cs = np.array([p[4] == "clough" for p in backp])
        if cs.any() and len(set(yb[cs])) == 2:
            report["clough_auc"] = round(float(roc_auc_score(yb[cs], pb[cs])), 4)
    model = {
        "schema": SCHEMA,
        "version": f"{date.today().isoformat()}.{key[:6]}",
        "features": list(FEATURES),
        "mean": [round(float(v), 6) for v in final.mean],
        "scale": [round(float(v), 6) for v in final.scale],
        "coef": [round(float(v), 6) for v in final.coef],
        "intercept": round(final.intercept, 6),
        "calibration": {"a": round(a, 6), "c": round(c, 6)},
        "threshold": t,
        "trained_on": {k: v for k, v in Counter(p[4] for p in fitp).items()},
        "command": "python scripts/train_verdict.py " + " ".join(
            _portable(a) for a in (sys.argv[1:] if argv is None else argv)),
    }
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    if args.plot:
        plot_reliability(report["oof_reliability"], t, args.plot)
    text = json.dumps(report, indent=1)
    if args.report:
        args.report.write_text(text + "\n", encoding="utf-8")
    print(text)
    weights = sorted(zip(FEATURES, final.coef, strict=True), key=lambda t: -abs(t[1]))
    print("weights:", ", ".join(f"{n} {v:+.2f}" for n, v in weights if v), file=sys.stderr)
    print("dropped (fitted against its sign):", ", ".join(final.dropped) or "none",
          file=sys.stderr)
    return 0 if math.isfinite(t) else 1


if __name__ == "__main__":
    raise SystemExit(main())
