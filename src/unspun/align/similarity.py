"""Sentence-pair similarity: rarity-weighted overlap of stems, plus fuzzy matches for garbled words.

The score of a pair is a weighted Dice coefficient over the sentences' stem sets: words
shared by both count with their rarity weight (names and numbers most, function words a
little), so a spun sentence that kept its names, numbers and function words still scores
well, while two sentences that merely share a few common words do not. Words left
unmatched are then compared character by character, so a garbled name (Simmons ->
Symonds, Reinsalu -> Reinsal) or an inflection the stemmer missed still counts.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Indel
from rapidfuzz.process import cdist

from unspun.align.features import (
    FUNCTION_WEIGHT,
    PreparedText,
    SentenceFeatures,
    fuzzy_candidate,
)

#: Pairs below this raw score are not kept at all (keeps the sparse matrix small).
FLOOR = 0.08
#: Pairs at least this similar get the (slower) fuzzy pass.
FUZZY_FLOOR = 0.15
#: Content words in more sentences than this propose no candidates (still scored).
MAX_POSTINGS = 100
#: At most this many candidate partners per query sentence are scored in full.
MAX_CANDIDATES = 40
#: Pairs this similar already need no fuzzy help.
FUZZY_CEILING = 0.9
#: Above this many spelling comparisons per pair, only the heaviest words are compared.
MAX_FUZZY_COMPARISONS = 144
FUZZY_KEEP = 12
#: A fuzzy match counts this much of an exact one.
FUZZY_CREDIT = 0.8


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
    # a plain loop: this runs for every scored sentence pair (a generator with min() is ~2x slower)
    total = 0.0
    for k, w in a.items():
        v = b.get(k)
        if v is not None:
            total += w if w < v else v
    return total


def fuzzy_bonus(
    a: dict[str, float],
    b: dict[str, float],
    threshold: float,
    a_keys: tuple[str, ...] | None = None,
    b_keys: tuple[str, ...] | None = None,
) -> float:
    """Extra shared weight from unmatched words that are spelled alike (greedy, one-to-one).

    `a_keys`/`b_keys`: the precomputed fuzzy candidates of each side, when known."""
    # unmatched words first (a cheap lookup), then whether they may match by spelling
    if a_keys is None:
        left = [k for k, w in a.items() if k not in b and fuzzy_candidate(k, w)]
    else:
        left = [k for k in a_keys if k not in b]
    if not left:
        return 0.0
    if b_keys is None:
        right = [k for k, w in b.items() if k not in a and fuzzy_candidate(k, w)]
    else:
        right = [k for k in b_keys if k not in a]
    if not right:
        return 0.0
    if len(left) * len(right) > MAX_FUZZY_COMPARISONS:  # keep it linear on long sentences
        left = sorted(left, key=lambda k: (-a[k], k))[:FUZZY_KEEP]
        right = sorted(right, key=lambda k: (-b[k], k))[:FUZZY_KEEP]
    cands: list[tuple[float, str, str]] = []
    # one vectorised call (C) for the whole left x right grid
    grid = cdist(left, right, scorer=Indel.normalized_similarity, score_cutoff=threshold)
    for a_i, b_i in zip(*np.nonzero(grid >= threshold), strict=True):
        x, y = left[int(a_i)], right[int(b_i)]
        if abs(len(x) - len(y)) <= max(2, len(x) // 3):
            cands.append((float(grid[a_i, b_i]), x, y))
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
        keys = (None, None) if narrative else (a.fuzzy_keys, b.fuzzy_keys)
        shared += fuzzy_bonus(ba, bb, threshold, *keys)
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
    """All sentence pairs worth considering (sparse).

    Candidates come from the source's inverted index over content words only (a function
    word would pair every sentence with every other: quadratic on long texts); each
    candidate is then scored on all its words.
    """
    out: list[PairScore] = []
    for i, qs in enumerate(q.sentences):
        acc: dict[int, float] = {}
        for key, w in qs.bag.items():
            if w > FUNCTION_WEIGHT:
                postings = s.index.get(key, ())
                if len(postings) <= MAX_POSTINGS:
                    for j in postings:
                        acc[j] = acc.get(j, 0.0) + w
        if len(acc) > MAX_CANDIDATES:  # long texts: only the partners sharing most content
            keep = heapq.nlargest(MAX_CANDIDATES, acc.items(), key=lambda x: (x[1], -x[0]))
            acc = dict(keep)
        for j in sorted(acc):
            ss = s.sentences[j]
            total = qs.total + ss.total
            if total <= 0:
                continue
            shared = shared_weight(qs.bag, ss.bag)
            dice = 2.0 * shared / total
            if dice < FLOOR:
                continue
            if FUZZY_FLOOR <= dice < FUZZY_CEILING:
                shared += fuzzy_bonus(qs.bag, ss.bag, fuzzy_threshold, qs.fuzzy_keys, ss.fuzzy_keys)
                dice = 2.0 * shared / total
            containment = shared / qs.total if qs.total > 0 else 0.0
            out.append(PairScore(i, j, min(1.0, dice), min(1.0, containment)))
    return out
