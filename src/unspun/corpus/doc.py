"""The generator's plain data: one document (article), one cluster, and their JSON form.

A `Doc` keeps its paragraphs with their role (standfirst, caption, body, furniture,
credit) so the HTML writer can mark them up; its `text` is the paragraphs joined by
`PARAGRAPH_SEP`, exactly as written to the cluster JSONL (all offsets refer to it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from unspun.model import PARAGRAPH_SEP

#: Paragraph roles a Doc may carry.
ROLES = ("standfirst", "caption", "body", "furniture", "credit")


@dataclass(slots=True)
class Doc:
    url: str
    site: str
    outlet: str
    published: datetime | None
    title: str
    paras: tuple[tuple[str, str], ...]
    #: copies only: verbatim|edited|spun|translated|paraphrase|summary|syndicated
    kind: str | None = None
    #: extra labelled fields written after `kind` (variant, spin_rate, edits, ...)
    extra: dict[str, Any] = field(default_factory=dict)
    #: the rendering plan (invented events only; lets a paraphrase follow the same outline)
    plan: Any = None

    @property
    def text(self) -> str:
        return PARAGRAPH_SEP.join(p for _, p in self.paras)

    def to_json(self, *, with_date: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"url": self.url, "site": self.site}
        if with_date:
            out["date"] = self.published.strftime("%Y-%m-%d") if self.published else None
            out["published_time"] = (
                self.published.strftime("%Y-%m-%dT%H:%M:%SZ") if self.published else None
            )
        out["outlet"] = self.outlet
        out["title"] = self.title
        out["text"] = self.text
        if self.kind is not None:
            out["kind"] = self.kind
        out.update(self.extra)
        return out


@dataclass(slots=True)
class Cluster:
    cluster_id: str
    story: str
    original: Doc
    copies: list[Doc]
    distractors: list[Doc]
    #: invented | corpus
    source: str = "invented"
    facts: dict[str, Any] = field(default_factory=dict)

    def articles(self) -> list[Doc]:
        return [self.original, *self.copies, *self.distractors]

    def to_json(self) -> dict[str, Any]:
        return {
            "cluster_id": self.cluster_id,
            "story": self.story,
            "source": self.source,
            "facts": self.facts,
            "original": self.original.to_json(),
            "copies": [c.to_json() for c in self.copies],
            "distractors": [d.to_json() for d in self.distractors],
        }

    def to_line(self) -> str:
        """One JSONL line (no trailing newline); key order fixed, so output is byte-stable."""
        return json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"))
