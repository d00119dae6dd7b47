"""Copies derived from one original, one label each.

`RECIPES` maps a recipe name to its `kind` (the cluster format's label) and variant.
Every copy is a new `Doc`; its `extra` carries the finer labels: `variant`, `spin_rate`,
`spun_words`/`spinnable_words`, `artifacts`, `edits`, `order`, `source_span`.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import timedelta

from unspun.corpus.doc import Doc
from unspun.corpus.edits import light_edits, meaning_edits
from unspun.corpus.events import Event
from unspun.corpus.noise import spin, translation_noise
from unspun.corpus.outlets import Outlet
from unspun.corpus.render import render, reword_plan
from unspun.corpus.textops import Replacement, apply
from unspun.corpus.thesaurus import Thesaurus
from unspun.model import PARAGRAPH_SEP
from unspun.text.sentences import split_sentences

#: recipe -> (kind, variant)
RECIPES: dict[str, tuple[str, str]] = {
    "verbatim": ("verbatim", "furniture"),
    "syndicated": ("syndicated", "credit"),
    "edited": ("edited", "light"),
    "reordered": ("edited", "reordered"),
    "partial": ("edited", "partial"),
    "meaning-edit": ("edited", "meaning-edit"),
    "spun-10": ("spun", "synonyms"),
    "spun-30": ("spun", "synonyms"),
    "spun-50": ("spun", "synonyms"),
    "translated": ("translated", "round-trip"),
    "paraphrase": ("paraphrase", "reworded"),
    "summary": ("summary", "extractive"),
}
#: artifact types (recorded under `artifacts`, not `edits`)
ARTIFACT_TYPES = frozenset(
    {"nonsense", "garbled-name", "broken-attribution", "fragment", "transliteration"}
)


@dataclass(slots=True)
class Context:
    """What a recipe may use besides the original."""

    rng: random.Random
    thesaurus: Thesaurus
    outlet: Outlet
    url: str
    event: Event | None = None
    source_outlet: Outlet | None = None
    names: list[str] = field(default_factory=list)
    #: meaning-edit types to make (default: two drawn at random)
    edit_types: tuple[str, ...] = ()


def derive(recipe: str, original: Doc, ctx: Context) -> Doc:
    """Make one copy of `original` by `recipe`."""
    kind, variant = RECIPES[recipe]
    rng = ctx.rng
    text = original.text
    extra: dict[str, object] = {"variant": variant}
    title = original.title
    roles = [r for r, _ in original.paras]
    if recipe == "verbatim":
        paras = _with_furniture(original.paras, ctx.outlet, rng)
        return _doc(original, ctx, kind, title, paras, extra)
    if recipe == "syndicated":
        title = _new_headline(original, ctx)
        src = ctx.source_outlet.name if ctx.source_outlet else original.site
        credit = rng.choice(
            (
                f"This article originally appeared in {src} and is republished with permission.",
                f"Copyright {src}. Distributed by arrangement.",
                f"Source: {src}",
            )
        )
        paras = (*original.paras, ("credit", credit))
        return _doc(original, ctx, kind, title, paras, extra)
    if recipe == "reordered":
        body = [i for i, r in enumerate(roles) if r == "body"]
        order = list(range(len(roles)))
        tail = body[1:]
        shuffled = tail[:]
        while len(tail) > 1 and shuffled == tail:
            rng.shuffle(shuffled)
        for i, j in zip(tail, shuffled, strict=True):
            order[i] = j
        extra["order"] = order
        return _doc(original, ctx, kind, title, tuple(original.paras[i] for i in order), extra)
    if recipe == "partial":
        n = len(original.paras)
        keep = max(2, round(n * rng.uniform(0.35, 0.7)))
        start = 0 if rng.random() < 0.7 else rng.randrange(0, max(1, n - keep))
        paras = original.paras[start : start + keep]
        first = len(PARAGRAPH_SEP.join(p for _, p in original.paras[:start])) + (
            len(PARAGRAPH_SEP) if start else 0
        )
        extra["source_span"] = [first, first + len(PARAGRAPH_SEP.join(p for _, p in paras))]
        return _doc(original, ctx, kind, title, paras, extra)
    if recipe == "summary":
        return _doc(original, ctx, kind, title, summarize(original, rng), extra)
    if recipe == "paraphrase":
        if ctx.event is not None and original.plan is not None:
            plan = reword_plan(original.plan, ctx.event, rng)
            title, paras = render(ctx.event, ctx.outlet, plan, rng, voice=ctx.source_outlet)
            return _doc(original, ctx, kind, title, paras, extra)
        extra["variant"] = "clauses+synonyms"
        moved, _ = apply(text, clause_moves(text))
        spun, _n = spin(moved, 0.25, ctx.thesaurus, rng, artifacts=False)
        new_text, _ = apply(moved, spun)
        return _doc(original, ctx, kind, title, _reroled(roles, new_text), extra)
    reps: list[Replacement]
    if recipe.startswith("spun-"):
        rate = int(recipe.split("-")[1]) / 100
        reps, n_content = spin(text, rate, ctx.thesaurus, rng)
        extra["spin_rate"] = rate
        extra["spinnable_words"] = n_content
        title = apply(title, spin(title, rate, ctx.thesaurus, rng, artifacts=False)[0])[0]
    elif recipe == "translated":
        reps = translation_noise(text, rng)
        title = apply(title, translation_noise(title, rng, 0.5))[0]
    elif recipe == "meaning-edit":
        types = list(ctx.edit_types) or rng.sample(
            ["name", "number", "quote", "attribution", "negation"], rng.choice((1, 2, 2, 3))
        )
        reps = meaning_edits(text, types, rng, ctx.thesaurus, ctx.names)
        for fallback in ("number", "name", "negation", "attribution", "quote"):
            if reps:
                break  # the text offered no place for the drawn types: take another
            reps = meaning_edits(text, [fallback], rng, ctx.thesaurus, ctx.names)
    else:  # edited
        reps, ops = light_edits(text, rng, ctx.thesaurus)
        extra["variant"] = "light:" + "+".join(ops)
    new_text, applied = apply(text, reps)
    if recipe.startswith("spun-"):
        extra["spun_words"] = sum(1 for a in applied if a.type == "synonym")
    artifacts = [a.record() for a in applied if a.type in ARTIFACT_TYPES]
    edits = [
        a.record()
        for a in applied
        if a.type not in ARTIFACT_TYPES and (recipe in ("meaning-edit", "edited"))
    ]
    if recipe in ("meaning-edit", "edited"):
        extra["edits"] = edits
    if artifacts:
        extra["artifacts"] = artifacts
    paras = _reroled(roles, new_text)
    if recipe.startswith("spun-") and ctx.outlet.furniture:
        # furniture only after the text, so recorded offsets stay true
        paras = (*paras, *(("furniture", f) for f in rng.sample(ctx.outlet.furniture, 2)))
    return _doc(original, ctx, kind, title, paras, extra)


def _reroled(roles: list[str], text: str) -> tuple[tuple[str, str], ...]:
    parts = text.split(PARAGRAPH_SEP)
    if len(parts) != len(roles):
        return tuple(("body", p) for p in parts)
    return tuple(zip(roles, parts, strict=True))


def _doc(
    original: Doc,
    ctx: Context,
    kind: str,
    title: str,
    paras: tuple[tuple[str, str], ...],
    extra: dict[str, object],
) -> Doc:
    rng = ctx.rng
    published = None
    if original.published is not None and rng.random() > 0.1:
        lag = (
            timedelta(hours=rng.randint(1, 20))
            if rng.random() < 0.6
            else timedelta(days=rng.randint(1, 14), hours=rng.randint(0, 23))
        )
        published = original.published + lag
    return Doc(ctx.url, ctx.outlet.domain, ctx.outlet.name, published, title, paras, kind, extra)


def _with_furniture(
    paras: tuple[tuple[str, str], ...], outlet: Outlet, rng: random.Random
) -> tuple[tuple[str, str], ...]:
    lines = outlet.furniture or ("Advertisement", "Share this article")
    out: list[tuple[str, str]] = []
    for role, p in paras:
        out.append((role, p))
        if role == "caption" and rng.random() < 0.7:
            out.append(("caption", p))  # the duplicated caption scrapers pick up
        elif role == "body" and rng.random() < 0.25:
            out.append(("furniture", rng.choice(lines)))
    out.append(("furniture", rng.choice(lines)))
    if rng.random() < 0.5:
        out.append(("furniture", "Exit mobile version"))
    return tuple(out)


def _new_headline(original: Doc, ctx: Context) -> str:
    if ctx.event is not None:
        options = [h for h in ctx.event.topic.headline]
        rng = ctx.rng
        for _ in range(5):
            from unspun.corpus.events import event_slots
            from unspun.corpus.grammar import expand

            head = expand(rng.choice(options), event_slots(ctx.event, ctx.outlet.style), rng)
            if head != original.title:
                return head
    return (
        ctx.rng.choice(("UPDATE 1-", "WRAPUP-", "")) + original.title.upper()
        if ctx.rng.random() < 0.5
        else original.title + " | " + ctx.outlet.name
    )


_PARENS = re.compile(r" \([^)]*\)")
_RELATIVE = re.compile(r", (?:who|which|where) [^,.]*,")
_OPENER = re.compile(r"^(?:On \w+(?: \d+)?|In all|Altogether|In total|Separately|Later), ")


def summarize(original: Doc, rng: random.Random) -> tuple[tuple[str, str], ...]:
    """Keep the lead and a few sentences (those with figures first), each shortened."""
    body = [p for r, p in original.paras if r == "body"] or [p for _, p in original.paras]
    sents = [s.text for p in body for s in split_sentences(p)]
    if not sents:
        return original.paras[:1]
    keep = {0}
    rest = list(range(1, len(sents)))
    rest.sort(key=lambda i: (not any(c.isdigit() for c in sents[i]), rng.random()))
    keep.update(rest[: max(1, len(sents) // 4)])
    chosen = [_shorten(sents[i]) for i in sorted(keep)]
    return (
        (("body", chosen[0]), *(("body", " ".join(chosen[1:])),))
        if len(chosen) > 1
        else (("body", chosen[0]),)
    )


def _shorten(sentence: str) -> str:
    s = _RELATIVE.sub("", _PARENS.sub("", sentence))
    s = _OPENER.sub("", s)
    return s[:1].upper() + s[1:]


_TRAILING_SAID = re.compile(
    r"(?m)([^.!?\n“”\"]{20,}?), "
    r"((?:the )?[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,3}) (said|says)( on \w+)?\."
)


def clause_moves(text: str) -> list[Replacement]:
    """ "X, Y said." -> "Y said X." for real text paraphrases."""
    out = []
    for m in _TRAILING_SAID.finditer(text):
        clause = m.group(1).strip()
        if not clause:
            continue
        start = m.start(1) + (len(m.group(1)) - len(m.group(1).lstrip()))
        clause = (
            clause[:1].lower() + clause[1:]
            if not clause.split()[0].istitle()
            or clause.split()[0] in ("The", "A", "An", "It", "This")
            else clause
        )
        new = f"{m.group(2)} {m.group(3)}{m.group(4) or ''} that {clause}."
        out.append(Replacement(start, m.end(), new[:1].upper() + new[1:], "clause-move"))
    return out
