"""Passage alignment on invented texts: copies align in order, reordered copies still align."""

from __future__ import annotations

from test_forensics_fixtures import (
    ORIGINAL,
    ORIGINAL_HEADLINE,
    SPUN,
    SPUN_HEADLINE,
    SUMMARY,
    UNRELATED,
    article,
    original,
)
from unspun.align import align, align_detail, align_prepared, prepare
from unspun.align.features import quote_mask, word_weight
from unspun.align.similarity import pair_similarity
from unspun.model import Article, Passage
from unspun.options import AlignOptions


def _covered(passages: list[Passage], n: int, side: str) -> float:
    mask = [False] * n
    for p in passages:
        a, b = (p.q_start, p.q_end) if side == "q" else (p.s_start, p.s_end)
        for k in range(a, b):
            mask[k] = True
    return sum(mask) / n


def test_verbatim_copy_is_one_passage_covering_everything() -> None:
    src = original()
    copy = article(ORIGINAL, ORIGINAL_HEADLINE, url="https://copy.example/x")
    ps = align(copy, src)
    assert len(ps) == 1
    p = ps[0]
    assert (p.q_start, p.q_end, p.s_start, p.s_end) == (0, len(copy.text), 0, len(src.text))
    assert p.similarity == 1.0


def test_spun_copy_aligns_in_order_with_offsets_into_both_texts() -> None:
    src, spun = original(), article(SPUN, SPUN_HEADLINE)
    ps = align(spun, src)
    assert ps, "a spun copy must align"
    assert _covered(ps, len(spun.text), "q") > 0.85
    assert _covered(ps, len(src.text), "s") > 0.75
    for p in ps:
        assert 0 <= p.q_start < p.q_end <= len(spun.text)
        assert 0 <= p.s_start < p.s_end <= len(src.text)
        assert 0.0 <= p.similarity <= 1.0


def test_reordered_paragraphs_give_separate_passages_each_in_place() -> None:
    src = original()
    # second half first, and one paragraph (a caption-like line) dropped
    moved = ORIGINAL[6:] + ORIGINAL[:5]
    copy = article(moved)
    ps = align(copy, src)
    assert len(ps) >= 2
    # each passage maps text onto the same text in the source
    for p in ps:
        q = copy.text[p.q_start : p.q_end]
        s = src.text[p.s_start : p.s_end]
        assert q.split()[:4] == s.split()[:4]
    assert _covered(ps, len(copy.text), "q") > 0.95


def test_unrelated_text_gives_no_passage() -> None:
    assert align(article(UNRELATED), original()) == []


def test_summary_mode_widens_the_gap_and_aligns_condensed_sentences() -> None:
    detail = align_detail(prepare(article(SUMMARY)), prepare(original()), AlignOptions())
    assert detail.summary_mode
    assert detail.passages
    q = article(SUMMARY)
    assert _covered([p.passage for p in detail.passages], len(q.text), "q") > 0.9


def test_prepared_texts_are_reusable_and_give_the_same_answer() -> None:
    src, spun = original(), article(SPUN, SPUN_HEADLINE)
    pq, psrc = prepare(spun), prepare(src)
    assert align_prepared(pq, psrc) == align_prepared(pq, psrc) == align(spun, src)


def test_garbled_names_still_match_by_characters() -> None:
    a = prepare(_one("British envoy Melinda Simmons met Urmas Reinsalu in Tallinn."))
    b = prepare(_one("British envoy Melinda Symonds met Urmas Reinsal in Tallinn."))
    exact_only = prepare(_one("British envoy Melinda Jones met Urmas Kask in Tallinn."))
    garbled = pair_similarity(a.sentences[0], b.sentences[0])
    different = pair_similarity(a.sentences[0], exact_only.sentences[0])
    assert garbled > different + 0.08


def test_rare_words_and_numbers_weigh_more_than_function_words() -> None:
    assert word_weight("the") < word_weight("protest") < word_weight("reservists")
    assert word_weight("300,000") > word_weight("people")
    assert word_weight("the") > 0  # function words still count a little


def test_quote_mask_covers_quoted_words_only() -> None:
    text = 'He said "we will not leave" and left. It\u2019s \u2018odd\u2019, she said.'
    spans = quote_mask(text)
    quoted = [text[a:b] for a, b in spans]
    assert quoted == ["we will not leave", "odd"]


def _one(text: str) -> Article:
    return article([text])
