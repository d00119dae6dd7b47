"""`build_stories`: the whole-library run, scheduled on an engine, state kept in the library.

1. Search: every article not yet searched (all of them on a first or `full` run) gets its
   candidate partners from retrieval (LSH band keys and distinctive-term search, fused and
   re-scored; at most `per_article`, each scoring >= `min_score`). Articles that appear in a
   new article's retrieval pool are searched again, because the new article may now be
   among *their* best partners: that is what keeps an incremental run equal to a full one.
   Only articles searched before that new article was added are (each search records the
   highest doc number it saw; doc numbers are never reused), so resuming an interrupted
   run searches nothing twice.
2. Verify: distinct unordered candidate pairs are streamed page by page; pairs without a
   stored result (same verification scheme) are verified by `verify_pair` on the engine's
   workers and stored.
3. Assemble (pure, `assemble`): copy groups, stories, lineage, rows, site profiles.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterator
from contextlib import closing

import numpy as np

from unspun.engines import Engine
from unspun.engines.local import LocalEngine
from unspun.library import Library
from unspun.options import RetrieveOptions
from unspun.stories.assemble import assemble
from unspun.stories.index import load_index
from unspun.stories.options import StoriesOptions
from unspun.stories.search import SearchIndex, SearchLimits, pools
from unspun.stories.state import StoryState, pair_tag, scan_tag
from unspun.stories.tasks import RescoreBatch, VerifyBatch, rescore_task, verify_task
from unspun.stories.types import Node, PairResult, StoriesResult, published_of
from unspun.stories.verify import skeleton_need

#: A verification batch holds whole candidate groups, up to this many times `batch_pairs`.
GROUP_CUT = 8

#: progress(stage, done, total)
Progress = Callable[[str, int, int], None]


def load_nodes(library: Library) -> tuple[list[Node], dict[int, str]]:
    """Every stored article as a `Node` (no text, its `source_id` null in a schema 1
    library), and doc number -> article id."""
    nodes: list[Node] = []
    ids: dict[int, str] = {}
    for doc, aid, url, site, title, published, chars, source_id in library.conn.execute(
            "SELECT doc, id, url, site, title, published, length(text), "
            f"{library.source_id_sql} FROM articles ORDER BY doc"):
        ids[int(doc)] = str(aid)
        nodes.append(Node(str(aid), url, site, str(title), published_of(published),
                          int(chars), source_id))
    return nodes, ids


def search_limits(options: StoriesOptions) -> SearchLimits:
    """The whole-library search's bounds: `retrieve`'s defaults, the stories pool and window."""
    ro = RetrieveOptions()
    return SearchLimits(lsh_limit=ro.lsh_limit, terms_limit=ro.terms_limit, max_df=ro.max_df,
                        rrf_k=ro.rrf_k, pool=options.pool, window_days=options.window_days)


def _batches(index: SearchIndex, docs: list[int], size: int, options: StoriesOptions
             ) -> Iterator[RescoreBatch]:
    """Rescoring batches of `size` queries, their pools found in arrays `search_chunk`
    queries at a time."""
    limits = search_limits(options)
    for i in range(0, len(docs), options.search_chunk):
        chunk = np.array(docs[i : i + options.search_chunk], dtype=np.int64)
        qpos = np.searchsorted(index.docs, chunk)
        ok = (qpos < len(index.docs)) & (index.docs[np.minimum(qpos, len(index.docs) - 1)]
                                         == chunk) if len(index.docs) else qpos < 0
        got = pools(index, qpos[ok], limits)
        by_q: dict[int, list[int]] = {int(q): [] for q in chunk[ok]}
        for q, d in zip(got.query.tolist(), got.cand.tolist(), strict=True):
            by_q[q].append(d)
        items = [(q, tuple(ds)) for q, ds in by_q.items()]
        for j in range(0, len(items), size):
            yield RescoreBatch(tuple(items[j : j + size]), options.per_article,
                               options.min_score)


def _scan(engine: Engine, state: StoryState, index: SearchIndex, docs: list[int],
          options: StoriesOptions, tag: str, seen: int, progress: Progress | None, stage: str,
          known: dict[int, int | None] | None = None) -> set[int]:
    """Search `docs`' candidates in a library whose highest doc number is `seen` and store
    them; return the already-searched articles (`known`: doc -> the highest doc number its
    search saw) that appeared in the retrieval pool of an article added after their search."""
    touched: set[int] = set()
    done = 0
    size = max(1, min(options.batch_articles, len(docs) // (4 * max(1, options.workers)) or 1))
    for got in engine.map(rescore_task, _batches(index, docs, size, options)):
        state.save_scan(got, tag, seen)
        if known:
            for r in got:
                for d in r.pooled:
                    if d in known:
                        last = known[d]
                        if last is None or r.doc > last:
                            touched.add(d)
        done += len(got)
        if progress:
            progress(stage, done, len(docs))
    return touched


def build_stories(library: Library, options: StoriesOptions = StoriesOptions(),
                  engine: Engine | None = None, progress: Progress | None = None
                  ) -> StoriesResult:
    """Stories of every article in `library` (see the module docstring for the steps)."""
    t0 = time.perf_counter()
    own_engine = engine is None
    eng: Engine = engine if engine is not None else LocalEngine(library, options.workers)
    state = StoryState(library, options.persist)
    stats: dict[str, float | int | str] = {"engine": eng.name}
    try:
        nodes, ids = load_nodes(library)
        stag, ptag = scan_tag(library, options), pair_tag(library, options)
        todo, old = state.plan_scan(sorted(ids), stag, options.full)
        top = max(ids, default=0)
        index = load_index(library, RetrieveOptions().query_terms) if todo else None
        if index is not None:
            stats["index_seconds"] = round(time.perf_counter() - t0, 3)
            again = sorted(_scan(eng, state, index, todo, options, stag, top, progress,
                                 "search", old))
            if again:
                _scan(eng, state, index, again, options, stag, top, progress, "search again")
        else:
            again = []
        del index
        stats.update(searched=len(todo), searched_again=len(again),
                     search_seconds=round(time.perf_counter() - t0, 3))
        t1 = time.perf_counter()
        verified, reused, total, dropped = _verify(eng, state, ids, options, ptag, progress)
        stats.update(candidate_pairs=total, verified_pairs=verified, reused_pairs=reused,
                     prechecked_out=dropped,
                     verify_seconds=round(time.perf_counter() - t1, 3))
        t2 = time.perf_counter()
        result = assemble(nodes, stored_results(state, ids, ptag), options)
        stats.update(assemble_seconds=round(time.perf_counter() - t2, 3),
                     seconds=round(time.perf_counter() - t0, 3))
        result.stats.update(stats)
        return result
    finally:
        if own_engine:
            eng.close()
        state.close()


def _verify(engine: Engine, state: StoryState, ids: dict[int, str], options: StoriesOptions,
            tag: str, progress: Progress | None) -> tuple[int, int, int, int]:
    counts = {"verified": 0, "reused": 0, "total": 0, "prechecked_out": 0}
    need = skeleton_need(options) if options.precheck else None
    total_pairs = state.pair_count()
    if progress:
        progress("verify", 0, total_pairs)

    def batches(pages: Iterator[list[tuple[int, int, int]]]
                ) -> Generator[VerifyBatch, None, None]:
        # Batches are cut between groups of the candidate graph (see `grouped_pairs`), so an
        # article is read and prepared by one task, not once per pair; a group larger than
        # `GROUP_CUT` batches is cut inside.
        batch: list[tuple[int, int]] = []
        group = -1
        for page in pages:
            keyed = {(ids[a], ids[b]) if ids[a] < ids[b] else (ids[b], ids[a]): (g, a, b)
                     for g, a, b in page if a in ids and b in ids}
            have = state.cached(list(keyed), tag)
            counts["reused"] += len(have)
            counts["total"] += len(keyed)
            for g, a, b in sorted(v for k, v in keyed.items() if k not in have):
                if batch and ((g != group and len(batch) >= options.batch_pairs)
                              or len(batch) >= GROUP_CUT * options.batch_pairs):
                    yield VerifyBatch(tuple(batch), options.align, need)
                    batch = []
                group = g
                batch.append((a, b))
        if batch:
            yield VerifyBatch(tuple(batch), options.align, need)

    # Closed here, not whenever they are collected: a run stopped mid-way (Ctrl-C) drops
    # the pages' temporary tables while the library is still open.
    with closing(state.grouped_pairs()) as pages, closing(batches(pages)) as todo:
        for got, dropped in engine.map(verify_task, todo):
            state.save_pairs([r for _, _, r in got], tag)
            counts["verified"] += len(got)
            counts["prechecked_out"] += dropped
            if progress:
                progress("verify", counts["verified"] + counts["reused"]
                         + counts["prechecked_out"], total_pairs)
    return counts["verified"], counts["reused"], counts["total"], counts["prechecked_out"]


def stored_results(state: StoryState, ids: dict[int, str], tag: str) -> Iterator[PairResult]:
    """Results of the current candidate pairs (unrelated ones included; assemble drops them)."""
    for page in state.pair_pages():
        keys = [(ids[a], ids[b]) if ids[a] < ids[b] else (ids[b], ids[a])
                for a, b in page if a in ids and b in ids]
        got = state.cached(keys, tag)
        for k in sorted(got):
            yield got[k]
