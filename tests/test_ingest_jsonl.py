"""JSONL reader: default and mapped fields, html records, bad lines named file:line."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from unspun.errors import InputError
from unspun.ingest import article_from_record, iter_articles
from unspun.model import Article
from unspun.options import ReadOptions

TEXT = (
    "Bakery reopens after flood\n\nThe old bakery on Quay Street reopened on Monday, six weeks "
    "after floodwater filled its cellar.\n\nQueues formed before dawn, the owner said."
)
HTML = (
    "<html><head><title>Mill fire contained</title></head><body><article><h1>Mill fire "
    "contained</h1><p>Firefighters contained a blaze at the old mill on the river road late "
    "on Sunday night after a four-hour effort.</p><p>No one was hurt, the fire service said "
    "in a statement on Monday morning.</p></article></body></html>"
)


def test_record_default_fields() -> None:
    a = article_from_record(
        {"url": "https://www.quaynews.example/b", "title": "Bakery reopens after flood",
         "published": "2024-05-06T08:00:00+01:00", "text": TEXT}
    )
    assert a.title == "Bakery reopens after flood" and a.text.count("Bakery reopens") == 1
    # The time is kept, in UTC (08:00 at +01:00 is 07:00Z).
    assert a.published == datetime(2024, 5, 6, 7, 0, tzinfo=UTC)
    assert a.site == "quaynews.example"
    assert a.text.endswith("the owner said.")


def test_record_site_override_date_alias_and_field_map() -> None:
    opts = ReadOptions(field_map={"text": "body", "url": "link"})
    a = article_from_record(
        {"link": "https://a.example/x", "site": "Quay News", "date": "2024-01-02", "body": TEXT},
        opts,
    )
    assert a.site == "Quay News" and a.url == "https://a.example/x"
    assert a.published == date(2024, 1, 2) and a.title == "Bakery reopens after flood"


def test_record_with_html() -> None:
    a = article_from_record({"url": "https://millnews.example/fire", "html": HTML,
                             "title": "Fire at the mill is contained", "published": "bad"})
    assert a.title == "Fire at the mill is contained"
    assert a.published is None  # an unparseable date is no date
    assert "four-hour effort" in a.text and a.blocks[0].role == "headline"
    assert a.text.count("Mill fire contained") == 0  # the record's title replaces the page's


@pytest.mark.parametrize(
    "obj, reason",
    [({"url": "https://x.example/"}, "no article text"), ({"text": 42}, "must be a string"),
     (["not", "an", "object"], "expected a JSON object")],
)
def test_bad_records(obj: object, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        article_from_record(obj, ReadOptions())  # type: ignore[arg-type]


def test_bad_line_named_and_others_come_out(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"url": "https://quaynews.example/1", "text": TEXT}),
        '{"url": "https://quaynews.example/2", "text": "unterminated',
        "",
        json.dumps({"url": "https://quaynews.example/3", "html": HTML}),
        json.dumps({"url": "https://quaynews.example/4"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_articles([str(path)], ReadOptions(learn_furniture=False)))
    errors = [i for i in items if isinstance(i, InputError)]
    articles = [i for i in items if isinstance(i, Article)]
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:5"]
    assert "not valid JSON" in errors[0].reason and "no article text" in errors[1].reason
    assert [a.url for a in articles] == ["https://quaynews.example/1", "https://quaynews.example/3"]


def test_overlong_line_skipped_without_loading(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"text": "x " * 5000}) + "\n")
        fh.write(json.dumps({"url": "https://quaynews.example/ok", "text": TEXT}) + "\n")
    items = list(iter_articles([str(path)], ReadOptions(max_page_bytes=2000)))
    assert isinstance(items[0], InputError) and items[0].source == f"{path}:1"
    assert "longer than" in items[0].reason
    assert isinstance(items[1], Article) and items[1].url == "https://quaynews.example/ok"


def test_json_array_file(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    path.write_text(json.dumps([{"text": TEXT}, {"nope": 1}]), encoding="utf-8")
    items = list(iter_articles([str(path)]))
    assert isinstance(items[0], Article)
    assert isinstance(items[1], InputError) and items[1].source == f"{path}[1]"


def test_latin1_line_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    rec = json.dumps({"text": "Caf\u00e9 reopens\n\nThe caf\u00e9 on the quay reopened."},
                     ensure_ascii=False)
    path.write_bytes(rec.encode("latin-1") + b"\n")
    (a,) = list(iter_articles([str(path)]))
    assert isinstance(a, Article) and a.title == "Caf\u00e9 reopens"


def _good(n: int) -> str:
    return json.dumps({"url": f"https://quaynews.example/{n}", "text": TEXT})


def _split(items: list[Article | InputError]) -> tuple[list[Article], list[InputError]]:
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, InputError)])


@pytest.mark.parametrize("deep", ["[" * 100_000 + "]" * 100_000,
                                  '{"text": ' + '{"a": ' * 100_000 + "1" + "}" * 100_001],
                         ids=["array", "object"])
def test_deeply_nested_line_is_one_bad_line(tmp_path: Path, deep: str) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text("\n".join([_good(1), deep, _good(3)]) + "\n", encoding="utf-8")
    articles, errors = _split(list(iter_articles([str(path)], ReadOptions(learn_furniture=False))))
    assert [a.url for a in articles] == ["https://quaynews.example/1", "https://quaynews.example/3"]
    assert [e.source for e in errors] == [f"{path}:2"]
    assert "nested" in errors[0].reason


def test_deeply_nested_json_array_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" + "[" * 100_000 + "]" * 100_000 + "]", encoding="utf-8")
    (err,) = list(iter_articles([str(path)]))
    assert isinstance(err, InputError) and err.source == str(path) and "nested" in err.reason


def test_nul_byte_spoils_only_its_own_line(tmp_path: Path) -> None:
    """A JSONL file is judged line by line: a raw NUL near its start is one bad line."""
    path = tmp_path / "nul.jsonl"
    lines = [_good(1).encode(), b'{"text": "bro\x00ken"}', _good(3).encode()]
    path.write_bytes(b"\n".join(lines) + b"\n")
    articles, errors = _split(list(iter_articles([str(path)], ReadOptions(learn_furniture=False))))
    assert [a.url for a in articles] == ["https://quaynews.example/1", "https://quaynews.example/3"]
    assert [e.source for e in errors] == [f"{path}:2"]


def test_nul_byte_in_jsonl_on_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    data = b"\n".join([_good(1).encode(), b"\x00\x00\x00", _good(3).encode()]) + b"\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    articles, errors = _split(list(iter_articles(["-"], ReadOptions(learn_furniture=False))))
    assert len(articles) == 2 and [e.source for e in errors] == ["<stdin>:2"]


@pytest.mark.parametrize("name, content", [("empty.jsonl", ""), ("blank.jsonl", "  \n\n \t\n"),
                                           ("empty.json", ""), ("blank.json", "\n  \n"),
                                           ("none.json", "[]"), ("none.ndjson", "\n")])
def test_file_without_records_is_an_error(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    (err,) = list(iter_articles([str(path)]))
    assert isinstance(err, InputError) and err.source == str(path)
    assert "no records" in err.reason


def test_record_keeps_its_own_id() -> None:
    """The caller's id is kept beside the content hash, so results join back to records."""
    a = article_from_record({"id": "bbc-business-001", "text": TEXT})
    assert a.source_id == "bbc-business-001" and a.id != a.source_id
    assert article_from_record({"id": 17446, "text": TEXT}).source_id == "17446"
    mapped = article_from_record({"newid": "r-9", "id": "other", "text": TEXT},
                                 ReadOptions(field_map={"source_id": "newid"}))
    assert mapped.source_id == "r-9"
    assert article_from_record({"text": TEXT}).source_id is None
    with pytest.raises(InputError, match="source_id"):
        article_from_record({"id": {"nested": 1}, "text": TEXT})


def test_missing_text_names_the_record_fields_and_the_option() -> None:
    with pytest.raises(InputError) as info:
        article_from_record({"title": "Bakery reopens", "body": TEXT, "newid": 3})
    assert "body, newid, title" in info.value.reason and "--field text=" in info.value.reason


@pytest.mark.parametrize("value, expected", [
    ("26-FEB-1987 15:01:01.79", datetime(1987, 2, 26, 15, 1, 1, tzinfo=UTC)),
    ("Tue, 07 May 2024 13:12:00 GMT", datetime(2024, 5, 7, 13, 12, tzinfo=UTC)),
    ("7 May 2024 13:12 +0200", datetime(2024, 5, 7, 11, 12, tzinfo=UTC)),
    ("2024-05-06T13:26:00Z", datetime(2024, 5, 6, 13, 26, tzinfo=UTC)),
    ("2024-05-06 13:26", datetime(2024, 5, 6, 13, 26, tzinfo=UTC)),  # no zone: taken as UTC
    ("2024-05-06", date(2024, 5, 6)),
    ("May 6, 2024", date(2024, 5, 6)),
    ("6 March 2024", date(2024, 3, 6)),
    ("2024/05/06", date(2024, 5, 6)),
    ("6 mai 2024", date(2024, 5, 6)),
    ("not a date", None), ("yesterday", None), ("", None), ("12", None),
])
def test_common_date_formats_are_read(value: str, expected: date | None) -> None:
    a = article_from_record({"published": value, "text": TEXT})
    assert a.published == expected and type(a.published) is type(expected)


def test_dropped_dates_are_warned_once_per_file(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    lines = [{"text": TEXT, "date": "2024-05-06"}, {"text": TEXT + " Two.", "date": "the 5th"},
             {"text": TEXT + " Three.", "date": "soon"}, {"text": TEXT + " Four.", "date": 1987}]
    one, two = tmp_path / "one.jsonl", tmp_path / "two.json"
    one.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    two.write_text(json.dumps(lines), encoding="utf-8")
    with caplog.at_level("WARNING", logger="unspun"):
        articles, errors = _split(list(iter_articles([str(one), str(two)],
                                                     ReadOptions(learn_furniture=False))))
    assert not errors and len(articles) == 8
    assert [a.published for a in articles[:4]] == [date(2024, 5, 6), None, None, None]
    warned = [r.getMessage() for r in caplog.records if r.name.startswith("unspun")]
    assert len(warned) == 2
    assert warned[0].startswith(f"{one}:2: ") and "'the 5th'" in warned[0]
    assert warned[1].startswith(f"{two}[1]: ") and "once per file" in warned[1]
