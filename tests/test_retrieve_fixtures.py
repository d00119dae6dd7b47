"""Invented news text for the library and retrieval tests (written for unspun; no real articles).

`STORIES` are originals; `spin`, `edit` and `background` derive more articles from them
deterministically, so tests need no data from outside the repository.
"""

from __future__ import annotations

import random
import re

from wordfreq import top_n_list

from unspun.ingest.assemble import build_article
from unspun.model import Article

STORIES: list[tuple[str, str, list[str]]] = [
    (
        "https://www.harbourpost.example/news/ferry-strike",
        "Ferry workers in Korvenport walk out over rota changes",
        [
            "More than 1,200 ferry workers in Korvenport walked off the job on Tuesday after "
            "talks with the Baltmarine Shipping company collapsed over new rota rules.",
            "Union leader Edda Vallmark said the company had \"torn up twenty years of "
            "agreements in a single afternoon\" and warned the stoppage could last a fortnight.",
            "The strike halted the 14 daily crossings to Saltholm Island, leaving about 3,400 "
            "passengers stranded at the terminal, according to harbour officials.",
            "Baltmarine's chief executive, Jonas Ferlund, said the new schedule was needed to "
            "cut fuel costs by 18 per cent and accused the union of refusing a fair offer.",
            "Shopkeepers on Saltholm said deliveries of fresh milk and bread had already "
            "stopped, and the island council asked the ministry to charter a relief vessel.",
        ],
    ),
    (
        "https://www.valleyherald.example/science/glacier-melt",
        "Brenner glacier lost a tenth of its ice in two summers, survey finds",
        [
            "The Brenner glacier in the Oskar Range lost nearly 11 per cent of its volume "
            "between 2021 and 2023, a survey by the Tarnow Institute of Alpine Research shows.",
            "Glaciologist Mirela Dunajec said drone measurements found the tongue of the "
            "glacier had retreated 340 metres, exposing bedrock last seen in the 1850s.",
            "\"We expected losses, but not at this speed,\" Dunajec said, adding that meltwater "
            "now fills a lake which did not exist five years ago.",
            "Farmers in the Lesna valley rely on the meltwater to irrigate orchards, and the "
            "regional water board has begun drafting emergency rationing plans for August.",
        ],
    ),
    (
        "https://www.capitalwire.example/politics/budget-vote",
        "Parliament of Estovia rejects Halvorsen budget by four votes",
        [
            "Estovia's parliament rejected Prime Minister Ingrid Halvorsen's budget by 84 votes "
            "to 80 late on Thursday, the first defeat of a government spending plan since 1997.",
            "Opposition leader Tomas Reinholt called the vote \"a verdict on three years of "
            "broken promises\" and demanded a snap election before the winter recess.",
            "The plan would have raised the pension age to 68 and funded 2,500 new nursing posts "
            "through a levy on lottery operators, a measure two coalition members opposed.",
            "Finance Minister Arvid Soder said the cabinet would present a revised draft within "
            "ten days and would not resign, though markets pushed the krona down 1.4 per cent.",
        ],
    ),
    (
        "https://www.sportsdesk.example/football/cup-final",
        "Dunmore Rovers win cup final with stoppage-time header",
        [
            "Dunmore Rovers won the Northern Cup for the first time in 42 years after defender "
            "Callum Aberg headed in a corner in the 94th minute to beat Westfield Athletic 2-1.",
            "Westfield had led through a penalty from striker Rafael Quintero before the break, "
            "and goalkeeper Nils Haugen saved twice from Rovers forwards early in the second half.",
            "Manager Siobhan Kerrigan, who took charge in March, said her players had \"never "
            "stopped believing\" and dedicated the trophy to the club's late chairman.",
            "A crowd of 31,870 watched at the Greyfield Stadium, where police reported two "
            "arrests after fans of both sides clashed outside the east stand.",
        ],
    ),
    (
        "https://www.techledger.example/business/chip-plant",
        "Quellon Semiconductors to build 4bn chip plant near Marsby",
        [
            "Quellon Semiconductors will build a chip factory worth 4.2 billion euros outside "
            "the town of Marsby, creating about 1,900 jobs, the company announced on Monday.",
            "Chief executive Petra Lindqvist said the plant would produce power chips for "
            "electric buses and wind turbines from 2027, once regulators approve the site.",
            "Environmental groups criticised the plan, saying the factory would draw 12 million "
            "litres of water a day from the Marsby river during dry summers.",
            "The regional governor, Oskar Brandt, welcomed the investment and promised a new "
            "rail spur to the industrial park, funded partly by a national subsidy programme.",
        ],
    ),
]

UNRELATED = (
    "Gardeners are being urged to leave a corner of their lawn uncut this spring. Long grass "
    "gives shelter to insects and small birds, and wild flowers can seed themselves there. "
    "Experts suggest mowing paths through the longer grass so the garden still looks cared "
    "for, and waiting until late summer before cutting the rest."
)


def original(i: int) -> Article:
    url, title, paras = STORIES[i]
    return build_article([("headline", title), *(("body", p) for p in paras)], url=url)


def originals() -> list[Article]:
    return [original(i) for i in range(len(STORIES))]


_WORD = re.compile(r"[A-Za-z]+")


def _vocab() -> list[str]:
    return [w for w in top_n_list("en", 5000) if w.isalpha() and len(w) > 3][:3000]


def spin(text: str, share: float, seed: int = 0) -> str:
    """Replace `share` of the lower-case words longer than 3 letters by other common words
    (names, capitalised words and numbers are left, as spinners do)."""
    rng = random.Random(seed)
    vocab = _vocab()

    def swap(m: re.Match[str]) -> str:
        w = m.group()
        if w[0].isupper() or len(w) <= 3 or rng.random() >= share:
            return w
        return rng.choice(vocab)

    return _WORD.sub(swap, text)


def copy_of(i: int, *, share: float = 0.0, drop_last: bool = False, extra: str = "",
            url: str = "https://www.copyfarm.example/story", seed: int = 0) -> Article:
    """A derived copy of story `i`: spun, shortened and/or with an added paragraph."""
    _, title, paras = STORIES[i]
    body = list(paras[:-1] if drop_last else paras)
    if extra:
        body.append(extra)
    return build_article(
        [("headline", spin(title, share, seed)), *(("body", spin(p, share, seed + k))
                                                   for k, p in enumerate(body))],
        url=url,
    )


def background(n: int, seed: int = 7) -> list[Article]:
    """`n` filler articles of common words with invented names and numbers."""
    rng = random.Random(seed)
    vocab = _vocab()
    out = []
    for k in range(n):
        paras = []
        for _ in range(4):
            ws = [rng.choice(vocab) for _ in range(rng.randint(25, 45))]
            ws[rng.randrange(len(ws))] = f"Name{rng.randint(0, 10**6)}x".capitalize()
            ws.append(str(rng.randint(10, 99999)))
            paras.append(" ".join(ws).capitalize() + ".")
        out.append(build_article([("headline", " ".join(rng.sample(vocab, 6)).capitalize()),
                                  *(("body", p) for p in paras)],
                                 url=f"https://filler{k % 7}.example/{k}"))
    return out
