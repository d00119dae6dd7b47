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
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel
from rapidfuzz.process import extractOne

from unspun.align.features import FUNCTION_WEIGHT, PreparedText, derived, prepare_text
from unspun.align.passages import Alignment
from unspun.align.similarity import pair_similarity, shared_weight
from unspun.text.tokens import STOPWORDS

#: A sentence pair counts as narrative evidence when its text outside quotes is this similar.
NARRATIVE_MIN = 0.3
#: A narrative pair keeping this share of its words in order (LCS) is copied wording.
COPIED_WORDING = 0.6
#: ... and this share, nearly word for word.
VERBATIM_WORDING = 0.9
#: A name this close in spelling to a source name counts as kept (garbled, transliterated).
GARBLED_NAME = 0.66
#: Sentence pairs at least this similar count for the whole-document sequence match,
#: with full credit from SEQUENCE_FULL.
SEQUENCE_MIN = 0.15
SEQUENCE_FULL = 0.4
#: Sentences shorter than this are not narrative evidence (captions, fragments, credits).
MIN_NARRATIVE_TOKENS = 5
#: A quoted sentence pair whose narrative part is below this is "quote only" (weak).
QUOTE_ONLY_MAX = 0.3
#: Moving the diagonal chain (see `_diagonal_matches`) to a neighbouring diagonal (a sentence
#: split, merged, added or dropped) costs this much credit: as much as one sentence in place.
DIAGONAL_SHIFT_COST = 1.0
#: ... and it may move by at most this many sentences at once.
DIAGONAL_MAX_SHIFT = 2
#: A run of at least this many quoted words is a quoted passage; another text has it when
#: one of its quoted passages holds at least QUOTE_FOUND of its content words.
QUOTE_MIN_TOKENS = 4
QUOTE_FOUND = 0.5
#: Shared narrative prose is counted in runs of this many words.
PROSE_GRAM = 5


@dataclass(slots=True)
class Signals:
    """Everything the verdict rules read, each a plain number a report can show."""

    q_coverage: float = 0.0
    s_coverage: float = 0.0
    #: The same, counting only sentences paired with a sentence of the other text.
    q_paired_coverage: float = 0.0
    s_paired_coverage: float = 0.0
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
    #: Mean share of words kept in order (LCS) within the narrative pairs.
    mean_wording: float = 0.0
    #: Narrative pairs that keep most of their wording in order, and their share of the
    #: query's narrative weight: text copied and lightly changed, in any order.
    copied_pairs: int = 0
    copied_share: float = 0.0
    #: The same for pairs kept (nearly) word for word.
    verbatim_pairs: int = 0
    verbatim_share: float = 0.0
    #: Passages whose source comes before the previous passage's (paragraphs moved).
    reordered: int = 0
    #: Share of the source sentences inside passages that no query sentence matches
    #: (a summary skips sentences; a partial copy does not).
    source_skipped: float = 0.0
    #: Sentences of the longer text matched one to one, in order, over the whole documents
    #: (a paraphrase keeps every sentence in place; independent reports do not).
    sequence_share: float = 0.0
    #: Body sentences matched one to one with each in its place (query sentence k with source
    #: sentence k + d), over the longer text's body sentences; quoted words do not count. A
    #: sentence-by-sentence rewrite keeps this high; independent reports, telling the facts
    #: in their own order and their own number of sentences, do not.
    diagonal_share: float = 0.0
    diagonal_pairs: int = 0
    #: Weighted overlap of the two texts' rarer words (names, numbers, places): shared facts.
    shared_facts: float = 0.0
    #: Share of the query's names and numbers found in the source, and their number.
    fact_containment: float = 0.0
    query_facts: int = 0
    #: The same the other way: share of the source's names and numbers in the query.
    source_fact_containment: float = 0.0
    source_facts: int = 0
    #: Quoted passages of the query that the source does not quote, and the other way round:
    #: a rewrite keeps its source's quotes, an independent report chooses its own.
    query_own_quotes: int = 0
    source_own_quotes: int = 0
    headline_similarity: float = 1.0
    #: Narrative words of the query in sentences that keep a source sentence's wording, and
    #: the longest run of such sentences following the source one after another: copied
    #: text in absolute amounts (two page excerpts cut at different places share only part
    #: of their text, but that part is copied prose, which independent reports never share).
    copied_tokens: int = 0
    copied_run: int = 0
    #: Word 5-grams of narrative prose (body text outside quotation marks) the two texts
    #: share: their number, and their share of the shorter text's. Reporters share quotes,
    #: names and stock phrases, not runs of their own prose; a copy keeps those runs even
    #: when the two pages are excerpts cut at different places.
    shared_prose: int = 0
    shared_prose_share: float = 0.0
    #: Names or figures the query puts in place of the source's (set with the edits, after
    #: alignment: `edits.is_slot_swap`).
    slot_swaps: int = 0


def _lis(seq: list[int]) -> int:
    """Length of the longest non-decreasing subsequence (patience sorting); a repeated
    source sentence (a caption printed twice) does not break the order."""
    tails: list[int] = []
    for x in seq:
        k = bisect.bisect_right(tails, x)
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


def _names_numbers(p: PreparedText) -> frozenset[str]:
    """Names (capitalised words not opening a sentence) and numbers of the body."""
    out: set[str] = set()
    for sent in p.sentences:
        if sent.start < p.body_start:
            continue
        for n, t in enumerate(sent.tokens):
            low = t.lower
            named = n > 0 and t.is_capitalized and low not in STOPWORDS and len(low) > 1
            if t.is_number or named:
                out.add(low)
    return frozenset(out)


def _vocabulary(p: PreparedText) -> tuple[frozenset[str], tuple[str, ...]]:
    """Every lower-cased word of the text, and those that are no numbers (sorted)."""
    there = frozenset(t.lower for sent in p.sentences for t in sent.tokens)
    return there, tuple(sorted(x for x in there if not x[:1].isdigit()))


def _fact_containment(q: PreparedText, s: PreparedText) -> tuple[float, int]:
    """Share of the query's names and numbers that the source has too (a name may be
    misspelled, as spinners and transliteration do), and how many the query has.

    Two reports of different events told from the same template share wording but not
    these; a copy keeps them."""
    facts = derived(q, _names_numbers)
    if not facts:
        return 0.0, 0
    there, names = derived(s, _vocabulary)
    found = 0
    for f in facts:
        if f in there or (not f[:1].isdigit() and extractOne(
            f, names, scorer=Indel.normalized_similarity, score_cutoff=GARBLED_NAME
        ) is not None):
            found += 1
    return found / len(facts), len(facts)


def _facts(p: PreparedText) -> dict[str, float]:
    bag: dict[str, float] = {}
    for s in p.sentences:
        for k, w in s.bag.items():
            if w >= 1.2 and w > bag.get(k, 0.0):
                bag[k] = w
    return bag


def _monotone_matches(alignment: Alignment, nq: int, ns: int) -> float:
    """Sentences matched one to one, in order, over the whole documents: the heaviest chain
    of pairs increasing in both texts (sparse, O(P log n) with a max Fenwick tree). A pair
    counts by its similarity (full credit from SEQUENCE_FULL, nothing below SEQUENCE_MIN),
    so a loosely reworded sentence in its place still counts for part."""
    pairs = sorted(
        ((p.i, -p.j, min(1.0, p.dice / SEQUENCE_FULL)) for p in alignment.scores
         if p.dice >= SEQUENCE_MIN),
    )
    tree = [0.0] * (ns + 1)
    best = 0.0
    # pairs of one query sentence come with j descending, so no chain uses two of them
    for _, neg_j, w in pairs:
        j = -neg_j
        prefix, k = 0.0, j  # best chain ending at a source sentence before j
        while k > 0:
            prefix = max(prefix, tree[k])
            k -= k & -k
        value = prefix + w
        best = max(best, value)
        k = j + 1
        while k <= ns:
            if tree[k] < value:
                tree[k] = value
            k += k & -k
    return best


def _diagonal_sentences(p: PreparedText) -> dict[int, int]:
    """Sentence index -> rank among the body's sentences that are long enough to be evidence
    (the headline, short captions and credit lines are page furniture every report has)."""
    out: dict[int, int] = {}
    for k, sent in enumerate(p.sentences):
        if sent.start >= p.body_start and len(sent.tokens) >= MIN_NARRATIVE_TOKENS:
            out[k] = len(out)
    return out


def _diagonal_matches(q: PreparedText, s: PreparedText, alignment: Alignment
                      ) -> tuple[float, int]:
    """The heaviest chain of sentence pairs keeping each sentence in its place, as a share of
    the longer body, and its number of pairs.

    A pair (query rank i, source rank j) lies on diagonal i - j; the chain runs along one
    diagonal and may move to another at most `DIAGONAL_MAX_SHIFT` away (a sentence split,
    merged, added or dropped) at `DIAGONAL_SHIFT_COST` each time. A pair counts by its
    similarity as in `_monotone_matches`, judged outside quotation marks when either sentence
    quotes (outlets quote the same words in the order they were spoken). O(P log P)."""
    kq, ks = derived(q, _diagonal_sentences), derived(s, _diagonal_sentences)
    longest = max(len(kq), len(ks))
    if not longest:
        return 0.0, 0
    items: list[tuple[int, int, float]] = []
    for p in alignment.scores:
        if p.i not in kq or p.j not in ks:
            continue
        if p.dice < SEQUENCE_MIN:
            continue
        a, b = q.sentences[p.i], s.sentences[p.j]
        sim = pair_similarity(a, b, narrative=True) if any(a.quoted) or any(b.quoted) else p.dice
        if sim >= SEQUENCE_MIN:
            items.append((kq[p.i], ks[p.j], min(1.0, sim / SEQUENCE_FULL)))
    items.sort()
    # per diagonal: the query ranks of its chain ends so far, with the best (value, pairs)
    # of a chain ending there or earlier on it
    ends: dict[int, tuple[list[int], list[tuple[float, int]]]] = {}

    def best_before(d: int, last: int) -> tuple[float, int]:
        got = ends.get(d)
        if not got:
            return 0.0, 0
        k = bisect.bisect_right(got[0], last)
        return got[1][k - 1] if k else (0.0, 0)

    best: tuple[float, int] = (0.0, 0)
    pending: list[tuple[int, int, tuple[float, int]]] = []
    for n, (i, j, w) in enumerate(items):
        d = i - j
        prev = best_before(d, i - 1)
        for shift in range(-DIAGONAL_MAX_SHIFT, DIAGONAL_MAX_SHIFT + 1):
            if shift:
                # the predecessor (i', j') on diagonal d + shift needs i' < i and j' < j
                v, c = best_before(d + shift, min(i - 1, i + shift - 1))
                if v - DIAGONAL_SHIFT_COST > prev[0]:
                    prev = (v - DIAGONAL_SHIFT_COST, c)
        value = (prev[0] + w, prev[1] + 1)
        pending.append((d, i, value))
        best = max(best, value)
        if n + 1 == len(items) or items[n + 1][0] != i:
            # a chain takes at most one pair per query sentence: publish this row's ends only now
            for dd, ii, vv in pending:
                ranks, values = ends.setdefault(dd, ([], []))
                ranks.append(ii)
                values.append(max(vv, values[-1]) if values else vv)
            pending.clear()
    return best[0] / longest, best[1]


def _quoted_passages(p: PreparedText) -> tuple[frozenset[str], ...]:
    """The content words (match keys) of each run of quoted words in the body."""
    out: list[frozenset[str]] = []
    for sent in p.sentences:
        if sent.start < p.body_start:
            continue
        run: list[int] = []
        for k in [*range(len(sent.tokens)), -1]:
            if k >= 0 and sent.quoted[k]:
                run.append(k)
                continue
            if len(run) >= QUOTE_MIN_TOKENS:
                keys = [sent.keys[x] for x in run if sent.weights[x] > FUNCTION_WEIGHT]
                out.append(frozenset(keys or (sent.keys[x] for x in run)))
            run = []
    return tuple(out)


def _own_quotes(a: Sequence[frozenset[str]], b: Sequence[frozenset[str]]) -> int:
    """Quoted passages of `a` that no quoted passage of `b` holds (most of its content words)."""
    return sum(1 for x in a
               if not any(len(x & y) >= QUOTE_FOUND * len(x) for y in b))


def _sentence_share(p: PreparedText, chosen: set[int]) -> float:
    """Share of the body's characters in the `chosen` sentences."""
    body = [(k, x.end - x.start) for k, x in enumerate(p.sentences) if x.start >= p.body_start]
    total = sum(n for _, n in body)
    return sum(n for k, n in body if k in chosen) / total if total else 0.0


def _wording(q: PreparedText, s: PreparedText, i: int, j: int, summary: bool) -> float:
    """Share of words two sentences keep in the same order (LCS ratio of their tokens). A
    summary merges source sentences, so there a sentence is also compared with each of
    its source partner's neighbours joined to it, keeping the best."""
    a = q.sentences[i].keys
    best = Indel.normalized_similarity(a, s.sentences[j].keys)
    if summary:
        for lo, hi in ((j - 1, j), (j, j + 1)):
            if lo >= 0 and hi < len(s.sentences):
                joined = s.sentences[lo].keys + s.sentences[hi].keys
                best = max(best, Indel.normalized_similarity(a, joined))
    return best


def _narrative_sentences(p: PreparedText) -> dict[int, int]:
    """Sentence index -> rank among the text's narrative sentences (long enough, mostly
    outside quotation marks)."""
    out: dict[int, int] = {}
    for k, sent in enumerate(p.sentences):
        if len(sent.tokens) >= MIN_NARRATIVE_TOKENS and sum(sent.quoted) <= 0.2 * len(sent.quoted):
            out[k] = len(out)
    return out


def compute_signals(q: PreparedText, s: PreparedText, alignment: Alignment, gap: int) -> Signals:
    """The signals of one aligned pair of texts (`gap`: sentences allowed between neighbours)."""
    sig = Signals(summary_mode=alignment.summary_mode)
    ps = [ap.passage for ap in alignment.passages]
    sig.q_coverage = _coverage([(p.q_start, p.q_end) for p in ps], q.body_start, len(q.text))
    sig.s_coverage = _coverage([(p.s_start, p.s_end) for p in ps], s.body_start, len(s.text))
    sig.length_ratio = q.n_tokens / s.n_tokens if s.n_tokens else 0.0

    # Narrative sentences: long enough and (mostly) outside quotation marks. Only these
    # carry strong evidence; a shared quote and its attribution are what same-story
    # reporting shares too.
    nq = derived(q, _narrative_sentences)
    ns = derived(s, _narrative_sentences)
    best: dict[int, tuple[float, int, float]] = {}
    for ap in alignment.passages:
        for i, j, sim in ap.pairs:
            if i not in nq or j not in ns:
                if any(q.sentences[i].quoted) and pair_similarity(
                    q.sentences[i], s.sentences[j], narrative=True
                ) < QUOTE_ONLY_MAX:
                    sig.quote_only_pairs += 1
                continue
            if sim < NARRATIVE_MIN:
                continue
            if i not in best or sim > best[i][0]:
                best[i] = (sim, j, _wording(q, s, i, j, alignment.summary_mode))
    # positions among narrative sentences, so a quote between two copied sentences is no gap
    pairs = sorted((nq[i], ns[j], sim, wording) for i, (sim, j, wording) in best.items())
    sig.narrative_pairs = len(pairs)
    sig.in_order = _lis([j for _, j, _, _ in pairs])
    sig.mean_similarity = sum(x[2] for x in pairs) / len(pairs) if pairs else 0.0
    sig.mean_wording = sum(x[3] for x in pairs) / len(pairs) if pairs else 0.0
    max_step = gap if alignment.summary_mode else 2
    structural: set[int] = set()
    for (i1, j1, _, _), (i2, j2, _, _) in itertools.pairwise(pairs):
        if 1 <= i2 - i1 <= 2 and 1 <= j2 - j1 <= max_step:
            structural.update((i1, i2))
    by_rank = {r: i for i, r in nq.items()}
    weight = {i: q.sentences[i].total for i in nq}
    total = sum(weight.values())
    sig.structural_pairs = len(structural)
    sig.structural_share = sum(weight[by_rank[r]] for r in structural) / total if total else 0.0
    sig.query_sentences = len(nq)
    copied = [by_rank[i] for i, _, _, w in pairs if w >= COPIED_WORDING]
    sig.copied_pairs = len(copied)
    exact = [by_rank[i] for i, _, _, w in pairs if w >= VERBATIM_WORDING]
    sig.verbatim_pairs = len(exact)
    sig.verbatim_share = sum(weight[i] for i in exact) / total if total else 0.0
    sig.copied_share = sum(weight[i] for i in copied) / total if total else 0.0
    sig.copied_tokens = sum(len(q.sentences[i].tokens) for i in copied)
    sig.copied_run = _copied_run([(i, j) for i, j, _, w in pairs if w >= COPIED_WORDING])
    sig.paired_share = len(best) / len(nq) if nq else 0.0

    # containment by the sentences actually paired (passage spans overstate a summary's)
    q_paired = {i for ap in alignment.passages for i, _, _ in ap.pairs}
    s_paired = {j for ap in alignment.passages for _, j, _ in ap.pairs}
    sig.q_paired_coverage = _sentence_share(q, q_paired)
    sig.s_paired_coverage = _sentence_share(s, s_paired)
    ranges = sorted((ap.q_first, ap.s_first) for ap in alignment.passages)
    moved = sum(1 for a, b in itertools.pairwise(ranges) if b[1] < a[1])
    # moved sentences, judged on the body (a pickup's new headline may match anywhere)
    body = [j for i, j, _, _ in pairs if q.sentences[by_rank[i]].start >= q.body_start]
    sig.reordered = max(moved, len(body) - _lis(body))
    inside = sum(ap.s_last - ap.s_first + 1 for ap in alignment.passages)
    paired_s = sum(len({j for _, j, _ in ap.pairs}) for ap in alignment.passages)
    sig.source_skipped = (inside - paired_s) / inside if inside else 0.0
    sig.sequence_share = _monotone_matches(alignment, len(q.sentences), len(s.sentences)) / max(
        len(q.sentences), len(s.sentences), 1
    )

    sig.diagonal_share, sig.diagonal_pairs = _diagonal_matches(q, s, alignment)
    gq, gs = derived(q, _prose_grams), derived(s, _prose_grams)
    sig.shared_prose = len(gq & gs)
    sig.shared_prose_share = sig.shared_prose / max(1, min(len(gq), len(gs)))
    sig.fact_containment, sig.query_facts = _fact_containment(q, s)
    sig.source_fact_containment, sig.source_facts = _fact_containment(s, q)
    quotes_q, quotes_s = derived(q, _quoted_passages), derived(s, _quoted_passages)
    sig.query_own_quotes = _own_quotes(quotes_q, quotes_s)
    sig.source_own_quotes = _own_quotes(quotes_s, quotes_q)
    fq, fs = derived(q, _facts), derived(s, _facts)
    denom = sum(fq.values()) + sum(fs.values())
    sig.shared_facts = 2 * shared_weight(fq, fs) / denom if denom else 0.0
    if q.headline and s.headline:
        hq, hs = derived(q, _headline), derived(s, _headline)
        if hq.sentences and hs.sentences:
            sig.headline_similarity = pair_similarity(hq.sentences[0], hs.sentences[0])
    return sig


def _prose_grams(p: PreparedText) -> frozenset[tuple[str, ...]]:
    """The body's word PROSE_GRAM-grams that lie outside quotation marks (punctuation and a
    quote break a run)."""
    out: set[tuple[str, ...]] = set()
    for sent in p.sentences:
        if sent.start < p.body_start:
            continue
        run: list[str] = []
        for t, quoted in [*zip(sent.tokens, sent.quoted, strict=True), (None, True)]:
            if t is not None and not quoted and any(ch.isalnum() for ch in t.lower):
                run.append(t.lower)
                continue
            out.update(tuple(run[k:k + PROSE_GRAM]) for k in range(len(run) - PROSE_GRAM + 1))
            run = []
    return frozenset(out)


def _copied_run(pairs: list[tuple[int, int]]) -> int:
    """The longest chain of (query rank, source rank) pairs, sorted by query rank, in which
    each pair follows the previous one by one or two sentences in both texts."""
    best = run = 0
    prev: tuple[int, int] | None = None
    for i, j in pairs:
        run = run + 1 if prev and 1 <= i - prev[0] <= 2 and 1 <= j - prev[1] <= 2 else 1
        best, prev = max(best, run), (i, j)
    return best


def _headline(p: PreparedText) -> PreparedText:
    return prepare_text(p.headline)
