"""From verified pairs to stories: groups, originals, lineage, rows, site profiles. Pure.

Definitions (the output contract of every engine):

* Copy links: verified pairs with a copy verdict (verbatim ... syndicated, confidence >=
  `min_confidence`). On each connected component of copy links, `lineage` picks the
  original(s) and one parent for every copy.
* A *copy group* is one original with everything descending from it (a tree of the
  lineage): a copy link lineage did not choose never merges two groups, so one spurious
  resemblance between two stories' copies does not fuse them.
* A *story* is one or more copy groups (each with its own original) joined by same-story
  links that share the event's skeleton (`same_story_names`, `same_story_terms`):
  independent reports of one event. Groups join as a dense group (`dense.dense_groups`:
  most pairs of their groups linked, `same_story_density`), so a chain of resemblances
  does not make one story of many events. Same-story links never make anyone a copy. Links
  between articles that end in different stories are counted, not kept.
* Roles: `copy` (has a parent in its group), `original` (generation 0 of a group of two or
  more, or the only article of its story), `same-story` (alone in its copy group, in a
  story with others).
* Ids: a story's id is `group_id` of its sorted member ids (prefix "s"), a copy group's the
  same with prefix "g": deterministic, so runs and engines compare row by row.
* Order: stories by size (largest first) then id; members by story id, generation, id;
  edges by story id, relation, parent, child; sites by content-farm score (see `sites`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from unspun.published import sort_key
from unspun.stories.dense import dense_groups
from unspun.stories.graph import group_id
from unspun.stories.lineage import Lineage, build_lineage, other_end
from unspun.stories.options import StoriesOptions
from unspun.stories.sites import NO_SITE, site_profiles
from unspun.stories.types import (
    Member,
    Node,
    PairResult,
    Role,
    StoriesResult,
    Story,
    StoryEdge,
)
from unspun.unionfind import UnionFind


def kept_links(nodes: dict[str, Node], results: Iterable[PairResult],
               options: StoriesOptions) -> tuple[list[PairResult], list[PairResult]]:
    """(copy links, same-story links) among known nodes, one per pair, sorted by pair.
    Copy links below `min_confidence`, or sharing too little of the skeleton
    (`copy_names`, `copy_terms`), are dropped; so are same-story links that share too
    little of it to be kept as a copy or to join stories (what the pre-check before
    alignment leaves out: `verify.worth_verifying`)."""
    seen: dict[tuple[str, str], PairResult] = {}
    weak = (options.copy_names, options.copy_terms)
    join = (options.same_story_names, options.same_story_terms)
    for r in results:
        if r.relation == "unrelated" or r.copy not in nodes or r.source not in nodes:
            continue
        if r.copy == r.source or r.key in seen:
            continue
        thin = r.name_overlap < weak[0] and r.term_overlap < weak[1]
        if r.relation == "copy" and (r.confidence < options.min_confidence or thin):
            continue
        if thin and not (r.name_overlap >= join[0] and r.term_overlap >= join[1]):
            continue
        seen[r.key] = r
    ordered = [seen[k] for k in sorted(seen)]
    return ([r for r in ordered if r.relation == "copy"],
            [r for r in ordered if r.relation == "same-story"])


def assemble(nodes_in: Sequence[Node], results: Iterable[PairResult],
             options: StoriesOptions = StoriesOptions()) -> StoriesResult:
    """Stories, members, edges and site profiles from every article and verified pair.

    Lineage runs twice: the second time with each site's share of copies from the first
    (site history breaks ties no date or text evidence can, see `lineage`)."""
    nodes = {n.id: n for n in nodes_in}
    copies, same = kept_links(nodes, results, options)
    # The first pass needs only who is a copy: lineage alone, no members, edges or sites
    # (held next to the second pass's, they doubled assembly's peak memory).
    share = site_copy_share(nodes, copy_lineage(nodes, copies, None).parents)
    return assemble_links(nodes, copies, same, share, options)


def site_copy_share(nodes: dict[str, Node], parent_links: Mapping[str, PairResult]
                    ) -> dict[str, float]:
    """Each site's share of its articles that are copies (have a lineage parent): the
    `SiteProfile.copies / articles` of a pass with these parents, keyed as the profiles
    are (`NO_SITE` for articles without a site)."""
    articles: Counter[str] = Counter()
    copies: Counter[str] = Counter()
    for i, n in nodes.items():
        site = n.site or NO_SITE
        articles[site] += 1
        copies[site] += i in parent_links
    return {s: copies[s] / k for s, k in articles.items()}


@dataclass(slots=True)
class CopyLineage:
    """Lineage of every component of copy links: each copy's parent link and generation,
    each article's rank in its component's order and its copy group's root (original)."""

    parents: dict[str, PairResult]
    generation: dict[str, int]
    rank: dict[str, int]
    roots: dict[str, str]


def copy_lineage(nodes: dict[str, Node], copies: list[PairResult],
                 site_share: dict[str, float] | None) -> CopyLineage:
    """`build_lineage` on each connected component of the copy links; its trees are the
    copy groups (an article without copy links is its own root)."""
    comp_uf = UnionFind(nodes)
    for r in copies:
        comp_uf.union(r.copy, r.source)
    comp_links: dict[str, list[PairResult]] = {}
    for r in copies:
        comp_links.setdefault(comp_uf.find(r.copy), []).append(r)
    out = CopyLineage({}, {}, {}, {})
    for comp in comp_uf.groups():
        links = comp_links.get(comp_uf.find(comp[0]), [])
        lin = build_lineage(nodes, links, site_share)
        out.parents.update(lin.parents)
        out.generation.update(lin.generation)
        out.rank.update((i, k) for k, i in enumerate(lin.order))
        for i in comp:
            out.roots[i] = _root(i, lin)
    return out


def assemble_links(nodes: dict[str, Node], copies: list[PairResult], same: list[PairResult],
                   site_share: dict[str, float] | None, options: StoriesOptions
                   ) -> StoriesResult:
    """One pass of `assemble` over links already kept (`kept_links`): copy groups and their
    lineage (with `site_share`, each site's share of copies, when known), stories joined by
    same-story links that `joins_stories`, members, edges and site profiles. Engines that
    shard the work (Spark) call it on whole components."""
    lineage = copy_lineage(nodes, copies, site_share)
    parent_links, generation = lineage.parents, lineage.generation
    rank, roots = lineage.rank, lineage.roots
    trees: dict[str, list[str]] = {}
    for i in sorted(nodes):
        trees.setdefault(roots[i], []).append(i)
    # stories: copy groups joined by same-story links into dense groups, never chains
    unit_links = [(roots[r.copy], roots[r.source], r.confidence)
                  for r in same if joins_stories(r, options)]
    story_uf = UnionFind(nodes)
    for i, root in roots.items():
        story_uf.union(i, root)
    for units in dense_groups(sorted(trees), unit_links, options.same_story_density):
        for u in units[1:]:
            story_uf.union(units[0], u)
    trees_of_story: dict[str, list[str]] = {}
    for root in sorted(trees):
        trees_of_story.setdefault(story_uf.find(root), []).append(root)

    best_same: dict[str, float] = {}
    for r in same:
        for i in (r.copy, r.source):
            best_same[i] = max(best_same.get(i, 0.0), r.confidence)
    members: list[Member] = []
    stories: list[Story] = []
    story_of: dict[str, str] = {}
    for story_ids in story_uf.groups():
        sid = group_id(story_ids, "s")
        story_members: list[Member] = []
        originals: list[str] = []
        for root in trees_of_story[story_uf.find(story_ids[0])]:
            tree = trees[root]
            gid = group_id(tree, "g")
            if len(tree) > 1 or len(story_ids) == 1:
                originals.append(root)
            for i in tree:
                story_of[i] = sid
                story_members.append(_member(nodes, sid, gid, i, parent_links.get(i),
                                             generation.get(i, 0), len(tree), len(story_ids),
                                             best_same.get(i)))
        members.extend(story_members)
        stories.append(_story(nodes, sid, story_members, sorted(originals, key=lambda i: (
            sort_key(nodes[i].published), i)), len(trees_of_story[story_uf.find(
                story_ids[0])]), parent_links))
    chosen = {id(r) for r in parent_links.values()}
    edges: list[StoryEdge] = []
    between = 0
    for r in copies:
        if story_of[r.copy] != story_of[r.source]:
            between += 1  # resembles an article of another story: not kept as a link
            continue
        edges.append(_copy_edge(nodes, story_of[r.copy], r, id(r) in chosen, parent_links,
                                rank))
    same_between = 0
    for r in same:
        if story_of[r.copy] == story_of[r.source]:
            a, b = sorted((r.copy, r.source))
            edges.append(_edge(nodes, story_of[a], a, b, r, "same-story", False, "lineage"))
        else:
            same_between += 1  # reports of events too unlike to join: not kept as a link
    members.sort(key=lambda m: (m.story_id, m.generation, m.article_id))
    stories.sort(key=lambda s: (-s.size, s.id))
    edges.sort(key=lambda e: (e.story_id, e.relation, e.parent, e.child))
    sites = site_profiles(members, parent_links, roots)
    stats = {"articles": len(nodes), "stories": len(stories),
             "multi_article_stories": sum(1 for s in stories if s.size > 1),
             # Links kept as edges rows, and those between stories (counted, not kept).
             "copy_links": len(copies) - between, "copy_links_between_stories": between,
             "same_story_links": len(same) - same_between,
             "same_story_links_between_stories": same_between,
             "same_story_links_joining": sum(1 for r in same if joins_stories(r, options)),
             "copies": sum(1 for m in members if m.role == "copy")}
    return StoriesResult(members, stories, edges, sites, stats)


def joins_stories(r: PairResult, options: StoriesOptions) -> bool:
    """Whether a kept same-story link joins its two articles' stories: they share enough of
    the event's skeleton (names and distinctive terms)."""
    return (r.name_overlap >= options.same_story_names
            and r.term_overlap >= options.same_story_terms)


def _root(i: str, lin: Lineage) -> str:
    while i in lin.parents:
        i = other_end(lin.parents[i], i)
    return i


def _member(nodes: dict[str, Node], sid: str, gid: str, i: str, link: PairResult | None,
            generation: int, group_size: int, story_size: int, same_confidence: float | None
            ) -> Member:
    n = nodes[i]
    role: Role
    verdict: str | None = None
    confidence: float | None = None
    parent: str | None = None
    if link is not None:
        role, verdict, confidence = "copy", link.verdict, link.confidence
        parent = other_end(link, i)
    elif group_size > 1 or story_size == 1:
        role = "original"
    else:
        role = "same-story"
        verdict, confidence = "same-story", same_confidence
    return Member(
        story_id=sid, article_id=i, url=n.url, site=n.site, title=n.title, published=n.published,
        role=role, copied_from=nodes[parent].url if parent else None, copied_from_id=parent,
        verdict=verdict, confidence=confidence, group_id=gid, generation=generation,
        source_id=n.source_id)


def _edge(nodes: dict[str, Node], sid: str, parent: str, child: str, r: PairResult,
          relation: str, in_lineage: bool, direction: str) -> StoryEdge:
    return StoryEdge(
        story_id=sid, parent=parent, child=child, parent_url=nodes[parent].url,
        child_url=nodes[child].url, relation="copy" if relation == "copy" else "same-story",
        in_lineage=in_lineage, verdict=r.verdict, confidence=r.confidence,
        direction="analysis" if direction == "analysis" else "lineage",
        child_coverage=r.coverage_of(child), parent_coverage=r.coverage_of(parent),
        meaning_edits=r.meaning_edits, artifacts=r.artifacts,
        edit_counts=dict(r.edit_counts), reasons=list(r.reasons),
        parent_source_id=nodes[parent].source_id, child_source_id=nodes[child].source_id)


def _copy_edge(nodes: dict[str, Node], sid: str, r: PairResult, in_lineage: bool,
               parent_links: dict[str, PairResult], rank: dict[str, int]) -> StoryEdge:
    """A copy link oriented parent -> child: as lineage chose it, else as the analysis said
    when it could tell, else by lineage rank."""
    if in_lineage:
        child = r.copy if parent_links.get(r.copy) is r else r.source
        parent = other_end(r, child)
        how = "analysis" if r.direction_known and child == r.copy else "lineage"
    elif r.direction_known:
        parent, child, how = r.source, r.copy, "analysis"
    else:
        parent, child = sorted((r.source, r.copy), key=lambda i: rank.get(i, 0))
        how = "lineage"
    return _edge(nodes, sid, parent, child, r, "copy", in_lineage, how)


def _story(nodes: dict[str, Node], sid: str, ms: list[Member], originals: list[str],
           groups: int, parent_links: dict[str, PairResult]) -> Story:
    verdicts = Counter(m.verdict for m in ms if m.role == "copy" and m.verdict)
    dates = [m.published for m in ms if m.published]
    head = originals[0] if originals else min(m.article_id for m in ms)
    return Story(
        id=sid, size=len(ms), originals=originals,
        original_urls=[nodes[i].url for i in originals],
        copies=sum(1 for m in ms if m.role == "copy"),
        same_story=sum(1 for m in ms if m.role == "same-story"), groups=groups,
        sites=len({m.site for m in ms}), title=nodes[head].title,
        first_published=min(dates, key=sort_key) if dates else None,
        verdicts=dict(sorted(verdicts.items())),
        meaning_edits=sum(1 for m in ms if m.role == "copy"
                          and parent_links[m.article_id].meaning_edits > 0))
