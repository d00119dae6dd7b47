"""Invented texts for the inspection tests (our own wording; no third-party text).

A small library of articles about an invented asylum debate, spelling the people's names
right, and a machine-rewritten page about the same debate carrying every artifact the
seed page carries: a nonsense word, a broken attribution, a caption printed twice,
translation debris, site furniture, and names one letter off.
"""

from __future__ import annotations

from unspun.ingest import article_from_record
from unspun.model import Article
from unspun.options import ReadOptions

#: Pages are read as they are: furniture and repeats are evidence (as `unspun inspect` reads).
AS_IS = ReadOptions(clean=False, learn_furniture=False)

LIBRARY: list[tuple[str, str, str]] = [
    ("https://harbour-times.example/europe/asylum-debate",
     "Estonia rejects asylum for men fleeing the call-up",
     "Estonian Foreign Minister Urmas Reinsalu said on Thursday that fleeing the call-up was "
     "no ground for asylum in Tallinn.\n\nThe minister spoke after talks with officials from "
     "Latvia and Finland about the queues at the border crossings.\n\nBritish Ambassador "
     "Melinda Simmons called the vote in the occupied regions a sham."),
    ("https://northern-ledger.example/world/baltic-border",
     "Baltic states close their borders to tourists",
     "Estonia, Latvia and Lithuania will close their borders to most visitors, Foreign "
     "Minister Urmas Reinsalu told reporters in Tallinn.\n\nReinsalu said the decision was "
     "taken together with the other Baltic governments.\n\nFinland is considering the same "
     "step, officials said."),
    ("https://coastal-post.example/news/reinsalu-interview",
     "Reinsalu: Europe must stay united",
     "In an interview, Urmas Reinsalu said Europe must stay united over sanctions.\n\n"
     "The Estonian minister met Ambassador Melinda Simmons in Tallinn last week.\n\n"
     "Simmons said Britain would keep supporting the region."),
    ("https://valley-herald.example/sport/cup-final",
     "Riverside win the cup final",
     "Riverside beat Northgate two goals to one in the cup final on Saturday.\n\nThe captain "
     "lifted the trophy in front of a crowd of 40,000 supporters."),
]

SPUN_PAGE = "\n\n".join((
    'Families say tearful goodbyes as the mobilisation continues',
    'A young recruit and his partner embrace outside the enlistment office in the '
    'city today',
    'A young recruit and his partner embrace outside the enlistment office in the '
    'city today',
    'Police Kumbas in riot gear quickly dragged brave protesters away on a gray and '
    'rainy day.',
    '"We must take this into account and not follow this decision. " he said. '
    'Politico.',
    'Estonia\'s Foreign Minister Urmas Reinsal said: "A refusal to serve is not '
    'sufficient grounds for asylum in another country."',
    'British Ambassador Melinda Symonds said the outcome was "already decided" and '
    'that the vote was a show. said it is.',
    'Nonetheless, the vote marks an important development in the war for the whole '
    "region. I'm here.",
    'advertisement',
    'Exit mobile version',
))

PLAIN_PAGE = "\n\n".join((
    'Riverside win the cup final after late goal',
    'Riverside beat Northgate two goals to one in the cup final on Saturday, with a '
    'header in the last minute deciding a tight match.',
    'The captain lifted the trophy in front of a crowd of 40,000 supporters, and the '
    'manager said the team had earned the win over a long season.',
    'Northgate had led at half time through a penalty, but Riverside pressed harder '
    'after the break and were rewarded twice.',
))


def library_articles() -> list[Article]:
    return [article_from_record({"url": url, "title": title, "text": text})
            for url, title, text in LIBRARY]


def page(text: str) -> Article:
    head, _, body = text.partition("\n\n")
    return article_from_record({"title": head, "text": body}, AS_IS)
