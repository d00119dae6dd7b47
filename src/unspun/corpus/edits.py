"""Edits that change what a reader is told, and light editorial edits, as replacements.

Meaning edits (recorded in a copy's `edits` field, offsets into source and copy text):
- name: a person's name outside quotes replaced by another name;
- number: a figure outside quotes changed (format kept: commas, decimals, %);
- quote: a word inside a quotation replaced, so the quote no longer says what was said
  (labelled `negation` when the swap adds or drops a negation: "will" -> "won't");
- attribution: a quote given to another speaker, or "told X." broken into "said. X.";
- negation: "not" added after an auxiliary outside quotes ("was" -> "was not").
"""

from __future__ import annotations

import random
import re

from unspun.corpus.names import SURNAMES
from unspun.corpus.noise import proper_names
from unspun.corpus.textops import Replacement, inside, match_case, quoted_spans
from unspun.corpus.thesaurus import Thesaurus
from unspun.forensics.lexicon import is_negation
from unspun.text.sentences import split_sentences
from unspun.text.tokens import is_content_word, tokenize

MEANING_TYPES = ("name", "number", "quote", "attribution", "negation")

_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b\d+(?:\.\d+)?\b")
_AUX = re.compile(r"\b(is|was|were|are|will|has|have|had|would|could|can|did|does)\b(?! not)")
_SAID_NAME = re.compile(r"(?:said|says|added) ((?:[A-Z][a-z'’-]+ ){0,2}[A-Z][a-z'’-]+)")
_NAME_SAID = re.compile(r"((?:[A-Z][a-z'’-]+ ){0,2}[A-Z][a-z'’-]+),? (?:said|says|added)\b")
_TOLD = re.compile(r"\btold (?:the )?((?:[A-Z][\w'’-]+ ?){1,4})\.")
_QUOTE_SWAPS = {
    "not": "now",
    "never": "always",
    "always": "never",
    "no": "some",
    "more": "less",
    "less": "more",
    "can": "cannot",
    "will": "won't",
    "every": "no",
    "best": "worst",
    "fair": "unfair",
    "better": "worse",
}


def meaning_edits(
    text: str,
    types: list[str],
    rng: random.Random,
    thesaurus: Thesaurus,
    names: list[str] | None = None,
) -> list[Replacement]:
    """One edit of each requested type where the text offers a place for it."""
    quotes = quoted_spans(text)
    out: list[Replacement] = []
    for kind in types:
        finder = _FINDERS[kind]
        options = [
            r for r in finder(text, quotes, rng, thesaurus, names or []) if not _overlaps(r, out)
        ]
        if options:
            out.append(rng.choice(options))
    return out


def _overlaps(r: Replacement, others: list[Replacement]) -> bool:
    return any(r.start < o.end + 1 and o.start < r.end + 1 for o in others)


def _other_name(old: str, rng: random.Random, names: list[str]) -> str:
    pool = [n for n in names if n != old] or [n for n in SURNAMES if n != old]
    return rng.choice(pool)


def _names(
    text: str, quotes: list[tuple[int, int]], rng: random.Random, th: Thesaurus, names: list[str]
) -> list[Replacement]:
    tokens = proper_names(text, tokenize(text))
    pool = [t for t in tokens if t.text in names] or tokens
    speakers = {(s, e) for s, e in _speaker_surnames(text, quotes)}
    # the speaker's surname swapped is the very change `_attributions` makes: one label
    return [
        Replacement(t.start, t.end, _other_name(t.text, rng, []),
                    "attribution" if (t.start, t.end) in speakers else "name")
        for t in pool
    ]


def _numbers(
    text: str, quotes: list[tuple[int, int]], rng: random.Random, th: Thesaurus, names: list[str]
) -> list[Replacement]:
    out = []
    for m in _NUMBER.finditer(text):
        if inside(m.start(), quotes) or _is_year(m.group()):
            continue
        out.append(Replacement(m.start(), m.end(), change_number(m.group(), rng), "number"))
    return out


def _is_year(s: str) -> bool:
    return len(s) == 4 and s.isdigit() and 1900 <= int(s) <= 2099


def change_number(s: str, rng: random.Random) -> str:
    """Another plausible figure in the same format (never the same value)."""
    plain = s.replace(",", "")
    decimals = len(plain.split(".")[1]) if "." in plain else 0
    value = float(plain)
    factor = rng.choice((0.5, 0.6, 0.75, 1.3, 1.5, 2.0, 3.0))
    new = value * factor if value >= 2 else value + rng.randint(1, 9)
    text = f"{new:,.{decimals}f}" if "," in s else f"{new:.{decimals}f}"
    if text == s:
        text = f"{value + 1:.{decimals}f}"
    return text


def _quotes(
    text: str, quotes: list[tuple[int, int]], rng: random.Random, th: Thesaurus, names: list[str]
) -> list[Replacement]:
    out = []
    for s, e in quotes:
        for t in tokenize(text[s:e], s):
            if t.lower in _QUOTE_SWAPS:
                new = _QUOTE_SWAPS[t.lower]
                # a flipped negation reverses the quote: typed as a negation wherever it is
                kind = "negation" if _negations_in(new) != _negations_in(t.text) else "quote"
                out.append(Replacement(t.start, t.end, match_case(t.text, new), kind))
            elif (
                is_content_word(t.text)
                and t.text.islower()
                and th.synonyms(t.lower)
                and len(t.text) > 4
            ):
                # a different word, not a synonym: the quote now says something else
                new = rng.choice(("never", "barely", "wrongly", "gladly", "secretly"))
                kind = "negation" if _negations_in(new) else "quote"
                out.append(Replacement(t.start, t.end, f"{new} {t.text}", kind))
    return out


def _negations_in(text: str) -> int:
    return sum(1 for t in tokenize(text) if is_negation(t.text))


def _attributions(
    text: str, quotes: list[tuple[int, int]], rng: random.Random, th: Thesaurus, names: list[str]
) -> list[Replacement]:
    out = []
    for m in _TOLD.finditer(text):
        out.append(Replacement(m.start(), m.end(), f"said. {m.group(1).strip()}.", "attribution"))
    for start, end in _speaker_surnames(text, quotes):
        last = text[start:end]
        out.append(Replacement(start, end, _other_name(last, rng, names), "attribution"))
    return out


def _speaker_surnames(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the surnames of speakers ("said Ana Ruiz", "Ana Ruiz said"), outside quotes."""
    out: list[tuple[int, int]] = []
    for pattern in (_SAID_NAME, _NAME_SAID):
        for m in pattern.finditer(text):
            if inside(m.start(1), quotes):
                continue
            last = m.group(1).split()[-1]
            start = m.start(1) + m.group(1).rfind(last)
            out.append((start, start + len(last)))
    return out


def _negations(
    text: str, quotes: list[tuple[int, int]], rng: random.Random, th: Thesaurus, names: list[str]
) -> list[Replacement]:
    out = []
    for m in _AUX.finditer(text):
        if not inside(m.start(), quotes):
            out.append(Replacement(m.start(), m.end(), f"{m.group()} not", "negation"))
    return out


def _broken(
    text: str, quotes: list[tuple[int, int]], rng: random.Random, th: Thesaurus, names: list[str]
) -> list[Replacement]:
    return [
        Replacement(m.start(), m.end(), f"said. {m.group(1).strip()}.", "attribution")
        for m in _TOLD.finditer(text)
    ]


_FINDERS = {
    "name": _names,
    "number": _numbers,
    "quote": _quotes,
    "attribution": _attributions,
    "negation": _negations,
    "attribution:broken": _broken,
}

ADDED_SENTENCES = (
    "The full details have not yet been made public.",
    "Local reaction has been mixed, with some residents calling for an inquiry.",
    "The matter is expected to be discussed again next month.",
    "It is not the first time the issue has made headlines in the area.",
    "Critics say the problem has been building for some time.",
    "Officials have promised to publish a fuller account in due course.",
)


def light_edits(
    text: str, rng: random.Random, thesaurus: Thesaurus
) -> tuple[list[Replacement], list[str]]:
    """Drop a sentence or two, add one, change a few words. Returns (replacements, ops)."""
    reps: list[Replacement] = []
    ops: list[str] = []
    sents = split_sentences(text)
    # only sentences that share their paragraph: dropping one never empties a paragraph
    droppable = [
        s for s in sents[1:] if not (_para_edge(text, s.start, -1) and _para_edge(text, s.end, 0))
    ]
    if len(sents) > 4 and droppable:
        for s in rng.sample(droppable, min(len(droppable), 2, len(sents) // 5 or 1)):
            start, end = s.start, s.end
            if text[end : end + 1] == " ":
                end += 1
            elif start > 0 and text[start - 1] == " ":
                start -= 1
            reps.append(Replacement(start, end, "", "deletion"))
        ops.append("drop")
    if sents and rng.random() < 0.7:
        s = rng.choice(sents[1:] or sents)
        reps.append(Replacement(s.end, s.end, " " + rng.choice(ADDED_SENTENCES), "insertion"))
        ops.append("add")
    taken = [(r.start, r.end + 1) for r in reps]
    words = [
        t
        for t in tokenize(text)
        if t.text.islower()
        and thesaurus.synonyms(t.text)
        and not any(a <= t.start < b for a, b in taken)
    ]
    for t in rng.sample(words, min(len(words), rng.randint(2, 4))):
        reps.append(Replacement(t.start, t.end, rng.choice(thesaurus.synonyms(t.text)), "synonym"))
    ops.append("words")
    return reps, ops


def _para_edge(text: str, pos: int, side: int) -> bool:
    """Whether `pos` touches a paragraph boundary (side -1: before it, 0: after it)."""
    if side < 0:
        return pos == 0 or text[pos - 1] == "\n"
    return pos >= len(text) or text[pos] == "\n"
