"""The HTML overview of a Spark run: the largest stories and the top sites, collected to the
driver and drawn by the stories HTML writer (`unspun.stories.html.write_html`)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from unspun.published import from_iso
from unspun.stories.html import write_html
from unspun.stories.types import Member, SiteProfile, StoriesResult, Story, StoryEdge

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

#: Site rows drawn on the sites page.
SITES_SHOWN = 500


def _day(s: str | None) -> date | None:
    return from_iso(s)


def _pairs(s: str | None) -> list[tuple[str, int]]:
    """ "a:1, b:2" (as the writer joins counts) -> [(a, 1), (b, 2)]."""
    out: list[tuple[str, int]] = []
    for part in (s or "").split(", "):
        if ":" in part:
            k, _, v = part.rpartition(":")
            out.append((k, int(v)))
    return out


def _split(s: str | None) -> list[str]:
    return s.split(" | ") if s else []


def member(r: dict[str, Any]) -> Member:
    return Member(r["story_id"], r["article_id"], r["url"], r["site"], r["title"],
                  _day(r["published"]), r["role"], r["copied_from"], r["copied_from_id"],
                  r["verdict"], r["confidence"], r["group_id"], int(r["generation"]))


def story(r: dict[str, Any]) -> Story:
    return Story(r["story_id"], int(r["size"]), list(r["originals"]), list(r["original_urls"]),
                 int(r["copies"]), int(r["same_story"]), int(r["groups"]), int(r["sites"]),
                 r["title"], _day(r["first_published"]), dict(_pairs(r["verdicts"])),
                 int(r["meaning_edits"]))


def edge(r: dict[str, Any]) -> StoryEdge:
    return StoryEdge(r["story_id"], r["parent"], r["child"], r["parent_url"], r["child_url"],
                     r["relation"], bool(r["in_lineage"]), r["verdict"], r["confidence"],
                     r["direction"], r["child_coverage"], r["parent_coverage"],
                     int(r["meaning_edits"]), int(r["artifacts"]),
                     dict(_pairs(r["edit_counts"])), _split(r["reasons"]))


def site(r: dict[str, Any]) -> SiteProfile:
    return SiteProfile(r["site"], int(r["articles"]), int(r["originals"]), int(r["copies"]),
                       int(r["same_story"]), _pairs(r["copied_from"]),
                       int(r["copied_by_others"]), r["median_delay_days"],
                       r["share_spun_or_translated"], r["share_meaning_edits"],
                       r["farm_score"], _split(r["reasons"]))


def write_sample_html(tables: dict[str, DataFrame], out: str, stories: int) -> None:
    """Pages for the `stories` largest stories (with more than one article) and the sites."""
    from pyspark.sql import functions as F

    top = tables["stories"].where(F.col("size") > 1).limit(stories)
    picked = [r.asDict() for r in top.collect()]
    ids = tables["stories"].sparkSession.createDataFrame(
        [(r["story_id"],) for r in picked] or [("",)], "story_id string")
    ms = [r.asDict() for r in tables["members"].join(F.broadcast(ids), "story_id").collect()]
    es = [r.asDict() for r in tables["edges"].join(F.broadcast(ids), "story_id").collect()]
    ss = [r.asDict() for r in tables["sites"].limit(SITES_SHOWN).collect()]
    members = sorted((member(r) for r in ms),
                     key=lambda m: (m.story_id, m.generation, m.article_id))
    edges = sorted((edge(r) for r in es),
                   key=lambda e: (e.story_id, e.relation, e.parent, e.child))
    result = StoriesResult(members, [story(r) for r in picked], edges, [site(r) for r in ss])
    write_html(result, out, max_pages=stories)
