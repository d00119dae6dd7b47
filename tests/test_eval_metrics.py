"""Accuracy measures on tiny cases computed by hand (ties, empty inputs, absent targets)."""

from __future__ import annotations

import itertools
import random

import pytest

from unspun.eval.metrics import (
    EditCounts,
    Span,
    adjusted_rand_index,
    component_labels,
    components,
    count_edits,
    kind_accuracy,
    link_scores,
    match_edits,
    mrr,
    original_identified,
    pair_scores,
    prf,
    rank_of,
    recall_at,
    share,
    spans_overlap,
)

# ---- ranks, recall@k, MRR -----------------------------------------------------------------


def test_rank_of_plain_absent_and_empty() -> None:
    assert rank_of("b", ["a", "b", "c"]) == 2
    assert rank_of("x", ["a", "b"]) is None
    assert rank_of("x", []) is None


def test_rank_of_ties_are_pessimistic() -> None:
    # b ties with a (ahead) and with c (behind): b is ranked after both -> 3.
    assert rank_of("b", ["a", "b", "c", "d"], [0.5, 0.5, 0.5, 0.9]) == 3
    assert rank_of("a", ["a", "b", "c", "d"], [0.5, 0.5, 0.5, 0.9]) == 3
    assert rank_of("d", ["a", "b", "c", "d"], [0.5, 0.5, 0.5, 0.9]) == 4
    # No tie: the position.
    assert rank_of("c", ["a", "b", "c"], [1, 2, 3]) == 3
    assert rank_of("a", ["a", "b", "c"], [1, 2, 3]) == 1
    with pytest.raises(ValueError):
        rank_of("a", ["a", "b"], [1])


def test_recall_and_mrr_by_hand() -> None:
    ranks = [1, 2, None, 6]
    assert recall_at(ranks, 1) == 0.25
    assert recall_at(ranks, 5) == 0.5
    assert recall_at(ranks, 6) == 0.75
    assert mrr(ranks) == pytest.approx((1 + 0.5 + 0 + 1 / 6) / 4)
    assert recall_at([], 1) is None and mrr([]) is None
    assert recall_at([None, None], 5) == 0.0 and mrr([None]) == 0.0


def test_share_and_kind_accuracy() -> None:
    assert share([True, False, False, False]) == 0.25
    assert share([]) is None
    pairs = [("spun", "spun"), ("edited", "spun"), (None, "verbatim"), ("spun", None)]
    # The unlabelled pair is skipped; the missing prediction counts as wrong: 1 of 3.
    assert kind_accuracy(pairs) == pytest.approx(1 / 3)
    assert kind_accuracy([("spun", None)]) is None
    assert kind_accuracy([]) is None


# ---- links, ARI, originals ------------------------------------------------------------------


def test_components_include_isolated_nodes() -> None:
    comps = components(["a", "b", "c", "d", "e"], [("a", "b"), ("c", "b"), ("d", "d")])
    assert comps == [{"a", "b", "c"}, {"d"}, {"e"}]


def test_component_labels_are_the_smallest_member_whatever_the_root() -> None:
    # z's set grows first and is larger, so union by size keeps z's root on top when "a"
    # joins; the label is still the smallest member. Link ends not among the nodes count.
    labels = component_labels(["z", "y", "x", "q"], [("z", "y"), ("y", "x"), ("a", "x")])
    assert labels == {"z": "a", "y": "a", "x": "a", "q": "q", "a": "a"}
    assert list(labels) == ["z", "y", "x", "q", "a"]


def test_link_scores_by_hand() -> None:
    # Family {o, c1, c2}: true pairs o-c1, o-c2, c1-c2 (3). Predicted links c1->o and
    # d->o (a distractor linked): component {o, c1, d}: pairs o-c1 (hit), o-d, c1-d.
    s = link_scores([["o", "c1", "c2"]], [("c1", "o"), ("d", "o")])
    assert (s.true_pairs, s.predicted_pairs) == (3, 3)
    assert s.precision == pytest.approx(1 / 3)
    assert s.recall == pytest.approx(1 / 3)
    # A chain c2 -> c1 -> o finds every pair of the family.
    s = link_scores([["o", "c1", "c2"]], [("c2", "c1"), ("c1", "o")])
    assert s.precision == 1.0 and s.recall == 1.0


def test_link_scores_empty() -> None:
    s = link_scores([["o"]], [])
    assert s.precision is None and s.recall is None
    s = link_scores([["o", "c"]], [])
    assert s.precision is None and s.recall == 0.0
    s = link_scores([], [("a", "b")])
    assert s.precision == 0.0 and s.recall is None


def test_pair_scores_count_what_listing_pairs_gives() -> None:
    # Counting pairs from group sizes equals listing them, on random groupings where some
    # items are missing from one side (alone there).
    rng = random.Random(5)
    for _ in range(200):
        items = [str(i) for i in range(rng.randint(0, 9))]
        truth = {i: rng.randint(0, 3) for i in items if rng.random() < 0.9}
        pred = {i: rng.randint(0, 3) for i in items if rng.random() < 0.9}

        def pairs(g: dict[str, int]) -> set[tuple[str, str]]:
            return {(a, b) for a, b in itertools.combinations(sorted(g), 2) if g[a] == g[b]}

        t, p = pairs(truth), pairs(pred)
        s = pair_scores(truth, pred)
        assert (s.true_pairs, s.predicted_pairs) == (len(t), len(p))
        assert s.precision == (len(t & p) / len(p) if p else None)
        assert s.recall == (len(t & p) / len(t) if t else None)


def test_ari_by_hand() -> None:
    # The classic case: ARI = (2 - 1.2) / (4.5 - 1.2) = 0.2424...
    truth = dict(zip("abcdef", [0, 0, 0, 1, 1, 1], strict=True))
    pred = dict(zip("abcdef", [0, 0, 1, 1, 2, 2], strict=True))
    assert adjusted_rand_index(truth, pred) == pytest.approx(0.8 / 3.3)
    # sum_ij = 1, expected = 2 * 3 / 6 = 1 -> 0.
    assert adjusted_rand_index({"a": 1, "b": 1, "c": 2, "d": 2},
                               {"a": 1, "b": 1, "c": 1, "d": 2}) == pytest.approx(0.0)
    # Same partition under other names.
    assert adjusted_rand_index({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "y"}) == 1.0


def test_ari_missing_items_are_singletons_and_degenerate_cases() -> None:
    truth = {"a": 1, "b": 1, "c": 2}
    # b missing -> singleton; pred {a}{b}{c} vs truth {a,b}{c}: sum_ij 0, sum_a 1, sum_b 0,
    # expected 0, max 0.5 -> 0.
    assert adjusted_rand_index(truth, {"a": "x", "c": "y"}) == pytest.approx(0.0)
    assert adjusted_rand_index({"a": 1}, {"a": 1}) is None
    assert adjusted_rand_index({}, {}) is None
    # Both all-singletons: identical trivial partitions -> 1.
    assert adjusted_rand_index({"a": 1, "b": 2}, {}) == 1.0


def _ari_reference(t: list[int], p: list[int]) -> float:
    """Rand-index definition counted over all pairs, adjusted with the hypergeometric mean."""
    n = len(t)
    pairs = list(itertools.combinations(range(n), 2))
    same_t = [t[i] == t[j] for i, j in pairs]
    same_p = [p[i] == p[j] for i, j in pairs]
    both = sum(1 for a, b in zip(same_t, same_p, strict=True) if a and b)
    st, sp = sum(same_t), sum(same_p)
    expected = st * sp / len(pairs)
    top = (st + sp) / 2
    return 1.0 if top == expected else (both - expected) / (top - expected)


def test_ari_matches_pair_counting_definition_on_random_labellings() -> None:
    rng = random.Random(7)
    for _ in range(50):
        n = rng.randint(2, 12)
        t = [rng.randint(0, 3) for _ in range(n)]
        p = [rng.randint(0, 3) for _ in range(n)]
        items = [str(i) for i in range(n)]
        got = adjusted_rand_index(dict(zip(items, t, strict=True)),
                                  dict(zip(items, p, strict=True)))
        assert got == pytest.approx(_ari_reference(t, p))


def test_original_identified() -> None:
    roles = {"o": "original", "c": "copy", "k": "copy", "d": "same-story"}
    story = {"o": "s1", "c": "s1", "k": "s1", "d": "s1"}
    group = {"o": "g1", "c": "g1", "k": "g1", "d": "g2"}
    assert original_identified("o", ["c"], roles, story, group)
    assert not original_identified("o", ["c"], {**roles, "o": "copy", "c": "original"}, story,
                                   group)
    # Everything called an original in one story: not identified.
    assert not original_identified("o", ["c"], {**roles, "c": "original"}, story, group)
    # Marked original but alone (no copy found in its group): not identified.
    assert not original_identified("o", ["c"], roles, story, {**group, "c": "g3"})
    assert not original_identified("o", ["c"], roles, story, {})
    # One copy split off into its own story as an original, the other found: identified.
    assert original_identified("o", ["c", "k"], {**roles, "c": "original"},
                               {**story, "c": "s2"}, {**group, "c": "g3"})
    assert not original_identified("o", ["c"], {}, {}, {})


# ---- edits ------------------------------------------------------------------------------------


def test_spans_overlap_half_open_and_points() -> None:
    assert spans_overlap(Span("name", 0, 5), Span("name", 4, 9))
    assert not spans_overlap(Span("name", 0, 5), Span("name", 5, 9))
    assert spans_overlap(Span("negation", 5, 5), Span("negation", 5, 9))  # point at start
    assert spans_overlap(Span("negation", 3, 3), Span("negation", 0, 3))  # point at end
    assert not spans_overlap(Span("negation", 2, 2), Span("negation", 3, 4))


def test_match_edits_one_to_one_by_type_and_overlap() -> None:
    true = [Span("name", 10, 18), Span("number", 30, 33), Span("quote", 50, 55)]
    pred = [Span("name", 12, 20), Span("name", 10, 18), Span("number", 40, 42),
            Span("negation", 50, 55)]
    # The exact name wins the true name (larger overlap); the other name, the far number
    # and the wrong-typed quote stay unmatched.
    assert match_edits(true, pred) == [(0, 1)]
    assert match_edits([], pred) == [] and match_edits(true, []) == []


def test_count_edits_and_prf_by_hand() -> None:
    types = ("name", "number", "quote")
    counts = count_edits(
        [Span("name", 0, 4), Span("name", 10, 14), Span("number", 20, 22)],
        [Span("name", 1, 3), Span("number", 20, 22), Span("number", 40, 42),
         Span("synonym", 50, 55)],
        types,
    )
    assert (counts["name"].true, counts["name"].predicted, counts["name"].matched) == (2, 1, 1)
    assert (counts["number"].true, counts["number"].predicted,
            counts["number"].matched) == (1, 2, 1)
    assert prf(counts["name"]) == (1.0, 0.5, pytest.approx(2 / 3))
    assert prf(counts["number"]) == (0.5, 1.0, pytest.approx(2 / 3))
    assert prf(counts["quote"]) == (None, None, None)
    assert prf(EditCounts(true=3, predicted=2, matched=0)) == (0.0, 0.0, 0.0)
    assert prf(EditCounts(true=0, predicted=2, matched=0)) == (0.0, None, None)
    # Counts accumulate across copies.
    count_edits([Span("quote", 0, 4)], [Span("quote", 2, 3)], types, counts)
    assert prf(counts["quote"]) == (1.0, 1.0, 1.0)
