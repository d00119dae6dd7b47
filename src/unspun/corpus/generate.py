"""`generate_clusters(options)`: a stream of labelled clusters (pure; no I/O but `source`).

Cluster `i` draws everything from `random.Random(f"{seed}:{i}")`, so a cluster does not
depend on the ones before it: output is byte-identical for a seed, and any prefix of a
large run equals the smaller run.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import datetime, timedelta

from unspun.corpus.copies import RECIPES, Context, derive
from unspun.corpus.doc import Cluster, Doc
from unspun.corpus.events import Event, make_event, story_line
from unspun.corpus.options import BenchOptions
from unspun.corpus.outlets import COPY_SITES, NEWSROOMS, Outlet
from unspun.corpus.render import Guard, Plan, make_plan, render
from unspun.corpus.thesaurus import Thesaurus, thesaurus_for
from unspun.errors import UsageError
from unspun.model import PARAGRAPH_SEP


def select_recipes(kinds: tuple[str, ...]) -> list[str]:
    """Recipe names matching `kinds` (labels or recipe names); all when empty."""
    if not kinds:
        return list(RECIPES)
    out = [r for r, (k, _v) in RECIPES.items() if r in kinds or k in kinds]
    unknown = [k for k in kinds if k not in RECIPES and k not in {v[0] for v in RECIPES.values()}]
    if unknown or not out:
        known = sorted(set(RECIPES) | {v[0] for v in RECIPES.values()})
        raise UsageError(
            f"unknown copy kind {', '.join(unknown) or kinds}; known: {', '.join(known)}"
        )
    return out


def generate_clusters(options: BenchOptions) -> Iterator[Cluster]:
    """Yield `options.clusters` clusters, one at a time."""
    recipes = select_recipes(options.kinds)
    if options.source:
        from unspun.corpus.realtext import corpus_clusters

        yield from corpus_clusters(options, recipes)
        return
    thesaurus = thesaurus_for(False)
    for i in range(options.clusters):
        rng = random.Random(f"{options.seed}:{i}")
        picked = rng.sample(recipes, min(options.copies_per_cluster, len(recipes)))
        yield invented_cluster(i, rng, picked, options, thesaurus)


def slug(title: str, n: int = 8) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", title.lower())[:n]) or "article"


def newsroom_url(outlet: Outlet, section: str, when: datetime, title: str, tag: str) -> str:
    return f"https://www.{outlet.domain}/{section}/{when:%Y/%m/%d}/{slug(title)}-{tag}"


def copy_url(outlet: Outlet, when: datetime, title: str, tag: str) -> str:
    return f"https://{outlet.domain}/{when:%Y/%m}/{slug(title, 10)}-{tag}/"


def render_outlets(event: Event, outlets: list[Outlet], rng: random.Random, cid: str) -> list[Doc]:
    """Independent renderings of `event`, none sharing an 8-word run outside quotes."""
    guard = Guard()
    heads: set[int] = set()
    docs: list[Doc] = []
    for k, outlet in enumerate(outlets):
        plan: Plan = ()
        title = ""
        paras: tuple[tuple[str, str], ...] = ()
        for _ in range(4):
            plan = make_plan(event, rng, heads)
            title, paras = render(event, outlet, plan, rng, guard)
            if not guard.clashes(title + PARAGRAPH_SEP + PARAGRAPH_SEP.join(p for _, p in paras)):
                break
        guard.add(title + PARAGRAPH_SEP + PARAGRAPH_SEP.join(p for _, p in paras))
        lag = (
            timedelta(minutes=rng.randint(40, 180))
            if k == 0
            else timedelta(minutes=rng.randint(60, 2 * 24 * 60))
        )
        when = event.when + lag
        url = newsroom_url(outlet, event.topic.section, when, title, f"{cid}-n{k}")
        docs.append(Doc(url, outlet.domain, outlet.name, when, title, paras, plan=plan))
    return docs


def event_facts(event: Event) -> dict[str, object]:
    return {
        "topic": event.topic.key,
        "town": event.town,
        "region": event.region,
        "date": event.when.strftime("%Y-%m-%d"),
        "people": [{"name": p.name, "role": p.role, "org": p.org} for p in event.people],
        "numbers": {k: (int(v) if v == int(v) else v) for k, v in event.numbers},
        "quotes": [{"speaker": event.people[s].name, "text": q} for s, q in event.quotes],
    }


def invented_cluster(
    i: int,
    rng: random.Random,
    recipes: list[str],
    options: BenchOptions,
    thesaurus: Thesaurus,
    *,
    event: Event | None = None,
    edit_types: tuple[str, ...] = (),
    prefix: str = "c",
) -> Cluster:
    """One invented event: its original, copies by `recipes`, same-story distractors."""
    cid = f"{prefix}{i:06d}"
    event = event or make_event(rng)
    lo, hi = options.same_story
    outlets = rng.sample(NEWSROOMS, 1 + rng.randint(lo, hi))
    docs = render_outlets(event, outlets, rng, cid)
    original, mates = docs[0], docs[1:]
    for d in mates:
        d.extra["relation"] = "same-story"
    copies = []
    for j, recipe in enumerate(recipes):
        crng = random.Random(f"{options.seed}:{i}:{j}:{recipe}")
        if recipe == "syndicated":
            pool = [o for o in NEWSROOMS if o not in outlets] + [
                c for c in COPY_SITES if c.kind == "aggregator"
            ]
            outlet = crng.choice(pool)
        else:
            outlet = crng.choice(COPY_SITES)
        assert original.published is not None
        ctx = Context(
            crng,
            thesaurus,
            outlet,
            "",
            event,
            outlets[0],
            [p.last for p in event.people],
            edit_types,
        )
        copy = derive(recipe, original, ctx)
        when = copy.published or original.published
        copy.url = copy_url(outlet, when, copy.title, f"{cid}-{j}")
        copy.extra = {"recipe": recipe, **copy.extra}
        copies.append(copy)
    return Cluster(cid, story_line(event), original, copies, mates, "invented", event_facts(event))
