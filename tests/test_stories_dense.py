"""Stories are dense groups of same-story links, not chains (issue 22, point 5)."""

from __future__ import annotations

import itertools
import random

import pytest

from test_stories_core import link, node
from unspun.stories.assemble import assemble
from unspun.stories.dense import dense_groups
from unspun.stories.options import StoriesOptions


def test_a_chain_of_resemblances_is_not_one_group() -> None:
    chain = [("A", "B", 0.9), ("B", "C", 0.8), ("C", "D", 0.9), ("D", "E", 0.7)]
    groups = dense_groups(list("ABCDE"), chain)
    assert max(len(g) for g in groups) <= 3
    # plain connectivity (density 0) is what chained them before
    assert dense_groups(list("ABCDE"), chain, density=0.0) == [list("ABCDE")]


def test_a_clique_stays_whole_and_two_cliques_joined_by_one_link_stay_apart() -> None:
    def clique(xs: str) -> list[tuple[str, str, float]]:
        return [(a, b, 0.8) for i, a in enumerate(xs) for b in xs[i + 1:]]

    links = clique("ABCD") + clique("WXYZ") + [("D", "W", 0.99)]
    assert dense_groups(list("ABCDWXYZ"), links) == [list("ABCD"), list("WXYZ")]


def test_units_without_links_stay_alone_and_bad_density_is_refused() -> None:
    assert dense_groups(["A", "B"], [("A", "Q", 1.0)]) == [["A"], ["B"]]
    with pytest.raises(ValueError, match="density"):
        dense_groups(["A"], [], density=1.5)


def test_the_groups_do_not_depend_on_the_order_of_the_links() -> None:
    rng = random.Random(7)
    units = [f"u{i:02d}" for i in range(30)]
    links = [(rng.choice(units), rng.choice(units), rng.choice((0.5, 0.7, 0.9)))
             for _ in range(80)]
    want = dense_groups(units, links)
    for _ in range(5):
        rng.shuffle(links)
        flipped = [(b, a, w) if rng.random() < 0.5 else (a, b, w) for a, b, w in links]
        assert dense_groups(list(reversed(units)), flipped) == want


def test_stories_split_a_chain_of_same_story_links_into_events() -> None:
    # six single articles, each resembling only the next: one event per neighbouring pair,
    # not one story of six
    ids = ["A", "B", "C", "D", "E", "F"]
    nodes = [node(i, k + 1) for k, i in enumerate(ids)]
    same = [link(a, b, 0.3, "same-story", relation="same-story", known=False)
            for a, b in itertools.pairwise(ids)]
    res = assemble(nodes, same)
    assert max(s.size for s in res.stories) <= 3
    chained = assemble(nodes, same, StoriesOptions(same_story_density=0.0))
    assert max(s.size for s in chained.stories) == 6
    # every same-story edge kept lies inside one story
    story = {m.article_id: m.story_id for m in res.members}
    assert all(story[e.parent] == story[e.child] for e in res.edges)
