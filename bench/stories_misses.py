"""Where a stories run lost its copy links: for each copy recipe of a generated benchmark,
how many copies did not land in their original's story, and for those, whether the search
proposed any pair with a member of their family (and how such pairs were verified).

    python3 bench/stories_misses.py CLUSTERS.jsonl LIBRARY.db TABLES_DIR

CLUSTERS.jsonl is `unspun bench make`'s output, LIBRARY.db the library the stories run used
(its `story_cands` and `story_pairs` tables), TABLES_DIR the run's `--out` folder
(`members.parquet`; `bench_stories.py` writes it as `lib<size>-tables`). Read-only.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections import Counter, defaultdict

import pyarrow.parquet as pq  # type: ignore[import-untyped]


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__.split("\n\n")[1].strip())
    clusters, library, tables = sys.argv[1:4]
    recipe: dict[str, str] = {}  # url -> recipe ("original" for the original)
    families: dict[str, list[str]] = defaultdict(list)  # cluster -> urls, original first
    with open(clusters, encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            for r in (c["original"], *c["copies"]):
                recipe[r["url"]] = r.get("recipe", "original")
                families[c["cluster_id"]].append(r["url"])
    members = pq.read_table(f"{tables}/members.parquet",
                            columns=["url", "story_id", "article_id"]).to_pylist()
    story = {m["url"]: m["story_id"] for m in members}
    article = {m["url"]: m["article_id"] for m in members if m["url"] in recipe}
    con = sqlite3.connect(f"file:{library}?mode=ro", uri=True)
    wanted = set(article.values())
    doc = {i: d for d, i in con.execute("SELECT doc, id FROM articles") if i in wanted}
    proposed = set(con.execute("SELECT lo, hi FROM story_cands"))
    verdict = {(lo, hi): f"{rel}/{v}" for lo, hi, rel, v in con.execute(
        "SELECT lo, hi, json_extract(result, '$.relation'), json_extract(result, '$.verdict') "
        "FROM story_pairs")}
    total: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    why: dict[str, Counter[str]] = defaultdict(Counter)
    for urls in families.values():
        for url in urls[1:]:
            total[recipe[url]] += 1
            if story.get(url) == story.get(urls[0]):
                continue
            missed[recipe[url]] += 1
            a, da = article[url], doc[article[url]]
            found = [article[u] for u in urls if u != url
                     and (min(da, doc[article[u]]), max(da, doc[article[u]])) in proposed]
            seen = sorted({verdict[(min(a, b), max(a, b))] for b in found
                           if (min(a, b), max(a, b)) in verdict})
            why[recipe[url]]["no candidate pair with any family member" if not found else
                             "proposed; verified as " + (", ".join(seen) or "nothing")] += 1
    print("recipe | copies | missed | share missed")
    for name in sorted(total):
        print(f"{name} | {total[name]} | {missed[name]} | {missed[name] / total[name]:.4f}")
        for reason, n in why[name].most_common(5):
            print(f"    {n} {reason}")
    lost = sum(c["no candidate pair with any family member"] for c in why.values())
    print(f"{sum(missed.values())} of {sum(total.values())} copies missed; {lost} of them "
          f"had no candidate pair with any family member")


if __name__ == "__main__":
    main()
