"""Retrieval: distinctive terms, containment, fusion, and tracing copies to their originals."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_retrieve_fixtures import (
    STORIES,
    UNRELATED,
    background,
    copy_of,
    original,
    originals,
)
from unspun.ingest.assemble import build_article
from unspun.library import Library
from unspun.options import RetrieveOptions
from unspun.retrieve.candidates import retrieve, rrf_fuse, term_overlap
from unspun.retrieve.containment import containment, profile
from unspun.retrieve.terms import extract_terms, index_form


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Library:
    path = tmp_path_factory.mktemp("lib") / "lib.db"
    library = Library.open(path)
    library.add([*originals(), *background(300)])
    return library


def _terms(text: str, head: int = 0) -> dict[str, str]:
    return {t.text: t.kind for t in extract_terms(text, head)}


def test_terms_keep_names_numbers_quotes_and_rare_words() -> None:
    text = ("Police said on Tuesday that Edda Vallmark led 1,200 ferry workers out. "
            "\"A fortnight of chaos,\" she said. The reservists left Korvenport.")
    got = _terms(text)
    assert got["vallmark"] == "name" and got["edda"] == "name"
    assert got["korvenport"] == "name"
    assert got["1200"] == "number"
    assert got["reservist"] == "rare"
    assert "fortnight" in got  # quoted and rare
    assert "polic" not in got and "police" not in got  # common word at a sentence start
    assert "the" not in got and "tuesday" in got  # capitalised inside a sentence: a name


def test_headline_capitals_are_not_names_unless_rare() -> None:
    text = "Ferry Workers Walk Out In Korvenport\n\nThe strike began."
    got = _terms(text, head=len("Ferry Workers Walk Out In Korvenport"))
    assert "korvenport" in got
    assert "ferri" not in got and "ferry" not in got and "worker" not in got


def test_index_form_is_one_fts_token() -> None:
    assert index_form("300,000") == "300000"
    assert index_form("4.5%") == "4x5"
    assert index_form("Reservists") == "reservist"
    assert index_form("don't") == "dont"


@pytest.mark.parametrize("hostile", [
    'He said "NEAR(a b) OR terms:x AND NOT *" ^start',
    "a\" OR \"\"\" ) ( - + : { } [ ] ' ; DROP TABLE articles; --",
    "Ünïcödé Ñame 1,2,3 ½ ⅓ 𝔘𝔫𝔰𝔭𝔲𝔫 \x00",
])
def test_hostile_text_makes_a_safe_fts_query(lib: Library, hostile: str) -> None:
    terms = [t.text for t in extract_terms(hostile * 3)]
    lib.term_candidates([*terms, hostile, '"', "NEAR(", "*", "NOT", "AND", "x:y"], 5)
    q = build_article([("body", hostile)], url="https://evil.example/x")
    assert isinstance(retrieve(lib, q), list)
    assert len(lib) == len(STORIES) + 300


def test_containment_of_a_copy_and_an_unrelated_text() -> None:
    src = profile(original(0).text)
    copy = profile(copy_of(0, share=0.3).text)
    other = profile(UNRELATED)
    c = containment(copy, src)
    u = containment(other, src)
    assert c.coverage > 0.4 and u.coverage < 0.05
    assert containment(src, src).coverage == 1.0 and containment(src, src).trigram == 1.0
    short = profile(copy_of(0, drop_last=True).text)
    # The full story covers all of the short copy; the short copy only part of the story.
    assert containment(short, src).coverage == 1.0 > containment(src, short).coverage


def test_rrf_fuse_rewards_agreement() -> None:
    fused = rrf_fuse({"a": [1, 2, 3], "b": [3, 4]}, k=60)
    order = sorted(fused, key=lambda d: -fused[d].rrf)
    assert order[0] == 3  # in both lists
    assert fused[3].signals == {"a_rank": 3.0, "b_rank": 1.0}


def test_term_overlap_is_weighted() -> None:
    terms = extract_terms("Vallmark met Ferlund in Korvenport on 14 May.")
    assert term_overlap(terms, frozenset(t.text for t in terms)) == 1.0
    assert term_overlap(terms, frozenset()) == 0.0


@pytest.mark.parametrize("share", [0.0, 0.1, 0.3, 0.5])
def test_spun_copies_trace_to_their_original_at_rank_one(lib: Library, share: float) -> None:
    for i in range(len(STORIES)):
        got = retrieve(lib, copy_of(i, share=share, seed=i))
        assert got, (i, share)
        assert got[0].article.id == original(i).id, (i, share)
        assert 0.0 < got[0].coverage <= 1.0
        if share <= 0.3:
            assert got[0].coverage > 0.5


def test_edited_copies_trace_to_their_original(lib: Library) -> None:
    for i in range(len(STORIES)):
        edited = copy_of(i, drop_last=True, extra="Readers can follow updates on our site.")
        got = retrieve(lib, edited)
        assert got[0].article.id == original(i).id


def test_unrelated_article_has_no_candidate_above_threshold(lib: Library) -> None:
    q = build_article([("body", UNRELATED)], url="https://garden.example/grass")
    assert retrieve(lib, q) == []
    # With the threshold off, whatever comes back scores below the default threshold.
    loose = retrieve(lib, q, RetrieveOptions(min_score=0.0))
    assert all(c.score < RetrieveOptions().min_score for c in loose)


def test_the_query_itself_is_excluded(lib: Library) -> None:
    a = original(1)
    got = retrieve(lib, a)
    assert all(c.article.id != a.id for c in got)


def test_wire_resend_does_not_push_the_source_off_rank_one(tmp_path: Path) -> None:
    library = Library.open(tmp_path / "wire.db")
    src = original(2)
    resend = copy_of(2, extra="Corrects the day of the vote in the first paragraph.",
                     url="https://www.capitalwire.example/politics/budget-vote-update")
    shorter = copy_of(2, drop_last=True,
                      url="https://www.capitalwire.example/politics/budget-vote-brief")
    library.add([resend, src, shorter, *background(50)])
    for share in (0.0, 0.3):
        got = retrieve(library, copy_of(2, share=share, seed=5))
        assert got[0].article.id == src.id, share
        assert {c.article.id for c in got[:3]} == {src.id, resend.id, shorter.id}


def test_candidates_carry_signals_and_respect_top(lib: Library) -> None:
    got = retrieve(lib, copy_of(4, share=0.3), RetrieveOptions(top=1))
    assert len(got) == 1
    sig = got[0].signals
    assert {"rrf", "trigram", "term_overlap", "reverse"} <= set(sig)
    assert "terms_rank" in sig or "minhash_rank" in sig
