"""WARC input of the Spark engine: reading in parallel (one task per file) beside the local
reader (`unspun add`'s `iter_articles`, one process) on the same WARC files.

    python3 bench/bench_spark_warc.py [--clusters 100] [--files 4] [--cores 2]

Generated clusters (`generate_clusters`, seed 11) are rendered as HTML pages by the
corpus's own `page` and written as `--files` WARC.GZ files (request + response records).
Timed: the local reader over the folder (every article parsed), and the Spark engine's
`load_articles` over the same folder (parsed, repeated ids dropped, counted), after the
Spark session has started (its start-up is printed apart), twice: cold (Python workers
start and import unspun) and warm. The articles are compared: same
ids in the same order. Other jobs share this machine's cores: the ratio within one run
means more than the absolute times.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from unspun.corpus.generate import generate_clusters
from unspun.corpus.html import page
from unspun.corpus.options import BenchOptions
from unspun.ingest import iter_articles
from unspun.model import Article
from unspun.options import ReadOptions

# The WARC writer the tests use (tests/warc_fixtures.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from warc_fixtures import Response, write_warc

NO_LEARN = ReadOptions(learn_furniture=False)


def write_crawl(folder: Path, clusters: int, files: int) -> int:
    docs = [d for c in generate_clusters(BenchOptions(seed=11, clusters=clusters))
            for d in c.articles()]
    per = -(-len(docs) // files)
    for k in range(files):
        write_warc(folder / f"crawl-{k:03d}.warc.gz",
                   (Response(d.url, page(d).encode()) for d in docs[k * per:(k + 1) * per]))
    return len(docs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clusters", type=int, default=100)
    ap.add_argument("--files", type=int, default=4)
    ap.add_argument("--cores", type=int, default=2)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="unspun-warc-bench-") as tmp:
        folder = Path(tmp) / "crawl"
        folder.mkdir()
        pages = write_crawl(folder, a.clusters, a.files)
        mb = sum(f.stat().st_size for f in folder.iterdir()) / 1e6
        print(f"{pages} pages in {a.files} WARC.GZ files ({mb:.1f} MB); "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

        t = time.perf_counter()
        seen: dict[str, None] = {}
        for it in iter_articles([str(folder)], NO_LEARN):
            if isinstance(it, Article):
                seen.setdefault(it.id)
        local_s = time.perf_counter() - t
        print(f"local reader (1 process):   {local_s:7.2f} s  {pages / local_s:7.1f} pages/s")

        from unspun.engines.spark_read import load_articles, spark_session

        t = time.perf_counter()
        spark = spark_session(f"local[{a.cores}]", app="unspun-bench-warc", conf={
            "spark.ui.enabled": "false", "spark.ui.showConsoleProgress": "false",
            "spark.sql.shuffle.partitions": str(2 * a.cores)})
        spark.sparkContext.setLogLevel("ERROR")
        print(f"spark session start:        {time.perf_counter() - t:7.2f} s")
        for run in ("cold", "warm"):  # cold: Python workers start and import unspun
            t = time.perf_counter()
            arts, _, n_err = load_articles(spark, str(folder))
            ids = [r["id"] for r in arts.orderBy("doc").select("id").collect()]
            spark_s = time.perf_counter() - t
            print(f"spark local[{a.cores}], {a.files} tasks, {run}: {spark_s:7.2f} s  "
                  f"{pages / spark_s:7.1f} pages/s  ({local_s / spark_s:.2f}x the local reader)")
        print(f"same articles in the same order: {ids == list(seen)} ({len(ids)} articles, "
              f"{n_err} errors)")
        spark.stop()


if __name__ == "__main__":
    main()
