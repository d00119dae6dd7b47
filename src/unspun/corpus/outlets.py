"""Invented outlets: newsrooms that report events, and sites that copy them.

Every name and domain here is invented. Furniture lines are the boilerplate a
scraper picks up with an article (ads, share prompts, theme leftovers).
"""

from __future__ import annotations

from dataclasses import dataclass

from unspun.corpus.events import Style


@dataclass(slots=True, frozen=True)
class Outlet:
    name: str
    domain: str
    #: newsroom | wire | aggregator | farm
    kind: str
    style: Style
    #: lines this site's pages carry around an article (header, footer, ads)
    furniture: tuple[str, ...] = ()


_M, _MILLION = "m", "million"

NEWSROOMS: tuple[Outlet, ...] = (
    Outlet("The Kelmouth Courier", "kelmouthcourier.co.uk", "newsroom", Style(_M, "%", "weekday")),
    Outlet("Northern Ledger", "northernledger.com", "newsroom", Style(_MILLION, " per cent", "dm")),
    Outlet(
        "The Meridian Times", "meridiantimes.com", "newsroom", Style(_MILLION, " percent", "md")
    ),
    Outlet("Valley Gazette", "valleygazette.net", "newsroom", Style(_M, " per cent", "weekday")),
    Outlet("The Daily Lantern", "dailylantern.co.uk", "newsroom", Style(_M, "%", "dm")),
    Outlet("Harbour Evening Post", "harbourpost.com", "newsroom", Style(_MILLION, "%", "weekday")),
    Outlet(
        "The Civic Observer", "civicobserver.org", "newsroom", Style(_MILLION, " percent", "md")
    ),
    Outlet("Westmarch Record", "westmarchrecord.co.uk", "newsroom", Style(_M, " per cent", "dm")),
    Outlet("The Morning Bulletin", "morningbulletin.net", "newsroom", Style(_M, "%", "md")),
    Outlet(
        "County Herald Online",
        "countyherald.online",
        "newsroom",
        Style(_MILLION, " per cent", "weekday"),
    ),
    Outlet(
        "The Provincial Standard", "provincialstandard.com", "newsroom", Style(_M, " percent", "dm")
    ),
    Outlet("Riverside Chronicle", "riversidechronicle.com", "newsroom", Style(_MILLION, "%", "md")),
)

WIRES: tuple[Outlet, ...] = (
    Outlet("Continental Press Agency", "cpa-wire.com", "wire", Style(_M, "%", "weekday")),
    Outlet(
        "Allied News Service", "alliednewsservice.com", "wire", Style(_MILLION, " percent", "md")
    ),
)

_FARM_FURNITURE = (
    "Advertisement",
    "advertisement",
    "Share this article",
    "Exit mobile version",
    "Click here to subscribe to our newsletter",
    "Follow us on social media for the latest updates",
    "Also read: Top 10 gadgets you need this year",
    "Related posts",
    "Sponsored content",
    "Leave a comment",
    "Don't miss out: sign up for breaking news alerts",
)

COPY_SITES: tuple[Outlet, ...] = (
    Outlet("NewsFlash Daily 24", "newsflashdaily24.com", "farm", Style(), _FARM_FURNITURE),
    Outlet("Trending Now Hub", "trendingnowhub.net", "farm", Style(), _FARM_FURNITURE),
    Outlet("World Buzz Today", "worldbuzztoday.info", "farm", Style(), _FARM_FURNITURE),
    Outlet("Daily Pulse Wire", "dailypulsewire.xyz", "farm", Style(), _FARM_FURNITURE),
    Outlet("Headline Harvest", "headlineharvest.site", "farm", Style(), _FARM_FURNITURE),
    Outlet("Instant Report Network", "instantreport.network", "farm", Style(), _FARM_FURNITURE),
    Outlet(
        "Global Story Digest",
        "globalstorydigest.com",
        "aggregator",
        Style(),
        ("Share this article", "Advertisement", "Read more at the source"),
    ),
    Outlet(
        "Metro Feed",
        "metrofeed.news",
        "aggregator",
        Style(),
        ("Share this article", "Sponsored content", "Most read"),
    ),
    Outlet(
        "The Regional Roundup",
        "regionalroundup.com",
        "aggregator",
        Style(),
        ("Advertisement", "Share on social media", "More from Regional Roundup"),
    ),
)

ALL_OUTLETS: tuple[Outlet, ...] = NEWSROOMS + WIRES + COPY_SITES
