"""Distinctive terms: the skeleton of an article that survives spinning and translation.

A spinner swaps common words for near-synonyms but rarely touches names, places, numbers
or words it has no synonym for. Those are what this module keeps:

* capitalised names (a capitalised word that starts a sentence or sits in a headline counts
  only when it is also rare, so "The" and "Police" at a sentence start are not names),
* numbers of two or more characters ("300,000", "1987", "4.5%"),
* moderately rare content words inside quotation marks,
* rare content words (`wordfreq` Zipf frequency below `RARE_ZIPF`, so rarity is known
  before the library holds a single article).

Each term is the `stem` of the lower-cased word (numbers: digits with separators spelled
out), reduced to characters SQLite FTS5's unicode61 tokenizer keeps in one token.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from wordfreq import get_frequency_dict, zipf_frequency

from unspun.model import Article
from unspun.text.tokens import STOPWORDS, WORD, is_content_word, stem

TermKind = Literal["name", "number", "quoted", "rare"]

#: Content words rarer than this (Zipf scale; "reservists" 2.8, "riot" 4.1) are distinctive.
RARE_ZIPF = 3.6
#: A capitalised word inside a sentence is a name unless it is this common ("President" 5.45).
NAME_ZIPF = 5.0
#: Words inside quotes are kept when rarer than this.
QUOTED_ZIPF = 4.5
#: At most this many terms are stored per article (the rarest first).
MAX_TERMS = 256

_QUOTE_SPAN = re.compile(r"[\"“«„]([^\"”»“]{1,600})[\"”»]")
# Tokens starting with an upper-case letter (Latin, Greek, Cyrillic); same shape as `tokenize`.
# (No look-behind in the pattern: it would defeat the regex engine's fast scan; the caller
# skips matches that start inside a word, like the "D" of "McDonald".)
_CAPITALISED = re.compile(
    r"[A-Z\u00c0-\u00d6\u00d8-\u00de\u0391-\u03a9\u0410-\u042f]\w*(?:['\u2019\-]\w+)*"
)
_INWORD = re.compile(r"[\w'\u2019\-]")
_SENTENCE_END = frozenset(".!?:;\"“”«»([—–\n")
_NOT_TOKEN = re.compile(r"[^0-9a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]+")
_CACHE_LIMIT = 50_000


@dataclass(slots=True, frozen=True)
class Term:
    """One distinctive term: its index form, kind, and weight (higher = rarer)."""

    text: str
    kind: TermKind
    weight: float


def fast_words(text: str) -> list[str]:
    """Same tokens as `unspun.text.tokens.words`, faster (findall on the lower-cased text)."""
    return WORD.findall(text.lower())


# Bulk work (adding thousands of articles) meets many new words; asking wordfreq costs ~50 us
# each, so after this many lookups its whole English list (~0.9 s, ~30 MB) is loaded once.
_BULK_AFTER = 3000
_lookups = 0
_freqs: dict[str, float] | None = None


def _zipf_uncached(word: str) -> float:
    global _lookups, _freqs
    _lookups += 1
    if _freqs is None and _lookups > _BULK_AFTER:
        _freqs = get_frequency_dict("en")
    if _freqs is not None and (word.isalpha() or word in _freqs):
        f = _freqs.get(word, 0.0)
        # zipf_frequency's own formula and rounding, so both paths agree.
        return round(math.log10(f) + 9.0, 2) if f > 0 else 0.0
    return float(zipf_frequency(word, "en"))


# word -> (zipf, index form, is content word); a plain dict is the cheapest memo per token.
_INFO: dict[str, tuple[float, str, bool]] = {}


def _info(word: str) -> tuple[float, str, bool]:
    got = _INFO.get(word)
    if got is None:
        if len(_INFO) > _CACHE_LIMIT:
            _INFO.clear()
        content = len(word) > 1 and word not in STOPWORDS and not word[:1].isdigit()
        got = (_zipf_uncached(word), index_form(word), content)
        _INFO[word] = got
    return got


_STEMS: dict[str, str] = {}


def content_stem(word: str) -> str:
    """The stem of a lower-cased content word; "" for stopwords, numbers and 1-letter words."""
    got = _STEMS.get(word)
    if got is None:
        if len(_STEMS) > _CACHE_LIMIT:
            _STEMS.clear()
        got = stem(word) if is_content_word(word) else ""
        _STEMS[word] = got
    return got


def stem_cache() -> dict[str, str]:
    """The memo behind `content_stem` (read-only use: callers fall back to `content_stem`)."""
    return _STEMS


def zipf(word: str) -> float:
    """Zipf frequency of `word` in English (0 for unknown words), memoised."""
    return _info(word.lower())[0]


def index_form(word: str) -> str:
    """The FTS token for a word or number: stemmed, lower-cased, only token characters."""
    w = word.lower()
    if w[:1].isdigit():
        return _NOT_TOKEN.sub("x", w.replace(",", "")).strip("x") or w
    return _NOT_TOKEN.sub("", stem(w))


# word -> its term when met in plain running text (rare word or number), or None; memoised
# because the decision depends on the word alone.
_PLAIN: dict[str, Term | None] = {}
_UNSEEN = Term("", "rare", 0.0)


def _plain_term(w: str) -> Term | None:
    if w[:1].isdigit():
        # Longer numbers are rarer. Not memoised, and no word list asked: most are one-off.
        form = index_form(w)
        return Term(form, "number", min(2.0 + len(form), 8.0)) if len(form) >= 2 else None
    if len(_PLAIN) > _CACHE_LIMIT:
        _PLAIN.clear()
    z, form, content = _info(w)
    t = Term(form, "rare", 8.0 - z) if content and z < RARE_ZIPF and len(form) >= 2 else None
    _PLAIN[w] = t
    return t


# lower-cased word -> (its name term inside a sentence, its name term at a sentence start).
_NAMES: dict[str, tuple[Term | None, Term | None]] = {}


def _name_terms(low: str) -> tuple[Term | None, Term | None]:
    if len(_NAMES) > _CACHE_LIMIT:
        _NAMES.clear()
    z, form, content = _info(low)
    term = Term(form, "name", 9.0 - z) if content and len(form) >= 2 else None
    pair = (term if z < NAME_ZIPF else None, term if z < RARE_ZIPF else None)
    _NAMES[low] = pair
    return pair


def _keep(best: dict[str, Term], term: Term) -> None:
    if len(term.text) < 2:
        return
    old = best.get(term.text)
    if old is None or old.weight < term.weight:
        best[term.text] = term


def _sentence_initial(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END


def extract_terms(text: str, headline_end: int = 0, word_list: list[str] | None = None
                  ) -> list[Term]:
    """Distinctive terms of `text`, each once, rarest first (at most `MAX_TERMS`).

    Characters before `headline_end` are a headline: its capitalisation says nothing.
    `word_list` may pass `fast_words(text)` when the caller already has it.
    """
    best: dict[str, Term] = {}
    get = _PLAIN.get
    for w in set(word_list if word_list is not None else fast_words(text)):
        t = get(w, _UNSEEN)
        if t is _UNSEEN:
            t = _plain_term(w)
        if t is not None:
            old = best.get(t.text)
            if old is None or old.weight < t.weight:
                best[t.text] = t
    for m in _CAPITALISED.finditer(text):
        if m.start() and _INWORD.match(text, m.start() - 1):
            continue
        low = m.group().lower()
        pair = _NAMES.get(low)
        if pair is None:
            pair = _name_terms(low)
        mid, initial = pair
        if mid is None:
            continue
        # Only words common enough to be a capitalised ordinary word need the context check.
        t = initial if initial is not None or m.start() < headline_end or _sentence_initial(
            text, m.start()) else mid
        if t is None:
            continue
        old = best.get(t.text)
        if old is None or old.weight < t.weight:
            best[t.text] = t
    for q in _QUOTE_SPAN.finditer(text):
        for w in fast_words(q.group(1)):
            z, form, content = _info(w)
            if content and z < QUOTED_ZIPF:
                _keep(best, Term(form, "quoted", 8.0 - z))
    ranked = sorted(best.values(), key=lambda t: (-t.weight, t.text))
    return ranked[:MAX_TERMS]


def article_terms(article: Article, word_list: list[str] | None = None) -> list[Term]:
    """Distinctive terms of an article (its headline block, if any, read as a headline)."""
    head_end = max((b.end for b in article.blocks if b.role == "headline"), default=0)
    return extract_terms(article.text, head_end, word_list)
