"""Passage alignment: which parts of a query come from which parts of a source.

`align(query, source)` returns `Passage` pairs with character offsets into both
articles' normalised text. For one query against many candidates, `prepare` each
article once and call `align_prepared`.
"""

from __future__ import annotations

from unspun.align.features import PreparedText, prepare, prepare_text
from unspun.align.passages import AlignedPassage, Alignment, align_detail
from unspun.model import Article, Passage
from unspun.options import AlignOptions

__all__ = [
    "AlignedPassage",
    "Alignment",
    "PreparedText",
    "align",
    "align_detail",
    "align_prepared",
    "prepare",
    "prepare_text",
]


def align_prepared(
    query: PreparedText, source: PreparedText, options: AlignOptions = AlignOptions()
) -> list[Passage]:
    """Passage pairs between two prepared texts, in query order."""
    return [p.passage for p in align_detail(query, source, options).passages]


def align(query: Article, source: Article, options: AlignOptions = AlignOptions()) -> list[Passage]:
    """Passage pairs between `query` and `source`, offsets into each one's `text`."""
    return align_prepared(prepare(query), prepare(source), options)
