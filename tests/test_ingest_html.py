"""HTML reader: roles, metadata, captions put back, furniture, encodings, pages without text.

All pages are invented here (no third-party text).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from unspun.errors import InputError
from unspun.ingest import article_from_html
from unspun.options import ReadOptions

BODY = [
    "Ferry crews on the Marrow Island route walked out on Tuesday morning, leaving hundreds "
    "of passengers stranded at both piers.",
    "The union said the strike would last 48 hours unless the operator withdrew the new rota, "
    "which it called unsafe for crews working night crossings.",
    '"We have asked for talks three times," said union organiser Petra Vance. "Nobody answered '
    'our letters, so today we stopped the boats."',
    "The operator, Blue Gull Lines, said it regretted the disruption and would run a reduced "
    "timetable using relief crews from the mainland.",
]


def page(
    *,
    lang: str = "en",
    charset: str = "utf-8",
    extra_head: str = "",
    body: list[str] | None = None,
    furniture: bool = True,
) -> str:
    ps = [f"<p>{p}</p>" for p in (body or BODY)]
    sidebar = (
        '<aside><figure><img src="s.jpg"><figcaption>A different story about a bakery that '
        "opened in the old post office</figcaption></figure><p>Most read</p></aside>"
    )
    junk = "<p>Advertisement</p>" if furniture else ""
    share = "<p>Share this article</p><p>Exit mobile version</p>" if furniture else ""
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}">
<title>Ferry strike halts island traffic | The Harbour Post</title>
<meta property="og:title" content="Ferry strike halts island traffic">
<meta property="article:published_time" content="2024-03-05T10:00:00Z">
<link rel="canonical" href="https://www.harbourpost.example/news/ferry-strike">{extra_head}
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry strike halts island traffic</h1>
<p class="standfirst">Crews walk out over rota changes, leaving hundreds stranded on Marrow
Island.</p>
<figure><img src="a.jpg"><figcaption>Passengers wait at the Marrow Island pier on Tuesday
morning</figcaption></figure>
{ps[0]}{ps[1]}{junk}
<figure><img src="b.jpg"><figcaption>The harbour master's office stayed closed all
day</figcaption></figure>
{"".join(ps[2:])}
<figure><img src="b2.jpg"><figcaption>The harbour master's office stayed closed all
day</figcaption></figure>
<p>The dispute is the third on the route in two years.</p>
{share}
</article>{sidebar}
<footer><p>© 2024 The Harbour Post. All rights reserved.</p></footer></body></html>"""


def roles(article) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(b.role, article.block_text(b)) for b in article.blocks]


def test_roles_metadata_and_captions_in_place() -> None:
    a = article_from_html(page())
    assert a.title == "Ferry strike halts island traffic"
    assert a.url == "https://www.harbourpost.example/news/ferry-strike"  # canonical link
    assert a.site == "harbourpost.example"
    assert a.published == datetime(2024, 3, 5, 10, 0, tzinfo=UTC)  # the page gives the time
    assert a.lang == "en"
    r = roles(a)
    assert r[0] == ("headline", "Ferry strike halts island traffic")
    assert r[1][0] == "standfirst" and r[1][1].startswith("Crews walk out")
    # Trafilatura drops figcaptions: they come back, where the page has them, once each.
    captions = [t for role, t in r if role == "caption"]
    assert captions == [
        "Passengers wait at the Marrow Island pier on Tuesday morning",
        "The harbour master's office stayed closed all day",
    ]
    texts = [t for _, t in r]
    assert texts.index(captions[1]) == texts.index(BODY[1]) + 1
    assert [t for role, t in r if role == "body"][:4] == BODY
    # Furniture and the sidebar are gone; the text offsets are exact.
    for gone in ("Advertisement", "Share this article", "Exit mobile version", "bakery", "©"):
        assert gone not in a.text
    assert all(a.text[b.start : b.end] == t for b, (_, t) in zip(a.blocks, r, strict=True))


def test_no_clean_keeps_furniture_and_repeats() -> None:
    a = article_from_html(page(), options=ReadOptions(clean=False))
    assert "Exit mobile version" in a.text
    assert a.text.count("The harbour master's office stayed closed all day") == 2


def test_url_argument_wins_and_bytes_input() -> None:
    a = article_from_html(page().encode("utf-8"), url="https://mirror.example.net/x")
    assert a.url == "https://mirror.example.net/x" and a.site == "example.net"


def test_wrong_meta_charset_is_survived() -> None:
    # Declared utf-8 but written in latin-1 (a classic misconfigured server).
    body = ["Le café du port était fermé mardi, a déclaré la propriétaire Hélène Marchand."] * 1
    body += [
        "Les équipages ont cessé le travail à l'aube, et les passagers ont attendu des heures."
    ]
    raw = page(lang="fr", body=body, furniture=False).encode("latin-1")
    a = article_from_html(raw)
    assert "café" in a.text and "Hélène" in a.text and "équipages" in a.text
    assert "\ufffd" not in a.text
    # Declared latin-1 but really UTF-8: strict UTF-8 wins, no mojibake.
    raw2 = page(lang="fr", charset="iso-8859-1", body=body, furniture=False).encode("utf-8")
    a2 = article_from_html(raw2)
    assert "café" in a2.text and "Ã" not in a2.text


def test_lang_guessed_without_attribute() -> None:
    html = page(lang="").replace(' lang=""', "")
    assert article_from_html(html).lang == "en"


@pytest.mark.parametrize(
    "html, reason",
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("<html><head><script>var x = 1;</script></head><body><script>run()</script>"
         "</body></html>", "no article text"),
        ("<html><body><p>Share this article</p><p>Advertisement</p></body></html>",
         "no article text"),
    ],
)
def test_pages_without_article_text_raise(html: str, reason: str) -> None:
    with pytest.raises(InputError) as err:
        article_from_html(html, url="https://x.example/p")
    assert reason in err.value.reason and err.value.source == "https://x.example/p"


def test_oversized_page_refused() -> None:
    with pytest.raises(InputError, match="larger than"):
        article_from_html(page(), options=ReadOptions(max_page_bytes=1000))


def test_hostile_markup_does_not_leak_into_text() -> None:
    body = [*BODY[:2], "<script>alert(1)</script>The council met again on Wednesday evening "
            "to discuss compensation for stranded travellers."]
    a = article_from_html(page(body=body))
    assert "alert" not in a.text and "<script" not in a.text
    assert "compensation for stranded travellers" in a.text


def test_lost_standfirst_restored_but_sidebar_summary_ignored() -> None:
    # A standfirst in a <div> (which trafilatura may drop) right before the body comes back;
    # a "summary" teaser in the sidebar never enters the article.
    html = page(furniture=False).replace(
        '<p class="standfirst">', '<div class="article-dek"><p>'
    ).replace("Island.</p>", "Island.</p></div>", 1).replace(
        "<aside>", '<aside><div class="summary">Bakery wins regional bread prize for a third '
        "year running</div>"
    )
    a = article_from_html(html)
    r = roles(a)
    assert "Bakery wins" not in a.text
    standfirsts = [t for role, t in r if role == "standfirst"]
    assert standfirsts == [
        "Crews walk out over rota changes, leaving hundreds stranded on Marrow Island."
    ]
    assert r[1][0] == "standfirst"


def test_place_restores_lost_marked_blocks_only_inside_the_body() -> None:
    from unspun.ingest.clean import block_key
    from unspun.ingest.html import _Marks, _place

    body = ["First paragraph of the story.", "Second paragraph of the story."]
    k1, k2 = (block_key(p) for p in body)
    marks = _Marks()
    marks.standfirsts = {"dek": "The dek text", "teaser": "A sidebar teaser"}
    marks.standfirst_next = {"dek": k1, "teaser": block_key("Unrelated sidebar link")}
    marks.captions = [
        ("Caption between the paragraphs", k1, k2),
        ("Caption under a sidebar photo", block_key("Sidebar"), None),
    ]
    assert _place("Headline", body, marks) == [
        ("headline", "Headline"),
        ("standfirst", "The dek text"),
        ("body", body[0]),
        ("caption", "Caption between the paragraphs"),
        ("body", body[1]),
    ]


def test_declared_publication_date_beats_a_partial_date_in_the_url() -> None:
    body = "".join(
        f"<p>The harbour board in Pellham met on Tuesday to discuss item {i} of the plan for "
        f"the new quay, which residents have debated for many months.</p>" for i in range(4)
    )
    page = (
        '<html><head><title>Quay plan debated</title>'
        '<link rel="canonical" href="https://copysite.example/2023/06/quay-plan/">'
        '<meta property="article:published_time" content="2023-06-06T05:59:00Z"></head>'
        f"<body><article><h1>Quay plan debated</h1>{body}</article></body></html>"
    )
    assert article_from_html(page).published == datetime(2023, 6, 6, 5, 59, tzinfo=UTC)
    timed = page.replace('<meta property="article:published_time" content="2023-06-06T05:59:00Z">',
                         "").replace("<h1>", '<time datetime="2023-06-09">9 June</time><h1>')
    assert article_from_html(timed).published == date(2023, 6, 9)


@pytest.mark.parametrize("where", ["meta", "header"])
def test_undefined_charset_is_survived(where: str) -> None:
    # Issue 19 item 1: a charset name Python knows but cannot decode with ("undefined").
    body = ["Le café du port était fermé mardi, a déclaré la propriétaire Hélène Marchand.",
            "Les équipages ont cessé le travail à l'aube, et les passagers ont attendu."]
    charset = "undefined" if where == "meta" else "latin-1"
    raw = page(lang="fr", charset=charset, body=body, furniture=False).encode("latin-1")
    ctype = 'text/html; charset="undefined"' if where == "header" else None
    a = article_from_html(raw, content_type=ctype)
    assert "café" in a.text and "Hélène" in a.text and "\ufffd" not in a.text


def _nested(depth: int) -> str:
    return page(furniture=False).replace("<article>", "<div>" * depth + "<article>").replace(
        "</article>", "</article>" + "</div>" * depth)


def test_deeply_nested_markup_is_read() -> None:
    # Issue 19 item 15: past 255 levels libxml2's default limit stopped the parse, and the
    # page was reported as "no article text found (empty or script-only page)".
    a = article_from_html(_nested(400))
    assert a.title == "Ferry strike halts island traffic" and BODY[0] in a.text


@pytest.mark.parametrize("depth", [3000, 200_000])
def test_markup_nested_past_the_parser_limit_says_so(depth: int) -> None:
    # Issue 19 item 15 (the 200k nested <div>s): refused, saying why.
    with pytest.raises(InputError) as err:
        article_from_html(_nested(depth), url="https://x.example/deep")
    assert err.value.reason == ("markup nested more than 2048 levels deep: the HTML parser "
                                "stops there, so the page cannot be read whole")
