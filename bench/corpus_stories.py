#!/usr/bin/env python3
"""`unspun stories` over a real corpus of independent articles (Reuters-21578 or BBC News,
read from ../shared/data at run time), and what a user should not see there: stories far
above one event's size, and copy links between items of one template filled for different
companies, weeks or days.

    python3 bench/corpus_stories.py reuters|bbc [--limit N] [--workers N] [--json]

Prints: articles, stories above 50 articles and the five largest (size and headline), copy
links by verdict, copy links between Reuters items whose headlines name disjoint tickers
(`<XYZ>`: different companies' notices), copy links between items more than 14 days apart,
wall time and peak RSS. The library is a temporary file; nothing is written to the repo.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from unspun.eval.clusters import to_article
from unspun.library import Library
from unspun.model import Article
from unspun.published import day_of
from unspun.stories import StoriesOptions, build_stories

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
# a ticker with its exchange suffix is the same company: <PARC> and <PARC.O>
TICKER = re.compile(r"<([A-Z][A-Z0-9]*)(?:\.[A-Z]+)?>")


def _reuters_date(text: str) -> str | None:
    try:
        return datetime.strptime(text.strip()[:20], "%d-%b-%Y %H:%M:%S").isoformat() + "Z"
    except ValueError:
        return None


def records(corpus: str, limit: int | None) -> Iterator[dict[str, Any]]:
    """The corpus as unspun records (title, text, url, published), those with a body."""
    path = DATA / ("reuters-21578" if corpus == "reuters" else "bbc-news") / "articles.jsonl"
    if not path.is_file():
        sys.exit(f"{path}: no such file (the shared data sets are read from ../shared/data)")
    n = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            body = (r.get("body") or "").strip()
            if not body:
                continue
            if corpus == "reuters":
                yield {"title": r.get("title") or "", "text": body,
                       "url": f"https://reuters.example/{r['newid']}",
                       "published": _reuters_date(r.get("date") or "")}
            else:
                yield {"title": r.get("title") or "", "text": body,
                       "url": f"https://bbc.example/{r['id']}"}
            n += 1
            if limit and n >= limit:
                return


def measure(corpus: str, limit: int | None, workers: int) -> dict[str, Any]:
    t0 = time.perf_counter()
    arts: list[Article] = [to_article(r) for r in records(corpus, limit)]
    title = {a.url: a.title for a in arts}
    with tempfile.TemporaryDirectory() as tmp, Library.open(Path(tmp) / "lib.db") as lib:
        lib.add(arts)
        res = build_stories(lib, StoriesOptions(workers=workers, persist=False))
    wall = time.perf_counter() - t0
    published = {m.url: m.published for m in res.members}
    copies = [e for e in res.edges if e.relation == "copy"]
    cross = far = 0
    for e in copies:
        ta = set(TICKER.findall(title.get(e.parent_url or "", "")))
        tb = set(TICKER.findall(title.get(e.child_url or "", "")))
        cross += bool(ta and tb and not ta & tb)
        a, b = published.get(e.parent_url), published.get(e.child_url)
        far += a is not None and b is not None and abs((day_of(a) - day_of(b)).days) > 14
    sizes = sorted(res.stories, key=lambda s: -s.size)
    return {
        "corpus": corpus, "articles": len(arts), "stories": len(res.stories),
        "stories_above_50": sum(1 for s in res.stories if s.size > 50),
        "largest": [(s.size, s.title[:80]) for s in sizes[:5]],
        "copy_links": len(copies),
        "copy_links_by_verdict": dict(Counter(e.verdict for e in copies).most_common()),
        "copy_links_disjoint_tickers": cross if corpus == "reuters" else None,
        "copy_links_over_14_days": far if corpus == "reuters" else None,
        "seconds": round(wall, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", choices=("reuters", "bbc"))
    ap.add_argument("--limit", type=int, default=None, help="first N articles with a body")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    out = measure(args.corpus, args.limit, args.workers)
    if args.json:
        print(json.dumps(out, indent=1))
    else:
        for k, v in out.items():
            print(f"{k}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
