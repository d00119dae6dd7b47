"""Plain data of story clustering: inputs (nodes, verified pairs) and outputs (rows).

Every output row type has `as_row()` giving the dict written to Parquet/JSON (the JSON form:
dates as ISO-8601 strings, counts as lists of objects) and `from_row` reading one back; the
column names are the output contract shared by every engine (see `unspun.stories.write` and
docs/tables.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from unspun.published import from_iso, to_iso

Relation = Literal["copy", "same-story", "unrelated"]
Role = Literal["original", "copy", "same-story"]
ROLES: tuple[Role, ...] = ("original", "copy", "same-story")


def published_of(s: str | None) -> date | None:
    """A row's ISO-8601 `published` string back as the date (or UTC datetime) it was made
    from (`unspun.published.from_iso`)."""
    return from_iso(s)


def _iso(d: date | None) -> str | None:
    return to_iso(d)


@dataclass(slots=True, frozen=True)
class Node:
    """What clustering needs to know about one article (no text)."""

    id: str
    url: str | None
    site: str | None
    title: str
    published: date | None
    chars: int
    #: The id the input gave the article (a JSONL record's `id`), None when it gave none.
    source_id: str | None = None


@dataclass(slots=True, frozen=True)
class PairResult:
    """One verified candidate pair: how `copy` relates to `source`.

    For a `copy` relation, `copy` is the side judged derived; when the analysis could not
    tell (`direction_known` false) it is the side analysed as the query (the later or
    shorter one), and lineage decides. Coverages: the share of the copy's (source's) text
    inside shared passages.
    """

    source: str
    copy: str
    relation: Relation
    verdict: str
    confidence: float
    direction_known: bool
    copy_coverage: float
    source_coverage: float
    passages: int
    meaning_edits: int
    artifacts: int
    edit_counts: tuple[tuple[str, int], ...] = ()
    reasons: tuple[str, ...] = ()
    #: Jaccard similarity of the two articles' distinctive names (people, places, bodies),
    #: and the smaller of the two weighted distinctive-term overlaps: the event skeleton.
    name_overlap: float = 1.0
    term_overlap: float = 1.0

    @property
    def key(self) -> tuple[str, str]:
        """The unordered pair as (smaller id, larger id)."""
        return (self.source, self.copy) if self.source < self.copy else (self.copy, self.source)

    def coverage_of(self, article_id: str) -> float:
        """Share of `article_id`'s text inside the passages this pair shares."""
        return self.copy_coverage if article_id == self.copy else self.source_coverage

    def as_json(self) -> dict[str, Any]:
        return {"source": self.source, "copy": self.copy, "relation": self.relation,
                "verdict": self.verdict, "confidence": self.confidence,
                "direction_known": self.direction_known, "copy_coverage": self.copy_coverage,
                "source_coverage": self.source_coverage, "passages": self.passages,
                "meaning_edits": self.meaning_edits, "artifacts": self.artifacts,
                "edit_counts": dict(self.edit_counts), "reasons": list(self.reasons),
                "name_overlap": self.name_overlap, "term_overlap": self.term_overlap}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> PairResult:
        return cls(str(d["source"]), str(d["copy"]), d["relation"], str(d["verdict"]),
                   float(d["confidence"]), bool(d["direction_known"]),
                   float(d["copy_coverage"]), float(d["source_coverage"]), int(d["passages"]),
                   int(d["meaning_edits"]), int(d["artifacts"]),
                   tuple(sorted((str(k), int(v)) for k, v in d["edit_counts"].items())),
                   tuple(str(r) for r in d["reasons"]), float(d.get("name_overlap", 1.0)),
                   float(d.get("term_overlap", 1.0)))


@dataclass(slots=True)
class Member:
    """One article's place in its story (one row of `members.parquet`)."""

    story_id: str
    article_id: str
    url: str | None
    site: str | None
    title: str
    published: date | None
    role: Role
    #: Url (and id) of the article this one was copied from; None unless role is `copy`.
    copied_from: str | None
    copied_from_id: str | None
    #: The copy verdict against `copied_from`; "same-story" for same-story members; None
    #: for originals.
    verdict: str | None
    confidence: float | None
    #: Copy group: the original(s) and copies joined by copy links (one story may hold several).
    group_id: str
    #: 0 for an original, 1 for a copy of it, 2 for a copy of a copy ...
    generation: int
    #: The id the input gave the article (`Node.source_id`), so rows join back to the
    #: caller's records; None when it gave none. (Last: positional constructions stay.)
    source_id: str | None = None

    def as_row(self) -> dict[str, Any]:
        return {"story_id": self.story_id, "article_id": self.article_id,
                "source_id": self.source_id, "url": self.url,
                "site": self.site, "title": self.title, "published": _iso(self.published),
                "role": self.role, "copied_from": self.copied_from,
                "copied_from_id": self.copied_from_id, "verdict": self.verdict,
                "confidence": self.confidence, "group_id": self.group_id,
                "generation": self.generation}

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> Member:
        """The member of an `as_row` dict (other keys are ignored)."""
        return cls(r["story_id"], r["article_id"], r["url"], r["site"], r["title"],
                   published_of(r["published"]), r["role"], r["copied_from"],
                   r["copied_from_id"], r["verdict"], r["confidence"], r["group_id"],
                   int(r["generation"]), r.get("source_id"))


@dataclass(slots=True)
class StoryEdge:
    """A verified link inside a story (one row of `edges.parquet`).

    `relation` copy: `child` was copied from `parent` (`in_lineage` when it is the parent
    lineage chose for the child; other copy links are kept as evidence). `relation`
    same-story: independent reports of one event, `parent`/`child` are just the two ends.
    """

    story_id: str
    parent: str
    child: str
    parent_url: str | None
    child_url: str | None
    relation: Relation
    in_lineage: bool
    verdict: str
    confidence: float
    direction: Literal["analysis", "lineage"]
    child_coverage: float
    parent_coverage: float
    meaning_edits: int
    artifacts: int
    edit_counts: dict[str, int] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    #: The ids the input gave `parent` and `child` (`Node.source_id`); None when none.
    parent_source_id: str | None = None
    child_source_id: str | None = None

    def as_row(self) -> dict[str, Any]:
        return {"story_id": self.story_id, "parent": self.parent, "child": self.child,
                "parent_url": self.parent_url, "child_url": self.child_url,
                "parent_source_id": self.parent_source_id,
                "child_source_id": self.child_source_id,
                "relation": self.relation, "in_lineage": self.in_lineage,
                "verdict": self.verdict, "confidence": self.confidence,
                "direction": self.direction, "child_coverage": self.child_coverage,
                "parent_coverage": self.parent_coverage, "meaning_edits": self.meaning_edits,
                "artifacts": self.artifacts,
                "edit_counts": [{"edit": k, "count": v}
                                for k, v in sorted(self.edit_counts.items())],
                "reasons": list(self.reasons)}

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> StoryEdge:
        return cls(r["story_id"], r["parent"], r["child"], r["parent_url"], r["child_url"],
                   r["relation"], bool(r["in_lineage"]), r["verdict"], r["confidence"],
                   r["direction"], r["child_coverage"], r["parent_coverage"],
                   int(r["meaning_edits"]), int(r["artifacts"]),
                   {c["edit"]: int(c["count"]) for c in r["edit_counts"]}, list(r["reasons"]),
                   r.get("parent_source_id"), r.get("child_source_id"))


@dataclass(slots=True)
class Story:
    """One story (one row of `stories.parquet`)."""

    id: str
    size: int
    originals: list[str]
    original_urls: list[str | None]
    copies: int
    same_story: int
    groups: int
    sites: int
    title: str
    first_published: date | None
    verdicts: dict[str, int]
    meaning_edits: int

    def as_row(self) -> dict[str, Any]:
        return {"story_id": self.id, "size": self.size, "originals": list(self.originals),
                "original_urls": list(self.original_urls), "copies": self.copies,
                "same_story": self.same_story, "groups": self.groups, "sites": self.sites,
                "title": self.title, "first_published": _iso(self.first_published),
                "verdicts": [{"verdict": k, "count": v} for k, v in sorted(self.verdicts.items())],
                "meaning_edits": self.meaning_edits}

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> Story:
        return cls(r["story_id"], int(r["size"]), list(r["originals"]),
                   list(r["original_urls"]), int(r["copies"]), int(r["same_story"]),
                   int(r["groups"]), int(r["sites"]), r["title"],
                   published_of(r["first_published"]),
                   {c["verdict"]: int(c["count"]) for c in r["verdicts"]},
                   int(r["meaning_edits"]))


@dataclass(slots=True)
class SiteProfile:
    """How one site behaves across stories (one row of `sites.parquet`)."""

    site: str
    articles: int
    originals: int
    copies: int
    same_story: int
    #: Sites this one copied from, most copied first: (site, copies).
    copied_from: list[tuple[str, int]]
    #: How many of this site's articles other sites copied.
    copied_by_others: int
    median_delay_days: float | None
    share_spun_or_translated: float
    share_meaning_edits: float
    farm_score: float
    reasons: list[str]

    def as_row(self) -> dict[str, Any]:
        return {"site": self.site, "articles": self.articles, "originals": self.originals,
                "copies": self.copies, "same_story": self.same_story,
                "copied_from": [{"site": s, "copies": n} for s, n in self.copied_from],
                "copied_by_others": self.copied_by_others,
                "median_delay_days": self.median_delay_days,
                "share_spun_or_translated": self.share_spun_or_translated,
                "share_meaning_edits": self.share_meaning_edits,
                "farm_score": self.farm_score, "reasons": list(self.reasons)}

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> SiteProfile:
        return cls(r["site"], int(r["articles"]), int(r["originals"]), int(r["copies"]),
                   int(r["same_story"]),
                   [(c["site"], int(c["copies"])) for c in r["copied_from"]],
                   int(r["copied_by_others"]), r["median_delay_days"],
                   r["share_spun_or_translated"], r["share_meaning_edits"], r["farm_score"],
                   list(r["reasons"]))


@dataclass(slots=True)
class StoriesResult:
    """Everything `build_stories` computed; rows sorted deterministically."""

    members: list[Member]
    stories: list[Story]
    edges: list[StoryEdge]
    sites: list[SiteProfile]
    stats: dict[str, Any] = field(default_factory=dict)

    def story_members(self) -> dict[str, list[Member]]:
        out: dict[str, list[Member]] = {}
        for m in self.members:
            out.setdefault(m.story_id, []).append(m)
        return out
