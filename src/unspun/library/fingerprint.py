"""Per-article fingerprints: LSH band keys of the word-shingle MinHash, and distinctive terms.

Pure functions: the same articles and params always give the same fingerprints, in any
process (the library relies on that to remove rows and to check its own consistency).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from unspun.library.lsh import band_keys
from unspun.library.minhash import FingerprintParams, shingle_hashes, signatures
from unspun.model import Article
from unspun.retrieve.terms import Term, article_terms, fast_words
from unspun.text.names import text_names


@dataclass(slots=True, frozen=True)
class Fingerprint:
    """What the library indexes for one article."""

    keys: tuple[int, ...]
    terms: tuple[Term, ...]

    @property
    def terms_text(self) -> str:
        """The space-separated term list stored in the FTS index."""
        return " ".join(t.text for t in self.terms)


#: What the store writes for one article besides the article itself: its band keys, its
#: terms text and its names (the names index, `library.names`).
IndexEntry = tuple[tuple[int, ...], str, frozenset[str]]


def fingerprints(articles: Sequence[Article], params: FingerprintParams) -> list[Fingerprint]:
    """Fingerprints of many articles (batched: one signature call for all of them)."""
    p = params.resolved()
    word_lists = [fast_words(a.text) for a in articles]
    rows = [shingle_hashes(ws, p.shingle) for ws in word_lists]
    sigs = signatures(rows, p)
    keys = band_keys(sigs, p.bands, p.rows) if len(articles) else None
    out: list[Fingerprint] = []
    for i, a in enumerate(articles):
        assert keys is not None
        # An article without words would share the all-max signature with every other one.
        k = tuple(keys[i].tolist()) if len(rows[i]) else ()
        out.append(Fingerprint(k, tuple(article_terms(a, word_lists[i]))))
    return out


def index_entries(articles: Sequence[Article], params: FingerprintParams) -> list[IndexEntry]:
    """What the store writes for each article (fingerprints and names): made once per
    article, by `unspun add`'s workers or by the store itself."""
    return [(f.keys, f.terms_text, text_names(a.text))
            for a, f in zip(articles, fingerprints(articles, params), strict=True)]


def fingerprint(article: Article, params: FingerprintParams) -> Fingerprint:
    """Fingerprint of one article."""
    return fingerprints([article], params)[0]


class FingerprintCache:
    """Fingerprints made ahead (by `unspun add`'s workers) for articles on their way to the
    store. Only a cache: fingerprints are pure, so the store makes any it does not find here
    and gets the same rows. An entry serves only the very object it was made for (an article
    rebuilt on the way, its site's furniture stripped, is fingerprinted again). Bounded: the
    oldest entries go first."""

    def __init__(self, limit: int = 20_000) -> None:
        self._kept: OrderedDict[str, tuple[Article, IndexEntry]] = OrderedDict()
        self._limit = limit

    def __len__(self) -> int:
        return len(self._kept)

    def put(self, article: Article, entry: IndexEntry) -> None:
        self._kept[article.id] = (article, entry)
        while len(self._kept) > self._limit:
            self._kept.popitem(last=False)

    def take(self, article: Article) -> IndexEntry | None:
        """The fingerprint made for this very object (and forget it); None if there is none."""
        got = self._kept.pop(article.id, None)
        return got[1] if got is not None and got[0] is article else None
