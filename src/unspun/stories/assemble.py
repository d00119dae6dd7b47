"""From verified pairs to stories: groups, originals, lineage, rows, site profiles. Pure.

Definitions (the output contract of every engine):

* A *copy group* is a connected component of copy links (verdicts verbatim ... syndicated,
  confidence >= `min_confidence`). Inside it, `lineage` picks the original(s) and a parent
  for every copy.
* A *story* is a connected component of copy links and same-story links together: one or
  more copy groups (each with its own original) joined because they report the same event
  independently. Same-story links never make anyone a copy.
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
from collections.abc import Iterable, Sequence
from datetime import date

from unspun.stories.graph import UnionFind, group_id
from unspun.stories.lineage import Lineage, build_lineage, other_end
from unspun.stories.options import StoriesOptions
from unspun.stories.sites import site_profiles
from unspun.stories.types import (
    Member,
    Node,
    PairResult,
    Role,
    StoriesResult,
    Story,
    StoryEdge,
)


def kept_links(nodes: dict[str, Node], results: Iterable[PairResult], min_confidence: float
               ) -> tuple[list[PairResult], list[PairResult]]:
    """(copy links, same-story links) among known nodes, one per pair, sorted by pair."""
    seen: dict[tuple[str, str], PairResult] = {}
    for r in results:
        if r.relation == "unrelated" or r.copy not in nodes or r.source not in nodes:
            continue
        if r.copy == r.source or r.key in seen:
            continue
        if r.relation == "copy" and r.confidence < min_confidence:
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
    copies, same = kept_links(nodes, results, options.min_confidence)
    first = _assemble(nodes, copies, same, None)
    share: dict[str, float] = {}
    for p in first.sites:
        share[p.site] = p.copies / p.articles if p.articles else 0.0
    return _assemble(nodes, copies, same, share)


def _assemble(nodes: dict[str, Node], copies: list[PairResult], same: list[PairResult],
              site_share: dict[str, float] | None) -> StoriesResult:
    groups_uf = UnionFind(nodes)
    for r in copies:
        groups_uf.union(r.copy, r.source)
    story_uf = UnionFind(nodes)
    for r in (*copies, *same):
        story_uf.union(r.copy, r.source)
    group_links: dict[str, list[PairResult]] = {}
    for r in copies:
        group_links.setdefault(groups_uf.find(r.copy), []).append(r)
    same_by_story: dict[str, list[PairResult]] = {}
    for r in same:
        same_by_story.setdefault(story_uf.find(r.copy), []).append(r)
    groups_of_story: dict[str, list[list[str]]] = {}
    for g in groups_uf.groups():
        groups_of_story.setdefault(story_uf.find(g[0]), []).append(g)

    members: list[Member] = []
    stories: list[Story] = []
    edges: list[StoryEdge] = []
    parent_links: dict[str, PairResult] = {}
    roots: dict[str, str] = {}
    for story_ids in story_uf.groups():
        sid = group_id(story_ids, "s")
        story_groups = groups_of_story[story_uf.find(story_ids[0])]
        story_members: list[Member] = []
        originals: list[str] = []
        for g in story_groups:
            gid = group_id(g, "g")
            lin = build_lineage(nodes, group_links.get(groups_uf.find(g[0]), []), site_share)
            originals.extend(lin.originals)
            for i in g:
                story_members.append(_member(nodes, sid, gid, i, lin, len(g), len(story_ids),
                                             same_by_story.get(story_uf.find(i), [])))
                roots[i] = _root(i, lin)
            parent_links.update(lin.parents)
            edges.extend(_copy_edges(nodes, sid, lin, group_links.get(groups_uf.find(g[0]),
                                                                      [])))
        if len(story_ids) == 1:
            originals = list(story_ids)
        for r in same_by_story.get(story_uf.find(story_ids[0]), []):
            a, b = sorted((r.copy, r.source))
            edges.append(_edge(nodes, sid, a, b, r, "same-story", False, "lineage"))
        members.extend(story_members)
        stories.append(_story(nodes, sid, story_members, sorted(originals, key=lambda i: (
            nodes[i].published or date.max, i)), len(story_groups), parent_links))
    members.sort(key=lambda m: (m.story_id, m.generation, m.article_id))
    stories.sort(key=lambda s: (-s.size, s.id))
    edges.sort(key=lambda e: (e.story_id, e.relation, e.parent, e.child))
    sites = site_profiles(members, parent_links, roots)
    stats = {"articles": len(nodes), "stories": len(stories),
             "multi_article_stories": sum(1 for s in stories if s.size > 1),
             "copy_links": len(copies), "same_story_links": len(same),
             "copies": sum(1 for m in members if m.role == "copy")}
    return StoriesResult(members, stories, edges, sites, stats)


def _root(i: str, lin: Lineage) -> str:
    while i in lin.parents:
        i = other_end(lin.parents[i], i)
    return i


def _member(nodes: dict[str, Node], sid: str, gid: str, i: str, lin: Lineage, group_size: int,
            story_size: int, same_links: list[PairResult]) -> Member:
    n = nodes[i]
    link = lin.parents.get(i)
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
        mine = [r.confidence for r in same_links if i in (r.copy, r.source)]
        verdict, confidence = "same-story", (max(mine) if mine else None)
    return Member(
        story_id=sid, article_id=i, url=n.url, site=n.site, title=n.title, published=n.published,
        role=role, copied_from=nodes[parent].url if parent else None, copied_from_id=parent,
        verdict=verdict, confidence=confidence, group_id=gid,
        generation=lin.generation.get(i, 0))


def _edge(nodes: dict[str, Node], sid: str, parent: str, child: str, r: PairResult,
          relation: str, in_lineage: bool, direction: str) -> StoryEdge:
    return StoryEdge(
        story_id=sid, parent=parent, child=child, parent_url=nodes[parent].url,
        child_url=nodes[child].url, relation="copy" if relation == "copy" else "same-story",
        in_lineage=in_lineage, verdict=r.verdict, confidence=r.confidence,
        direction="analysis" if direction == "analysis" else "lineage",
        child_coverage=r.coverage_of(child), parent_coverage=r.coverage_of(parent),
        meaning_edits=r.meaning_edits, artifacts=r.artifacts,
        edit_counts=dict(r.edit_counts), reasons=list(r.reasons))


def _copy_edges(nodes: dict[str, Node], sid: str, lin: Lineage, links: list[PairResult]
                ) -> list[StoryEdge]:
    """Every copy link of a group, oriented parent -> child: as the analysis said when it
    could tell, else by lineage rank; the links lineage chose are marked `in_lineage`."""
    rank = {i: k for k, i in enumerate(lin.order)}
    chosen = {id(r) for r in lin.parents.values()}
    out: list[StoryEdge] = []
    for r in links:
        if r.direction_known:
            parent, child, how = r.source, r.copy, "analysis"
        else:
            parent, child = sorted((r.source, r.copy), key=lambda i: rank[i])
            how = "lineage"
        if id(r) in chosen:
            child = next(c for c, p in lin.parents.items() if p is r)
            parent = other_end(r, child)
        out.append(_edge(nodes, sid, parent, child, r, "copy", id(r) in chosen, how))
    return out


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
        first_published=min(dates) if dates else None, verdicts=dict(sorted(verdicts.items())),
        meaning_edits=sum(1 for m in ms if m.role == "copy"
                          and parent_links[m.article_id].meaning_edits > 0))
