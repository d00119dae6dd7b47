"""Publication times: a `date`, or an aware UTC `datetime` (to the second) when the source
gives the time.

`Article.published` (and the stories' `Node`/`Member.published`) hold either. A `datetime`
is a `date` too, but the two do not compare (`<` raises TypeError, `==` is False), so code
that orders published values goes through `order`, `sort_key` and `days_between`, and
stores them with `to_iso` / `from_iso`: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SSZ` with a time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

_DAY_SECONDS = 86_400


def as_utc(moment: datetime) -> datetime:
    """`moment` aware, in UTC, to the second (a time without a zone is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0)


def to_iso(value: date | None) -> str | None:
    """`YYYY-MM-DD` for a date, `YYYY-MM-DDTHH:MM:SSZ` for a time; None for None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return as_utc(value).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def from_iso(text: str | None) -> date | None:
    """`to_iso`'s form (or any ISO 8601 date or datetime) back; ValueError if it is neither."""
    if not text:
        return None
    if len(text) <= 10:
        return date.fromisoformat(text)
    return as_utc(datetime.fromisoformat(text))


def day_of(value: date) -> date:
    """The (UTC) day of a published value."""
    return value.date() if isinstance(value, datetime) else value


def _seconds(value: date) -> int | None:
    if not isinstance(value, datetime):
        return None
    t = as_utc(value)
    return t.hour * 3600 + t.minute * 60 + t.second


def order(a: date | None, b: date | None) -> int:
    """-1 when `a` was published before `b`, 1 after; 0 when they cannot tell: a value is
    missing, or both are of one day and not both have a time, or they are equal."""
    if a is None or b is None:
        return 0
    da, db = day_of(a), day_of(b)
    if da != db:
        return -1 if da < db else 1
    sa, sb = _seconds(a), _seconds(b)
    if sa is None or sb is None or sa == sb:
        return 0
    return -1 if sa < sb else 1


def sort_key(value: date | None) -> tuple[date, int]:
    """Earliest first: by day, then time; a date without a time after the timed values of
    its day (it may be as late as the day's end); None last."""
    if value is None:
        return (date.max, _DAY_SECONDS)
    s = _seconds(value)
    return (day_of(value), _DAY_SECONDS if s is None else s)


def days_between(earlier: date, later: date) -> float:
    """`later - earlier` in days: to the second when both have a time, else whole days."""
    if isinstance(earlier, datetime) and isinstance(later, datetime):
        return (as_utc(later) - as_utc(earlier)).total_seconds() / _DAY_SECONDS
    return float((day_of(later) - day_of(earlier)).days)
