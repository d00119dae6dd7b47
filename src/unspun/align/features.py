"""Per-article sentence features, computed once and reused against many candidates.

`prepare(article)` turns an article into a `PreparedText`: its sentences, their tokens,
the stems and rarity weights the sentence similarity uses, and which tokens lie inside
quotation marks (quoted words are weak evidence of copying, see DESIGN.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar, cast

from wordfreq import zipf_frequency

from unspun.model import Article
from unspun.text.sentences import split_sentences
from unspun.text.tokens import STOPWORDS, Token, stem, tokenize

# Weight of a word that carries no content: small but not zero, because spinners leave
# most function words untouched and their order is evidence too (DSpin's "immutables").
FUNCTION_WEIGHT = 0.15
NUMBER_WEIGHT = 2.5
MAX_WEIGHT = 3.0

# Straight double quotes toggle; curly ones open and close. Single curly quotes count
# only when they open after a space (so apostrophes in "don’t" are not quotes).
_QUOTE = re.compile(r"[\"“”«»]|(?<![\w])‘|’(?![\w])")
_CLOSERS = frozenset("”»’")
# Which characters close a quote opened by each character (nested quotes stay inside).
_CLOSE_FOR = {'"': '"”', "“": '”"', "«": "»", "‘": "’", "”": "", "»": "", "’": ""}


@lru_cache(maxsize=50_000)
def zipf(word: str) -> float:
    """How common an English word is (wordfreq Zipf scale; 0 = unknown)."""
    return float(zipf_frequency(word, "en"))


@lru_cache(maxsize=50_000)
def word_weight(word: str) -> float:
    """Rarity weight of a lower-cased word: names and numbers count most."""
    if word[:1].isdigit():
        return NUMBER_WEIGHT
    if word in STOPWORDS or len(word) < 2:
        return FUNCTION_WEIGHT
    z = zipf(word)
    if z <= 0.0:
        return 2.0  # unknown: a name, a typo or spinner nonsense; it rarely matches anyway
    return max(0.4, min(MAX_WEIGHT, (7.5 - z) / 2.0))


@dataclass(slots=True, frozen=True)
class SentenceFeatures:
    """One sentence: its span, tokens, stems (match keys) with weights, quote mask."""

    start: int
    end: int
    tokens: tuple[Token, ...]
    keys: tuple[str, ...]
    weights: tuple[float, ...]
    quoted: tuple[bool, ...]
    #: key -> weight (max over repeats) for all tokens, and for tokens outside quotes.
    bag: dict[str, float]
    narrative: dict[str, float]
    total: float
    narrative_total: float
    #: Keys heavy and long enough to be compared by spelling (names, rare words).
    fuzzy_keys: tuple[str, ...]


@dataclass(slots=True, frozen=True)
class PreparedText:
    """Everything alignment needs about one article, computed once."""

    text: str
    sentences: tuple[SentenceFeatures, ...]
    #: key -> indices of sentences containing it (an inverted index for fast scoring).
    index: dict[str, tuple[int, ...]]
    #: Character span of the body (headline excluded) for coverage measures.
    body_start: int
    n_tokens: int
    headline: str
    #: Every token's match key in text order, and the sentence each token belongs to.
    flat_keys: tuple[str, ...]
    token_sentence: tuple[int, ...]
    #: Values later stages derive from this text alone, kept by `derived` (not compared).
    memo: dict[Callable[..., object], object] = field(
        default_factory=dict, compare=False, repr=False)


_T = TypeVar("_T")


def derived(p: PreparedText, fn: Callable[[PreparedText], _T]) -> _T:
    """`fn(p)`, computed once per prepared text: a text is compared with many others (one
    article against all its candidates), and what depends on it alone need not be redone.
    `fn` must be pure."""
    got = p.memo.get(fn, p.memo)
    if got is p.memo:
        got = p.memo[fn] = fn(p)
    return cast(_T, got)


#: Only words this heavy and this long are compared by spelling (garbled names).
FUZZY_MIN_WEIGHT = 0.8
FUZZY_MIN_LEN = 4


def fuzzy_candidate(key: str, weight: float) -> bool:
    """Whether a word may match a differently spelled one (numbers never: a changed
    number is an edit, not a spelling)."""
    return weight >= FUZZY_MIN_WEIGHT and len(key) >= FUZZY_MIN_LEN and not key[:1].isdigit()


def quote_mask(text: str) -> list[tuple[int, int]]:
    """Spans of `text` inside quotation marks; an unclosed quote ends at its paragraph."""
    spans: list[tuple[int, int]] = []
    for para_start, para in _paragraphs(text):
        open_at = -1
        closers = ""
        for m in _QUOTE.finditer(para):
            ch = m.group()
            if open_at < 0:
                if ch not in _CLOSERS:  # a stray closer opens nothing
                    open_at = m.end()
                    closers = _CLOSE_FOR[ch]
                continue
            if ch in closers:
                spans.append((para_start + open_at, para_start + m.start()))
                open_at = -1
        if open_at >= 0:
            spans.append((para_start + open_at, para_start + len(para)))
    return spans


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for part in text.split("\n"):
        if part:
            out.append((pos, part))
        pos += len(part) + 1
    return out


def _in_spans(pos: int, spans: list[tuple[int, int]], hint: int) -> tuple[bool, int]:
    """Whether `pos` lies in one of the sorted `spans`; `hint` walks forward (O(n) total)."""
    while hint < len(spans) and spans[hint][1] <= pos:
        hint += 1
    inside = hint < len(spans) and spans[hint][0] <= pos < spans[hint][1]
    return inside, hint


def prepare(article: Article) -> PreparedText:
    """Compute the sentence features of `article` (pure; cache the result per article)."""
    return prepare_text(article.text, _body_start(article), article.title)


def prepare_text(text: str, body_start: int = 0, headline: str = "") -> PreparedText:
    """As `prepare`, for a bare normalised text."""
    qspans = quote_mask(text)
    hint = 0
    sents: list[SentenceFeatures] = []
    index: dict[str, list[int]] = {}
    n_tokens = 0
    flat_keys: list[str] = []
    token_sentence: list[int] = []
    for s in split_sentences(text):
        toks = tokenize(s.text, s.start)
        if not toks:
            continue
        keys: list[str] = []
        weights: list[float] = []
        quoted: list[bool] = []
        bag: dict[str, float] = {}
        narrative: dict[str, float] = {}
        for t in toks:
            low = t.lower
            key = stem(low)
            w = word_weight(low)
            q, hint = _in_spans(t.start, qspans, hint)
            keys.append(key)
            weights.append(w)
            quoted.append(q)
            if w > bag.get(key, 0.0):
                bag[key] = w
            if not q and w > narrative.get(key, 0.0):
                narrative[key] = w
        i = len(sents)
        for key in bag:
            index.setdefault(key, []).append(i)
        n_tokens += len(toks)
        flat_keys.extend(keys)
        token_sentence.extend([i] * len(toks))
        sents.append(
            SentenceFeatures(
                start=s.start,
                end=s.end,
                tokens=tuple(toks),
                keys=tuple(keys),
                weights=tuple(weights),
                quoted=tuple(quoted),
                bag=bag,
                narrative=narrative,
                total=sum(bag.values()),
                narrative_total=sum(narrative.values()),
                fuzzy_keys=tuple(k for k, w in bag.items() if fuzzy_candidate(k, w)),
            )
        )
    return PreparedText(
        text=text,
        sentences=tuple(sents),
        index={k: tuple(v) for k, v in index.items()},
        body_start=body_start,
        n_tokens=n_tokens,
        headline=headline,
        flat_keys=tuple(flat_keys),
        token_sentence=tuple(token_sentence),
    )


def _body_start(article: Article) -> int:
    for b in article.blocks:
        if b.role != "headline":
            return b.start
    return 0
