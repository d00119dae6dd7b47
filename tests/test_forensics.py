"""Edit typing and artifact flags on invented copies: every edit type, every artifact kind."""

from __future__ import annotations

import pytest

from test_forensics_fixtures import (
    EDITED,
    ORIGINAL,
    ORIGINAL_HEADLINE,
    PARAPHRASE,
    SPUN,
    SPUN_HEADLINE,
    SUMMARY,
    TRANSLATED,
    article,
    original,
)
from unspun.forensics import analyze
from unspun.forensics.artifacts import fragments, furniture
from unspun.model import EDIT_TYPES, Analysis, Article, Edit


def _of(an: Analysis, kind: str) -> list[Edit]:
    return [e for e in an.edits if e.type == kind]


def _check_offsets(an: Analysis, query: Article, source: Article) -> None:
    for e in an.edits:
        assert e.type in EDIT_TYPES
        assert query.text[e.q_start : e.q_end] == e.query_text
        assert source.text[e.s_start : e.s_end] == e.source_text
        assert e.q_start <= e.q_end and e.s_start <= e.s_end
    for a in an.artifacts:
        assert query.text[a.start : a.end] == a.text


@pytest.fixture(scope="module")
def spun() -> tuple[Analysis, Article, Article]:
    src, copy = original(), article(SPUN, SPUN_HEADLINE)
    return analyze(copy, src), copy, src


@pytest.fixture(scope="module")
def edited() -> tuple[Analysis, Article, Article]:
    src, copy = original(), article(EDITED, ORIGINAL_HEADLINE)
    return analyze(copy, src), copy, src


Triple = tuple[Analysis, Article, Article]


def test_spun_copy_has_synonym_name_and_attribution_edits(spun: Triple) -> None:
    an, copy, src = spun
    _check_offsets(an, copy, src)
    swaps = {(e.source_text, e.query_text) for e in _of(an, "synonym")}
    assert ("heavy", "hefty") in swaps and ("worked", "toiled") in swaps
    assert [(e.source_text, e.query_text) for e in _of(an, "name")] == [("Marsh", "Marsch")]
    (attr,) = _of(an, "attribution")
    assert attr.source_text.startswith("told the Harbourton") and attr.query_text == "said"
    assert attr.changes_meaning and _of(an, "name")[0].changes_meaning
    assert not any(e.changes_meaning for e in _of(an, "synonym"))


def test_spun_copy_flags_unknown_words_fragments_and_furniture(
    spun: tuple[Analysis, Article, Article],
) -> None:
    an, _, _ = spun
    found = {(a.kind, a.text) for a in an.artifacts}
    assert ("unknown-word", "plodmen") in found  # where the source said "police"
    assert ("fragment", "I'm here.") in found
    assert ("fragment", "Gazette.") in found  # the broken attribution's stray end
    assert ("furniture", "Advertisement") in found
    assert ("furniture", "Exit mobile version") in found
    # artifacts are not reported again as meaning-changing insertions
    assert not any(e.type == "insertion" and "here" in e.query_text for e in an.edits)


def test_edited_copy_has_number_negation_quote_insertion_deletion(
    edited: tuple[Analysis, Article, Article],
) -> None:
    an, copy, src = edited
    _check_offsets(an, copy, src)
    assert [(e.source_text, e.query_text) for e in _of(an, "number")] == [("1,200", "2,100")]
    (neg,) = _of(an, "negation")
    assert neg.source_text == "not" and neg.query_text == "" and neg.q_start == neg.q_end
    assert [(e.source_text, e.query_text) for e in _of(an, "quote")] == [("safe", "calm")]
    (ins,) = _of(an, "insertion")
    assert ins.query_text.startswith("Critics say the council") and ins.source_text == ""
    (dele,) = _of(an, "deletion")
    assert dele.source_text.startswith("Schools in the area") and dele.query_text == ""
    assert not _of(an, "synonym")
    assert all(e.changes_meaning for e in an.edits if e.type != "deletion")


def test_quote_given_to_someone_else_and_attribution_dropped() -> None:
    src = article([
        "The minister defended the plan at a press conference in the capital on Friday.",
        '"This is the right decision for the country," said Maria Lopez, the finance minister.',
        "Opposition parties, according to officials, have asked for a vote in parliament.",
    ])
    copy = article([
        "The minister defended the plan at a press conference in the capital on Friday.",
        '"This is the right decision for the country," said Peter Novak, the finance minister.',
        "Opposition parties have asked for a vote in parliament.",
    ])
    an = analyze(copy, src)
    _check_offsets(an, copy, src)
    # a quote put in another mouth is an attribution edit (as corpus/edits.py labels it)
    swapped, dropped = _of(an, "attribution")
    assert "Maria Lopez" in swapped.source_text and "Peter Novak" in swapped.query_text
    assert swapped.note == "the quote is given to someone else"
    assert "according to officials" in dropped.source_text and dropped.query_text == ""
    assert _of(an, "quote") == []


def test_negation_is_a_negation_edit_inside_a_quote_and_outside() -> None:
    # a flipped "never" inside a quote reverses what was said (issue 22): not a mere quote edit
    shared = [
        "Work on the bridge will start in the spring and is expected to take two years.",
        "Traffic will be diverted through the industrial estate while the old span is removed.",
    ]
    src = article([
        "The council approved the budget for the new bridge after a long debate on Monday.",
        '"We will finish the work this year," said the engineer in charge of the project.',
        *shared,
    ])
    copy = article([
        "The council did not approve the budget for the new bridge after a long debate on Monday.",
        '"We will never finish the work this year," said the engineer in charge of the project.',
        *shared,
    ])
    an = analyze(copy, src)
    assert an.verdict == "edited", an.evidence.notes
    outside, inside = _of(an, "negation")
    assert "not" in outside.query_text.split() and outside.note == "negation added"
    assert inside.query_text == "never" and inside.note == "negation added inside a quotation"
    assert _of(an, "quote") == []


def test_moved_words_in_a_translation_are_not_number_or_name_changes() -> None:
    an = analyze(article(TRANSLATED), original())
    # "On Tuesday" moved to the front: not a changed date
    assert not any(e.type == "number" for e in an.edits)
    # the transliterated name is one name edit
    names = _of(an, "name")
    assert len(names) == 1 and "Marš" in names[0].query_text and "Marsh" in names[0].source_text
    assert {a.text for a in an.artifacts if a.kind == "fragment"} >= {"It is so.", "That is."}


def test_rewrites_keep_only_fact_level_edits() -> None:
    for body in (PARAPHRASE, SUMMARY):
        an = analyze(article(body), original())
        assert not [e for e in an.edits if e.type in ("quote", "attribution", "deletion")]


def test_verbatim_copy_has_no_edits_or_artifacts() -> None:
    an = analyze(article(ORIGINAL, ORIGINAL_HEADLINE), original())
    assert an.edits == [] and an.artifacts == []


def test_fragment_and_furniture_detectors_on_their_own() -> None:
    text = "The vote was held on Sunday. said it is. Officials counted ballots.\n\nShare this"
    frags = fragments(text, "The vote was held on Sunday. Officials counted ballots.")
    assert [f.text for f in frags] == ["said it is."]
    # an abbreviation is not a fragment; a whole short paragraph is not either
    assert fragments("He met Mr. Smith in the U.S. yesterday.\n\nThanks.", "") == []
    furn = furniture("advertisement The story goes on.\n\nExit mobile version\n\nA real line.")
    assert [f.text for f in furn] == ["advertisement", "Exit mobile version"]
