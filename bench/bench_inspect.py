#!/usr/bin/env python3
"""Latency of `unspun inspect` against a big library (names index included).

    python3 bench/bench_inspect.py [--size 100000] [--queries 200] [--library PATH [--reuse]]

Builds a synthetic library of `--size` articles (bench_retrieval's word-frequency model:
wordfreq's top English words drawn with Zipf weights, invented names and numbers) with
`Library.add` (which fills the names index as it goes), then inspects `--queries` pages in one
process, as the CLI and the server do per page: the library's names index and same-event
retrieval included (`inspect_article(page, library)`): copies of library articles spun with
invented names garbled by a letter, and the seed page when it is on this machine. Prints add
throughput, the names index's size, and inspect latency p50/p99 (and the page-alone part
alone). Other processes share this machine's cores: absolute times are noisy.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import numpy as np

from bench_retrieval import Vocabulary, _name, spin
from unspun.ingest import article_from_record
from unspun.inspection.run import inspect_article
from unspun.library import Library
from unspun.model import Article
from unspun.options import AS_IS

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_87680557906b6747.txt"


def records(n: int, vocab: Vocabulary, seed: int = 1) -> Iterator[dict[str, str]]:
    """bench_retrieval's synthetic articles, but with their names capitalised inside the
    sentences (a cast of five invented names per article, from 50,000, each in a first-name
    surname pair), as news text has them."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    people = [f"{_name(rng)} {_name(rng)}" for _ in range(50_000)]
    for i in range(n):
        cast = rng.sample(people, 5)
        paras = []
        for _ in range(rng.randint(3, 7)):
            idx = np.minimum(np.searchsorted(vocab.cdf, nrng.random(rng.randint(25, 55))),
                             len(vocab.words) - 1)
            ws = [vocab.words[j] for j in idx]
            for _ in range(rng.randint(1, 3)):
                ws.insert(rng.randrange(1, len(ws)), rng.choice(cast))
            if rng.random() < 0.6:
                ws.insert(rng.randrange(len(ws)), f"{rng.randint(2, 99_999):,}")
            text = " ".join(ws)
            paras.append(text[:1].upper() + text[1:] + ".")
        yield {"url": f"https://site{i % 500}.example/news/{i}",
               "title": " ".join([cast[0], *rng.choices(vocab.content, k=6)]),
               "published": f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}",
               "text": "\n\n".join(paras)}


def build(path: Path, size: int) -> float:
    vocab = Vocabulary()
    start = time.perf_counter()
    with Library.open(path) as lib:
        batch: list[Article] = []
        for rec in records(size, vocab):
            batch.append(article_from_record(rec))
            if len(batch) >= 2000:
                lib.add(batch)
                batch = []
        if batch:
            lib.add(batch)
    return size / (time.perf_counter() - start)


def queries(path: Path, n: int) -> list[Article]:
    vocab = Vocabulary()
    rng = random.Random(5)
    out: list[Article] = []
    with Library.open(path, readonly=True) as lib:
        total = len(lib)
        docs = rng.sample(range(1, total + 1), min(n, total))
        arts = lib.articles_by_doc(docs)
    for a in arts.values():
        text = spin(a.text, 0.3, vocab, rng)
        words = text.split(" ")
        for i, w in enumerate(words):  # garble one name by a letter
            if w[:1].isupper() and len(w) > 5 and i:
                words[i] = w[:-1]
                break
        out.append(article_from_record({"title": a.title, "text": " ".join(words)}, AS_IS))
    if SEED.exists():
        seed = SEED.read_text(encoding="utf-8")
        head, _, body = seed.partition("\n\n")
        out.append(article_from_record({"title": head, "text": body}, AS_IS))
    return out[:n]


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--library", type=Path)
    ap.add_argument("--reuse", action="store_true", help="use --library as it is")
    args = ap.parse_args()
    tmp = None
    if args.library is None:
        tmp = tempfile.TemporaryDirectory()
        args.library = Path(tmp.name) / "bench.db"
    if not (args.reuse and args.library.exists()):
        rate = build(args.library, args.size)
        print(f"built {args.size} articles: {rate:.0f} articles/s (names index included)")
    with Library.open(args.library, readonly=True) as lib:
        n = len(lib)
        rows = lib.conn.execute("SELECT COUNT(*) FROM names").fetchone()[0]
        keys = lib.conn.execute("SELECT COUNT(*) FROM name_keys").fetchone()[0]
    print(f"library: {n} articles; names index {rows} rows ({rows / n:.1f} per article), "
          f"{keys} spelling keys")
    pages = queries(args.library, args.queries)
    from unspun.library.names import rows_of

    t = time.perf_counter()
    for p in pages:
        rows_of(p)
    print(f"names index work at add: {1000 * (time.perf_counter() - t) / len(pages):.2f} ms "
          f"per article (its names and spelling keys)")
    full: list[float] = []
    alone: list[float] = []
    garbled = 0
    with Library.open(args.library, readonly=True) as lib:
        inspect_article(pages[0], lib)  # warm up: model, word lists, caches
        for p in pages:
            t = time.perf_counter()
            ins = inspect_article(p, lib)
            full.append(time.perf_counter() - t)
            garbled += bool(ins.garbled)
            t = time.perf_counter()
            inspect_article(p, None)
            alone.append(time.perf_counter() - t)
    print(f"inspect with the library ({len(full)} pages): p50 {1000 * pct(full, 0.5):.0f} ms, "
          f"p99 {1000 * pct(full, 0.99):.0f} ms, mean {1000 * statistics.mean(full):.0f} ms; "
          f"pages with a garbled name found: {garbled}")
    print(f"page alone: p50 {1000 * pct(alone, 0.5):.0f} ms, p99 {1000 * pct(alone, 0.99):.0f} ms")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
