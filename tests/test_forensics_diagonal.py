"""A sentence-by-sentence rewrite keeps every sentence in its place; independent reporting
of the same event does not. Invented texts: a rewrite that keeps little wording (so only
the order evidence can call it a copy), the same rewrite with a sentence split in two, and
the cases that must stay `same-story`: the rewrite's sentences shuffled, the rewrite with a
quote of its own, and an independent report of the event."""

from __future__ import annotations

from unspun.align.features import prepare
from unspun.align.passages import align_detail
from unspun.forensics import analyze
from unspun.forensics.signals import compute_signals
from unspun.ingest.assemble import build_article
from unspun.model import Article
from unspun.options import AlignOptions

HEADLINE = "Old Mill Bridge closed after inspectors find cracks"
SOURCE = [
    "Engineers closed the Old Mill Bridge in Dunmore on Monday after an inspection found deep "
    "cracks in two of its supporting piers.",
    "About 14,000 vehicles cross the bridge every day, and drivers now face a detour of nine "
    "miles through Carrick.",
    "The county council said repairs would cost at least £3.4 million and could take until "
    "next spring.",
    '"We cannot take any risk with public safety, so the bridge will stay shut until it is '
    'fixed," said Aisling Moran, who leads the council\'s transport team.',
    "Shop owners on Bridge Street said trade had already fallen since the closure was "
    "announced.",
    "The bridge, built in 1893, was last repaired in 2009 by Hollins Construction.",
    "A temporary footbridge for pedestrians is expected to open within six weeks.",
    "Bus operator Connect Dunmore said its number 12 service would be diverted.",
]
REWRITE = [
    "A routine survey on Monday turned up serious weakness in a pair of the stone columns "
    "holding up a Dunmore landmark, which is now off limits.",
    "Roughly 14,000 cars and lorries rely on that crossing daily, so motorists must now loop "
    "nine miles round by way of Carrick.",
    "Putting it right is expected to cost upwards of £3.4 million, with work possibly running "
    "into next spring, county staff say.",
    "Aisling Moran, head of transport at the council, said: \"We cannot take any risk with "
    'public safety, so the bridge will stay shut until it is fixed."',
    "Traders along Bridge Street report emptier tills ever since word of the shutdown got "
    "out.",
    "Dating from 1893, the structure had its most recent works in 2009, by Hollins "
    "Construction, local records show.",
    "Walkers should be able to use a makeshift crossing of their own in about six weeks.",
    "Passengers on the number 12 will find Connect Dunmore buses taking another way.",
]
#: The third sentence said in two.
REWRITE_SPLIT = [
    *REWRITE[:2],
    "Fixing it will take £3.4 million or more, county officials said.",
    "The work may last until next spring.",
    *REWRITE[3:],
]
OWN_QUOTE = (
    '"It has added half an hour to every trip I make," said Declan Hayes, a delivery driver '
    "from Carrick."
)
INDEPENDENT = [
    "Drivers in Dunmore were sent on a nine-mile detour through Carrick on Monday after the "
    "Old Mill Bridge was closed to traffic.",
    OWN_QUOTE,
    "Inspectors found cracks in two piers of the bridge, which was built in 1893.",
    "Aisling Moran, the council's transport chief, said: \"We cannot take any risk with public "
    'safety, so the bridge will stay shut until it is fixed."',
    "The council put the cost of repairs at £3.4 million.",
    "Around 14,000 vehicles a day use the crossing, according to the council.",
    "A footbridge for people on foot will open in six weeks.",
]


def _article(body: list[str], headline: str | None = None) -> Article:
    parts = [("headline", headline)] if headline else []
    parts += [("body", p) for p in body]
    return build_article(parts, url="https://example.org/x")  # type: ignore[arg-type]


def _source() -> Article:
    return _article(SOURCE, HEADLINE)


def test_sentence_by_sentence_rewrite_is_a_paraphrase() -> None:
    rewrite = _article(REWRITE, "Motorists face long diversion as landmark crossing shuts")
    an = analyze(rewrite, _source())
    assert an.verdict == "paraphrase", an.evidence.notes
    assert any("each in its place" in n for n in an.evidence.notes)


def test_a_sentence_split_in_two_does_not_break_the_correspondence() -> None:
    an = analyze(_article(REWRITE_SPLIT), _source())
    assert an.verdict == "paraphrase", an.evidence.notes


def test_the_rewrite_shuffled_is_not_a_copy() -> None:
    shuffled = [REWRITE[k] for k in (4, 0, 6, 2, 7, 1, 5, 3)]
    an = analyze(_article(shuffled), _source())
    assert an.verdict == "same-story", an.evidence.notes


def test_a_quote_of_its_own_makes_it_independent_reporting() -> None:
    an = analyze(_article([*REWRITE[:4], OWN_QUOTE, *REWRITE[4:]]), _source())
    assert an.verdict == "same-story", an.evidence.notes


def test_independent_report_of_the_same_event_is_not_a_copy() -> None:
    an = analyze(_article(INDEPENDENT), _source())
    assert an.verdict == "same-story", an.evidence.notes


def _signals(body: list[str]) -> tuple[float, int, int]:
    q, s = prepare(_article(body)), prepare(_article(SOURCE))
    sig = compute_signals(q, s, align_detail(q, s, AlignOptions()), 2)
    return sig.diagonal_share, sig.diagonal_pairs, sig.query_own_quotes


def test_diagonal_signals() -> None:
    assert _signals(SOURCE) == (1.0, len(SOURCE), 0)
    share, pairs, own = _signals(REWRITE)
    assert share >= 0.65 and pairs >= 6 and own == 0
    shuffled, _, _ = _signals([REWRITE[k] for k in (4, 0, 6, 2, 7, 1, 5, 3)])
    assert shuffled < share - 0.3
    # one split sentence costs about one sentence of credit (the shift), not the rest
    split, _, _ = _signals(REWRITE_SPLIT)
    assert split * len(REWRITE_SPLIT) >= share * len(REWRITE) - 1.5
    assert _signals([*REWRITE, OWN_QUOTE])[2] == 1
    assert _signals(INDEPENDENT)[2] == 1
