"""SQLite FTS5's unicode61 tokens (diacritics removed), in Python: what the library's term
index holds for a term list, so a search over arrays (`unspun.stories.search`) or over Spark
(`unspun.engines.spark_tasks`) finds the postings the index would. Pure."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def fts_tokens(text: str) -> list[str]:
    """Tokens of SQLite FTS5's unicode61 tokenizer (diacritics removed, case folded; letters,
    digits and private-use characters are token characters, everything else separates)."""
    s = "".join(ch for ch in unicodedata.normalize("NFD", text.lower())
                if unicodedata.category(ch) != "Mn")
    out: list[str] = []
    cur: list[str] = []
    for ch in s:
        if unicodedata.category(ch)[0] in "LN" or unicodedata.category(ch) == "Co":
            cur.append(ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def index_tokens(terms_text: str) -> list[str]:
    """The distinct tokens the index holds for an article's stored term list (its
    `articles.terms`), in first-seen order. Term lists are lower-case index forms
    (`retrieve.terms.index_form`), so an ASCII list is its own tokens."""
    if terms_text.isascii():
        toks = terms_text.split()
        if all(t.isalnum() for t in toks):
            return list(dict.fromkeys(t.lower() for t in toks))
    return list(dict.fromkeys(fts_tokens(terms_text)))


def query_tokens(terms: Sequence[str]) -> list[str]:
    """The tokens `Library.term_candidates` looks up for these query terms: each term once
    (first occurrence), only letters and digits, as the index's tokenizer folds it."""
    out: list[str] = []
    for t in dict.fromkeys(terms):
        if t.isalnum():
            if t.isascii():
                out.append(t.lower())
                continue
            toks = fts_tokens(t)
            if len(toks) == 1:
                out.append(toks[0])
    return out
