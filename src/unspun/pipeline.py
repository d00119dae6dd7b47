"""The pipeline as two calls: `trace` (query vs the library) and `compare` (two articles).

Retrieval proposes candidates; alignment and forensics decide. Both return the one
result object (`TraceResult`) every report renders.
"""

from __future__ import annotations

from unspun.align.features import prepare
from unspun.forensics import analyze_prepared
from unspun.library import Library
from unspun.model import COPY_VERDICTS, Article, Candidate, TraceResult
from unspun.options import TraceOptions
from unspun.retrieve.candidates import retrieve


def trace(library: Library, query: Article, options: TraceOptions | None = None) -> TraceResult:
    """Candidate sources of `query`, the top `options.analyze` of them aligned and judged.

    Order: sources the query was copied from first, then articles that look copied
    from the query, then independent reports of the same story; `unrelated` verdicts
    are dropped unless `options.keep_unrelated`. Unanalysed candidates keep their
    retrieval order at the end.
    """
    opts = options or TraceOptions()
    candidates = retrieve(library, query, opts.retrieve)
    q = prepare(query)
    analysed: list[Candidate] = []
    for cand in candidates[: opts.analyze]:
        cand.analysis = analyze_prepared(query, cand.article, q, prepare(cand.article), opts.align)
        if cand.analysis.verdict != "unrelated" or opts.keep_unrelated:
            analysed.append(cand)
    analysed.sort(key=lambda c: (_group(c), -c.score))
    result = TraceResult(query=query, candidates=analysed + candidates[opts.analyze :])
    if opts.inspect is not None:
        from unspun.inspection.run import inspect_article, source_found

        if not source_found(result.candidates):
            result.inspection = inspect_article(query, library, opts.inspect,
                                                candidates=result.candidates)
    return result


def compare(query: Article, source: Article, options: TraceOptions | None = None) -> TraceResult:
    """`query` judged against one given `source` (no library): what `unspun diff` shows."""
    opts = options or TraceOptions()
    analysis = analyze_prepared(query, source, prepare(query), prepare(source), opts.align)
    cand = Candidate(
        article=source,
        score=analysis.evidence.query_coverage,
        coverage=analysis.evidence.query_coverage,
        signals={},
        analysis=analysis,
    )
    return TraceResult(query=query, candidates=[cand])


def _group(c: Candidate) -> int:
    a = c.analysis
    if a is None:
        return 3
    if a.verdict in COPY_VERDICTS:
        return 1 if a.derived == "candidate" else 0
    return 2
