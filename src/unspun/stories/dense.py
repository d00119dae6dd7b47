"""Stories as dense groups of same-story links, not chains. Pure.

Same-story links join copy groups (each an original and its copies) into stories. Joining
every group reachable by such links chains unrelated events together: one Reuters earnings
item resembles the next, which resembles the next, until a thousand companies' results are
one "story". An event is a *dense* group instead: two groups merge only when most pairs of
their units are linked (average linkage), so a chain A-B-C-D with no other links stays
{A, B} and {C, D}, while a clique of reports of one event stays whole.

The merge is greedy and deterministic: links are taken in order of the neighbours their two
ends share (Jaccard of closed neighbourhoods, as structural clustering does), then strength,
then ids, and passes repeat until none merges; the result does not depend on input order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

#: Default share of unit pairs that must be linked for two groups to merge.
DENSITY = 0.5


def dense_groups(units: Sequence[str], links: Iterable[tuple[str, str, float]],
                 density: float = DENSITY) -> list[list[str]]:
    """`units` partitioned into groups; `links` are (unit, unit, strength).

    Two groups A and B merge when the unit pairs linked between them are at least
    `density` * |A| * |B|. With `density` 0 this is plain connectivity (every chain
    merges); with 1 every group is a clique. Units in no link stay alone. Groups come
    sorted (members sorted, groups by first member)."""
    if not 0.0 <= density <= 1.0:
        raise ValueError(f"density must be in [0, 1], got {density}")
    known = set(units)
    pairs: dict[tuple[str, str], float] = {}
    for a, b, w in links:
        if a == b or a not in known or b not in known:
            continue
        key = (a, b) if a < b else (b, a)
        pairs[key] = max(w, pairs.get(key, w))
    near: dict[str, set[str]] = {u: {u} for u in known}
    for a, b in pairs:
        near[a].add(b)
        near[b].add(a)

    def shared(k: tuple[str, str]) -> float:
        a, b = near[k[0]], near[k[1]]
        return len(a & b) / len(a | b)

    # links inside a tight group first: a bridge between two groups shares few neighbours,
    # so it is judged only once both groups have formed (and then fails the density test)
    order = sorted(pairs, key=lambda k: (-shared(k), -pairs[k], k))
    group: dict[str, str] = {u: u for u in known}  # unit -> its group's label
    members: dict[str, list[str]] = {u: [u] for u in known}
    between: dict[str, Counter[str]] = {u: Counter() for u in known}
    for a, b in order:
        between[a][b] += 1
        between[b][a] += 1
    merged = True
    while merged:
        merged = False
        for a, b in order:
            ga, gb = group[a], group[b]
            if ga == gb:
                continue
            if between[ga][gb] < density * len(members[ga]) * len(members[gb]):
                continue
            _merge(ga, gb, group, members, between)
            merged = True
    return sorted(sorted(m) for m in members.values())


def _merge(keep: str, gone: str, group: dict[str, str], members: dict[str, list[str]],
           between: dict[str, Counter[str]]) -> None:
    if keep > gone:
        keep, gone = gone, keep  # the label is the smallest unit: independent of order
    for u in members[gone]:
        group[u] = keep
    members[keep].extend(members.pop(gone))
    counts = between.pop(gone)
    del counts[keep]
    between[keep].pop(gone, None)
    for other, n in counts.items():
        between[keep][other] += n
        row = between[other]
        row[keep] += row.pop(gone)
