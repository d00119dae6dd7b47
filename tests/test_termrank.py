"""The term search's bound: a term in too many articles proposes no candidates, in relative
terms (5% of the library) and in absolute ones (`max_df`), so each search's work stays
bounded however large the library grows."""

from __future__ import annotations

from pathlib import Path

from unspun.ingest.assemble import build_article
from unspun.library import Library
from unspun.library.termrank import term_cap, term_idf
from unspun.retrieve.terms import index_form

Q, B = index_form("Quorvantis"), index_form("Belmarkian")


def test_cap_is_a_share_of_the_library_bounded_both_ways() -> None:
    assert term_cap(100, 2000) == 50  # small libraries: at least 50
    assert term_cap(20_000, 2000) == 1000  # 5%
    assert term_cap(100_000, 2000) == 2000  # the absolute bound
    assert term_cap(10_000_000, 2000) == 2000
    assert term_cap(20_000, 10) == 10


def test_rarer_terms_weigh_more() -> None:
    assert term_idf(1000, 2) > term_idf(1000, 50) > term_idf(1000, 900) > 0


def test_a_term_over_max_df_proposes_nothing(tmp_path: Path) -> None:
    lib = Library.open(tmp_path / "lib.db")
    # 40 articles share "Quorvantis"; one of them also holds the rarer "Belmarkian".
    arts = [build_article([("body", f"Quorvantis council met on day {i} to discuss the "
                                    f"harbour levy number {i * 7919}."
                                    + (" Belmarkian delegates objected." if i == 3 else ""))],
                          url=f"https://site{i}.example/a") for i in range(40)]
    lib.add(arts)
    common = lib.term_candidates([Q], 100, max_df=100)
    assert len(common) == 40  # within both caps (5% of 40 is below the floor of 50)
    assert lib.term_candidates([Q], 100, max_df=10) == []
    rare = lib.term_candidates([Q, B], 100, max_df=10)
    assert [d for d, _ in rare] == [4]
    # The remembered "too common" verdict ends when the library changes.
    lib.remove(urls=[f"https://site{i}.example/a" for i in range(35)])
    assert len(lib.term_candidates([Q], 100, max_df=10)) == 5
    lib.close()
