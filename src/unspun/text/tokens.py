"""Word tokens with character offsets, and the helpers every stage shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Words keep inner apostrophes and hyphens ("don't", "well-trained"); numbers keep
# their separators ("300,000", "4.5") so a changed amount is one token.
_WORD = re.compile(r"\d+(?:[.,:]\d+)*%?|\w+(?:['\u2019\-]\w+)*", re.UNICODE)
#: The token pattern, for readers that keep only some tokens (no Token made for the rest).
WORD = _WORD


@dataclass(slots=True)
class Token:
    """One word or number of a text with its character span. Treated as immutable (never
    assigned after `tokenize` makes it) but not `frozen`: a frozen dataclass is built
    through `object.__setattr__`, 3.5x slower, and making tokens was the largest single
    cost in a profile of verification (`bench/bench_verify.py`)."""

    text: str
    start: int
    end: int
    #: `text` lower-cased, made once by `tokenize` (every stage compares lower-cased words).
    lower: str

    @property
    def is_number(self) -> bool:
        return self.text[:1].isdigit()

    @property
    def is_capitalized(self) -> bool:
        return self.text[:1].isupper()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """All word and number tokens of `text`, offsets shifted by `offset`."""
    return [Token(w, m.start() + offset, m.end() + offset, w.lower())
            for m in _WORD.finditer(text) for w in (m.group(),)]


@lru_cache(maxsize=16)
def text_tokens(text: str) -> tuple[Token, ...]:
    """`tokenize(text)` as a tuple, kept for the last few texts: the page-alone checks
    (`unspun.inspection`) each read every token of the same page."""
    return tuple(tokenize(text))


def words(text: str) -> list[str]:
    """Lower-cased word tokens (no offsets), for fingerprints and bags of words."""
    # findall (no groups: whole matches), then lower each: ~2x faster than finditer
    return [w.lower() for w in _WORD.findall(text)]


STOPWORDS: frozenset[str] = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours ourselves out over own same she should so some such than that the their
    theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves said says say told tell according would may might must shall one two
    it's that's he's she's don't didn't won't can't isn't wasn't aren't weren't""".split()  # noqa: SIM905
)


def is_content_word(word: str) -> bool:
    """A word that carries content: not a stopword, not a single character."""
    w = word.lower()
    return len(w) > 1 and w not in STOPWORDS


_SUFFIXES = ("ations", "ation", "ings", "ing", "edly", "ies", "ied", "ers", "er", "ed", "es",
             "ly", "s")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A light English suffix stripper: enough to match inflections (protest/protests/protested)."""
    w = word.lower()
    if len(w) <= 4 or w[:1].isdigit():
        return w
    for suffix in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            base = w[: -len(suffix)]
            if suffix in ("ies", "ied"):
                return base + "y"
            return base
    return w
