"""The package's one union-find (`unspun.unionfind`) on int keys, as the candidate graph of
story building uses it: sets, roots, key order."""

from __future__ import annotations

from unspun.unionfind import UnionFind


def test_int_keys_sets_roots_and_order() -> None:
    uf: UnionFind[int] = UnionFind([5, 3])
    for k in (9, 1, 3):
        uf.add(k)  # adding twice keeps one key
    uf.union(9, 5)
    uf.union(1, 9)  # {1} joins the larger set {5, 9}: the larger set's root stays on top
    assert uf.find(1) == uf.find(5) == uf.find(9) != uf.find(3)
    assert uf.find(1) in (5, 9)
    uf.union(5, 1)  # already one set: no change
    assert list(uf) == [5, 3, 9, 1]
    assert uf.groups() == [[1, 5, 9], [3]]
