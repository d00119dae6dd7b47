"""The fitted copy decision: the shipped model file, its loading, probabilities, reasons, and
templates filled for another event (text written here; invented companies and figures)."""

from __future__ import annotations

import pytest

from unspun.forensics import analyze, pair_features
from unspun.forensics.copymodel import (
    MODEL_FILE,
    decide_copy,
    default_model,
    explain,
    model_from_dict,
)
from unspun.forensics.features import FEATURE_WORDS, FEATURES
from unspun.ingest import article_from_text
from unspun.model import COPY_VERDICTS
from unspun.shipped import shipped_json

NOTICE = """{name} Tax-Free Income Fund sets monthly payout

{name} Tax-Free Income Fund said its board declared a monthly dividend of {a} cents a share,
payable on {day} to shareholders of record at the close of business on the fifteenth.

The fund, which invests in municipal bonds issued in {place}, paid {b} cents a share in the
previous month, the company said in a statement released by its managers.

The payout is exempt from federal income tax and from {place} state income tax for residents
of the state, the fund said. It has net assets of about {c} million dlrs.
"""


def test_the_shipped_model_loads_and_names_every_feature() -> None:
    m = default_model()
    assert m.features == FEATURES
    assert 0.0 < m.threshold < 1.0
    assert set(FEATURE_WORDS) == set(FEATURES)


def test_a_model_file_for_other_features_is_refused() -> None:
    raw = shipped_json("unspun.forensics", MODEL_FILE)
    with pytest.raises(ValueError, match="features"):
        model_from_dict({**raw, "features": list(FEATURES[:-1])})
    with pytest.raises(ValueError, match="schema"):
        model_from_dict({**raw, "schema": "something-else/9"})
    with pytest.raises(ValueError, match="scales"):
        model_from_dict({**raw, "scale": [0.0] * len(FEATURES)})


def test_a_word_for_word_copy_is_a_copy_and_its_confidence_is_the_probability() -> None:
    a = article_from_text(NOTICE.format(name="Harwick", a="5.2", b="5.1", day="May 1",
                                        place="Ohio", c="310"))
    b = article_from_text(NOTICE.format(name="Harwick", a="5.2", b="5.1", day="May 1",
                                        place="Ohio", c="310") + "\nCopyright our site.\n")
    d = decide_copy(pair_features(b, a))
    assert d.is_copy and d.probability > 0.9
    res = analyze(b, a)
    assert res.verdict in COPY_VERDICTS
    assert res.confidence == pytest.approx(round(d.probability, 3))
    reasons = explain(d)
    assert reasons and all("log-odds" in r for r in reasons)
    assert any(n.startswith("copy probability") for n in res.evidence.notes)


def test_one_template_filled_for_another_company_is_not_a_copy() -> None:
    a = article_from_text(NOTICE.format(name="Harwick", a="5.2", b="5.1", day="May 1",
                                        place="Ohio", c="310"))
    b = article_from_text(NOTICE.format(name="Ostberg", a="6.8", b="6.4", day="June 12",
                                        place="Vermont", c="95"))
    res = analyze(b, a)
    assert res.verdict not in COPY_VERDICTS, res.evidence.notes
    assert res.edits == []


#: A wire notice whose body names no one: its subject is in the capitals headline alone.
SHOUTED = """{name} <{ticker}> SETS QUARTERLY

Qtly div {a} cts vs {a} cts prior

Pay {day}

Record {record}
"""


def test_a_capitals_headline_notice_for_another_company_is_not_a_copy() -> None:
    # two companies' dividend notices: the headline's name is the only slot, and the days
    a = article_from_text(SHOUTED.format(name="HARWICK MILLWORKS CO", ticker="HMW", a="12",
                                         day="May 20", record="May 8"))
    b = article_from_text(SHOUTED.format(name="OSTBERG TANNERIES INC", ticker="OTN", a="12",
                                         day="May 4", record="April 20"))
    for q, c in ((a, b), (b, a)):
        res = analyze(q, c)
        assert res.verdict not in COPY_VERDICTS, (res.verdict, res.evidence.notes)


def test_the_same_capitals_notice_picked_up_is_still_a_copy() -> None:
    # the same company's notice, re-run with the headline reworded: a copy, not a template
    a = article_from_text(SHOUTED.format(name="HARWICK MILLWORKS CO", ticker="HMW", a="12",
                                         day="May 20", record="May 8"))
    b = article_from_text(SHOUTED.format(name="HARWICK MILLWORKS", ticker="HMW.O", a="12",
                                         day="May 20", record="May 8"))
    assert analyze(b, a).verdict in COPY_VERDICTS


def test_unrelated_texts_are_unrelated_not_same_story() -> None:
    a = article_from_text(NOTICE.format(name="Harwick", a="5.2", b="5.1", day="May 1",
                                        place="Ohio", c="310"))
    b = article_from_text("Lantern festival returns to the harbour\n\nThousands of paper "
                          "lanterns drifted across Kelmouth harbour on Saturday night as the "
                          "town's festival returned after four quiet years, organisers said.")
    res = analyze(b, a)
    assert res.verdict == "unrelated"
    assert res.evidence.query_coverage == 0.0


def test_every_weight_of_the_shipped_model_points_the_way_its_evidence_reads() -> None:
    # a weight against its sign makes a reason read backwards ("only 30% of the sentences
    # correspond ... (+1.9 log-odds)" toward a copy): the fit drops such features
    from unspun.forensics.features import FEATURE_SIGNS

    m = default_model()
    wrong = [f for f, w in zip(m.features, m.coef, strict=True) if w * FEATURE_SIGNS[f] < 0]
    assert wrong == []


def test_a_reason_reads_the_way_its_value_points() -> None:
    # slot_changes is high when names or figures are *replaced*: its high-value wording
    # must say so (it once read "names and numbers kept" for a pair full of swaps)
    high, low = FEATURE_WORDS["slot_changes"]
    assert "replaced" in high and "kept" in low


def test_shared_prose_counts_runs_outside_quotes_only() -> None:
    from unspun.align.features import prepare
    from unspun.forensics.signals import PROSE_GRAM, _prose_grams

    a = article_from_text("Title\n\nThe harbour board met on Tuesday to approve the new "
                          "ferry timetable for the winter. \"We will not raise the fares "
                          "this year at all,\" the chair said.", url="https://a.example/1")
    grams = _prose_grams(prepare(a))
    assert all(len(g) == PROSE_GRAM for g in grams)
    assert ("met", "on", "tuesday", "to", "approve") in grams
    # words inside the quotation marks make no run
    assert not any("fares" in g for g in grams)


def test_copied_run_follows_both_texts() -> None:
    from unspun.forensics.signals import _copied_run

    assert _copied_run([]) == 0
    assert _copied_run([(0, 0), (1, 1), (2, 3), (5, 9)]) == 3
    # a jump back in the source breaks the run
    assert _copied_run([(0, 5), (1, 1), (2, 2)]) == 2


def test_a_name_put_in_another_s_place_is_a_slot_swap_and_a_name_left_out_is_not() -> None:
    from unspun.forensics.edits import is_slot_swap

    base = ("Council approves new bus depot\n\nThe city council in Glasgow approved plans for "
            "a new bus depot on Monday after a long debate among its members. The depot will "
            "hold two hundred electric buses and open next spring, officials told reporters. "
            "Work on the site near the river is due to begin within weeks, the council said.")
    swapped = base.replace("Glasgow", "Edinburgh")
    a = analyze(article_from_text(swapped, url="https://b.example/1"),
                article_from_text(base, url="https://a.example/1"))
    names = [e for e in a.edits if e.type == "name"]
    assert names and all(is_slot_swap(e) for e in names)
    dropped = base.replace("The city council in Glasgow approved", "The city council approved")
    b = analyze(article_from_text(dropped, url="https://c.example/1"),
                article_from_text(base, url="https://a.example/1"))
    assert not any(is_slot_swap(e) for e in b.edits)
