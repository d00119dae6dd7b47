# ruff: noqa: E501  (hand-written article text)
"""The demo corpus: ~40 short invented articles as HTML pages plus their truth.

`write_demo(out)` writes `out/clusters.jsonl` and `out/corpus/<cluster>/<page>.html`
from fixed seeds, byte-identically on every machine. It holds eight invented events
(an original, two same-story renderings, and copies of chosen kinds), one unrelated
article (no copies, no story mates) and one article whose text contains markup as
literal text (for escaping tests downstream).
"""

from __future__ import annotations

import random
import shutil
from datetime import datetime
from pathlib import Path

from unspun.corpus.doc import Cluster, Doc
from unspun.corpus.edits import _TOLD
from unspun.corpus.generate import invented_cluster
from unspun.corpus.options import BenchOptions
from unspun.corpus.outlets import COPY_SITES, NEWSROOMS
from unspun.corpus.thesaurus import lexicon
from unspun.corpus.topics import TOPICS
from unspun.corpus.write import WriteStats, write_clusters

DEMO_SEED = 20240611

#: (recipes, meaning-edit types, needs "told X." in the original) per invented cluster
PLAN: tuple[tuple[tuple[str, ...], tuple[str, ...], bool], ...] = (
    (("verbatim", "spun-30"), (), False),
    (("edited", "paraphrase"), (), False),
    (("partial", "translated"), (), False),
    (("meaning-edit", "summary"), ("name", "attribution:broken"), True),
    (("syndicated", "spun-10"), (), False),
    (("reordered",), (), False),
    (("spun-50",), (), False),
    (("meaning-edit",), ("number", "quote", "negation"), False),
)

UNRELATED = (
    "Allotment show crowns record marrow in Elmthorpe",
    (
        (
            "standfirst",
            "A retired postman's 41-kilogram marrow beat 63 entries at the Elmthorpe "
            "Allotment Society's autumn show.",
        ),
        (
            "body",
            "Judges at the Elmthorpe Allotment Society's autumn show on Saturday awarded first "
            "prize to a marrow weighing 41 kilograms, the heaviest in the society's 88-year history.",
        ),
        (
            "body",
            "The grower, Percival Odunsi, said he had fed the plant with seaweed and cold tea "
            'since April. "My wife says I spent more time with the marrow than with her," he '
            "said, to laughter from the crowd in the village hall.",
        ),
        (
            "body",
            "Other prizes went to a dish of seven matching shallots, a jar of damson chutney "
            "and a scarecrow dressed as the local vicar. The show raised \u00a31,240 for the church "
            "roof appeal.",
        ),
    ),
)

MARKUP = (
    "Council website flaw let visitors run code, researcher says",
    (
        (
            "standfirst",
            "A search box on the Pellingshire council website treated text typed into "
            "it as page code until a fix this week.",
        ),
        (
            "body",
            "A security researcher found that typing <script>alert(1)</script> into the search "
            "box of the Pellingshire County Council website made the page run it as a script, "
            "instead of showing it as text.",
        ),
        (
            "body",
            "Words wrapped in tags such as <b>html</b> also appeared in bold on the results "
            "page, said the researcher, Ottilie Brannagan, who reported the flaw to the council "
            "in March.",
        ),
        (
            "body",
            "The council said no personal data had been exposed and that the search page had "
            'been fixed on Tuesday. "We thank the researcher for telling us privately," a '
            "spokesperson said.",
        ),
    ),
)


def demo_clusters() -> list[Cluster]:
    """Every demo cluster, in order."""
    options = BenchOptions(seed=DEMO_SEED, same_story=(2, 2))
    out: list[Cluster] = []
    for i, (recipes, types, needs_told) in enumerate(PLAN):
        topic = TOPICS[i % len(TOPICS)]
        for attempt in range(200):
            rng = random.Random(f"demo:{DEMO_SEED}:{i}:{attempt}")
            from unspun.corpus.events import make_event

            event = make_event(rng, topic)
            cluster = invented_cluster(
                i,
                rng,
                list(recipes),
                options,
                lexicon(),
                event=event,
                edit_types=types,
                prefix="demo-",
            )
            if not needs_told or (
                _TOLD.search(cluster.original.text)
                and all(
                    len(c.extra.get("edits", [])) == len(types)
                    for c in cluster.copies
                    if c.extra.get("recipe") == "meaning-edit"
                )
            ):
                break
        out.append(cluster)
    out.append(
        _handwritten(
            "demo-unrelated",
            "an unrelated article: no copies, no story mates",
            UNRELATED,
            NEWSROOMS[5],
            datetime(2023, 9, 16, 17, 5),
            copy=False,
        )
    )
    out.append(
        _handwritten(
            "demo-markup",
            "article whose text contains markup as literal text",
            MARKUP,
            NEWSROOMS[7],
            datetime(2023, 5, 4, 9, 30),
            copy=True,
        )
    )
    return out


def _handwritten(
    cid: str,
    story: str,
    content: tuple[str, tuple[tuple[str, str], ...]],
    outlet: object,
    when: datetime,
    *,
    copy: bool,
) -> Cluster:
    from unspun.corpus.generate import copy_url, newsroom_url
    from unspun.corpus.outlets import Outlet

    assert isinstance(outlet, Outlet)
    title, paras = content
    url = newsroom_url(outlet, "news", when, title, cid)
    original = Doc(url, outlet.domain, outlet.name, when, title, paras)
    copies = []
    if copy:
        site = COPY_SITES[0]
        later = when.replace(hour=when.hour + 3)
        furnished = (*paras, ("furniture", "Advertisement"), ("furniture", "Share this article"))
        copies.append(
            Doc(
                copy_url(site, later, title, f"{cid}-0"),
                site.domain,
                site.name,
                later,
                title,
                furnished,
                "verbatim",
                {"recipe": "verbatim", "variant": "furniture"},
            )
        )
    return Cluster(cid, story, original, copies, [], "invented", {"handwritten": True})


def write_demo(out: Path) -> WriteStats:
    """Write the demo corpus under `out` (replacing `out/corpus`)."""
    pages = out / "corpus"
    if pages.exists():
        shutil.rmtree(pages)
    return write_clusters(demo_clusters(), out, html=True, pages_dir=pages)
