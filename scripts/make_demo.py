"""Regenerate the demo corpus (demo/clusters.jsonl and demo/corpus/) byte-identically.

Same as `unspun bench make --demo --out demo`. Run from the repository root.
"""

from __future__ import annotations

import sys
from pathlib import Path

from unspun.corpus.demo import write_demo

if __name__ == "__main__":
    out = (
        Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "demo"
    )
    stats = write_demo(out)
    print(
        f"wrote {stats.clusters} clusters, {stats.articles} articles, {stats.pages} pages to {out}"
    )
