"""Render an invented event as one outlet's article, in that outlet's own words.

A rendering follows a *plan*: which facts, quotes and background lines appear, in which
order and paragraphs, and which template says each. Independent outlets get independent
plans (the same-story distractors); a paraphrase copy re-says another rendering's plan
with different templates. `Guard` keeps renderings of one event from sharing any run of
`NGRAM` words outside quotation marks, as independent reporting would not.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from unspun.corpus.events import Event, event_slots
from unspun.corpus.grammar import expand
from unspun.corpus.outlets import Outlet
from unspun.model import PARAGRAPH_SEP

NGRAM = 8

ATTRIB_INTRO: tuple[str, ...] = (
    "“<q>,” said <name>, <role>.",
    "“<q>,” <name>, <role>, said <day>.",
    "<name>, <role>, said: “<q>.”",
    "In a statement, <name>, <role>, {said|wrote}: “<q>.”",
    "“<q>,” {said|says} <name>, <role>, <day>.",
    "<name>, <role>, told <outlet>: “<q>.”",
    "Speaking to {reporters|journalists}, <name>, <role>, said: “<q>.”",
    "“<q>,” <name>, <role>, told <outlet>.",
)
ATTRIB_REPEAT: tuple[str, ...] = (
    "“<q>,” <last> said.",
    "<last> added: “<q>.”",
    "“<q>,” {added|continued} <last>.",
    "“<q>,” <last> told <outlet>.",
    "{Later|Separately}, <last> said: “<q>.”",
)
CLOSINGS: tuple[str, ...] = (
    "<outlet_cap> has {contacted|approached} <p0org> for {comment|a response}.",
    "{A spokesperson for <p0org>|<p0org_cap>} did not {respond to|return} "
    "{a request for comment|calls} {before publication|by the time of writing}.",
    "{More|Further} {details|updates} {are expected|will follow} {later|in the coming days}.",
)


@dataclass(slots=True, frozen=True)
class Unit:
    """One sentence of a plan: its kind, its group (fact group or quote index) and form."""

    kind: str
    group: int
    form: int


#: (role, units) per paragraph; roles: headline, standfirst, caption, body.
Plan = tuple[tuple[str, tuple[Unit, ...]], ...]

_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# digit runs and letter runs: at least as fine as `tokens.words` in every case
_WORDS = re.compile(r"\d+|[^\W\d_]+")


def unquoted_ngrams(text: str, n: int = NGRAM) -> set[tuple[str, ...]]:
    """Word n-grams of `text` outside quotation marks; quotes and paragraphs break runs.

    Words are runs of digits or of letters, which split at least as finely as
    `unspun.text.tokens.words`, so a run shared under either tokenisation is found here.
    """
    grams: set[tuple[str, ...]] = set()
    for para in text.split(PARAGRAPH_SEP):
        for segment in _QUOTED.split(para):
            w = _WORDS.findall(segment.lower())
            for i in range(len(w) - n + 1):
                grams.add(tuple(w[i : i + n]))
    return grams


class Guard:
    """The unquoted n-grams of renderings already made for one event."""

    __slots__ = ("grams",)

    def __init__(self) -> None:
        self.grams: set[tuple[str, ...]] = set()

    def clashes(self, text: str) -> bool:
        return bool(self.grams) and not self.grams.isdisjoint(unquoted_ngrams(text))

    def add(self, text: str) -> None:
        self.grams |= unquoted_ngrams(text)


def _templates(event: Event, unit: Unit) -> tuple[str, ...]:
    t = event.topic
    table: dict[str, tuple[str, ...]] = {
        "headline": t.headline,
        "standfirst": t.standfirst,
        "caption": t.caption,
        "lead": t.lead,
        "background": t.background,
        "closing": CLOSINGS,
    }
    if unit.kind == "fact":
        return t.facts[unit.group]
    if unit.kind == "quote":
        return ATTRIB_INTRO + ATTRIB_REPEAT
    return table[unit.kind]


def make_plan(event: Event, rng: random.Random, used_heads: set[int] | None = None) -> Plan:
    """Choose what this outlet says and in which order (not yet how)."""
    t = event.topic
    heads = [i for i in range(len(t.headline)) if not used_heads or i not in used_heads]
    head = rng.choice(heads or list(range(len(t.headline))))
    if used_heads is not None:
        used_heads.add(head)
    facts = list(range(len(t.facts)))
    rng.shuffle(facts)
    if len(facts) > 2 and rng.random() < 0.35:
        facts.pop()
    quotes = rng.sample(range(len(event.quotes)), rng.choice((1, 2, 2, 3)))
    background = rng.sample(range(len(t.background)), rng.choice((0, 1, 1, 2)))
    body: list[tuple[Unit, ...]] = []
    lead = Unit("lead", 0, rng.randrange(len(t.lead)))
    first = [lead]
    pending = [Unit("fact", g, rng.randrange(len(t.facts[g]))) for g in facts]
    if pending and rng.random() < 0.5:
        first.append(pending.pop(0))
    body.append(tuple(first))
    qunits = [Unit("quote", q, 0) for q in quotes]
    while pending or qunits:
        if pending and (not qunits or rng.random() < 0.55):
            para = [pending.pop(0)]
            if pending and rng.random() < 0.3:
                para.append(pending.pop(0))
            body.append(tuple(para))
        else:
            body.append((qunits.pop(0),))
    for b in background:
        body.append((Unit("background", 0, b),))
    if rng.random() < 0.45:
        body.append((Unit("closing", 0, rng.randrange(len(CLOSINGS))),))
    plan: list[tuple[str, tuple[Unit, ...]]] = [("headline", (Unit("headline", 0, head),))]
    if rng.random() < 0.85:
        plan.append(("standfirst", (Unit("standfirst", 0, rng.randrange(len(t.standfirst))),)))
    if rng.random() < 0.8:
        plan.append(("caption", (Unit("caption", 0, rng.randrange(len(t.caption))),)))
    plan.extend(("body", p) for p in body)
    return tuple(plan)


def reword_plan(plan: Plan, event: Event, rng: random.Random) -> Plan:
    """The same outline said with other templates where a group offers any."""
    out: list[tuple[str, tuple[Unit, ...]]] = []
    for role, units in plan:
        new = []
        for u in units:
            n = len(_templates(event, u)) if u.kind not in ("quote", "background") else 1
            form = (u.form + 1 + rng.randrange(n - 1)) % n if n > 1 else u.form
            new.append(Unit(u.kind, u.group, form))
        out.append((role, tuple(new)))
    return tuple(out)


def render(
    event: Event,
    outlet: Outlet,
    plan: Plan,
    rng: random.Random,
    guard: Guard | None = None,
    *,
    voice: Outlet | None = None,
) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Write `plan` for `outlet`: (headline, paragraphs). `voice` is whose name appears in
    "told <outlet>" (a paraphrasing copier keeps the source outlet's name)."""
    speaker = voice or outlet
    slots = event_slots(event, speaker.style)
    ref = speaker.name
    slots["outlet"] = "the " + ref[4:] if ref.startswith("The ") else ref
    slots["outlet_cap"] = ref
    org0 = event.people[0].org
    slots["p0org_cap"] = org0[:1].upper() + org0[1:]
    slots["event"] = rng.choice(event.topic.events)
    named: set[int] = set()
    headline = ""
    paras: list[tuple[str, str]] = []
    for role, units in plan:
        sentences = []
        for u in units:
            text = _sentence(event, u, slots, named, rng, guard)
            if text:
                sentences.append(text)
        if not sentences:
            continue
        # straight quotes: the form unspun's normaliser (ftfy) gives, so offsets survive ingestion
        para = " ".join(sentences).replace("“", '"').replace("”", '"')
        if role == "headline":
            headline = para.rstrip(".")
        else:
            paras.append((role, para))
    return headline, tuple(paras)


def _sentence(
    event: Event,
    unit: Unit,
    slots: dict[str, str],
    named: set[int],
    rng: random.Random,
    guard: Guard | None,
) -> str:
    essential = unit.kind in ("headline", "lead")
    if unit.kind == "quote":
        speaker, quote = event.quotes[unit.group]
        p = event.people[speaker]
        forms = ATTRIB_REPEAT if speaker in named else ATTRIB_INTRO
        named.add(speaker)
        qslots = dict(slots, q=quote, name=p.name, last=p.last)
        candidates = list(forms) * 2
        rng.shuffle(candidates)
        text = ""
        for template in candidates:
            qslots["role"] = expand(p.role_t or p.role, slots, rng, capitalize=False)
            text = expand(template, qslots, rng)
            if guard is None or not guard.clashes(text):
                return text
        return text
    templates = _templates(event, unit)
    best = ""
    for attempt in range(8):
        template = (
            templates[(unit.form + attempt) % len(templates)]
            if attempt < len(templates)
            else templates[unit.form]
        )
        text = expand(template, slots, rng)
        if guard is None or not guard.clashes(text):
            return text
        best = best or text
    return best if essential else ""
