"""WARC / WARC.GZ -> Articles: HTML response records only, streamed record by record.

Reader choice, measured (`python3 bench/bench_warc.py`, 2 shared cores) on a generated
WARC of 3,000 HTML response (+3,000 request) records of ~3 KB, best of 3, records/s
with every payload read:

    file        fastwarc(native)  fastwarc(over WarcInput)  fastwarc(over gzip.open)  warcio
    .warc.gz          52,700             23,800                    19,300              6,000
    .warc            205,300            221,400                   213,300              8,400

fastwarc is 4-26x faster than warcio. We feed it our own `WarcInput` stream rather than
let it open the file: half native speed on .gz, but on a truncated .gz native
fastwarc yields a half-parsed record, warcio stops silently as if the file had ended,
and `gzip.GzipFile` raises and loses the records already read ahead; `WarcInput`
hands over every byte before the break and then says "truncated". All of these are
two orders of magnitude faster than HTML extraction (~100 pages/s), so the choice
costs nothing end to end. A truncated or corrupt archive yields the records before
the break, then one InputError naming the file.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import IO, Any

from fastwarc.warc import ArchiveIterator, WarcRecordType

from unspun.errors import InputError, input_error
from unspun.ingest.html import article_from_html
from unspun.ingest.plan import Outcome, Pending, Planned, evaluate
from unspun.ingest.streams import peekable
from unspun.model import Article
from unspun.options import ReadOptions

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16
_MAX_OUT = 1 << 20


class WarcInput(io.RawIOBase):
    """The byte stream fastwarc reads: plain, or gunzipped on the fly (multi-member gzip).

    Unlike `gzip.GzipFile`, which raises EOFError and loses the bytes of the failing
    read, gunzipping here hands out every byte decompressed before a break, then EOF,
    and sets `truncated` (or `error` for corrupt data), so the records before a break
    survive. It also answers `tell()` on pipes (stdin), which fastwarc asks for.
    """

    def __init__(self, raw: IO[bytes], *, gzipped: bool) -> None:
        super().__init__()
        self._raw = raw
        self._z = zlib.decompressobj(wbits=31) if gzipped else None
        self._buf = b""
        self._pending = b""  # compressed input not yet decompressed
        self._pos = 0
        self._in_member = False
        self.truncated = False
        self.error: str | None = None

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def _more(self) -> bool:
        """Append more bytes to the buffer; False at the end of the stream."""
        if self.error or self.truncated:
            return False
        chunk = self._pending or self._raw.read(_CHUNK)
        self._pending = b""
        if not chunk:
            self.truncated = self._in_member
            return False
        if self._z is None:
            self._buf += chunk
            return True
        try:
            self._in_member = True
            # Output is capped per call, so a gzip bomb cannot blow up memory.
            self._buf += self._z.decompress(chunk, _MAX_OUT)
            if self._z.eof:
                self._pending = self._z.unused_data  # the start of the next gzip member
                self._z = zlib.decompressobj(wbits=31)
                self._in_member = False
            else:
                self._pending = self._z.unconsumed_tail
        except zlib.error as exc:
            self.error = str(exc)
        return True

    def peek(self, n: int) -> bytes:
        while len(self._buf) < n and self._more():
            pass
        return self._buf[:n]

    def read(self, size: int | None = -1) -> bytes:
        if size is None or size < 0:
            while self._more():
                pass
            size = len(self._buf)
        while not self._buf and self._more():
            pass
        out, self._buf = self._buf[:size], self._buf[size:]
        self._pos += len(out)
        return out

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _is_html(content_type: str | None) -> bool:
    return content_type is None or content_type.split(";")[0].strip().lower() in _HTML_TYPES


def iter_warc(
    fp: IO[bytes], source: str, options: ReadOptions = ReadOptions()
) -> Iterator[Article | InputError]:
    """Articles of the HTML response records of a WARC stream (plain or gzip)."""
    yield from evaluate(plan_warc(fp, source, options))


def plan_warc(fp: IO[bytes], source: str, options: ReadOptions = ReadOptions()
              ) -> Iterator[Planned]:
    """`iter_warc`'s plan: records read here, each page's extraction left pending."""
    fp = peekable(fp)
    head = fp.peek(2)[:2]
    stream = WarcInput(fp, gzipped=head == _GZIP_MAGIC)
    first = stream.peek(5)
    if first and not first.startswith(b"WARC/"):
        yield InputError(source, "not a WARC file (no WARC/ header at the start)")
        return
    count = 0
    pending: InputError | None = None  # a bad record is reported once we know it is not the
    # broken tail of a truncated archive (then the one archive-level error says it all)
    records = ArchiveIterator(
        stream,
        record_types=WarcRecordType.response,
        parse_http=True,
        stream_detect=False,
        fsspec_args=False,
    )
    try:
        for record in records:
            count += 1
            if pending is not None:
                yield pending
                pending = None
            item = _article_of(record, f"{source}#{count}", options)
            if isinstance(item, InputError):
                pending = item
            elif item is not None:
                yield item
    except OSError as exc:
        yield InputError(source, f"archive is corrupt after {count} records ({exc})")
        return
    if stream.truncated or stream.error:
        what = "truncated" if stream.truncated else f"corrupt ({stream.error})"
        yield InputError(source, f"archive is {what} after {count - (pending is not None)} records")
    elif pending is not None:
        yield pending


def html_outcome(where: str, payload: bytes, url: str | None, content_type: str | None,
                 options: ReadOptions) -> Outcome:
    """One record's HTML -> (Article or InputError naming `where`, None). Pure: runs in any
    process."""
    try:
        return article_from_html(payload, url=url, options=options,
                                 content_type=content_type), None
    except Exception as exc:  # one bad record must not end the archive
        return input_error(where, exc), None


def _article_of(record: Any, where: str, options: ReadOptions) -> Pending | InputError | None:
    """The article of one response record; None for records that carry none (non-HTML, 404)."""
    url = record.headers.get("WARC-Target-URI")
    if url:
        where = f"{where} ({url})"
    http = record.http_headers
    if http is None:
        return InputError(where, "malformed or truncated record (no HTTP headers)")
    if http.status_code is not None and not 200 <= int(http.status_code) < 300:
        return None  # redirects and errors carry no article
    content_type = http.get("Content-Type")
    if not _is_html(content_type):
        return None
    length = record.content_length
    if length > options.max_page_bytes:
        return InputError(where, f"page is larger than {options.max_page_bytes} bytes")
    payload = record.reader.read(options.max_page_bytes + 1)
    if len(payload) < length:
        return InputError(where, "truncated record")
    return Pending(html_outcome, (where, payload, url, content_type, options))
