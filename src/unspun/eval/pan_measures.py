"""The PAN text-alignment measures (Potthast et al., 2010), as pure functions.

A *case* (truth) and a *detection* are the same shape: a character span of a suspicious
document aligned to a character span of a source document (`Annotation`). Definitions:

- case recall = characters of the case (both sides) covered by the union of the detections
  that overlap it, divided by the case's characters (this_length + source_length);
- macro recall = mean case recall over ALL cases (an undetected case counts 0);
- macro precision = the same with the roles swapped (mean over detections of the share of
  the detection covered by overlapping cases);
- a case and a detection *overlap* when they concern the same suspicious and the same
  source document and their spans intersect on both sides;
- granularity = mean number of overlapping detections per *detected* case (1 when no case
  is detected);
- plagdet = F1(precision, recall) / log2(1 + granularity).

Conventions of the official evaluation script: no cases and no detections give recall
and precision 1; exactly one of them empty gives 0. Annotations covering no character at
all (both lengths 0) are ignored.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Key = tuple[str, str]


@dataclass(slots=True, frozen=True)
class Annotation:
    """`susp[this_offset:+this_length]` ~ `source[source_offset:+source_length]` (raw chars)."""

    susp: str
    this_offset: int
    this_length: int
    source: str
    source_offset: int
    source_length: int

    @property
    def key(self) -> Key:
        return (self.susp, self.source)

    @property
    def chars(self) -> int:
        return self.this_length + self.source_length


@dataclass(slots=True, frozen=True)
class PanScores:
    """The four PAN measures over one set of cases and detections."""

    plagdet: float
    precision: float
    recall: float
    granularity: float
    cases: int
    detections: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "plagdet": self.plagdet,
            "precision": self.precision,
            "recall": self.recall,
            "granularity": self.granularity,
            "cases": self.cases,
            "detections": self.detections,
        }


def _intersects(a_off: int, a_len: int, b_off: int, b_len: int) -> bool:
    return b_off + b_len > a_off and b_off < a_off + a_len


def overlaps(a: Annotation, b: Annotation) -> bool:
    """Same document pair, and the spans intersect in both documents."""
    return (
        a.key == b.key
        and _intersects(a.this_offset, a.this_length, b.this_offset, b.this_length)
        and _intersects(a.source_offset, a.source_length, b.source_offset, b.source_length)
    )


def _union_within(start: int, length: int, spans: Iterable[tuple[int, int]]) -> int:
    """Characters of [start, start+length) covered by the union of (offset, length) spans."""
    end = start + length
    clipped = sorted(
        (max(start, off), min(end, off + n)) for off, n in spans if off < end and off + n > start
    )
    covered, cur_s, cur_e = 0, -1, -1
    for s, e in clipped:
        if s > cur_e:
            covered += cur_e - cur_s if cur_e > cur_s else 0
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    covered += cur_e - cur_s if cur_e > cur_s else 0
    return covered


def _index(annotations: Iterable[Annotation]) -> dict[Key, list[Annotation]]:
    index: dict[Key, list[Annotation]] = {}
    for a in annotations:
        index.setdefault(a.key, []).append(a)
    return index


def _clean(annotations: Iterable[Annotation]) -> list[Annotation]:
    return [a for a in annotations if a.chars > 0]


def case_recall(case: Annotation, detections: Sequence[Annotation]) -> float:
    """Share of the case's characters (both sides) covered by overlapping detections."""
    hits = [d for d in detections if overlaps(case, d)]
    if not hits or case.chars == 0:
        return 0.0
    this = _union_within(
        case.this_offset, case.this_length, ((d.this_offset, d.this_length) for d in hits)
    )
    src = _union_within(
        case.source_offset, case.source_length, ((d.source_offset, d.source_length) for d in hits)
    )
    return (this + src) / case.chars


def macro_recall(cases: Iterable[Annotation], detections: Iterable[Annotation]) -> float:
    """Mean case recall over all cases."""
    cs, ds = _clean(cases), _clean(detections)
    if not cs and not ds:
        return 1.0
    if not cs or not ds:
        return 0.0
    index = _index(ds)
    return sum(case_recall(c, index.get(c.key, [])) for c in cs) / len(cs)


def macro_precision(cases: Iterable[Annotation], detections: Iterable[Annotation]) -> float:
    """Mean over detections of the share covered by overlapping cases (recall, roles swapped)."""
    return macro_recall(detections, cases)


def granularity(cases: Iterable[Annotation], detections: Iterable[Annotation]) -> float:
    """Mean number of overlapping detections per detected case; 1 when nothing is detected."""
    cs, ds = _clean(cases), _clean(detections)
    index = _index(ds)
    counts = [sum(overlaps(c, d) for d in index.get(c.key, [])) for c in cs]
    detected = [n for n in counts if n > 0]
    return sum(detected) / len(detected) if detected else 1.0


def plagdet(precision: float, recall: float, gran: float) -> float:
    """F1 of precision and recall, divided by log2(1 + granularity); 0 when both are 0."""
    if precision <= 0 and recall <= 0:
        return 0.0
    if precision < 0 or recall < 0 or gran < 1:
        return 0.0
    f1 = 2 * precision * recall / (precision + recall)
    return f1 / math.log2(1 + gran)


def score(cases: Iterable[Annotation], detections: Iterable[Annotation]) -> PanScores:
    """All four measures for one set of cases and detections."""
    cs, ds = _clean(cases), _clean(detections)
    p, r, g = macro_precision(cs, ds), macro_recall(cs, ds), granularity(cs, ds)
    return PanScores(
        plagdet=plagdet(p, r, g),
        precision=p,
        recall=r,
        granularity=g,
        cases=len(cs),
        detections=len(ds),
    )
