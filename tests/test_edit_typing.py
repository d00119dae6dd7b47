"""Edit typing that a fact-checker relies on (issue 22, point 4), on invented copies.

Name and place swaps are `name` edits at every mention, wherever the word sits; a negation
inside a quote is a `negation`; a spinner's word-for-word swap of a clause is rewording,
not an insertion plus a deletion; boilerplate appended to a copy is furniture, never an edit.
"""

from __future__ import annotations

from test_forensics_fixtures import article
from unspun.align.features import prepare
from unspun.align.passages import align_detail
from unspun.forensics import analyze
from unspun.forensics.edits import alignment_edits
from unspun.model import Analysis, Edit
from unspun.options import AlignOptions

BODY = [
    "Glasgow City Council approved the new harbour plan on Tuesday after a long debate among "
    "members of the planning committee.",
    "The plan will move the ferry terminal closer to the town centre, officials in Glasgow "
    "said, and work is expected to start in the spring.",
    "\"We are confident this plan will serve the city well,\" said council leader Morag "
    "Tennant, who chaired the meeting.",
    "Local traders had campaigned for two years to keep the terminal near the market square.",
]
HEADLINE = "Council agrees new harbour plan"


def _analyze(copy: list[str], headline: str = HEADLINE, source: list[str] = BODY,
             source_headline: str = HEADLINE) -> Analysis:
    src = article(source, source_headline, url="https://post.example/harbour")
    return analyze(article(copy, headline, url="https://farm.example/harbour"), src)


def _typed(an: Analysis) -> list[tuple[str, str, str]]:
    return [(e.type, e.source_text, e.query_text) for e in an.edits]


def test_a_place_swapped_at_every_mention_is_a_name_edit_at_each() -> None:
    an = _analyze([p.replace("Glasgow", "Edinburgh") for p in BODY])
    # one mention opens a sentence, the other sits next to "said": both are the name swap
    assert _typed(an) == [("name", "Glasgow", "Edinburgh")] * 2
    assert all(e.changes_meaning for e in an.edits)


def test_a_common_word_used_as_a_name_in_a_headline_is_still_a_name() -> None:
    notice = [
        "Franklin Massachusetts Tax-Free Income Fund said its board declared a monthly "
        "dividend of 5.3 cts per share, payable April 15 to holders of record March 31.",
        "The fund said the dividend is unchanged from the prior month, and that it is "
        "managed by Franklin Resources of San Mateo.",
    ]
    copy = [p.replace("Massachusetts", "California") for p in notice]
    # typed as the edits of an alignment (the pair as a whole is another fund's notice,
    # not a copy: see the wire template test below)
    q = prepare(article(copy, "FRANKLIN CALIFORNIA FUND SETS DIVIDEND"))
    s = prepare(article(notice, "FRANKLIN MASSACHUSETTS FUND SETS DIVIDEND"))
    edits, _ = alignment_edits(q, s, align_detail(q, s, AlignOptions()))
    typed = [(e.type, e.source_text.casefold(), e.query_text.casefold()) for e in edits]
    # the headline's mention and the body's (a sentence start): every one a name edit
    assert typed == [("name", "massachusetts", "california")] * 2


def test_a_negation_inside_a_quote_is_a_negation() -> None:
    copy = list(BODY)
    copy[2] = copy[2].replace("We are confident", "We are not confident")
    an = _analyze(copy)
    (e,) = an.edits
    assert (e.type, e.query_text) == ("negation", "not")
    assert "quotation" in e.note


def _one_edit(an: Analysis) -> Edit:
    (e,) = an.edits
    return e


def test_a_clause_spun_word_for_word_is_rewording_not_insertion_and_deletion() -> None:
    copy = list(BODY)
    copy[1] = ("The scheme shall shift the boat depot nearer to the municipality core, "
               "officials in Glasgow said, and work is expected to start in the spring.")
    e = _one_edit(_analyze(copy))
    assert e.type == "synonym"
    assert e.source_text.startswith("plan will move") and e.query_text.startswith("scheme")


def test_a_clause_replaced_by_other_text_is_still_an_insertion_and_a_deletion() -> None:
    copy = list(BODY)
    copy[1] = ("The plan drew protests from residents who fear years of roadworks and "
               "higher rents, officials in Glasgow said, and work is expected to start "
               "in the spring.")
    types = sorted(e.type for e in _analyze(copy).edits)
    assert types == ["deletion", "insertion"]


def test_appended_share_bar_and_copyright_line_are_furniture_not_edits() -> None:
    copy = [*BODY, "Share this article: Facebook Twitter Email WhatsApp",
            "Copyright 2026 The Harbour Post. All rights reserved."]
    an = _analyze(copy)
    assert an.edits == []
    furniture = {a.text for a in an.artifacts if a.kind == "furniture"}
    assert furniture == {"Share this article: Facebook Twitter Email WhatsApp",
                         "Copyright 2026 The Harbour Post. All rights reserved."}


# One wire template filled for two companies (as a Reuters dividend notice is): the headline
# names another fund, the body another figure. Another event, whatever the shared wording.
WIRE = "{NAME} {KIND} SETS PAYOUT\n\nMthly div {a} cts vs {b} cts prior\nPay April 30\n" \
       "Record April 15\nNOTE: {Name} {Kind} Tax-Exempt Income Fund.\n"


def test_a_wire_template_filled_for_another_fund_is_not_a_copy() -> None:
    from unspun.ingest.plaintext import article_from_text
    from unspun.model import COPY_VERDICTS

    def notice(name: str, kind: str, a: str, b: str) -> str:
        return WIRE.format(NAME=name.upper(), KIND=kind.upper(), Name=name, Kind=kind,
                           a=a, b=b)

    src = article_from_text(notice("Harwick Vermont", "Insured", "6.1", "6.4"))
    other = article_from_text(notice("Harwick Oregon", "Municipal", "6.1", "6.1"))
    an = analyze(other, src)
    assert an.verdict not in COPY_VERDICTS, an.evidence.notes
    assert any("template" in n for n in an.evidence.notes)
    # the same notice picked up unchanged is still a copy
    again = article_from_text(notice("Harwick Vermont", "Insured", "6.1", "6.4"))
    assert analyze(again, src).verdict in COPY_VERDICTS


def test_a_name_no_dictionary_knows_in_place_of_another_name_is_no_spinner_nonsense() -> None:
    copy = [p.replace("Morag Tennant", "Morag Quillbrax") for p in BODY]
    an = _analyze(copy)
    assert [a for a in an.artifacts if a.kind == "unknown-word"] == []
    assert [(e.type, e.query_text) for e in an.edits] == [("name", "Quillbrax")]


def test_another_days_report_from_one_template_is_not_a_copy() -> None:
    from unspun.ingest.plaintext import article_from_text
    from unspun.model import COPY_VERDICTS

    def report(amount: str, shortage: str, rate: str) -> str:
        return (f"KELMOUTH MONEY MARKET GIVEN {amount} MLN CROWNS HELP\n\n"
                f"The Bank of Kelmouth said it provided the money market with {amount} mln "
                f"crowns of assistance in the morning session.\n"
                f"This compares with the bank's estimate of a {shortage} mln crown shortage "
                f"in the system today.\nThe central bank bought bills at {rate} pct, dealers "
                "said, unchanged from the previous session.\n")

    monday = article_from_text(report("224", "450", "9-7/8"))
    tuesday = article_from_text(report("75", "300", "9-3/4"))
    an = analyze(tuesday, monday)
    assert an.verdict not in COPY_VERDICTS, an.evidence.notes
    assert any("another day's" in n for n in an.evidence.notes)
    # the same day's report rerun word for word is a copy
    assert analyze(article_from_text(report("224", "450", "9-7/8")), monday).verdict \
        in COPY_VERDICTS


def test_a_name_in_another_house_style_is_no_name_edit() -> None:
    src = [BODY[0] + " The plan was welcomed by the US consul.", *BODY[1:]]
    copy = [p.replace("US consul", "U.S. consul") for p in src]
    an = _analyze(copy, source=src)
    assert [(e.type, e.note) for e in an.edits] == [
        ("synonym", "the same name in another house style")]
