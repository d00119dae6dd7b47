"""Seeds, extension, filtering and merging: from sentence-pair scores to passage pairs.

The method follows the PAN text-alignment systems (Sanchez-Perez et al. 2014): similar
sentence pairs are seeds; seeds close to each other in *both* texts are chained into one
passage (order-preserving, so a passage can be diffed word by word); passages grow at
their ends over weaker neighbouring pairs; short and overlapping cases are filtered and
adjacent fragments merged, because a passage split in pieces is penalised by plagdet.
Copies reorder paragraphs and drop captions, so passages may appear in any order
relative to each other; only inside a passage is order kept. When the query is much
shorter than the source (a summary) the gap allowed between seeds widens.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from unspun.align.features import PreparedText
from unspun.align.similarity import PairScore, bag_similarity, score_pairs
from unspun.model import Passage
from unspun.options import AlignOptions

#: A pair inside a stronger passage's range survives only this similar (a moved paragraph).
MOVED_MIN = 0.85


@dataclass(slots=True)
class _Chain:
    pairs: list[tuple[int, int, float]] = field(default_factory=list)

    @property
    def last(self) -> tuple[int, int, float]:
        return self.pairs[-1]


@dataclass(slots=True, frozen=True)
class AlignedPassage:
    """A passage with the sentence ranges and sentence pairs behind it."""

    passage: Passage
    #: Sentence index ranges, inclusive: query [q_first, q_last], source [s_first, s_last].
    q_first: int
    q_last: int
    s_first: int
    s_last: int
    #: The sentence pairs (query i, source j, similarity) that seeded or extended it.
    pairs: tuple[tuple[int, int, float], ...]


@dataclass(slots=True, frozen=True)
class Alignment:
    """The full result of aligning a query with a source."""

    passages: tuple[AlignedPassage, ...]
    #: Every scored sentence pair (sparse), for evidence beyond the passages.
    scores: tuple[PairScore, ...]
    summary_mode: bool


def effective_score(p: PairScore, summary: bool) -> float:
    """Seed score: Dice, or in summary mode also how much of the query sentence is covered."""
    return max(p.dice, 0.8 * p.containment) if summary else p.dice


def _verbatim_seeds(
    q: PreparedText, s: PreparedText, min_tokens: int
) -> dict[tuple[int, int], float]:
    """Sentence pairs joined by an exact run of at least `min_tokens` tokens (fast path)."""
    out: dict[tuple[int, int], float] = {}
    if not q.flat_keys or not s.flat_keys:
        return out
    for op in Indel.opcodes(list(q.flat_keys), list(s.flat_keys)):
        if op.tag != "equal" or op.src_end - op.src_start < min_tokens:
            continue
        for k in range(op.src_end - op.src_start):
            i = q.token_sentence[op.src_start + k]
            j = s.token_sentence[op.dest_start + k]
            out[(i, j)] = out.get((i, j), 0) + 1
    # a pair counts as verbatim-seeded when the run covers most of the smaller sentence
    seeds: dict[tuple[int, int], float] = {}
    for (i, j), n in out.items():
        size = min(len(q.sentences[i].tokens), len(s.sentences[j].tokens))
        # a run that only grazes a sentence (one word of a split sentence) is no seed
        if n >= min(min_tokens, max(4, size)) and n >= 0.6 * size:
            seeds[(i, j)] = min(1.0, n / max(len(q.sentences[i].tokens), 1))
    return seeds


def _chain(seeds: list[tuple[int, int, float]], gap: int) -> list[_Chain]:
    """Chain seeds into order-preserving groups whose members are near in both texts."""
    chains: list[_Chain] = []
    active: list[_Chain] = []  # chains whose last seed is near enough to be extended
    for i, j, sim in sorted(seeds):
        active = [c for c in active if i - c.last[0] <= gap + 1]
        best: _Chain | None = None
        best_cost = 0
        for c in active:
            li, lj, _ = c.last
            di, dj = i - li, j - lj
            if di < 0 or di > gap + 1 or dj < 0 or dj > gap + 1 or (di == 0 and dj == 0):
                continue
            cost = di + dj
            if best is None or cost < best_cost:
                best, best_cost = c, cost
        if best is None:
            chains.append(_Chain([(i, j, sim)]))
            active.append(chains[-1])
        else:
            best.pairs.append((i, j, sim))
    return chains


def _bag(p: PreparedText, first: int, last: int) -> dict[str, float]:
    bag: dict[str, float] = {}
    for sent in p.sentences[first : last + 1]:
        for k, w in sent.bag.items():
            if w > bag.get(k, 0.0):
                bag[k] = w
    return bag


def _make(
    q: PreparedText, s: PreparedText, pairs: list[tuple[int, int, float]], threshold: float
) -> AlignedPassage:
    qi = [p[0] for p in pairs]
    sj = [p[1] for p in pairs]
    qf, ql, sf, sl = min(qi), max(qi), min(sj), max(sj)
    sim = bag_similarity(_bag(q, qf, ql), _bag(s, sf, sl), threshold)
    passage = Passage(
        q.sentences[qf].start, q.sentences[ql].end, s.sentences[sf].start, s.sentences[sl].end, sim
    )
    return AlignedPassage(passage, qf, ql, sf, sl, tuple(sorted(pairs)))


def align_detail(q: PreparedText, s: PreparedText, options: AlignOptions) -> Alignment:
    """Align two prepared texts: seeds -> chains -> extension -> filtering -> merging."""
    scores = score_pairs(q, s, options.fuzzy_threshold)
    summary = bool(s.n_tokens) and q.n_tokens <= options.summary_ratio * s.n_tokens
    gap = options.summary_gap if summary else options.max_gap
    lookup = {(p.i, p.j): effective_score(p, summary) for p in scores}

    by_query: dict[int, list[tuple[float, int]]] = {}
    for p in scores:
        e = lookup[(p.i, p.j)]
        if e >= options.seed_threshold:
            by_query.setdefault(p.i, []).append((e, p.j))
    for (i, j), v in _verbatim_seeds(q, s, options.verbatim_min_tokens).items():
        if lookup.get((i, j), 0.0) < options.seed_threshold:
            by_query.setdefault(i, []).append((max(v, options.seed_threshold), j))
            lookup[(i, j)] = max(lookup.get((i, j), 0.0), v, options.seed_threshold)
    seeds: list[tuple[int, int, float]] = []
    for i, partners in by_query.items():
        partners.sort(key=lambda x: (-x[0], x[1]))
        # a second partner only when nearly as good (a duplicated caption, a merged sentence)
        floor = 0.8 * partners[0][0]
        seeds.extend((i, j, e) for e, j in partners[: options.max_partners] if e >= floor)

    chains = _chain(seeds, gap)
    chains = [_extend(c, lookup, len(q.sentences), len(s.sentences), options) for c in chains]
    passages = [_make(q, s, c.pairs, options.fuzzy_threshold) for c in chains]
    passages = [p for p in passages if _keep(q, p, options)]
    passages = _resolve_overlaps(q, s, passages, options)
    passages = _merge(q, s, passages, gap, options)
    passages.sort(key=lambda p: (p.q_first, p.s_first))
    return Alignment(tuple(passages), tuple(scores), summary)


def _extend(
    c: _Chain, lookup: dict[tuple[int, int], float], nq: int, ns: int, options: AlignOptions
) -> _Chain:
    """Grow a chain at both ends over neighbouring pairs that are similar enough."""
    pairs = list(c.pairs)
    for step in (-1, 1):
        while True:
            i, j, _ = pairs[0] if step < 0 else pairs[-1]
            best = (0.0, 0, 0)
            for a in (1, 2):  # one sentence may be skipped on either side (a caption, a split)
                for b in (1, 2):
                    ni, nj = i + step * a, j + step * b
                    if 0 <= ni < nq and 0 <= nj < ns:
                        best = max(best, (lookup.get((ni, nj), 0.0), ni, nj))
            if best[0] < options.extend_threshold:
                break
            if step < 0:
                pairs.insert(0, (best[1], best[2], best[0]))
            else:
                pairs.append((best[1], best[2], best[0]))
    return _Chain(pairs)


def _keep(q: PreparedText, p: AlignedPassage, options: AlignOptions) -> bool:
    """Filter short cases: a lone short sentence pair is coincidence unless near-verbatim."""
    n = sum(len(q.sentences[k].tokens) for k in range(p.q_first, p.q_last + 1))
    if n >= options.min_passage_tokens and (len(p.pairs) > 1 or p.passage.similarity >= 0.45):
        return True
    return p.passage.similarity >= 0.9 and n >= 3


def _resolve_overlaps(
    q: PreparedText, s: PreparedText, passages: list[AlignedPassage], options: AlignOptions
) -> list[AlignedPassage]:
    """A query sentence belongs to one passage: the strongest keeps it, others are trimmed.

    A weaker passage may still claim an unpaired sentence inside a stronger one's range
    when the pair is strong (a paragraph moved into the middle of the copy); the stronger
    passage is then split around it, so passages never overlap in the query.
    """
    order = sorted(
        passages,
        key=lambda p: (-(p.passage.similarity * len(p.pairs)), p.q_first, p.s_first),
    )
    claimed: set[int] = set()
    kept: list[AlignedPassage] = []
    for p in order:
        pairs = [
            x for x in p.pairs
            if x[0] not in claimed and (x[2] >= MOVED_MIN or not _inside_any(x[0], kept))
        ]
        if not pairs:
            continue
        if len(pairs) != len(p.pairs):
            p = _make(q, s, pairs, options.fuzzy_threshold)
            if not _keep(q, p, options):
                continue
        claimed.update(x[0] for x in p.pairs)
        kept.append(p)
    out: list[AlignedPassage] = []
    for p in kept:
        own = {x[0] for x in p.pairs}
        cuts = sorted(k for k in claimed - own if p.q_first < k < p.q_last)
        if not cuts:
            out.append(p)
            continue
        for lo, hi in zip([-1, *cuts], [*cuts, len(q.sentences)], strict=True):
            group = [x for x in p.pairs if lo < x[0] < hi]
            if group:
                piece = _make(q, s, group, options.fuzzy_threshold)
                if _keep(q, piece, options):
                    out.append(piece)
    return out


def _inside_any(i: int, passages: list[AlignedPassage]) -> bool:
    return any(p.q_first <= i <= p.q_last for p in passages)


def _merge(
    q: PreparedText,
    s: PreparedText,
    passages: list[AlignedPassage],
    gap: int,
    options: AlignOptions,
) -> list[AlignedPassage]:
    """Join passages that follow each other in both texts (fewer fragments, better granularity)."""
    ps = sorted(passages, key=lambda p: (p.q_first, p.s_first))
    out: list[AlignedPassage] = []
    for p in ps:
        if out:
            prev = out[-1]
            dq = p.q_first - prev.q_last
            ds = p.s_first - prev.s_last
            if 0 < dq <= gap + 1 and 0 < ds <= gap + 1:
                out[-1] = _make(q, s, list(prev.pairs) + list(p.pairs), options.fuzzy_threshold)
                continue
        out.append(p)
    return out
