"""The two tasks an engine runs: candidate search for a batch of articles, and verification
of a batch of candidate pairs. Each reads only the library it is given (read-only) and
calls the pure functions (`retrieve` scoring, `verify_pair`)."""

from __future__ import annotations

from dataclasses import dataclass

from unspun.library import Library
from unspun.model import Article
from unspun.options import AlignOptions, RetrieveOptions
from unspun.published import from_iso, to_iso
from unspun.retrieve.candidates import rescore, retrieve, term_overlap
from unspun.retrieve.containment import containment, profile
from unspun.retrieve.terms import Term, article_terms
from unspun.stories.types import PairResult
from unspun.stories.verify import Skeleton, side_of, verify_pair, worth_verifying


@dataclass(slots=True, frozen=True)
class ScanBatch:
    docs: tuple[int, ...]
    per_article: int
    pool: int
    min_score: float


@dataclass(slots=True, frozen=True)
class ScanRow:
    """One article's candidates: kept partners (doc, score) and everything retrieval pooled."""

    doc: int
    kept: tuple[tuple[int, float], ...]
    pooled: tuple[int, ...]


@dataclass(slots=True, frozen=True)
class RescoreBatch:
    """Queries with their fused pools (`stories.search.pools`), to re-score and cut."""

    pools: tuple[tuple[int, tuple[int, ...]], ...]
    per_article: int
    min_score: float


@dataclass(slots=True, frozen=True)
class VerifyBatch:
    pairs: tuple[tuple[int, int], ...]
    align: AlignOptions
    #: The pre-check (`worth_verifying`): pairs sharing less of the skeleton are not
    #: aligned. None: every pair is.
    need: Skeleton | None = None


def docs_of_ids(library: Library, ids: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for i in range(0, len(ids), 900):
        chunk = ids[i : i + 900]
        q = f"SELECT id, doc FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
        out.update((str(a), int(d)) for a, d in library.conn.execute(q, chunk))
    return out


def scan_task(library: Library, batch: ScanBatch) -> list[ScanRow]:
    """Candidate partners of each article: retrieval's fused and re-scored pool, cut to the
    best `per_article` scoring at least `min_score`."""
    opts = RetrieveOptions(top=batch.pool, pool=batch.pool, min_score=0.0)
    arts = library.articles_by_doc(list(batch.docs))
    found: list[tuple[int, list[tuple[str, float]]]] = []
    for doc in batch.docs:
        art = arts.get(doc)
        if art is None:
            continue
        found.append((doc, [(c.article.id, c.score) for c in retrieve(library, art, opts)]))
    ids = docs_of_ids(library, sorted({i for _, cs in found for i, _ in cs}))
    rows: list[ScanRow] = []
    for doc, cs in found:
        ranked = [(ids[i], s) for i, s in cs if i in ids and ids[i] != doc]
        kept = [(d, s) for d, s in ranked if s >= batch.min_score][: batch.per_article]
        rows.append(ScanRow(doc, tuple(kept), tuple(sorted(d for d, _ in ranked))))
    return rows


@dataclass(slots=True, frozen=True)
class PoolEntry:
    """What re-scoring reads of a pooled article."""

    doc: int
    id: str
    text: str
    published: str | None
    terms: frozenset[str]


def rescore_pool(query: Article, query_terms: list[Term], pool: list[PoolEntry]
                 ) -> list[tuple[int, float]]:
    """`retrieve`'s steps 4-5 on a fused pool: (doc, score) of each pooled article (the query
    itself left out) by containment and term overlap, best first (ties to the earlier date,
    then the lower doc); scores rounded as `Candidate.score`. Pure."""
    qprof = profile(query.text)
    scored: list[tuple[float, str, int]] = []
    for e in pool:
        if e.id == query.id:
            continue
        c = containment(qprof, profile(e.text))
        overlap = term_overlap(query_terms, e.terms)
        score = rescore(c, overlap)
        scored.append((score, e.published or "9999", e.doc))
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    return [(d, round(s, 4)) for s, _, d in scored]


def pool_entries(library: Library, docs: list[int]) -> dict[int, PoolEntry]:
    """The pooled articles' id, text, date (as `to_iso` writes it) and indexed terms."""
    out: dict[int, PoolEntry] = {}
    for i in range(0, len(docs), 900):
        chunk = docs[i : i + 900]
        q = (f"SELECT doc, id, text, published, terms FROM articles WHERE doc IN "
             f"({','.join('?' * len(chunk))})")
        for doc, aid, text, published, terms in library.conn.execute(q, chunk):
            out[int(doc)] = PoolEntry(int(doc), str(aid), str(text),
                                      to_iso(from_iso(published)), frozenset(terms.split()))
    return out


def rescore_task(library: Library, batch: RescoreBatch) -> list[ScanRow]:
    """Candidate partners of each query from its pool, as `scan_task` cuts `retrieve`'s."""
    queries = library.articles_by_doc([q for q, _ in batch.pools])
    entries = pool_entries(library, sorted({d for _, ds in batch.pools for d in ds}))
    out: list[ScanRow] = []
    for q, ds in batch.pools:
        art = queries.get(q)
        if art is None:
            continue
        ranked = rescore_pool(art, article_terms(art), [entries[d] for d in ds if d in entries])
        ranked = [(d, s) for d, s in ranked if d != q]
        kept = [(d, s) for d, s in ranked if s >= batch.min_score][: batch.per_article]
        out.append(ScanRow(q, tuple(kept), tuple(sorted(d for d, _ in ranked))))
    return out


def verify_task(library: Library, batch: VerifyBatch
                ) -> tuple[list[tuple[int, int, PairResult]], int]:
    """`verify_pair` on every pair of the batch that passes the pre-check (each article
    read and prepared once); and how many pairs the pre-check left out."""
    docs = sorted({d for p in batch.pairs for d in p})
    sides = {d: side_of(a) for d, a in library.articles_by_doc(docs).items()}
    out: list[tuple[int, int, PairResult]] = []
    dropped = 0
    for lo, hi in batch.pairs:
        if lo not in sides or hi not in sides:
            continue
        if batch.need is not None and not worth_verifying(sides[lo], sides[hi], batch.need):
            dropped += 1
            continue
        out.append((lo, hi, verify_pair(sides[lo], sides[hi], batch.align)))
    return out, dropped
