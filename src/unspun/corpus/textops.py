"""Span replacement with offset bookkeeping: the one way copies are derived from a source.

Every derivation that keeps the source's wording (spinning, meaning edits, translation
noise, light edits) is a list of non-overlapping replacements on the source text. Applying
them in one pass gives the copy text and, for each replacement, its span in both texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unspun.model import PARAGRAPH_SEP


@dataclass(slots=True, frozen=True)
class Replacement:
    start: int
    end: int
    new: str
    #: what the change is (synonym, name, number, quote, attribution, negation, insertion,
    #: deletion, nonsense, garbled-name, broken-attribution, fragment, transliteration, ...)
    type: str


@dataclass(slots=True, frozen=True)
class Applied:
    type: str
    source_text: str
    copy_text: str
    source_start: int
    source_end: int
    copy_start: int
    copy_end: int

    def record(self) -> dict[str, object]:
        return {
            "type": self.type,
            "source_text": self.source_text,
            "copy_text": self.copy_text,
            "source_start": self.source_start,
            "source_end": self.source_end,
            "copy_start": self.copy_start,
            "copy_end": self.copy_end,
        }


def apply(text: str, reps: list[Replacement]) -> tuple[str, list[Applied]]:
    """Apply non-overlapping `reps` (any order) to `text`; overlapping ones are skipped."""
    out: list[str] = []
    applied: list[Applied] = []
    pos = 0
    shift = 0
    for r in sorted(reps, key=lambda r: (r.start, r.end)):
        if r.start < pos:
            continue
        out.append(text[pos : r.start])
        c_start = r.start + shift
        out.append(r.new)
        applied.append(
            Applied(
                r.type, text[r.start : r.end], r.new, r.start, r.end, c_start, c_start + len(r.new)
            )
        )
        shift += len(r.new) - (r.end - r.start)
        pos = r.end
    out.append(text[pos:])
    return "".join(out), applied


_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text inside quotation marks (curly or straight), marks included."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for para in text.split(PARAGRAPH_SEP):
        spans.append((pos, pos + len(para)))
        pos += len(para) + len(PARAGRAPH_SEP)
    return spans


def match_case(template: str, word: str) -> str:
    """`word` with the capitalisation of `template` (all caps, title or lower)."""
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[:1].isupper():
        return word[:1].upper() + word[1:]
    return word
