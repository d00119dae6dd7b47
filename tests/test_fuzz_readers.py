"""Property tests (Hypothesis) of the HTML, plain-text and WARC readers and of the service's
input path: whatever the bytes, encodings, nesting and sizes (near each limit too), a reader
gives Articles that keep the Article contract, or the project's InputError naming the input;
never another exception, and over HTTP never a 500.

Issue 19 item 25. Bounded: a few dozen examples a property, no deadline (extraction time
varies with the machine), no example database written into the tree. The JSONL/JSON readers
have their own properties in tests/test_fuzz_jsonl.py. All text here is invented.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import string
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unspun.errors import InputError
from unspun.ingest import article_from_html, article_from_text
from unspun.ingest.decode import decode_bytes
from unspun.ingest.reflow import join_lines
from unspun.ingest.warc import iter_warc
from unspun.model import BLOCK_ROLES, PARAGRAPH_SEP, Article, article_id
from unspun.options import ReadOptions

FUZZ = settings(max_examples=40, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# --- what every outcome must be ---------------------------------------------------------


def check_article(a: Article, options: ReadOptions) -> None:
    """The Article contract: blocks tile the text in order, joined by the separator, each a
    normalised paragraph; the text within the cap; the id derived from url and text."""
    assert isinstance(a, Article) and a.text and a.blocks
    assert len(a.text) <= options.max_text_chars
    pos = 0
    for i, b in enumerate(a.blocks):
        assert b.role in BLOCK_ROLES
        assert b.start == (pos + len(PARAGRAPH_SEP) if i else 0) and b.start < b.end
        part = a.text[b.start : b.end]
        assert part == part.strip() and "\n" not in part
        pos = b.end
    assert pos == len(a.text)
    assert a.id == article_id(a.url, a.text)


def outcome(read: Callable[[], Article], options: ReadOptions) -> Article | InputError:
    """What `read()` gives: a checked Article or an InputError with a reason. Any other
    exception propagates and fails the property."""
    try:
        a = read()
    except InputError as err:
        assert err.source and err.reason and "\n" not in err.reason
        return err
    check_article(a, options)
    return a


def check_items(items: Iterator[Article | InputError], options: ReadOptions) -> list[Any]:
    out = list(items)  # the stream ends (no hang, no exception)
    for item in out:
        if isinstance(item, InputError):
            assert item.source and item.reason
        else:
            check_article(item, options)
    return out


# --- strategies ---------------------------------------------------------------------------

WORDS = ("harbour", "ferry", "council", "Marrow", "Island", "keeper", "storm", "crews", "said",
         "on", "Tuesday", "the", "a", "of", "48", "2024", "café", "Hélène", "Straße", "Δήμος",
         "совет", "港口", "フェリー", "مجلس", "שלום", "😀", "naïve", "\u00a0", "&amp;", "&#x0;",
         "&nbsp;", "<", ">", "\"quoted\"", "it's", "e.g.", "—", "…", "\u200b", "\ufeff", "\x00")
ASCII_WORDS = ("harbour", "ferry", "council", "Marrow", "Island", "keeper", "storm", "crews",
               "said", "on", "Tuesday", "the", "a", "of", "48", "2024", "night.", "day,",
               "rescued", "three", "kayakers", "rock", "shelf", "lifeboat", "station", "again.")
CHARSETS = ("utf-8", "utf-16", "utf-32", "latin-1", "cp1252", "cp1251", "koi8-r", "shift_jis",
            "gb18030", "euc-kr", "iso2022_jp", "utf-7", "ascii")
DECLARED = (*CHARSETS, "undefined", "idna", "punycode", "base64", "rot13", "hex", "zlib",
            "unicode_escape", "x-no-such-codec", "", "utf8mb4", "windows-1255", "mbcs")
TAGS = ("div", "p", "span", "article", "main", "section", "b", "i", "font", "figure",
        "figcaption", "caption", "h1", "h2", "ul", "li", "table", "td", "blockquote", "a",
        "script", "style", "noscript", "template", "svg", "math", "iframe", "textarea", "pre",
        "title", "head", "body", "html", "time", "meta", "br", "img")
ATTRS = ("", ' class="standfirst"', ' class="caption"', ' class="summary lead"',
         ' itemprop="description"', ' itemprop="datePublished" content="2024-13-45"',
         ' datetime="2024-03-05"', ' lang="xx-invalid"', ' id="intro"', ' charset="undefined"',
         ' property="og:title" content="x"', ' class="\u0000"', " onload=alert(1)")

words = st.lists(st.sampled_from(WORDS), min_size=0, max_size=25).map(" ".join)
text_run = st.one_of(words, st.text(max_size=30))


def _element(parts: tuple[str, str, list[str], bool]) -> str:
    tag, attrs, children, closed = parts
    return f"<{tag}{attrs}>" + "".join(children) + (f"</{tag}>" if closed else "")


markup = st.recursive(
    text_run,
    lambda kids: st.tuples(st.sampled_from(TAGS), st.sampled_from(ATTRS),
                           st.lists(kids, max_size=4), st.booleans()).map(_element),
    max_leaves=30,
)


ARTICLE = ("<h1>Keeper rescues kayakers</h1><p>The keeper on Marrow Island rescued three "
           "kayakers from a rock shelf on Tuesday night, the coastguard said.</p><p>The "
           "lifeboat station praised her quick call after she saw their torch signal.</p>")


@st.composite
def pages(draw: st.DrawFn) -> tuple[bytes, str | None]:
    """(bytes, Content-Type): generated markup, half the time around an article, in some
    encoding, declared rightly, wrongly or not at all, in the page and/or the header,
    sometimes with a byte-order mark."""
    body = draw(markup)
    if draw(st.booleans()):
        body = f"{body}<article>{ARTICLE}</article>{draw(markup)}"
    declared = draw(st.sampled_from(DECLARED))
    head = draw(st.sampled_from(("", f'<meta charset="{declared}">',
                                 f'<meta http-equiv="Content-Type" content="text/html; '
                                 f'charset={declared}">')))
    doc = draw(st.sampled_from((
        "<!DOCTYPE html><html><head>{head}<title>T</title></head><body>{body}</body></html>",
        "<html>{head}{body}", "{head}{body}", '<?xml version="1.0" encoding="{d}"?><html>{body}',
        "<html/>{body}")))
    html = doc.format(head=head, body=body, d=declared)
    codec = draw(st.sampled_from(CHARSETS))
    data = html.encode(codec, errors="xmlcharrefreplace")
    if draw(st.booleans()) and codec in ("utf-8", "utf-16", "utf-32"):
        data = {"utf-8": codecs.BOM_UTF8, "utf-16": b"", "utf-32": b""}[codec] + data
    ctype = draw(st.sampled_from((None, "text/html", f"text/html; charset={declared}",
                                  f'text/html; charset="{declared}"', "text/html; charset=")))
    return data, ctype


# --- HTML ---------------------------------------------------------------------------------

READ = ReadOptions(learn_furniture=False)


@FUZZ
@given(page=pages())
def test_html_pages_give_an_article_or_an_input_error(page: tuple[bytes, str | None]) -> None:
    data, ctype = page
    outcome(lambda: article_from_html(data, url="https://fuzz.example/p", content_type=ctype,
                                      options=READ), READ)
    outcome(lambda: article_from_html(decode_bytes(data), options=READ), READ)


@FUZZ
@given(data=st.binary(max_size=3000), declared=st.sampled_from(DECLARED) | st.text(max_size=12))
def test_arbitrary_bytes_as_html(data: bytes, declared: str) -> None:
    assert isinstance(decode_bytes(data, declared=declared or None), str)
    outcome(lambda: article_from_html(data, content_type=f"text/html; charset={declared}",
                                      options=READ), READ)


@settings(FUZZ, max_examples=12)  # a tree 2,000 deep takes trafilatura a while
@given(depth=st.sampled_from((0, 254, 255, 256, 257, 1000, 2040, 2050, 9000)),
       tag=st.sampled_from(("div", "section", "font", "blockquote")), closed=st.booleans())
def test_nesting_near_the_parser_limits(depth: int, tag: str, closed: bool) -> None:
    html = ("<html><head><title>Keeper rescues kayakers</title></head><body>" + f"<{tag}>" * depth
            + f"<article>{ARTICLE}</article>" + (f"</{tag}>" * depth if closed else "")
            + "</body></html>")
    got = outcome(lambda: article_from_html(html, options=READ), READ)
    if depth <= 2040:
        assert isinstance(got, Article) and "torch signal" in got.text
    else:
        assert isinstance(got, InputError) and "nested more than" in got.reason


@FUZZ
@given(page=pages(), delta=st.integers(-2, 2))
def test_page_size_near_the_limit(page: tuple[bytes, str | None], delta: int) -> None:
    data, ctype = page
    opts = ReadOptions(max_page_bytes=max(1, len(data) + delta), learn_furniture=False)
    got = outcome(lambda: article_from_html(data, content_type=ctype, options=opts), opts)
    too_big = isinstance(got, InputError) and "larger than" in got.reason
    assert too_big == (len(data) > opts.max_page_bytes)


# --- plain text ---------------------------------------------------------------------------


@FUZZ
@given(text=st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("\n\n \t•*-\r"),
                    max_size=3000))
def test_arbitrary_text(text: str) -> None:
    outcome(lambda: article_from_text(text, options=READ), READ)


def _layout(words_: list[str], breaks: list[int]) -> str:
    """`words_` laid out in lines: between two words a space (0), a newline (1), a blank
    line (2), a newline and an indent (3) or a new bullet line (4)."""
    seps = [(" ", "\n", "\n\n", "\n    ", "\n  * ")[k] for k in breaks]
    return words_[0] + "".join(sep + w for sep, w in zip(seps, words_[1:], strict=False))


@FUZZ
@given(headline=st.lists(st.sampled_from(ASCII_WORDS), min_size=1, max_size=8).map(" ".join),
       body=st.lists(st.sampled_from(ASCII_WORDS), min_size=1, max_size=300),
       breaks=st.lists(st.sampled_from((0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 4)), max_size=300),
       cap=st.integers(5, 2000))
def test_text_layouts_keep_every_word_up_to_the_cap(headline: str, body: list[str],
                                                   breaks: list[int], cap: int) -> None:
    # However the lines fall (wrapped, a line each, blank lines, indents, bullets), the
    # words come back in order; past the cap the text is cut, never emptied of its body.
    text = f"{headline}\n{_layout(body, breaks + [0] * len(body))}"
    whole = ReadOptions(clean=False, learn_furniture=False, max_text_chars=10**6)
    full = outcome(lambda: article_from_text(text, options=whole), whole)
    assert isinstance(full, Article)
    assert full.text.split() == [w for w in text.split() if w != "*"]
    opts = ReadOptions(clean=False, learn_furniture=False, max_text_chars=cap)
    a = outcome(lambda: article_from_text(text, options=opts), opts)
    assert isinstance(a, Article) and full.text.startswith(a.text)
    assert a.text == full.text or len(full.text) > cap
    if len(headline) + len(PARAGRAPH_SEP) < cap:
        assert any(b.role != "headline" for b in a.blocks)


@FUZZ
@given(lines=st.lists(st.text(alphabet=string.ascii_letters + " .,;!?'\"", max_size=90),
                      max_size=40),
       width=st.none() | st.integers(1, 130))
def test_reflow_keeps_the_words_in_order(lines: list[str], width: int | None) -> None:
    assert " ".join(join_lines(lines, width)).split() == " ".join(lines).split()


# --- WARC ---------------------------------------------------------------------------------


def _warc(records: list[tuple[str, bytes, str, str]], gz: bool) -> bytes:
    """A WARC (gzipped record by record when `gz`) of (url, payload, content type, status)
    response records, written with warcio (not the fastwarc the reader uses)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for url, payload, ctype, status in records:
        hh = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(payload),
                                            http_headers=hh))
    return buf.getvalue()


records = st.lists(st.tuples(
    st.sampled_from(("https://fuzz.example/a", "https://fuzz.example/b", "not a url", "")),
    pages().map(lambda p: p[0]) | st.binary(max_size=500),
    st.sampled_from(("text/html", "text/html; charset=undefined", 'text/html; charset="koi8-r"',
                     "application/xhtml+xml", "image/png", "text/plain", "", "text/html;;;")),
    st.sampled_from(("200 OK", "404 Not Found", "301 Moved", "999 Odd", "200"))),
    min_size=1, max_size=4)


@FUZZ
@given(recs=records, gz=st.booleans(), cut=st.none() | st.floats(0, 1),
       tail=st.binary(max_size=50))
def test_warc_archives_whole_cut_or_with_junk(recs: list[tuple[str, bytes, str, str]], gz: bool,
                                              cut: float | None, tail: bytes) -> None:
    data = _warc(recs, gz)
    if cut is not None:
        data = data[: int(len(data) * cut)] + tail
    items = check_items(iter_warc(io.BytesIO(data), "fuzz.warc", READ), READ)
    assert sum(isinstance(i, Article) for i in items) <= len(recs)
    if cut is None:  # a whole archive: records may fail, never the archive itself
        assert all(i.source.startswith("fuzz.warc#") for i in items if isinstance(i, InputError))


@FUZZ
@given(data=st.binary(max_size=2000),
       prefix=st.sampled_from((b"", b"WARC/1.0\r\n", b"WARC/1.1\r\nWARC-Type: response\r\n",
                               b"\x1f\x8b")), gz=st.booleans())
def test_arbitrary_bytes_as_a_warc(data: bytes, prefix: bytes, gz: bool) -> None:
    raw = prefix + data
    check_items(iter_warc(io.BytesIO(gzip.compress(raw) if gz else raw), "fuzz.warc", READ),
                READ)


@settings(FUZZ, max_examples=20)
@given(page=pages(), delta=st.integers(-2, 2), gz=st.booleans())
def test_warc_record_size_near_the_limit(page: tuple[bytes, str | None], delta: int,
                                         gz: bool) -> None:
    payload = page[0]
    opts = ReadOptions(max_page_bytes=max(1, len(payload) + delta), learn_furniture=False)
    data = _warc([("https://fuzz.example/a", payload, "text/html", "200 OK")], gz)
    items = check_items(iter_warc(io.BytesIO(data), "fuzz.warc", opts), opts)
    too_big = [i for i in items if isinstance(i, InputError) and "larger than" in i.reason]
    assert bool(too_big) == (len(payload) > opts.max_page_bytes)


# --- the service's input path ---------------------------------------------------------------

try:
    import httpx  # noqa: F401  (TestClient needs it)
    from fastapi.testclient import TestClient

    from unspun.service import ServeOptions, create_app
    from unspun.service.inputs import pasted_article, upload_items
except ImportError:  # the serve extra is not installed
    SERVICE = False
else:
    SERVICE = True
needs_service = pytest.mark.skipif(not SERVICE, reason="needs the serve extra")
SERVE_READ = ReadOptions(learn_furniture=False)  # what ServeOptions().read is
LIMIT = 20_000
NAMES = (None, "", "page.html", "notes.txt", "crawl.warc.gz", "crawl.warc", "a.jsonl",
         "a.json", "blob.bin", "x.HTM", "../../etc/passwd", "bad\x00name\n.html", "ü" * 300)


@needs_service
@FUZZ
@given(data=st.one_of(pages().map(lambda p: p[0]), st.binary(max_size=2000),
                      st.builds(_warc, records, st.booleans())),
       name=st.sampled_from(NAMES),
       ctype=st.sampled_from((None, "text/html", "text/html; charset=undefined", "text/plain",
                              "application/octet-stream")),
       fmt=st.sampled_from(("auto", "text", "html")))
def test_uploaded_files(data: bytes, name: str | None, ctype: str | None, fmt: Any) -> None:
    items = check_items(upload_items(data, name, ctype, SERVE_READ, fmt), SERVE_READ)
    for item in items:
        if isinstance(item, InputError):
            assert item.source.isprintable() and len(item.source) <= 300


@needs_service
@FUZZ
@given(text=st.one_of(st.text(max_size=2000), markup), fmt=st.sampled_from(("auto", "text",
                                                                            "html")),
       title=st.none() | st.text(max_size=50), url=st.none() | st.text(max_size=50))
def test_pasted_text(text: str, fmt: Any, title: str | None, url: str | None) -> None:
    outcome(lambda: pasted_article(text, fmt, title=title, url=url, published=None,
                                   options=SERVE_READ), SERVE_READ)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    if not SERVICE:
        pytest.skip("needs the serve extra")
    path: Path = tmp_path_factory.mktemp("fuzz") / "fuzz.db"
    opts = ServeOptions(max_trace_bytes=LIMIT, max_add_bytes=LIMIT, readers=1)
    with TestClient(create_app(path, opts)) as c:
        yield c


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text_run,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids,
                                                              max_size=4),
    max_leaves=12)
trace_bodies = st.one_of(
    st.fixed_dictionaries({}, optional={"text": text_run | json_values, "html": markup,
                                        "title": text_run, "url": text_run,
                                        "published": st.sampled_from(("2024-03-05", "2024-13-45",
                                                                      "", "yesterday"))}),
    json_values)


def _check_response(r: Any, ok: frozenset[int]) -> None:
    assert r.status_code in ok, (r.status_code, r.text[:300])
    body = r.json()
    if r.status_code != 200:
        assert isinstance(body["error"], str) and body["error"]


@FUZZ
@given(body=trace_bodies, raw=st.none() | st.binary(max_size=300),
       size=st.integers(LIMIT - 2, LIMIT + 2))
def test_trace_api_answers_every_body(client: Any, body: Any, raw: bytes | None,
                                      size: int) -> None:
    data = raw if raw is not None else json.dumps(body).encode()
    r = client.post("/api/trace", content=data, headers={"content-type": "application/json"})
    _check_response(r, frozenset({200, 400, 422}))
    # A body of `size` bytes, near the limit: refused with 413 exactly when it is over it.
    start = json.dumps({"text": "Keeper rescues kayakers\n\nThe keeper said "}).encode()
    padded = start[:-2] + b"x" * (size - len(start)) + start[-2:]
    assert len(padded) == size
    r = client.post("/api/trace", content=padded, headers={"content-type": "application/json"})
    _check_response(r, frozenset({413}) if size > LIMIT else frozenset({200, 400}))


@FUZZ
@given(lines=st.lists(st.one_of(trace_bodies.map(json.dumps), st.text(max_size=80)), max_size=6),
       ctype=st.sampled_from(("application/jsonl", "application/json", "text/plain", "")))
def test_add_api_answers_every_body(client: Any, lines: list[str], ctype: str) -> None:
    r = client.post("/api/articles", content="\n".join(lines).encode(),
                    headers={"content-type": ctype} if ctype else {})
    _check_response(r, frozenset({200, 400}))
