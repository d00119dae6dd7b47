"""Writers: the output contract every engine shares.

`write_tables(result, out)` writes `members`, `stories`, `edges` and `sites`, each as
`<name>.parquet` (explicit Arrow schemas below, so empty tables keep their types) and
`<name>.json` (a JSON array of the same rows). Rows are already sorted deterministically.
Every column is described in docs/tables.md. The two forms differ in one thing: a
`published` date or datetime is a UTC timestamp in Parquet and its ISO-8601 string in JSON
(`utc_timestamp`); lists (of ids, reasons, counts) are lists in both.
`stories_json(result)` is what `unspun stories --json` prints.
Each file is written to a temporary name and renamed: a crash leaves no half-written file.
`write_output(result, out)` (`unspun stories --out`) writes the tables and the HTML overview
as one set: into a temporary folder beside `out`, renamed into place when complete, so
`out` holds the earlier set or the new one, never a mix.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from unspun.errors import UsageError
from unspun.stories.types import StoriesResult

_S = pa.string()
_F = pa.float64()
_I = pa.int64()
#: When an article was published: a date is its midnight, UTC (see `utc_timestamp`).
_T = pa.timestamp("us", tz="UTC")


def _counts(key: str, count: str = "count") -> pa.DataType:
    """A list of (`key`, `count`) objects, most relevant first (e.g. edit type and count)."""
    return pa.list_(pa.struct([(key, _S), (count, _I)]))


SCHEMAS: dict[str, pa.Schema] = {
    "members": pa.schema([
        ("story_id", _S), ("article_id", _S), ("source_id", _S), ("url", _S), ("site", _S),
        ("title", _S), ("published", _T), ("role", _S), ("copied_from", _S),
        ("copied_from_id", _S), ("verdict", _S), ("confidence", _F), ("group_id", _S),
        ("generation", _I)]),
    "stories": pa.schema([
        ("story_id", _S), ("size", _I), ("originals", pa.list_(_S)),
        ("original_urls", pa.list_(_S)), ("copies", _I), ("same_story", _I), ("groups", _I),
        ("sites", _I), ("title", _S), ("first_published", _T),
        ("verdicts", _counts("verdict")), ("meaning_edits", _I)]),
    "edges": pa.schema([
        ("story_id", _S), ("parent", _S), ("child", _S), ("parent_url", _S),
        ("child_url", _S), ("parent_source_id", _S), ("child_source_id", _S),
        ("relation", _S), ("in_lineage", pa.bool_()), ("verdict", _S),
        ("confidence", _F), ("direction", _S), ("child_coverage", _F),
        ("parent_coverage", _F), ("meaning_edits", _I), ("artifacts", _I),
        ("edit_counts", _counts("edit")), ("reasons", pa.list_(_S))]),
    "sites": pa.schema([
        ("site", _S), ("articles", _I), ("originals", _I), ("copies", _I), ("same_story", _I),
        ("copied_from", _counts("site", "copies")), ("copied_by_others", _I),
        ("median_delay_days", _F), ("share_spun_or_translated", _F),
        ("share_meaning_edits", _F), ("farm_score", _F), ("reasons", pa.list_(_S))]),
}


def timestamp_columns(name: str) -> list[str]:
    """The columns of table `name` that are timestamps in Parquet, ISO strings in JSON."""
    return [f.name for f in SCHEMAS[name] if pa.types.is_timestamp(f.type)]


def utc_timestamp(s: str | None) -> datetime | None:
    """An ISO-8601 date or datetime string as the UTC moment stored in Parquet: a date is its
    midnight UTC, a datetime without an offset is taken as UTC, one with an offset is
    converted. (The Spark engine does the same in `spark_output.parquet_typed`.)"""
    if not s:
        return None
    t = datetime.fromisoformat(s)
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)


def table_rows(result: StoriesResult) -> dict[str, list[dict[str, Any]]]:
    """The four tables as lists of row dicts (contract column names, contract order)."""
    return {
        "members": [m.as_row() for m in result.members],
        "stories": [s.as_row() for s in result.stories],
        "edges": [e.as_row() for e in result.edges],
        "sites": [s.as_row() for s in result.sites],
    }


def _atomic(path: Path, write: Any) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_tables(result: StoriesResult, out: str | Path) -> list[Path]:
    """Write the four tables as Parquet and JSON under `out` (created); return the paths."""
    d = Path(out)
    d.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, rows in table_rows(result).items():
        schema = SCHEMAS[name]
        times = timestamp_columns(name)
        table = pa.Table.from_pylist(
            [{**r, **{c: utc_timestamp(r[c]) for c in times}} for r in rows], schema=schema)
        p = d / f"{name}.parquet"
        _atomic(p, lambda t, table=table: pq.write_table(table, t))
        j = d / f"{name}.json"
        text = json.dumps(rows, ensure_ascii=False, indent=1)
        _atomic(j, lambda t, text=text: t.write_text(text + "\n", encoding="utf-8"))
        written += [p, j]
    return written


def stories_json(result: StoriesResult) -> dict[str, Any]:
    """`{"stories": [{"id", "originals", "members": [...]}], "sites": [...]}`."""
    by_story = result.story_members()
    return {
        "stories": [{"id": s.id, "originals": list(s.originals), "size": s.size,
                     "title": s.title,
                     "members": [m.as_row() for m in by_story.get(s.id, [])]}
                    for s in result.stories],
        "sites": [p.as_row() for p in result.sites],
        "stats": dict(result.stats),
    }



#: Names `write_output` puts in its folder (and the per-file temporaries of older versions).
_OURS = re.compile(r"(members|stories|edges|sites)\.(parquet|json)|index\.html|sites\.html"
                   r"|story-s[0-9a-f]+\.html|\..+\.tmp-\d+")


def check_output(out: str | Path) -> Path:
    """`out` resolved, when `write_output` may replace it: a folder not there yet, or one
    holding only what `write_output` writes. Else UsageError naming what is in the way."""
    d = Path(out).resolve()
    if d.exists() and not d.is_dir():
        raise UsageError(f"{out}: --out must be a folder")
    if d.is_dir():
        other = sorted(p.name for p in d.iterdir() if not _OURS.fullmatch(p.name))
        if other:
            shown = ", ".join(other[:3]) + (f" and {len(other) - 3} more" if len(other) > 3
                                            else "")
            raise UsageError(f"{out}: holds files `unspun stories` did not write ({shown}); "
                             f"give a new or empty folder")
    return d


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _clear_leftovers(d: Path) -> None:
    """Remove the temporary folders beside `d` of runs that were killed."""
    pattern = re.compile(rf"\.{re.escape(d.name)}\.(\d+)\.(tmp|old)")
    for p in d.parent.iterdir():
        m = pattern.fullmatch(p.name)
        if m and p.is_dir() and not _alive(int(m.group(1))):
            shutil.rmtree(p, ignore_errors=True)


def write_output(result: StoriesResult, out: str | Path) -> Path:
    """The tables (`write_tables`) and the HTML overview under `out` as one set, replacing an
    earlier set; return the folder. Written into `.<name>.<pid>.tmp` beside `out` and renamed
    into place when complete: a run stopped at any moment leaves the earlier set whole (if
    killed between the two renames, both sets are beside `out`, complete), and what it left
    is removed by the next. UsageError when `out` holds other files (`check_output`)."""
    from unspun.stories.html import write_html

    final = check_output(out)
    final.parent.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(final)
    tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    old = final.with_name(f".{final.name}.{os.getpid()}.old")
    for p in (tmp, old):
        shutil.rmtree(p, ignore_errors=True)
    try:
        write_tables(result, tmp)
        write_html(result, tmp)
        if final.exists():
            os.rename(final, old)
        try:
            os.rename(tmp, final)
        except BaseException:
            if old.exists() and not final.exists():
                os.rename(old, final)
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    return final
