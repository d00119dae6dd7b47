"""Labelled clusters (DESIGN.md "Evaluation data formats") for stories: their articles, and
the stories protocol's measures computed from a `StoriesResult`.

Measures (the truth: a cluster's original and copies are one copy group, its distractors
are not copies of anything in it):

* link precision / recall over unordered pairs of articles put in one copy group: a true
  pair is two of {original, copies} of one cluster; a predicted pair is two members of one
  predicted copy group (role copy or original, same `group_id`).
* original accuracy: share of clusters with copies whose original is the predicted
  original (generation 0) of the copy group holding it, with at least one of its copies in
  that group.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from unspun.ingest.jsonl import article_from_record
from unspun.model import Article
from unspun.stories.types import Member, StoriesResult


def _article(rec: dict[str, Any]) -> Article:
    return article_from_record({"url": rec.get("url"), "site": rec.get("site"),
                                "title": rec.get("title"), "text": rec["text"],
                                "published": rec.get("date")})


@dataclass(slots=True)
class Truth:
    """Per cluster: the original's url, copy urls, distractor urls."""

    originals: dict[str, str] = field(default_factory=dict)
    copies: dict[str, list[str]] = field(default_factory=dict)
    distractors: dict[str, list[str]] = field(default_factory=dict)


def read_clusters(path: str | Path, truth: Truth | None = None) -> Iterator[Article]:
    """Every article of a cluster JSONL file (original, copies, distractors), streamed;
    fills `truth` as it goes."""
    with open(path, encoding="utf-8") as fp:
        for line in fp:
            if not line.strip():
                continue
            c = json.loads(line)
            cid = str(c["cluster_id"])
            if truth is not None:
                truth.originals[cid] = c["original"]["url"]
                truth.copies[cid] = [x["url"] for x in c.get("copies", [])]
                truth.distractors[cid] = [x["url"] for x in c.get("distractors", [])]
            for rec in (c["original"], *c.get("copies", []), *c.get("distractors", [])):
                yield _article(rec)


@dataclass(slots=True, frozen=True)
class StoryScores:
    link_precision: float
    link_recall: float
    original_accuracy: float
    true_links: int
    predicted_links: int
    clusters_with_copies: int
    distractors_as_copies: int

    def as_dict(self) -> dict[str, float | int]:
        return {"link_precision": round(self.link_precision, 4),
                "link_recall": round(self.link_recall, 4),
                "original_accuracy": round(self.original_accuracy, 4),
                "true_links": self.true_links, "predicted_links": self.predicted_links,
                "clusters_with_copies": self.clusters_with_copies,
                "distractors_as_copies": self.distractors_as_copies}


def score(truth: Truth, result: StoriesResult) -> StoryScores:
    """The stories protocol's link and original measures (see the module docstring)."""
    true_pairs: set[tuple[str, str]] = set()
    for cid, orig in truth.originals.items():
        urls = sorted({orig, *truth.copies[cid]})
        true_pairs.update(combinations(urls, 2))
    groups: dict[str, list[str]] = {}
    by_url: dict[str, Member] = {}
    for m in result.members:
        if m.url is None:
            continue
        by_url[m.url] = m
        if m.role in ("copy", "original"):
            groups.setdefault(m.group_id, []).append(m.url)
    pred_pairs: set[tuple[str, str]] = set()
    for urls in groups.values():
        if len(urls) > 1:
            pred_pairs.update(combinations(sorted(urls), 2))
    hit = len(true_pairs & pred_pairs)
    good = total = 0
    for cid, orig in truth.originals.items():
        if not truth.copies[cid]:
            continue
        total += 1
        o = by_url.get(orig)
        if o is None or o.role != "original":
            continue
        if any(by_url.get(u) is not None and by_url[u].group_id == o.group_id
               for u in truth.copies[cid]):
            good += 1
    distractors = {u for us in truth.distractors.values() for u in us}
    false_copies = sum(1 for u in distractors if u in by_url and by_url[u].role == "copy")
    return StoryScores(
        link_precision=hit / len(pred_pairs) if pred_pairs else 1.0,
        link_recall=hit / len(true_pairs) if true_pairs else 1.0,
        original_accuracy=good / total if total else 1.0,
        true_links=len(true_pairs), predicted_links=len(pred_pairs),
        clusters_with_copies=total, distractors_as_copies=false_copies)
