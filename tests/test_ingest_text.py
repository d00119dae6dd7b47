"""Plain-text reader: title from the first line, roles from line shapes, seed-like cleaning.

The invented page below has the seed's phenomena: the headline printed three times (a
variant under it, and glued to "advertisement" at the foot), a caption printed twice,
bullets, and furniture lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from unspun.errors import InputError
from unspun.ingest import article_from_text, iter_articles
from unspun.model import Article
from unspun.options import ReadOptions

HEADLINE = "Lighthouse keeper rescues stranded kayakers as storm hits Marrow Island"
CAPTION = "Ines Albright stands beside the lamp room of the northern cape lighthouse"
SEEDLIKE = f"""{HEADLINE}

Lighthouse keeper saves kayakers stranded as storm strikes island

  \u2022 Three kayakers spent the night on a rock shelf off the northern cape
  \u2022 Keeper Ines Albright spotted their torch signal at 2am
  \u2022 Coastguard praises \u2018textbook\u2019 response

A lighthouse keeper rescued three kayakers who were stranded on a rock shelf as a storm \
battered Marrow Island overnight.

The keeper, Ines Albright, said she saw a torch flashing from the rocks shortly after 2am.

{CAPTION}

{CAPTION}

The coastguard said the response was \u201ctextbook\u201d and that the kayakers were treated \
for mild hypothermia.

Share this article

Read more: Storm warnings extended across the islands

advertisement {HEADLINE}

Exit mobile version
"""
SEED = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds" / "000_87680557906b6747.txt"


def roles(a: Article) -> list[tuple[str, str]]:
    return [(b.role, a.block_text(b)) for b in a.blocks]


def test_seedlike_page_is_cleaned() -> None:
    a = article_from_text(SEEDLIKE)
    assert a.title == HEADLINE
    assert a.text.count(CAPTION) == 1
    assert a.text.count(HEADLINE) == 1  # the glued "advertisement <headline>" is gone
    for furniture in ("Exit mobile version", "advertisement", "Share this article", "Read more"):
        assert furniture not in a.text
    r = roles(a)
    assert r[0] == ("headline", HEADLINE)
    variant = "Lighthouse keeper saves kayakers stranded as storm strikes island"
    assert r[1] == ("standfirst", variant)
    # Each bullet is its own standfirst paragraph, without the bullet mark.
    assert ("standfirst", "Keeper Ines Albright spotted their torch signal at 2am") in r
    assert ("caption", CAPTION) in r
    assert r[-1][0] == "body" and r[-1][1].endswith("treated for mild hypothermia.")
    assert a.lang == "en"
    assert all(a.text[b.start : b.end] == t for b, (_, t) in zip(a.blocks, r, strict=True))


def test_without_cleaning_everything_stays() -> None:
    a = article_from_text(SEEDLIKE, options=ReadOptions(clean=False))
    assert a.text.count(CAPTION) == 2 and "Exit mobile version" in a.text


def test_every_sentence_is_kept() -> None:
    a = article_from_text(SEEDLIKE)
    for sentence in (
        "A lighthouse keeper rescued three kayakers",
        "shortly after 2am.",
        "treated for mild hypothermia.",
    ):
        assert sentence in a.text


def test_given_title_and_text_without_blank_lines() -> None:
    text = "Bakery reopens\nThe old bakery on Quay Street reopened on Monday.\nQueues formed early."
    a = article_from_text(text, title="Bakery reopens", url="https://quaynews.example/b")
    assert a.title == "Bakery reopens" and a.text.count("Bakery reopens") == 1
    assert a.site == "quaynews.example"
    assert [b.role for b in a.blocks] == ["headline", "body", "body"]


def test_empty_text_raises() -> None:
    with pytest.raises(InputError, match="empty"):
        article_from_text(" \n\n ")


def test_same_text_same_id() -> None:
    assert article_from_text(SEEDLIKE).id == article_from_text(SEEDLIKE).id
    assert article_from_text(SEEDLIKE).id != article_from_text(SEEDLIKE + "\nA new line here.").id


@pytest.mark.skipif(not SEED.exists(), reason="the seed page lives outside the repo")
def test_the_seed_page() -> None:
    items = list(iter_articles([str(SEED)]))
    assert len(items) == 1 and isinstance(items[0], Article)
    a = items[0]
    raw = SEED.read_text("utf-8")
    assert a.title == raw.splitlines()[0].strip()
    caption = "A young Russian recruit and his partner kiss outside the recruiting center"
    assert raw.count(caption) == 2 and a.text.count(caption) == 1
    assert "Exit mobile version" not in a.text
    assert "advertisement" not in a.text.lower()
    assert a.text.endswith("punish those who try to quit.")


def test_one_huge_line_after_the_headline_is_cut_not_dropped(
        caplog: pytest.LogCaptureFixture) -> None:
    # Issue 19 item 15: a body of one line longer than `max_text_chars` (here 1 MB without a
    # space) was stored as the headline alone, silently. Now it is kept, cut, and said.
    line = "Marrowisland" * 90_000
    with caplog.at_level("WARNING", logger="unspun"):
        a = article_from_text(f"Lighthouse keeper rescues kayakers\n\n{line}\n")
    (said,) = [r.getMessage() for r in caplog.records]
    assert "Lighthouse keeper rescues kayakers" in said and "400,000 characters" in said
    # (the second block's role is read from the line's shape, not what this test is about)
    assert len(a.blocks) == 2 and a.blocks[0].role == "headline"
    assert len(a.text) == ReadOptions().max_text_chars and a.body_text() in line


# Issue 19 item 22: hard-wrapped text (lines broken at a fixed width, paragraphs ending on a
# short line or starting indented) came out as one paragraph per line, with the wrapped
# halves of sentences labelled standfirst or caption.
WRAPPED_BODY = [
    "A lighthouse keeper rescued three kayakers who were stranded on a rock shelf as a storm "
    "battered Marrow Island overnight, the coastguard said on Sunday.",
    "The keeper, Ines Albright, said she saw a torch flashing from the rocks shortly after "
    "2am and called the lifeboat station at once.",
    "The kayakers were treated for mild hypothermia and released from the island's clinic "
    "by noon, a spokesperson for the health board said.",
]


def _wrap(paragraphs: list[str], width: int, indent: str = "") -> str:
    import textwrap

    return "\n".join(textwrap.fill(p, width, initial_indent=indent) for p in paragraphs)


@pytest.mark.parametrize("width", [60, 72, 79])
@pytest.mark.parametrize("indent", ["", "    "])
@pytest.mark.parametrize("blank_after_headline", [False, True])
def test_hard_wrapped_lines_are_reflowed(width: int, indent: str,
                                         blank_after_headline: bool) -> None:
    sep = "\n\n" if blank_after_headline else "\n"
    a = article_from_text(HEADLINE + sep + _wrap(WRAPPED_BODY, width, indent))
    assert roles(a) == [("headline", HEADLINE)] + [("body", p) for p in WRAPPED_BODY]


def test_wrapped_bullets_keep_their_continuation_lines() -> None:
    bullets = ["Three kayakers spent the night on a rock shelf off the northern cape of "
               "Marrow Island", "Keeper Ines Albright spotted their torch signal at 2am"]
    import textwrap

    lead = "\n".join(textwrap.fill(b, 60, initial_indent="  \u2022 ", subsequent_indent="    ")
                     for b in bullets)
    a = article_from_text(f"{HEADLINE}\n\n{lead}\n\n" + "\n\n".join(WRAPPED_BODY))
    assert roles(a)[1:3] == [("standfirst", b) for b in bullets]
    assert [t for r, t in roles(a)[3:]] == WRAPPED_BODY


def test_unwrapped_short_lines_stay_paragraphs() -> None:
    # One short sentence a line, no blank lines: not hard-wrapped, each line stands alone.
    lines = ["The council met on Monday evening.",
             "It voted to keep the harbour lights on all night through the winter months.",
             "Fishermen had asked for this since October.",
             "The lights cost little to run, the treasurer said, and the vote was unanimous.",
             "Work starts next week."]
    a = article_from_text("\n".join(["Harbour lights stay on", *lines]))
    assert [t for _, t in roles(a)[1:]] == lines


def test_a_break_after_a_hyphen_is_rejoined_without_a_space() -> None:
    # Issue 19 item 22: wrappers such as Python's textwrap also break after a hyphen.
    import textwrap

    para = ("Rainfall like this used to be a once-in-a-century event on Marrow Island, the "
            "harbour master said, but the town should now plan for it every few years.")
    for width in range(40, 80):
        lines = textwrap.wrap(para, width)
        if any(line.endswith("-") for line in lines[:-1]):
            break
    else:
        raise AssertionError("no width breaks the text after a hyphen")
    a = article_from_text("\n".join([HEADLINE, *lines, *textwrap.wrap(WRAPPED_BODY[0], width)]))
    assert roles(a)[1:] == [("body", para), ("body", WRAPPED_BODY[0])]
