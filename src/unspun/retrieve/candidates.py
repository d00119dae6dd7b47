"""Candidate sources for one article: independent signals, fused, then re-scored.

1. Near-duplicate hashing: the query's MinHash LSH band keys; candidates ranked by the
   number of bands they share (a monotone proxy for Jaccard similarity).
2. Distinctive terms: the query's rarest names, numbers and words, looked up in the FTS5
   index; articles ranked by the summed BM25 IDF of the terms they share.
   With `RetrieveOptions.semantic` (the `semantic` extra, vectors stored in the library):
   the stored article vectors nearest the query's, by cosine (see `semantic`).
3. Reciprocal-rank fusion of the rankings (each signal votes 1 / (k + rank)).
4. The `pool` best fused candidates are re-scored by containment (see `containment`) and
   distinctive-term overlap, so the candidate that contains the query best comes first:

       score = 0.45 coverage + 0.20 trigram + 0.35 term_overlap + 0.05 reverse

   `reverse` (how much of the candidate the query accounts for) only breaks near-ties:
   between a wire story and a longer re-send of it, the tighter match wins; exact ties go to
   the earlier publication date, then to the article stored first.
5. Candidates scoring below `RetrieveOptions.min_score` are not reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from unspun.library.fingerprint import fingerprint
from unspun.library.store import Library
from unspun.model import Article, Candidate
from unspun.options import RetrieveOptions
from unspun.published import to_iso
from unspun.retrieve.containment import Containment, containment, profile
from unspun.retrieve.terms import Term

_W_COVERAGE = 0.45
_W_TRIGRAM = 0.20
_W_TERMS = 0.35
_W_REVERSE = 0.05


def rescore(c: Containment, overlap: float) -> float:
    """Step 4's score of one pooled candidate, from its containment and term overlap."""
    return (_W_COVERAGE * c.coverage + _W_TRIGRAM * c.trigram + _W_TERMS * overlap
            + _W_REVERSE * c.reverse)


@dataclass(slots=True)
class _Pooled:
    doc: int
    rrf: float
    signals: dict[str, float]


def rrf_fuse(rankings: dict[str, list[int]], k: int) -> dict[int, _Pooled]:
    """Reciprocal-rank fusion: doc -> summed 1/(k + rank), with each signal's rank kept."""
    fused: dict[int, _Pooled] = {}
    for name, ranking in rankings.items():
        for rank, doc in enumerate(ranking, start=1):
            p = fused.get(doc)
            if p is None:
                p = fused[doc] = _Pooled(doc, 0.0, {})
            p.rrf += 1.0 / (k + rank)
            p.signals[f"{name}_rank"] = float(rank)
    return fused


def term_overlap(query_terms: Sequence[Term], candidate_terms: frozenset[str]) -> float:
    """Weighted share of the query's distinctive terms found among the candidate's."""
    total = sum(t.weight for t in query_terms)
    if total <= 0:
        return 0.0
    return sum(t.weight for t in query_terms if t.text in candidate_terms) / total


def retrieve(library: Library, query: Article, options: RetrieveOptions | None = None
             ) -> list[Candidate]:
    """Ranked candidate sources of `query` in `library` (the query itself excluded)."""
    opts = options or RetrieveOptions()
    sem: list[tuple[int, float]] = []
    if opts.semantic:
        # Imported here: the extra (torch) is optional and slow to import.
        from unspun.retrieve.semantic import require_semantic, semantic_candidates

        require_semantic()
        sem = semantic_candidates(library, query, opts.semantic_limit)
    fp = fingerprint(query, library.params)
    lsh = library.lsh_candidates(list(fp.keys), opts.lsh_limit)
    qterms = list(fp.terms[: opts.query_terms])
    terms = library.term_candidates([t.text for t in qterms], opts.terms_limit,
                                     opts.max_df)
    rankings = {"minhash": [d for d, _ in lsh], "terms": [d for d, _ in terms]}
    if opts.semantic:
        rankings["semantic"] = [d for d, _ in sem]
    pooled = rrf_fuse(rankings, opts.rrf_k)
    for d, n in lsh:
        pooled[d].signals["minhash_bands"] = float(n)
    for d, s in terms:
        pooled[d].signals["terms_idf"] = s
    for d, cos in sem:
        pooled[d].signals["semantic_cos"] = cos
    top = sorted(pooled.values(), key=lambda p: (-p.rrf, p.doc))[: opts.pool]
    rows = library.articles_with_terms([p.doc for p in top])
    qprof = profile(query.text)
    # Terms the query shares with a candidate are judged against the query's full term list.
    all_qterms = list(fp.terms)
    scored: list[tuple[float, str, int, Candidate]] = []
    for p in top:
        row = rows.get(p.doc)
        if row is None:
            continue
        art, cterms = row
        if art.id == query.id:
            continue
        c = containment(qprof, profile(art.text))
        overlap = term_overlap(all_qterms, cterms)
        score = rescore(c, overlap)
        if score < opts.min_score:
            continue
        signals = dict(p.signals)
        signals.update(rrf=round(p.rrf, 6), trigram=round(c.trigram, 4),
                       term_overlap=round(overlap, 4), reverse=round(c.reverse, 4))
        cand = Candidate(article=art, score=round(score, 4), coverage=round(c.coverage, 4),
                         signals=signals)
        date_key = to_iso(art.published) or "9999"
        scored.append((score, date_key, p.doc, cand))
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    return [c for *_, c in scored[: opts.top]]
