"""The site of an article: the registrable domain of its URL, computed offline."""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

_PSL = PublicSuffixList()  # ships its own copy of the list: no network


@lru_cache(maxsize=65_536)
def site_of(url: str | None) -> str | None:
    """`https://www.news.example.co.uk/a/b` -> `example.co.uk`; None when there is no host."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".").lower()
    if host.replace(".", "").isdigit():  # an IP address is its own site
        return host
    return _PSL.privatesuffix(host) or host
