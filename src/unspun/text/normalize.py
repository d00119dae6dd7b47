"""Normalisation of article text: the form every offset refers to."""

from __future__ import annotations

import re
import unicodedata

import ftfy

_SPACES = re.compile(r"[^\S\n]+")
_BLANKS = re.compile(r"\n\s*\n+")
# Control characters other than newline and tab carry no text and break offsets in reports.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\u200c\u200d\u2060\ufeff]")


def normalize_paragraph(text: str) -> str:
    """One paragraph: mojibake fixed, NFC, control characters dropped, whitespace collapsed."""
    text = ftfy.fix_text(text, normalization="NFC")
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text.replace("\n", " "))
    return unicodedata.normalize("NFC", text).strip()


def split_paragraphs(text: str) -> list[str]:
    """Split raw text into normalised, non-empty paragraphs.

    Blank lines separate paragraphs; when a text has no blank line at all, each
    line is a paragraph (common in scraped text).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = _BLANKS.split(text) if _BLANKS.search(text) else text.split("\n")
    return [p for p in (normalize_paragraph(c) for c in chunks) if p]
