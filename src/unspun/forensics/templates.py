"""Two texts told from one template about different events: a pure check per pair.

Wire services and content systems fill one template for many events: a fund's monthly
dividend, the day's money-market operation, a company's quarterly results. Two such items
share nearly all their wording and are still two events, so their wording must not make
one a copy of the other. What tells them apart is in the slots that carry the news: each
headline names a subject the other text never mentions (`other_subject`), or gives a
figure the other never mentions (`other_figures`).
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Indel

from unspun.align.features import PreparedText, zipf
from unspun.forensics.edits import GARBLED, pair_names
from unspun.forensics.lexicon import number_value
from unspun.text.tokens import STOPWORDS, Token, stem


def headline_names(p: PreparedText, names: frozenset[str]) -> frozenset[str]:
    """Lower-cased names in the headline: words the texts use as names (`names`, see
    `edits.pair_names`) or capitalised words too rare to be anything else."""
    out: set[str] = set()
    for sent in p.sentences:
        if sent.start >= p.body_start:
            break
        # a headline in capitals shows no names by case: a rare word there is taken for one
        # ("QUAKER OATS CO ... REGULAR DIVIDEND": quaker and oats, not regular or dividend)
        rare = SHOUTED_RARE if _shouted(sent.tokens) else 0.0
        # (initials and two-letter abbreviations, U.S. against US, say nothing of a subject)
        out.update(t.lower for t in sent.tokens
                   if t.is_capitalized and len(t.lower) >= 3 and t.lower not in STOPWORDS
                   and (t.lower in names or zipf(t.lower) <= rare))
    return frozenset(out)


#: In a headline written in capitals, words at most this common (wordfreq's Zipf scale:
#: 3.5 is about three in a million words) are taken for names.
SHOUTED_RARE = 3.5


def _shouted(tokens: Sequence[Token]) -> bool:
    words = [t.text for t in tokens if t.text[:1].isalpha()]
    return len(words) >= 2 and all(w.isupper() for w in words)


def other_subject(q: PreparedText, s: PreparedText) -> bool:
    """Each headline names someone or something the other text never mentions, not even
    spelled another way: the two are about different subjects (one wire template filled
    for two companies). A word the texts use as a name counts, or one no dictionary knows."""
    names = pair_names(q, s)
    return bool(_own_names(q, s, names)) and bool(_own_names(s, q, names))


def other_figures(q: PreparedText, s: PreparedText) -> bool:
    """Each headline gives a figure (digits) the other text never mentions: another day's,
    week's or company's report told from one template ("... GIVEN 345 MLN STG HELP" and
    "... GIVEN 226 MLN STG HELP"), or a later update of a story, not a copy of it."""
    return bool(_own_figures(q, s)) and bool(_own_figures(s, q))


def _own_figures(p: PreparedText, other: PreparedText) -> set[str]:
    head = {v for sent in p.sentences if sent.start < p.body_start for t in sent.tokens
            if t.text[:1].isdigit() and (v := number_value(t.text)) is not None}
    if not head:
        return head
    there = {v for sent in other.sentences for t in sent.tokens
             if (v := number_value(t.text)) is not None}
    return head - there


def _own_names(p: PreparedText, other: PreparedText, names: frozenset[str]) -> list[str]:
    there = set(other.flat_keys)
    own = [n for n in headline_names(p, names) if stem(n) not in there]
    if not own:
        return own
    words = {k for k in there if len(k) >= 4}
    # Zelensky / Zelenskyy, Philip / Phillip: the same name transliterated or misspelled
    return [n for n in own
            if not any(Indel.normalized_similarity(stem(n), w) >= GARBLED for w in words)]
