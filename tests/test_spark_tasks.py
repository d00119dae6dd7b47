"""The Spark engine's worker functions, on plain pandas frames (no Spark needed): the term
search re-implemented from FTS5's bm25 ranks exactly as the library's SQLite index does,
parsing gives the library's articles, and re-scoring gives `retrieve`'s scores."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from unspun.engines.spark_tasks import (
    ARTICLE_COLS,
    fingerprint_rows,
    fts_tokens,
    parse_records,
    query_tokens,
    rescore_rows,
    retrieve_defaults,
    term_rank_rows,
)
from unspun.eval.stories import cluster_articles
from unspun.library import Library
from unspun.library.fingerprint import fingerprint
from unspun.library.termrank import IDF_UNITS, idf_units, term_cap, term_idf
from unspun.options import ReadOptions
from unspun.retrieve.candidates import retrieve

DEMO = Path(__file__).resolve().parents[1] / "demo" / "clusters.jsonl"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, pd.DataFrame]:
    lib = Library.open(tmp_path_factory.mktemp("sparktasks") / "lib.db")
    lib.add(cluster_articles(DEMO, []))
    rows = lib.conn.execute(f"SELECT {', '.join(ARTICLE_COLS)} FROM articles ORDER BY doc")
    arts = pd.DataFrame(rows.fetchall(), columns=list(ARTICLE_COLS))
    return lib, arts


def test_tokens_as_unicode61_with_diacritics_removed() -> None:
    assert fts_tokens("Café 300x000 naïve") == ["cafe", "300x000", "naive"]
    assert fts_tokens("a×b") == ["a", "b"]
    assert query_tokens(["café", "a×b", "kiev", "café", "x-y"]) == ["cafe", "kiev"]


def test_parse_gives_the_librarys_articles(demo: tuple[Library, pd.DataFrame]) -> None:
    _lib, arts = demo
    recs = []
    for line in DEMO.read_text(encoding="utf-8").splitlines():
        c = json.loads(line)
        for r in (c["original"], *c["copies"], *c.get("distractors", [])):
            recs.append(json.dumps({**r, "published": r.get("date")}))
    parsed = parse_records(pd.DataFrame({"doc": range(1, len(recs) + 1), "record": recs}),
                           ReadOptions(learn_furniture=False))
    assert parsed["error"].isna().all()
    for col in ("id", "text", "blocks", "published", "site"):
        assert list(parsed[col]) == list(arts[col]), col
    bad = parse_records(pd.DataFrame({"doc": [7, 8], "record": ["{oops", '{"url": "u"}']}),
                        ReadOptions())
    assert bad["error"].str.startswith("record 7: not valid JSON").iloc[0]
    assert "no article text" in bad["error"].iloc[1] and bad["id"].isna().all()


def test_term_ranking_equals_the_librarys(demo: tuple[Library, pd.DataFrame]) -> None:
    lib, arts = demo
    ro = retrieve_defaults()
    fp = fingerprint_rows(arts, lib.params, ro.query_terms)
    n = len(fp)
    cap = term_cap(n, ro.max_df)
    lists: dict[str, list[int]] = {}
    for doc, toks in zip(fp["doc"], fp["tokens"], strict=True):
        for t in toks:
            lists.setdefault(t, []).append(int(doc))
    stored = dict(lib.conn.execute("SELECT doc, terms FROM articles").fetchall())
    rows = []
    want: dict[int, list[int]] = {}
    searched = 0
    for doc, terms, phrases in zip(fp["doc"], fp["terms"], fp["phrases"], strict=True):
        assert terms == stored[int(doc)]
        # The reference: summed fixed-point IDFs of shared tokens, in plain Python.
        scores: dict[int, int] = {}
        for p in phrases:
            if len(lists.get(p, ())) > cap:
                continue
            for d in lists.get(p, ()):
                scores[d] = scores.get(d, 0) + idf_units(term_idf(n, len(lists[p])))
        mine = sorted(scores, key=lambda d: (-scores[d], d))[: ro.terms_limit]
        art = lib.articles_by_doc([int(doc)])[int(doc)]
        qterms = [t.text for t in fingerprint(art, lib.params).terms[: ro.query_terms]]
        theirs = lib.term_candidates(qterms, ro.terms_limit, ro.max_df)
        assert mine == [d for d, _ in theirs]
        assert [round(scores[d] / IDF_UNITS, 4) for d in mine] == [s for _, s in theirs]
        searched += bool(theirs)
        want[int(doc)] = mine
        rows += [{"q": int(doc), "df": len(lists[p]), "docs": lists[p]} for p in phrases
                 if len(lists.get(p, ())) <= cap]
    assert searched == n
    # What Spark runs: one row per query token with its posting list, in batches of 7 rows,
    # so most queries straddle two batches, as Arrow batches cut them.
    frame = pd.DataFrame(rows).sort_values("q", kind="stable").reset_index(drop=True)
    batches = (frame.iloc[i:i + 7] for i in range(0, len(frame), 7))
    got = pd.concat(list(term_rank_rows(batches, n, ro.terms_limit)), ignore_index=True)
    for doc, mine in want.items():
        ranked = got[got["q"] == doc].sort_values("r_t")
        assert list(ranked["d"]) == mine
        assert list(ranked["r_t"]) == list(range(1, len(mine) + 1))


def test_rescore_equals_retrieve(demo: tuple[Library, pd.DataFrame]) -> None:
    lib, arts = demo
    ro = retrieve_defaults()
    fp = fingerprint_rows(arts, lib.params, ro.query_terms).set_index("doc")
    by_doc = arts.set_index("doc")
    ids = {str(i): int(d) for d, i in zip(arts["doc"], arts["id"], strict=True)}
    q = int(arts["doc"].iloc[0])
    art = lib.articles_by_doc([q])[q]
    want = {ids[c.article.id]: c.score for c in retrieve(lib, art, ro)}
    rows = [{"q": q, "d": d, "q_text": by_doc.at[q, "text"], "d_text": by_doc.at[d, "text"],
             "q_terms": fp.at[q, "terms"], "q_weights": fp.at[q, "weights"],
             "d_terms": fp.at[d, "terms"], "d_published": by_doc.at[d, "published"]}
            for d in want]
    got = rescore_rows(pd.DataFrame(rows))
    assert dict(zip(got["d"], got["kept_score"], strict=True)) == want


def test_cli_spark_engine_usage_errors(tmp_path: Path) -> None:
    """`--engine spark` without its inputs, or an unknown engine: exit 2, one line."""
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "unspun", "stories", *args],
                              capture_output=True, text=True, cwd=tmp_path)

    r = run("--engine", "spark", "--out", str(tmp_path / "o"))
    assert r.returncode == 2 and "--input" in r.stderr and "Traceback" not in r.stderr
    r = run("--engine", "spark", "--input", str(tmp_path / "missing.jsonl"), "--out", "o")
    assert r.returncode == 2 and "missing.jsonl" in r.stderr
    r = run("--engine", "hadoop")
    assert r.returncode == 2 and "local or spark" in r.stderr
