"""Furniture learned across pages: short lines that one site repeats on many of its pages.

No list can know every site's own boilerplate ("The Harbour Post — news for the
islands", "Follow @harbourpost for live updates"). What gives it away is repetition:
the same short line on most pages of one site. `SiteFurniture` counts, per site, on how
many pages each candidate line appears, and drops a line from an article of that site
once it appears on at least `min_pages` pages AND on at least `min_share` of the site's
pages seen so far.

Only short lines that do not read as a sentence are ever candidates, so a sentence an
article shares with others of its site ("The ministry did not respond to a request for
comment.") is never dropped; headlines are never dropped; a line found on only a
couple of pages is kept. Articles without a site are left alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import xxhash

from unspun.errors import InputError
from unspun.ingest.assemble import build_article
from unspun.ingest.clean import block_key, is_sentence_like, word_count
from unspun.model import Article

#: Candidate lines have at most this many words.
MAX_LINE_WORDS = 12
#: Bound on tracked (site, line) pairs, so a multi-GB crawl cannot grow memory without end.
MAX_TRACKED = 2_000_000


def _candidate(text: str) -> bool:
    return word_count(text) <= MAX_LINE_WORDS and not is_sentence_like(text)


def _hash(text: str) -> int:
    return xxhash.xxh64_intdigest(block_key(text).encode("utf-8"))


@dataclass(slots=True)
class SiteFurniture:
    """Per-site counts of short lines, and the rule that turns them into furniture."""

    min_pages: int = 3
    min_share: float = 0.5
    pages: Counter[str] = field(default_factory=Counter)
    lines: dict[str, Counter[int]] = field(default_factory=dict)
    tracked: int = 0

    def observe(self, article: Article) -> None:
        """Count one page of `article.site` (each distinct line once per page)."""
        if not article.site:
            return
        self.pages[article.site] += 1
        counts = self.lines.setdefault(article.site, Counter())
        seen: set[int] = set()
        for block in article.blocks:
            text = article.block_text(block)
            if block.role == "headline" or not _candidate(text):
                continue
            h = _hash(text)
            if h in seen:
                continue
            seen.add(h)
            if h not in counts:
                if self.tracked >= MAX_TRACKED:
                    continue
                self.tracked += 1
            counts[h] += 1

    def is_furniture(self, site: str | None, text: str) -> bool:
        """True when `text` is a learned furniture line of `site`."""
        if not site or not _candidate(text):
            return False
        n_pages = self.pages.get(site, 0)
        hits = self.lines.get(site, Counter()).get(_hash(text), 0)
        return hits >= self.min_pages and hits >= self.min_share * n_pages

    def strip(self, article: Article) -> Article:
        """`article` without its site's learned furniture (the same object if none)."""
        if not article.site or self.pages.get(article.site, 0) < self.min_pages:
            return article
        kept = [
            (b.role, article.block_text(b))
            for b in article.blocks
            if b.role == "headline" or not self.is_furniture(article.site, article.block_text(b))
        ]
        if len(kept) == len(article.blocks) or not any(r != "headline" for r, _ in kept):
            return article
        return build_article(
            kept,
            url=article.url,
            title=article.title,
            published=article.published,
            lang=article.lang,
            site=article.site,
            normalized=True,
            source_id=article.source_id,
        )


def learn_site_furniture(
    articles: Iterable[Article], *, min_pages: int = 3, min_share: float = 0.5
) -> SiteFurniture:
    """A model learned from one pass over `articles`."""
    model = SiteFurniture(min_pages=min_pages, min_share=min_share)
    for article in articles:
        model.observe(article)
    return model


def strip_site_furniture(
    items: Iterable[Article | InputError], *, warmup: int = 1000, model: SiteFurniture | None = None
) -> Iterator[Article | InputError]:
    """Stream adapter: learn from the first `warmup` articles, then clean them and go on.

    The first `warmup` articles are held back and cleaned with everything learned from
    them (so a batch of up to `warmup` pages is cleaned as if learned in a full first
    pass); later articles are cleaned with what has been learned up to and including
    them. Errors pass through in order relative to the articles around them. When `items`
    raises, the articles held back are yielded first, then the exception goes on.
    """
    model = model or SiteFurniture()
    held: list[Article | InputError] = []
    n_articles = 0
    try:
        for item in items:
            if isinstance(item, Article):
                model.observe(item)
                n_articles += 1
            if n_articles <= warmup:
                held.append(item)
                continue
            if held:
                yield from (x if isinstance(x, InputError) else model.strip(x) for x in held)
                held.clear()
            yield item if isinstance(item, InputError) else model.strip(item)
    except GeneratorExit:  # the consumer stopped: nothing more may be yielded
        raise
    except BaseException:
        # The stream failed: hand on what is held (the caller may keep it), then the failure.
        yield from (x if isinstance(x, InputError) else model.strip(x) for x in held)
        raise
    yield from (x if isinstance(x, InputError) else model.strip(x) for x in held)
