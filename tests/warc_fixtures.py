"""WARC files for tests and benchmarks, written with warcio (an independent implementation
beside the fastwarc the reader uses): HTTP response records, each after its request record
unless told otherwise.

Shared by tests/test_ingest_warc.py, tests/test_cli_extract.py, tests/test_spark_warc.py
and, through `sys.path`, bench/bench_warc.py and bench/bench_spark_warc.py (not a test
module itself).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

#: The payload of every request record (readers skip request records; it only has to parse).
REQUEST = b"GET / HTTP/1.1\r\n\r\n"


@dataclass(frozen=True, slots=True)
class Response:
    """One HTTP response record; `request`: write a request record for `url` before it."""

    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    request: bool = True


def write_warc(path: Path, responses: Iterable[Response]) -> Path:
    """Write `responses` in order to `path` (its folder made as needed): gzipped record by
    record, as crawlers write them, when the name ends in `.gz`, else plain. Returns `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for r in responses:
            if r.request:
                w.write_record(w.create_warc_record(r.url, "request",
                                                    payload=io.BytesIO(REQUEST)))
            hh = StatusAndHeaders(r.status, [("Content-Type", r.content_type)],
                                  protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(r.url, "response", payload=io.BytesIO(r.body),
                                                http_headers=hh))
    return path


def cut_inside(data: bytes, fraction: float) -> bytes:
    """`data` (a whole WARC or WARC.GZ) cut in the middle of the record that holds the byte
    at `fraction` of its length. A cut at the bare fraction can land exactly between two
    records (records of one test are nearly the same size), leaving a shorter archive that
    is not truncated at all."""
    target = int(len(data) * fraction)
    it = ArchiveIterator(io.BytesIO(data))
    for record in it:
        record.content_stream().read()
        start, length = it.get_record_offset(), it.get_record_length()
        if start <= target < start + length:
            return data[: start + length // 2]
    raise ValueError(f"no record holds byte {target} of {len(data)}")
