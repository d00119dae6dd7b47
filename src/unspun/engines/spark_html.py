"""The HTML overview of a Spark run: the largest stories and the top sites, collected to the
driver and drawn by the stories HTML writer (`unspun.stories.html.write_html`), with the
whole run's counts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from unspun.stories.html import write_html
from unspun.stories.types import Member, SiteProfile, StoriesResult, Story, StoryEdge

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

#: Site rows drawn on the sites page.
SITES_SHOWN = 500


def _rows(df: DataFrame) -> list[dict[str, Any]]:
    """Collected rows as the `as_row` dicts they were made from (structs as dicts)."""
    return [r.asDict(recursive=True) for r in df.collect()]


def write_sample_html(tables: dict[str, DataFrame], out: str, stories: int,
                      stats: dict[str, Any] | None = None) -> None:
    """Pages for the `stories` largest stories (with more than one article) and the sites;
    `tables` in their JSON form (`spark_output.typed`), `stats` the run's counts."""
    from pyspark.sql import functions as F

    top = tables["stories"].where(F.col("size") > 1).limit(stories)
    picked = _rows(top)
    ids = tables["stories"].sparkSession.createDataFrame(
        [(r["story_id"],) for r in picked] or [("",)], "story_id string")
    ms = _rows(tables["members"].join(F.broadcast(ids), "story_id"))
    es = _rows(tables["edges"].join(F.broadcast(ids), "story_id"))
    ss = _rows(tables["sites"].limit(SITES_SHOWN))
    members = sorted((Member.from_row(r) for r in ms),
                     key=lambda m: (m.story_id, m.generation, m.article_id))
    edges = sorted((StoryEdge.from_row(r) for r in es),
                   key=lambda e: (e.story_id, e.relation, e.parent, e.child))
    result = StoriesResult(members, [Story.from_row(r) for r in picked], edges,
                           [SiteProfile.from_row(r) for r in ss], dict(stats or {}))
    write_html(result, out, max_pages=stories)
