"""Byte streams the readers can sniff: they look at the first bytes without consuming them."""

from __future__ import annotations

import io
from typing import IO, cast


def peekable(fp: IO[bytes]) -> io.BufferedReader:
    """`fp` when it answers `peek` (a file opened "rb", stdin's buffer), else `fp` behind a
    BufferedReader (an upload held in a BytesIO, a stdin replaced by one)."""
    if hasattr(fp, "peek"):
        return cast(io.BufferedReader, fp)
    return io.BufferedReader(cast(io.RawIOBase, fp))
