"""Verdicts on the project's demo corpus (demo/clusters.jsonl): every copy against its
original, every same-story distractor against the original it is a distractor for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from unspun.eval.clusters import copies_of, distractors_of, read_clusters, to_article
from unspun.forensics import analyze
from unspun.model import COPY_VERDICTS, Analysis

DEMO = Path(__file__).resolve().parent.parent / "demo" / "clusters.jsonl"

pytestmark = pytest.mark.skipif(not DEMO.is_file(), reason="demo corpus not generated")


def _pairs(which: str) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    if not DEMO.is_file():
        return []
    out = []
    for c in read_clusters(DEMO):
        items = copies_of(c) if which == "copies" else distractors_of(c)
        out.extend((str(c["cluster_id"]), c["original"], item) for item in items)
    return out


def _analyze(original: dict[str, Any], other: dict[str, Any]) -> Analysis:
    return analyze(to_article(other), to_article(original))


@pytest.mark.parametrize(("cluster", "original", "copy"), _pairs("copies"))
def test_demo_copy_gets_a_copy_verdict_of_its_kind(
    cluster: str, original: dict[str, Any], copy: dict[str, Any]
) -> None:
    an = _analyze(original, copy)
    if copy["kind"] == "paraphrase":
        # Little wording survives a paraphrase; without near-complete sentence-by-sentence
        # order it is indistinguishable from independent reporting, and the design prefers
        # "same-story" over a false accusation. It must never be "unrelated" or another kind.
        assert an.verdict in ("paraphrase", "same-story"), (cluster, an.evidence.notes)
        return
    assert an.verdict in COPY_VERDICTS, (cluster, copy["kind"], an.evidence.notes)
    assert an.verdict == copy["kind"], (cluster, copy.get("recipe"), an.evidence.notes)
    # a copy is never judged to be the original of its own source
    assert an.derived != "candidate", (cluster, an.direction_reasons)
    text = to_article(copy).text
    assert all(text[e.q_start : e.q_end] == e.query_text for e in an.edits)


@pytest.mark.parametrize(("cluster", "original", "other"), _pairs("distractors"))
def test_demo_same_story_distractor_is_not_a_copy(
    cluster: str, original: dict[str, Any], other: dict[str, Any]
) -> None:
    an = _analyze(original, other)
    assert an.verdict in ("same-story", "unrelated"), (cluster, an.verdict, an.evidence.notes)
    assert an.edits == []
