"""Cheap containment measures between a query and one candidate, for re-scoring.

All measures are shares of one side that the other side contains:

* `coverage`: share of the query's content words (stemmed) that are *anchored* in the
  candidate: the word occurs there and forms, with the previous or next content word of the
  query, a content-word bigram that the candidate also has. A spinner that swaps 30% of
  content words leaves about 60% of them anchored; two unrelated articles anchor few. This
  is the `coverage` a Candidate reports (alignment later measures it exactly).
* `trigram`: share of the query's word 3-grams (all words) present in the candidate:
  high only for verbatim or lightly edited copies.
* `reverse`: the candidate's coverage by the query: how much of the candidate the query
  accounts for; breaks ties between near-identical candidates (a wire story and its longer
  re-send) in favour of the one that matches the query most tightly.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from operator import or_

from unspun.retrieve.terms import content_stem, fast_words, stem_cache


@dataclass(slots=True, frozen=True)
class TextProfile:
    """What the containment measures need from one text."""

    content: tuple[str, ...]
    content_set: frozenset[str]
    #: The content-word bigrams in text order, and as a set.
    bigram_seq: tuple[tuple[str, str], ...]
    bigrams: frozenset[tuple[str, str]]
    trigrams: frozenset[tuple[str, str, str]]


#: Profiles kept per process: in a whole-library search each article is a candidate of its
#: neighbours' searches, which (added in time order, as copies follow their source) come
#: close together. A profile is tens of kilobytes.
PROFILES_KEPT = 1024


@lru_cache(maxsize=PROFILES_KEPT)
def profile(text: str) -> TextProfile:
    """The containment profile of `text` (pure; kept for the last `PROFILES_KEPT` texts)."""
    ws = fast_words(text)
    known = stem_cache().get
    stems = [known(w) for w in ws]  # a dict lookup per word: this runs for every candidate
    if None in stems:
        stems = [s if s is not None else content_stem(w) for s, w in zip(stems, ws, strict=True)]
    content = tuple(s for s in stems if s)
    seq = tuple(pairwise(content))
    return TextProfile(
        content=content,
        content_set=frozenset(content),
        bigram_seq=seq,
        bigrams=frozenset(seq),
        trigrams=frozenset(zip(ws, ws[1:], ws[2:], strict=False)),
    )


def anchored_share(a: TextProfile, b: TextProfile) -> float:
    """Share of `a`'s content words anchored in `b` (see module docstring)."""
    n = len(a.content)
    if not n:
        return 0.0
    # A bigram of `b` holds both its words, so a word is anchored exactly when the bigram
    # before it or the one after it is one of `b`'s: flags over `a`'s bigrams, shifted.
    flags: list[bool] = list(map(b.bigrams.__contains__, a.bigram_seq))
    hits: int = sum(map(or_, [False, *flags], [*flags, False]))
    return hits / n


def trigram_share(a: TextProfile, b: TextProfile) -> float:
    """Share of `a`'s distinct word 3-grams present in `b`."""
    if not a.trigrams:
        return 0.0
    return len(a.trigrams & b.trigrams) / len(a.trigrams)


@dataclass(slots=True, frozen=True)
class Containment:
    coverage: float
    trigram: float
    reverse: float


def containment(query: TextProfile, candidate: TextProfile) -> Containment:
    return Containment(
        coverage=anchored_share(query, candidate),
        trigram=trigram_share(query, candidate),
        reverse=anchored_share(candidate, query),
    )
