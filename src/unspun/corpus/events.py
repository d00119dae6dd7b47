"""Invented news events: the facts every rendering of one story shares."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from unspun.corpus.grammar import expand
from unspun.corpus.names import Person, person_name, region, town
from unspun.corpus.topics import TOPICS, Topic

_COMPANY_TRADES = (
    "Components",
    "Foods",
    "Glassworks",
    "Engineering",
    "Textiles",
    "Plastics",
    "Paper Mills",
    "Castings",
    "Ceramics",
    "Packaging",
)
_CURRENCIES = ("£", "$", "€")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: Events fall in these years (invented dates, realistic range).
FIRST_DAY = datetime(2021, 1, 4, 0, 0)
SPAN_DAYS = 4 * 365


@dataclass(slots=True, frozen=True)
class Event:
    """The facts of one invented story. Quotes are fixed: every outlet quotes the same words."""

    topic: Topic
    town: str
    region: str
    company: str
    currency: str
    when: datetime
    people: tuple[Person, ...]
    numbers: tuple[tuple[str, float], ...]
    quotes: tuple[tuple[int, str], ...]

    def number(self, key: str) -> float:
        for k, v in self.numbers:
            if k == key:
                return v
        raise KeyError(key)


def make_event(rng: random.Random, topic: Topic | None = None) -> Event:
    """Draw one event: topic, place, date, people, numbers and the quotes they gave."""
    topic = topic or rng.choice(TOPICS)
    place, reg = town(rng), region(rng)
    used: set[str] = set()
    company = f"{person_name(rng, used)[1]} {rng.choice(_COMPANY_TRADES)}"
    base = {"town": place, "region": reg, "company": company}
    people = []
    for role_t, org_t in topic.roles:
        first, last = person_name(rng, used)
        role = expand(role_t, base, random.Random(0), capitalize=False)
        org = expand(org_t, base, rng, capitalize=False)
        people.append(Person(first, last, role, org, role_t))
    numbers = tuple(
        (spec.key, _draw(spec.kind, spec.low, spec.high, rng)) for spec in topic.numbers
    )
    when = FIRST_DAY + timedelta(
        days=rng.randrange(SPAN_DAYS), hours=rng.randrange(6, 22), minutes=rng.randrange(60)
    )
    event = Event(
        topic, place, reg, company, rng.choice(_CURRENCIES), when, tuple(people), numbers, ()
    )
    slots = event_slots(event, QUOTE_STYLE)
    quotes = tuple(
        (i, expand(rng.choice(group), slots, rng)) for i, group in enumerate(topic.quotes)
    )
    return Event(topic, place, reg, company, event.currency, when, tuple(people), numbers, quotes)


def _draw(kind: str, low: float, high: float, rng: random.Random) -> float:
    if kind == "money":
        return round(rng.uniform(low, high), 1)
    value = rng.randint(int(low), int(high))
    if kind == "count" and value >= 200:
        value = round(value, -1)  # reported counts are round numbers
    return float(value)


@dataclass(slots=True, frozen=True)
class Style:
    """How an outlet writes numbers and dates."""

    money: str = "m"  # "m" -> £4.2m ; "million" -> £4.2 million
    pct: str = "%"  # "%" | " per cent" | " percent"
    day: str = "weekday"  # "weekday" -> on Tuesday ; "dm" -> on 12 March ; "md" -> on March 12


QUOTE_STYLE = Style(money="million", pct=" per cent", day="weekday")


def fmt_number(kind: str, value: float, style: Style, currency: str) -> str:
    """Format one number the way `style` writes it."""
    if kind == "money":
        if value < 1:
            return f"{currency}{int(value * 1000):,},000"
        text = f"{value:.1f}".removesuffix(".0")
        return f"{currency}{text}m" if style.money == "m" else f"{currency}{text} million"
    if kind == "pct":
        return f"{int(value)}{style.pct}"
    return f"{int(value):,}"


def fmt_day(when: datetime, style: Style) -> str:
    if style.day == "dm":
        return f"on {when.day} {MONTHS[when.month - 1]}"
    if style.day == "md":
        return f"on {MONTHS[when.month - 1]} {when.day}"
    return f"on {WEEKDAYS[when.weekday()]}"


def event_slots(event: Event, style: Style) -> dict[str, str]:
    """Slot values for templates about `event`, written in `style`."""
    day = fmt_day(event.when, style)
    slots = {
        "town": event.town,
        "region": event.region,
        "company": event.company,
        "day": day,
        "day_cap": day[:1].upper() + day[1:],
        "event": event.topic.events[0],
    }
    for i, p in enumerate(event.people):
        slots[f"p{i}"] = p.name
        slots[f"p{i}last"] = p.last
        slots[f"p{i}role"] = p.role
        slots[f"p{i}org"] = p.org
    kinds = {spec.key: spec.kind for spec in event.topic.numbers}
    for key, value in event.numbers:
        slots[key] = fmt_number(kinds[key], value, style, event.currency)
    return slots


def story_line(event: Event) -> str:
    """A short neutral description of the story (the cluster's `story` field)."""
    rng = random.Random(0)
    return expand(event.topic.story, event_slots(event, QUOTE_STYLE), rng)


def iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")
