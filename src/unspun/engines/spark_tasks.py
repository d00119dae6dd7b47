"""What Spark's Python workers run: pandas batch in, pandas batch out, each row through the
same pure functions the local engine calls (ingest, fingerprints, retrieval re-scoring,
`verify_pair`, `assemble`, `site_profiles`). Nothing here imports pyspark, so every step
can be tested on plain pandas frames.

The one thing re-implemented is the lookup of the distinctive-term search
(`Library.term_candidates`), because on a cluster there is no SQLite index: FTS5's
unicode61 tokens (`fts_tokens`), the same IDF (`term_idf`, libm's log as in the library)
summed in fixed point by the library's own `rank_postings`, so scores are equal bit for bit.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pandas as pd

from unspun.errors import input_error
from unspun.ingest.jsonl import article_from_record, parse_json
from unspun.library.fingerprint import fingerprints
from unspun.library.ftstokens import fts_tokens, query_tokens
from unspun.library.minhash import FingerprintParams
from unspun.library.schema import row_to_article
from unspun.library.termrank import term_idf
from unspun.model import Article
from unspun.options import MAX_TERM_DF, AlignOptions, ReadOptions, RetrieveOptions
from unspun.published import to_iso
from unspun.retrieve.candidates import term_overlap
from unspun.retrieve.containment import containment, profile
from unspun.retrieve.terms import Term
from unspun.stories.assemble import assemble_links, joins_stories, kept_links
from unspun.stories.options import StoriesOptions
from unspun.stories.sites import NO_SITE, site_profiles
from unspun.stories.types import Member, Node, PairResult, StoriesResult, published_of
from unspun.stories.verify import Side, side_of, skeleton_need, verify_pair, worth_verifying
from unspun.stories.write import table_rows

#: Article columns as the library stores them (`row_to_article` order).
ARTICLE_COLS = ("doc", "id", "url", "site", "title", "published", "lang", "text", "blocks",
                "source_id")

# ---- ingest -------------------------------------------------------------------------------

def parse_records(pdf: pd.DataFrame, options: ReadOptions) -> pd.DataFrame:
    """(doc, record JSON) -> library article columns + `error` (one line naming the problem;
    the article columns are null then). The same `article_from_record` as `unspun add`."""
    out: list[dict[str, Any]] = []
    for doc, rec in zip(pdf["doc"], pdf["record"], strict=True):
        try:
            obj = parse_json(rec)
        except ValueError as exc:
            out.append(error_row(int(doc), f"record {doc}: not valid JSON ({exc})"))
            continue
        try:
            a = article_from_record(obj, options)
        except Exception as exc:  # one bad record must not fail the task
            out.append(error_row(int(doc), str(input_error(f"record {doc}", exc))))
        else:
            out.append(article_row(int(doc), a))
    return rows_frame(out)


def article_row(doc: int, a: Article) -> dict[str, Any]:
    """An article as the library stores it (`ARTICLE_COLS`), `error` null."""
    return {"doc": doc, "id": a.id, "url": a.url, "site": a.site, "title": a.title,
            "published": to_iso(a.published),
            "lang": a.lang, "text": a.text,
            "blocks": json.dumps([[b.role, b.start, b.end] for b in a.blocks]),
            "source_id": a.source_id, "error": None}


def error_row(doc: int, error: str) -> dict[str, Any]:
    """An input that gave no article: its doc and the one-line error, the rest null."""
    return {**dict.fromkeys(ARTICLE_COLS), "doc": doc, "error": error}


def rows_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """`article_row`/`error_row` rows as the frame `parse_records` returns."""
    return pd.DataFrame(rows, columns=[*ARTICLE_COLS, "error"])


def article_of(row: Any) -> Article:
    """A library-shaped row (any object with the `ARTICLE_COLS` attributes) -> Article."""
    return row_to_article(tuple(getattr(row, c) for c in ARTICLE_COLS))


# ---- fingerprints and the term index --------------------------------------------------------

def fingerprint_rows(pdf: pd.DataFrame, params: FingerprintParams, query_terms: int
                     ) -> pd.DataFrame:
    """Per article: LSH band keys, its stored term list (`terms`, weights), the index tokens
    of that list (distinct), and the tokens its first `query_terms` terms look up (what
    `retrieve` searches)."""
    arts = [article_of(r) for r in pdf.itertuples(index=False)]
    fps = fingerprints(arts, params)
    rows: list[dict[str, Any]] = []
    for f, doc in zip(fps, pdf["doc"], strict=True):
        rows.append({"doc": int(doc), "keys": sorted(set(f.keys)), "terms": f.terms_text,
                     "weights": [t.weight for t in f.terms],
                     "tokens": sorted(set(fts_tokens(f.terms_text))),
                     "phrases": query_tokens([t.text for t in f.terms[:query_terms]])})
    return pd.DataFrame(rows, columns=["doc", "keys", "terms", "weights", "tokens",
                                       "phrases"])


def day_rows(pdf: pd.DataFrame) -> pd.DataFrame:
    """(doc, published) -> (doc, day): the window's day numbers (`search.day_number`)."""
    from unspun.stories.search import day_number

    return pd.DataFrame({"doc": pdf["doc"].astype("int64"),
                         "day": [day_number(p) for p in pdf["published"]]},
                        columns=["doc", "day"]).astype("int64")


def term_rank_rows(batches: Iterator[pd.DataFrame], rows: int, limit: int,
                   max_df: int = MAX_TERM_DF, window: int | None = None
                   ) -> Iterator[pd.DataFrame]:
    """Each query's term candidates, as `Library.term_candidates` ranks them.

    In: batches of (q, pos, df, docs) rows, one per query token (in at most `hard_cap`
    articles) with its posting list, sorted by q then pos (a query's rows may straddle
    batches). The query's plan (`term_plan`) picks the tokens looked up. Out: (q, d, r_t)
    for the `limit` best docs of each query, by `rank_postings` over (docs, `term_idf`).
    With `window`, the rows also carry each posting's day (`days`) and the query's
    (`q_day`), and the postings outside the window are dropped before the ranking (the
    plan still counts whole lists, as the local search does)."""
    import numpy as np

    from unspun.library.postings import rank_postings
    from unspun.library.termrank import term_plan
    from unspun.stories.search import in_window

    qs: list[int] = []
    ds: list[int] = []
    rs: list[int] = []

    def rank(q: int, found: list[tuple[Any, int]]) -> None:
        dfs = np.array([f for _, f in found], dtype=np.int64)
        use = term_plan(dfs, np.zeros(len(found), dtype=np.int64), rows, max_df)
        best = rank_postings([(np.asarray(d, dtype=np.int64), term_idf(rows, f))
                              for (d, f), u in zip(found, use.tolist(), strict=True) if u],
                             limit)
        qs.extend([q] * len(best))
        ds.extend(d for d, _ in best)
        rs.extend(range(1, len(best) + 1))

    def flush() -> pd.DataFrame:
        # One frame per batch, not per query: a frame costs ~100 us to make.
        out = pd.DataFrame({"q": qs, "d": ds, "r_t": rs}, columns=["q", "d", "r_t"],
                           dtype="int64")
        for col in (qs, ds, rs):
            col.clear()
        return out

    cur: int | None = None
    found: list[tuple[Any, int]] = []
    for pdf in batches:
        win = window if "days" in pdf.columns else None
        days = pdf["days"] if win is not None else [None] * len(pdf)
        q_days = pdf["q_day"] if win is not None else [None] * len(pdf)
        for q, df, docs, dd, qd in zip(pdf["q"], pdf["df"], pdf["docs"], days, q_days,
                                       strict=True):
            if q != cur:
                if cur is not None:
                    rank(cur, found)
                cur, found = int(q), []
            if win is not None:
                d_arr = np.asarray(docs, dtype=np.int64)
                keep = in_window(np.full(len(d_arr), int(qd), dtype=np.int64),
                                 np.asarray(dd, dtype=np.int64), win)
                docs = d_arr[keep]
            found.append((docs, int(df)))
        if qs:
            yield flush()
    if cur is not None:
        rank(cur, found)
        yield flush()


# ---- candidate re-scoring (step 4 of `retrieve`) --------------------------------------------

_W_COVERAGE = 0.45
_W_TRIGRAM = 0.20
_W_TERMS = 0.35
_W_REVERSE = 0.05


def rescore_rows(pdf: pd.DataFrame) -> pd.DataFrame:
    """Pooled (query, candidate) pairs -> `retrieve`'s containment + term-overlap score.

    Columns in: q, d, q_text, d_text, q_terms, q_weights, d_terms, d_published. Out: q, d,
    score (raw, for ranking), kept_score (rounded as `Candidate.score`), date_key. A query's
    profile and terms are made once for a run of rows with the same q (the engine sorts by
    q); candidates' profiles come from `profile`'s own cache."""
    cur: Any = None
    qp: Any = None
    qterms: list[Term] = []
    out: list[tuple[int, int, float, float, str]] = []
    for r in pdf.itertuples(index=False):
        if r.q != cur:
            cur, qp = r.q, profile(r.q_text)
            qterms = [Term(t, "rare", float(w)) for t, w in
                      zip(r.q_terms.split(), r.q_weights, strict=True)]
        c = containment(qp, profile(r.d_text))
        overlap = term_overlap(qterms, frozenset(r.d_terms.split()))
        score = (_W_COVERAGE * c.coverage + _W_TRIGRAM * c.trigram + _W_TERMS * overlap
                 + _W_REVERSE * c.reverse)
        out.append((int(r.q), int(r.d), score, round(score, 4), r.d_published or "9999"))
    return pd.DataFrame(out, columns=["q", "d", "score", "kept_score", "date_key"])


# ---- verification ---------------------------------------------------------------------------

def _side(r: Any, p: str) -> Article:
    return row_to_article(tuple(getattr(r, f"{p}_{c}") for c in ARTICLE_COLS))


def verify_rows(pdf: pd.DataFrame, align: AlignOptions, options: StoriesOptions
                ) -> pd.DataFrame:
    """Candidate pairs (both articles' columns, prefixed lo_/hi_) -> `verify_pair` results
    of those that pass the pre-check (`worth_verifying`, as the local engine runs it):
    lo, hi (docs), the result as JSON, and what the graph needs: `kept` ("copy" or
    "same-story" when `kept_links` keeps the link, else null) and `joins` (a kept
    same-story link that joins two stories)."""
    sides: dict[int, Side] = {}

    def side(doc: int, r: Any, p: str) -> Side:
        got = sides.get(doc)
        if got is None:
            if len(sides) > 512:
                sides.clear()
            got = sides[doc] = side_of(_side(r, p))
        return got

    need = skeleton_need(options) if options.precheck else None
    out: list[dict[str, Any]] = []
    for r in pdf.itertuples(index=False):
        a, b = side(int(r.lo_doc), r, "lo"), side(int(r.hi_doc), r, "hi")
        if need is not None and not worth_verifying(a, b, need):
            continue  # the pre-check: no link could be kept (as the local engine skips it)
        res = verify_pair(a, b, align)
        ends = {i: Node(i, None, None, "", None, 0) for i in (res.copy, res.source)}
        copies, same = kept_links(ends, [res], options)
        kept = "copy" if copies else "same-story" if same else None
        out.append({"lo": int(r.lo_doc), "hi": int(r.hi_doc), "kept": kept,
                    "joins": bool(same) and joins_stories(res, options),
                    "result": json.dumps(res.as_json(), sort_keys=True)})
    return pd.DataFrame(out, columns=["lo", "hi", "kept", "joins", "result"])


# ---- assembling stories, one shard of whole components at a time ----------------------------

NODE_COLS = ("doc", "id", "url", "site", "title", "published", "chars", "source_id", "own")


def _node(r: Any) -> Node:
    return Node(str(r.id), r.url, r.site, str(r.title),
                published_of(r.published), int(r.chars), r.source_id)


def assemble_shard(nodes: pd.DataFrame, links: pd.DataFrame, options: StoriesOptions,
                   share: dict[str, float] | None) -> StoriesResult:
    """`assemble`'s second half on whole components (of copy links and joining same-story
    links). Nodes with `own` false are the far ends of same-story links that leave the shard:
    present only so a same-story member's confidence sees every link it has, as in a
    whole-library run; their rows are dropped by the caller."""
    ns = {n.id: n for n in (_node(r) for r in nodes.itertuples(index=False))}
    results = [PairResult.from_json(json.loads(s)) for s in links["result"]]
    copies, same = kept_links(ns, results, options)
    return assemble_links(ns, copies, same, share, options)


def _roots(members: list[Member]) -> dict[str, str]:
    parent = {m.article_id: m.copied_from_id for m in members}
    out: dict[str, str] = {}
    for m in members:
        i = m.article_id
        while parent.get(i):
            i = str(parent[i])
        out[m.article_id] = i
    return out


def shard_rows(res: StoriesResult, own: set[str]) -> Iterator[tuple[str, str, str]]:
    """(table, sort key, row JSON) for the shard's own rows; members also carry what site
    profiles need (root, and the lineage link's verdict and meaning edits)."""
    rows = table_rows(res)
    roots = _roots(res.members)
    link = {e.child: e for e in res.edges if e.in_lineage}
    keep_story = {m.story_id for m in res.members if m.article_id in own}
    for m, row in zip(res.members, rows["members"], strict=True):
        if m.article_id not in own:
            continue
        e = link.get(m.article_id)
        extra = {"_root": roots[m.article_id], "_link_verdict": e.verdict if e else None,
                 "_link_meaning": e.meaning_edits if e else None}
        yield "members", m.story_id, json.dumps({**row, **extra})
    for s, row in zip(res.stories, rows["stories"], strict=True):
        if s.id in keep_story:
            yield "stories", s.id, json.dumps(row)
    for e, row in zip(res.edges, rows["edges"], strict=True):
        if e.story_id in keep_story:
            yield "edges", e.story_id, json.dumps(row)


# ---- site profiles, one site (with the members it refers to) at a time ----------------------

def site_rows(site: str, rows: list[str]) -> dict[str, Any]:
    """The profile of `site` from its members plus context (the sources and roots of its
    copies, and other sites' copies of its articles): `site_profiles` on exactly what it
    reads for this site; context members' own links are cut unless they point into it."""
    by_id: dict[str, dict[str, Any]] = {}
    for s in rows:
        d = json.loads(s)
        if d["article_id"] not in by_id or (d["site"] or NO_SITE) == site:
            by_id[d["article_id"]] = d
    mine = {i for i, d in by_id.items() if (d["site"] or NO_SITE) == site}
    members: list[Member] = []
    parent_links: dict[str, PairResult] = {}
    roots: dict[str, str] = {}
    for i, d in by_id.items():
        m = Member.from_row(d)
        if i not in mine and m.copied_from_id is not None and m.copied_from_id not in mine:
            m.role, m.copied_from, m.copied_from_id = "original", None, None
        members.append(m)
        roots[i] = d["_root"]
        if i in mine and d["_link_verdict"] is not None and m.copied_from_id is not None:
            parent_links[i] = PairResult(m.copied_from_id, i, "copy", d["_link_verdict"],
                                         float(m.confidence or 0.0), True, 0.0, 0.0, 0,
                                         int(d["_link_meaning"] or 0), 0)
    for p in site_profiles(members, parent_links, roots):
        if p.site == site:
            return p.as_row()
    raise ValueError(f"no profile for site {site!r}")


def retrieve_defaults() -> RetrieveOptions:
    """The retrieval settings `scan_task` uses for stories (pool re-scored = top)."""
    o = StoriesOptions()
    return RetrieveOptions(top=o.pool, pool=o.pool, min_score=0.0)
