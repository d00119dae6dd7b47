"""WARC input for the Spark engine: every WARC file read in parallel, one Spark task per file.

Each file goes through exactly the reader `unspun add` uses (`iter_articles` on that one
file: `iter_warc`, then `article_from_html` on every HTML response record, with its size
caps), so an article here is the article the library would store. Records are numbered
(file rank, position in the file) as `read_records` numbers JSONL lines: `doc = rank << 44
| position`, position counting every item the reader yields for the file (articles and
errors), which keeps the articles in the order `unspun add` gives them doc numbers.

Why a DataFrame of paths (one partition per file) and `mapInPandas`, not `binaryFiles`:
`binaryFiles` hands each whole file to Python as one value (a Common Crawl news WARC is
about 1 GB), while a task that opens its path streams the file record by record and emits
articles in batches of `BATCH`, so a worker holds one record and one batch, whatever the
file size. The price: executors must be able to open the paths themselves, so local paths
must be on a filesystem every executor mounts at the same place (NFS, a FUSE mount of a
bucket), and other URLs (s3://, s3a://, gs://, hdfs://) are opened with fsspec, which must
be installed with the filesystem's package (s3fs, gcsfs) on the driver and the executors.

File order is the order `unspun add PATH` reads them: for a folder, its files (sorted, by
name) before its sub-folders (sorted), recursively, hidden ones skipped; for a glob, the
sorted matches. A folder holding WARC files and other article files (JSONL, JSON, HTML,
text, Parquet) is refused: `unspun add` would read them all, this engine would not.
"""

from __future__ import annotations

import glob
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

import pandas as pd

from unspun.errors import InputError, UsageError
from unspun.ingest.sources import iter_articles, kind_of_name
from unspun.ingest.warc import iter_warc
from unspun.model import Article
from unspun.options import ReadOptions

#: doc = file rank << DOC_BITS | position in the file (as `read_records` numbers lines).
DOC_BITS = 44
#: Articles per Arrow batch a task emits.
BATCH = 256
#: Files a folder walk picks up: what `unspun add` reads in a folder, and Parquet.
_PICKED = (*ReadOptions().extensions, ".parquet")
_GLOB = ("*", "?", "[")


def _is_remote(path: str) -> bool:
    return "://" in path and not path.startswith("file://")


def _local(path: str) -> str:
    return path.removeprefix("file://")


def _is_warc(name: str) -> bool:
    return kind_of_name(name) == "warc"


def _walk(root: str) -> list[str]:
    """Files under `root` in `unspun add`'s walk order (see `ingest.sources._walk`)."""
    out: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        out += [os.path.join(dirpath, n) for n in sorted(filenames)
                if not n.startswith(".") and n.lower().endswith(_PICKED)]
    return out


def _walk_key(rel: str) -> list[tuple[int, str]]:
    """Sort key of a path under a folder giving `_walk`'s order: files before folders."""
    *dirs, name = rel.split("/")
    return [*((1, d) for d in dirs), (0, name)]


def _local_files(path: str) -> list[str]:
    p = _local(path)
    if os.path.isdir(p):
        return _walk(p)
    if os.path.exists(p) or not any(c in p for c in _GLOB):
        return [p]
    out: list[str] = []
    for m in sorted(glob.glob(p)):
        out += _walk(m) if os.path.isdir(m) else [m]
    return out


def _remote_files(path: str) -> list[str] | str:
    """Files at a URL, listed by fsspec; or why they cannot be listed."""
    try:
        import fsspec  # type: ignore[import-untyped,import-not-found,unused-ignore]

        fs, root = fsspec.core.url_to_fs(path)
        if any(c in root for c in _GLOB):
            found = sorted(fs.glob(root))
        elif fs.isdir(root):
            base = root.rstrip("/") + "/"
            rels = sorted((f.removeprefix(base) for f in fs.find(root)), key=_walk_key)
            found = [base + r for r in rels if r.lower().endswith(_PICKED)
                     and not any(p.startswith((".", "_")) for p in r.split("/"))]
        else:
            found = [root]
        return [str(fs.unstrip_protocol(f)) for f in found
                if not Path(f).name.startswith((".", "_"))]
    except ImportError as exc:
        return f"needs fsspec and its filesystem package (e.g. s3fs) ({exc})"
    # Any failure to list (unknown protocol, no credentials, no such bucket) leaves a
    # JSONL/Parquet URL to Spark's own reader, which may well read it; it is only fatal for
    # a URL naming WARC files, which only this module reads.
    except Exception as exc:
        return f"cannot be listed with fsspec ({type(exc).__name__}: {exc})"


def warc_inputs(path: str) -> list[str] | None:
    """The WARC files `path` (a file, folder or glob; local or a URL) stands for, in the
    order `unspun add` reads them; None when it holds no WARC file (JSONL or Parquet then).
    UsageError when it mixes WARC and other article files, or a URL needs fsspec."""
    if _is_remote(path):
        listed = _remote_files(path)
        if isinstance(listed, str):
            if _is_warc(path):
                raise UsageError(f"{path}: WARC files at a URL are read with fsspec; this URL "
                                 f"{listed}")
            return None
        files = listed
    else:
        files = _local_files(path)
    warcs = [f for f in files if _is_warc(f)]
    if not warcs:
        return None
    other = next((f for f in files if f.lower().endswith(_PICKED) and not _is_warc(f)), None)
    if other is not None:
        raise UsageError(f"{path}: holds WARC files and other article files ({other}); "
                         "give the Spark engine one kind of input per run")
    return warcs


def _items(path: str, options: ReadOptions) -> Iterator[Article | InputError]:
    """What `unspun add` reads from this one WARC file (URLs through fsspec)."""
    if not _is_remote(path):
        yield from iter_articles([_local(path)], options)
        return
    import fsspec  # type: ignore[import-untyped,unused-ignore]

    try:
        with fsspec.open(path, "rb") as raw:
            fp = raw if hasattr(raw, "peek") else io.BufferedReader(cast(io.RawIOBase, raw))
            yield from iter_warc(cast(IO[bytes], fp), path, options)
    except OSError as exc:
        yield InputError(path, exc.strerror or str(exc))


def warc_rows(pdf: pd.DataFrame, options: ReadOptions) -> Iterator[pd.DataFrame]:
    """(rank, path) rows -> article rows (`parse_records`' columns), `BATCH` at a time:
    every item the reader yields for the file, an article or an error line."""
    from unspun.engines.spark_tasks import article_row, error_row, rows_frame

    for rank, path in zip(pdf["rank"], pdf["path"], strict=True):
        rows: list[dict[str, Any]] = []
        for pos, item in enumerate(_items(str(path), options)):
            doc = (int(rank) << DOC_BITS) | pos
            rows.append(error_row(doc, str(item)) if isinstance(item, InputError)
                        else article_row(doc, item))
            if len(rows) >= BATCH:
                yield rows_frame(rows)
                rows = []
        if rows:
            yield rows_frame(rows)
