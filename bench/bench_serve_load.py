"""Load test of `unspun serve`: many clients tracing while articles are added.

    python3 bench/bench_serve_load.py [--articles 100000] [--library PATH [--reuse]]
        [--clients 50] [--seconds 60] [--readers 4] [--cli-add 300]

1. Library: `--articles` synthetic articles (bench_retrieval's word-frequency generator:
   Zipf-drawn English words, invented names and numbers), added in-process; with `--reuse`
   an existing library at `--library` is used as it is (it must be an unspun library).
2. Server: `unspun serve` in a child process on 127.0.0.1 and a free port (loopback only).
3. For `--seconds` (bounded also by `--max-requests`): `--clients` threads each trace, one
   request after another, copies (verbatim, edited, spun 10/30/50%) of random library
   articles through `POST /api/trace`; one adder thread posts batches of new articles to
   `POST /api/articles`; halfway, `unspun add` runs in another process with `--cli-add` more
   (the other writer: SQLite's lock is shared between them).
4. Printed: traces completed, throughput, latency p50/p90/p99/max, errors, how often the
   copied article was ranked first, add request latency, and the article count before and
   after against what was added: nothing may be lost.

The machine may be shared (other processes on its cores): the numbers are this run's only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_retrieval import Vocabulary, make_copy, synthetic_records
from unspun.ingest import article_from_record, article_from_text
from unspun.library import Library
from unspun.pipeline import trace

KINDS = ("verbatim", "edited", "spun10", "spun30", "spun50")


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    trace_ms: list[float] = field(default_factory=list)
    add_ms: list[float] = field(default_factory=list)
    look_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rank1: int = 0
    added_ids: set[str] = field(default_factory=set)
    add_requests: int = 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, int(q * len(s)))]


def build(path: Path, n: int, vocab: Vocabulary) -> None:
    t = time.perf_counter()
    recs = (article_from_record(r) for r in synthetic_records(n, vocab, seed=1))
    with Library.open(path) as lib:
        s = lib.add(recs)
    print(f"built {path}: {s.added} articles in {time.perf_counter() - t:.0f} s", flush=True)


def make_queries(path: Path, k: int, vocab: Vocabulary,
                 seed: int) -> list[tuple[str, dict[str, Any]]]:
    """(source id, trace request body) for `k` copies of random library articles."""
    rng = random.Random(seed)
    with Library.open(path, readonly=True) as lib:
        top = int(lib.conn.execute("SELECT MAX(doc) FROM articles").fetchone()[0])
        arts = list(lib.articles_by_doc(rng.sample(range(1, top + 1), min(k, top))).values())
    out = []
    for i, a in enumerate(arts):
        q = make_copy(a, KINDS[i % len(KINDS)], vocab, rng)
        body = q.text.split("\n\n", 1)[-1]  # the headline goes in as the title
        out.append((a.id, {"text": body, "title": q.title, "url": q.url}))
    return out


def new_records(tag: str, n: int, vocab: Vocabulary, seed: int) -> list[dict[str, str]]:
    recs = list(synthetic_records(n, vocab, seed=seed))
    for i, r in enumerate(recs):
        r["url"] = f"https://added.example/{tag}/{i}"
    return recs


def start_server(path: Path, port: int, readers: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "unspun", "serve", "--library", str(path), "--host", "127.0.0.1",
         "--port", str(port), "--readers", str(readers)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {proc.stderr.read().decode() if proc.stderr else ''}")
    proc.kill()
    raise SystemExit("server did not start within 60 s")


def tracer(base: str, queries: list[tuple[str, dict[str, Any]]], stop: float, st: Stats,
           budget: list[int], seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=120) as c:
        while time.monotonic() < stop:
            with st.lock:
                if budget[0] <= 0:
                    return
                budget[0] -= 1
            src, body = rng.choice(queries)
            t = time.perf_counter()
            try:
                r = c.post("/api/trace", json=body)
                ms = (time.perf_counter() - t) * 1000
                ok = r.status_code == 200
                top = r.json()["candidates"][0]["id"] if ok and r.json()["candidates"] else None
            except (httpx.HTTPError, ValueError) as exc:
                with st.lock:
                    st.errors.append(f"trace: {type(exc).__name__}: {exc}")
                continue
            with st.lock:
                if ok:
                    st.trace_ms.append(ms)
                    st.rank1 += top == src
                else:
                    st.errors.append(f"trace: HTTP {r.status_code}: {r.text[:200]}")


def adder(base: str, batches: list[list[dict[str, str]]], stop: float, st: Stats) -> None:
    with httpx.Client(base_url=base, timeout=180) as c:
        for batch in batches:
            if time.monotonic() >= stop:
                return
            body = "".join(json.dumps(r) + "\n" for r in batch)
            t = time.perf_counter()
            try:
                r = c.post("/api/articles", content=body,
                           headers={"content-type": "application/jsonl"})
            except httpx.HTTPError as exc:
                with st.lock:
                    st.errors.append(f"add: {type(exc).__name__}: {exc}")
                continue
            ms = (time.perf_counter() - t) * 1000
            with st.lock:
                st.add_requests += 1
                if r.status_code == 200 and r.json()["added"] == len(batch):
                    st.add_ms.append(ms)
                    st.added_ids.update(r.json()["ids"])
                else:
                    st.errors.append(f"add: HTTP {r.status_code}: {r.text[:200]}")
            time.sleep(0.25)


def looker(base: str, ids: list[str], stop: float, st: Stats) -> None:
    """A reader browsing while the tracers queue: one article look-up every 0.2 s."""
    rng = random.Random(5)
    with httpx.Client(base_url=base, timeout=120) as c:
        while time.monotonic() < stop:
            t = time.perf_counter()
            try:
                r = c.get(f"/api/articles/{rng.choice(ids)}")
            except httpx.HTTPError as exc:
                with st.lock:
                    st.errors.append(f"get: {type(exc).__name__}: {exc}")
                continue
            with st.lock:
                if r.status_code == 200:
                    st.look_ms.append((time.perf_counter() - t) * 1000)
                else:
                    st.errors.append(f"get: HTTP {r.status_code}: {r.text[:200]}")
            time.sleep(0.2)


def in_process(path: Path, queries: list[tuple[str, dict[str, Any]]], k: int) -> float:
    """The peer: traces per second of `trace()` called directly, one at a time, no HTTP."""
    arts = [article_from_text(b["text"], url=b["url"], title=b["title"]) for _, b in queries[:k]]
    with Library.open(path, readonly=True) as lib:
        trace(lib, arts[0])  # warm caches
        t = time.perf_counter()
        for a in arts:
            trace(lib, a)
        return len(arts) / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--library", type=Path)
    ap.add_argument("--reuse", action="store_true", help="Use the library at --library as is.")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--max-requests", type=int, default=100_000)
    ap.add_argument("--readers", type=int, default=4)
    ap.add_argument("--queries", type=int, default=300, help="Distinct copies to trace.")
    ap.add_argument("--add-batch", type=int, default=20)
    ap.add_argument("--cli-add", type=int, default=300,
                    help="Articles `unspun add` adds from another process mid-run (0: none).")
    args = ap.parse_args()
    args.clients = max(1, min(args.clients, 200))
    args.seconds = max(1.0, min(args.seconds, 600.0))

    tmp = Path(tempfile.mkdtemp(prefix="unspun-serve-load-"))
    path = args.library or tmp / f"synthetic-{args.articles}.db"
    vocab = Vocabulary()
    if args.reuse:
        if not path.exists():
            raise SystemExit(f"{path}: no library to reuse")
    elif path.exists():
        raise SystemExit(f"{path} exists: pass --reuse to use it, or another --library")
    else:
        build(path, args.articles, vocab)
    with Library.open(path, readonly=True) as lib:
        before = len(lib)
    queries = make_queries(path, args.queries, vocab, seed=7)
    n_batches = int(args.seconds / 0.25) + 1
    # Seeds differ per run: a reused library must not get the same texts again (twins of an
    # article under other urls would take its rank 1 when a copy of it is traced).
    run = int(time.time()) % 1_000_000 * 1000
    batches = [new_records(f"api-{os.getpid()}-{k}", args.add_batch, vocab, seed=run + k)
               for k in range(n_batches)]
    cli_file = tmp / "cli-add.jsonl"
    cli_recs = new_records(f"cli-{os.getpid()}", args.cli_add, vocab, seed=run + 999) \
        if args.cli_add else []
    cli_file.write_text("".join(json.dumps(r) + "\n" for r in cli_recs), encoding="utf-8")
    print(f"library {path}: {before} articles; {len(queries)} distinct queries; "
          f"{args.clients} clients for {args.seconds:.0f} s", flush=True)

    peer = in_process(path, queries, 40)
    print(f"in-process peer (no HTTP, one thread, idle library): {peer:.2f} traces/s", flush=True)
    port = free_port()
    proc = start_server(path, port, args.readers)
    base = f"http://127.0.0.1:{port}"
    httpx.post(base + "/api/trace", json=queries[0][1], timeout=300)  # warm-up, not timed
    st = Stats()
    budget = [args.max_requests]
    t0 = time.monotonic()
    stop = t0 + args.seconds
    threads = [threading.Thread(target=tracer, args=(base, queries, stop, st, budget, i))
               for i in range(args.clients)]
    threads.append(threading.Thread(target=adder, args=(base, batches, stop, st)))
    threads.append(threading.Thread(target=looker, args=(base, [q[0] for q in queries], stop,
                                                         st)))
    for t in threads:
        t.start()
    cli_result = "not run"
    if cli_recs:
        time.sleep(args.seconds / 2)
        c = subprocess.run([sys.executable, "-m", "unspun", "add", str(cli_file), "--library",
                            str(path)], capture_output=True, text=True, timeout=600)
        cli_result = f"exit {c.returncode}: {(c.stdout + c.stderr).strip().splitlines()[-1:]}"
    for t in threads:
        t.join()
    wall = time.monotonic() - t0
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()

    with Library.open(path, readonly=True) as lib:
        after = len(lib)
        cli_ids = {article_from_record(r).id for r in cli_recs}
        wanted = st.added_ids | cli_ids
        missing = [i for i in wanted if lib.get(i) is None]
    n = len(st.trace_ms)
    print(f"\ntraces: {n} in {wall:.1f} s = {n / wall:.2f}/s with {args.clients} concurrent "
          f"clients ({args.readers} reader threads); {n / wall / peer:.2f}x the in-process "
          "peer")
    print(f"trace latency ms: p50 {pct(st.trace_ms, .5):.0f}  p90 {pct(st.trace_ms, .9):.0f}  "
          f"p99 {pct(st.trace_ms, .99):.0f}  max {max(st.trace_ms, default=float('nan')):.0f}  "
          f"mean {statistics.fmean(st.trace_ms) if n else float('nan'):.0f}")
    print(f"copied article ranked first: {st.rank1}/{n} ({st.rank1 / max(1, n):.1%})")
    print(f"add requests: {st.add_requests} ({len(st.added_ids)} articles), latency ms: "
          f"p50 {pct(st.add_ms, .5):.0f}  p99 {pct(st.add_ms, .99):.0f}")
    print(f"article look-ups meanwhile: {len(st.look_ms)}, latency ms: "
          f"p50 {pct(st.look_ms, .5):.0f}  p99 {pct(st.look_ms, .99):.0f}")
    print(f"`unspun add` in another process ({len(cli_recs)} articles): {cli_result}")
    print(f"articles before {before}, after {after}, added {len(wanted)} "
          f"(API {len(st.added_ids)} + CLI {len(cli_ids)}): lost {len(missing)}; "
          f"count check {'ok' if after == before + len(wanted) else 'MISMATCH'}")
    print(f"errors: {len(st.errors)}")
    for e in st.errors[:10]:
        print("  ", e)
    # Scratch files go; so does a library this run built for itself (not one given).
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
