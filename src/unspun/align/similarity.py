"""Sentence-pair similarity: rarity-weighted overlap of stems, plus fuzzy matches for garbled words.

The score of a pair is a weighted Dice coefficient over the sentences' stem sets: words
shared by both count with their rarity weight (names and numbers most, function words a
little), so a spun sentence that kept its names, numbers and function words still scores
well, while two sentences that merely share a few common words do not. Words left
unmatched are then compared character by character, so a garbled name (Simmons ->
Symonds, Reinsalu -> Reinsal) or an inflection the stemmer missed still counts.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Indel

from unspun.align.features import PreparedText, SentenceFeatures

#: Pairs below this raw score are not kept at all (keeps the sparse matrix small).
FLOOR = 0.08
#: Pairs at least this similar get the (slower) fuzzy pass.
FUZZY_FLOOR = 0.12
#: A fuzzy match counts this much of an exact one.
FUZZY_CREDIT = 0.8
#: Only words at least this long and this heavy are compared fuzzily.
FUZZY_MIN_LEN = 4
FUZZY_MIN_WEIGHT = 0.8


@dataclass(slots=True, frozen=True)
class PairScore:
    """Similarity of query sentence `i` and source sentence `j`."""

    i: int
    j: int
    dice: float
    #: Shared weight divided by the query sentence's weight (how much of it is covered).
    containment: float


def shared_weight(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(min(w, b[k]) for k, w in a.items() if k in b)


def _fuzzy_candidate(key: str, weight: float) -> bool:
    return weight >= FUZZY_MIN_WEIGHT and len(key) >= FUZZY_MIN_LEN and not key[:1].isdigit()


def fuzzy_bonus(a: dict[str, float], b: dict[str, float], threshold: float) -> float:
    """Extra shared weight from unmatched words that are spelled alike (greedy, one-to-one)."""
    left = [k for k, w in a.items() if k not in b and _fuzzy_candidate(k, w)]
    right = [k for k, w in b.items() if k not in a and _fuzzy_candidate(k, w)]
    if not left or not right:
        return 0.0
    cands: list[tuple[float, str, str]] = []
    for x in left:  # numbers are excluded: a changed number is an edit, not a spelling
        for y in right:
            if abs(len(x) - len(y)) > max(2, len(x) // 3):
                continue
            r = Indel.normalized_similarity(x, y)
            if r >= threshold:
                cands.append((r, x, y))
    if not cands:
        return 0.0
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_l: set[str] = set()
    used_r: set[str] = set()
    bonus = 0.0
    for _, x, y in cands:
        if x in used_l or y in used_r:
            continue
        used_l.add(x)
        used_r.add(y)
        bonus += FUZZY_CREDIT * min(a[x], b[y])
    return bonus


def pair_similarity(
    a: SentenceFeatures, b: SentenceFeatures, threshold: float = 0.7, narrative: bool = False
) -> float:
    """Weighted Dice of two sentences (optionally of their text outside quotation marks)."""
    ba, bb = (a.narrative, b.narrative) if narrative else (a.bag, b.bag)
    total = (a.narrative_total + b.narrative_total) if narrative else (a.total + b.total)
    if total <= 0.0:
        return 0.0
    shared = shared_weight(ba, bb)
    if shared > 0.0:
        shared += fuzzy_bonus(ba, bb, threshold)
    return min(1.0, 2.0 * shared / total)


def bag_similarity(a: dict[str, float], b: dict[str, float], threshold: float = 0.7) -> float:
    """Weighted Dice of two bags (used for whole passages)."""
    total = sum(a.values()) + sum(b.values())
    if total <= 0.0:
        return 0.0
    shared = shared_weight(a, b)
    if shared > 0.0:
        shared += fuzzy_bonus(a, b, threshold)
    return min(1.0, 2.0 * shared / total)


def score_pairs(q: PreparedText, s: PreparedText, fuzzy_threshold: float = 0.7) -> list[PairScore]:
    """All sentence pairs worth considering, via the source's inverted index (sparse)."""
    out: list[PairScore] = []
    for i, qs in enumerate(q.sentences):
        acc: dict[int, float] = {}
        for key, w in qs.bag.items():
            for j in s.index.get(key, ()):
                acc[j] = acc.get(j, 0.0) + min(w, s.sentences[j].bag[key])
        for j in sorted(acc):
            ss = s.sentences[j]
            shared = acc[j]
            total = qs.total + ss.total
            dice = 2.0 * shared / total if total > 0 else 0.0
            if dice < FLOOR:
                continue
            if dice >= FUZZY_FLOOR:
                shared += fuzzy_bonus(qs.bag, ss.bag, fuzzy_threshold)
                dice = 2.0 * shared / total
            containment = shared / qs.total if qs.total > 0 else 0.0
            out.append(PairScore(i, j, min(1.0, dice), min(1.0, containment)))
    return out
