"""Every way in: files, folders (recursive, by extension) and stdin, dispatched to a reader.

`iter_articles` streams: one page or record at a time, so a multi-GB WARC or JSONL
never sits in memory. Every failure, of a whole input or of one record/line inside
it, is yielded as an `InputError` naming it, and the rest of the batch goes on.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Literal

from unspun.errors import InputError, input_error
from unspun.ingest.decode import decode_bytes, looks_binary
from unspun.ingest.html import article_from_html
from unspun.ingest.jsonl import plan_json_array, plan_jsonl
from unspun.ingest.plaintext import article_from_text
from unspun.ingest.plan import Item, Outcome, Pending, Planned, evaluate
from unspun.ingest.sitefurniture import strip_site_furniture
from unspun.ingest.streams import peekable
from unspun.ingest.warc import plan_warc
from unspun.options import ReadOptions

Kind = Literal["html", "text", "jsonl", "json", "warc"]

STDIN = "-"
_BY_EXTENSION: tuple[tuple[str, Kind], ...] = (
    (".warc.gz", "warc"),
    (".arc.gz", "warc"),
    (".warc", "warc"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
    (".txt", "text"),
    (".text", "text"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json", "json"),
)
_SNIFF_BYTES = 4096
_MB = 1024 * 1024


def kind_of_name(name: str) -> Kind | None:
    """The reader for a file name, by extension; None when the extension says nothing."""
    low = name.lower()
    return next((kind for ext, kind in _BY_EXTENSION if low.endswith(ext)), None)


def sniff(head: bytes) -> Kind | None:
    """The reader for content starting with `head`; None for binary content."""
    if head.startswith(b"\x1f\x8b") or head.startswith(b"WARC/"):
        return "warc"
    # JSON before the binary test: JSONL is judged line by line (a NUL spoils one line).
    start = head.lstrip()[:1]
    if start == b"{":
        return "jsonl"
    if start == b"[":
        return "json"
    if looks_binary(head):
        return None
    if start == b"<" or b"<html" in head[:1024].lower():
        return "html"
    return "text"


def _size_error(source: str, size: int, limit: int) -> InputError:
    return InputError(source, f"page is {size / _MB:.1f} MB, over the {limit / _MB:.1f} MB limit")


def page_outcome(data: bytes, source: str, kind: Kind, options: ReadOptions) -> Outcome:
    """A single page's bytes (HTML or text) -> (Article or InputError naming `source`, None).
    Pure: runs in any process."""
    try:
        if kind == "html":
            return article_from_html(data, options=options), None
        return article_from_text(decode_bytes(data), options=options), None
    except Exception as exc:
        return input_error(source, exc), None


def _read_page(fp: IO[bytes], source: str, kind: Kind, options: ReadOptions) -> Iterator[Planned]:
    """A single-page input (HTML or text), read at most `max_page_bytes + 1` bytes."""
    data = fp.read(options.max_page_bytes + 1)
    if len(data) > options.max_page_bytes:
        yield InputError(source, f"page is over the limit of {options.max_page_bytes / _MB:.1f} MB")
        return
    if looks_binary(data[:_SNIFF_BYTES]):
        yield InputError(source, "binary file, not text or HTML")
        return
    yield Pending(page_outcome, (data, source, kind, options))


def _read_stream(fp: IO[bytes], source: str, kind: Kind, options: ReadOptions
                 ) -> Iterator[Planned]:
    if kind == "warc":
        yield from plan_warc(fp, source, options)
    elif kind == "jsonl":
        yield from plan_jsonl(fp, source, options)
    elif kind == "json":
        fp = peekable(fp)
        head = fp.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
        reader = plan_json_array if head.lstrip()[:1] == b"[" else plan_jsonl
        yield from reader(fp, source, options)
    else:
        yield from _read_page(fp, source, kind, options)


def _read_file(path: Path, options: ReadOptions, *, regular_only: bool = False
               ) -> Iterator[Planned]:
    """The items of one file. `regular_only` (a folder walk) refuses FIFOs, sockets and
    devices unopened: opening a FIFO waits for a writer, forever if none comes. Named on
    the command line such a file is read (`unspun add <(curl ...)` is a pipe)."""
    source = str(path)
    kind = kind_of_name(path.name)
    try:
        st = path.stat()
        if regular_only and not stat.S_ISREG(st.st_mode):
            yield InputError(source, "not a regular file (a FIFO, socket or device): skipped")
            return
        size = st.st_size
        # Single pages are refused by size before a byte is read (a 50 MB "page").
        if kind in ("html", "text") and size > options.max_page_bytes:
            yield _size_error(source, size, options.max_page_bytes)
            return
        with path.open("rb") as fp:
            # A WARC.GZ is binary by nature; JSONL is judged line by line; all else is text.
            if kind not in ("warc", "jsonl", "json"):
                sniffed = sniff(fp.peek(_SNIFF_BYTES)[:_SNIFF_BYTES])
                if sniffed is None:
                    yield InputError(source, "binary file, not text or HTML")
                    return
                if kind is None:
                    kind = sniffed
                if kind in ("html", "text") and size > options.max_page_bytes:
                    yield _size_error(source, size, options.max_page_bytes)
                    return
            yield from _read_stream(fp, source, kind, options)
    except PermissionError:
        yield InputError(source, "permission denied")
    except IsADirectoryError:
        yield InputError(source, "is a directory")
    except OSError as exc:
        yield InputError(source, exc.strerror or str(exc))
    except Exception as exc:  # a reader failing on this file must not end the batch
        yield input_error(source, exc)


def _walk(root: Path, options: ReadOptions) -> Iterator[Planned]:
    """Files under `root` whose name ends with one of `options.extensions`, in sorted order."""
    exts = tuple(e.lower() for e in options.extensions)
    errors: list[OSError] = []
    found = 0
    for dirpath, dirnames, filenames in os.walk(root, onerror=errors.append):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for err in errors:
            yield InputError(str(err.filename or dirpath), err.strerror or "cannot read directory")
        errors.clear()
        for name in sorted(filenames):
            if not name.startswith(".") and name.lower().endswith(exts):
                found += 1
                yield from _read_file(Path(dirpath) / name, options, regular_only=True)
    for err in errors:
        yield InputError(str(err.filename or root), err.strerror or "cannot read directory")
    if not found:
        yield InputError(str(root), f"no files ending in {', '.join(exts)} in this folder")


def _read_stdin(options: ReadOptions) -> Iterator[Planned]:
    fp = peekable(sys.stdin.buffer)
    head = fp.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    if not head:
        yield InputError("<stdin>", "empty input")
        return
    kind = sniff(head)
    if kind is None:
        yield InputError("<stdin>", "binary input, not text or HTML")
        return
    try:
        yield from _read_stream(fp, "<stdin>", kind, options)
    except Exception as exc:
        yield input_error("<stdin>", exc)


def plan_articles(inputs: Sequence[str], options: ReadOptions = ReadOptions()
                  ) -> Iterator[Planned]:
    """`iter_articles`' reading before site furniture, each page's or record's costly part
    left pending (see `plan.py`): for workers to run, in any process."""
    for name in inputs:
        if name == STDIN:
            yield from _read_stdin(options)
            continue
        path = Path(name)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:
            yield InputError(name, exc.strerror or str(exc))
            continue
        if not exists:
            yield InputError(name, "no such file or directory")
        elif is_dir:
            yield from _walk(path, options)
        else:
            yield from _read_file(path, options)


def iter_articles(inputs: Sequence[str], options: ReadOptions = ReadOptions()) -> Iterator[Item]:
    """Articles from files, folders and `-` (stdin), in input order; failures as InputError.

    With `options.clean` and `options.learn_furniture`, lines a site repeats on many of
    its pages are dropped too (see `sitefurniture.py`): the first
    `options.furniture_warmup` articles are held back while the model learns. Such a
    line only goes when the batch holds enough pages of its site, so the same page read
    alone can keep it (and get another id): pass `learn_furniture=False` where ids must
    not depend on the company a page comes in.
    """
    yield from with_site_furniture(evaluate(plan_articles(inputs, options)), options)


def with_site_furniture(items: Iterable[Item], options: ReadOptions) -> Iterator[Item]:
    """`items` (in input order) with learned site furniture stripped, as `options` say."""
    if options.clean and options.learn_furniture:
        items = strip_site_furniture(items, warmup=options.furniture_warmup)
    yield from items
