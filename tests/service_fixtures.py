"""Shared by the service tests: a library of the demo corpus (with stories stored), and the
demo's labelled copies found on disk."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from unspun.ingest import iter_articles
from unspun.library import Library
from unspun.options import ReadOptions
from unspun.stories import StoriesOptions, build_stories

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo"
CORPUS = DEMO / "corpus"


@dataclass(frozen=True)
class DemoCopy:
    cluster: str
    kind: str
    page: Path
    record: dict[str, Any]
    original_url: str
    edits: list[dict[str, Any]]


def demo_copies() -> list[DemoCopy]:
    """Every labelled copy of demo/clusters.jsonl with its page in demo/corpus."""
    out: list[DemoCopy] = []
    for line in (DEMO / "clusters.jsonl").read_text(encoding="utf-8").splitlines():
        c = json.loads(line)
        for j, copy in enumerate(c["copies"]):
            (page,) = sorted((CORPUS / c["cluster_id"]).glob(f"copy-{j}-*.html"))
            out.append(DemoCopy(c["cluster_id"], copy["kind"], page, copy,
                                c["original"]["url"], list(copy.get("edits", []))))
    return out


def copy_with(kind: str, edit: str | None = None) -> DemoCopy:
    """The first demo copy of `kind` whose recorded edits include `edit` (when given)."""
    for c in demo_copies():
        if c.kind == kind and (edit is None or any(e["type"] == edit for e in c.edits)):
            return c
    raise LookupError(f"no demo copy of kind {kind} with a {edit} edit")


def build_demo_library(path: Path) -> Path:
    """The whole demo corpus in a library at `path`, with stories computed and stored."""
    with Library.open(path) as lib:
        lib.add(iter_articles([str(CORPUS)], ReadOptions()))
        build_stories(lib, StoriesOptions(workers=1))
    return path
