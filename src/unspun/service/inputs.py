"""Request bodies -> Articles, with the project's own readers (nothing is fetched: a URL in the
input is only a label, never opened).

Two shapes: a trace request (one article: JSON with `text` or `html`, or a form with a
pasted text or an uploaded file) and an add request (JSONL / a JSON array, or uploaded
files of any kind `unspun add` reads).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from unspun.errors import InputError, input_error
from unspun.ingest import article_from_html, article_from_text
from unspun.ingest.decode import decode_bytes, looks_binary
from unspun.ingest.jsonl import iter_json_array, iter_jsonl
from unspun.ingest.sources import kind_of_name, sniff
from unspun.ingest.warc import iter_warc
from unspun.model import Article
from unspun.options import ReadOptions

Item = Article | InputError
Format = Literal["auto", "text", "html"]


class TraceRequest(BaseModel):
    """One article to trace: plain `text` (with optional title, url, date) or a page's `html`."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The article as plain text (paragraphs "
                             "separated by blank lines; the first line is the headline "
                             "unless `title` is given).")
    html: str | None = Field(None, description="The article's page as HTML.")
    title: str | None = Field(None, max_length=2000, description="Headline (with `text`).")
    url: str | None = Field(None, max_length=4096,
                            description="Where the page was found: a label, never fetched.")
    published: date | None = Field(None, description="Publication date (with `text`).")

    @model_validator(mode="after")
    def _one_source(self) -> TraceRequest:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of `text` or `html`")
        if self.html is not None and (self.title is not None or self.published is not None):
            raise ValueError("`title` and `published` go with `text`; an HTML page has its own")
        return self


def article_of(req: TraceRequest, options: ReadOptions) -> Article:
    """The request's article; InputError when no article text can be read from it."""
    if req.html is not None:
        return article_from_html(req.html, url=req.url, options=options)
    assert req.text is not None
    return article_from_text(req.text, url=req.url, title=req.title, published=req.published,
                             options=options)


def parse_date(value: str | None) -> date | None:
    """A form's date field; InputError when it is there but not an ISO date."""
    if value is None or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise InputError("published", f"not a date (YYYY-MM-DD): {value[:40]!r}") from None


def pasted_article(text: str, fmt: Format, *, title: str | None, url: str | None,
                   published: date | None, options: ReadOptions) -> Article:
    """A pasted text: HTML when `fmt` says so (or, with auto, when it looks like a page)."""
    is_html = fmt == "html" or (fmt == "auto" and sniff(text[:4096].encode()) == "html")
    if is_html:
        return article_from_html(text, url=url or None, options=options)
    return article_from_text(text, url=url or None, title=title or None, published=published,
                             options=options)


def upload_items(data: bytes, filename: str | None, content_type: str | None,
                 options: ReadOptions, fmt: Format = "auto") -> Iterator[Item]:
    """Articles (and errors) of one uploaded file, read by its name or by its content."""
    source = _label(filename)
    kind = kind_of_name(filename or "") or sniff(data[:4096])
    if fmt != "auto":
        kind = fmt
    if kind is None:
        yield InputError(source, "binary file, not text, HTML, JSONL or WARC")
        return
    if kind == "warc":
        yield from iter_warc(io.BytesIO(data), source, options)
    elif kind == "jsonl":
        yield from iter_jsonl(io.BytesIO(data), source, options)
    elif kind == "json":
        reader = iter_json_array if data.lstrip()[:1] == b"[" else iter_jsonl
        yield from reader(io.BytesIO(data), source, options)
    elif looks_binary(data[:4096]):
        yield InputError(source, "binary file, not text or HTML")
    else:
        try:
            if kind == "html":
                yield article_from_html(data, options=options, content_type=content_type)
            else:
                yield article_from_text(decode_bytes(data), options=options)
        except Exception as exc:  # one bad upload must not lose the others
            yield input_error(source, exc)


def first_article(items: Iterator[Item], source: str) -> Article:
    """The first article of `items`; the first error when there is none."""
    error: InputError | None = None
    for item in items:
        if isinstance(item, Article):
            return item
        error = error or item
    raise error or InputError(source, "no article found")


def body_items(data: bytes, content_type: str, options: ReadOptions) -> Iterator[Item]:
    """Articles of an add request's raw body: JSONL, or one JSON array / object."""
    del content_type  # the content decides: JSONL (objects) or one array
    if data.lstrip()[:1] == b"[":
        yield from iter_json_array(io.BytesIO(data), "body", options)
    else:
        yield from iter_jsonl(io.BytesIO(data), "body", options)


def _label(filename: str | None) -> str:
    """A file name fit for an error message (never used as a path)."""
    name = "".join(ch for ch in (filename or "upload") if ch.isprintable())
    return name[-120:] or "upload"
