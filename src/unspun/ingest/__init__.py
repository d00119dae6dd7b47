"""Ingest: every way in (HTML, WARC, JSONL, text, folders, stdin) ends in one `Article`.

Public API (other parts depend on these names):

- `iter_articles(inputs, options)`: stream Articles (and `InputError`s) from paths,
  folders and `-` for stdin.
- `article_from_html`, `article_from_text`, `article_from_record`: one page / text / JSONL
  object to an Article.
- `clean_paragraphs`, `is_furniture`: cleaning inside one article;
  `SiteFurniture`, `learn_site_furniture`, `strip_site_furniture`: furniture learned
  across the pages of one site.
"""

from __future__ import annotations

from unspun.errors import InputError
from unspun.ingest.assemble import build_article
from unspun.ingest.clean import clean_paragraphs, is_furniture
from unspun.ingest.html import article_from_html
from unspun.ingest.jsonl import article_from_record
from unspun.ingest.lang import guess_lang
from unspun.ingest.plaintext import article_from_text
from unspun.ingest.site import site_of
from unspun.ingest.sitefurniture import SiteFurniture, learn_site_furniture, strip_site_furniture
from unspun.ingest.sources import iter_articles

__all__ = [
    "InputError",
    "SiteFurniture",
    "article_from_html",
    "article_from_record",
    "article_from_text",
    "build_article",
    "clean_paragraphs",
    "guess_lang",
    "is_furniture",
    "iter_articles",
    "learn_site_furniture",
    "site_of",
    "strip_site_furniture",
]
