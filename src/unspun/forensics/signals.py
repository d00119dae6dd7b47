"""Document-level signals behind a verdict: coverage, order, structure, wording kept.

A copy shares sentence structure *in order*; independent reporting of the same event
shares facts (names, numbers, even the same quotes) in different sentences and a different
order. So the signals that decide are computed over sentence pairs whose similarity comes
from the narrative text (outside quotation marks), and measure how much of the query
follows the source sentence by sentence.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass

from unspun.align.features import PreparedText
from unspun.align.passages import Alignment
from unspun.align.similarity import pair_similarity, shared_weight

#: A sentence pair counts as narrative evidence when its text outside quotes is this similar.
NARRATIVE_MIN = 0.3
#: A quoted sentence pair whose narrative part is below this is "quote only" (weak).
QUOTE_ONLY_MAX = 0.3


@dataclass(slots=True)
class Signals:
    """Everything the verdict rules read, each a plain number a report can show."""

    q_coverage: float = 0.0
    s_coverage: float = 0.0
    length_ratio: float = 0.0
    summary_mode: bool = False
    #: Query sentences paired with a source sentence on narrative text.
    narrative_pairs: int = 0
    #: Of those, how many lie in one order-preserving chain (longest increasing subsequence).
    in_order: int = 0
    #: Narrative pairs with an in-order neighbour one or two sentences away in both texts.
    structural_pairs: int = 0
    #: Share of the query's (weighted) words in structural pairs.
    structural_share: float = 0.0
    #: Sentence pairs that match only inside quotation marks (weak evidence).
    quote_only_pairs: int = 0
    #: Share of the query's sentences (body, non-trivial) that are paired at all.
    paired_share: float = 0.0
    #: Query sentences that are not trivially short.
    query_sentences: int = 0
    #: Mean similarity of the narrative pairs.
    mean_similarity: float = 0.0
    #: Weighted overlap of the two texts' rarer words (names, numbers, places): shared facts.
    shared_facts: float = 0.0
    headline_similarity: float = 1.0


def _lis(seq: list[int]) -> int:
    """Length of the longest strictly increasing subsequence (patience sorting)."""
    tails: list[int] = []
    for x in seq:
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails)


def _coverage(spans: list[tuple[int, int]], lo: int, hi: int) -> float:
    if hi <= lo:
        return 0.0
    spans = sorted((max(a, lo), min(b, hi)) for a, b in spans if b > lo and a < hi)
    covered, end = 0, lo
    for a, b in spans:
        a = max(a, end)
        if b > a:
            covered += b - a
            end = b
    return covered / (hi - lo)


def _facts(p: PreparedText) -> dict[str, float]:
    bag: dict[str, float] = {}
    for s in p.sentences:
        for k, w in s.bag.items():
            if w >= 1.2 and w > bag.get(k, 0.0):
                bag[k] = w
    return bag


def compute_signals(q: PreparedText, s: PreparedText, alignment: Alignment, gap: int) -> Signals:
    """The signals of one aligned pair of texts (`gap`: sentences allowed between neighbours)."""
    sig = Signals(summary_mode=alignment.summary_mode)
    ps = [ap.passage for ap in alignment.passages]
    sig.q_coverage = _coverage([(p.q_start, p.q_end) for p in ps], q.body_start, len(q.text))
    sig.s_coverage = _coverage([(p.s_start, p.s_end) for p in ps], s.body_start, len(s.text))
    sig.length_ratio = q.n_tokens / s.n_tokens if s.n_tokens else 0.0

    best: dict[int, tuple[float, int, float]] = {}
    for ap in alignment.passages:
        for i, j, sim in ap.pairs:
            narrative = pair_similarity(q.sentences[i], s.sentences[j], narrative=True)
            if narrative < QUOTE_ONLY_MAX and any(q.sentences[i].quoted):
                sig.quote_only_pairs += 1
            if narrative < NARRATIVE_MIN:
                continue
            if i not in best or sim > best[i][0]:
                best[i] = (sim, j, narrative)
    pairs = sorted((i, j, sim) for i, (sim, j, _) in best.items())
    sig.narrative_pairs = len(pairs)
    sig.in_order = _lis([j for _, j, _ in pairs])
    sig.mean_similarity = sum(x[2] for x in pairs) / len(pairs) if pairs else 0.0
    max_dj = gap + 1
    structural: set[int] = set()
    for (i1, j1, _), (i2, j2, _) in itertools.pairwise(pairs):
        if 1 <= i2 - i1 <= 2 and 1 <= j2 - j1 <= max_dj:
            structural.update((i1, i2))
    sig.structural_pairs = len(structural)
    total = sum(x.total for x in q.sentences)
    sig.structural_share = sum(q.sentences[i].total for i in structural) / total if total else 0.0
    real = [k for k, x in enumerate(q.sentences) if len(x.tokens) >= 4]
    sig.query_sentences = len(real)
    sig.paired_share = sum(1 for k in real if k in best) / len(real) if real else 0.0

    fq, fs = _facts(q), _facts(s)
    denom = sum(fq.values()) + sum(fs.values())
    sig.shared_facts = 2 * shared_weight(fq, fs) / denom if denom else 0.0
    if q.headline and s.headline:
        from unspun.align.features import prepare_text

        hq, hs = prepare_text(q.headline), prepare_text(s.headline)
        if hq.sentences and hs.sentences:
            sig.headline_similarity = pair_similarity(hq.sentences[0], hs.sentences[0])
    return sig
