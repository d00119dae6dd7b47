"""Publication dates as inputs write them -> a date, or an aware UTC datetime with the time.

Tried in order, cheapest first: ISO 8601 (`2024-05-06`, `2024-05-06T13:26:00+02:00`);
RFC 2822 (`Tue, 07 May 2024 13:12:00 GMT`); a few fixed layouts common in news sets
(`26-FEB-1987 15:01:01.79`, `6 May 2024`, `May 6, 2024`, `2024/05/06`); then dateparser
(already there for htmldate), for other languages and layouts, remembering each string's
answer. Only absolute dates with day, month and year count: "yesterday" or "May 2024" is
no date. A time without a zone is taken as UTC. See `unspun.published` for what a value is.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

from unspun.published import as_utc

#: Longer strings are not dates (and would only cost dateparser time).
_MAX_CHARS = 64
_TIME = re.compile(r"\d{1,2}:\d{2}")
_DIGIT = re.compile(r"\d")
# (layout, has a time), tried with strptime; %b/%B match month names in any case.
_LAYOUTS: tuple[tuple[str, bool], ...] = (
    ("%d-%b-%Y %H:%M:%S.%f", True),
    ("%d-%b-%Y %H:%M:%S", True),
    ("%d-%b-%Y %H:%M", True),
    ("%d-%b-%Y", False),
    ("%d %B %Y", False),
    ("%d %b %Y", False),
    ("%B %d, %Y", False),
    ("%b %d, %Y", False),
    ("%d %B %Y %H:%M", True),
    ("%d %b %Y %H:%M", True),
    ("%Y/%m/%d", False),
    ("%Y/%m/%d %H:%M:%S", True),
    ("%Y/%m/%d %H:%M", True),
)
_DATEPARSER_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["absolute-time", "custom-formats"],
    "STRICT_PARSING": True,
}


def parse_date(value: object) -> date | None:
    """A publication date or time as an input gives it; None when it is not one."""
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    if not text or len(text) > _MAX_CHARS or not _DIGIT.search(text):
        return None
    return _iso(text) or _rfc2822(text) or _layout(text) or _dateparser(text) or _iso_day(text)


def parse_iso_date(text: str) -> date | None:
    """An ISO 8601 date or datetime, or an ISO date followed by anything; else None."""
    return _iso(text) or _iso_day(text)


def _iso(text: str) -> date | None:
    try:
        if len(text) <= 10:
            return date.fromisoformat(text)
        return as_utc(datetime.fromisoformat(text))
    except (ValueError, OverflowError):  # OverflowError: in range as written, not in UTC
        return None


def _iso_day(text: str) -> date | None:
    """An ISO date followed by something else (`2024-05-06 (updated)`): the date alone."""
    return _iso(text[:10]) if len(text) > 10 and text[4:5] == "-" else None


def _rfc2822(text: str) -> date | None:
    if not _TIME.search(text):
        return None
    try:
        return as_utc(parsedate_to_datetime(text))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _layout(text: str) -> date | None:
    for layout, timed in _LAYOUTS:
        try:
            moment = datetime.strptime(text, layout)
        except ValueError:
            continue
        return as_utc(moment) if timed else moment.date()  # naive: no overflow in UTC
    return None


@lru_cache(maxsize=4096)
def _dateparser(text: str) -> date | None:
    import dateparser  # slow to import: only for strings nothing cheaper read

    try:
        moment = dateparser.parse(text, settings=_DATEPARSER_SETTINGS)
        if moment is None:
            return None
        return as_utc(moment) if _TIME.search(text) else moment.date()
    except (ValueError, TypeError, OverflowError):
        return None
