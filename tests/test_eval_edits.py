"""Edit typing evaluation: offsets moved onto the Article, scored copies, CLI on generated data;
and the stories protocol's scoring on a hand-made clustering."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unspun.cli import app
from unspun.corpus import BenchOptions, generate_clusters, write_clusters
from unspun.errors import UsageError
from unspun.eval.clusters import to_article
from unspun.eval.edits import SCORED_TYPES, is_scored, offset_mapper, true_spans
from unspun.eval.metrics import Span
from unspun.eval.stories import ClusterTruth, PredictedMember, build_stories_function, score_stories

INVENTED = (
    "The council in Brackenford said 340 homes were flooded on Tuesday.\n\n"
    "Advertisement\n\n"
    '"We will rebuild," said Mara Ellison, who leads the council.'
)


def test_offset_mapper_moves_past_headline_and_dropped_paragraphs() -> None:
    record = {"title": "Floods in Brackenford", "text": INVENTED, "url": "https://a.example/1"}
    article = to_article(record)
    assert article.text.startswith("Floods in Brackenford")
    assert "Advertisement" not in article.text  # furniture dropped by ingestion
    mapped = offset_mapper(INVENTED, article.text)
    for word in ("340", "Mara Ellison", "Brackenford said"):
        at = INVENTED.index(word)
        got = mapped(at)
        assert got is not None and article.text[got:got + len(word)] == word
    assert mapped(INVENTED.index("Advertisement") + 2) is None


def test_true_spans_keep_scored_types_and_count_unplaced() -> None:
    record = {"title": "Floods", "text": INVENTED, "url": "https://a.example/2", "edits": [
        {"type": "number", "copy_start": INVENTED.index("340"),
         "copy_end": INVENTED.index("340") + 3},
        {"type": "synonym", "copy_start": 0, "copy_end": 3},
        {"type": "name", "copy_start": INVENTED.index("Advert"),
         "copy_end": INVENTED.index("Advert") + 6},
        {"type": "quote"},
    ]}
    article = to_article(record)
    spans, unplaced = true_spans(record, article.text)
    assert [s.type for s in spans] == ["number"] and unplaced == 2
    assert article.text[spans[0].start:spans[0].end] == "340"


def test_is_scored() -> None:
    assert is_scored({"recipe": "meaning-edit"})
    assert not is_scored({"recipe": "edited", "edits": [{"type": "name"}]})
    assert is_scored({"edits": [{"type": "negation"}]})
    assert not is_scored({"edits": [{"type": "synonym"}]})


def test_eval_edits_cli_on_generated_meaning_edits(tmp_path: Path) -> None:
    write_clusters(generate_clusters(BenchOptions(seed=11, clusters=12, kinds=("meaning-edit",))),
                   tmp_path)
    clusters = [json.loads(line) for line in (tmp_path / "clusters.jsonl").open()]
    recorded = sum(1 for cl in clusters for c in cl["copies"] for e in c.get("edits", [])
                   if e["type"] in SCORED_TYPES)
    result = CliRunner().invoke(app, ["eval", "edits", str(tmp_path / "clusters.jsonl"), "--json"])
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert set(d["by_type"]) == set(SCORED_TYPES)
    assert sum(t["true"] for t in d["by_type"].values()) + d["unplaced"] == recorded
    assert d["n_copies"] == sum(len(cl["copies"]) for cl in clusters)
    for t in d["by_type"].values():
        assert t["matched"] <= min(t["true"], t["predicted"])
    # The terminal table too.
    text = CliRunner().invoke(app, ["eval", "edits", str(tmp_path / "clusters.jsonl")])
    assert text.exit_code == 0 and "number" in text.stdout


# ---- stories protocol --------------------------------------------------------------------


def test_score_stories_by_hand() -> None:
    truth = [ClusterTruth("c1", "o1", ["k1", "k2"], ["s1"], []),
             ClusterTruth("c2", "o2", ["k3"], [], ["u1"])]
    members = [
        PredictedMember("o1", "A", "original", None),
        PredictedMember("k1", "A", "copy", "o1"),
        PredictedMember("k2", "A", "copy", "k1"),
        PredictedMember("s1", "A", "copy", "o1"),      # a distractor linked: false pairs
        PredictedMember("o2", "B", "copy", "k3"),      # direction wrong: original missed
        PredictedMember("k3", "B", "original", None),
        PredictedMember("u1", "B", "same-story", None),
    ]
    s = score_stories(truth, members)
    # Truth pairs: o1-k1, o1-k2, k1-k2, o2-k3 (4). Predicted components {o1,k1,k2,s1} (6 pairs)
    # and {o2,k3} (1): hits 4 of 7.
    assert s.link_precision == pytest.approx(4 / 7) and s.link_recall == 1.0
    assert s.original_accuracy == 0.5
    # Truth stories {o1,k1,k2,s1} {o2,k3} {u1}; predicted {o1,k1,k2,s1} {o2,k3,u1}:
    # sum_ij = 6 + 1 = 7, sum_a = 6 + 1 = 7, sum_b = 6 + 3 = 9, C(7,2) = 21,
    # expected = 7 * 9 / 21 = 3, max = 8 -> (7 - 3) / (8 - 3) = 0.8.
    assert s.ari == pytest.approx(0.8)
    assert set(s.as_dict()) == {"link_precision", "link_recall", "ari", "original_accuracy"}


def test_stories_protocol_exits_2_until_story_clustering_exists() -> None:
    demo = Path(__file__).resolve().parent.parent / "demo" / "clusters.jsonl"
    try:
        build_stories_function()
    except UsageError:
        result = CliRunner().invoke(app, ["eval", "clusters", str(demo), "--protocol", "stories"])
        assert isinstance(result.exception, UsageError)
        assert "issue 6" in str(result.exception)
        return
    result = CliRunner().invoke(app, ["eval", "clusters", str(demo), "--protocol", "stories",
                                      "--json"])
    assert result.exit_code == 0, result.output
    assert set(json.loads(result.stdout)) == {"link_precision", "link_recall", "ari",
                                              "original_accuracy"}


def test_span_type_is_plain_data() -> None:
    assert Span("name", 1, 2) == Span("name", 1, 2)


def test_copy_groups_join_links_lineage_did_not_keep() -> None:
    truth = [ClusterTruth("c1", "o1", ["k1", "k2"], [], [])]
    # Lineage kept k1 -> o1 only; the copy group says k2 belongs with them too.
    members = [PredictedMember("o1", "A", "original", None, "g1"),
               PredictedMember("k1", "A", "copy", "o1", "g1"),
               PredictedMember("k2", "A", "same-story", None, None)]
    assert score_stories(truth, members).link_recall == pytest.approx(1 / 3)
    members[2] = PredictedMember("k2", "A", "copy", None, "g1")
    s = score_stories(truth, members)
    assert s.link_recall == 1.0 and s.link_precision == 1.0 and s.original_accuracy == 1.0
