"""WARC reading speed: fastwarc (native, over our WarcInput, over gzip) beside warcio.

    python3 bench/bench_warc.py [--records N] [--rounds R]

Writes a WARC and a WARC.GZ of N response records (+N request records) of invented
~3 KB HTML into a temp dir, then reads every HTML response payload with each reader.
Prints records/s (best of R) and the ratio to warcio. The numbers behind the reader
choice documented in `unspun/ingest/warc.py`.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fastwarc.warc import ArchiveIterator, WarcRecordType
from warcio.archiveiterator import ArchiveIterator as WarcioIterator

from unspun.ingest.warc import WarcInput

# The WARC writer the tests use (tests/warc_fixtures.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from warc_fixtures import Response, write_warc

_VOCABULARY = "the ferry union strike harbour council said tuesday island crews passengers"
WORDS = _VOCABULARY.split()


def write(path: Path, n: int) -> None:
    rng = random.Random(7)
    pages = []
    for i in range(n):
        paras = "".join(
            "<p>" + " ".join(rng.choice(WORDS) for _ in range(60)) + ".</p>" for _ in range(8)
        )
        html = f"<html><head><title>Story {i}</title></head><body>{paras}</body></html>"
        pages.append(Response(f"https://harbour.example/{i}", html.encode(),
                              content_type="text/html"))
    write_warc(path, pages)


def fastwarc_native(path: Path) -> int:
    it = ArchiveIterator(str(path), record_types=WarcRecordType.response, parse_http=True,
                         fsspec_args=False)
    return sum(1 for r in it if r.reader.read())


def fastwarc_warcinput(path: Path) -> int:
    with path.open("rb") as fh:
        stream = WarcInput(fh, gzipped=path.suffix == ".gz")
        it = ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True,
                             stream_detect=False, fsspec_args=False)
        return sum(1 for r in it if r.reader.read())


def fastwarc_pygzip(path: Path) -> int:
    with (gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb")) as fh:
        it = ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True,
                             stream_detect=False, fsspec_args=False)
        return sum(1 for r in it if r.reader.read())


def warcio(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for r in WarcioIterator(fh)
                   if r.rec_type == "response" and r.content_stream().read())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--records", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    readers: dict[str, Callable[[Path], int]] = {
        "fastwarc (native)": fastwarc_native,
        "fastwarc over WarcInput (ours)": fastwarc_warcinput,
        "fastwarc over gzip.open": fastwarc_pygzip,
        "warcio": warcio,
    }
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("bench.warc", "bench.warc.gz"):
            path = Path(tmp) / name
            write(path, args.records)
            rates: dict[str, float] = {}
            for _ in range(args.rounds):
                for label, fn in readers.items():
                    start = time.perf_counter()
                    n = fn(path)
                    assert n == args.records, (label, n)
                    rates[label] = max(rates.get(label, 0.0), n / (time.perf_counter() - start))
            print(f"{name}: {args.records} HTML responses, best of {args.rounds}")
            for label, rate in rates.items():
                ratio = rate / rates["warcio"]
                print(f"  {label:32s} {rate:10.0f} records/s   x{ratio:.1f} warcio")


if __name__ == "__main__":
    main()
