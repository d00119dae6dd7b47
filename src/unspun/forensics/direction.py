"""Which of two related texts is the derived one, and why.

Publication dates lie or are missing, so several signals weigh in (DESIGN.md, "Which one
is the original"): the later date; containment (the original usually holds what both
share plus more); artifacts (spinner nonsense, fragments and furniture belong to the copy);
oddness (a spinner swaps common words for rarer ones, so the copy's side of each wording
change is the less common one); how machine-rewritten each page looks on its own
(`unspun.inspection`'s score: the copy is the page with the debris); and length.

How much each signal counts is fitted, not set by hand: `scripts/train_direction.py` fits
a logistic model without intercept over antisymmetric features (swapping the two texts
negates every feature, so P(query derived) + P(candidate derived) = 1), on real and
generated copy pairs, and ships it as JSON beside this module (`direction_model.json`).
Page excerpts cut at different places make containment weak evidence on real pages; the
fit, not this code, says how weak. Inside `margin` of 0.5 the answer is "unknown".
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from unspun.align.features import zipf
from unspun.model import Direction, Edit
from unspun.published import order, to_iso
from unspun.shipped import shipped_json
from unspun.text.tokens import STOPWORDS, words

MODEL_FILE = "direction_model.json"
SCHEMA = "unspun.direction-model/1"

#: The model's inputs, each > 0 when it points at the query as the derived text.
DIRECTION_FEATURES = ("later", "contained", "artifacts", "odder", "rewritten", "shorter")
#: Oddness needs this many wording changes to say anything.
MIN_ODD_CHANGES = 3


@dataclass(slots=True, frozen=True)
class DirectionEvidence:
    """What the direction is judged from, for one query/candidate pair."""

    query_published: date | None
    source_published: date | None
    #: Shares of each text inside the shared passages.
    q_coverage: float
    s_coverage: float
    query_artifacts: int
    source_artifacts: int
    #: Mean (candidate zipf - query zipf) over wording changes, and how many there were
    #: (0 when oddness should not count: translation and paraphrase make words plainer).
    oddness: float
    odd_changes: int
    #: Page-alone machine-rewriting scores (0..1).
    query_rewriting: float
    source_rewriting: float
    query_chars: int
    source_chars: int


@dataclass(slots=True, frozen=True)
class DirectionModel:
    """P(query derived) = sigmoid(w . x), x = `direction_features`."""

    version: str
    features: tuple[str, ...]
    coef: tuple[float, ...]
    #: "unknown" while |P - 0.5| < margin.
    margin: float


@dataclass(slots=True, frozen=True)
class DirectionResult:
    derived: Direction
    reasons: tuple[str, ...]
    #: P(the query is the derived text).
    probability: float = 0.5


def oddness(edits: list[Edit]) -> tuple[float, int]:
    """Mean (source zipf - query zipf) over wording changes: > 0 means the query is odder."""
    diffs: list[float] = []
    for e in edits:
        if e.type != "synonym" or not e.query_text or not e.source_text:
            continue
        qz = [zipf(w) for w in words(e.query_text) if w not in STOPWORDS]
        sz = [zipf(w) for w in words(e.source_text) if w not in STOPWORDS]
        if qz and sz:
            diffs.append(sum(sz) / len(sz) - sum(qz) / len(qz))
    return (sum(diffs) / len(diffs) if diffs else 0.0), len(diffs)


def _clip(x: float, lim: float) -> float:
    return max(-lim, min(lim, x))


def direction_features(ev: DirectionEvidence) -> tuple[float, ...]:
    """The model's inputs (`DIRECTION_FEATURES` order); each changes sign when the two texts
    are swapped."""
    odd = _clip(ev.oddness, 2.0) if ev.odd_changes >= MIN_ODD_CHANGES else 0.0
    shorter = math.log(max(ev.source_chars, 1) / max(ev.query_chars, 1))
    return (
        float(order(ev.query_published, ev.source_published)),
        ev.q_coverage - ev.s_coverage,
        _clip(ev.query_artifacts - ev.source_artifacts, 3.0) / 3.0,
        odd,
        ev.query_rewriting - ev.source_rewriting,
        _clip(shorter, 2.0),
    )


def model_from_dict(d: dict[str, Any]) -> DirectionModel:
    """Check and convert a model file's JSON; ValueError when it does not fit this code."""
    if d.get("schema") != SCHEMA:
        raise ValueError(f"direction model: schema {d.get('schema')!r}, expected {SCHEMA!r}")
    if tuple(d["features"]) != DIRECTION_FEATURES:
        raise ValueError("direction model: its features do not match unspun.forensics.direction")
    coef = tuple(float(x) for x in d["coef"])
    margin = float(d["margin"])
    if len(coef) != len(DIRECTION_FEATURES) or not 0.0 <= margin < 0.5:
        raise ValueError("direction model: bad coefficient count or margin")
    return DirectionModel(str(d["version"]), DIRECTION_FEATURES, coef, margin)


@cache
def default_model() -> DirectionModel:
    """The model shipped with the package (read once)."""
    return model_from_dict(shipped_json("unspun.forensics", MODEL_FILE))


def _reason(name: str, ev: DirectionEvidence, toward_query: bool) -> str:
    side, other = ("query", "candidate") if toward_query else ("candidate", "query")
    if name == "later":
        q, c = to_iso(ev.query_published), to_iso(ev.source_published)
        last, first = (q, c) if toward_query else (c, q)
        return f"the {side} was published later ({last} vs {first})"
    if name == "contained":
        return (f"the {other} contains what they share plus more (shared passages cover "
                f"{ev.q_coverage:.0%} of the query but {ev.s_coverage:.0%} of the candidate)")
    if name == "artifacts":
        return (f"rewriting artifacts are on the {side}'s side ({ev.query_artifacts} in the "
                f"query, {ev.source_artifacts} in the candidate)")
    if name == "odder":
        return (f"in {ev.odd_changes} wording changes the {side} uses the rarer, odder words "
                f"(as spinners do)")
    if name == "rewritten":
        return (f"the {side}'s page looks more machine-rewritten on its own (rewriting score "
                f"{ev.query_rewriting:.2f} for the query, {ev.source_rewriting:.2f} for the "
                f"candidate)")
    return (f"the {side} is the shorter text ({ev.query_chars} characters in the query, "
            f"{ev.source_chars} in the candidate)")


def judge_direction(ev: DirectionEvidence, model: DirectionModel | None = None
                    ) -> DirectionResult:
    """Which side is derived, with P(query derived) and the reasons that moved it most;
    "unknown" when the probability stays within the model's margin of 0.5."""
    m = model or default_model()
    x = direction_features(ev)
    contrib = [(name, w * v) for name, w, v in zip(m.features, m.coef, x, strict=True)]
    z = sum(c for _, c in contrib)
    p = 1.0 / (1.0 + math.exp(-_clip(z, 60.0)))
    ranked = sorted((c for c in contrib if abs(c[1]) >= 0.05), key=lambda c: -abs(c[1]))
    if p >= 0.5 + m.margin or p <= 0.5 - m.margin:
        toward = p > 0.5
        reasons = [_reason(n, ev, toward) for n, c in ranked if (c > 0) == toward]
        return DirectionResult("query" if toward else "candidate", tuple(reasons), p)
    if not ranked:
        return DirectionResult("unknown", ("no date, containment or artifact evidence either "
                                           "way",), p)
    said = "; ".join(_reason(n, ev, c > 0) for n, c in ranked)
    return DirectionResult("unknown", (f"the evidence is too weak or mixed to tell "
                                       f"(P(query derived) {p:.2f}): {said}",), p)
