"""The two tasks an engine runs: candidate search for a batch of articles, and verification
of a batch of candidate pairs. Each reads only the library it is given (read-only) and
calls the pure functions (`retrieve` scoring, `verify_pair`)."""

from __future__ import annotations

from dataclasses import dataclass

from unspun.library import Library
from unspun.options import AlignOptions, RetrieveOptions
from unspun.retrieve.candidates import retrieve
from unspun.stories.types import PairResult
from unspun.stories.verify import side_of, verify_pair


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
class VerifyBatch:
    pairs: tuple[tuple[int, int], ...]
    align: AlignOptions


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


def verify_task(library: Library, batch: VerifyBatch) -> list[tuple[int, int, PairResult]]:
    """`verify_pair` on every pair of the batch (each article read and prepared once)."""
    docs = sorted({d for p in batch.pairs for d in p})
    sides = {d: side_of(a) for d, a in library.articles_by_doc(docs).items()}
    return [(lo, hi, verify_pair(sides[lo], sides[hi], batch.align))
            for lo, hi in batch.pairs if lo in sides and hi in sides]
