"""A cheap, offline guess of an article's language: declared tag, else stopword counts.

Good enough to route an article (and to notice a translated copy); it answers None
when unsure rather than guess: a wrong language is worse than none.
"""

from __future__ import annotations

import re
from collections import Counter

from unspun.text.tokens import words

# The most frequent function words of each language; few overlap between languages.
_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(ws.split())
    for lang, ws in {
        "en": "the and of to in is that it was for on are with as his they at be this from "
        "have or by had not but what were which when their has been would there she he",
        "de": "der die und den das ist nicht ein eine mit sich des auf für dem im auch "
        "es an als wie nach bei sie wir aus oder wird sind zu vom zum war",
        "fr": "le la les et des est une un du que pour dans qui pas sur au avec il elle "
        "ce sont par plus aux ont été cette ses mais nous vous",
        "es": "el la los las y en que del se por con una un para es al lo como más pero "
        "sus le ha fue este esta son entre cuando muy sin sobre",
        "it": "il di che la le per un una del della è non con sono gli alla nel anche "
        "come dei ha più questo ma delle al sul lo",
        "pt": "o a os as de que e do da em um uma para com não por se na no dos das ao "
        "mais foi como mas ele ela são pelo pela",
        "nl": "de het een en van in is dat op te zijn met voor niet aan er ook als bij "
        "door maar om dan nog wel naar deze werd",
        "ru": "и в не на что с по как он это из к у за от так но же она все его был "
        "для они только было",
    }.items()
}
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*$")


def normalize_tag(tag: str | None) -> str | None:
    """`en-GB` -> `en`; None for anything that is not a language tag."""
    if not tag:
        return None
    m = _TAG.match(tag.strip())
    return m.group(1).lower() if m else None


def guess_lang(text: str, *, declared: str | None = None, sample_words: int = 400) -> str | None:
    """Declared tag if valid, else the language whose stopwords dominate the first words.

    None when the text is too short, or no language clearly wins (at least 12% of the
    sampled words must be its stopwords, and twice as many as the runner-up's).
    """
    tag = normalize_tag(declared)
    if tag:
        return tag
    toks = words(text[: sample_words * 16])[:sample_words]  # a word is < 16 chars on average
    if len(toks) < 8:
        return None
    # Counted once, then looked up per stopword: ~40 lookups a language, not 400.
    counts = Counter(toks)
    scores = sorted(
        ((sum(counts[w] for w in sw if w in counts), lang) for lang, sw in _STOPWORDS.items()),
        reverse=True,
    )
    (best, lang), (second, _) = scores[0], scores[1]
    if best >= 0.12 * len(toks) and best >= 2 * second:
        return lang
    return None
