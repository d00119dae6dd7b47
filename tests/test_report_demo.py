"""Reports of real analyses: every demo-corpus copy and distractor, analysed by unspun against
its original, gives JSON that fits the schema, offsets that point at the quoted text, and
terminal and HTML views. Skipped until the demo corpus and the analyser exist."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from report_fixtures import validate
from unspun.ingest.jsonl import article_from_record
from unspun.model import Candidate, TraceResult
from unspun.report.html import render_html
from unspun.report.json import trace_to_dict
from unspun.report.schema import TRACE_SCHEMA
from unspun.report.terminal import trace_to_text

CLUSTERS = Path(__file__).resolve().parent.parent / "demo" / "clusters.jsonl"


def _results() -> list[tuple[str, TraceResult]]:
    if not CLUSTERS.exists():
        pytest.skip("demo/clusters.jsonl is missing")
    try:
        analyze = importlib.import_module("unspun.forensics").analyze
    except (ImportError, AttributeError):
        pytest.skip("unspun.forensics.analyze is not available")
    out = []
    for line in CLUSTERS.read_text(encoding="utf-8").splitlines():
        cluster = json.loads(line)
        original = article_from_record(cluster["original"])
        for rec in cluster.get("copies", []) + cluster.get("distractors", []):
            query = article_from_record(rec)
            cand = Candidate(original, 1.0, 1.0, analysis=analyze(query, original))
            out.append((str(rec.get("kind", "distractor")), TraceResult(query, [cand])))
    return out


def test_demo_reports_fit_the_schema_and_point_at_the_text() -> None:
    results = _results()
    assert results
    for kind, result in results:
        doc = trace_to_dict(result, include_text=True)
        assert validate(doc, TRACE_SCHEMA) == [], kind
        cand = doc["candidates"][0]
        q, s = doc["query"]["text"], cand["text"]
        for e in cand["edits"]:
            assert q[e["query"]["start"] : e["query"]["end"]] == e["query"]["text"]
            assert s[e["source"]["start"] : e["source"]["end"]] == e["source"]["text"]
        flags = [e["changes_meaning"] for e in cand["edits"]]
        assert flags == sorted(flags, reverse=True)  # meaning-changing edits first
        assert cand["verdict"].upper() in trace_to_text(result, width=120)
        page = render_html(result)
        assert page.count('class="sbs"') == 1 and "<script" not in page
