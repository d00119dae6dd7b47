"""Publication times: kept (UTC) where the source gives one, and used to order same-day copies."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

from report_fixtures import validate
from unspun.ingest import iter_articles
from unspun.ingest.assemble import build_article
from unspun.library import Library
from unspun.model import Article
from unspun.options import ReadOptions
from unspun.pipeline import compare
from unspun.published import days_between, from_iso, order, sort_key, to_iso
from unspun.report.json import trace_to_dict
from unspun.report.schema import TRACE_SCHEMA
from unspun.stories.assemble import assemble
from unspun.stories.lineage import build_lineage
from unspun.stories.types import Node, PairResult
from unspun.stories.verify import orient

WIRE = (
    "Harbour cranes idle as dockers strike\n\nDockers at the port of Velmar stopped work at "
    "noon on Tuesday, leaving four container ships waiting in the outer roads.\n\nThe union "
    "said the stoppage would last until the port authority reopened talks on night shifts, "
    "and the authority said it had offered a meeting on Thursday."
)
AT_1312 = datetime(2024, 5, 6, 13, 12, tzinfo=UTC)
AT_1326 = datetime(2024, 5, 6, 13, 26, tzinfo=UTC)


def _wire_pair(tmp_path: Path) -> tuple[Article, Article]:
    """The 13:12 wire story and its verbatim 13:26 repost, read from JSONL as a user has them."""
    path = tmp_path / "wire.jsonl"
    recs = [{"url": "https://wire.example/620", "published": "06-MAY-2024 13:26:00.00",
             "text": WIRE},
            {"url": "https://wire.example/598", "published": "2024-05-06T15:12:00+02:00",
             "text": WIRE}]
    path.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    later, earlier = (a for a in iter_articles([str(path)], ReadOptions(learn_furniture=False))
                      if isinstance(a, Article))
    return earlier, later


def test_readers_keep_the_time_in_utc(tmp_path: Path) -> None:
    earlier, later = _wire_pair(tmp_path)
    assert (earlier.published, later.published) == (AT_1312, AT_1326)


def test_same_day_copy_direction_follows_the_time(tmp_path: Path) -> None:
    """Of two identical same-day wire stories, the later one is the copy (the date alone
    could not tell: the direction was a coin toss)."""
    earlier, later = _wire_pair(tmp_path)
    forward = compare(later, earlier).candidates[0].analysis
    backward = compare(earlier, later).candidates[0].analysis
    assert forward is not None and backward is not None
    assert (forward.derived, backward.derived) == ("query", "candidate")
    assert any("2024-05-06T13:26:00Z" in r and "later" in r for r in forward.direction_reasons)


def test_time_is_kept_by_the_library_and_the_json_report(tmp_path: Path) -> None:
    earlier, later = _wire_pair(tmp_path)
    with Library.open(tmp_path / "lib.db") as lib:
        lib.add([earlier, later])
        assert lib.get(later.id) == later
    doc = trace_to_dict(compare(later, earlier))
    assert validate(doc, TRACE_SCHEMA) == []
    assert doc["query"]["published"] == "2024-05-06T13:26:00Z"
    assert doc["candidates"][0]["published"] == "2024-05-06T13:12:00Z"


def test_helpers_order_dates_and_times() -> None:
    day = date(2024, 5, 6)
    assert order(AT_1312, AT_1326) == -1 and order(AT_1326, AT_1312) == 1
    assert order(day, AT_1326) == 0 and order(date(2024, 5, 5), AT_1312) == -1
    assert order(None, AT_1312) == 0
    assert sorted([None, day, AT_1326, AT_1312, date(2024, 5, 5)], key=sort_key) == [
        date(2024, 5, 5), AT_1312, AT_1326, day, None]
    assert days_between(AT_1312, AT_1326) == 14 / (24 * 60)
    assert days_between(date(2024, 5, 4), AT_1326) == 2.0
    for value in (day, AT_1326, None):
        assert from_iso(to_iso(value)) == value
    assert to_iso(AT_1326) == "2024-05-06T13:26:00Z"


def _node(i: str, published: date | None) -> Node:
    return Node(i, f"https://{i}.example/{i}", f"{i}.example", f"title {i}", published, 1000)


def _link(source: str, copy: str) -> PairResult:
    return PairResult(source, copy, "copy", "verbatim", 0.95, False, 0.95, 0.95, 3, 0, 0)


def test_stories_order_same_day_articles_by_time_and_mix_dates() -> None:
    """Lineage, orientation and stories take dates and times together: the time decides
    within a day; a date without a time neither crashes nor outranks a timed article."""
    nodes = {"late": _node("late", AT_1326), "early": _node("early", AT_1312),
             "day": _node("day", date(2024, 5, 6)), "prev": _node("prev", date(2024, 5, 5))}
    lin = build_lineage(nodes, [_link("late", "early"), _link("early", "day"),
                                _link("day", "prev")])
    assert lin.order == ("prev", "early", "late", "day")
    assert build_lineage(nodes, [_link("late", "early")]).originals == ("early",)
    later, earlier, undated_time = (
        build_article([("body", WIRE)], url=f"https://wire.example/{n}", published=p)
        for n, p in (("620", AT_1326), ("598", AT_1312), ("day", date(2024, 5, 6))))
    assert orient(later, earlier) and not orient(earlier, later)
    # Same day, one without a time: the dates cannot tell, so the next rule (length, id) does.
    assert orient(later, undated_time) == (later.id > undated_time.id)
    result = assemble(list(nodes.values()), [_link("late", "early"), _link("early", "day")])
    assert {m.article_id: m.role for m in result.members}["early"] == "original"
