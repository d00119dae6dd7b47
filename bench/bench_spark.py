"""Spark engine benchmark: `unspun stories --engine spark` in local mode beside the local
engine and two near-duplicate clusterings as peers (datasketch MinHashLSH; datatrove's MinHash
deduplication when installed, `peer_datatrove.py`), on the same generated articles.

    python3 bench/bench_spark.py [--sizes 1000,3000] [--cores 2] [--workdir DIR] [--resume]
                                 [--local-tables DIR] [--max-bucket N] [--no-work]

For each size, `unspun bench make` generates labelled clusters (about `size` articles),
written once as a JSONL of articles (the Spark input) and added to a library (the local
engine's input; adding is not timed). Each engine then runs in its own process:

* spark: `run_stories` with master local[cores]: wall time, shuffle bytes written and read
  (summed over all stages from Spark's REST status API), peak memory (resident set of the
  whole process tree, driver JVM and Python workers included, sampled every 0.2 s), and
  whether any bound (`max_bucket`, `max_df`) was hit.
* local: `build_stories` on `cores` worker processes: wall time, peak memory (same sampler).
* datasketch: MinHash + MinHashLSH + union-find, as `bench_stories.py` runs it (its child).

A Spark run longer than a sitting goes in segments, as `bench_stories.py --resume` does: the
engine keeps its stages in a work folder (`DIR/spark-work<size>`, `run_stories(work=...)`),
and `DIR/spark-work<size>.ledger.json` keeps each segment's seconds, shuffle bytes and peak
memory (polled every 30 s and written when the segment ends). Stop the script with SIGTERM
or Ctrl-C: within seconds, even in the middle of a long Spark action, the segment is
written, the driver JVM killed and the stage being written dropped (a kept stage is whole:
it ends with `_SUCCESS`). Rerun with `--resume` and the same `--workdir`; the reported time
is the segments' sum, and rows already finished are not run again.

All three are scored with the stories protocol, and the Spark tables are compared with the
local engine's row by row (the equivalence test's check, at benchmark size). `--max-bucket`
sets the Spark engine's one bound the local engine lacks: small enough to bind, the
comparison measures how much that allowed difference moves (see docs/scale.md). Other
processes share this machine's cores: the load average is printed; ratios within one run
mean more than absolute times.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

ARTICLES_PER_CLUSTER = 7.5
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # bench_stories' ledger helpers

from bench_stories import read_ledger, run_stoppable, write_ledger  # noqa: E402


def _tree_rss_mb(root: int) -> float:
    """Resident memory of `root` and all its descendants (from /proc), in MB."""
    kids: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                parts = f.read().rsplit(")", 1)[1].split()
            kids.setdefault(int(parts[1]), []).append(int(d))
            rss[int(d)] = int(parts[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(kids.get(p, []))
    return total / 2**20


class PeakSampler:
    """Peak of `_tree_rss_mb(pid)` while running."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0.0, threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss_mb(self.pid))
            self._stop.wait(0.2)

    def __enter__(self) -> PeakSampler:
        self._t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._t.join()


def _shuffle_bytes(ui: str, app: str, timeout: float = 30) -> dict[str, int]:
    with urllib.request.urlopen(f"{ui}/api/v1/applications/{app}/stages",
                                timeout=timeout) as r:
        stages = json.load(r)
    return {"shuffle_write_bytes": sum(s.get("shuffleWriteBytes", 0) for s in stages),
            "shuffle_read_bytes": sum(s.get("shuffleReadBytes", 0) for s in stages),
            "stages": len(stages)}


def on_signal(signum: int, act: Callable[[], None]) -> None:
    """Run `act` on a thread of its own when `signum` arrives. A Python handler runs only
    in the main thread, which a long Spark action can hold for many minutes; the wake-up
    fd is written by the C-level handler whatever the main thread is doing."""
    r, w = os.pipe()
    os.set_blocking(w, False)
    signal.set_wakeup_fd(w)
    signal.signal(signum, lambda *_: None)  # the C handler must be installed to wake us

    def watch() -> None:
        while os.read(r, 1) != bytes([signum]):
            pass
        act()

    threading.Thread(target=watch, daemon=True).start()


def child_spark(articles: str, out: str, cores: int, work: str, max_bucket: int,
                keep_stages: bool = True) -> dict[str, Any]:
    """One segment of the Spark run (the whole run unless stopped): its time, shuffle and
    peak memory go into the ledger beside `work` whatever happens; the row sums them.
    `keep_stages` False: the engine runs without its work folder (one search, one
    verification, nothing kept: a stopped run starts over)."""
    from unspun.engines.spark import SparkStoriesOptions, run_stories
    from unspun.engines.spark_read import spark_session

    ledger_path = Path(work + ".ledger.json")
    ledger = read_ledger(ledger_path)
    seg: dict[str, Any] = {"started": time.strftime("%Y-%m-%dT%H:%M:%S")}
    ledger["segments"].append(seg)
    # Spark's scratch (shuffle files, spills) beside the work folder: a segment that was
    # killed leaves gigabytes there, cleared when the next one starts.
    scratch = Path(work + ".scratch")
    shutil.rmtree(scratch, ignore_errors=True)
    spark = spark_session(f"local[{cores}]", app="unspun-bench", conf={
        "spark.sql.shuffle.partitions": str(4 * cores), "spark.ui.enabled": "true",
        "spark.ui.port": "4057", "spark.driver.memory": "3g",
        "spark.local.dir": str(scratch)})
    sc = spark.sparkContext
    stop = threading.Event()

    def account(timeout: float = 30) -> None:
        seg.update(seconds=round(time.perf_counter() - t, 1), peak_mb=round(peak.peak))
        try:
            seg.update(_shuffle_bytes(str(sc.uiWebUrl), str(sc.applicationId), timeout))
        except Exception as exc:  # no status API (Spark stopping): the last poll's stand
            print(f"shuffle bytes: {exc}", file=sys.stderr)
        write_ledger(ledger_path, ledger)

    def halt() -> None:
        """On SIGTERM: the segment's account, the JVM killed, out at once. Kept stages are
        whole (each ends with `_SUCCESS`); the one being written is redone on --resume."""
        stop.set()
        account(timeout=5)
        gateway = getattr(sc._gateway, "proc", None)  # the driver JVM pyspark launched
        if gateway is not None:
            gateway.kill()
            gateway.wait(timeout=60)
        os._exit(143)

    def poll() -> None:  # a stopped segment keeps what the last poll saw
        while not stop.wait(30):
            account()

    with PeakSampler(os.getpid()) as peak:
        t = time.perf_counter()
        threading.Thread(target=poll, daemon=True).start()
        on_signal(signal.SIGTERM, halt)
        try:
            stats = run_stories(spark, articles, out, SparkStoriesOptions(max_bucket=max_bucket),
                                work=work if keep_stages else None)
        finally:
            stop.set()
            seg.update(seconds=round(time.perf_counter() - t, 1), peak_mb=round(peak.peak))
            write_ledger(ledger_path, ledger)
            account()
    spark.stop()
    shutil.rmtree(scratch, ignore_errors=True)
    segs = ledger["segments"]
    keep = ("articles", "candidate_pairs", "lsh_buckets_capped", "query_terms_over_max_df",
            "label_rounds", "search_seconds", "verify_seconds", "assemble_seconds",
            "reused_stages")
    return {"engine": "spark", "seconds": round(sum(g["seconds"] for g in segs), 1),
            "peak_mb": max(g["peak_mb"] for g in segs),
            **{k: sum(g.get(k, 0) for g in segs)
               for k in ("shuffle_write_bytes", "shuffle_read_bytes", "stages")},
            "segments": len(segs),
            # a segment stopped while Spark shut down may lack them: then the sums are short
            "shuffle_of_every_segment": all("stages" in g for g in segs),
            **{k: stats.get(k) for k in keep}}


def child_local(library: str, out: str, cores: int) -> dict[str, Any]:
    from unspun.library import Library
    from unspun.stories import StoriesOptions, build_stories
    from unspun.stories.write import write_tables

    with PeakSampler(os.getpid()) as peak:
        t = time.perf_counter()
        with Library.open(library) as lib:
            res = build_stories(lib, StoriesOptions(workers=cores, persist=False))
        seconds = time.perf_counter() - t
    write_tables(res, out)
    return {"engine": "local", "seconds": round(seconds, 1), "peak_mb": round(peak.peak),
            "candidate_pairs": res.stats.get("candidate_pairs")}


def _run(args: list[str]) -> dict[str, Any]:
    code, stdout, stderr = run_stoppable([sys.executable, __file__, "--child", *args])
    if code:
        raise RuntimeError(stderr[-3000:])
    return dict(json.loads(stdout.strip().splitlines()[-1]))


def _prepare(size: int, work: Path, seed: int, library_needed: bool = True
             ) -> tuple[Path, Path, Path]:
    from unspun.eval.stories import cluster_articles
    from unspun.library import Library

    folder = work / f"gen{size}"
    clusters = folder / "clusters.jsonl"
    if not clusters.exists():
        subprocess.run([sys.executable, "-m", "unspun", "bench", "make", "--out", str(folder),
                        "--clusters", str(max(1, round(size / ARTICLES_PER_CLUSTER))),
                        "--seed", str(seed)], check=True, capture_output=True)
    articles = folder / "articles.jsonl"
    if not articles.exists():
        part = folder / "articles.jsonl.part"  # renamed when whole: a stopped write is redone
        with part.open("w", encoding="utf-8") as f, clusters.open(encoding="utf-8") as src:
            for line in src:
                c = json.loads(line)
                for r in (c["original"], *c.get("copies", []), *c.get("distractors", [])):
                    f.write(json.dumps({"url": r.get("url"), "site": r.get("site"),
                                        "title": r.get("title"), "text": r["text"],
                                        "published": r.get("date")}) + "\n")
        part.replace(articles)
    library = folder / "lib.db"
    if library_needed and not library.exists():
        with Library.open(library) as lib:
            lib.add(cluster_articles(clusters, []))
    return clusters, articles, library


def _keep_row(ledger_path: Path, kind: str, row: dict[str, Any]) -> None:
    """A finished row, kept so `--resume` does not run it again."""
    ledger = read_ledger(ledger_path)
    ledger["rows"][kind] = row
    write_ledger(ledger_path, ledger)


def _same_tables(a: Path, b: Path) -> dict[str, str]:
    """Each table of `b` (Spark) against `a` (local): "identical" (same rows, same order), or
    how many rows each has that the other lacks (as multisets: one row more or less would
    shift every later row, so a comparison by position would overstate the difference)."""
    from collections import Counter

    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    out: dict[str, str] = {}
    for name in ("members", "stories", "edges", "sites"):
        x = pq.read_table(a / f"{name}.parquet").to_pylist()
        y = pq.read_table(b / f"{name}.parquet").to_pylist()
        if x == y:
            out[name] = "identical"
            continue
        cx, cy = (Counter(json.dumps(r, sort_keys=True, default=str) for r in t) for t in (x, y))
        only_x, only_y = sum((cx - cy).values()), sum((cy - cx).values())
        out[name] = (f"{only_x} of {len(x)} local rows not in spark, {only_y} of {len(y)} "
                     f"spark rows not in local" if only_x or only_y else "same rows, other order")
    return out


def _score(clusters: Path, tables: Path) -> dict[str, Any]:
    import pyarrow.parquet as pq

    from unspun.engines.spark_html import member
    from unspun.eval.stories import ClusterTruth, cluster_articles, score_stories

    truth: list[ClusterTruth] = []
    for _ in cluster_articles(clusters, truth):
        pass
    ms = [member(r) for r in pq.read_table(tables / "members.parquet").to_pylist()]
    s = score_stories(truth, ms).as_row()
    return {k: s[k] for k in ("link_precision", "link_recall", "original_accuracy")}


STOPPED = "stopped; the Spark run's finished stages are kept: go on with --resume"


def _stopped(*_: object) -> None:
    print(STOPPED, file=sys.stderr, flush=True)
    sys.exit(143)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, a, b, cores = sys.argv[2:6]
        if kind == "spark":
            print(json.dumps(child_spark(a, b, int(cores), sys.argv[6], int(sys.argv[7]),
                                         sys.argv[8] == "keep")))
        else:
            print(json.dumps(child_local(a, b, int(cores))))
        return
    from unspun.engines.spark import SparkStoriesOptions

    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,3000")
    ap.add_argument("--cores", type=int, default=2)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--skip-local", action="store_true")
    ap.add_argument("--local-tables", type=Path, default=None,
                    help="compare with the local engine's tables in this folder (e.g. "
                         "bench_stories.py's lib<size>-tables, same size and seed) instead "
                         "of running it here")
    ap.add_argument("--max-bucket", type=int, default=SparkStoriesOptions().max_bucket,
                    help="the Spark engine's LSH bucket bound (default %(default)s); a small "
                         "one makes the engines' one allowed difference happen, and the "
                         "row-by-row comparison with the local tables measures it (--resume: "
                         "give the same value)")
    ap.add_argument("--no-work", action="store_true",
                    help="run the Spark engine without its work folder (one search and one "
                         "verification, no stage written and read back: what a cluster run "
                         "without --work does); such a run cannot be resumed")
    ap.add_argument("--resume", action="store_true",
                    help="go on with the unfinished runs in --workdir (see the docstring)")
    args = ap.parse_args()
    if args.resume and args.workdir is None:
        ap.error("--resume needs the --workdir of the runs to go on with")
    if args.resume and args.no_work:
        ap.error("--resume goes on from the work folder, which --no-work does not keep")
    signal.signal(signal.SIGTERM, _stopped)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="bench-spark-"))
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores", flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        local_here = not args.skip_local and args.local_tables is None
        clusters, articles, library = _prepare(size, work, args.seed, local_here)
        n = sum(1 for _ in articles.open())
        spark_work = work / f"spark-work{size}"
        ledger_path = Path(f"{spark_work}.ledger.json")
        if not args.resume:
            shutil.rmtree(spark_work, ignore_errors=True)
            ledger_path.unlink(missing_ok=True)
        done = read_ledger(ledger_path)["rows"]
        sp = done.get("spark") or _run(["spark", str(articles), str(work / f"spark{size}"),
                                         str(args.cores), str(spark_work),
                                         str(args.max_bucket),
                                         "none" if args.no_work else "keep"])
        rows = [sp | _score(clusters, work / f"spark{size}")]
        _keep_row(ledger_path, "spark", rows[0])
        # Each engine's row as soon as it is in: a long run that fails later keeps these.
        print(f"[{size}] {json.dumps(rows[0])}", flush=True)
        if args.local_tables is not None:
            rows[0]["tables_vs_local"] = _same_tables(args.local_tables, work / f"spark{size}")
        elif not args.skip_local:
            lo = done.get("local") or _run(["local", str(library), str(work / f"local{size}"),
                                            str(args.cores)])
            rows.append(lo | _score(clusters, work / f"local{size}"))
            _keep_row(ledger_path, "local", rows[-1])
            print(f"[{size}] {json.dumps(rows[-1])}", flush=True)
            rows[0]["tables_vs_local"] = _same_tables(work / f"local{size}",
                                                      work / f"spark{size}")
        if "datasketch" not in done:
            peer = subprocess.run([sys.executable, str(HERE / "bench_stories.py"), "--child",
                                   "datasketch", str(clusters), str(library), "1"],
                                  capture_output=True, text=True, check=True)
            _keep_row(ledger_path, "datasketch", json.loads(peer.stdout.strip().splitlines()[-1]))
        rows.append(read_ledger(ledger_path)["rows"]["datasketch"])
        if importlib.util.find_spec("datatrove") is None:
            print("datatrove is not installed (pip install 'unspun[bench]'): no datatrove row")
        else:
            if "datatrove" not in done:
                dt = subprocess.run([sys.executable, str(HERE / "peer_datatrove.py"),
                                     str(clusters), "--workers", str(args.cores),
                                     "--workdir", str(work / f"datatrove{size}")],
                                    capture_output=True, text=True, check=True)
                _keep_row(ledger_path, "datatrove", json.loads(dt.stdout.strip().splitlines()[-1]))
            rows.append(read_ledger(ledger_path)["rows"]["datatrove"])
        print(f"\n{n} articles (load average now {os.getloadavg()[0]:.1f})")
        for r in rows:
            print(json.dumps(r))
        # The peers' ratios too: a row is only named by its engine (with --skip-local or
        # --local-tables there is no local row here).
        for r in rows[1:]:
            if r.get("seconds"):
                print(f"spark / {r['engine']} wall time: {sp['seconds'] / r['seconds']:.2f}")


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(STOPPED)
