"""Term postings kept between the searches of one library, and their scoring.

A whole-library run searches every article with its distinctive terms, so a term found in
1,500 articles is asked for 1,500 times; reading its postings from FTS5 each time (about a
microsecond a row) was most of the search. `PostingsCache` keeps the postings of such
terms, bounded, while the library stays as it was; `rank_postings` scores them in numpy.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from unspun.library.termrank import IDF_UNITS, idf_units

#: Only terms in at least this many articles are kept: rarer ones are cheap to read again.
KEEP_MIN_DF = 16
#: At most this many postings (8 bytes each) are kept; the least recently used go first.
KEEP_POSTINGS = 4_000_000

Docs = npt.NDArray[np.int64]


@dataclass(slots=True)
class PostingsCache:
    """Postings and over-cap terms of one library state (size, cap, change counters): a
    new state empties it, so nothing stale is ever used."""

    state: tuple[int, ...] = ()
    #: Terms found in more articles than the cap allows, with their doc counts (counted up
    #: to `hard_cap` + 1).
    common: dict[str, int] = field(default_factory=dict)
    kept: OrderedDict[str, Docs] = field(default_factory=OrderedDict)
    size: int = 0
    max_size: int = KEEP_POSTINGS
    min_df: int = KEEP_MIN_DF

    def use_state(self, state: tuple[int, ...]) -> None:
        """Start over unless `state` is the one the cache holds."""
        if state != self.state:
            self.state = state
            self.common = {}
            self.kept = OrderedDict()
            self.size = 0

    def get(self, term: str) -> Docs | None:
        docs = self.kept.get(term)
        if docs is not None:
            self.kept.move_to_end(term)
        return docs

    def put(self, term: str, docs: Docs) -> None:
        if len(docs) < self.min_df or len(docs) > self.max_size or term in self.kept:
            return
        self.kept[term] = docs
        self.size += len(docs)
        while self.size > self.max_size:
            _, old = self.kept.popitem(last=False)
            self.size -= len(old)


def rank_postings(postings: Sequence[tuple[Docs, float]], limit: int
                  ) -> list[tuple[int, float]]:
    """(doc, summed weight) of the `limit` docs with the highest sums, ties to the lower doc.

    Each posting list holds a doc at most once. Weights are summed in fixed point
    (`idf_units`), so a sum does not depend on the order of the lists: the Spark engine
    gets the same sums, and so the same ranking."""
    postings = [(d, w) for d, w in postings if len(d)]
    if not postings or limit <= 0:
        return []
    # sort + mask, not np.unique: numpy 2's hash-based unique is ~10x slower on these sizes
    docs = np.sort(np.concatenate([d for d, _ in postings]))
    docs = docs[np.concatenate(([True], docs[1:] != docs[:-1]))]
    units = np.zeros(len(docs), dtype=np.int64)
    for d, w in postings:
        units[np.searchsorted(docs, d)] += idf_units(w)
    order = np.lexsort((docs, -units))[:limit]
    return [(int(docs[k]), int(units[k]) / IDF_UNITS) for k in order]
