"""Retrieval benchmark: build a library, trace derived copies, print speed, size and recall.

    python3 bench/bench_retrieval.py [--size 100000] [--queries 300] [--real] [--workers N]

Synthetic mode generates `--size` articles from a word-frequency model (wordfreq's top English
words drawn with Zipf weights, plus invented capitalised names and numbers) as JSONL, adds
them with the real `unspun add` command, then traces copies of `--queries` of them:
verbatim, edited (a paragraph dropped, one added, two numbers changed) and spun (10/30/50% of
content words replaced by other words). `--real` uses Reuters-21578 and the BBC articles
under ../shared/data as the library instead (read at run time, never copied into the repo);
Reuters wire re-sends are near-duplicates of each other and must not push the true source
off rank 1 (queries are drawn half from articles that have such a near-duplicate).

Printed, all measured in this run: add throughput (articles/s from JSONL with `--workers`
N, default the cores, and with one worker on the smaller input; the split between reading
and storing), beside the SQLite + FTS5 insert ceiling (the same article rows and term
lists inserted into a plain table and an FTS5 index, nothing else, one process), library
size per article, peak RSS of `add` (the whole process tree, workers included) at two input
sizes, trace latency p50/p99, recall@1 by copy kind, datasketch's MinHashLSH doing the same
near-duplicate lookup over the same signatures (time ratio and equal candidate sets), and
the MinHash engines compared (rensa, numpy, datasketch) on speed and LSH recall.
Other processes share this machine's 2 cores: absolute times are noisy, ratios less so.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
from wordfreq import top_n_list, zipf_frequency

from unspun.ingest import iter_articles
from unspun.ingest.assemble import build_article
from unspun.library import Library
from unspun.library.lsh import band_keys
from unspun.library.minhash import NumpyMinHash, rensa_signatures, shingle_hashes
from unspun.library.parallel import default_workers
from unspun.model import Article
from unspun.options import ReadOptions
from unspun.retrieve.candidates import retrieve
from unspun.retrieve.terms import fast_words
from unspun.text.tokens import is_content_word

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
KINDS = ("verbatim", "edited", "spun10", "spun30", "spun50")
_SYLLABLES = ("ka", "ren", "mor", "vel", "dun", "stra", "lin", "bor", "tes", "quin", "hal",
              "ove", "rik", "man", "sel", "tor", "ash", "fen", "gar", "lo", "mi", "ne", "pa",
              "ri", "su", "ta", "ve", "wy", "zo", "el", "an", "is", "ur")
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


# ---- corpora ---------------------------------------------------------------------------

class Vocabulary:
    """wordfreq's top English words with Zipf sampling weights."""

    def __init__(self, n: int = 30_000) -> None:
        self.words = [w for w in top_n_list("en", n) if w.isalpha()]
        freq = np.array([10 ** zipf_frequency(w, "en") for w in self.words])
        self.cdf = np.cumsum(freq / freq.sum())
        self.content = [w for w in self.words[:20_000] if is_content_word(w) and len(w) > 3]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def synthetic_records(n: int, vocab: Vocabulary, seed: int = 1) -> Iterator[dict[str, str]]:
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    names = [_name(rng) for _ in range(50_000)]
    for i in range(n):
        cast = rng.sample(names, 5)
        paras = []
        for _ in range(rng.randint(3, 7)):
            idx = np.searchsorted(vocab.cdf, nrng.random(rng.randint(25, 55)))
            idx = np.minimum(idx, len(vocab.words) - 1)
            ws = [vocab.words[j] for j in idx]
            for _ in range(rng.randint(1, 3)):
                ws.insert(rng.randrange(len(ws)), rng.choice(cast))
            if rng.random() < 0.6:
                ws.insert(rng.randrange(len(ws)), f"{rng.randint(2, 99_999):,}")
            paras.append(" ".join(ws).capitalize() + ".")
        yield {"url": f"https://site{i % 500}.example/news/{i}",
               "title": " ".join([cast[0], *rng.choices(vocab.content, k=6)]),
               "published": f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}",
               "text": "\n\n".join(paras)}


def _reuters_date(s: str) -> str | None:
    m = re.match(r"\s*(\d{1,2})-([A-Z]{3})-(\d{4})", s or "")
    if not m:
        return None
    return f"{m.group(3)}-{_MONTHS.index(m.group(2)) + 1:02d}-{int(m.group(1)):02d}"


def real_records() -> Iterator[dict[str, str]]:
    """Reuters-21578 then BBC News, as unspun JSONL records (ids in the url)."""
    with (DATA / "reuters-21578" / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            body = r.get("body") or ""
            # Hard-wrapped at ~70 columns; paragraphs start with an indent.
            paras = [" ".join(p.split()) for p in re.split(r"\n\s{2,}", body) if p.strip()]
            text = "\n\n".join(paras) or (r.get("title") or "")
            if not text.strip():
                continue
            yield {"url": f"https://reuters.example/newid/{r['newid']}", "title": r.get("title")
                   or "", "published": _reuters_date(r.get("date", "")) or "", "text": text}
    with (DATA / "bbc-news" / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            yield {"url": f"https://bbc.example/{r['id']}", "title": r["title"],
                   "text": r["body"]}


def write_jsonl(records: Iterator[dict[str, str]], path: Path, limit: int | None = None) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            if limit is not None and n >= limit:
                break
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
    return n


# ---- copies ----------------------------------------------------------------------------

_TOKEN = re.compile(r"[A-Za-z]+")


def spin(text: str, share: float, vocab: Vocabulary, rng: random.Random) -> str:
    """Replace `share` of lower-case content words by other words (names/numbers stay)."""
    def swap(m: re.Match[str]) -> str:
        w = m.group()
        if w[0].isupper() or not is_content_word(w) or rng.random() >= share:
            return w
        return rng.choice(vocab.content)
    return _TOKEN.sub(swap, text)


def edit(paras: list[str], vocab: Vocabulary, rng: random.Random) -> list[str]:
    """Drop a paragraph, add an invented one, change two numbers."""
    out = list(paras)
    if len(out) >= 3:
        out.pop(rng.randrange(1, len(out)))
    out.insert(rng.randrange(len(out) + 1),
               " ".join(rng.choices(vocab.content, k=25)).capitalize() + ".")
    text = "\n\n".join(out)
    for _ in range(2):
        nums = list(re.finditer(r"\d+", text))
        if nums:
            m = rng.choice(nums)
            text = text[: m.start()] + str(int(m.group()) + rng.randint(1, 9)) + text[m.end():]
    return text.split("\n\n")


def make_copy(src: Article, kind: str, vocab: Vocabulary, rng: random.Random) -> Article:
    paras = [src.block_text(b) for b in src.blocks if b.role != "headline"]
    if kind == "edited":
        paras = edit(paras, vocab, rng)
    elif kind.startswith("spun"):
        share = int(kind[4:]) / 100
        paras = [spin(p, share, vocab, rng) for p in paras]
    return build_article([("headline", src.title), *(("body", p) for p in paras)],
                         url=f"https://copyfarm.example/{kind}/{src.id}")


# ---- measurements ----------------------------------------------------------------------

def _tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and all its descendants (Linux /proc; 0 once gone)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * os.sysconf(
                "SC_PAGE_SIZE")
            todo += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def timed_add(jsonl: Path, db: Path, workers: int) -> tuple[float, float, int, str]:
    """Run the real `unspun add`; (wall seconds, CPU seconds of it and its workers, peak RSS
    of the process tree in MB, sampled every 0.1 s, summary line)."""
    import threading

    start = time.perf_counter()
    before = os.times()
    proc = subprocess.Popen([sys.executable, "-m", "unspun", "add", str(jsonl), "--library",
                             str(db), "--workers", str(workers)], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert proc.stdout is not None
    out = proc.stdout.read()
    proc.wait()
    sampler.join()
    after = os.times()  # children's CPU: the add and, waited for by it, its workers
    cpu = (after.children_user - before.children_user) + (after.children_system
                                                          - before.children_system)
    return time.perf_counter() - start, cpu, peak[0] // 2**20, " ".join(out.split())


def insert_ceiling(db: Path, limit: int) -> float:
    """SQLite + FTS5 alone: the library's first `limit` article rows (text, blocks, terms)
    inserted into a plain table and an FTS5 index over the terms (as the library's), in
    batches of 500, one transaction each, in a fresh WAL file. Articles per second (wall)."""
    with Library.open(db, readonly=True) as lib:
        rows = lib.conn.execute(
            "SELECT doc, id, url, site, title, published, lang, text, blocks, terms, added_at,"
            " fp_version FROM articles ORDER BY doc LIMIT ?", (limit,)).fetchall()
    with tempfile.TemporaryDirectory() as d:
        conn = sqlite3.connect(Path(d) / "ceiling.db", isolation_level=None)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("CREATE TABLE a(doc INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, url TEXT,"
                     " site TEXT, title TEXT, published TEXT, lang TEXT, text TEXT, blocks TEXT,"
                     " terms TEXT, added_at TEXT, fp_version TEXT)")
        conn.execute("CREATE VIRTUAL TABLE f USING fts5(terms, content='a', content_rowid='doc',"
                     " detail=none, tokenize='unicode61 remove_diacritics 2')")
        t = time.perf_counter()
        for i in range(0, len(rows), 500):
            batch = rows[i : i + 500]
            conn.execute("BEGIN")
            conn.executemany("INSERT INTO a VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", batch)
            conn.executemany("INSERT INTO f(rowid, terms) VALUES (?, ?)",
                             [(r[0], r[9]) for r in batch])
            conn.execute("COMMIT")
        secs = time.perf_counter() - t
        conn.close()
    return len(rows) / secs


def pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, int(q * len(s)))]


def split_rates(jsonl: Path, n: int) -> tuple[float, float]:
    """(read-only articles/s, store-only articles/s) on the first `n` records, in CPU time."""
    opts = ReadOptions()
    t = time.process_time()
    arts: list[Article] = []
    for item in iter_articles([str(jsonl)], opts):
        if isinstance(item, Article):
            arts.append(item)
        if len(arts) >= n:
            break
    read = len(arts) / (time.process_time() - t)
    with tempfile.TemporaryDirectory() as d, Library.open(Path(d) / "s.db") as lib:
        t = time.process_time()
        lib.add(arts)
        store = len(arts) / (time.process_time() - t)
    return read, store


def trace_queries(lib: Library, queries: list[tuple[str, Article, Article]],
                  same_text: Callable[[Article, Article], bool]) -> None:
    lat: list[float] = []
    cpu: list[float] = []
    hits: dict[str, list[int]] = {}
    loose: dict[str, list[int]] = {}
    for kind, src, q in queries:
        t, c = time.perf_counter(), time.process_time()
        got = retrieve(lib, q)
        lat.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        top = got[0].article if got else None
        hits.setdefault(kind, []).append(int(top is not None and top.id == src.id))
        loose.setdefault(kind, []).append(int(top is not None and same_text(top, src)))
    print(f"trace latency over {len(lat)} queries: wall p50 {pct(lat, .5) * 1e3:.1f} ms, "
          f"p99 {pct(lat, .99) * 1e3:.1f} ms (targets 30 / 150 ms); CPU p50 "
          f"{pct(cpu, .5) * 1e3:.1f} ms, p99 {pct(cpu, .99) * 1e3:.1f} ms", flush=True)
    for kind in hits:
        h, lo = hits[kind], loose[kind]
        print(f"  recall@1 {kind:<16} {sum(h) / len(h):.3f}  (n={len(h)}; counting an "
              f"identical-text duplicate of the source as a hit: {sum(lo) / len(lo):.3f})")


def lsh_comparison(lib: Library, queries: list[tuple[str, Article, Article]]) -> None:
    """Our SQLite band-key lookup vs datasketch MinHashLSH over the same signatures."""
    from datasketch import LeanMinHash, MinHashLSH

    p = lib.params
    ds = MinHashLSH(threshold=p.threshold, num_perm=p.num_perm, params=(p.bands, p.rows))
    t = time.perf_counter()
    n = 0
    batch: list[Article] = []
    docs: list[int] = []

    def flush() -> None:
        rows = [shingle_hashes(fast_words(a.text), p.shingle) for a in batch]
        sigs = rensa_signatures(rows, p.num_perm, p.seed)
        with ds.insertion_session() as session:
            for d, s in zip(docs, sigs, strict=True):
                session.insert(d, LeanMinHash(seed=p.seed, hashvalues=s, scheme="legacy"))

    for doc, art in enumerate(lib.iter_articles(), start=1):
        batch.append(art)
        docs.append(doc)
        n += 1
        if len(batch) == 2000:
            flush()
            batch, docs = [], []
    if batch:
        flush()
    build = time.perf_counter() - t
    ours_t: list[float] = []
    theirs_t: list[float] = []
    same = 0
    found_ours = found_theirs = 0
    id_of = {a.id: i for i, a in enumerate(lib.iter_articles(), start=1)}
    for _, src, q in queries:
        sig = rensa_signatures([shingle_hashes(fast_words(q.text), p.shingle)], p.num_perm,
                               p.seed)
        keys = [int(k) for k in band_keys(sig, p.bands, p.rows)[0]]
        t = time.perf_counter()
        ours = {d for d, _ in lib.lsh_candidates(keys, 10**9)}
        ours_t.append(time.perf_counter() - t)
        mh = LeanMinHash(seed=p.seed, hashvalues=sig[0], scheme="legacy")
        t = time.perf_counter()
        theirs = set(ds.query(mh))
        theirs_t.append(time.perf_counter() - t)
        # A fresh library numbers its docs 1, 2, ... in the order iter_articles gives them.
        same += int(ours == theirs)
        found_ours += int(id_of.get(src.id, -1) in ours)
        found_theirs += int(id_of.get(src.id, -1) in theirs)
    mo, mt = statistics.median(ours_t), statistics.median(theirs_t)
    print(f"near-duplicate lookup (same shingles, same signatures, {p.bands}x{p.rows} bands), "
          f"{len(queries)} queries: ours (SQLite, on disk) median {mo * 1e3:.2f} ms, datasketch "
          f"MinHashLSH (in memory, built in {build:.0f} s for {n} docs) {mt * 1e3:.3f} ms: "
          f"ratio ours/datasketch {mo / max(mt, 1e-9):.1f}x; identical candidate sets "
          f"{same}/{len(queries)}; source among candidates: ours {found_ours}, datasketch "
          f"{found_theirs}")


def engine_comparison(arts: list[Article], queries: list[tuple[str, Article, Article]],
                      num_perm: int, bands: int, rows: int) -> None:
    """MinHash engines on the same shingle hashes: speed and LSH recall of copy pairs."""
    from datasketch import MinHash

    hs = [shingle_hashes(fast_words(a.text)) for a in arts]
    npm = NumpyMinHash(num_perm, 1)

    def ds_sigs(rows_: list[np.ndarray]) -> np.ndarray:
        out = []
        for h in rows_:
            m = MinHash(num_perm=num_perm, seed=1, hashfunc=lambda x: x)
            m.update_batch((h & np.uint64(0xFFFFFFFF)).tolist())
            out.append(np.asarray(m.hashvalues, dtype=np.uint64))
        return np.stack(out)

    engines: dict[str, Callable[[list[np.ndarray]], np.ndarray]] = {
        "rensa R-MinHash": lambda r: rensa_signatures(r, num_perm, 1),
        "numpy (datasketch legacy permutations)": npm.signatures,
        "datasketch MinHash (affine32 default)": ds_sigs,
    }
    pairs = [(shingle_hashes(fast_words(s.text)), shingle_hashes(fast_words(q.text)), k)
             for k, s, q in queries]
    print(f"MinHash engines on {len(arts)} articles ({num_perm} permutations):")
    for name, fn in engines.items():
        t = time.perf_counter()
        fn(hs)
        us = (time.perf_counter() - t) / len(arts) * 1e6
        rec: dict[str, list[int]] = {}
        for a, b, kind in pairs:
            ka, kb = band_keys(fn([a, b]), bands, rows)
            rec.setdefault(kind, []).append(int(bool(set(ka.tolist()) & set(kb.tolist()))))
        r = "  ".join(f"{k} {sum(v) / len(v):.2f}" for k, v in rec.items())
        print(f"  {name:<40} {us:8.1f} us/article; LSH recall: {r}")


# ---- main ------------------------------------------------------------------------------

def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=100_000, help="synthetic library size")
    ap.add_argument("--queries", type=int, default=300, help="source articles to copy")
    ap.add_argument("--real", action="store_true", help="Reuters-21578 + BBC as the library")
    ap.add_argument("--workdir", type=Path, default=None, help="keep files here")
    ap.add_argument("--skip-add", action="store_true",
                    help="reuse the corpus and library an earlier run left in --workdir")
    ap.add_argument("--no-peers", action="store_true",
                    help="leave out the datasketch and MinHash engine comparisons")
    ap.add_argument("--workers", type=int, default=default_workers(),
                    help="`unspun add --workers` (default: the cores)")
    args = ap.parse_args()
    vocab = Vocabulary()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="unspun-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(3)
    jsonl = work / ("real.jsonl" if args.real else f"synthetic-{args.size}.jsonl")
    small = work / "small.jsonl"
    t = time.perf_counter()
    if args.skip_add:
        print(f"reusing {jsonl} and its library from an earlier run (no add measured)")
    elif args.real:
        n = write_jsonl(real_records(), jsonl)
        write_jsonl(real_records(), small, limit=n // 5)
    else:
        n = write_jsonl(synthetic_records(args.size, vocab), jsonl)
        # Bounded caches (word hashes, word rarity) fill during the first ~20k articles;
        # the smaller run is past that, so any growth between the two runs is a leak.
        write_jsonl(synthetic_records(args.size, vocab), small, limit=max(1, n // 5))
    if not args.skip_add:
        print(f"corpus: {n} articles ({'Reuters-21578 + BBC' if args.real else 'synthetic'}), "
              f"written in {time.perf_counter() - t:.0f} s to {jsonl}")
    runs = [(small, 1), (small, args.workers), (jsonl, args.workers)]
    for path, workers in () if args.skip_add else runs:
        db = work / f"{path.stem}.db"
        for f in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            f.unlink(missing_ok=True)
        load = os.getloadavg()[0]
        secs, cpu, rss, summary = timed_add(path, db, workers)
        k = sum(1 for _ in path.open(encoding="utf-8"))
        print(f"add {k} articles, {workers} worker(s): {secs:.1f} s wall = {k / secs:,.0f} "
              f"articles/s (goal 5,000); {cpu:.1f} s CPU (workers included) = {k / cpu:,.0f} "
              f"articles per CPU-second; peak RSS {rss} MB (process tree); load average "
              f"before {load:.1f}  [{summary}]", flush=True)
    if not args.skip_add:
        db = work / f"{jsonl.stem}.db"
        ceiling = insert_ceiling(db, 10**9)
        print(f"  SQLite + FTS5 insert ceiling (the same {n} article rows and term lists, "
              f"one process): {ceiling:,.0f} articles/s", flush=True)
    read, store = split_rates(jsonl, 5000) if not args.skip_add else (0.0, 0.0)
    if not args.skip_add:
        print(f"  split on 5,000 articles, per CPU-second: reading JSONL into Articles "
              f"(ingest) {read:,.0f}/s, fingerprinting + storing (library) {store:,.0f}/s",
              flush=True)
    db = work / f"{jsonl.stem}.db"
    with Library.open(db, readonly=True) as lib:
        st = lib.stats()
        print(f"library: {st.articles} articles, {st.bytes_on_disk / 2**20:.0f} MB on disk = "
              f"{st.bytes_on_disk / max(st.articles, 1) / 1024:.1f} KB per article "
              f"({st.lsh_rows} LSH rows)")
        picked = lib.articles_by_doc(rng.sample(range(1, st.articles + 1),
                                                min(st.articles, 4 * args.queries + 2000)))
        pool = [a for a in picked.values() if len(fast_words(a.text)) >= 50]
        sample = pool[args.queries:][:2000] or pool
        sources: list[tuple[str, Article]] = []
        same_text = lambda a, b: a.text == b.text  # noqa: E731
        if args.real:
            wire: list[Article] = []
            with (DATA / "reuters-21578" / "near_duplicate_pairs.tsv").open() as fh:
                next(fh)
                urls = [f"https://reuters.example/newid/{line.split()[0]}" for line in fh]
            for url in urls:
                row = lib.conn.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()
                a = lib.get(row[0]) if row else None
                if a is not None and len(fast_words(a.text)) >= 50:
                    wire.append(a)
            rng.shuffle(wire)
            half = args.queries // 2
            sources = [("wire ", a) for a in wire[:half]]
            sources += [("", a) for a in pool[: args.queries - len(sources)]]
        else:
            sources = [("", a) for a in pool[: args.queries]]
        queries = [(f"{tag}{kind}".strip(), src, make_copy(src, kind, vocab, rng))
                   for tag, src in sources for kind in KINDS]
        trace_queries(lib, queries, same_text)
        if not args.no_peers:
            lsh_comparison(lib, queries[: min(len(queries), 500)])
    p = Library.open(db, readonly=True).params
    if args.no_peers:
        return
    engine_comparison(sample, [q for q in queries if not q[0].startswith("wire")][:500],
                      p.num_perm, p.bands, p.rows)
    print(f"(files in {work}; other helpers share the 2 CPU cores, so times are noisy)")


if __name__ == "__main__":
    main()
