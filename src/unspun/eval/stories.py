"""The stories protocol: everything in one library, story clustering runs, links are scored.

Truth, per cluster: the original and its copies form one *copy family* (every pair in
it shares text); the family and the cluster's distractors form one *story* (a distractor
whose `relation` is `unrelated`, as in clusters made from real text, is its own story).

Measured (`unspun.eval.metrics`):
- `link_precision` / `link_recall`: pairwise, over pairs inside one copy family versus
  pairs joined by the predicted copy links (`copied_from`, and the copy groups, which
  join every verified copy link), transitively; a distractor linked into a family makes
  false pairs.
- `ari`: adjusted Rand index of predicted story ids against the true stories.
- `original_accuracy`: share of clusters with copies whose original is marked `original`
  and no copy in the same predicted story is marked `original` too.

Story clustering is issue 6 (`unspun.stories.build_stories`, run with its default
`StoriesOptions`); when it is not importable the protocol says so (UsageError, exit 2).
"""

from __future__ import annotations

import importlib
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unspun.errors import InputError, UsageError
from unspun.eval.clusters import Progress, copies_of, distractors_of, read_clusters, to_article
from unspun.eval.metrics import adjusted_rand_index, link_scores, original_identified
from unspun.library import Library
from unspun.model import Article


@dataclass(slots=True)
class ClusterTruth:
    cluster: str
    original: str
    copies: list[str]
    same_story: list[str]
    unrelated: list[str]


@dataclass(slots=True, frozen=True)
class PredictedMember:
    """What scoring needs from one member row of story clustering."""

    article_id: str
    story_id: str
    role: str
    copied_from_id: str | None
    #: Copy group (originals and copies joined by any copy link), when clustering gives one.
    group_id: str | None = None


@dataclass(slots=True)
class StoriesScores:
    link_precision: float | None
    link_recall: float | None
    ari: float | None
    original_accuracy: float | None
    n_clusters: int = 0
    n_articles: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"link_precision": self.link_precision, "link_recall": self.link_recall,
                "ari": self.ari, "original_accuracy": self.original_accuracy}


def score_stories(truth: Sequence[ClusterTruth], members: Sequence[PredictedMember]
                  ) -> StoriesScores:
    """All four measures (see the module docstring); pure."""
    families = [[t.original, *t.copies] for t in truth]
    links = [(m.article_id, m.copied_from_id) for m in members
             if m.role == "copy" and m.copied_from_id]
    # Copy groups join every copy link (not only the one lineage kept): link each member of
    # a group to the group's first member, so groups are the predicted families.
    first: dict[str, str] = {}
    for m in members:
        if m.group_id is not None and m.role in ("copy", "original"):
            links.append((m.article_id, first.setdefault(m.group_id, m.article_id)))
    links_scored = link_scores(families, links)
    labels: dict[str, str] = {}
    for t in truth:
        for a in [t.original, *t.copies, *t.same_story]:
            labels.setdefault(a, t.cluster)
        for a in t.unrelated:
            labels.setdefault(a, f"{t.cluster}/unrelated/{a}")
    story_of = {m.article_id: m.story_id for m in members}
    roles = {m.article_id: m.role for m in members}
    with_copies = [t for t in truth if t.copies]
    found = [original_identified(t.original, t.copies, roles, story_of) for t in with_copies]
    return StoriesScores(
        link_precision=links_scored.precision,
        link_recall=links_scored.recall,
        ari=adjusted_rand_index(labels, story_of),
        original_accuracy=sum(found) / len(found) if found else None,
        n_clusters=len(truth),
        n_articles=len(labels),
    )


def cluster_truth(clusters: Sequence[dict[str, Any]]
                  ) -> tuple[list[ClusterTruth], list[Article], list[str]]:
    """Truth and the Articles to put in the library (errors as `cluster: reason`)."""
    truth: list[ClusterTruth] = []
    articles: list[Article] = []
    errors: list[str] = []

    def read(cid: str, rec: dict[str, Any]) -> str | None:
        try:
            a = to_article(rec)
        except InputError as exc:
            errors.append(f"{cid}: {exc}")
            return None
        articles.append(a)
        return a.id

    for cl in clusters:
        cid = str(cl["cluster_id"])
        original = read(cid, cl["original"])
        if original is None:
            continue
        t = ClusterTruth(cid, original, [], [], [])
        for rec in copies_of(cl):
            if (i := read(cid, rec)) is not None:
                t.copies.append(i)
        for rec in distractors_of(cl):
            if (i := read(cid, rec)) is not None:
                (t.unrelated if rec.get("relation") == "unrelated" else t.same_story).append(i)
        truth.append(t)
    return truth, articles, errors


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
    clusters = read_clusters(path)[:limit]
    truth, articles, errors = cluster_truth(clusters)
    module = importlib.import_module("unspun.stories")
    options = module.StoriesOptions()
    with tempfile.TemporaryDirectory(prefix="unspun-eval-") as tmp:
        lib = Library.open(os.path.join(tmp, "eval.db"))
        try:
            lib.add(articles)
            result = build(lib, options, progress=(
                (lambda stage, done, total: progress(done, total)) if progress else None))
        finally:
            lib.close()
    members = [PredictedMember(str(m.article_id), str(m.story_id), str(m.role),
                               getattr(m, "copied_from_id", None), getattr(m, "group_id", None))
               for m in result.members]
    scores = score_stories(truth, members)
    scores.errors = errors
    return scores
