"""Names against the library: page names a small edit away from a name many library
articles use in the same context ("probably garbled: Reinsal (library: Reinsalu, 14
articles)"). Pure: the library's counts come in as plain data (`NameStats`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz.distance import Indel

from unspun.align.features import zipf
from unspun.inspection.types import GarbledName
from unspun.text.names import NameMention

#: Page names at least this long are checked.
MIN_NAME_CHARS = 5
#: The two spellings are at least this similar (Indel: Simmons / Symonds 0.71).
MIN_SIMILARITY = 0.7
#: Dictionary words this common are not garbled names ("Ukrainian" is not "Ukraine" garbled).
MAX_NAME_ZIPF = 3.0
#: The library spelling is used by at least this many articles, and at least this many
#: times as often as the page's spelling.
MIN_ARTICLES = 2
MIN_RATIO = 5


@dataclass(slots=True)
class NameStats:
    """What the library says about the page's names."""

    #: Articles using each name (page names and their near spellings).
    counts: dict[str, int] = field(default_factory=dict)
    #: Page name -> library names sharing a spelling key.
    near: dict[str, list[str]] = field(default_factory=dict)
    #: (page name, library name) -> (articles naming both the library name and one of the
    #: page's other names, the context names they share most).
    context: dict[tuple[str, str], tuple[int, tuple[str, ...]]] = field(default_factory=dict)
    #: The page has other names the library knows (so context can be asked for).
    has_context: bool = False


def _inflection(a: str, b: str) -> bool:
    short, long_ = sorted((a, b), key=len)
    return long_ in (short + "s", short + "es", short + "n", short + "an", short + "ian")


def candidates(mentions: list[NameMention]) -> list[str]:
    """The page names worth checking (long enough, not common words), distinct, sorted."""
    return sorted({m.name for m in mentions
                   if len(m.name) >= MIN_NAME_CHARS and zipf(m.name) < MAX_NAME_ZIPF})


def plausible(page: str, lib: str, counts: dict[str, int]) -> bool:
    """`lib` could be the right spelling of `page`, judged on spelling and counts alone."""
    n_lib, n_page = counts.get(lib, 0), counts.get(page, 0)
    return (n_lib >= MIN_ARTICLES and n_page * MIN_RATIO <= n_lib and not _inflection(page, lib)
            and Indel.normalized_similarity(page, lib) >= MIN_SIMILARITY)


def garbled_names(mentions: list[NameMention], stats: NameStats) -> list[GarbledName]:
    """The page's probably garbled names, most-used library spelling first (one entry per
    page name, at its first mention)."""
    first: dict[str, NameMention] = {}
    for m in mentions:
        first.setdefault(m.name, m)
    out: list[GarbledName] = []
    for name in candidates(mentions):
        best: GarbledName | None = None
        for lib in stats.near.get(name, []):
            if not plausible(name, lib, stats.counts):
                continue
            shared, ctx = stats.context.get((name, lib), (0, ()))
            if stats.has_context and shared == 0:
                continue  # the library uses that spelling about other things
            m = first[name]
            g = GarbledName(name=name, start=m.start, end=m.end, library_name=lib,
                            articles=stats.counts[lib], in_context=shared, context=ctx,
                            page_spelling_articles=stats.counts.get(name, 0))
            if best is None or (g.in_context, g.articles) > (best.in_context, best.articles):
                best = g
        if best is not None:
            out.append(best)
    out.sort(key=lambda g: (-g.articles, g.start))
    return out
