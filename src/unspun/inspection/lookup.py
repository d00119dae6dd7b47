"""Where to look: the page's most distinctive searchable phrases and names, the query a
person would paste into a search engine or a news archive. Garbled names are searched in
the library's spelling (a search for the garbled one finds only other copies)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from unspun.align.features import zipf
from unspun.inspection.flags import TITLES
from unspun.inspection.types import Flag, GarbledName
from unspun.text.names import name_mentions
from unspun.text.tokens import STOPWORDS, tokenize

_QUOTE = re.compile(r"[\"\u201c]([^\"\u201c\u201d\n]{20,400})[\"\u201d]")
#: A quoted passage is suggested when it has this many words (a shorter one is too common,
#: a longer one is cut to its first QUOTE_WORDS words).
QUOTE_MIN_WORDS = 6
QUOTE_WORDS = 12
#: A run of capitalised words all this common is title case, not a name.
COMMON_NAME_ZIPF = 4.0
#: Words at least this rare (Zipf) are distinctive search terms.
RARE_TERM_ZIPF = 3.5


def _rarity(words: list[str]) -> float:
    return sum(max(0.0, 7.0 - zipf(w.lower())) for w in words)


def name_runs(text: str, fix: dict[str, str], bad: Sequence[tuple[int, int]] = ()
              ) -> list[tuple[str, float]]:
    """Runs of adjacent names ("Charles Michel", "Urmas Reinsalu"), spelled as the library
    spells them, with their rarity (flagged words, such as nonsense, are left out)."""
    runs: list[list[str]] = []
    last_end = -2
    for m in name_mentions(text):
        if any(s <= m.start < e for s, e in bad):
            continue
        word = text[m.start : m.end]
        word = fix.get(m.name, word)
        if runs and text[last_end : m.start] == " ":
            runs[-1].append(word)
        else:
            runs.append([word])
        last_end = m.end
    seen: dict[str, float] = {}
    for r in runs:
        while r and r[0].lower() in TITLES:
            r = r[1:]  # "Foreign Minister", "President": the person follows
        if len(r) > 2:
            r = r[-2:]  # "Council President Charles Michel": a person's name ends the run
        if not r or all(zipf(w.lower()) >= COMMON_NAME_ZIPF for w in r):
            continue  # no words at all, or common words in title case ("Offer Asylum")
        if len(r) >= 2 or zipf(r[0].lower()) < RARE_TERM_ZIPF:
            seen.setdefault(" ".join(r), _rarity(r))
    return sorted(seen.items(), key=lambda x: -x[1])


def quotes(text: str, bad: Sequence[tuple[int, int]]) -> list[tuple[str, float]]:
    """Quoted passages (their first words), unless a flag falls inside them."""
    out: list[tuple[str, float]] = []
    for m in _QUOTE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in bad):
            continue
        words = m.group(1).split()
        if len(words) >= QUOTE_MIN_WORDS:
            words = words[:QUOTE_WORDS]
            out.append((" ".join(words).strip(",.;:"), _rarity(words) / len(words)))
    return sorted(out, key=lambda x: -x[1])


def rare_terms(text: str, bad: Sequence[tuple[int, int]], limit: int) -> list[str]:
    """Lower-case content words rarer than RARE_TERM_ZIPF (not flagged ones), rarest first."""
    seen: dict[str, float] = {}
    for t in tokenize(text):
        if (t.text.isalpha() and t.text.islower() and t.lower not in STOPWORDS
                and not any(s <= t.start < e for s, e in bad)):
            z = zipf(t.lower)
            if 0.0 < z < RARE_TERM_ZIPF:
                seen.setdefault(t.lower, z)
    return [w for w, _ in sorted(seen.items(), key=lambda x: x[1])[:limit]]


def search_phrases(text: str, flags: list[Flag], garbled: list[GarbledName], limit: int
                   ) -> tuple[list[str], str]:
    """(phrases best first, one combined query): exact quotes in quotation marks, names,
    rare words."""
    bad = [(f.start, f.end) for f in flags if f.kind != "garbled-name"]
    fix = {g.name: g.library_name[:1].upper() + g.library_name[1:] for g in garbled}
    names = [n for n, _ in name_runs(text, fix, bad)]
    quoted = [f'"{q}"' for q, _ in quotes(text, bad)]
    terms = rare_terms(text, bad, 4)
    phrases: list[str] = []
    for group in (quoted[:2], [f'"{n}"' if " " in n else n for n in names[:4]], terms[:2]):
        phrases.extend(group)
    phrases = phrases[:limit]
    query_parts = [f'"{n}"' if " " in n else n for n in names[:3]] + terms[:2]
    return phrases, " ".join(query_parts)
