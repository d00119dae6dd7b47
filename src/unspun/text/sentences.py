"""Sentence spans over normalised text (offsets into the same string)."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) before
# whitespace and an upper-case letter, digit or opening quote; or at a paragraph break.
_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u00C0-\u024F])|\n+"
)
# Abbreviations after which a full stop does not end a sentence.
_ABBREV = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Sgt|Rep|Sen|Gov|Jr|Sr|Inc|Ltd|Co|Corp|vs|No|Mt|U\.S|U\.K|e\.g|i\.e)\.|\b[A-Z]\.)$"
)

_CLOSING = re.compile(r"[\"'\u201d\u2019)\]]*")


@dataclass(slots=True, frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences; each keeps its exact span in `text`."""
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        # closing quotes and brackets stay with the sentence they close
        closing = _CLOSING.match(m.group())
        piece_end = m.start() + (closing.end() if closing else 0)
        if "\n" not in m.group() and _ABBREV.search(text[start:piece_end]):
            continue
        _append(out, text, start, piece_end)
        start = m.end()
    _append(out, text, start, len(text))
    return out


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))
