"""Build an `Article` from its parts: the one constructor every reader uses."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from unspun.ingest.site import site_of
from unspun.model import PARAGRAPH_SEP, Article, Block, BlockRole, article_id
from unspun.text.normalize import normalize_paragraph

log = logging.getLogger("unspun.ingest")


def build_article(
    paragraphs: Sequence[tuple[BlockRole, str]],
    *,
    url: str | None = None,
    title: str | None = None,
    published: date | None = None,
    lang: str | None = None,
    site: str | None = None,
    max_chars: int | None = None,
    normalized: bool = False,
    source_id: str | None = None,
) -> Article:
    """Normalise `paragraphs` (role, raw text), join them and compute spans and id.

    The headline block, when present, comes first in `text`; `title` defaults to it.
    Empty paragraphs are skipped; text beyond `max_chars` is cut at a paragraph end, or
    inside the paragraph that crosses it when nothing but headline comes before (one
    paragraph longer than the cap, a 10 MB line, is cut, not dropped whole).
    `normalized=True` says the texts already went through `normalize_paragraph` (as
    `clean_paragraphs` returns them), sparing a second, costly pass. `source_id` is the
    input's own id for the article, kept as given.
    """
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    cut = 0
    for role, raw in paragraphs:
        para = raw if normalized else normalize_paragraph(raw)
        if not para:
            continue
        start = pos + len(PARAGRAPH_SEP) if parts else pos
        if max_chars is not None and start + len(para) > max_chars:
            cut = max_chars
            if start >= max_chars or any(b.role != "headline" for b in blocks):
                break
            para = para[: max_chars - start].rstrip()
            if not para:
                break
        blocks.append(Block(role, start, start + len(para)))
        parts.append(para)
        pos = start + len(para)
    text = PARAGRAPH_SEP.join(parts)
    if title is None:
        heads = [b for b in blocks if b.role == "headline"]
        title = text[heads[0].start : heads[0].end] if heads else ""
    else:
        title = normalize_paragraph(title)
    if cut:
        # said, not silent: the reader gets an article, the user a warning line
        log.warning("%s: text longer than %s characters; the article keeps the first %s",
                    url or repr(title[:80]) or "an article", f"{cut:,}", f"{cut:,}")
    return Article(
        id=article_id(url, text),
        url=url,
        site=site if site is not None else site_of(url),
        title=title,
        published=published,
        lang=lang,
        text=text,
        blocks=tuple(blocks),
        source_id=source_id,
    )
