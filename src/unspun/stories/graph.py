"""Deterministic ids for groups of articles (the union-find that forms the groups is
`unspun.unionfind.UnionFind`)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def group_id(member_ids: Iterable[str], prefix: str = "s") -> str:
    """`prefix` + 16 hex digits of sha256 over the sorted member ids: the same members give
    the same id in any run and any engine."""
    h = hashlib.sha256("\n".join(sorted(member_ids)).encode("utf-8"))
    return prefix + h.hexdigest()[:16]
