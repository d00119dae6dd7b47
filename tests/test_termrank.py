"""The term search's bound: a term in too many articles proposes no candidates, in relative
terms (5% of the library) and in absolute ones (`max_df`), so each search's work stays
bounded however large the library grows."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from unspun.ingest.assemble import build_article
from unspun.library import Library
from unspun.library.termrank import MIN_TERMS, hard_cap, term_cap, term_idf, term_plan
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
    # Over max_df (5; 40 articles): too many postings for a query's few extra terms
    # (`EXTRA_POSTINGS` x 5 = 20 < 40), so it proposes nothing ...
    assert lib.term_candidates([Q], 100, max_df=5) == []
    rare = lib.term_candidates([Q, B], 100, max_df=5)
    assert [d for d, _ in rare] == [4]
    # ... while over max_df 10 it is still one of the query's few terms (4 x 10 >= 40).
    assert len(lib.term_candidates([Q], 100, max_df=10)) == 40
    # The remembered "too common" verdict ends when the library changes.
    lib.remove(urls=[f"https://site{i}.example/a" for i in range(35)])
    assert len(lib.term_candidates([Q], 100, max_df=5)) == 5
    lib.close()


def test_plan_takes_a_few_rare_terms_over_the_cap_when_a_query_has_few_others() -> None:
    rows = 100_000  # cap 2,000, hard cap 5,000
    assert (term_cap(rows, 2000), hard_cap(rows)) == (2000, 5000)
    dfs = np.array([10, 3000, 2500, 4000, 6000, 100, 2100])
    owner = np.array([0, 0, 0, 0, 0, 1, 1])
    # query 0: its one term under the cap, then its rarest over it while 8,000 postings
    # last (2,500 + 3,000; 4,000 more would pass them); never over the hard cap (6,000)
    assert term_plan(dfs, owner, rows, 2000).tolist() == [True, True, True, False, False,
                                                           True, True]
    # a query with MIN_TERMS terms under the cap takes none over it
    full = np.array([10] * MIN_TERMS + [2100])
    assert term_plan(full, np.zeros(len(full), dtype=np.int64), rows, 2000).tolist() == [
        True] * MIN_TERMS + [False]
    # up to 40k articles the two caps are one: the plain cap
    small = np.array([10, 1999, 2001])
    assert term_plan(small, np.zeros(3, dtype=np.int64), 40_000, 2000).tolist() == [
        True, True, False]
