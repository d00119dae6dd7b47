"""Site profiles: how much of what a site publishes is copied, from whom, how fast, how
faithfully, and a content-farm score with the reasons behind it.

The score (0..1) is a weighted sum, shrunk towards 0 for sites with few articles
(multiplied by n / (n + 1)) so one copied article does not top the ranking:

    0.50 share of the site's articles that are copies
  + 0.20 share of its copies that are spun or translated (disguised copying)
  + 0.15 share of its copies with meaning-changing edits
  + 0.15 when it copies but is never the original of any story
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping, Sequence

from unspun.published import days_between
from unspun.stories.types import Member, PairResult, SiteProfile

DISGUISED = frozenset({"spun", "translated"})
W_COPIES = 0.50
W_DISGUISED = 0.20
W_MEANING = 0.15
W_NEVER_ORIGINAL = 0.15
NO_SITE = "(no site)"


def _pct(k: int, n: int) -> str:
    return f"{k} of {n} ({k / n:.0%})" if n else "0"


def site_profiles(members: Sequence[Member], parent_links: Mapping[str, PairResult],
                  roots: Mapping[str, str]) -> list[SiteProfile]:
    """One profile per site, best content-farm candidates first.

    `parent_links`: copy id -> its lineage link; `roots`: article id -> the original its
    chain of copies starts from (for the delay after the original).
    """
    by_id = {m.article_id: m for m in members}
    per_site: dict[str, list[Member]] = {}
    for m in members:
        per_site.setdefault(m.site or NO_SITE, []).append(m)
    copied = {m.copied_from_id for m in members if m.copied_from_id is not None}
    copied_by: Counter[str] = Counter()
    for m in members:
        if m.role == "copy" and m.copied_from_id is not None:
            src = by_id[m.copied_from_id]
            if (src.site or NO_SITE) != (m.site or NO_SITE):
                copied_by[src.site or NO_SITE] += 1
    out: list[SiteProfile] = []
    for site, ms in per_site.items():
        n = len(ms)
        copies = [m for m in ms if m.role == "copy"]
        originals = sum(1 for m in ms if m.role == "original" and m.article_id in copied)
        same = sum(1 for m in ms if m.role == "same-story")
        sources: Counter[str] = Counter()
        delays: list[float] = []
        disguised = meaning = 0
        for m in copies:
            if m.copied_from_id is not None:
                sources[by_id[m.copied_from_id].site or NO_SITE] += 1
            link = parent_links.get(m.article_id)
            if link is not None:
                disguised += link.verdict in DISGUISED
                meaning += link.meaning_edits > 0
            root = by_id.get(roots.get(m.article_id, ""))
            if root is not None and root.published and m.published:
                delays.append(days_between(root.published, m.published))
        k = len(copies)
        share_copies = k / n
        share_disguised = disguised / k if k else 0.0
        share_meaning = meaning / k if k else 0.0
        never_original = k > 0 and originals == 0
        raw = (W_COPIES * share_copies + W_DISGUISED * share_disguised
               + W_MEANING * share_meaning + (W_NEVER_ORIGINAL if never_original else 0.0))
        score = round(raw * n / (n + 1), 4)
        top = sorted(sources.items(), key=lambda x: (-x[1], x[0]))
        delay = statistics.median(delays) if delays else None
        reasons: list[str] = []
        if k:
            reasons.append(f"copies: {_pct(k, n)} of its articles")
            reasons.append("copied from " + ", ".join(f"{s} ({c})" for s, c in top[:5]))
            if disguised:
                reasons.append(f"spun or translated: {_pct(disguised, k)} of its copies")
            if meaning:
                reasons.append(f"meaning-changing edits (names, numbers, quotes, attributions,"
                               f" negations, added sentences): {_pct(meaning, k)} of its copies")
            if never_original:
                reasons.append("never the original of a story")
            if delay is not None:
                reasons.append(f"median delay after the original: {delay:g} days")
        else:
            reasons.append("no copies found among its articles")
        if originals:
            reasons.append(f"original of {originals} copied article(s)")
        if n < 3:
            reasons.append(f"only {n} article(s): weak evidence")
        out.append(SiteProfile(
            site=site, articles=n, originals=originals, copies=k, same_story=same,
            copied_from=top, copied_by_others=copied_by[site], median_delay_days=delay,
            share_spun_or_translated=round(share_disguised, 4),
            share_meaning_edits=round(share_meaning, 4), farm_score=score, reasons=reasons))
    out.sort(key=lambda p: (-p.farm_score, -p.copies, p.site))
    return out
