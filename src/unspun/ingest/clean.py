"""Cleaning inside one article: site furniture by a data-driven list, and repeated blocks.

Pure functions over `(role, text)` paragraphs, applied before `build_article`. The
list lives in `furniture.txt` beside this module (its header gives the format). Rules
that learn furniture across many pages of one site live in `sitefurniture.py`.

The guiding rule: never drop a sentence that belongs to the article. Patterns match a
whole paragraph, never part of one; plain patterns only apply to short lines that do
not read as a sentence; a glued "advertisement" is only removed when what remains is a
repeat of a paragraph already kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from unspun.model import BlockRole
from unspun.text.normalize import normalize_paragraph

Paragraph = tuple[BlockRole, str]

#: Plain patterns apply to paragraphs of at most this many words.
SHORT_WORDS = 14
#: "@any" patterns apply up to this many words (long cookie banners).
ANY_WORDS = 120

_EDGE = "\u2022\u00b7\u25aa\u25cf\u25ba\u25b6|»›>*#=~_-\u2013\u2014 \t"
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$|[\"\u201d\u2019]$")
_KEY_DROP = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(slots=True, frozen=True)
class FurnitureRules:
    """Compiled furniture list: `short` for short non-sentence lines, `anywhere` for any line."""

    short: re.Pattern[str] | None
    anywhere: re.Pattern[str] | None
    glue: frozenset[str]


def parse_rules(text: str) -> FurnitureRules:
    """Compile the furniture-list format (see `furniture.txt`). Bad regexes raise ValueError."""
    short: list[str] = []
    anywhere: list[str] = []
    glue: set[str] = set()
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@glue "):
            glue.add(line[6:].strip().casefold())
            continue
        target = short
        if line.startswith("@any "):
            line, target = line[5:].strip(), anywhere
        try:
            re.compile(line)
        except re.error as exc:
            raise ValueError(f"furniture pattern on line {lineno} is not a regex: {exc}") from exc
        target.append(f"(?:{line})")

    def join(parts: list[str]) -> re.Pattern[str] | None:
        return re.compile("|".join(parts), re.IGNORECASE) if parts else None

    return FurnitureRules(join(short), join(anywhere), frozenset(glue))


@lru_cache(maxsize=1)
def default_rules() -> FurnitureRules:
    """The list shipped with the package."""
    data = resources.files("unspun.ingest").joinpath("furniture.txt").read_text("utf-8")
    return parse_rules(data)


def word_count(text: str) -> int:
    return len(text.split())


def is_sentence_like(text: str) -> bool:
    """Six or more words ending as a sentence does: the shape of article text."""
    return word_count(text) >= 6 and _SENTENCE_END.search(text.rstrip()) is not None


def block_key(text: str) -> str:
    """Comparison key for repeats: case-folded words only, punctuation and spacing ignored."""
    return _KEY_DROP.sub(" ", text.casefold()).strip()


def is_furniture(text: str, rules: FurnitureRules | None = None) -> bool:
    """True when the whole paragraph `text` is site furniture by the list."""
    return _is_furniture(normalize_paragraph(text), rules or default_rules())


def _is_furniture(text: str, rules: FurnitureRules) -> bool:
    """`is_furniture` for text already normalised."""
    line = text.strip(_EDGE)
    if not line:
        return True  # only bullets, pipes or dashes
    n = word_count(line)
    if rules.anywhere is not None and n <= ANY_WORDS and rules.anywhere.fullmatch(line):
        return True
    if n > SHORT_WORDS or is_sentence_like(line) or rules.short is None:
        return False
    # Trailing ":" / "." / "!" on a short label ("Read more:", "Subscribe!") is furniture too.
    return rules.short.fullmatch(line) is not None or rules.short.fullmatch(
        line.rstrip(".:!")
    ) is not None


def _strip_glue(text: str, glue: frozenset[str]) -> str | None:
    """`text` without a glued furniture word at its start or end; None if there is none."""
    words = text.split()
    if len(words) < 2:
        return None
    if words[0].casefold().strip(":|-") in glue:
        return " ".join(words[1:])
    if words[-1].casefold().strip(":|-") in glue:
        return " ".join(words[:-1])
    return None


def normalize_paragraphs(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """Every paragraph normalised, empty ones dropped (for build_article(normalized=True))."""
    out = [(role, normalize_paragraph(text)) for role, text in paragraphs]
    return [(role, text) for role, text in out if text]


def clean_paragraphs(
    paragraphs: Sequence[Paragraph], rules: FurnitureRules | None = None
) -> list[Paragraph]:
    """Drop furniture and repeated paragraphs, keeping the first of each repeat.

    A paragraph is a repeat when its `block_key` equals that of a paragraph already
    kept, whatever the roles (a caption printed twice, a headline printed again at the
    foot). Paragraph order and roles are otherwise unchanged; texts come back
    normalised (`normalize_paragraph`).
    """
    rules = rules or default_rules()
    kept: list[Paragraph] = []
    seen: set[str] = set()
    for role, raw in paragraphs:
        text = normalize_paragraph(raw)
        if not text or _is_furniture(text, rules):
            continue
        key = block_key(text)
        if key in seen:
            continue
        rest = _strip_glue(text, rules.glue)
        if rest is not None and (not block_key(rest) or block_key(rest) in seen):
            continue
        seen.add(key)
        kept.append((role, text))
    return kept
