"""Normalisation of article text: the form every offset refers to."""

from __future__ import annotations

import re
import unicodedata

import ftfy

_BLANKS = re.compile(r"\n\s*\n+")
# Control characters other than newline and tab carry no text and break offsets in reports.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\u200c\u200d\u2060\ufeff]")


# Text that may need ftfy: Latin-1 and cp125x ranges (where mojibake lives), Greek and
# Cyrillic (sloppy-windows-1253/1251 mojibake), HTML entities, controls, ligatures,
# full-width forms and surrogates. Anything else (ASCII, typographic punctuation, other
# scripts) is already clean text, and skipping ftfy for it makes ingestion several
# times faster with identical output (tested against ftfy itself).
_NEEDS_FTFY = re.compile(
    "[&\x00-\x08\x0b-\x1f\x7f-\xff\u0370-\u04ff\ufb00-\ufb06\uff01-\uffef"
    "\ud800-\udfff\u2028\u2029]"
)
# What ftfy's uncurl_quotes does, for text that skips ftfy.
_UNCURL = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})


def fix_text(text: str) -> str:
    """ftfy's repairs (mojibake, entities, curly quotes, ...) and NFC, fast on clean text."""
    if _NEEDS_FTFY.search(text) is None:
        return unicodedata.normalize("NFC", text.translate(_UNCURL))
    return ftfy.fix_text(text, normalization="NFC")


def normalize_paragraph(text: str) -> str:
    """One paragraph: mojibake fixed, NFC, control characters dropped, whitespace collapsed."""
    text = fix_text(text)
    text = _CONTROL.sub("", text)
    # Every whitespace run (newlines too) to one space: split() and \s share Python's
    # definition of whitespace, and this is ~4x faster than the regex substitution.
    text = " ".join(text.split())
    return unicodedata.normalize("NFC", text).strip()


def split_paragraphs(text: str) -> list[str]:
    """Split raw text into normalised, non-empty paragraphs.

    Blank lines separate paragraphs; when a text has no blank line at all, each
    line is a paragraph (common in scraped text).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = _BLANKS.split(text) if _BLANKS.search(text) else text.split("\n")
    return [p for p in (normalize_paragraph(c) for c in chunks) if p]
