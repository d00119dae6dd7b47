"""Invented news texts (written for these tests) and their copies of every kind.

One invented original about a flood in an invented town, and for each verdict kind a text
that relates to it in that way. Imported by the alignment, forensics and verdict tests.
"""

from __future__ import annotations

from datetime import date

from unspun.ingest.assemble import build_article
from unspun.model import Article

ORIGINAL_HEADLINE = "Floodwaters force 1,200 residents from their homes in Harbourton"
ORIGINAL = [
    "More than 1,200 residents were evacuated from their homes in Harbourton on Tuesday after "
    "the River Calder burst its banks following three days of heavy rain.",
    "Emergency crews worked through the night to move elderly people from the low-lying "
    "Millbrook district, where the water reached the ground floor of several houses.",
    "Mayor Elena Marsh said the town had not seen flooding on this scale since 1987.",
    '"We are doing everything we can to keep people safe, and nobody should try to return '
    'home until the water has gone down," she told the Harbourton Gazette.',
    "The regional environment agency issued a severe flood warning for the whole valley and "
    "said river levels would keep rising until Thursday.",
    "Schools in the area will stay closed for the rest of the week, and the main road to "
    "Westfield has been shut by police.",
    "Volunteers opened a shelter in the old sports centre, which was housing about 300 people "
    "on Tuesday evening.",
    "Local businesses have offered food and warm blankets, and a fundraising appeal has already "
    "collected £45,000 for families who lost their belongings.",
    "Insurance experts warned that the damage could run into tens of millions of pounds once "
    "the water recedes.",
    "Residents were told to check the council website for news about the reopening of roads "
    "and the return of power to the worst affected streets.",
]

# A spinner's copy: synonyms swapped (some for nonsense), a name garbled, the attribution
# broken into a stray fragment, a translation fragment, site furniture left in.
SPUN_HEADLINE = "Floodwaters compel 1,200 inhabitants from their houses in Harbourton"
SPUN = [
    "More than 1,200 inhabitants were evacuated from their houses in Harbourton on Tuesday after "
    "the River Calder burst its banks following three days of hefty rain.",
    "Emergency crews toiled through the night to shift elderly folks from the low-lying "
    "Millbrook district, where the water reached the ground floor of numerous houses.",
    "Mayor Elena Marsch said the town had not seen flooding on this scale since 1987.",
    '"We are doing everything we can to keep people safe, and nobody should try to return '
    'home until the water has gone down," she said. Gazette.',
    "The regional environment agency issued a severe flood warning for the entire valley and "
    "said river levels would continue rising until Thursday. I'm here.",
    "Advertisement",
    "Schools in the area will remain shut for the remainder of the week, and the principal road "
    "to Westfield has been closed by plodmen.",
    "Volunteers opened a shelter in the old sports centre, which was housing about 300 people "
    "on Tuesday evening.",
    "Local businesses have offered food and warm blankets, and a fundraising appeal has already "
    "gathered £45,000 for families who lost their belongings.",
    "Insurance specialists cautioned that the damage could run into tens of millions of pounds "
    "once the water recedes.",
    "Exit mobile version",
]

# An edited copy: mostly verbatim, but a number changed, a negation flipped, a quote
# altered, a sentence added and one dropped.
EDITED = [
    "More than 2,100 residents were evacuated from their homes in Harbourton on Tuesday after "
    "the River Calder burst its banks following three days of heavy rain.",
    "Emergency crews worked through the night to move elderly people from the low-lying "
    "Millbrook district, where the water reached the ground floor of several houses.",
    "Mayor Elena Marsh said the town had seen flooding on this scale since 1987.",
    '"We are doing everything we can to keep people calm, and nobody should try to return '
    'home until the water has gone down," she told the Harbourton Gazette.',
    "The regional environment agency issued a severe flood warning for the whole valley and "
    "said river levels would keep rising until Thursday.",
    "Critics say the council ignored repeated warnings about the state of the old flood walls "
    "for more than a decade.",
    "Volunteers opened a shelter in the old sports centre, which was housing about 300 people "
    "on Tuesday evening.",
    "Local businesses have offered food and warm blankets, and a fundraising appeal has already "
    "collected £45,000 for families who lost their belongings.",
    "Insurance experts warned that the damage could run into tens of millions of pounds once "
    "the water recedes.",
    "Residents were told to check the council website for news about the reopening of roads "
    "and the return of power to the worst affected streets.",
]

# A round trip through another language: word order and function words changed, the name
# transliterated, short dangling fragments.
TRANSLATED = [
    "On Tuesday more than 1,200 inhabitants from Harbourton had to be evacuated from their "
    "houses, after the river Calder went over its banks after three days of strong rain.",
    "The emergency services worked the whole night so that old people from the low district "
    "of Millbrook were moved, where the water arrived to the ground floor of some houses.",
    "The mayor Jelena Marš said that the town flooding of such scale has not seen since 1987. "
    "It is so.",
    '"We do everything what we can so that people are safe, and nobody should try to go back '
    'home before the water has gone down," she said to the newspaper Harbourton Gazette.',
    "The regional agency for environment gave a severe warning of flood for all the valley and "
    "said that the levels of the river will rise further until Thursday.",
    "The schools in the area stay closed for the rest of this week, and the main road to "
    "Westfield was closed from the police. That is.",
    "Volunteers have opened a shelter in the old sports centre, in which on Tuesday in the "
    "evening were about 300 people.",
    "Local firms have offered food and warm blankets, and a collection of money has already "
    "gathered £45,000 for the families which have lost their things.",
    "Experts of insurance warned that the damages could reach tens of millions of pounds when "
    "the water goes back.",
]

# A paraphrase: every sentence rewritten in other words, the order kept.
PARAPHRASE = [
    "Over 1,200 people in Harbourton had to leave home on Tuesday when three days of downpours "
    "pushed the River Calder over its banks.",
    "Rescue teams spent all night helping older residents out of Millbrook, a low part of town "
    "where several houses were flooded to the ground floor.",
    "According to Mayor Elena Marsh, Harbourton had not faced a flood this large since 1987.",
    "She urged people to stay away from their homes until the floodwater drops.",
    "A severe warning now covers the entire valley, and the environment agency expects the river "
    "to go on rising until Thursday.",
    "Local schools are shut until next week, while police have blocked the main Westfield road.",
    "About 300 people spent Tuesday evening in an emergency shelter that volunteers set up in the "
    "old sports centre.",
    "Shops and firms have donated food and blankets, and an appeal for families who lost "
    "everything has raised £45,000 so far.",
    "Insurers expect a bill in the tens of millions of pounds when the water has gone.",
    "The council website will carry news on when roads reopen and power returns to the worst "
    "hit streets.",
]

# A summary: much shorter, sentences condensed from the original, order kept.
SUMMARY = [
    "More than 1,200 residents were evacuated from their homes in Harbourton on Tuesday after "
    "the River Calder burst its banks.",
    "Mayor Elena Marsh said the town had not seen flooding on this scale since 1987, and the "
    "environment agency said river levels would keep rising until Thursday.",
    "Volunteers opened a shelter in the old sports centre, and a fundraising appeal has "
    "collected £45,000 for families.",
]

# Independent reporting of the same event: same names, numbers and the same quote, but
# written from scratch, in a different order, with facts of its own.
SAME_STORY = [
    "Harbourton was under water on Tuesday night as the River Calder rose to its highest level "
    "in decades.",
    "Police closed the Westfield road early in the morning, and by noon the Millbrook estate "
    "was cut off.",
    "Council officials put the number of people forced out at more than 1,200.",
    '"We are doing everything we can to keep people safe, and nobody should try to return '
    'home until the water has gone down," Mayor Elena Marsh told reporters outside the town hall.',
    "Farmers upstream said fields had been flooded since the weekend, and at least two bridges "
    "were damaged.",
    "A shelter run by volunteers in the sports centre took in about 300 people.",
    "Marsh compared the flood with the one in 1987, which many older residents still remember.",
    "Forecasters expect more rain on Thursday, and the environment agency has warned the whole "
    "valley.",
    "An appeal for the families has raised £45,000, organisers said.",
]

UNRELATED = [
    "The city orchestra announced on Monday that its new season will open with a programme of "
    "music by young composers.",
    "Tickets for the opening concert go on sale next month, and students will be offered "
    "reduced prices.",
    "The conductor said she wanted to bring new audiences to the concert hall.",
    "Rehearsals begin in August in the renovated theatre on Bridge Street.",
]

CREDIT = "By a staff reporter, Valley News Service"


def article(
    body: list[str],
    headline: str | None = None,
    url: str = "https://example.org/a",
    published: date | None = None,
) -> Article:
    """An Article from invented paragraphs (headline first when given)."""
    parts: list[tuple[str, str]] = []
    if headline is not None:
        parts.append(("headline", headline))
    parts.extend(("body", p) for p in body)
    return build_article(parts, url=url, published=published)  # type: ignore[arg-type]


def original(published: date | None = None) -> Article:
    return article(ORIGINAL, ORIGINAL_HEADLINE, "https://gazette.example/flood", published)
