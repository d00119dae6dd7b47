"""Stories benchmark: whole-library clustering at growing sizes, beside datasketch.

    python3 bench/bench_stories.py [--sizes 2000,10000] [--workers 2] [--workdir DIR] [--resume]

For each size, `unspun bench make` generates labelled clusters (invented events: an
original, its copies of every kind, same-story renderings by other outlets) totalling about
that many articles; they go into a fresh library (not timed as stories: that is `add`).
Then, each in its own process so peak memory is its own:

* unspun: `build_stories` (candidate search + verification on `--workers` processes +
  assembly): wall time, peak RSS of the main process and of the largest worker, pairs.
* peer: datasketch MinHash (128 permutations, word 5-shingles) + MinHashLSH (threshold 0.5)
  + union-find over the same articles (already read; reading is not timed for either): the
  usual near-duplicate clustering; its original is the earliest-dated member of each
  cluster (the same `assemble`, given links without direction).

A run longer than a sitting can be made in segments (`--workdir DIR --resume`): the unspun
run keeps its state in the library (`build_stories` is resumable: searched articles and
verified pairs are stored as they come), and this script keeps a ledger beside it
(`DIR/lib<size>.ledger.json`; progress in `DIR/lib<size>.progress.log`), updated every 30 s
and when a segment is stopped by Ctrl-C or SIGTERM: seconds per segment and per stage, and
peak memory so far (only a SIGKILL loses up to 30 s of accounting). The reported time is
the sum of the segments; each resume also pays its own start (reading the state back),
which the sum includes. Without `--resume` the stored stories state is cleared first, so a
reused library is measured from scratch. Finished rows are kept in the ledger and not run
again by `--resume`. The unspun run's tables are written to `DIR/lib<size>-tables/` (not
timed), for `bench_spark.py --local-tables`.

Both are scored with the stories protocol (`unspun.eval.stories.score_stories`: link
precision and recall over pairs put in one copy group, share of clusters whose original is
found, ARI of the stories), so the table shows speed and what it buys. Time growth is
reported as seconds per 1,000 articles at each size. Other processes share this machine's
cores: absolute times are noisy, ratios within one run less so.
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ARTICLES_PER_CLUSTER = 7.5  # generator default: original + ~4.5 copies + 2 distractors


def _ledger_path(library: Path) -> Path:
    return library.with_suffix(".ledger.json")


def read_ledger(path: Path) -> dict[str, Any]:
    if path.exists():
        return dict(json.loads(path.read_text(encoding="utf-8")))
    return {"segments": [], "rows": {}}


def write_ledger(path: Path, ledger: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(ledger, indent=1), encoding="utf-8")
    tmp.replace(path)  # atomic: a kill leaves the old or the new ledger, never half of one


def _peak_mb() -> tuple[float, float]:
    """Peak RSS (MB) of this process and of its largest live child (Linux /proc; 0 else)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = 0.0
    try:
        for task in Path("/proc/self/task").iterdir():
            for pid in (task / "children").read_text().split():
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        kids = max(kids, int(line.split()[1]) / 1024)
    except OSError:
        pass
    return own, kids


def _unspun_child(clusters: str, library: str, workers: int) -> dict[str, Any]:
    """`build_stories` on the library, one segment; the ledger holds earlier segments."""
    from unspun.eval.stories import ClusterTruth, cluster_articles, score_stories
    from unspun.library import Library
    from unspun.stories import StoriesOptions, build_stories

    ledger_path = _ledger_path(Path(library))
    ledger = read_ledger(ledger_path)
    seg: dict[str, Any] = {"started": time.strftime("%Y-%m-%dT%H:%M:%S"), "seconds": 0.0,
                           "stages": {}, "peak_mb": 0.0, "worker_peak_mb": 0.0}
    ledger["segments"].append(seg)
    t0 = last = last_write = time.perf_counter()
    log = Path(library).with_suffix(".progress.log").open("a", encoding="utf-8")

    stage_now = "start"

    def record(stage: str) -> None:
        """Account the time since the last call to `stage`; keep the ledger current."""
        nonlocal last
        now = time.perf_counter()
        seg["stages"][stage] = round(seg["stages"].get(stage, 0.0) + now - last, 3)
        last = now
        own, kids = _peak_mb()
        seg.update(seconds=round(now - t0, 3), peak_mb=max(seg["peak_mb"], round(own, 1)),
                   worker_peak_mb=max(seg["worker_peak_mb"], round(kids, 1)))
        write_ledger(ledger_path, ledger)

    def note(stage: str, done: int, total: int) -> None:
        nonlocal last_write, stage_now
        stage_now = stage
        now = time.perf_counter()
        if now - last_write >= 30 or done == total:
            record(stage)
            print(f"{time.strftime('%H:%M:%S')} segment {len(ledger['segments'])} {stage} "
                  f"{done}/{total} {now - t0:.0f}s", file=log, flush=True)
            last_write = now

    # A stop (Ctrl-C, or SIGTERM from a job runner) still records the segment's time: what
    # it did is stored in the library and will not be done again.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        with Library.open(library) as lib:
            res = build_stories(lib, StoriesOptions(workers=workers), progress=note)
        stage_now = "assemble"
    finally:
        record(stage_now)
        print(f"{time.strftime('%H:%M:%S')} segment {len(ledger['segments'])} ended in "
              f"{stage_now} after {seg['seconds']:.0f}s", file=log, flush=True)
        log.close()
    seg["worker_peak_mb"] = max(seg["worker_peak_mb"], round(
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1))
    write_ledger(ledger_path, ledger)
    # The tables, for bench_spark.py --local-tables (untimed, as the truth below).
    from unspun.stories.write import write_tables

    write_tables(res, Path(library).with_name(Path(library).stem + "-tables"))
    segs = ledger["segments"]
    # The truth is read after the run (untimed; at 1M it takes minutes), so a segment that
    # is stopped does not pay for it.
    truth: list[ClusterTruth] = []  # ids only, filled as the file streams by
    for _ in cluster_articles(clusters, truth):
        pass

    def stage_sum(*names: str) -> float:
        return round(sum(float(g["stages"].get(n) or 0) for g in segs for n in names), 2)

    return {"engine": "unspun", "seconds": round(sum(g["seconds"] for g in segs), 2),
            "peak_mb": max(g["peak_mb"] for g in segs),
            "worker_peak_mb": max(g["worker_peak_mb"] for g in segs),
            **score_stories(truth, res.members).as_row(),
            "candidate_pairs": res.stats.get("candidate_pairs"),
            "search_seconds": stage_sum("search", "search again"),
            "verify_seconds": stage_sum("verify"),
            "assemble_seconds": res.stats.get("assemble_seconds"),
            "segments": len(segs)}


def _datasketch_child(clusters: str) -> dict[str, Any]:
    """The peer: datasketch MinHash + MinHashLSH + union-find (see the module docstring)."""
    from datasketch import MinHash, MinHashLSH

    from unspun.eval.stories import ClusterTruth, cluster_articles, score_stories
    from unspun.retrieve.terms import fast_words
    from unspun.stories.assemble import assemble
    from unspun.stories.types import Node, PairResult

    truth: list[ClusterTruth] = []
    articles = list(cluster_articles(clusters, truth))  # reading is not timed (as for unspun)
    t = time.perf_counter()
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    nodes: list[Node] = []
    links: list[PairResult] = []
    for art in articles:
        words = fast_words(art.text)
        m = MinHash(num_perm=128)
        m.update_batch([" ".join(words[i : i + 5]).encode() for i in
                        range(max(1, len(words) - 4))])
        for other in lsh.query(m):
            # a near-duplicate pair; the earlier-dated article is taken as the source
            links.append(PairResult(other, art.id, "copy", "near-duplicate", 1.0, False,
                                    1.0, 1.0, 0, 0, 0))
        lsh.insert(art.id, m)
        nodes.append(Node(art.id, art.url, art.site, art.title, art.published,
                          len(art.text), art.source_id))
    # union-find + earliest date as original: assemble does exactly that for links
    # without direction (rank: date, then length)
    res = assemble(nodes, links)
    seconds = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"engine": "datasketch", "seconds": round(seconds, 2), "peak_mb": round(peak, 1),
            "worker_peak_mb": 0.0, **score_stories(truth, res.members).as_row(),
            "candidate_pairs": len(links)}


def _child(kind: str, clusters: str, library: str, workers: int) -> dict[str, Any]:
    """Run one engine in this (child) process; return timing, memory and scores."""
    if kind == "unspun":
        return _unspun_child(clusters, library, workers)
    return _datasketch_child(clusters)


def run_stoppable(cmd: list[str]) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `cmd`; when this process is stopped (Ctrl-C,
    SIGTERM), the child gets SIGTERM and up to five minutes to record its segment
    (subprocess.run would SIGKILL it at once); after that, SIGKILL, so no child outlives us."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = proc.communicate()
    except BaseException:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.communicate(timeout=300)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
        raise
    return proc.returncode, stdout, stderr


def _run_child(kind: str, clusters: Path, library: Path, workers: int) -> dict[str, Any]:
    code, stdout, stderr = run_stoppable([sys.executable, __file__, "--child", kind,
                                          str(clusters), str(library), str(workers)])
    if code != 0:
        sys.exit(f"{kind} run on {library} failed (exit {code}):\n{stderr}")
    return dict(json.loads(stdout.strip().splitlines()[-1]))


def _start_afresh(library: Path) -> None:
    """Forget an earlier stories run on `library` (its stored state and ledger)."""
    import sqlite3

    conn = sqlite3.connect(library)
    for table in ("story_scan", "story_cands", "story_pairs"):
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.commit()
    conn.close()
    _ledger_path(library).unlink(missing_ok=True)


def _prepare(size: int, work: Path, seed: int) -> tuple[Path, Path, float]:
    clusters = max(1, round(size / ARTICLES_PER_CLUSTER))
    folder = work / f"gen{size}"
    if not (folder / "clusters.jsonl").exists():
        subprocess.run([sys.executable, "-m", "unspun", "bench", "make", "--out", str(folder),
                        "--clusters", str(clusters), "--seed", str(seed)], check=True,
                       capture_output=True)
    library = work / f"lib{size}.db"
    t = time.perf_counter()
    if not library.exists():
        from unspun.eval.stories import cluster_articles
        from unspun.library import Library

        with Library.open(library) as lib:
            lib.add(cluster_articles(folder / "clusters.jsonl", []))
    return folder / "clusters.jsonl", library, time.perf_counter() - t


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, clusters_arg, library_arg, workers_arg = sys.argv[2:6]
        print(json.dumps(_child(kind, clusters_arg, library_arg, int(workers_arg))))
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="2000,10000")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--resume", action="store_true",
                    help="go on with the unfinished runs in --workdir (see the docstring)")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.resume and args.workdir is None:
        ap.error("--resume needs the --workdir of the runs to go on with")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="unspun-bench-stories-"))
    work.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    for size in (int(s) for s in args.sizes.split(",")):
        clusters, library, add_s = _prepare(size, work, args.seed)
        with open(clusters, encoding="utf-8") as fp:
            n = sum(1 + len(c["copies"]) + len(c["distractors"]) for c in map(json.loads, fp))
        if not args.resume:
            _start_afresh(library)
        for kind in ("unspun", "datasketch"):
            ledger = read_ledger(_ledger_path(library))
            r = ledger["rows"].get(kind)
            if r is None:
                r = _run_child(kind, clusters, library, args.workers)
                r.update(articles=n, add_seconds=round(add_s, 1),
                         s_per_1k=round(r["seconds"] / n * 1000, 2))
                ledger = read_ledger(_ledger_path(library))  # the child updated it
                ledger["rows"][kind] = r
                write_ledger(_ledger_path(library), ledger)
            rows.append(r)
            print(json.dumps(r), flush=True)
    print()
    head = ("engine", "articles", "seconds", "s_per_1k", "peak_mb", "worker_peak_mb",
            "link_precision", "link_recall", "original_accuracy", "ari", "candidate_pairs")
    print(" | ".join(head))
    for r in rows:
        print(" | ".join(str(r.get(h, "")) for h in head))
    for kind in ("unspun", "datasketch"):
        mine = [r for r in rows if r["engine"] == kind]
        if len(mine) > 1:
            a, b = mine[0], mine[-1]
            growth = (b["seconds"] / a["seconds"]) / (b["articles"] / a["articles"])
            print(f"{kind}: {b['articles'] / a['articles']:.1f}x articles took "
                  f"{b['seconds'] / a['seconds']:.1f}x time (1.0 x size = linear; "
                  f"per-article cost ratio {growth:.2f})")
    for size_rows in zip(*(iter(rows),) * 2, strict=False):
        u, d = size_rows
        print(f"{u['articles']} articles: unspun {u['seconds'] / max(d['seconds'], 1e-9):.1f}x "
              f"the datasketch time; link precision {u['link_precision']} vs "
              f"{d['link_precision']}, recall {u['link_recall']} vs {d['link_recall']}, "
              f"original {u['original_accuracy']} vs {d['original_accuracy']}")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("stopped; the unspun run's work so far is kept: go on with --resume")
