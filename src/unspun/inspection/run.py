"""The edge of inspection: ask the library about the page's names and same-event
articles, then run the pure `core.inspect_page`."""

from __future__ import annotations

from collections.abc import Sequence

from unspun.align.features import zipf
from unspun.inspection.core import inspect_page
from unspun.inspection.flags import TITLES
from unspun.inspection.names import NameStats, candidates, plausible
from unspun.inspection.score import load_model
from unspun.inspection.types import Inspection, Lead
from unspun.library import Library
from unspun.library import names as lib_names
from unspun.model import Article, Candidate
from unspun.options import InspectOptions, TraceOptions
from unspun.published import to_iso
from unspun.text.names import name_mentions

#: Context names: the page's names the library uses in at most this many articles, that are
#: no title and no common word ("Ambassador", "Foreign").
CONTEXT_MAX_DF = lib_names.MAX_CONTEXT_DF
CONTEXT_MAX_ZIPF = 4.5


def name_stats(library: Library, article: Article) -> tuple[NameStats | None, list[str]]:
    """What the library's names index says about the page's names (None, with a note, when
    the library has no index)."""
    conn = library.conn
    if not lib_names.has_index(conn):
        return None, ["the library has no names index yet (it is built by `unspun add`)"]
    notes = []
    if lib_names.missing_below(conn):
        notes.append("the names index does not cover the oldest articles yet (the next "
                     "`unspun add` completes it)")
    mentions = name_mentions(article.text)
    page = sorted({m.name for m in mentions})
    check = candidates(mentions)
    near = {n: lib_names.near_names(conn, n) for n in check}
    counts = lib_names.article_counts(conn, set(page) | {x for v in near.values() for x in v})
    stats = NameStats(counts=counts, near={n: v for n, v in near.items() if v})
    for name, libs in stats.near.items():
        ctx = [n for n in page if n != name and 1 <= counts.get(n, 0) <= CONTEXT_MAX_DF
               and n not in libs and n not in TITLES and zipf(n) < CONTEXT_MAX_ZIPF]
        stats.has_context = stats.has_context or bool(ctx)
        for lib in libs:
            if not plausible(name, lib, counts) or not ctx:
                continue
            stats.context[(name, lib)] = _context(conn, lib, ctx)
    return stats, notes


def _context(conn: object, lib: str, ctx: Sequence[str]) -> tuple[int, tuple[str, ...]]:
    import sqlite3

    assert isinstance(conn, sqlite3.Connection)
    marks = ",".join("?" * len(ctx))
    sub = "SELECT doc FROM names WHERE name = ? LIMIT ?"
    shared = conn.execute(
        f"SELECT COUNT(DISTINCT doc) FROM names WHERE name IN ({marks}) AND doc IN ({sub})",
        [*ctx, lib, CONTEXT_MAX_DF]).fetchone()[0]
    top = conn.execute(
        f"SELECT name, COUNT(*) AS n FROM names WHERE name IN ({marks}) AND doc IN ({sub}) "
        f"GROUP BY name ORDER BY n DESC, name LIMIT 3", [*ctx, lib, CONTEXT_MAX_DF]).fetchall()
    return int(shared), tuple(str(r[0]).capitalize() for r in top)


def leads_of(candidates: Sequence[Candidate]) -> list[Lead]:
    """Candidates as places to look: all but those judged unrelated, in their order."""
    out: list[Lead] = []
    for c in candidates:
        verdict = c.analysis.verdict if c.analysis is not None else None
        if verdict == "unrelated":
            continue
        a = c.article
        out.append(Lead(article_id=a.id, url=a.url, site=a.site, title=a.title,
                        published=to_iso(a.published), score=c.score, verdict=verdict))
    return out


def source_found(candidates: Sequence[Candidate]) -> bool:
    """Some candidate was judged the page's source (a copy verdict, the page derived)."""
    from unspun.model import COPY_VERDICTS

    return any(c.analysis is not None and c.analysis.verdict in COPY_VERDICTS
               and c.analysis.derived != "candidate" for c in candidates)


def inspect_article(article: Article, library: Library | None,
                    options: InspectOptions | None = None,
                    candidates: Sequence[Candidate] | None = None) -> Inspection:
    """Inspect `article` (against `library` when given). `candidates`: an already-made
    trace's candidates (else, with a library, retrieval runs and the best few are judged)."""
    opts = options or InspectOptions()
    stats: NameStats | None = None
    notes: list[str] = []
    if library is not None:
        stats, notes = name_stats(library, article)
        if candidates is None:
            from unspun.pipeline import trace

            topts = TraceOptions(analyze=opts.analyze, inspect=None)
            candidates = trace(library, article, topts).candidates
            if source_found(candidates):
                notes.append("a source of this page is in the library: `unspun trace` shows it")
    leads = leads_of(candidates or [])
    return inspect_page(article, load_model(), opts, stats, leads, notes)
