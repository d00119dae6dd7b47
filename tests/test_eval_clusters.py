"""The retrieval protocol: outcomes from traced rows, scoring per kind, the cluster reader,
and `unspun eval clusters` end to end on the demo corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unspun.cli import app
from unspun.errors import InputError, UsageError
from unspun.eval.clusters import (
    CopyOutcome,
    DistractorOutcome,
    copy_outcome,
    distractor_outcome,
    read_clusters,
    score_retrieval,
)

DEMO = Path(__file__).resolve().parent.parent / "demo" / "clusters.jsonl"
KEYS = {"recall_at_1", "recall_at_5", "mrr", "distractor_false_copy_rate", "kind_accuracy",
        "by_kind", "n_copies", "n_distractors"}


def test_copy_outcome_skips_unrelated_and_reads_top_verdict() -> None:
    rows = [("x", "u/x", "unrelated", 0.9), ("d", "u/d", "same-story", 0.5),
            ("o", "u/o", "spun", 0.4), ("z", "u/z", None, 0.3)]
    # Trace order would put the copy verdict first; the unrelated row is absent either way.
    out = copy_outcome("c1", {"kind": "spun", "recipe": "spun-30"}, "o",
                       [rows[2], rows[0], rows[1], rows[3]])
    assert out.rank == 1 and out.predicted_kind == "spun" and out.original_verdict == "spun"
    out = copy_outcome("c1", {"kind": "spun"}, "o", [rows[1], rows[0], rows[2]])
    assert out.rank == 2 and out.predicted_kind == "same-story" and out.top_url == "u/d"
    assert out.recipe is None
    out = copy_outcome("c1", {"kind": "spun"}, "o", [("o", "u/o", "unrelated", 0.9)])
    assert out.rank is None and out.predicted_kind is None and out.original_verdict == "unrelated"


def test_copy_outcome_ties_within_a_verdict_group_are_pessimistic() -> None:
    rows = [("a", None, "edited", 0.5), ("o", None, "edited", 0.5)]
    assert copy_outcome("c", {}, "o", rows).rank == 2
    assert copy_outcome("c", {}, "o", list(reversed(rows))).rank == 2
    # Same score but another verdict group: no tie.
    rows = [("o", None, "edited", 0.5), ("a", None, "same-story", 0.5)]
    assert copy_outcome("c", {}, "o", rows).rank == 1


def test_distractor_outcome_ignores_itself_and_non_copy_verdicts() -> None:
    me = ("me", "u/me", "verbatim", 1.0)
    assert not distractor_outcome("c", {}, "me", [me, ("o", "u/o", "same-story", 0.6)]).false_copy
    assert not distractor_outcome("c", {}, "me", [me, ("o", "u/o", None, 0.6)]).false_copy
    assert not distractor_outcome("c", {}, "me", []).false_copy
    got = distractor_outcome("c", {"url": "u/me"}, "me", [me, ("o", "u/o", "paraphrase", 0.6)])
    assert got.false_copy and got.verdict == "paraphrase" and got.against_url == "u/o"


def test_score_retrieval_overall_and_per_kind() -> None:
    copies = [
        CopyOutcome("c1", "spun", "spun-10", 1, "spun"),
        CopyOutcome("c1", "spun", "spun-50", 3, "edited"),
        CopyOutcome("c2", "verbatim", "verbatim", 1, "verbatim"),
        CopyOutcome("c2", None, None, None, None),
    ]
    distractors = [DistractorOutcome("c1", False), DistractorOutcome("c2", True)]
    s = score_retrieval(copies, distractors)
    assert s.recall_at_1 == 0.5 and s.recall_at_5 == 0.75
    assert s.mrr == pytest.approx((1 + 1 / 3 + 1) / 4)
    assert s.distractor_false_copy_rate == 0.5
    assert s.kind_accuracy == pytest.approx(2 / 3)  # the unlabelled copy is not counted
    assert list(s.by_kind) == ["spun", "unlabelled", "verbatim"]
    assert s.by_kind["spun"].recall_at_1 == 0.5 and s.by_kind["spun"].n_copies == 2
    assert s.by_kind["spun"].distractor_false_copy_rate is None
    assert s.by_recipe["spun-50"].mrr == pytest.approx(1 / 3)
    d = s.as_dict()
    assert set(d) == KEYS
    assert set(d["by_kind"]["spun"]) == KEYS - {"by_kind"}
    assert "by_recipe" in s.as_dict(detail=True)
    empty = score_retrieval([], []).as_dict()
    assert empty["recall_at_1"] is None and empty["n_copies"] == 0 and empty["by_kind"] == {}


def test_read_clusters_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        read_clusters(tmp_path / "missing.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"original": {"text": "x"}}\n\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:3"):
        read_clusters(bad)
    bad.write_text('{"copies": []}\n', encoding="utf-8")
    with pytest.raises(InputError, match="original"):
        read_clusters(bad)
    ok = tmp_path / "ok.jsonl"
    ok.write_text('{"original": {"text": "x"}}\n', encoding="utf-8")
    assert read_clusters(ok)[0]["cluster_id"] == "line1"


@pytest.mark.skipif(not DEMO.exists(), reason="no demo corpus")
def test_eval_clusters_cli_on_demo_corpus() -> None:
    clusters = [json.loads(line) for line in DEMO.open(encoding="utf-8")]
    n_copies = sum(len(c["copies"]) for c in clusters)
    n_distractors = sum(len(c["distractors"]) for c in clusters)
    result = CliRunner().invoke(app, ["eval", "clusters", str(DEMO), "--json"])
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert set(d) == KEYS
    assert (d["n_copies"], d["n_distractors"]) == (n_copies, n_distractors)
    assert sum(k["n_copies"] for k in d["by_kind"].values()) == n_copies
    assert set(d["by_kind"]) == {c["kind"] for cl in clusters for c in cl["copies"]}
    for key in ("recall_at_1", "recall_at_5", "mrr", "kind_accuracy"):
        assert 0.0 <= d[key] <= 1.0
    assert d["recall_at_1"] <= d["recall_at_5"]
    # The table form names every kind.
    text = CliRunner().invoke(app, ["eval", "clusters", str(DEMO), "--limit", "2"])
    assert text.exit_code == 0 and "R@1" in text.stdout and "distractors reported" in text.stdout


def test_eval_clusters_cli_usage_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "clusters", str(tmp_path / "none.jsonl"), "--json"])
    assert result.exit_code != 0
    assert isinstance(result.exception, UsageError)
    result = runner.invoke(app, ["eval", "clusters", str(DEMO), "--protocol", "nope"])
    assert isinstance(result.exception, UsageError)


@pytest.mark.skipif(not DEMO.exists(), reason="no demo corpus")
def test_background_corpus_joins_the_library(tmp_path: Path) -> None:
    from unspun.eval.clusters import ClusterEvalOptions, run_retrieval

    extra = tmp_path / "extra.txt"
    extra.write_text("Allotment show returns to Pellbridge\n\nThe annual allotment show in "
                     "Pellbridge returned on Saturday with a record 140 entries for the "
                     "largest marrow, organisers said.\n", encoding="utf-8")
    seen: list[object] = []
    plain = run_retrieval(DEMO, ClusterEvalOptions(limit=1))
    more = run_retrieval(DEMO, ClusterEvalOptions(limit=1, background=(str(extra),)),
                         on_outcome=seen.append)
    assert more.library_size == plain.library_size + 1
    assert len(seen) == more.scores.n_copies + more.scores.n_distractors
    assert more.scores.as_dict() == plain.scores.as_dict()


def test_cut_cache_keeps_only_finished_clusters(tmp_path: Path) -> None:
    from dataclasses import asdict

    from unspun.eval.accuracy import read_cache

    lines = [{"meta": {}},
             {"copy": asdict(CopyOutcome("c1", "spun", "spun-10", 1, "spun"))},
             {"distractor": asdict(DistractorOutcome("c1", False))},
             {"copy": asdict(CopyOutcome("c2", "spun", "spun-10", None, None))}]
    cache = tmp_path / "cut.jsonl"
    cache.write_text("\n".join(json.dumps(x) for x in [*lines, {"stopped": True}]) + "\n")
    cut = read_cache(cache)
    assert not cut.complete and cut.clusters == 1
    assert [c.cluster for c in cut.copies] == ["c1"] and cut.scores.recall_at_1 == 1.0
    cache.write_text("\n".join(json.dumps(x) for x in [*lines, {"done": True, "seconds": 2.0,
                                                               "library_size": 3}]) + "\n")
    full = read_cache(cache)
    assert full.complete and full.clusters == 2 and full.scores.recall_at_1 == 0.5
