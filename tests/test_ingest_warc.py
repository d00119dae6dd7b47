"""WARC reader: HTML responses only, plain and gzip, truncated archives, bad records."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from unspun.errors import InputError
from unspun.ingest import iter_articles
from unspun.model import Article
from unspun.options import ReadOptions
from warc_fixtures import Response, cut_inside, write_warc

NO_LEARN = ReadOptions(learn_furniture=False)


def story(i: int) -> bytes:
    return (
        f"<html><head><title>Harbour works, part {i}</title></head><body><article>"
        f"<h1>Harbour works, part {i}</h1>"
        f"<p>Crews began phase {i} of the harbour works on Monday, closing the north quay "
        f"to traffic until the end of the month.</p>"
        f"<p>The council said phase {i} would cost {i * 100} thousand and finish on time, "
        f"despite the storms that delayed earlier phases.</p></article></body></html>"
    ).encode()


def harbour_warc(path: Path, n: int) -> None:
    """`n` pages of one site; page 1 is an image and page 2 a 404 (both skipped)."""
    pages = []
    for i in range(n):
        page = Response(f"https://www.harbourworks.example/p/{i}", story(i))
        if i == 1:
            page = replace(page, content_type="image/png", body=b"\x89PNG\r\n\x1a\n" + bytes(200))
        if i == 2:
            page = replace(page, status="404 Not Found")
        pages.append(page)
    write_warc(path, pages)


@pytest.mark.parametrize("gz", [False, True])
def test_html_responses_only(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    harbour_warc(path, 6)
    items = list(iter_articles([str(path)], NO_LEARN))
    assert all(isinstance(i, Article) for i in items)
    # Request records, the PNG (1) and the 404 (2) are skipped.
    assert [i.url for i in items if isinstance(i, Article)] == [
        f"https://www.harbourworks.example/p/{i}" for i in (0, 3, 4, 5)
    ]
    a = items[0]
    assert isinstance(a, Article) and a.title == "Harbour works, part 0"
    assert a.site == "harbourworks.example" and "north quay" in a.text


def test_truncated_gz_yields_records_before_then_one_error(tmp_path: Path) -> None:
    full = tmp_path / "full.warc.gz"
    harbour_warc(full, 40)
    data = full.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(cut_inside(data, 1 / 2))
    items = list(iter_articles([str(cut)], NO_LEARN))
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(errors) == 1 and errors[0].source == str(cut)
    assert "archive is truncated after" in errors[0].reason
    assert items[-1] is errors[0]
    assert 10 < len(articles) < 38
    # Records before the break are intact and in order.
    assert articles[0].url == "https://www.harbourworks.example/p/0"


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"this is not an archive at all\n" * 10)
    items = list(iter_articles([str(path)], NO_LEARN))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert "not a WARC" in items[0].reason


def test_oversized_record_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    harbour_warc(path, 4)
    items = list(iter_articles([str(path)], ReadOptions(max_page_bytes=100, learn_furniture=False)))
    assert items and all(isinstance(i, InputError) for i in items)
    assert "#1" in items[0].source and "larger than" in items[0].reason


def test_record_with_an_undefined_charset_is_read(tmp_path: Path) -> None:
    # Issue 19 item 1: the HTTP header's charset="undefined" must not stop the archive.
    latin = story(0).replace(b"Crews began", "Les équipes du café ont commencé".encode("latin-1"))
    path = write_warc(tmp_path / "crawl.warc.gz", [
        Response("https://www.harbourworks.example/p/0", latin,
                 content_type='text/html; charset="undefined"'),
        Response("https://www.harbourworks.example/p/1", story(1))])
    items = list(iter_articles([str(path)], NO_LEARN))
    assert [type(i) for i in items] == [Article, Article]
    assert isinstance(items[0], Article) and "équipes du café" in items[0].text
