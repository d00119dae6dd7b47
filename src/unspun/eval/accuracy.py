"""Running every accuracy measurement behind `docs/accuracy.md` (see scripts/accuracy_report.py).

- Cluster-format sets (the demo corpus, generated benchmarks, Reuters/BBC turned into
  generated clusters): the retrieval protocol (`unspun.eval.clusters`) and edit typing
  (`unspun.eval.edits`). Retrieval outcomes stream into a cache file (JSONL), so a long run
  can stop at a time budget and be scored on the clusters it finished.
- Clough-Stevenson short answers (`answers.jsonl`, `sources.jsonl`): each answer is traced
  in a library of the five task sources (rank of its own task's source) and compared
  with that source (is it judged a copy?), per level: cut, light, heavy, non (non answers
  were written independently; calling them copies is a false accusation).
- PAN 2025 paragraph pairs (`paragraph_pairs.jsonl`): each plagiarised paragraph compared
  with its source paragraph (judged a copy?), per prompt type; as negatives, each
  paragraph compared with a source paragraph of another case.

Third-party data is read from where it lies at run time; nothing is copied.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unspun.eval.clusters import (
    ClusterEvalOptions,
    CopyOutcome,
    DistractorOutcome,
    RetrievalScores,
    distractors_of,
    read_clusters,
    run_retrieval,
    score_retrieval,
)
from unspun.eval.metrics import rank_of, recall_at, share
from unspun.ingest.assemble import build_article
from unspun.library import Library
from unspun.model import COPY_VERDICTS, Article
from unspun.text.tokens import words


@dataclass(slots=True)
class CachedRetrieval:
    """Retrieval outcomes read back from a cache file (complete or cut at a time budget)."""

    copies: list[CopyOutcome]
    distractors: list[DistractorOutcome]
    complete: bool
    clusters: int
    seconds: float | None
    library_size: int | None
    errors: list[str] = field(default_factory=list)
    #: When tracing started (epoch seconds): which code was measured.
    started: float | None = None

    @property
    def scores(self) -> RetrievalScores:
        return score_retrieval(self.copies, self.distractors)


def retrieval_cached(clusters_file: Path, cache: Path, *, reuse: bool = True,
                     budget_seconds: float | None = None, workers: int = 1,
                     progress: Callable[[int, int], None] | None = None) -> CachedRetrieval:
    """Run (or, with `reuse`, read back) the retrieval protocol, outcomes cached in `cache`.

    With a budget, tracing stops after `budget_seconds`; only clusters all of whose
    copies and distractors were traced are scored.
    """
    if not (reuse and cache.exists()):
        _run_into(clusters_file, cache, budget_seconds, workers, progress)
    return read_cache(cache)


class _Budget(Exception):
    pass


def _run_into(clusters_file: Path, cache: Path, budget: float | None, workers: int,
              progress: Callable[[int, int], None] | None) -> None:
    started = time.monotonic()
    tmp = cache.with_suffix(".partial")
    with tmp.open("w", encoding="utf-8") as f:
        f.write(json.dumps({"meta": {"clusters_file": str(clusters_file), "workers": workers,
                                     "started": time.time()}}) + "\n")

        def keep(o: CopyOutcome | DistractorOutcome) -> None:
            key = "copy" if isinstance(o, CopyOutcome) else "distractor"
            f.write(json.dumps({key: dataclasses.asdict(o)}) + "\n")
            if budget is not None and time.monotonic() - started > budget:
                raise _Budget

        try:
            run = run_retrieval(clusters_file, ClusterEvalOptions(workers=workers),
                                progress, keep)
            f.write(json.dumps({"done": True, "errors": run.errors,
                                "library_size": run.library_size,
                                "seconds": time.monotonic() - started}) + "\n")
        except _Budget:
            f.write(json.dumps({"stopped": True, "seconds": time.monotonic() - started}) + "\n")
    os.replace(tmp, cache)


def read_cache(cache: Path) -> CachedRetrieval:
    """Outcomes of a cache file; a cut run keeps only the clusters it finished."""
    copies: list[CopyOutcome] = []
    distractors: list[DistractorOutcome] = []
    order: list[str] = []
    tail: dict[str, Any] = {}
    meta: dict[str, Any] = {}
    with cache.open(encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            if "meta" in obj:
                meta = obj["meta"]
                continue
            if "copy" in obj:
                copies.append(CopyOutcome(**obj["copy"]))
                cid = copies[-1].cluster
            elif "distractor" in obj:
                distractors.append(DistractorOutcome(**obj["distractor"]))
                cid = distractors[-1].cluster
            else:
                if "done" in obj or "stopped" in obj:
                    tail = obj
                continue
            if not order or order[-1] != cid:
                order.append(cid)
    complete = bool(tail.get("done"))
    if not complete and order:  # the last cluster seen may be unfinished: drop it
        last = order.pop()
        copies = [c for c in copies if c.cluster != last]
        distractors = [d for d in distractors if d.cluster != last]
    return CachedRetrieval(copies, distractors, complete, len(order), tail.get("seconds"),
                           tail.get("library_size"), list(tail.get("errors") or []),
                           meta.get("started"))


# ---- natural duplicates among distractors ----------------------------------------------------

#: Word 5-gram Jaccard at or above this marks two texts as near-duplicates in the data itself
#: (the threshold the shared data's near_duplicate_pairs.tsv files use).
NEAR_DUPLICATE = 0.5


def shingles(text: str, n: int = 5) -> set[tuple[str, ...]]:
    w = [x.lower() for x in words(text)]
    return {tuple(w[i:i + n]) for i in range(max(1, len(w) - n + 1))}


def jaccard(a: set[tuple[str, ...]], b: set[tuple[str, ...]]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def false_copies_beyond_duplicates(r: CachedRetrieval, clusters_file: Path
                                   ) -> tuple[float | None, int]:
    """Distractor false-copy rate when accusations against a near-duplicate of the
    distractor in the data (real wire re-sends: 5-gram Jaccard >= 0.5) are not counted
    as false; and how many such accusations there were."""
    texts: dict[str, str] = {}
    for cl in read_clusters(clusters_file):
        for rec in [cl["original"], *distractors_of(cl)]:
            if isinstance(rec.get("url"), str):
                texts[rec["url"]] = str(rec.get("text") or "")
    flags: list[bool] = []
    excused = 0
    for d in r.distractors:
        false = d.false_copy
        if (false and d.url in texts and d.against_url in texts
                and jaccard(shingles(texts[d.url]), shingles(texts[str(d.against_url)]))
                >= NEAR_DUPLICATE):
            false = False
            excused += 1
        flags.append(false)
    return share(flags), excused


# ---- Clough-Stevenson ----------------------------------------------------------------------


@dataclass(slots=True)
class LevelScores:
    """Per plagiarism level: answers, judged a copy of their source, rank of the source."""

    answers: int = 0
    judged_copy: int = 0
    ranks: list[int | None] = field(default_factory=list)
    verdicts: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        return {"answers": self.answers,
                "judged_copy": self.judged_copy / self.answers if self.answers else None,
                "recall_at_1": recall_at(self.ranks, 1),
                "verdicts": dict(self.verdicts.most_common())}


def _plain_article(text: str, url: str, title: str | None = None) -> Article:
    paras = [("body", p) for p in text.replace("\r", "").split("\n") if p.strip()]
    if title:
        paras.insert(0, ("headline", title))
    return build_article(paras or [("body", text)], url=url, title=title)  # type: ignore[arg-type]


def clough_stevenson(folder: Path) -> dict[str, LevelScores]:
    """Trace and compare every answer (see the module docstring); levels in corpus order."""
    from unspun.pipeline import compare, trace

    sources = {}
    for line in (folder / "sources.jsonl").open(encoding="utf-8"):
        s = json.loads(line)
        sources[s["task"]] = _plain_article(s["text"], f"cs://source/{s['id']}")
    answers = [json.loads(line) for line in (folder / "answers.jsonl").open(encoding="utf-8")]
    out: dict[str, LevelScores] = {}
    with tempfile.TemporaryDirectory(prefix="unspun-eval-") as tmp:
        lib = Library.open(Path(tmp) / "cs.db")
        try:
            lib.add(list(sources.values()))
            for a in answers:
                level = out.setdefault(str(a["category"]), LevelScores())
                query = _plain_article(a["text"], f"cs://answer/{a['id']}")
                src = sources[a["task"]]
                analysis = compare(query, src).candidates[0].analysis
                verdict = analysis.verdict if analysis else "unrelated"
                level.answers += 1
                level.judged_copy += verdict in COPY_VERDICTS
                level.verdicts[verdict] += 1
                found = [c.article.id for c in trace(lib, query).candidates
                         if c.analysis is None or c.analysis.verdict != "unrelated"]
                level.ranks.append(rank_of(src.id, found))
        finally:
            lib.close()
    return out


# ---- PAN 2025 paragraphs ---------------------------------------------------------------------


def pan_paragraphs(path: Path) -> dict[str, LevelScores]:
    """Paragraph pairs judged copies, per prompt type; `negative`: mismatched pairs."""
    from unspun.pipeline import compare

    pairs = [json.loads(line) for line in path.open(encoding="utf-8")]
    pairs = [p for p in pairs if p.get("source_text") and p.get("paragraph_type") == "plagiarism"]
    out: dict[str, LevelScores] = {}

    def judge(label: str, cand: str, src: str, i: int) -> None:
        level = out.setdefault(label, LevelScores())
        q = _plain_article(cand, f"pan://candidate/{i}")
        s = _plain_article(src, f"pan://source/{i}")
        analysis = compare(q, s).candidates[0].analysis
        verdict = analysis.verdict if analysis else "unrelated"
        level.answers += 1
        level.judged_copy += verdict in COPY_VERDICTS
        level.verdicts[verdict] += 1

    for i, p in enumerate(pairs):
        judge(str(p.get("prompt_type")), p["candidate_text"], p["source_text"], i)
    for i, p in enumerate(pairs):  # the next pair's source from another case: not a copy
        other = next((q for q in pairs[i + 1:] + pairs[:i] if q["case_id"] != p["case_id"]), None)
        if other is not None:
            judge("negative", p["candidate_text"], other["source_text"], i)
    return out
