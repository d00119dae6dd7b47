"""Accuracy measures for labelled clusters, as pure functions over plain values.

Conventions (every function follows them, tests pin them):

- A measure over an empty population is `None` (JSON `null`): "not measured", never a
  flattering 0 or 1. The one exception is the PAN-style pair convention for edit typing
  (`prf`): no true and no predicted edits of a type gives precision = recall = None too.
- Ranks are 1-based; `None` means "not among the candidates" (it counts 0 in MRR and
  fails every recall@k).
- Ties are resolved pessimistically: when candidates share the target's ranking key,
  the target is ranked after all of them (a system cannot gain from an arbitrary sort).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from unspun.unionfind import UnionFind

K = TypeVar("K", bound=Hashable)


# ---- retrieval ---------------------------------------------------------------------------


def rank_of(
    target: str, ranking: Sequence[str], keys: Sequence[object] | None = None
) -> int | None:
    """1-based rank of `target` in `ranking` (best first), or None when absent.

    `keys` (same length as `ranking`, ascending = better) marks ties: the target's rank
    is then the position of the LAST candidate whose key equals the target's.
    """
    if target not in ranking:
        return None
    pos = ranking.index(target)
    if keys is None:
        return pos + 1
    if len(keys) != len(ranking):
        raise ValueError("keys and ranking differ in length")
    mine = keys[pos]
    ahead = sum(1 for i, k in enumerate(keys) if i != pos and (k == mine or i < pos))
    return ahead + 1


def recall_at(ranks: Sequence[int | None], k: int) -> float | None:
    """Share of queries whose target is at rank <= k (None ranks count as misses)."""
    if not ranks:
        return None
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks)


def mrr(ranks: Sequence[int | None]) -> float | None:
    """Mean reciprocal rank (an absent target contributes 0)."""
    if not ranks:
        return None
    return sum(1.0 / r for r in ranks if r is not None) / len(ranks)


def share(flags: Sequence[bool]) -> float | None:
    """Share of true flags (e.g. distractors reported as copies)."""
    if not flags:
        return None
    return sum(1 for f in flags if f) / len(flags)


def kind_accuracy(pairs: Iterable[tuple[str | None, str | None]]) -> float | None:
    """Share of (predicted, true) pairs that agree, over pairs whose true kind is labelled.

    A missing prediction (None) counts as wrong; unlabelled truths (None) are skipped.
    """
    labelled = [(p, t) for p, t in pairs if t is not None]
    if not labelled:
        return None
    return sum(1 for p, t in labelled if p == t) / len(labelled)


def group_by(items: Iterable[tuple[K, object]]) -> dict[K, list[object]]:
    """(key, item) pairs -> key -> items, keys in first-seen order."""
    out: dict[K, list[object]] = defaultdict(list)
    for key, item in items:
        out[key].append(item)
    return dict(out)


# ---- story clustering --------------------------------------------------------------------


def component_labels(nodes: Iterable[str], links: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Each node's connected component in an undirected graph (union-find), labelled by
    the component's smallest node; isolated nodes and link ends included, in first-seen
    order."""
    uf: UnionFind[str] = UnionFind(nodes)
    for a, b in links:
        uf.add(a)
        uf.add(b)
        uf.union(a, b)
    # The union-find's roots follow set sizes; the label is the smallest member.
    smallest = {m: group[0] for group in uf.groups() for m in group}
    return {n: smallest[n] for n in uf}


def components(nodes: Iterable[str], links: Iterable[tuple[str, str]]) -> list[set[str]]:
    """Connected components of an undirected graph (union-find); isolated nodes included."""
    comps: dict[str, set[str]] = defaultdict(set)
    for n, label in component_labels(nodes, links).items():
        comps[label].add(n)
    return sorted(comps.values(), key=lambda c: min(c))


@dataclass(slots=True, frozen=True)
class LinkScores:
    precision: float | None
    recall: float | None
    true_pairs: int
    predicted_pairs: int


def pair_scores(true_group: Mapping[str, Hashable], predicted_group: Mapping[str, Hashable]
                ) -> LinkScores:
    """Pairwise precision/recall of a predicted grouping against a true one.

    A pair is two items with one group label; an item without a label (or missing from
    one mapping) is alone there. Counted from group sizes, never listed, so memory is
    linear in the items however large a predicted group is. Precision is None with no
    predicted pair, recall None with no true pair.
    """
    both = Counter((true_group[i], predicted_group[i]) for i in true_group
                   if i in predicted_group)
    truth = sum(math.comb(n, 2) for n in Counter(true_group.values()).values())
    predicted = sum(math.comb(n, 2) for n in Counter(predicted_group.values()).values())
    hit = sum(math.comb(n, 2) for n in both.values())
    return LinkScores(
        precision=hit / predicted if predicted else None,
        recall=hit / truth if truth else None,
        true_pairs=truth,
        predicted_pairs=predicted,
    )


def link_scores(
    true_families: Iterable[Iterable[str]], predicted_links: Iterable[tuple[str, str]]
) -> LinkScores:
    """Pairwise precision/recall of copy links (`pair_scores` of families vs components).

    Truth: every unordered pair inside one copy family (an original and its copies: they
    share text; an article named in two families counts in the first). Prediction: every
    pair inside one connected component of the predicted copy links, so "B copied from A,
    A from O" counts O-B as found; which member a copy is linked to does not matter,
    linking a distractor to a family does (false pairs).
    """
    family: dict[str, int] = {}
    for k, members in enumerate(true_families):
        for m in members:
            family.setdefault(m, k)
    links = list(predicted_links)
    return pair_scores(family, component_labels((n for link in links for n in link), links))


def _comb2(n: int) -> float:
    return n * (n - 1) / 2.0


def adjusted_rand_index(
    truth: Mapping[str, Hashable], predicted: Mapping[str, Hashable]
) -> float | None:
    """Adjusted Rand index (Hubert & Arabie 1985) of two labellings of the same items.

    Items missing from `predicted` are singletons. None for fewer than two items. When both
    labellings are trivial in the same way (all singletons / one cluster) the index is 1.0
    (as scikit-learn returns).
    """
    items = list(truth)
    n = len(items)
    if n < 2:
        return None
    pred = {i: predicted.get(i, ("__singleton__", i)) for i in items}
    contingency = Counter((truth[i], pred[i]) for i in items)
    a = Counter(truth[i] for i in items)
    b = Counter(pred[i] for i in items)
    sum_ij = sum(_comb2(v) for v in contingency.values())
    sum_a = sum(_comb2(v) for v in a.values())
    sum_b = sum(_comb2(v) for v in b.values())
    total = _comb2(n)
    expected = sum_a * sum_b / total
    max_index = (sum_a + sum_b) / 2.0
    if math.isclose(max_index, expected):
        return 1.0
    return (sum_ij - expected) / (max_index - expected)


def original_identified(original: str, copies: Sequence[str], roles: Mapping[str, str],
                        story_of: Mapping[str, Hashable], group_of: Mapping[str, Hashable]
                        ) -> bool:
    """The cluster's original is marked `original`; at least one of its copies is in its
    predicted copy group (`group_of`), so the claim rests on a found link (an original left
    alone is not identified: marking every article an original must not score); and no
    copy put in the same predicted story is marked `original` too."""
    if roles.get(original) != "original":
        return False
    group = group_of.get(original)
    if group is None or not any(group_of.get(c) == group for c in copies):
        return False
    story = story_of.get(original)
    return not any(
        roles.get(c) == "original" and story is not None and story_of.get(c) == story
        for c in copies
    )


# ---- edit typing -------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class Span:
    """One typed edit on the copy side: `copy.text[start:end]`."""

    type: str
    start: int
    end: int


def spans_overlap(a: Span, b: Span) -> bool:
    """Half-open spans intersect; an empty span (insertion point) overlaps a span that
    contains or touches it."""
    if a.start == a.end or b.start == b.end:
        return max(a.start, b.start) <= min(a.end, b.end)
    return max(a.start, b.start) < min(a.end, b.end)


def match_edits(true: Sequence[Span], predicted: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one matches (true index, predicted index): same type, overlapping spans.

    Greedy by overlap length (largest first, then position), so each edit is used once.
    """
    options: list[tuple[int, int, int]] = []
    for i, t in enumerate(true):
        for j, p in enumerate(predicted):
            if t.type == p.type and spans_overlap(t, p):
                overlap = min(t.end, p.end) - max(t.start, p.start)
                options.append((-overlap, i, j))
    options.sort()
    used_t: set[int] = set()
    used_p: set[int] = set()
    out: list[tuple[int, int]] = []
    for _, i, j in options:
        if i not in used_t and j not in used_p:
            used_t.add(i)
            used_p.add(j)
            out.append((i, j))
    return sorted(out)


@dataclass(slots=True)
class EditCounts:
    """Per edit type: true edits, predicted edits, matches."""

    true: int = 0
    predicted: int = 0
    matched: int = 0


def count_edits(
    true: Sequence[Span], predicted: Sequence[Span], types: Sequence[str],
    into: dict[str, EditCounts] | None = None,
) -> dict[str, EditCounts]:
    """Add one copy's true and predicted edits (of `types` only) to per-type counts."""
    out = into if into is not None else {}
    t = [s for s in true if s.type in types]
    p = [s for s in predicted if s.type in types]
    for ty in types:
        out.setdefault(ty, EditCounts())
    for s in t:
        out[s.type].true += 1
    for s in p:
        out[s.type].predicted += 1
    for i, _ in match_edits(t, p):
        out[t[i].type].matched += 1
    return out


def prf(counts: EditCounts) -> tuple[float | None, float | None, float | None]:
    """(precision, recall, F1); None where the denominator is empty. F1 needs both."""
    p = counts.matched / counts.predicted if counts.predicted else None
    r = counts.matched / counts.true if counts.true else None
    f = None if p is None or r is None else 0.0 if p + r == 0 else 2 * p * r / (p + r)
    return p, r, f
