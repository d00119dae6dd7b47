"""Property tests of the JSONL and JSON readers: whatever the bytes, good records become
articles, each bad one is one one-line error naming its line, and nothing else escapes.

Bounded (few examples, small inputs) so the whole file adds seconds, not minutes.
"""

from __future__ import annotations

import io
import itertools
import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from unspun.errors import InputError
from unspun.ingest import iter_articles
from unspun.ingest.jsonl import MAX_JSON_DEPTH, iter_json_array, iter_jsonl
from unspun.model import Article
from unspun.options import JSONL_FIELDS, ReadOptions
from unspun.text.normalize import normalize_paragraph

OPTS = ReadOptions(learn_furniture=False)
FUZZ = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow])
#: The reason a reader gives when something other than the input's own fault failed: a
#: property test seeing it has found a bug the per-input guard hid.
GUARD = "could not be read ("
BODY = ("The ferry from Osterby ran late on Monday after a fault in its steering gear, "
        "the operator said.\n\nPassengers waited two hours on the quay before sailing.")
_counter = itertools.count()


def record(n: int) -> bytes:
    """A good JSONL record (its url says which one it is)."""
    return json.dumps({"url": f"https://quay.example/{n}", "text": BODY}).encode()


def _check(items: list[Article | InputError], source: str, lines: list[bytes],
           good: list[int]) -> None:
    """Each non-blank line gave exactly one item, errors name their line in order, are one
    line, and are the input's fault; the good records are among the articles, in order."""
    filled = [i + 1 for i, line in enumerate(lines) if line.strip()]
    assert len(items) == len(filled)
    errors = [x for x in items if isinstance(x, InputError)]
    named = [int(e.source.rsplit(":", 1)[1]) for e in errors]
    assert all(e.source.startswith(f"{source}:") for e in errors)
    assert named == sorted(named) and set(named) <= set(filled)
    for e in errors:
        assert "\n" not in e.reason and not e.reason.startswith(GUARD), e.reason
    urls = [x.url for x in items if isinstance(x, Article)]
    wanted = [f"https://quay.example/{n}" for n in good]
    it = iter(urls)
    assert all(u in it for u in wanted), (urls, wanted)  # a subsequence, in order


junk_line = st.binary(max_size=120).map(lambda b: b.replace(b"\n", b" "))


@st.composite
def jsonl_lines(draw: st.DrawFn) -> tuple[list[bytes], list[int]]:
    """Lines that are good records, arbitrary bytes, or good records with a NUL inside."""
    lines: list[bytes] = []
    good: list[int] = []
    for n in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["good", "junk", "nul"]))
        if kind == "good":
            lines.append(record(n))
            good.append(n)
        elif kind == "junk":
            lines.append(draw(junk_line))
        else:
            line = record(n)
            at = draw(st.integers(0, len(line)))
            lines.append(line[:at] + b"\x00" + line[at:])
    return lines, good


@FUZZ
@given(jsonl_lines())
def test_jsonl_stream_any_bytes(case: tuple[list[bytes], list[int]]) -> None:
    lines, good = case
    items = list(iter_jsonl(io.BytesIO(b"\n".join(lines) + b"\n"), "f.jsonl", OPTS))
    if not any(line.strip() for line in lines):
        assert [(e.source, type(e)) for e in items] == [("f.jsonl", InputError)]
        return
    _check(items, "f.jsonl", lines, good)


@FUZZ
@given(jsonl_lines())
def test_jsonl_file_any_bytes_near_the_start(
        tmp_path_factory: pytest.TempPathFactory, case: tuple[list[bytes], list[int]]) -> None:
    """Through the file dispatcher: binary bytes early in a .jsonl never reject the file."""
    lines, good = case
    lines = [record(99), *lines]  # a good first line: the file is JSONL whatever follows
    path = tmp_path_factory.mktemp("fuzz") / f"in{next(_counter)}.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    _check(list(iter_articles([str(path)], OPTS)), str(path), lines, [99, *good])


@FUZZ
@given(st.integers(MAX_JSON_DEPTH - 4, MAX_JSON_DEPTH + 4) | st.sampled_from([5000, 200_000]))
def test_nesting_near_and_far_beyond_the_limit(depth: int) -> None:
    """A record whose containers nest `depth` deep (the record itself is level 1)."""
    inner = "[" * (depth - 1) + "]" * (depth - 1)
    line = '{"text": ' + json.dumps(BODY) + ', "meta": ' + inner + "}"
    items = list(iter_jsonl(io.BytesIO(line.encode() + b"\n" + record(1) + b"\n"), "d", OPTS))
    assert len(items) == 2 and isinstance(items[1], Article)
    if depth <= MAX_JSON_DEPTH:
        assert isinstance(items[0], Article)
    else:
        assert isinstance(items[0], InputError) and items[0].source == "d:1"
        assert "nested deeper" in items[0].reason


@FUZZ
@given(st.integers(400, 3000), st.integers(-3, 3))
def test_line_sizes_near_the_cap(limit: int, delta: int) -> None:
    """A line of `limit + delta` bytes (newline excluded) is read up to the cap, refused past
    it, and the next line is read either way."""
    head = json.dumps({"text": BODY, "pad": ""})[:-2]
    size = limit + delta
    line = (head + "x" * max(0, size - len(head) - 2) + '"}').encode()
    assume_size = len(line) == size
    if not assume_size:  # the record alone is longer than the cap: nothing to test here
        return
    opts = ReadOptions(learn_furniture=False, max_page_bytes=limit)
    items = list(iter_jsonl(io.BytesIO(line + b"\n" + record(1) + b"\n"), "s", opts))
    assert len(items) == 2 and isinstance(items[1], Article)
    if size <= limit:
        assert isinstance(items[0], Article)
    else:
        assert isinstance(items[0], InputError) and "longer than" in items[0].reason


field_name = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1,
                     max_size=12)


@FUZZ
@given(st.lists(field_name, min_size=3, max_size=3, unique=True),
       st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1,
               max_size=40),
       st.integers(0, 10**12) | st.text(min_size=1, max_size=20))
def test_field_maps_read_any_field_names(names: list[str], title: str, rid: int | str) -> None:
    text_name, title_name, id_name = names
    opts = ReadOptions(learn_furniture=False, field_map={
        "text": text_name, "title": title_name, "source_id": id_name})
    line = json.dumps({text_name: BODY, title_name: title, id_name: rid}).encode()
    (item,) = list(iter_jsonl(io.BytesIO(line), "m", opts))
    if not title.strip():  # a blank title is no title: the text's first line is the headline
        assert isinstance(item, Article) and item.title == normalize_paragraph(BODY.split("\n")[0])
    else:
        assert isinstance(item, Article) and item.title == normalize_paragraph(title)
    assert item.source_id == (str(rid) if str(rid) else None)
    # Without the map, the record is one error that names its fields and the option.
    (err,) = list(iter_jsonl(io.BytesIO(line), "m", OPTS))
    assert isinstance(err, InputError) and "--field text=" in err.reason
    assert "\n" not in err.reason


@FUZZ
@given(st.lists(st.one_of(st.integers(0, 50).map(lambda n: json.loads(record(n))),
                          st.none(), st.integers(), st.text(max_size=10),
                          st.dictionaries(st.sampled_from(JSONL_FIELDS),
                                          st.none() | st.integers() | st.text(max_size=10),
                                          max_size=3)),
                max_size=6))
def test_json_array_elements(elements: list[object]) -> None:
    data = json.dumps(elements).encode()
    items = list(iter_json_array(io.BytesIO(data), "a.json", OPTS))
    if not elements:
        assert [type(i) for i in items] == [InputError] and "no records" in str(items[0])
        return
    assert len(items) == len(elements)
    for i, (el, item) in enumerate(zip(elements, items, strict=True)):
        if isinstance(item, InputError):
            assert item.source == f"a.json[{i}]" and "\n" not in item.reason
            assert not item.reason.startswith(GUARD), item.reason
        else:
            assert isinstance(el, dict)


def test_fuzz_helpers_see_a_guarded_failure() -> None:
    """The properties above would see a failure the per-input guard turned into an error."""
    err = InputError("f.jsonl:1", f"{GUARD}RuntimeError: boom)")
    with pytest.raises(AssertionError):
        _check([err], "f.jsonl", [b"x"], [])


def test_dispatcher_reads_a_jsonl_whose_first_line_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "b.jsonl"
    path.write_bytes(b"\x00\x01\x02\xff\n" + record(1) + b"\n")
    items = list(iter_articles([str(path)], OPTS))
    assert [type(i) for i in items] == [InputError, Article]


@FUZZ
@example("0001-01-01T00:30:00+01:00")  # in range as written, out of range in UTC
@example("9999-12-31T23:30:00-01:00")
@given(st.text(max_size=40)
       | st.datetimes(timezones=st.timezones(no_cache=True) | st.none()).map(str)
       | st.datetimes(timezones=st.sampled_from([timezone(timedelta(hours=h))
                                                 for h in (-12, 0, 5, 14)])).map(
           lambda d: d.isoformat()))
def test_any_date_string_is_a_date_or_none(value: str) -> None:
    """Whatever a record's date says, the record is read; a time comes out in UTC."""
    (item,) = list(iter_jsonl(io.BytesIO(json.dumps({"text": BODY, "published": value}
                                                    ).encode()), "t", OPTS))
    assert isinstance(item, Article)
    if isinstance(item.published, datetime):
        assert item.published.tzinfo == UTC and item.published.microsecond == 0
