"""Flags on a copy: spinner nonsense words, translation fragments, leftover site furniture.

These are the fingerprints of machine rewriting. None of them proves copying on its own;
they tell a reader what kind of copy it is, and on which side of a pair they appear they
tell which text is derived (the source does not have them).
"""

from __future__ import annotations

import re
from functools import lru_cache

from unspun.align.features import zipf
from unspun.forensics.lexicon import ABBREVIATIONS, FURNITURE, FURNITURE_PREFIX
from unspun.ingest.clean import FurnitureRules, default_rules, is_furniture
from unspun.model import Artifact, Edit
from unspun.text.tokens import WORD, tokenize, words

#: A clause with at most this many words, inside a longer paragraph, is a fragment candidate.
FRAGMENT_MAX_WORDS = 3
#: Lines longer than this many words are not checked against the furniture list.
FURNITURE_MAX_WORDS = 25
#: An unknown word is spinner output only where the source had a word at least this common.
COMMON_ZIPF = 3.0

# Clause ends: . ! ? (with closing quotes) before whitespace or the end of the paragraph,
# whatever the case of the next letter (spinner fragments often run on in lower case).
_LAST_WORD = re.compile(r"(\w+)\W*$")
_CLAUSE_END = re.compile(r"[.!?]+[\"'”’)]*(?=\s|$)")
#: Texts whose own clauses, words and furniture are kept (a text meets many partners).
_TEXTS = 256


def unknown_words(edits: list[Edit], text: str, other: str) -> list[Artifact]:
    """Words no dictionary knows (wordfreq zipf 0) put where the source had a common word
    (and that the source never uses: a rare name both share is no artifact). Name and
    attribution edits are skipped: a company or person no dictionary knows, put in place
    of another name, is a replaced name (typed as such), not a spinner's nonsense."""
    known: frozenset[str] | None = None  # the other text's words, built only when needed
    out: list[Artifact] = []
    for e in edits:
        if not e.query_text or not e.source_text or e.type in ("name", "attribution"):
            continue  # a new name where the source had a name is no spinner's nonsense
        # The query side first: most edits hold no unknown word, and then the source side
        # need not be tokenized at all (the same result, half the work).
        odd = [
            t
            for t in tokenize(e.query_text, e.q_start)
            if len(t.text) >= 3 and t.text.isalpha() and zipf(t.lower) == 0.0
        ]
        if not odd:
            continue
        if max((zipf(t.lower) for t in tokenize(e.source_text)), default=0.0) < COMMON_ZIPF:
            continue
        for t in odd:
            if known is None:
                known = _words(other)
            if t.lower not in known:
                note = f"unknown word in place of {e.source_text!r}"
                out.append(Artifact("unknown-word", t.start, t.end, text[t.start : t.end], note))
    return out


@lru_cache(maxsize=_TEXTS)
def _words(text: str) -> frozenset[str]:
    return frozenset(words(text))


def _clauses(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, paragraph_start, paragraph_end) of each clause of each paragraph."""
    out: list[tuple[int, int, int, int]] = []
    pos = 0
    for para in text.split("\n"):
        p_start, p_end = pos, pos + len(para)
        start = p_start
        for m in _CLAUSE_END.finditer(para):
            end = p_start + m.end()
            tail = _LAST_WORD.search(text, max(start, end - 24), end)
            last = tail.group(1).lower() if tail else ""
            if last in ABBREVIATIONS or len(last) == 1:
                continue  # "Mr.", "U.S.", an initial: the clause goes on
            out.append((start, end, p_start, p_end))
            start = end
        if text[start:p_end].strip():
            out.append((start, p_end, p_start, p_end))
        pos = p_end + 1
    return out


def _clause_key(text: str) -> tuple[str, ...]:
    return tuple(t.lower for t in tokenize(text))


@lru_cache(maxsize=_TEXTS)
def _short_clause_keys(text: str) -> frozenset[tuple[str, ...]]:
    # only short clauses can match a fragment: skip tokenizing the long ones
    return frozenset(
        _clause_key(text[a:b])
        for a, b, _, _ in _clauses(text)
        if len(text[a:b].split()) <= FRAGMENT_MAX_WORDS + 2
    )


@lru_cache(maxsize=_TEXTS)
def _fragment_candidates(text: str) -> tuple[tuple[tuple[str, ...], Artifact], ...]:
    """(clause key, artifact) of every clause short enough to be a fragment."""
    out: list[tuple[tuple[str, ...], Artifact]] = []
    for a, b, pa, pb in _clauses(text):
        if a == pa and b >= pb:
            continue  # a whole paragraph (a heading, a furniture line)
        # count the words before making tokens: most clauses are long enough
        n = len(WORD.findall(text, a, b))
        if not n or n > FRAGMENT_MAX_WORDS:
            continue
        toks = tokenize(text[a:b], a)
        if all(t.is_number for t in toks):
            continue  # list numbers
        start, end = toks[0].start, b
        while end > start and text[end - 1].isspace():
            end -= 1
        out.append((tuple(t.lower for t in toks),
                    Artifact("fragment", start, end, text[start:end], "dangling fragment")))
    return tuple(out)


def fragments(text: str, other: str) -> list[Artifact]:
    """Very short clauses inside a longer paragraph that the other text never has as such
    ("I'm here.", "said it is.", "Politico.") -- typical of round-trip translation."""
    other_clauses = _short_clause_keys(other)
    return [art for key, art in _fragment_candidates(text) if key not in other_clauses]


@lru_cache(maxsize=1)
def _rules() -> FurnitureRules:
    """The ingest stage's furniture list (static package data, read once)."""
    return default_rules()


def _is_furniture_line(line: str) -> bool:
    if FURNITURE.match(line):
        return True
    # the ingest list judges short lines, and long ones only by site wording ("our
    # newsletter"); article paragraphs longer than this are never furniture
    return len(line.split()) <= FURNITURE_MAX_WORDS and is_furniture(line, _rules())


def furniture(text: str) -> list[Artifact]:
    """Lines a scraper left in: "Advertisement", "Exit mobile version", "Share this article"."""
    return list(_furniture(text))


@lru_cache(maxsize=_TEXTS)
def _furniture(text: str) -> tuple[Artifact, ...]:
    out: list[Artifact] = []
    pos = 0
    for para in text.split("\n"):
        line = para.strip()
        if line and _is_furniture_line(line):
            start = pos + para.index(line)
            out.append(Artifact("furniture", start, start + len(line), line, "site furniture"))
        elif line:
            m = FURNITURE_PREFIX.match(line)
            if m and len(line) > m.end():
                start = pos + para.index(line)
                end = start + len(m.group().rstrip())
                out.append(Artifact("furniture", start, end, text[start:end], "site furniture"))
        pos += len(para) + 1
    return tuple(out)


def find_artifacts(text: str, other: str, edits: list[Edit]) -> list[Artifact]:
    """All artifacts of `text` (the copy) against `other` (its source), in text order.

    `edits` are oriented with `text` as the query side.
    """
    found = unknown_words(edits, text, other) + fragments(text, other) + furniture(text)
    # a furniture line is not also a fragment
    furn = [(a.start, a.end) for a in found if a.kind == "furniture"]
    found = [
        a
        for a in found
        if a.kind == "furniture" or not any(s <= a.start < e for s, e in furn)
    ]
    found.sort(key=lambda a: (a.start, a.kind))
    return found
