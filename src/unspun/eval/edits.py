"""Edit typing against the true edits recorded in generated meaning-edit copies.

Each copy whose `recipe` is `meaning-edit` (or, without a recipe, whose `edits` hold a
meaning type) is compared with its cluster's original (`unspun.pipeline.compare`). Its
true edits of the five meaning types (name, number, quote, attribution, negation) are
matched one-to-one to the predicted edits of the same type whose copy-side spans overlap
(`unspun.eval.metrics.match_edits`); precision, recall and F1 per type follow.

Recorded offsets refer to the record's `text` (the body without the headline); the
Article puts the headline first and may drop furniture lines, so offsets are moved
paragraph by paragraph. An edit in a paragraph the Article no longer has is skipped
and counted (`unplaced`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unspun.errors import InputError
from unspun.eval.clusters import Progress, copies_of, read_clusters, to_article
from unspun.eval.metrics import EditCounts, Span, count_edits, prf
from unspun.model import PARAGRAPH_SEP

#: The meaning-changing edit types the generator records and scoring covers.
SCORED_TYPES: tuple[str, ...] = ("name", "number", "quote", "attribution", "negation")


def offset_mapper(record_text: str, article_text: str) -> Callable[[int], int | None]:
    """Map an offset in `record_text` to the same character in `article_text`.

    Paragraphs of the record are found in order in the article; an offset inside a
    paragraph the article lacks maps to None.
    """
    shifts: list[tuple[int, int, int]] = []  # (record start, record end, article start)
    pos = 0
    cursor = 0
    for para in record_text.split(PARAGRAPH_SEP):
        found = article_text.find(para, cursor) if para else -1
        if found >= 0:
            shifts.append((pos, pos + len(para), found))
            cursor = found + len(para)
        pos += len(para) + len(PARAGRAPH_SEP)

    def mapped(offset: int) -> int | None:
        for start, end, at in shifts:
            if start <= offset <= end:
                return at + offset - start
        return None

    return mapped


def true_spans(copy: dict[str, Any], article_text: str) -> tuple[list[Span], int]:
    """The copy's recorded edits of the scored types on the Article's text, and how many
    could not be placed."""
    mapped = offset_mapper(str(copy.get("text") or ""), article_text)
    out: list[Span] = []
    unplaced = 0
    for e in copy.get("edits") or []:
        if not isinstance(e, dict) or e.get("type") not in SCORED_TYPES:
            continue
        try:
            start, end = mapped(int(e["copy_start"])), mapped(int(e["copy_end"]))
        except (KeyError, TypeError, ValueError):
            start = end = None
        if start is None or end is None:
            unplaced += 1
            continue
        out.append(Span(str(e["type"]), start, end))
    return out, unplaced


def is_scored(copy: dict[str, Any]) -> bool:
    recipe = copy.get("recipe")
    if recipe is not None:
        return bool(recipe == "meaning-edit")
    return any(isinstance(e, dict) and e.get("type") in SCORED_TYPES
               for e in copy.get("edits") or [])


@dataclass(slots=True)
class EditExample:
    """A missed or spurious edit, for failure reports."""

    cluster: str
    type: str
    what: str  # "missed" | "spurious"
    copy_text: str
    predicted_as: str = ""
    context: str = ""


@dataclass(slots=True)
class EditScores:
    counts: dict[str, EditCounts]
    copies: int
    unplaced: int
    errors: list[str] = field(default_factory=list)
    examples: list[EditExample] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        by_type: dict[str, Any] = {}
        for ty, c in self.counts.items():
            p, r, f = prf(c)
            by_type[ty] = {"precision": p, "recall": r, "f1": f, "true": c.true,
                           "predicted": c.predicted, "matched": c.matched}
        total = EditCounts(sum(c.true for c in self.counts.values()),
                           sum(c.predicted for c in self.counts.values()),
                           sum(c.matched for c in self.counts.values()))
        p, r, f = prf(total)
        return {"precision": p, "recall": r, "f1": f, "by_type": by_type,
                "n_copies": self.copies, "unplaced": self.unplaced}


def run_edits(path: str | Path, *, limit: int | None = None, progress: Progress | None = None,
              max_examples: int = 40) -> EditScores:
    """Score edit typing on every scored copy of a cluster file (see the module docstring)."""
    from unspun.pipeline import compare  # heavy import, only when scoring

    clusters = read_clusters(path)[:limit]
    work = [(cl, c) for cl in clusters for c in copies_of(cl) if is_scored(c)]
    scores = EditScores(counts={t: EditCounts() for t in SCORED_TYPES}, copies=0, unplaced=0)
    for n, (cl, rec) in enumerate(work, 1):
        cid = str(cl["cluster_id"])
        try:
            original, copy = to_article(cl["original"]), to_article(rec)
        except InputError as exc:
            scores.errors.append(f"{cid}: {exc}")
            continue
        analysis = compare(copy, original).candidates[0].analysis
        predicted = [Span(e.type, e.q_start, e.q_end) for e in (analysis.edits if analysis else [])]
        truth, unplaced = true_spans(rec, copy.text)
        scores.unplaced += unplaced
        scores.copies += 1
        count_edits(truth, predicted, SCORED_TYPES, scores.counts)
        if len(scores.examples) < max_examples:
            scores.examples.extend(_examples(cid, truth, predicted, copy.text))
        if progress:
            progress(n, len(work))
    return scores


def _examples(cid: str, truth: Sequence[Span], predicted: Sequence[Span], text: str
              ) -> list[EditExample]:
    from unspun.eval.metrics import match_edits, spans_overlap

    t = [s for s in truth if s.type in SCORED_TYPES]
    p = [s for s in predicted if s.type in SCORED_TYPES]
    hit = match_edits(t, p)
    got_t = {i for i, _ in hit}
    got_p = {j for _, j in hit}
    out: list[EditExample] = []
    for i, s in enumerate(t):
        if i not in got_t:
            other = next((q.type for q in predicted if spans_overlap(s, q)), "nothing")
            out.append(EditExample(cid, s.type, "missed", text[s.start:s.end][:80], other,
                                   _context(text, s)))
    for j, s in enumerate(p):
        if j not in got_p:
            out.append(EditExample(cid, s.type, "spurious", text[s.start:s.end][:80],
                                   context=_context(text, s)))
    return out


def _context(text: str, s: Span, width: int = 50) -> str:
    left = text[max(0, s.start - width):s.start].split("\n")[-1]
    right = text[s.end:s.end + width].split("\n")[0]
    return f"{left}[{text[s.start:s.end]}]{right}"
