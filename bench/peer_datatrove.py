"""Peer for the stories benchmarks: datatrove's MinHash deduplication, clustering the same
generated articles, scored with the stories protocol.

    python3 bench/peer_datatrove.py CLUSTERS.jsonl [--workers 2] [--workdir DIR]

datatrove (Hugging Face's web-data pipeline; `pip install 'unspun[bench]'`) runs its four
MinHash stages with its `LocalPipelineExecutor` and default `MinhashConfig` (word
5-grams, 14 buckets x 8 hashes, 64-bit hashes; sha1 instead of its default xxhash, see
`_dedup`): signatures, buckets, clusters (with cluster ids kept), filter. Words are split
by a regular expression (`RegexWords`, through datatrove's own `WordTokenizer` interface)
instead of its default for English, spaCy: a lighter dependency and a faster peer; on
English news the 5-gram sets barely differ. Its clusters become copy groups; the original
of each is its earliest-dated member, as for the datasketch peer (`assemble` given
undirected links).

Timed: the four stages, their reading and writing of files included (that is how the
tool works); not timed: writing its input (id and text of each article, from the same
`cluster_articles` the other engines read) and scoring. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from unspun.eval.stories import ClusterTruth
    from unspun.stories.types import Node


def _write_input(clusters: Path, folder: Path) -> tuple[list[ClusterTruth], list[Node]]:
    """Write datatrove's input (id and text of each article); the truth and the nodes."""
    from unspun.eval.stories import cluster_articles
    from unspun.stories.types import Node

    truth: list[ClusterTruth] = []
    nodes: list[Node] = []
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as f:
        for art in cluster_articles(clusters, truth):
            f.write(json.dumps({"id": art.id, "text": art.text}) + "\n")
            nodes.append(Node(art.id, art.url, art.site, art.title, art.published,
                              len(art.text), art.source_id))
    return truth, nodes


def _regex_words() -> Any:
    import re

    from datatrove.utils.word_tokenizers import WordTokenizer

    class RegexWords(WordTokenizer):  # type: ignore[misc]
        """Words as runs of letters and digits (datatrove normalises the text first)."""

        _word = re.compile(r"\w+")

        def word_tokenize(self, text: str) -> list[str]:
            return self._word.findall(text)

        def sent_tokenize(self, text: str) -> list[str]:
            return [text]

        def span_tokenize(self, text: str) -> list[tuple[int, int]]:
            return [m.span() for m in self._word.finditer(text)]

    return RegexWords("en")


def _dedup(work: Path, workers: int) -> None:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig,
        MinhashDedupBuckets,
        MinhashDedupCluster,
        MinhashDedupFilter,
        MinhashDedupSignature,
    )
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from datatrove.utils.hashing import HashConfig

    # datatrove's default hash, xxhash, is handed str, which xxhash 4 refuses (unspun needs
    # xxhash too, so 4.x is what is installed): its other hash, sha1, is used instead.
    config = MinhashConfig(hash_config=HashConfig(precision=64, hash_fc="sha1"))
    logs = str(work / "logs")
    sigs = LocalPipelineExecutor(
        pipeline=[JsonlReader(str(work / "input")),
                  MinhashDedupSignature(output_folder=str(work / "sigs"), config=config,
                                        language=_regex_words())],
        tasks=1, workers=1, logging_dir=f"{logs}/sigs")
    buckets = LocalPipelineExecutor(
        pipeline=[MinhashDedupBuckets(input_folder=str(work / "sigs"),
                                      output_folder=str(work / "buckets"), config=config)],
        tasks=config.num_buckets, workers=workers, logging_dir=f"{logs}/buckets",
        depends=sigs)
    clusters = LocalPipelineExecutor(
        pipeline=[MinhashDedupCluster(input_folder=str(work / "buckets"),
                                      output_folder=str(work / "remove"), config=config,
                                      save_cluster_id=True)],
        tasks=1, workers=1, logging_dir=f"{logs}/clusters", depends=buckets)
    filt = LocalPipelineExecutor(
        pipeline=[JsonlReader(str(work / "input")),
                  MinhashDedupFilter(input_folder=str(work / "remove"), load_cluster_ids=True,
                                     exclusion_writer=JsonlWriter(str(work / "removed"))),
                  JsonlWriter(str(work / "kept"))],
        tasks=1, workers=1, logging_dir=f"{logs}/filter", depends=clusters)
    filt.run()


def _groups(work: Path) -> dict[int, list[str]]:
    import gzip

    groups: dict[int, list[str]] = {}
    for sub in ("kept", "removed"):
        for path in sorted((work / sub).glob("*.jsonl*")):
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "rt", encoding="utf-8") as f:
                for line in f:
                    doc = json.loads(line)
                    cid = doc.get("metadata", {}).get("minhash_cluster_id", -1)
                    if cid is not None and cid >= 0:
                        groups.setdefault(int(cid), []).append(str(doc["id"]))
    return groups


def run(clusters: Path, workers: int, workdir: Path | None = None) -> dict[str, Any]:
    from unspun.eval.stories import score_stories
    from unspun.stories.assemble import assemble
    from unspun.stories.types import PairResult

    work = Path(workdir or tempfile.mkdtemp(prefix="bench-datatrove-"))
    # datatrove skips tasks its logs call completed: a second run in one folder would time
    # nothing, so every run starts from an empty folder
    shutil.rmtree(work, ignore_errors=True)
    truth, nodes = _write_input(clusters, work / "input")
    t = time.perf_counter()
    _dedup(work, workers)
    groups = _groups(work)
    links = [PairResult(g[0], other, "copy", "near-duplicate", 1.0, False, 1.0, 1.0, 0, 0, 0)
             for g in groups.values() for other in g[1:]]
    res = assemble(nodes, links)
    seconds = time.perf_counter() - t
    scores = score_stories(truth, res.members).as_row()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"engine": "datatrove", "seconds": round(seconds, 2), "peak_mb": round(peak, 1),
            "worker_peak_mb": round(kids, 1), **scores,
            "clusters_found": len(groups), "candidate_pairs": len(links)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("clusters", type=Path)
    ap.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args()
    print(json.dumps(run(args.clusters, args.workers, args.workdir)))


if __name__ == "__main__":
    main()
