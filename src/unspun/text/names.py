"""Names in a text: capitalised words that do not open a sentence, and spelling keys that
bring a name and its garbled forms together (Reinsalu / Reinsal, Simmons / Symonds)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from unspun.text.sentences import split_sentences
from unspun.text.tokens import STOPWORDS, WORD

#: Names shorter than this are not indexed (initials, "UK", "EU" are all-caps anyway).
MIN_NAME_CHARS = 3
_VOWELS = frozenset("aeiouy")


@dataclass(slots=True, frozen=True)
class NameMention:
    """One capitalised word used as a name: `text[start:end]`, lower-cased in `name`."""

    name: str
    start: int
    end: int


@lru_cache(maxsize=256)
def sentence_starts(text: str) -> frozenset[int]:
    """Where each sentence and each paragraph of `text` starts."""
    starts = {s.start for s in split_sentences(text)}
    pos = 0
    for para in text.split("\n"):
        starts.add(pos + len(para) - len(para.lstrip()))
        pos += len(para) + 1
    return frozenset(starts)


def name_mentions(text: str) -> list[NameMention]:
    """Every capitalised word (letters only, not all capitals, not a stopword; a possessive
    's left off) that does not open a sentence or paragraph, in text order. (`tokenize`'s
    tokens, read straight off its pattern: only the capitalised ones are kept, so no Token
    is made for the others; ~2.5x faster at `add`, where every article passes here.)"""
    starts = sentence_starts(text)
    out: list[NameMention] = []
    for m in WORD.finditer(text):
        w = m.group()
        if not w[:1].isupper():
            continue
        start, end = m.start(), m.end()
        if w.endswith(("'s", "\u2019s")):
            w, end = w[:-2], end - 2  # "Estonia's": the name is Estonia
        if (len(w) >= MIN_NAME_CHARS and w.isalpha() and not w.isupper()
                and start not in starts and w.lower() not in STOPWORDS):
            out.append(NameMention(w.lower(), start, end))
    return out


def text_names(text: str) -> frozenset[str]:
    """The distinct lower-cased names of a text (what the library's names index holds)."""
    return frozenset(m.name for m in name_mentions(text))


@lru_cache(maxsize=65536)
def skeleton(name: str) -> str:
    """First letter, then the consonants with doubled letters collapsed: "reinsalu" -> "rnsl",
    "simmons" -> "smns"."""
    out = [name[:1]]
    for c in name[1:]:
        if c not in _VOWELS and c != out[-1]:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=65536)
def spelling_keys(name: str) -> frozenset[str]:
    """The skeleton and the skeleton with any one letter after the first left out: two names
    sharing a key are a few letters apart ("symonds" "smnds" -> "smns" <- "simmons")."""
    s = skeleton(name)
    return frozenset({s, *(s[:i] + s[i + 1:] for i in range(1, len(s)))} - {s[:1]})
