"""Stories over a whole library: verified copy links -> copy groups and stories -> the
original(s) and lineage of each -> site profiles; written as Parquet, JSON and HTML.

The pure parts (`verify`, `graph`, `lineage`, `sites`, `assemble`) compute everything from
plain data; `build` schedules them on an engine (`unspun.engines`) over a library.
"""

from __future__ import annotations

from unspun.stories.build import build_stories
from unspun.stories.options import StoriesOptions
from unspun.stories.types import (
    Member,
    Node,
    PairResult,
    SiteProfile,
    StoriesResult,
    Story,
    StoryEdge,
)

__all__ = ["Member", "Node", "PairResult", "SiteProfile", "StoriesOptions", "StoriesResult",
           "Story", "StoryEdge", "build_stories"]
