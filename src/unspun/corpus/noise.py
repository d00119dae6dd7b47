"""Word-level rewriting: synonym spinning with spinner artifacts, and translation noise.

Each function returns `Replacement`s on the source text (see `textops`), so the copy's
text and the span of every change in both texts come out of one `apply`.

Spin rate is measured over *spinnable* content words: tokens that `is_content_word`
accepts, that are not numbers and start lower case (names are left to the artifacts).
"""

from __future__ import annotations

import random
import re

from unspun.corpus.events import MONTHS, WEEKDAYS
from unspun.corpus.textops import Replacement, inside, match_case, quoted_spans
from unspun.corpus.thesaurus import Thesaurus
from unspun.text.sentences import split_sentences
from unspun.text.tokens import Token, is_content_word, tokenize

_NONSENSE_HEADS = ("kum", "flo", "tre", "bra", "zel", "quo", "mir", "dun", "spor", "gla")
_NONSENSE_TAILS = ("bas", "mbers", "vits", "ndle", "xes", "rkins", "ppet", "zzles", "mbos")


def spinnable(tok: Token) -> bool:
    return is_content_word(tok.text) and not tok.is_number and tok.text[:1].islower()


def spin(
    text: str,
    rate: float,
    thesaurus: Thesaurus,
    rng: random.Random,
    *,
    artifacts: bool = True,
) -> tuple[list[Replacement], int]:
    """Replacements that swap `rate` of the spinnable words for synonyms, plus (when
    `artifacts`) the slips real spinners make. Returns (replacements, spinnable count)."""
    tokens = tokenize(text)
    content = [t for t in tokens if spinnable(t)]
    reps: list[Replacement] = []
    taken: list[tuple[int, int]] = []
    if artifacts:
        reps.extend(spinner_artifacts(text, tokens, rate, rng))
        taken = [(r.start, max(r.end, r.start + 1)) for r in reps]
    eligible = [t for t in content if thesaurus.synonyms(t.lower) and not _hits(t, taken)]
    target = min(round(rate * len(content)), len(eligible))
    for i in sorted(rng.sample(range(len(eligible)), target)):
        tok = eligible[i]
        reps.append(
            Replacement(
                tok.start,
                tok.end,
                match_case(tok.text, rng.choice(thesaurus.synonyms(tok.lower))),
                "synonym",
            )
        )
    return reps, len(content)


def _hits(tok: Token, spans: list[tuple[int, int]]) -> bool:
    return any(s < tok.end and tok.start < e for s, e in spans)


_TOLD = re.compile(r"\btold (?:the )?((?:[A-Z][\w'’-]+ ?){1,4})\.")


def spinner_artifacts(
    text: str, tokens: list[Token], rate: float, rng: random.Random
) -> list[Replacement]:
    """Nonsense words, garbled names and broken attributions, more of them at higher rates."""
    out: list[Replacement] = []
    chance = 0.3 + rate
    content = [t for t in tokens if spinnable(t) and len(t.text) > 4]
    if content and rng.random() < chance:
        tok = rng.choice(content)
        word = rng.choice(_NONSENSE_HEADS) + rng.choice(_NONSENSE_TAILS)
        out.append(Replacement(tok.start, tok.end, match_case(tok.text, word), "nonsense"))
    names = proper_names(text, tokens)
    if names and rng.random() < chance:
        tok = rng.choice(names)
        garbled = garble(tok.text, rng)
        if garbled != tok.text:
            out.append(Replacement(tok.start, tok.end, garbled, "garbled-name"))
    told = list(_TOLD.finditer(text))
    if told and rng.random() < chance:
        m = rng.choice(told)
        out.append(
            Replacement(m.start(), m.end(), f"said. {m.group(1).strip()}.", "broken-attribution")
        )
    return out


_NOT_NAMES = frozenset(
    [
        *WEEKDAYS,
        *MONTHS,
        "The",
        "This",
        "That",
        "There",
        "These",
        "Those",
        "Council",
        "University",
        "Police",
        "Museum",
        "Hospital",
        "General",
        "Borough",
        "Union",
    ]
)


def proper_names(text: str, tokens: list[Token]) -> list[Token]:
    """Capitalised words of 4+ letters that do not start a sentence: names, mostly."""
    starts = {s.start for s in split_sentences(text)}
    quotes = quoted_spans(text)
    out = []
    prev_end = -10
    for t in tokens:
        if (
            t.text[:1].isupper()
            and t.text.isalpha()
            and len(t.text) >= 4
            and t.start not in starts
            and t.text not in _NOT_NAMES
            and not inside(t.start, quotes)
            and text[prev_end : t.start].strip() not in ("“", '"')
        ):
            out.append(t)
        prev_end = t.end
    return out


_GARBLE = (
    (re.compile(r"mm"), "m"),
    (re.compile(r"ss"), "s"),
    (re.compile(r"ll"), "l"),
    (re.compile(r"i(?=[a-z])"), "y"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"s$"), ""),
    (re.compile(r"on$"), "en"),
    (re.compile(r"ey$"), "y"),
    (re.compile(r"a(?=[a-z]$)"), "e"),
)


def garble(name: str, rng: random.Random) -> str:
    """Misspell a name the way spinners and OCR do (Simmons -> Symons, Reinsalu -> Reinsal)."""
    rules = [(p, r) for p, r in _GARBLE if p.search(name[1:])]
    if not rules:
        return name[:-1] if len(name) > 4 else name + "e"
    pattern, repl = rng.choice(rules)
    return name[0] + pattern.sub(repl, name[1:], count=1)


_TRANSLIT = (
    ("th", "t"),
    ("ph", "f"),
    ("w", "v"),
    ("c", "k"),
    ("y", "i"),
    ("ee", "i"),
    ("oo", "u"),
    ("ll", "l"),
    ("tt", "t"),
    ("ss", "s"),
    ("x", "ks"),
    ("qu", "kv"),
)
_FUNCTION = {
    "the": ("", "a"),
    "a": ("the", ""),
    "of": ("from",),
    "in": ("at", "on"),
    "to": ("for",),
    "on": ("in",),
    "with": ("by",),
    "for": ("to",),
    "an": ("the",),
}
_TENSE = {
    "said": "says",
    "was": "is",
    "were": "are",
    "has": "have",
    "had": "has",
    "will": "would",
    "is": "was",
    "are": "were",
    "told": "tells",
    "says": "said",
}
_FRAGMENTS = ("I'm here.", "Said it is.", "It is so.", "He added it.", "This is what.", "Was said.")


def transliterate(name: str) -> str:
    """A name as a round trip through another script might return it (Matthews -> Mattevs)."""
    low = name.lower()
    for a, b in _TRANSLIT:
        low = low.replace(a, b)
    out = low[:1].upper() + low[1:]
    return out if out != name else name + "a"


def translation_noise(text: str, rng: random.Random, strength: float = 1.0) -> list[Replacement]:
    """Function words swapped or dropped, tense disturbed, word pairs swapped, names
    transliterated consistently, stray fragments at sentence ends."""
    tokens = tokenize(text)
    reps: list[Replacement] = []
    names = {t.text for t in proper_names(text, tokens)}
    chosen = [n for n in sorted(names) if rng.random() < 0.7]
    new_name = {n: transliterate(n) for n in chosen}
    skip_until = -1
    for i, t in enumerate(tokens):
        if t.start < skip_until:
            continue
        low = t.lower
        r = rng.random()
        if t.text in new_name:
            reps.append(Replacement(t.start, t.end, new_name[t.text], "transliteration"))
        elif low in _TENSE and r < 0.35 * strength:
            reps.append(Replacement(t.start, t.end, match_case(t.text, _TENSE[low]), "tense"))
        elif low in _FUNCTION and r < 0.2 * strength:
            new = rng.choice(_FUNCTION[low])
            end = t.end + 1 if not new and text[t.end : t.end + 1] == " " else t.end
            reps.append(
                Replacement(t.start, end, match_case(t.text, new) if new else "", "function-word")
            )
        elif (
            r < 0.04 * strength
            and i + 1 < len(tokens)
            and spinnable(t)
            and spinnable(tokens[i + 1])
            and text[t.end : tokens[i + 1].start] == " "
        ):
            nxt = tokens[i + 1]
            reps.append(Replacement(t.start, nxt.end, f"{nxt.text} {t.text}", "word-order"))
            skip_until = nxt.end
    for s in split_sentences(text):
        if rng.random() < 0.12 * strength:
            reps.append(Replacement(s.end, s.end, " " + rng.choice(_FRAGMENTS), "fragment"))
    return reps
