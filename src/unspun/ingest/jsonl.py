"""JSONL -> Articles: one JSON object per line (a `.json` file may also hold one array).

Fields (our name; `ReadOptions.field_map` maps our name to the file's): `url`, `site`,
`title`, `published` (ISO date or datetime; `date` is accepted when `published` is
absent), and `text` or `html`. A bad line is reported as `file:line` and the rest of
the file goes on; a line longer than `max_page_bytes` is skipped without being held
in memory whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date
from typing import IO, Any

from unspun.errors import InputError
from unspun.ingest.assemble import build_article
from unspun.ingest.decode import decode_bytes
from unspun.ingest.html import extract_html
from unspun.ingest.plaintext import article_from_text
from unspun.model import Article
from unspun.options import ReadOptions
from unspun.text.normalize import normalize_paragraph

_ALIASES: dict[str, tuple[str, ...]] = {"published": ("published", "date")}
_CHUNK = 1 << 20


def _field(obj: Mapping[str, Any], name: str, options: ReadOptions) -> Any:
    if name in options.field_map:
        return obj.get(options.field_map[name])
    for alias in _ALIASES.get(name, (name,)):
        if obj.get(alias) is not None:
            return obj[alias]
    return None


def _str_field(obj: Mapping[str, Any], name: str, options: ReadOptions) -> str | None:
    value = _field(obj, name, options)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(name, f"field {name!r} must be a string, not {type(value).__name__}")
    return value.strip() or None


def parse_published(value: object) -> date | None:
    """An ISO date or datetime string -> date; anything else -> None (dates are often junk)."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def article_from_record(obj: dict[str, Any], options: ReadOptions = ReadOptions()) -> Article:
    """One JSONL object -> Article. Raises InputError naming the problem (caller adds file:line)."""
    if not isinstance(obj, dict):
        raise InputError("record", f"expected a JSON object, got {type(obj).__name__}")
    url = _str_field(obj, "url", options)
    site = _str_field(obj, "site", options)
    title = _str_field(obj, "title", options)
    published = parse_published(_field(obj, "published", options))
    text = _str_field(obj, "text", options)
    if text is not None:
        return article_from_text(
            text, url=url, title=title, published=published, options=options, site=site
        )
    html = _str_field(obj, "html", options)
    if html is None:
        names = ", ".join(options.field_map.get(n, n) for n in ("text", "html"))
        raise InputError(url or "record", f"no article text (fields {names} are missing or empty)")
    ex = extract_html(html, url=url, options=options)
    paragraphs = ex.paragraphs
    if title:  # the record's title is the headline; the page's goes if it differs
        head = normalize_paragraph(title)
        paragraphs = [("headline", head), *[p for p in paragraphs if p[0] != "headline"]]
    return build_article(
        paragraphs,
        url=url,
        title=title or ex.title,
        published=published or ex.published,
        lang=ex.lang,
        site=site,
        max_chars=options.max_text_chars,
        normalized=True,
    )


def _lines(fp: IO[bytes], limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) for each line; bytes is None for a line over `limit` (skipped)."""
    lineno = 0
    while True:
        line = fp.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while True:  # drain the rest of the overlong line in bounded chunks
                more = fp.readline(_CHUNK)
                if not more or more.endswith(b"\n"):
                    break
            yield lineno, None
            continue
        yield lineno, line


def _parse_line(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = decode_bytes(raw)
    return json.loads(text)


def iter_jsonl(
    fp: IO[bytes], source: str, options: ReadOptions = ReadOptions()
) -> Iterator[Article | InputError]:
    """Articles of a JSONL stream; each bad line becomes `InputError("source:line", reason)`."""
    for lineno, raw in _lines(fp, options.max_page_bytes):
        where = f"{source}:{lineno}"
        if raw is None:
            yield InputError(where, f"line is longer than {options.max_page_bytes} bytes")
            continue
        if not raw.strip():
            continue
        try:
            obj = _parse_line(raw)
        except ValueError as exc:
            yield InputError(where, f"not valid JSON ({exc})")
            continue
        try:
            yield article_from_record(obj, options)
        except InputError as exc:
            yield InputError(where, exc.reason)


def iter_json_array(
    fp: IO[bytes], source: str, options: ReadOptions = ReadOptions()
) -> Iterator[Article | InputError]:
    """Articles of a `.json` file holding one array of records (bounded by max_page_bytes)."""
    data = fp.read(options.max_page_bytes + 1)
    if len(data) > options.max_page_bytes:
        yield InputError(source, f"JSON array over {options.max_page_bytes} bytes; use JSONL")
        return
    try:
        items = _parse_line(data)
    except ValueError as exc:
        yield InputError(source, f"not valid JSON ({exc})")
        return
    if not isinstance(items, list):
        items = [items]
    for i, obj in enumerate(items):
        try:
            yield article_from_record(obj, options)
        except InputError as exc:
            yield InputError(f"{source}[{i}]", exc.reason)
