"""Which of two related texts is the derived one, and why.

Publication dates lie or are missing, so several signals vote (DESIGN.md, "Which one is
the original"): the earlier date; containment (the original usually holds what both
share plus more); artifacts (spinner nonsense, fragments and furniture belong to the copy);
and oddness (a spinner swaps common words for rarer ones, so the copy's side of each
wording change is the less common one).
"""

from __future__ import annotations

from dataclasses import dataclass

from unspun.align.features import zipf
from unspun.model import Article, Direction, Edit
from unspun.published import order, to_iso
from unspun.text.tokens import STOPWORDS, words

DATE_VOTE = 2.0
VOTE = 1.0


@dataclass(slots=True, frozen=True)
class DirectionResult:
    derived: Direction
    reasons: tuple[str, ...]


def _oddness(edits: list[Edit]) -> tuple[float, int]:
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


def judge_direction(
    query: Article,
    source: Article,
    q_coverage: float,
    s_coverage: float,
    query_artifacts: int,
    source_artifacts: int,
    edits: list[Edit],
    use_oddness: bool = True,
) -> DirectionResult:
    """Vote on which side is derived; "unknown" when the votes do not agree enough.

    `use_oddness`: weigh the rarity of swapped words (right for spinning; translation and
    paraphrase make words plainer, not odder)."""
    score = 0.0  # > 0: the query is derived; < 0: the candidate is
    reasons: list[str] = []
    qd, sd = query.published, source.published
    when = order(qd, sd)  # the time decides within a day when both have one
    if when:
        later = "query" if when > 0 else "candidate"
        score += DATE_VOTE if when > 0 else -DATE_VOTE
        first, last = (to_iso(sd), to_iso(qd)) if when > 0 else (to_iso(qd), to_iso(sd))
        reasons.append(f"the {later} was published later ({last} vs {first})")
    if q_coverage - s_coverage >= 0.15:
        score += VOTE
        reasons.append(
            f"the candidate contains what they share plus more (shared passages cover "
            f"{q_coverage:.0%} of the query but {s_coverage:.0%} of the candidate)"
        )
    elif s_coverage - q_coverage >= 0.15:
        score -= VOTE
        reasons.append(
            f"the query contains what they share plus more (shared passages cover "
            f"{s_coverage:.0%} of the candidate but {q_coverage:.0%} of the query)"
        )
    if abs(query_artifacts - source_artifacts) >= 2:
        side = "query" if query_artifacts > source_artifacts else "candidate"
        score += VOTE if side == "query" else -VOTE
        reasons.append(
            f"rewriting artifacts are on the {side}'s side ({query_artifacts} in the query, "
            f"{source_artifacts} in the candidate)"
        )
    odd, n = _oddness(edits)
    if use_oddness and n >= 3 and abs(odd) >= 0.4:
        side = "query" if odd > 0 else "candidate"
        score += VOTE if odd > 0 else -VOTE
        reasons.append(
            f"in {n} wording changes the {side} uses the rarer, odder words (as spinners do)"
        )
    if score >= 1.0:
        return DirectionResult("query", tuple(reasons))
    if score <= -1.0:
        return DirectionResult("candidate", tuple(reasons))
    if not reasons:
        reasons.append("no date, containment or artifact evidence either way")
    return DirectionResult("unknown", tuple(reasons))
