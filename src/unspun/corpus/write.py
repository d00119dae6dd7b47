"""Writers: the cluster JSONL (one line per cluster, streamed) and optional HTML pages."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from unspun.corpus.doc import Cluster
from unspun.corpus.html import page


@dataclass(slots=True)
class WriteStats:
    clusters: int = 0
    articles: int = 0
    bytes: int = 0
    pages: int = 0


def write_clusters(
    clusters: Iterable[Cluster], out_dir: Path, *, html: bool = False, pages_dir: Path | None = None
) -> WriteStats:
    """Write `out_dir/clusters.jsonl` (and pages when `html`), holding one cluster at a time."""
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = pages_dir or out_dir / "pages"
    stats = WriteStats()
    path = out_dir / "clusters.jsonl"
    tmp = path.with_suffix(".jsonl.part")
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for cluster in clusters:
            line = cluster.to_line() + "\n"
            f.write(line)
            stats.clusters += 1
            stats.articles += 1 + len(cluster.copies) + len(cluster.distractors)
            stats.bytes += len(line.encode("utf-8"))
            if html:
                stats.pages += write_pages(cluster, pages)
    os.replace(tmp, path)
    return stats


def page_names(cluster: Cluster) -> list[str]:
    """File names of a cluster's pages, in `articles()` order."""
    names = ["original.html"]
    names += [
        f"copy-{j}-{c.extra.get('recipe', c.kind)}.html" for j, c in enumerate(cluster.copies)
    ]
    names += [f"distractor-{k}.html" for k in range(len(cluster.distractors))]
    return names


def write_pages(cluster: Cluster, pages: Path) -> int:
    folder = pages / cluster.cluster_id
    folder.mkdir(parents=True, exist_ok=True)
    docs = cluster.articles()
    for name, doc in zip(page_names(cluster), docs, strict=True):
        (folder / name).write_text(page(doc), encoding="utf-8", newline="\n")
    return len(docs)
