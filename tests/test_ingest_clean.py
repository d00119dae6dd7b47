"""Cleaning: the furniture list, repeated blocks, and furniture learned across a site's pages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from unspun.errors import InputError
from unspun.ingest import (
    SiteFurniture,
    build_article,
    clean_paragraphs,
    is_furniture,
    learn_site_furniture,
    strip_site_furniture,
)
from unspun.ingest.clean import default_rules, parse_rules
from unspun.model import Article


@pytest.mark.parametrize(
    "line",
    [
        "advertisement",
        "ADVERTISEMENT",
        "Exit mobile version",
        "Share this article",
        "Share on Facebook",
        "Facebook Twitter WhatsApp Email",
        "Follow us on Instagram",
        "Subscribe",
        "Read more: Ferry talks collapse again",
        "Related stories",
        "5 min read",
        "Comments (12)",
        "\u00a9 2024 The Harbour Post",
        "Sign up for our free daily newsletter to get the top stories in your inbox every day.",
        "We use cookies to improve your experience. By continuing to browse you agree to our "
        "use of cookies.",
        "\u2022 | \u2014",
    ],
)
def test_list_drops_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        # Sentences that start with furniture words belong to the article.
        "Advertisement revenue at the Harbour Post fell 20% last year.",
        "Sign up for the vaccine at your local pharmacy, health officials urged.",
        "Copyright lawyers said the claim against the bakery was weak.",
        "Read the full statement on the council's website, the spokesman said.",
        "Share prices of Blue Gull Lines fell sharply after the strike.",
        "Follow the river north and you reach the old mill.",
        "Watch the ferry strike unfold",
        "The union said the strike would last 48 hours.",
    ],
)
def test_list_keeps_article_sentences(line: str) -> None:
    assert not is_furniture(line)


def test_repeats_dropped_first_kept_and_glued_advertisement() -> None:
    head = "Council votes to close the harbour road"
    paras = [
        ("headline", head),
        ("body", "The council voted on Monday to close the harbour road for repairs."),
        ("caption", "Workers inspect the cracked sea wall"),
        ("caption", "Workers inspect the cracked  sea wall."),  # same words, other spacing
        ("body", "Repairs are expected to take six weeks."),
        ("body", f"advertisement {head}"),
        ("body", "Advertisement"),
    ]
    out = clean_paragraphs(paras)
    assert out == [
        ("headline", head),
        ("body", "The council voted on Monday to close the harbour road for repairs."),
        ("caption", "Workers inspect the cracked sea wall"),
        ("body", "Repairs are expected to take six weeks."),
    ]


def test_glued_word_kept_when_rest_is_new_text() -> None:
    line = "Advertisement boards along the quay were removed in the storm."
    assert clean_paragraphs([("body", line)]) == [("body", line)]


def test_rules_file_format() -> None:
    rules = parse_rules("# comment\nhello( world)?\n@any .*secret banner.*\n@glue promo\n")
    assert is_furniture("Hello world", rules) and not is_furniture("Hello there", rules)
    assert is_furniture("This is a long line with the secret banner in it, you see.", rules)
    assert rules.glue == frozenset({"promo"})
    with pytest.raises(ValueError, match="line 1"):
        parse_rules("(unclosed")
    assert default_rules().short is not None


# --- furniture learned across the pages of one site ---------------------------------

TAGLINE = "The Quay Courier: news for the three islands"
FOLLOW = "Follow Quay Courier for live island updates"
NO_COMMENT = "The ministry did not respond to a request for comment."
DATELINE = "Marrow Island harbour"


def site_page(i: int, *, site: str = "quaycourier.example", extra: tuple[str, ...] = ()) -> Article:
    paras = [
        ("headline", f"Island story number {i} about harbour works"),
        ("body", f"Story {i} begins with a sentence about the harbour works and their cost."),
        ("body", TAGLINE),
        ("body", f"Officials said phase {i} of the works would finish before winter."),
        *[("body", e) for e in extra],
        ("body", FOLLOW),
    ]
    return build_article(paras, url=f"https://www.{site}/news/{i}")  # type: ignore[arg-type]


def test_learned_furniture_dropped_but_shared_sentence_and_rare_line_kept() -> None:
    pages = [
        site_page(i, extra=(NO_COMMENT,) + ((DATELINE,) if i < 2 else ())) for i in range(8)
    ]
    model = learn_site_furniture(pages)
    cleaned = [model.strip(p) for p in pages]
    for a in cleaned:
        assert TAGLINE not in a.text and FOLLOW not in a.text
        # A sentence every page shares is article text, not furniture.
        assert NO_COMMENT in a.text
        assert a.title.startswith("Island story number")
    # A short line on only two of eight pages stays.
    assert DATELINE in cleaned[0].text and DATELINE in cleaned[1].text
    # Offsets are rebuilt, so every block is exact.
    a = cleaned[3]
    assert all(a.text[b.start : b.end] for b in a.blocks)
    assert a.id != pages[3].id


def test_learning_needs_enough_pages_and_stays_within_one_site() -> None:
    few = [site_page(i) for i in range(2)]
    assert learn_site_furniture(few).strip(few[0]) is few[0]
    other = site_page(99, site="otherpaper.example")
    model = learn_site_furniture([site_page(i) for i in range(6)])
    assert TAGLINE in model.strip(other).text  # another site's page is untouched
    assert not model.is_furniture("quaycourier.example", NO_COMMENT)


def test_share_threshold() -> None:
    # The tagline appears on 3 of 10 pages: above min_pages, below half the site.
    pages = [site_page(i) for i in range(3)]
    pages += [
        build_article(
            [("headline", f"Other {i}"), ("body", f"Plain story {i} with its own sentence.")],
            url=f"https://quaycourier.example/o/{i}",
        )
        for i in range(7)
    ]
    strict, loose = SiteFurniture(), SiteFurniture(min_share=0.3)
    for p in pages:
        strict.observe(p)
        loose.observe(p)
    assert not strict.is_furniture("quaycourier.example", TAGLINE)
    assert loose.is_furniture("quaycourier.example", TAGLINE)


def test_stream_adapter_keeps_order_and_errors() -> None:
    pages: list[Article | InputError] = [site_page(i) for i in range(5)]
    pages.insert(2, InputError("bad.html", "empty page"))
    out = list(strip_site_furniture(pages, warmup=3))
    assert len(out) == 6 and isinstance(out[2], InputError)
    texts = [a.text for a in out if isinstance(a, Article)]
    assert [t.split("\n\n")[0] for t in texts] == [
        f"Island story number {i} about harbour works" for i in range(5)
    ]
    # The first three were held back and cleaned with what all three taught.
    assert all(TAGLINE not in t for t in texts)


def test_stream_adapter_passes_on_what_it_holds_when_the_stream_fails() -> None:
    """Articles held back to learn from are handed on before a failure of the stream goes
    on (so `Library.add` can keep them), not lost with it."""

    def stream() -> Iterator[Article | InputError]:
        yield from (site_page(i) for i in range(4))
        raise KeyboardInterrupt

    got: list[Article | InputError] = []
    with pytest.raises(KeyboardInterrupt):
        got.extend(strip_site_furniture(stream(), warmup=10))
    assert len(got) == 4 and all(TAGLINE not in a.text for a in got if isinstance(a, Article))
