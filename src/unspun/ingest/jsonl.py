"""JSONL -> Articles: one JSON object per line (a `.json` file may also hold one array).

Fields (our name; `ReadOptions.field_map`, the CLI's `--field OURS=THEIRS`, maps our
name to the file's): `url`, `site`, `title`, `published` (a date, or a date and time,
in ISO 8601 or another common layout, see `dates.py`; `date` is accepted when
`published` is absent; a date that cannot be read is dropped, with one warning per
file), `source_id` (the record's own id, kept beside the content hash; `id` is accepted
when `source_id` is absent), and `text` or `html`. A bad line is reported as
`file:line` and the rest of the file goes on; a line longer than `max_page_bytes` is
skipped without being held in memory whole.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping
from functools import partial
from typing import IO, Any

from unspun.errors import InputError, input_error
from unspun.ingest.assemble import build_article
from unspun.ingest.dates import parse_date
from unspun.ingest.decode import decode_bytes
from unspun.ingest.html import extract_html
from unspun.ingest.plaintext import article_from_text
from unspun.ingest.plan import Item, Outcome, Pending, Planned, evaluate
from unspun.model import Article
from unspun.options import ReadOptions
from unspun.text.normalize import normalize_paragraph

log = logging.getLogger(__name__)
#: The file's names read for a field when the field map does not name one, first found wins.
_ALIASES: dict[str, tuple[str, ...]] = {"published": ("published", "date"),
                                        "source_id": ("source_id", "id")}
_SHOWN_KEYS = 8
_CHUNK = 1 << 20
#: JSON nested deeper than this is refused (a news record needs two or three levels).
MAX_JSON_DEPTH = 64
_NO_RECORDS = "no records (the file is empty or blank)"


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


def _id_field(obj: Mapping[str, Any], options: ReadOptions) -> str | None:
    """The record's own id: a string or an integer (kept as its decimal string)."""
    value = _field(obj, "source_id", options)
    if value is None or isinstance(value, str):
        return value or None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    raise InputError("source_id", f"field 'source_id' (the record's id) must be a string or an "
                     f"integer, not {type(value).__name__}")


def _no_text(obj: Mapping[str, Any], options: ReadOptions) -> str:
    """Why a record has no article text, naming the fields it does have."""
    names = ", ".join(options.field_map.get(n, n) for n in ("text", "html"))
    # Keys are the file's text: one line, printable, short (they go into a message).
    keys = sorted("".join(c if c.isprintable() else "?" for c in str(k)[:40]) for k in obj)
    shown = ", ".join(keys[:_SHOWN_KEYS]) + (", ..." if len(keys) > _SHOWN_KEYS else "")
    return (f"no article text (fields {names} are missing or empty; the record has "
            f"{shown or 'no fields'}: name the text's with --field text=NAME)")


def _dropped_date(obj: Any, article: Article, options: ReadOptions) -> object | None:
    """The record's date value when it gave one the reader could not understand."""
    if article.published is not None or not isinstance(obj, dict):
        return None
    value = _field(obj, "published", options)
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def article_from_record(obj: dict[str, Any], options: ReadOptions = ReadOptions()) -> Article:
    """One JSONL object -> Article. Raises InputError naming the problem (caller adds file:line)."""
    if not isinstance(obj, dict):
        raise InputError("record", f"expected a JSON object, got {type(obj).__name__}")
    url = _str_field(obj, "url", options)
    site = _str_field(obj, "site", options)
    title = _str_field(obj, "title", options)
    source_id = _id_field(obj, options)
    published = parse_date(_field(obj, "published", options))
    text = _str_field(obj, "text", options)
    if text is not None:
        return article_from_text(text, url=url, title=title, published=published,
                                 options=options, site=site, source_id=source_id)
    html = _str_field(obj, "html", options)
    if html is None:
        raise InputError(url or "record", _no_text(obj, options))
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
        source_id=source_id,
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


def _depth(value: Any) -> int:
    """How deeply containers nest in a decoded JSON value (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, level)
        stack.extend((c, level + 1) for c in children if isinstance(c, dict | list))
    return deepest


def _decode(data: bytes) -> str:
    if b"\x00" in data:
        raise ValueError("binary data (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(data)


def parse_json(data: bytes | str) -> Any:
    """Decode one JSON text (bytes: UTF-8, else the best-guess encoding).

    Raises ValueError naming the problem: invalid JSON, binary data, or containers nested
    deeper than `MAX_JSON_DEPTH` (the decoder recurses per level: a line of 100k brackets
    would otherwise end in RecursionError, taking the batch with it).
    """
    text = data if isinstance(data, str) else _decode(data)
    try:
        value = json.loads(text)
    except RecursionError:
        value = None
    else:
        if _depth(value) <= MAX_JSON_DEPTH:
            return value
    raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels")


def _date_note(obj: Any, article: Article, options: ReadOptions) -> str | None:
    """The record's date as a warning would show it, when it was given and not understood."""
    value = _dropped_date(obj, article, options)
    if value is None:
        return None
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def line_outcome(where: str, raw: bytes, options: ReadOptions) -> Outcome:
    """One JSONL line -> (Article or InputError naming `where`, the date note). Pure: runs in
    any process."""
    try:
        obj = parse_json(raw)
    except ValueError as exc:
        return InputError(where, f"not valid JSON ({exc})"), None
    return record_outcome(where, obj, options)


def record_outcome(where: str, obj: Any, options: ReadOptions) -> Outcome:
    """One decoded record -> (Article or InputError naming `where`, the date note)."""
    try:
        article = article_from_record(obj, options)
    except Exception as exc:  # one bad record must not end the file
        return input_error(where, exc), None
    return article, _date_note(obj, article, options)


class _DateWarning:
    """Warns once per file when a record's date is dropped (its article keeps no date)."""

    def __init__(self) -> None:
        self.warned = False

    def check(self, where: str, item: Item, note: Any) -> Item:
        """`Pending.after` for the record at `where` (bound with functools.partial)."""
        if note is not None and not self.warned and isinstance(item, Article):
            self.warned = True
            log.warning("%s: date %s not understood; its article is stored without a date "
                        "(warned once per file)", where, note)
        return item


def plan_jsonl(fp: IO[bytes], source: str, options: ReadOptions = ReadOptions()
               ) -> Iterator[Planned]:
    """`iter_jsonl`'s plan: lines read here, each one's decoding and reading left pending."""
    records = 0
    dates = _DateWarning()
    for lineno, raw in _lines(fp, options.max_page_bytes):
        where = f"{source}:{lineno}"
        if raw is None:
            records += 1
            yield InputError(where, f"line is longer than {options.max_page_bytes} bytes")
            continue
        if not raw.strip():
            continue
        records += 1
        yield Pending(line_outcome, (where, raw, options), partial(dates.check, where))
    if not records:
        yield InputError(source, _NO_RECORDS)


def iter_jsonl(
    fp: IO[bytes], source: str, options: ReadOptions = ReadOptions()
) -> Iterator[Article | InputError]:
    """Articles of a JSONL stream; each bad line becomes `InputError("source:line", reason)`."""
    yield from evaluate(plan_jsonl(fp, source, options))


def plan_json_array(fp: IO[bytes], source: str, options: ReadOptions = ReadOptions()
                    ) -> Iterator[Planned]:
    """`iter_json_array`'s plan: the array decoded here, each record's reading left pending."""
    data = fp.read(options.max_page_bytes + 1)
    if len(data) > options.max_page_bytes:
        yield InputError(source, f"JSON array over {options.max_page_bytes} bytes; use JSONL")
        return
    if not data.strip():
        yield InputError(source, _NO_RECORDS)
        return
    try:
        items = parse_json(data)
    except ValueError as exc:
        yield InputError(source, f"not valid JSON ({exc})")
        return
    if not isinstance(items, list):
        items = [items]
    if not items:
        yield InputError(source, "no records (an empty JSON array)")
    dates = _DateWarning()
    for i, obj in enumerate(items):
        where = f"{source}[{i}]"
        yield Pending(record_outcome, (where, obj, options), partial(dates.check, where))


def iter_json_array(
    fp: IO[bytes], source: str, options: ReadOptions = ReadOptions()
) -> Iterator[Article | InputError]:
    """Articles of a `.json` file holding one array of records (bounded by max_page_bytes)."""
    yield from evaluate(plan_json_array(fp, source, options))
