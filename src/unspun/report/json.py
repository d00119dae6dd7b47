"""The JSON report: one `TraceResult` as plain, versioned, deterministic data.

The layout is documented field by field in docs/json-schema.md and checked by
`unspun.report.schema.TRACE_SCHEMA`. Keys come out in a fixed order, edits in report order
(meaning-changing first), and floats rounded to 4 decimals, so the same result always
serialises to the same bytes.
"""

from __future__ import annotations

import json
import math
from typing import Any

from unspun.model import (
    COPY_VERDICTS,
    Analysis,
    Article,
    Artifact,
    Candidate,
    Edit,
    Evidence,
    Passage,
    TraceResult,
)
from unspun.published import to_iso
from unspun.report.common import ordered_edits
from unspun.report.schema import SCHEMA_VERSION

_DIGITS = 4


def _f(x: float) -> float:
    # NaN/inf are not JSON; a report must still serialise.
    return round(float(x), _DIGITS) if math.isfinite(x) else 0.0


def article_to_dict(article: Article, *, include_text: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": article.id,
        "source_id": article.source_id,
        "url": article.url,
        "site": article.site,
        "title": article.title,
        "published": to_iso(article.published),
        "lang": article.lang,
        "length": len(article.text),
    }
    if include_text:
        out["text"] = article.text
    return out


def _evidence(ev: Evidence) -> dict[str, Any]:
    return {
        "query_coverage": _f(ev.query_coverage),
        "source_coverage": _f(ev.source_coverage),
        "passages": ev.passages,
        "edit_counts": {k: ev.edit_counts[k] for k in sorted(ev.edit_counts)},
        "artifact_counts": {k: ev.artifact_counts[k] for k in sorted(ev.artifact_counts)},
        "notes": list(ev.notes),
    }


def _passage(p: Passage) -> dict[str, Any]:
    return {
        "query": {"start": p.q_start, "end": p.q_end},
        "source": {"start": p.s_start, "end": p.s_end},
        "similarity": _f(p.similarity),
    }


def _edit(e: Edit) -> dict[str, Any]:
    return {
        "type": e.type,
        "changes_meaning": e.changes_meaning,
        "query": {"start": e.q_start, "end": e.q_end, "text": e.query_text},
        "source": {"start": e.s_start, "end": e.s_end, "text": e.source_text},
        "passage": e.passage,
        "note": e.note,
    }


def _artifact(a: Artifact) -> dict[str, Any]:
    return {"kind": a.kind, "start": a.start, "end": a.end, "text": a.text, "note": a.note}


def _analysis(a: Analysis | None) -> dict[str, Any]:
    if a is None:
        return {
            "analysed": False,
            "verdict": None,
            "is_copy": None,
            "confidence": None,
            "derived": None,
            "direction_reasons": [],
            "evidence": None,
            "passages": [],
            "edits": [],
            "artifacts": [],
        }
    return {
        "analysed": True,
        "verdict": a.verdict,
        "is_copy": a.verdict in COPY_VERDICTS,
        "confidence": _f(a.confidence),
        "derived": a.derived,
        "direction_reasons": list(a.direction_reasons),
        "evidence": _evidence(a.evidence),
        "passages": [_passage(p) for p in a.passages],
        "edits": [_edit(e) for e in ordered_edits(a.edits)],
        "artifacts": [_artifact(x) for x in sorted(a.artifacts, key=lambda x: (x.start, x.end))],
    }


def candidate_to_dict(rank: int, c: Candidate, *, include_text: bool = False) -> dict[str, Any]:
    return {
        "rank": rank,
        **article_to_dict(c.article, include_text=include_text),
        "score": _f(c.score),
        "coverage": _f(c.coverage),
        "signals": {k: _f(c.signals[k]) for k in sorted(c.signals)},
        **_analysis(c.analysis),
    }


def trace_to_dict(result: TraceResult, *, include_text: bool = False) -> dict[str, Any]:
    """The JSON report of one trace (schema `SCHEMA_VERSION`); texts only with `include_text`."""
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "query": article_to_dict(result.query, include_text=include_text),
        "candidates": [
            candidate_to_dict(i, c, include_text=include_text)
            for i, c in enumerate(result.candidates, 1)
        ],
    }
    if result.inspection is not None:
        from unspun.report.inspection import inspection_to_dict

        out["inspection"] = inspection_to_dict(result.inspection)
    return out


def trace_to_json(
    result: TraceResult, *, include_text: bool = False, indent: int | None = 2
) -> str:
    """`trace_to_dict` serialised (UTF-8 safe: non-ASCII kept, key order as built)."""
    return json.dumps(
        trace_to_dict(result, include_text=include_text), ensure_ascii=False, indent=indent
    )
