"""JSON Schema (draft 2020-12) of `unspun trace --json` output; see docs/json-schema.md.

Bump `SCHEMA_VERSION` on any change: the minor number when fields are only added, the
major number when a field is removed, renamed or changes meaning.
"""

from __future__ import annotations

from typing import Any

from unspun.model import EDIT_TYPES, VERDICT_KINDS

SCHEMA_VERSION = "2.1"

_NUM = {"type": "number"}
_UNIT = {"type": "number", "minimum": 0, "maximum": 1}
_OFFSET = {"type": "integer", "minimum": 0}
_STR_OR_NULL = {"type": ["string", "null"]}
#: A date, or a date and time in UTC when the source gave the time (`unspun.published`).
_DATE_OR_NULL = {"type": ["string", "null"],
                 "pattern": r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$"}


def _obj(props: dict[str, Any], *, optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": props,
        "required": [k for k in props if k not in optional],
        "additionalProperties": False,
    }


_SPAN = _obj({"start": _OFFSET, "end": _OFFSET})
_TEXT_SPAN = _obj({"start": _OFFSET, "end": _OFFSET, "text": {"type": "string"}})

_ARTICLE_FIELDS: dict[str, Any] = {
    "id": {"type": "string"},
    "source_id": _STR_OR_NULL,
    "url": _STR_OR_NULL,
    "site": _STR_OR_NULL,
    "title": {"type": "string"},
    "published": _DATE_OR_NULL,
    "lang": _STR_OR_NULL,
    "length": _OFFSET,
    "text": {"type": "string"},
}

_EVIDENCE = _obj(
    {
        "query_coverage": _UNIT,
        "source_coverage": _UNIT,
        "passages": _OFFSET,
        "edit_counts": {"type": "object", "additionalProperties": {"type": "integer"}},
        "artifact_counts": {"type": "object", "additionalProperties": {"type": "integer"}},
        "notes": {"type": "array", "items": {"type": "string"}},
    }
)

_PASSAGE = _obj({"query": _SPAN, "source": _SPAN, "similarity": _NUM})

_EDIT = _obj(
    {
        "type": {"enum": list(EDIT_TYPES)},
        "changes_meaning": {"type": "boolean"},
        "query": _TEXT_SPAN,
        "source": _TEXT_SPAN,
        "passage": {"type": "integer", "minimum": -1},
        "note": {"type": "string"},
    }
)

_ARTIFACT = _obj(
    {
        "kind": {"enum": ["unknown-word", "fragment", "furniture"]},
        "start": _OFFSET,
        "end": _OFFSET,
        "text": {"type": "string"},
        "note": {"type": "string"},
    }
)

_CANDIDATE = _obj(
    {
        "rank": {"type": "integer", "minimum": 1},
        **_ARTICLE_FIELDS,
        "score": _NUM,
        "coverage": _NUM,
        "signals": {"type": "object", "additionalProperties": _NUM},
        "analysed": {"type": "boolean"},
        "verdict": {"enum": [*VERDICT_KINDS, None]},
        "is_copy": {"type": ["boolean", "null"]},
        "confidence": {"type": ["number", "null"], "minimum": 0, "maximum": 1},
        "derived": {"enum": ["query", "candidate", "unknown", None]},
        "direction_reasons": {"type": "array", "items": {"type": "string"}},
        "evidence": {"oneOf": [_EVIDENCE, {"type": "null"}]},
        "passages": {"type": "array", "items": _PASSAGE},
        "edits": {"type": "array", "items": _EDIT},
        "artifacts": {"type": "array", "items": _ARTIFACT},
    },
    optional=("text",),
)

_FLAG_KINDS = ["nonsense-word", "broken-attribution", "fragment", "duplicate", "furniture",
               "spelling-mix", "garbled-name", "function-words", "rare-words",
               "headline-mismatch"]
_LEAD = _obj({"id": {"type": "string"}, "url": _STR_OR_NULL, "site": _STR_OR_NULL,
              "title": {"type": "string"}, "published": _DATE_OR_NULL, "score": _NUM,
              "verdict": {"enum": [*VERDICT_KINDS, None]}})
#: What the page itself shows (`unspun inspect`; in a trace only when no source was found).
INSPECTION = _obj(
    {
        "score": _UNIT,
        "rewritten": {"type": "boolean"},
        "threshold": _UNIT,
        "summary": {"type": "string"},
        "flags": {"type": "array", "items": _obj({
            "kind": {"enum": _FLAG_KINDS}, "start": _OFFSET, "end": _OFFSET,
            "text": {"type": "string"}, "reason": {"type": "string"}})},
        "features": {"type": "object", "additionalProperties": _NUM},
        "contributions": {"type": "array", "items": _obj({
            "feature": {"type": "string"}, "log_odds": _NUM})},
        "garbled_names": {"type": "array", "items": _obj({
            "name": {"type": "string"}, "start": _OFFSET, "end": _OFFSET,
            "library_name": {"type": "string"}, "articles": _OFFSET, "in_context": _OFFSET,
            "context": {"type": "array", "items": {"type": "string"}},
            "page_spelling_articles": _OFFSET})},
        "where_to_look": _obj({
            "phrases": {"type": "array", "items": {"type": "string"}},
            "query": {"type": "string"},
            "library_articles": {"type": "array", "items": _LEAD}}),
        "notes": {"type": "array", "items": {"type": "string"}},
    }
)

TRACE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": f"https://unspun.invalid/schema/trace-{SCHEMA_VERSION}.json",
    "title": "unspun trace result",
    **_obj(
        {
            "schema_version": {"const": SCHEMA_VERSION},
            "query": _obj(_ARTICLE_FIELDS, optional=("text",)),
            "candidates": {"type": "array", "items": _CANDIDATE},
            "inspection": INSPECTION,
        },
        optional=("inspection",),
    ),
}


def schema_json() -> str:
    """TRACE_SCHEMA as published in docs/trace-schema.json."""
    import json

    return json.dumps(TRACE_SCHEMA, indent=2, ensure_ascii=False) + "\n"
