"""Pure parts of story clustering on hand-made data: union-find and ids, lineage (the
original, copies of copies, ties, contradictory votes), assembly roles, site profiles."""

from __future__ import annotations

from datetime import date

from unspun.stories.assemble import assemble
from unspun.stories.graph import group_id
from unspun.stories.lineage import build_lineage
from unspun.stories.types import Node, PairResult
from unspun.unionfind import UnionFind


def node(i: str, day: int | None, chars: int = 1000, site: str | None = None) -> Node:
    return Node(i, f"https://{site or i}.example/{i}", site or f"{i}.example", f"title {i}",
                date(2024, 3, day) if day else None, chars)


def link(source: str, copy: str, cov: float, verdict: str = "edited", known: bool = True,
         relation: str = "copy", meaning: int = 0, conf: float = 0.9) -> PairResult:
    return PairResult(source, copy, relation, verdict, conf, known, cov, 0.9, 3,  # type: ignore[arg-type]
                      meaning, 0)


def test_union_find_groups_and_ids() -> None:
    uf = UnionFind(["d", "c", "b", "a", "e"])
    uf.union("a", "c")
    uf.union("d", "c")
    assert uf.groups() == [["a", "c", "d"], ["b"], ["e"]]
    assert group_id(["c", "a", "d"]) == group_id(["d", "c", "a"]) != group_id(["a", "c"])
    assert group_id(["a"], "g").startswith("g") and len(group_id(["a"])) == 17


def test_spun_copy_of_a_verbatim_copy_descends_from_the_copy() -> None:
    # V copied O verbatim and added furniture; S spun V and kept that furniture, so V
    # explains more of S than O does.
    nodes = {"O": node("O", 1), "V": node("V", 2, 1100), "S": node("S", 3, 1100)}
    links = [link("O", "V", 0.91, "verbatim"), link("V", "S", 0.97, "spun"),
             link("O", "S", 0.88, "spun")]
    lin = build_lineage(nodes, links)
    assert lin.originals == ("O",)
    assert lin.parents["V"].source == "O"
    assert lin.parents["S"].source == "V"
    assert lin.generation == {"O": 0, "V": 1, "S": 2}


def test_equally_explained_copy_descends_from_the_original() -> None:
    nodes = {"O": node("O", 1), "V": node("V", 2), "S": node("S", 3)}
    links = [link("O", "V", 0.99, "verbatim"), link("V", "S", 0.95, "spun"),
             link("O", "S", 0.94, "spun")]
    lin = build_lineage(nodes, links)
    assert lin.parents["S"].source == "O"


def test_lineage_is_acyclic_whatever_the_votes_say() -> None:
    nodes = {i: node(i, None) for i in "ABC"}
    # a contradictory cycle of directed verdicts
    links = [link("A", "B", 0.9), link("B", "C", 0.9), link("C", "A", 0.9)]
    lin = build_lineage(nodes, links)
    assert len(lin.originals) >= 1
    for child in lin.parents:  # following parents always ends at an original
        seen, i = set(), child
        while i in lin.parents:
            assert i not in seen
            seen.add(i)
            p = lin.parents[i]
            i = p.source if p.copy == i else p.copy
        assert i in lin.originals


def test_an_early_article_no_one_descends_from_is_not_left_as_a_group_of_one() -> None:
    # O -> V is known; E (dated first) shares a little of V, direction unknown: ranked
    # before V, E has no parent, and V descends from O; E then hangs below V
    nodes = {"O": node("O", 2), "V": node("V", 3), "E": node("E", 1)}
    e_v = link("E", "V", 0.3, known=False)
    lin = build_lineage(nodes, [link("O", "V", 0.9), e_v])
    assert lin.originals == ("O",)
    assert lin.parents["V"].source == "O"
    assert lin.parents["E"] is e_v and lin.generation["E"] == 2
    # when its link says it is the source, it stays an original (of what it was copied into)
    lin = build_lineage(nodes, [link("O", "V", 0.9), link("E", "V", 0.3)])
    assert set(lin.originals) == {"O", "E"}
    assert "E" not in lin.parents


def test_undated_direction_unknown_uses_dates_then_length() -> None:
    nodes = {"X": node("X", 5, 800), "Y": node("Y", 4, 700)}
    lin = build_lineage(nodes, [link("X", "Y", 0.9, known=False)])
    assert lin.originals == ("Y",)  # earlier date wins when the analysis could not tell
    nodes = {"X": node("X", None, 800), "Y": node("Y", None, 700)}
    lin = build_lineage(nodes, [link("Y", "X", 0.9, known=False)])
    assert lin.originals == ("X",)  # longer text when no dates


def test_assemble_roles_stories_and_same_story_kept_apart() -> None:
    nodes = [node("O", 1, site="paper"), node("C1", 2, site="farm"),
             node("C2", 2, site="farm"), node("R", 1, site="other"),
             node("RC", 3, site="farm"), node("Z", 9, site="paper")]
    results = [link("O", "C1", 0.95, "verbatim"), link("O", "C2", 0.9, "spun", meaning=2),
               link("O", "R", 0.2, "same-story", relation="same-story", known=False),
               link("R", "RC", 0.9, "edited"),
               link("O", "Z", 0.1, "unrelated", relation="unrelated", known=False)]
    res = assemble(nodes, results)
    by = {m.article_id: m for m in res.members}
    assert {by[i].story_id for i in ("O", "C1", "C2", "R", "RC")} == {by["O"].story_id}
    assert by["Z"].story_id != by["O"].story_id and by["Z"].role == "original"
    assert by["O"].role == "original" and by["R"].role == "original"  # two originals
    assert by["C1"].copied_from == by["O"].url and by["C1"].verdict == "verbatim"
    assert by["RC"].copied_from_id == "R"
    assert by["O"].group_id != by["R"].group_id
    story = next(s for s in res.stories if s.id == by["O"].story_id)
    assert story.originals == ["O", "R"] and story.copies == 3 and story.groups == 2
    assert story.id == group_id(["O", "C1", "C2", "R", "RC"], "s")
    kinds = {(e.parent, e.child, e.relation) for e in res.edges}
    assert ("O", "C2", "copy") in kinds and ("O", "R", "same-story") in kinds
    farm = next(p for p in res.sites if p.site == "farm")
    assert res.sites[0].site == "farm"
    assert farm.copies == 3 and farm.originals == 0
    assert farm.share_spun_or_translated == round(1 / 3, 4)
    assert farm.share_meaning_edits == round(1 / 3, 4)
    assert farm.median_delay_days == 1.0
    assert any("never the original" in r for r in farm.reasons)
    paper = next(p for p in res.sites if p.site == "paper")
    assert paper.copies == 0 and paper.originals == 1 and paper.copied_by_others == 2
    # the order of the input does not matter
    again = assemble(list(reversed(nodes)), list(reversed(results)))
    assert [m.as_row() for m in again.members] == [m.as_row() for m in res.members]
    assert [e.as_row() for e in again.edges] == [e.as_row() for e in res.edges]


def test_low_confidence_copies_and_unknown_articles_are_dropped() -> None:
    from unspun.stories.options import StoriesOptions

    nodes = [node("A", 1), node("B", 2)]
    res = assemble(nodes, [link("A", "B", 0.9, conf=0.3), link("A", "GHOST", 0.9)],
                   StoriesOptions(min_confidence=0.5))
    assert {m.role for m in res.members} == {"original"} and len(res.stories) == 2


def test_site_copy_share_is_the_profiles_share_of_copies() -> None:
    from unspun.stories.assemble import assemble_links, copy_lineage, kept_links, site_copy_share
    from unspun.stories.options import StoriesOptions

    nodes = {n.id: n for n in [node("O", 1, site="paper"), node("C1", 2, site="farm"),
                               node("C2", 3, site="farm"), node("F", 1, site="farm"),
                               node("U", 4), Node("N", None, None, "no site", None, 900)]}
    results = [link("O", "C1", 0.95, "verbatim"), link("C1", "C2", 0.9, "spun"),
               link("O", "N", 0.9, "edited")]
    options = StoriesOptions()
    copies, same = kept_links(nodes, results, options)
    share = site_copy_share(nodes, copy_lineage(nodes, copies, None).parents)
    full = assemble_links(nodes, copies, same, None, options)
    assert share == {p.site: p.copies / p.articles for p in full.sites}
    assert share["farm"] == 2 / 3 and share["paper"] == 0.0 and share["(no site)"] == 1.0
