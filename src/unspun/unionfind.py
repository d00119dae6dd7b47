"""Union-find (disjoint sets) over hashable, ordered keys: article ids or doc numbers.

A neutral module with no imports from the package, so light users (the eval metrics) and
heavy ones (story building) share one implementation without pulling in each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, TypeVar

#: Keys: article ids, or doc numbers (the candidate graph of `StoryState.grouped_pairs`).
K = TypeVar("K", str, int)


class UnionFind(Generic[K]):
    """Disjoint sets of keys (path halving, union by size).

    `find` and `union` need keys already added (`add`, or the constructor); a set's root
    is whichever key union by size left on top, not its smallest key (see `groups`).
    """

    __slots__ = ("_parent", "_size")

    def __init__(self, keys: Iterable[K] = ()) -> None:
        self._parent: dict[K, K] = {}
        self._size: dict[K, int] = {}
        for k in keys:
            self.add(k)

    def add(self, key: K) -> None:
        if key not in self._parent:
            self._parent[key] = key
            self._size[key] = 1

    def __iter__(self) -> Iterator[K]:
        """Every key, in the order first added."""
        return iter(self._parent)

    def find(self, key: K) -> K:
        parent = self._parent
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(self, a: K, b: K) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self._size[ra] < self._size[rb]:
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._size[ra] += self._size[rb]

    def groups(self) -> list[list[K]]:
        """Every set as a sorted list; the sets ordered by their smallest key."""
        out: dict[K, list[K]] = {}
        for k in self._parent:
            out.setdefault(self.find(k), []).append(k)
        return sorted((sorted(g) for g in out.values()), key=lambda g: g[0])
