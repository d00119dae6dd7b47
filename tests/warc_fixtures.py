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
