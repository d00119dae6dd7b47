"""Hostile report fixtures: article text and metadata that try to run code or fetch things.

Shared by tests/test_report.py and tests/test_report_browser.py (not a test module itself).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from unspun.ingest.assemble import build_article
from unspun.model import (
    Analysis,
    Article,
    Artifact,
    Candidate,
    Edit,
    Evidence,
    Passage,
    TraceResult,
)

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=2">'
MORE_HTML = (
    '<b>bold</b> <a href="javascript:window.__pwned=3">click</a> '
    '<iframe src="http://127.0.0.1:9/frame"></iframe> '
    '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"> '
    '<meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/"> '
    "<style>@import url(http://127.0.0.1:9/i.css);</style> "
    "<script>alert(1)</script> [bold]markup[/bold] [link=http://127.0.0.1:9/]rich link[/link]"
)
ATTR_BREAK = '" onmouseover="window.__pwned=4" x="'


def hostile_pair() -> tuple[Article, Article]:
    query = build_article(
        [
            ("headline", f"Mayor {SCRIPT} resigns"),
            ("body", f"The mayor of Lindholm {IMG} resigned on Monday, aides said."),
            ("body", f"Council members said {MORE_HTML} the vote was close."),
        ],
        url='javascript:window.__pwned=5//"><script>window.__pwned=6</script>',
        site=f"{SCRIPT}.example",
        published=date(2024, 5, 2),
    )
    source = build_article(
        [
            ("headline", f"Mayor {SCRIPT} steps down"),
            ("body", f"The mayor of Lindholm {IMG} stepped down on Monday, aides told us."),
            ("body", f"Council members said {ATTR_BREAK} the vote was narrow."),
        ],
        url="http://127.0.0.1:9/source",
        site="source.example",
        published=date(2024, 5, 1),
    )
    return query, source


def _span(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


def analysed_hostile_result() -> TraceResult | None:
    """The hostile pair analysed by unspun's own analyser (None while it is not available)."""
    try:
        from unspun.forensics import analyze
    except ImportError:
        return None
    query, source = hostile_pair()
    return TraceResult(query, [Candidate(source, 1.0, 1.0, {}, analyze(query, source))])


def hostile_result() -> TraceResult:
    """The hostile pair with a hand-built analysis whose edits and notes carry the hostile text."""
    query, source = hostile_pair()
    passages = [
        Passage(b.start, b.end, c.start, c.end, 0.8)
        for b, c in zip(query.blocks, source.blocks, strict=True)
    ]
    edits = []
    for kind, new, old, p in (
        ("synonym", "resigns", "steps down", 0),
        ("quote", "resigned", "stepped down", 1),
        ("attribution", "said.", "told us.", 1),
        ("insertion", MORE_HTML, ATTR_BREAK, 2),
    ):
        q0, q1 = _span(query.text, new)
        s0, s1 = _span(source.text, old)
        edits.append(Edit(kind, q0, q1, s0, s1, new, old, p, note=f"note {SCRIPT} {ATTR_BREAK}"))
    a0, a1 = _span(query.text, IMG)
    analysis = Analysis(
        verdict="edited",
        confidence=0.7,
        passages=passages,
        edits=edits,
        artifacts=[Artifact("furniture", a0, a1, IMG, note=ATTR_BREAK)],
        evidence=Evidence(0.9, 0.9, 3, {"quote": 1}, {"furniture": 1}, [f"note {SCRIPT}"]),
        derived="query",
        direction_reasons=[f"reason {IMG}"],
    )
    other = build_article([("body", SCRIPT)], url=None, title=IMG, site=None)
    return TraceResult(
        query=query,
        candidates=[
            Candidate(source, 0.9, 0.9, {SCRIPT: 1.0}, analysis),
            Candidate(other, 0.1, 0.0),
        ],
    )


# --- a tiny JSON Schema validator (the subset TRACE_SCHEMA uses), so CI needs no extra package


def _type_ok(value: Any, kind: str) -> bool:
    checks = {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
    }
    return checks[kind](value)


def validate(value: Any, schema: dict[str, Any], path: str = "$") -> list[str]:
    errors: list[str] = []
    if "type" in schema:
        kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_type_ok(value, k) for k in kinds):
            return [f"{path}: {value!r} is not {kinds}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{path}: {value!r} != {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{path}: {value!r} not in {schema['enum']}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{path}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{path}: {value} > {schema['maximum']}")
    if "oneOf" in schema:
        ok = [s for s in schema["oneOf"] if not validate(value, s, path)]
        if len(ok) != 1:
            errors.append(f"{path}: matches {len(ok)} of oneOf")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        errors += [f"{path}: missing {k}" for k in schema.get("required", []) if k not in value]
        for k, v in value.items():
            if k in props:
                errors += validate(v, props[k], f"{path}.{k}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unexpected key {k}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += validate(v, schema["additionalProperties"], f"{path}.{k}")
    if isinstance(value, list) and "items" in schema:
        for i, v in enumerate(value):
            errors += validate(v, schema["items"], f"{path}[{i}]")
    return errors
