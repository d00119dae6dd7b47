"""Plain text -> Article: the first line is the headline, paragraphs are split on blank lines.

Without a blank line, each line is a paragraph, unless the text is hard-wrapped: then
the wrapped lines are joined again (see `reflow.py`). Scraped text keeps the page's
structure only as line shapes, so roles are read from them (labels only; nothing is
dropped for its role): right after the headline, lines that do not read as sentences (a
second headline, bullet points) are the standfirst; in the body, a single line of six
or more words with no closing punctuation is a caption (news captions are written
without a full stop). Bullet marks are removed and each bullet becomes its own
paragraph (with its indented continuation lines).
"""

from __future__ import annotations

import re
from datetime import date

from unspun.errors import InputError
from unspun.ingest.assemble import build_article
from unspun.ingest.clean import (
    Paragraph,
    clean_paragraphs,
    is_sentence_like,
    normalize_paragraphs,
    word_count,
)
from unspun.ingest.lang import guess_lang
from unspun.ingest.reflow import BULLET, CLOSES, join_lines, wrap_width
from unspun.model import Article, BlockRole
from unspun.options import ReadOptions
from unspun.text.normalize import normalize_paragraph

_BLANK = re.compile(r"\n[^\S\n]*\n")
_MAX_HEADLINE_CHARS = 300
_MAX_LEAD = 8


def _split(text: str) -> list[str]:
    """Paragraphs on blank lines (without a blank line: a line each, or the wrapped lines
    joined again); bullets always stand alone, without their mark."""
    if not _BLANK.search(text):
        lines = text.split("\n")
        out = join_lines(lines, wrap_width(lines))
    else:
        out = []
        for chunk in _BLANK.split(text):
            lines = chunk.split("\n")
            if any(BULLET.match(line) for line in lines):
                out.extend(join_lines(lines, None))
            elif chunk.strip():
                out.append(chunk)
    return [p for p in (normalize_paragraph(c) for c in out) if p]


def _is_caption_shape(raw_line: str) -> bool:
    return word_count(raw_line) >= 6 and not CLOSES.search(raw_line.rstrip())


def paragraphs_from_text(text: str, *, title: str | None = None) -> list[Paragraph]:
    """Role-labelled paragraphs of plain text (see the module docstring)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    out: list[Paragraph] = []
    if title:
        out.append(("headline", title))
    else:
        first, _, text = text.lstrip().partition("\n")
        if len(first) <= _MAX_HEADLINE_CHARS:
            out.append(("headline", first))
        else:
            text = f"{first}\n{text}"
    in_lead = True
    for i, para in enumerate(_split(text)):
        role: BlockRole = "body"
        # A lead of more than a handful of unpunctuated lines is unpunctuated body text.
        if in_lead and i < _MAX_LEAD and not is_sentence_like(para) and not CLOSES.search(para):
            role = "standfirst"
        else:
            in_lead = False
            if _is_caption_shape(para):
                role = "caption"
        out.append((role, para))
    return out


def article_from_text(
    text: str,
    *,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
    options: ReadOptions = ReadOptions(),
    site: str | None = None,
    source_id: str | None = None,
) -> Article:
    """Build an Article from plain text. Raises InputError when there is no text.

    `title`, when given, is the headline (a first line repeating it is dropped as a
    repeat); otherwise the first line is. `site` defaults to the URL's domain;
    `source_id` is the input's own id for the article.
    """
    source = url or "<text>"
    if len(text) > options.max_page_bytes:
        raise InputError(source, f"text is larger than {options.max_page_bytes} bytes")
    if not text.strip():
        raise InputError(source, "empty text")
    paragraphs = paragraphs_from_text(text, title=title)
    paragraphs = (clean_paragraphs if options.clean else normalize_paragraphs)(paragraphs)
    if not paragraphs:
        raise InputError(source, "no article text left after removing site furniture")
    head = paragraphs[0][1] if paragraphs[0][0] == "headline" else None
    if head is None and not title:
        title = " ".join(paragraphs[0][1].split()[:12])
    sample = " ".join(t for _, t in paragraphs[:20])
    return build_article(
        paragraphs,
        url=url,
        title=title,
        published=published,
        lang=guess_lang(sample),
        site=site,
        max_chars=options.max_text_chars,
        normalized=True,
        source_id=source_id,
    )
