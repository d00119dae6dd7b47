"""Who copied from whom inside one copy group: the original(s) and a parent for each copy.

A copy group is a set of articles joined by verified copy links. Each link's analysis may
say which side is derived (dates, containment, artifacts and the oddness of swapped words
vote; see `unspun.forensics.direction`). From those votes:

1. Every article gets a *derivedness*: links where it is the derived side minus links
   where it is the source. An original is the source of all its copies, so the more copies
   it has, the lower it ranks (a plain count: one odd vote against an original with many
   copies must not outweigh them all).
2. Articles are ranked by derivedness, then by publication date and, within a day, time
   (`unspun.published.sort_key`: a date without a time after the timed articles of its
   day, missing dates last), then
   by site history (the share of its site's articles found to be copies elsewhere, when the
   caller passes it: a content farm's page is the less likely original of two identical
   pages of the same day), then by length (the original usually holds what copies share,
   plus more), then by id.
3. In rank order, each article takes as parent the best-explaining article ranked before
   it: the one whose link covers the largest share of the article's text, plus a quarter of
   the share of distinctive names both have (a spun copy that kept a verbatim copy's furniture is
   explained better by that copy than by the source).
   Links whose analysis says the other article is derived from this one are not eligible.
   Near ties (within `TIE`) go to the earlier-ranked, less derived article, so a copy whose
   text is equally well explained by the original and by another copy descends from the
   original. An article with no eligible parent is an original of the group, unless no
   other article took it as parent either: then it hangs below its best-explaining
   neighbour (unless its links all say it is the source), rather than stand as a group of
   one beside the copies it is linked to.

Ranking first, then choosing parents only among earlier-ranked articles, makes the lineage
a forest (no cycles) whatever the individual verdicts say.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from unspun.published import sort_key
from unspun.stories.types import Node, PairResult

#: Coverage differences below this are a tie between candidate parents.
TIE = 0.03
#: Weight of shared names beside coverage when choosing a parent.
NAME_WEIGHT = 0.25


@dataclass(slots=True, frozen=True)
class Lineage:
    """Originals of a copy group, each copy's parent link, and generations."""

    originals: tuple[str, ...]
    #: child id -> the link to its parent (parent = the other end of the link).
    parents: dict[str, PairResult]
    generation: dict[str, int]
    #: Rank order used (least derived first).
    order: tuple[str, ...]


def derivedness(ids: list[str], links: list[PairResult]) -> dict[str, float]:
    """Per article: links where it is derived - links where it is the source (links whose
    direction the analysis could tell)."""
    votes = {i: 0 for i in ids}
    for p in links:
        if p.direction_known:
            votes[p.copy] += 1
            votes[p.source] -= 1
    return {i: float(votes[i]) for i in ids}


def _fit(link: PairResult, article_id: str) -> float:
    """How well the other end explains `article_id`: the share of its text the link covers,
    plus a quarter of the share of distinctive names they have in common (so a template-alike
    article of another event, sharing few names, does not beat the true source on coverage
    alone; small differences in names stay below `TIE`)."""
    return link.coverage_of(article_id) + NAME_WEIGHT * link.name_overlap


def other_end(link: PairResult, article_id: str) -> str:
    return link.source if link.copy == article_id else link.copy


def build_lineage(nodes: dict[str, Node], links: list[PairResult],
                  site_copy_share: Mapping[str, float] | None = None) -> Lineage:
    """Lineage of one copy group (`links`: its copy links; `nodes`: at least its members;
    `site_copy_share`: site -> share of its articles that are copies, if known)."""
    ids = sorted({i for p in links for i in (p.copy, p.source)})
    if not ids:
        return Lineage((), {}, {}, ())
    d = derivedness(ids, links)

    prior = site_copy_share or {}

    def rank_key(i: str) -> tuple[float, tuple[date, int], float, int, str]:
        n = nodes[i]
        farm = round(prior.get(n.site, 0.0), 2) if n.site else 0.0
        return (d[i], sort_key(n.published), farm, -n.chars, i)

    order = sorted(ids, key=rank_key)
    rank = {i: k for k, i in enumerate(order)}
    by_node: dict[str, list[PairResult]] = {i: [] for i in ids}
    for p in links:
        by_node[p.copy].append(p)
        by_node[p.source].append(p)
    parents: dict[str, PairResult] = {}
    generation: dict[str, int] = {}
    originals: list[str] = []
    for i in order:
        eligible = [p for p in by_node[i]
                    if rank[other_end(p, i)] < rank[i]
                    and not (p.direction_known and p.source == i)]
        if not eligible:
            originals.append(i)
            generation[i] = 0
            continue
        link = _best_parent(i, eligible, rank)
        parents[i] = link
        generation[i] = generation[other_end(link, i)] + 1
    _adopt_lone_originals(originals, parents, generation, by_node, rank)
    return Lineage(tuple(originals), parents, generation, tuple(order))


def _adopt_lone_originals(originals: list[str], parents: dict[str, PairResult],
                          generation: dict[str, int], by_node: dict[str, list[PairResult]],
                          rank: dict[str, int]) -> None:
    """An article ranked first among its neighbours that none of them took as parent is no
    original: left alone, it would be a copy group of one despite its copy links. It
    becomes a copy of its best-explaining neighbour, unless every link says it is the
    source. It has no children, so hanging it below another article makes no cycle (and the
    one it hangs below, having a child now, is not hung below anything in turn)."""
    has_child = {other_end(p, c) for c, p in parents.items()}
    for i in list(originals):
        if i in has_child:
            continue
        eligible = [p for p in by_node[i] if not (p.direction_known and p.source == i)]
        if not eligible:
            continue
        link = _best_parent(i, eligible, rank)
        parent = other_end(link, i)
        parents[i] = link
        generation[i] = generation[parent] + 1
        has_child.add(parent)
        originals.remove(i)


def _best_parent(i: str, eligible: list[PairResult], rank: dict[str, int]) -> PairResult:
    """The link to the neighbour that explains `i` best; near ties (`TIE`) to the
    earlier-ranked one, then the surer link."""
    best = max(_fit(p, i) for p in eligible)
    near = [p for p in eligible if _fit(p, i) >= best - TIE]
    return min(near, key=lambda p: (rank[other_end(p, i)], -p.confidence))
