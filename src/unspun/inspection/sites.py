"""The machine-rewriting score per site: the share of a site's articles that look
machine-rewritten, also among those with no source found (what `unspun sites` adds to the
content-farm profile). Scoring every article of a big library is slow, so each site is
judged on a fixed sample of its articles (the first `per_site` by article id: the same
sample every run)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from unspun.inspection.core import inspect_page
from unspun.inspection.score import RewritingModel, load_model
from unspun.model import Article
from unspun.options import InspectOptions
from unspun.stories.sites import NO_SITE
from unspun.stories.types import Member


@dataclass(slots=True, frozen=True)
class SiteRewriting:
    site: str
    #: Articles scored, and how many look machine-rewritten.
    sampled: int
    rewritten: int
    #: The same among articles with no source found (not copies of a library article).
    no_source: int
    no_source_rewritten: int

    @property
    def share(self) -> float:
        return self.rewritten / self.sampled if self.sampled else 0.0

    @property
    def share_no_source(self) -> float:
        return self.no_source_rewritten / self.no_source if self.no_source else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"sampled": self.sampled, "rewritten": self.rewritten,
                "share": round(self.share, 4), "no_source": self.no_source,
                "no_source_rewritten": self.no_source_rewritten,
                "share_no_source": round(self.share_no_source, 4)}

    def reason(self) -> str:
        text = (f"looks machine-rewritten: {self.rewritten} of {self.sampled} articles "
                f"({self.share:.0%})")
        if self.no_source:
            text += (f", {self.no_source_rewritten} of the {self.no_source} with no source "
                     f"found")
        return text


def sample(members: Iterable[Member], sites: Sequence[str], per_site: int
           ) -> dict[str, list[Member]]:
    """Up to `per_site` members of each of `sites`, the first by article id."""
    wanted = set(sites)
    by: dict[str, list[Member]] = {}
    for m in members:
        site = m.site or NO_SITE
        if site in wanted:
            by.setdefault(site, []).append(m)
    return {s: sorted(ms, key=lambda m: m.article_id)[:per_site] for s, ms in by.items()}


def summarize(site: str, scored: Sequence[tuple[Member, bool]]) -> SiteRewriting:
    """(member, looks rewritten) of one site's sample -> its counts."""
    free = [r for m, r in scored if m.role != "copy"]
    return SiteRewriting(site=site, sampled=len(scored), rewritten=sum(r for _, r in scored),
                         no_source=len(free), no_source_rewritten=sum(free))


def site_rewriting(members: Sequence[Member], sites: Sequence[str],
                   fetch: Callable[[list[str]], Mapping[str, Article]], per_site: int = 20,
                   model: RewritingModel | None = None) -> dict[str, SiteRewriting]:
    """The rewriting counts of each of `sites` (`fetch`: article ids -> stored articles)."""
    m = model or load_model()
    opts = InspectOptions()
    picked = sample(members, sites, per_site)
    arts = fetch(sorted({x.article_id for ms in picked.values() for x in ms}))
    out: dict[str, SiteRewriting] = {}
    for site, ms in picked.items():
        scored = [(x, inspect_page(arts[x.article_id], m, opts).rewritten)
                  for x in ms if x.article_id in arts]
        out[site] = summarize(site, scored)
    return out


def library_fetch(library: Any) -> Callable[[list[str]], dict[str, Article]]:
    """`fetch` over an open Library."""
    def fetch(ids: list[str]) -> dict[str, Article]:
        out: dict[str, Article] = {}
        for i in ids:
            a = library.get(i)
            if a is not None:
                out[i] = a
        return out
    return fetch
