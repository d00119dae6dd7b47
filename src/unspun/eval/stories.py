"""The stories protocol: everything in one library, story clustering runs, links are scored.

The one scorer of story clustering (`unspun eval clusters --protocol stories`, and
bench/bench_stories.py, bench/bench_spark.py and the stories tests through
`score_stories`).

Truth, per cluster (`ClusterTruth`, article ids only): the original and its copies form
one *copy family* (every pair in it shares text); the family and the cluster's
distractors form one *story* (a distractor whose `relation` is `unrelated`, as in clusters
made from real text, is its own story). `cluster_articles` reads a cluster file one
cluster at a time, yielding its Articles for a library and filling the truth, so a
million-article benchmark holds ids, not texts.

Predicted copy links: a copy's `copied_from_id`, and membership of one copy group (role
`copy` or `original` with the same `group_id`), joined transitively. Every lineage link
lies inside a copy group, so these are the pairs inside one copy group; counting both
means no claim of the output escapes scoring.

Measured (`unspun.eval.metrics`; a measure with nothing to divide by is None, never a
flattering 1.0):
- `link_precision` / `link_recall`: pairwise, over pairs inside one copy family versus
  pairs joined by the predicted copy links; a distractor linked into a family makes
  false pairs.
- `ari`: adjusted Rand index of predicted story ids against the true stories.
- `original_accuracy`: share of clusters with copies whose original is marked
  `original`, has at least one of its copies joined to it by the predicted copy links
  (an original nothing was linked to is left alone, not identified), and has no copy in
  the same predicted story marked `original` too: calling every article an original,
  each alone or all in one story, scores 0.
- counts: `true_links` / `predicted_links` (the pairs above), `clusters_with_copies`,
  `distractors_as_copies` (distinct distractor articles given role `copy`: accused of
  copying).

Story clustering is `unspun.stories.build_stories`, run with its default `StoriesOptions`;
when it is not importable the protocol says so (UsageError, exit 2).
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from unspun.errors import InputError, UsageError
from unspun.eval.clusters import Progress, copies_of, distractors_of, iter_clusters, to_article
from unspun.eval.metrics import (
    adjusted_rand_index,
    component_labels,
    original_identified,
    pair_scores,
)
from unspun.library import Library
from unspun.model import Article


@dataclass(slots=True)
class ClusterTruth:
    """One labelled cluster, as article ids."""

    cluster: str
    original: str
    copies: list[str]
    same_story: list[str]
    unrelated: list[str]

    @property
    def distractors(self) -> list[str]:
        return [*self.same_story, *self.unrelated]


class ScoredMember(Protocol):
    """What scoring reads from one member row (`unspun.stories.Member` has it all)."""

    @property
    def article_id(self) -> str: ...
    @property
    def story_id(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def copied_from_id(self) -> str | None: ...
    @property
    def group_id(self) -> str | None: ...


@dataclass(slots=True, frozen=True)
class PredictedMember:
    """A member row as plain data: what scoring reads (made by hand in tests, or from
    another system's output; story clustering gives `unspun.stories.Member`)."""

    article_id: str
    story_id: str
    role: str
    copied_from_id: str | None
    #: Copy group (an original and its copies); None when in none.
    group_id: str | None = None


@dataclass(slots=True)
class StoriesScores:
    link_precision: float | None
    link_recall: float | None
    ari: float | None
    original_accuracy: float | None
    true_links: int = 0
    predicted_links: int = 0
    clusters_with_copies: int = 0
    distractors_as_copies: int = 0
    n_clusters: int = 0
    n_articles: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The four measures (what `unspun eval clusters --protocol stories` prints)."""
        return {"link_precision": self.link_precision, "link_recall": self.link_recall,
                "ari": self.ari, "original_accuracy": self.original_accuracy}

    def as_row(self, digits: int = 4) -> dict[str, Any]:
        """Measures rounded, and the counts (a benchmark's row)."""
        return {**{k: None if v is None else round(v, digits)
                   for k, v in self.as_dict().items()},
                "true_links": self.true_links, "predicted_links": self.predicted_links,
                "clusters_with_copies": self.clusters_with_copies,
                "distractors_as_copies": self.distractors_as_copies}


def score_stories(truth: Iterable[ClusterTruth], members: Iterable[ScoredMember]
                  ) -> StoriesScores:
    """Every measure (see the module docstring); pure."""
    truth = list(truth)
    links: list[tuple[str, str]] = []
    first: dict[str, str] = {}
    roles: dict[str, str] = {}
    story_of: dict[str, str] = {}
    for m in members:
        roles[m.article_id] = m.role
        story_of[m.article_id] = m.story_id
        if m.role == "copy" and m.copied_from_id:
            links.append((m.article_id, m.copied_from_id))
        if m.group_id is not None and m.role in ("copy", "original"):
            # a copy group: link each member to the group's first one
            links.append((m.article_id, first.setdefault(m.group_id, m.article_id)))
    group_of = component_labels((n for link in links for n in link), links)
    family: dict[str, str] = {}
    labels: dict[str, str] = {}
    for t in truth:
        for a in (t.original, *t.copies):
            family.setdefault(a, t.cluster)
        for a in (t.original, *t.copies, *t.same_story):
            labels.setdefault(a, t.cluster)
        for a in t.unrelated:
            labels.setdefault(a, f"{t.cluster}/unrelated/{a}")
    pairs = pair_scores(family, group_of)
    with_copies = [t for t in truth if t.copies]
    found = sum(original_identified(t.original, t.copies, roles, story_of, group_of)
                for t in with_copies)
    return StoriesScores(
        link_precision=pairs.precision,
        link_recall=pairs.recall,
        ari=adjusted_rand_index(labels, story_of),
        original_accuracy=found / len(with_copies) if with_copies else None,
        true_links=pairs.true_pairs,
        predicted_links=pairs.predicted_pairs,
        clusters_with_copies=len(with_copies),
        # an article drawn as a distractor by several clusters (real text) counts once
        distractors_as_copies=len({a for t in truth for a in t.distractors
                                   if roles.get(a) == "copy"}),
        n_clusters=len(truth),
        n_articles=len(labels),
    )


def cluster_articles(path: str | Path, truth: list[ClusterTruth], *,
                     errors: list[str] | None = None, limit: int | None = None
                     ) -> Iterator[Article]:
    """The Articles of a cluster file (original, copies, distractors, cluster by cluster),
    streamed; appends each cluster's `ClusterTruth` to `truth` before yielding its
    articles. A record that is no article raises InputError, or with `errors` is noted
    there as `cluster: reason` and left out (a cluster whose original fails goes whole)."""
    for cl in islice(iter_clusters(path), limit):
        cid = str(cl["cluster_id"])
        articles: list[Article] = []
        original = _read(cl["original"], cid, articles, errors)
        if original is None:
            continue
        t = ClusterTruth(cid, original, [], [], [])
        for rec in copies_of(cl):
            if (i := _read(rec, cid, articles, errors)) is not None:
                t.copies.append(i)
        for rec in distractors_of(cl):
            if (i := _read(rec, cid, articles, errors)) is not None:
                (t.unrelated if rec.get("relation") == "unrelated" else t.same_story).append(i)
        truth.append(t)
        yield from articles


def _read(rec: dict[str, Any], cid: str, into: list[Article], errors: list[str] | None
          ) -> str | None:
    """The record's article id, the article appended to `into`; None when it is no
    article and `errors` takes note."""
    try:
        a = to_article(rec)
    except InputError as exc:
        if errors is None:
            raise
        errors.append(f"{cid}: {exc}")
        return None
    into.append(a)
    return a.id


def build_stories_function() -> Any:
    """`unspun.stories.build_stories`, or UsageError when story clustering is not there."""
    try:
        module = importlib.import_module("unspun.stories")
    except ImportError as exc:
        raise UsageError("--protocol stories needs story clustering (unspun.stories, issue 6), "
                         f"which this build does not have yet ({exc})") from exc
    fn = getattr(module, "build_stories", None)
    if fn is None:
        raise UsageError("--protocol stories needs unspun.stories.build_stories (issue 6), "
                         "which this build does not have yet")
    return fn


def run_stories(path: str | Path, *, limit: int | None = None,
                progress: Progress | None = None) -> StoriesScores:
    """Run the stories protocol on a cluster file."""
    build = build_stories_function()
    module = importlib.import_module("unspun.stories")
    options = module.StoriesOptions()
    truth: list[ClusterTruth] = []
    errors: list[str] = []
    articles = cluster_articles(path, truth, errors=errors, limit=limit)
    with tempfile.TemporaryDirectory(prefix="unspun-eval-") as tmp:
        lib = Library.open(os.path.join(tmp, "eval.db"))
        try:
            lib.add(articles)
            result = build(lib, options, progress=(
                (lambda stage, done, total: progress(done, total)) if progress else None))
        finally:
            lib.close()
    scores = score_stories(truth, result.members)
    scores.errors = errors
    return scores
