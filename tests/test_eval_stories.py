"""The stories protocol's one scorer on hand-made truth and member rows, and the streaming
reader of cluster files that fills its truth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from unspun.errors import InputError
from unspun.eval.stories import ClusterTruth, PredictedMember, cluster_articles, score_stories

DEMO = Path(__file__).resolve().parents[1] / "demo" / "clusters.jsonl"


def test_merged_definition_by_hand() -> None:
    truth = [ClusterTruth("c1", "o1", ["k1", "k2"], ["s1"], []),
             ClusterTruth("c2", "o2", ["k3"], [], ["u1"]),
             ClusterTruth("c3", "o3", ["k4"], [], []),
             ClusterTruth("c4", "o4", [], ["s4"], [])]
    members = [
        # c1: one copy group holds the original and both copies; the same-story
        # distractor is marked a copy of k1 (accused), so its pairs are false.
        PredictedMember("o1", "A", "original", None, "g1"),
        PredictedMember("k1", "A", "copy", "o1", "g1"),
        PredictedMember("k2", "A", "copy", "k1", "g1"),
        PredictedMember("s1", "A", "copy", "k1", "g1"),
        # c2: the original is marked original but nothing was linked to it (its copy is
        # alone in a story of its own): left alone, not identified.
        PredictedMember("o2", "B", "original", None, "g2"),
        PredictedMember("k3", "C", "original", None, "g3"),
        PredictedMember("u1", "D", "original", None, "g4"),
        # c3: linked, but a second group in the same story calls the copy an original
        # too (a copy link the lineage did not keep: no pair).
        PredictedMember("o3", "E", "original", None, "g5"),
        PredictedMember("x", "E", "copy", "o3", "g5"),
        PredictedMember("k4", "E", "original", None, "g6"),
        # c4: no copies: not in original accuracy's denominator.
        PredictedMember("o4", "F", "original", None, "g7"),
        PredictedMember("s4", "F", "same-story", None, "g8"),
    ]
    s = score_stories(truth, members)
    # True pairs: c1 o1-k1 o1-k2 k1-k2, c2 o2-k3, c3 o3-k4 (5). Predicted: {o1,k1,k2,s1}
    # 6 pairs, {o3,x} 1 pair (7); hits: c1's three.
    assert (s.true_links, s.predicted_links) == (5, 7)
    assert s.link_precision == pytest.approx(3 / 7) and s.link_recall == pytest.approx(3 / 5)
    # Only c1's original is identified, of three clusters with copies.
    assert s.clusters_with_copies == 3 and s.original_accuracy == pytest.approx(1 / 3)
    assert s.distractors_as_copies == 1
    assert (s.n_clusters, s.n_articles) == (4, 11)
    assert s.ari is not None and -1.0 <= s.ari < 1.0
    row = s.as_row()
    assert set(row) == {"link_precision", "link_recall", "ari", "original_accuracy",
                        "true_links", "predicted_links", "clusters_with_copies",
                        "distractors_as_copies"}
    assert row["link_precision"] == round(3 / 7, 4)


def test_a_distractor_of_several_clusters_is_one_false_copy() -> None:
    # Clusters from real text may draw the same corpus article as a distractor twice.
    truth = [ClusterTruth("c1", "o1", ["k1"], [], ["u"]),
             ClusterTruth("c2", "o2", ["k2"], [], ["u"])]
    members = [PredictedMember("o1", "A", "original", None, "g1"),
               PredictedMember("k1", "A", "copy", "o1", "g1"),
               PredictedMember("u", "A", "copy", "o1", "g1"),
               PredictedMember("o2", "B", "original", None, "g2"),
               PredictedMember("k2", "B", "copy", "o2", "g2")]
    s = score_stories(truth, members)
    assert s.distractors_as_copies == 1
    assert (s.true_links, s.predicted_links) == (2, 4) and s.link_precision == 0.5


def test_nothing_to_divide_by_is_none_not_perfect() -> None:
    truth = [ClusterTruth("c1", "o1", [], ["s1"], [])]
    members = [PredictedMember("o1", "A", "original", None, "g1"),
               PredictedMember("s1", "A", "same-story", None, "g2")]
    s = score_stories(truth, members)
    assert s.link_precision is None and s.link_recall is None
    assert s.original_accuracy is None and s.clusters_with_copies == 0
    assert s.as_row()["link_precision"] is None
    assert s.ari == 1.0  # one true story, found as one


def test_cluster_articles_streams_ids_and_notes_bad_records(tmp_path: Path) -> None:
    truth: list[ClusterTruth] = []
    articles = cluster_articles(DEMO, truth)
    first = next(articles)
    # the first cluster's truth is there before its articles are yielded, not the rest
    assert len(truth) == 1 and truth[0].original == first.id
    rest = list(articles)
    demo = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()]
    assert len(truth) == len(demo)
    assert 1 + len(rest) == sum(1 + len(c["copies"]) + len(c["distractors"]) for c in demo)
    ids = {first.id, *(a.id for a in rest)}
    for t, c in zip(truth, demo, strict=True):
        assert t.cluster == c["cluster_id"] and len(t.copies) == len(c["copies"])
        assert len(t.distractors) == len(c["distractors"])
        assert {t.original, *t.copies, *t.distractors} <= ids
    assert sum(len(t.unrelated) for t in truth) < sum(len(t.distractors) for t in truth)

    bad = tmp_path / "bad.jsonl"
    cl = demo[0]
    lines = [{**cl, "cluster_id": "x1", "copies": [{"url": "https://a.example/1"}]},
             {**cl, "cluster_id": "x2", "original": {"url": "https://a.example/2"}}, cl]
    bad.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    with pytest.raises(InputError):
        list(cluster_articles(bad, []))
    errors: list[str] = []
    truth = []
    got = list(cluster_articles(bad, truth, errors=errors, limit=2))
    assert [t.cluster for t in truth] == ["x1"]  # x2's original failed: the cluster goes
    assert truth[0].copies == [] and len(errors) == 2
    assert errors[0].startswith("x1: ") and errors[1].startswith("x2: ")
    assert len(got) == 1 + len(cl["distractors"])
