"""Labelled clusters (DESIGN.md, "Evaluation data formats"): reading, and the retrieval protocol.

Retrieval protocol: a fresh library holds every original and every distractor (plus an
optional background corpus); each copy is traced and ranked (`rank_of` the cluster's
original among the candidates, candidates judged `unrelated` counting as absent); each
distractor is traced too and counts as *reported as a copy* when any candidate other than
itself gets a copy verdict (anything but `same-story`/`unrelated`), in either direction.
A same-story rendering is independent journalism: flagging it as copied from (or copied
by) any library article is a false accusation.

`score_retrieval` is pure (outcomes -> numbers); `run_retrieval` does the I/O: it builds
the temporary library and traces in worker processes that open it read-only.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unspun.errors import InputError, UsageError
from unspun.eval.metrics import group_by, kind_accuracy, mrr, rank_of, recall_at, share
from unspun.ingest import article_from_record, iter_articles
from unspun.library import Library
from unspun.model import COPY_VERDICTS, Article
from unspun.options import ReadOptions, TraceOptions

#: How cluster entries are read: like `unspun add` of a JSONL line (furniture cleaning on;
#: no cross-page furniture learning, which needs a stream of one site's pages).
READ = ReadOptions(learn_furniture=False)

Progress = Callable[[int, int], None]


# ---- reading -----------------------------------------------------------------------------


def read_clusters(path: str | Path) -> list[dict[str, Any]]:
    """Every cluster of a cluster-format JSONL file. Raises InputError naming `file:line`."""
    return list(iter_clusters(path))


def iter_clusters(path: str | Path) -> Iterator[dict[str, Any]]:
    """The clusters of a cluster-format JSONL file, one at a time (a million-article file
    is never held whole). UsageError at once when the file is missing; InputError naming
    `file:line` when a line is reached that is not a cluster."""
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"{p}: no such file")
    return _clusters(p)


def _clusters(p: Path) -> Iterator[dict[str, Any]]:
    with p.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{p}:{lineno}", f"not JSON ({exc.msg})") from exc
            if not isinstance(obj, dict) or not isinstance(obj.get("original"), dict):
                raise InputError(f"{p}:{lineno}", "a cluster needs an 'original' object")
            for key in ("copies", "distractors"):
                if not isinstance(obj.get(key) or [], list):
                    raise InputError(f"{p}:{lineno}", f"'{key}' must be a list")
            obj.setdefault("cluster_id", f"line{lineno}")
            yield obj


def to_article(record: dict[str, Any]) -> Article:
    """A cluster entry as an Article: `title` is the headline block, `text` the body."""
    return article_from_record(record, READ)


def held_back(cluster_id: str) -> bool:
    """Whether a real-news-dev cluster is held back from every fitted model (its number a
    multiple of 3): the trainers (`scripts/train_*.py`) never fit on it, so only its
    measures are out of sample."""
    digits = re.sub(r"\D", "", cluster_id)
    return bool(digits) and int(digits) % 3 == 0


def copies_of(cluster: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in cluster.get("copies") or [] if isinstance(c, dict)]


def distractors_of(cluster: dict[str, Any]) -> list[dict[str, Any]]:
    return [d for d in cluster.get("distractors") or [] if isinstance(d, dict)]


# ---- outcomes and scores (pure) ------------------------------------------------------------


@dataclass(slots=True)
class CopyOutcome:
    """One traced copy: where its original ranked and what the top candidate was called."""

    cluster: str
    kind: str | None
    recipe: str | None
    rank: int | None
    predicted_kind: str | None
    #: For failure reports: url and verdict of the top candidate, verdict on the original.
    top_url: str | None = None
    original_verdict: str | None = None
    url: str | None = None


@dataclass(slots=True)
class DistractorOutcome:
    """One traced distractor: was anything in the library reported as its copy relation?"""

    cluster: str
    false_copy: bool
    verdict: str | None = None
    against_url: str | None = None
    url: str | None = None


KEYS = ("recall_at_1", "recall_at_5", "mrr", "distractor_false_copy_rate", "kind_accuracy")


@dataclass(slots=True)
class RetrievalScores:
    recall_at_1: float | None
    recall_at_5: float | None
    mrr: float | None
    distractor_false_copy_rate: float | None
    kind_accuracy: float | None
    n_copies: int
    n_distractors: int
    by_kind: dict[str, RetrievalScores] = field(default_factory=dict)
    #: Finer than kind (spun-10/30/50, meaning-edit, reordered ...): for plots and reports.
    by_recipe: dict[str, RetrievalScores] = field(default_factory=dict)

    def as_dict(self, *, detail: bool = False, nested: bool = True) -> dict[str, Any]:
        """The protocol's JSON keys; per-kind entries carry the same keys minus `by_kind`.
        With `detail`, also `by_recipe` (not part of the protocol's key set)."""
        out: dict[str, Any] = {k: getattr(self, k) for k in KEYS}
        out["n_copies"] = self.n_copies
        out["n_distractors"] = self.n_distractors
        if nested:
            out["by_kind"] = {k: v.as_dict(nested=False) for k, v in self.by_kind.items()}
            if detail:
                out["by_recipe"] = {k: v.as_dict(nested=False) for k, v in self.by_recipe.items()}
        return out


def _score(copies: Sequence[CopyOutcome], distractors: Sequence[DistractorOutcome]
           ) -> RetrievalScores:
    ranks = [c.rank for c in copies]
    return RetrievalScores(
        recall_at_1=recall_at(ranks, 1),
        recall_at_5=recall_at(ranks, 5),
        mrr=mrr(ranks),
        distractor_false_copy_rate=share([d.false_copy for d in distractors]),
        kind_accuracy=kind_accuracy((c.predicted_kind, c.kind) for c in copies),
        n_copies=len(copies),
        n_distractors=len(distractors),
    )


def score_retrieval(copies: Sequence[CopyOutcome], distractors: Sequence[DistractorOutcome]
                    ) -> RetrievalScores:
    """All measures, overall and per copy kind / recipe (kinds in sorted order).

    Per-kind entries have no distractors (a distractor has no copy kind), so their
    `distractor_false_copy_rate` is None.
    """
    total = _score(copies, distractors)
    kinds = group_by((c.kind or "unlabelled", c) for c in copies)
    recipes = group_by((c.recipe or c.kind or "unlabelled", c) for c in copies)
    total.by_kind = {k: _score(v, []) for k, v in sorted(kinds.items())}  # type: ignore[arg-type]
    total.by_recipe = {
        k: _score(v, []) for k, v in sorted(recipes.items())  # type: ignore[arg-type]
    }
    return total


# ---- one traced query -> outcome (pure over the trace's compact form) ---------------------

#: A traced candidate, compactly: (article id, url, verdict or None, score).
Row = tuple[str, str | None, str | None, float]


def copy_outcome(cluster: str, record: dict[str, Any], original_id: str, rows: Sequence[Row]
                 ) -> CopyOutcome:
    """Rank of the original among `rows` (trace order; `unrelated` rows are absent)."""
    kept = [r for r in rows if r[2] != "unrelated"]
    ids = [r[0] for r in kept]
    # Copy verdicts are listed before same-story ones whatever the score: ties are only
    # real within one group, at equal score.
    keys: list[object] = [(0 if r[2] in COPY_VERDICTS else 1, -r[3]) if r[2] else (2, i)
                          for i, r in enumerate(kept)]
    rank = rank_of(original_id, ids, keys)
    top = kept[0] if kept else None
    on_original = next((r[2] for r in rows if r[0] == original_id), None)
    return CopyOutcome(
        cluster=cluster,
        kind=record.get("kind") if isinstance(record.get("kind"), str) else None,
        recipe=record.get("recipe") if isinstance(record.get("recipe"), str) else None,
        rank=rank,
        predicted_kind=top[2] if top else None,
        top_url=top[1] if top else None,
        original_verdict=on_original,
        url=record.get("url") if isinstance(record.get("url"), str) else None,
    )


def distractor_outcome(cluster: str, record: dict[str, Any], self_id: str, rows: Sequence[Row]
                       ) -> DistractorOutcome:
    """A distractor is reported as a copy when any other candidate has a copy verdict."""
    for r in rows:
        if r[0] != self_id and r[2] in COPY_VERDICTS:
            return DistractorOutcome(cluster, True, r[2], r[1], record.get("url"))
    return DistractorOutcome(cluster, False, url=record.get("url"))


# ---- running the protocol ----------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class ClusterEvalOptions:
    """How `unspun eval clusters --protocol retrieval` runs."""

    #: `keep_unrelated`: so failure reports can say the original was judged unrelated
    #: (scoring drops those rows itself).
    trace: TraceOptions = field(default_factory=lambda: TraceOptions(keep_unrelated=True))
    #: Extra library content (anything `unspun add` reads).
    background: tuple[str, ...] = ()
    #: Score only the first N clusters.
    limit: int | None = None
    #: Processes tracing in parallel (1: in this process).
    workers: int = 1


@dataclass(slots=True)
class RetrievalRun:
    scores: RetrievalScores
    copies: list[CopyOutcome]
    distractors: list[DistractorOutcome]
    errors: list[str]
    library_size: int


# A task: ("copy" | "distractor", cluster id, record, target id)
Task = tuple[str, str, dict[str, Any], str]

_worker_library: Library | None = None
_worker_options: TraceOptions | None = None


def _init_worker(path: str, options: TraceOptions) -> None:
    global _worker_library, _worker_options
    _worker_library = Library.open(path, readonly=True)
    _worker_options = options


def _trace_rows(library: Library, record: dict[str, Any], options: TraceOptions) -> list[Row]:
    from unspun.pipeline import trace  # heavy import, only where tracing happens

    result = trace(library, to_article(record), options)
    return [(c.article.id, c.article.url, c.analysis.verdict if c.analysis else None, c.score)
            for c in result.candidates]


def _run_task(task: Task) -> tuple[Task, list[Row] | str]:
    assert _worker_library is not None and _worker_options is not None
    try:
        return task, _trace_rows(_worker_library, task[2], _worker_options)
    except InputError as exc:
        return task, str(exc)


def _tasks(clusters: Sequence[dict[str, Any]], ids: dict[tuple[str, int], str]) -> Iterator[Task]:
    for i, cl in enumerate(clusters):
        cid = str(cl["cluster_id"])
        original = ids.get(("o", i))
        if original is not None:
            for rec in copies_of(cl):
                yield ("copy", cid, rec, original)
        for j, rec in enumerate(distractors_of(cl)):
            own = ids.get((f"d{j}", i))
            if own is not None:
                yield ("distractor", cid, rec, own)


def run_retrieval(
    path: str | Path,
    options: ClusterEvalOptions = ClusterEvalOptions(),
    progress: Progress | None = None,
    on_outcome: Callable[[CopyOutcome | DistractorOutcome], None] | None = None,
) -> RetrievalRun:
    """Run the retrieval protocol on a cluster file (see the module docstring).

    `on_outcome` sees every outcome as it is made (long runs can save partial results).
    """
    clusters = read_clusters(path)[: options.limit]
    errors: list[str] = []
    ids: dict[tuple[str, int], str] = {}
    with tempfile.TemporaryDirectory(prefix="unspun-eval-") as tmp:
        db = os.path.join(tmp, "eval.db")
        lib = Library.open(db)
        try:
            articles: list[Article] = []
            for i, cl in enumerate(clusters):
                entries = [("o", cl["original"])] + [
                    (f"d{j}", d) for j, d in enumerate(distractors_of(cl))]
                for key, rec in entries:
                    try:
                        a = to_article(rec)
                    except InputError as exc:
                        errors.append(f"{cl['cluster_id']}: {exc}")
                        continue
                    ids[(key, i)] = a.id
                    articles.append(a)
            lib.add(articles)
            if options.background:
                summary = lib.add(iter_articles(list(options.background), ReadOptions()))
                errors.extend(summary.errors)
            size = len(lib)
        finally:
            lib.close()
        tasks = list(_tasks(clusters, ids))
        copies: list[CopyOutcome] = []
        distractors: list[DistractorOutcome] = []
        for (what, cid, rec, target), rows in _trace_all(db, tasks, options, progress):
            outcome: CopyOutcome | DistractorOutcome
            if isinstance(rows, str):
                errors.append(f"{cid}: {rows}")
                continue
            if what == "copy":
                outcome = copy_outcome(cid, rec, target, rows)
                copies.append(outcome)
            else:
                outcome = distractor_outcome(cid, rec, target, rows)
                distractors.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    return RetrievalRun(score_retrieval(copies, distractors), copies, distractors, errors, size)


def _trace_all(db: str, tasks: list[Task], options: ClusterEvalOptions,
               progress: Progress | None) -> Iterator[tuple[Task, list[Row] | str]]:
    done = 0
    if options.workers <= 1:
        global _worker_library
        _init_worker(db, options.trace)
        try:
            for t in tasks:
                yield _run_task(t)
                done += 1
                if progress:
                    progress(done, len(tasks))
        finally:
            if _worker_library is not None:
                _worker_library.close()
                _worker_library = None
        return
    ctx = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    with ctx.Pool(options.workers, _init_worker, (db, options.trace)) as pool:
        for res in pool.imap(_run_task, tasks, chunksize=8):
            yield res
            done += 1
            if progress:
                progress(done, len(tasks))
