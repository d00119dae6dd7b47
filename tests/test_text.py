"""Text primitives: normalisation, tokens, sentences, sites, the Article constructor."""

from __future__ import annotations

from unspun.ingest.assemble import build_article
from unspun.ingest.site import site_of
from unspun.model import PARAGRAPH_SEP, article_id
from unspun.text.normalize import normalize_paragraph, split_paragraphs
from unspun.text.sentences import split_sentences
from unspun.text.tokens import is_content_word, stem, tokenize, words


def test_normalize_fixes_mojibake_nfc_and_whitespace() -> None:
    assert normalize_paragraph("Caf\u00c3\u00a9  opens\t\u200bnow\n") == "Café opens now"
    assert normalize_paragraph("Cafe\u0301") == "Café"  # combining accent composed (NFC)


def test_split_paragraphs_blank_lines_or_lines() -> None:
    assert split_paragraphs("One.\nstill one.\n\n\nTwo.") == ["One. still one.", "Two."]
    assert split_paragraphs("Line one\r\nLine two") == ["Line one", "Line two"]


def test_tokens_keep_offsets_numbers_and_contractions() -> None:
    text = "Police held 300,000 reservists; they don't fight, 4.5% said."
    toks = tokenize(text)
    assert [t.text for t in toks][:4] == ["Police", "held", "300,000", "reservists"]
    assert all(text[t.start : t.end] == t.text for t in toks)
    assert "don't" in words(text) and "4.5%" in words(text)
    assert tokenize("ab", offset=10)[0].start == 10


def test_content_words_and_stems() -> None:
    assert not is_content_word("the") and not is_content_word("a")
    assert is_content_word("Volgograd")
    assert stem("protests") == stem("protested") == stem("protesting") == "protest"
    assert stem("cities") == "city"
    assert stem("300,000") == "300,000"


def test_sentences_keep_spans_and_abbreviations() -> None:
    text = 'Mr. Ruddle said it. "We will build." Then the U.S. left!\n\nNew para'
    sents = split_sentences(text)
    assert [s.text for s in sents] == [
        "Mr. Ruddle said it.",
        '"We will build."',
        "Then the U.S. left!",
        "New para",
    ]
    assert all(text[s.start : s.end] == s.text for s in sents)


def test_site_is_registrable_domain_offline() -> None:
    assert site_of("https://www.news.example.co.uk/a/b?c=1") == "example.co.uk"
    assert site_of("http://blog.example.com") == "example.com"
    assert site_of("example.org/path") == "example.org"
    assert site_of("http://127.0.0.1:8000/x") == "127.0.0.1"
    assert site_of(None) is None and site_of("") is None


def test_build_article_spans_id_and_title() -> None:
    a = build_article(
        [("headline", " Dam  opens "), ("body", "Water flows."), ("caption", ""),
         ("body", "More.")],
        url="https://www.valley-post.example/dam",
    )
    assert a.title == "Dam opens"
    assert a.text == PARAGRAPH_SEP.join(["Dam opens", "Water flows.", "More."])
    assert [a.block_text(b) for b in a.blocks] == ["Dam opens", "Water flows.", "More."]
    assert a.body_text() == "Water flows." + PARAGRAPH_SEP + "More."
    assert a.site == "valley-post.example"
    assert a.id == article_id(a.url, a.text)
    again = build_article([("headline", "Dam opens"), ("body", "Water flows. "), ("body", "More.")],
                          url=a.url)
    assert again.id == a.id  # same page, same id
    changed = build_article([("headline", "Dam opens"), ("body", "Water stops.")], url=a.url)
    assert changed.id != a.id


def test_build_article_caps_text() -> None:
    a = build_article([("body", "x" * 50), ("body", "y" * 50)], max_chars=60)
    assert a.text == "x" * 50
    b = build_article([("body", "z" * 100)], max_chars=60)
    assert len(b.text) == 60 and b.blocks[0].end == 60


def test_fast_path_gives_exactly_what_ftfy_gives() -> None:
    import json
    from pathlib import Path

    import ftfy

    from unspun.text.normalize import fix_text

    samples = [
        'He said \u201chello\u201d \u2014 it\u2019s fine\u2026 \u201eok\u201f \u201aa\u201b',
        "caf\u00c3\u00a9 \u00e2\u20ac\u2122", "a &amp; b &lt;i&gt;", "\ufb01ne \uff21\uff22",
        "tab\there\x07bell", "\u0420\u045f\u0421\u0402\u0420\u0451", "\u00e9t\u00e9", "ok",
        "line\u2028sep", "\u4e2d\u6587 \u0627\u0644\u0639\u0631\u0628\u064a\u0629 \u2013 \u00a0",
        "e\u0301", "\u2018single\u2019 and \u201cdouble\u201d",
    ]
    demo = Path(__file__).resolve().parent.parent / "demo" / "clusters.jsonl"
    if demo.exists():
        for line in demo.open(encoding="utf-8"):
            c = json.loads(line)
            for doc in [c["original"], *c["copies"], *c["distractors"]]:
                samples += doc["text"].split("\n")
    for s in samples:
        assert fix_text(s) == ftfy.fix_text(s, normalization="NFC"), s


def test_build_article_cuts_a_first_body_paragraph_over_the_cap_instead_of_dropping_it() -> None:
    # Issue 19 item 15: a headline and one paragraph longer than the cap came out as the
    # headline alone. The paragraph is cut to fit, as a headline-less one already was.
    a = build_article([("headline", "Dam opens"), ("body", "z" * 100), ("body", "More.")],
                      max_chars=60)
    assert [b.role for b in a.blocks] == ["headline", "body"]
    assert a.text == "Dam opens" + PARAGRAPH_SEP + "z" * (60 - 9 - len(PARAGRAPH_SEP))
    assert a.body_text() == "z" * 49
