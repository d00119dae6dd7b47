"""`unspun stories --out DIR`: the tables and the HTML overview as one set. A run stopped
while writing leaves the earlier set whole (or the new one), never a mix of the two and
never half-written or temporary files in DIR; what a killed run leaves beside DIR is
cleared by the next; a folder holding other files is refused, not overwritten."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from unspun.errors import UsageError
from unspun.stories import StoriesResult
from unspun.stories import write as stories_write
from unspun.stories.assemble import assemble
from unspun.stories.types import Node, PairResult


def small_result(extra: bool = False) -> StoriesResult:
    """Three invented articles (a copy and a same-story report of one original); with
    `extra` a fourth, copied from the copy: another set of rows and pages."""
    nodes = [Node("a1", "https://one.example/a", "one.example", "Harbour wall repaired",
                  date(2024, 1, 2), 900),
             Node("b2", "https://two.example/b", "two.example", "Harbour wall fixed",
                  date(2024, 1, 3), 800),
             Node("c3", "https://three.example/c", "three.example", "Wall work ends",
                  date(2024, 1, 2), 700)]
    links = [PairResult("a1", "b2", "copy", "spun", 0.9, True, 0.9, 0.8, 3, 1, 2,
                        (("name", 1), ("number", 2)), ("most of it shared", "names changed")),
             PairResult("a1", "c3", "same-story", "same-story", 0.8, False, 0.2, 0.2, 0, 0,
                        0, (), ("one event",))]
    if extra:
        nodes.append(Node("d4", "https://four.example/d", "four.example", "Harbour wall",
                          date(2024, 1, 5), 600))
        links.append(PairResult("b2", "d4", "copy", "verbatim", 0.95, True, 0.99, 0.9, 2, 0,
                                0, (), ("all of it",)))
    return assemble(nodes, links)


def snapshot(d: Path) -> dict[str, str]:
    """Every file under `d` (relative name -> sha256 of its bytes)."""
    return {p.relative_to(d).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(d.rglob("*")) if p.is_file()}


def test_out_holds_the_old_set_or_the_new_one_at_every_moment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    stories_write.write_output(small_result(), out)
    old = snapshot(out)
    assert {"index.html", "sites.html", "members.parquet", "edges.json"} <= set(old)
    seen: list[dict[str, str]] = []
    real_write_table = stories_write.pq.write_table

    def watched(table: object, where: object) -> None:
        # What a kill at this moment would leave in `out`.
        seen.append(snapshot(out))
        real_write_table(table, where)

    monkeypatch.setattr(stories_write.pq, "write_table", watched)
    stories_write.write_output(small_result(extra=True), out)
    assert len(seen) == 4
    assert all(s == old for s in seen)
    new = snapshot(out)
    assert new != old and not [n for n in new if ".tmp" in n]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_run_stopped_while_writing_keeps_the_old_set_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    stories_write.write_output(small_result(), out)
    old = snapshot(out)
    calls: list[int] = []
    real_write_table = stories_write.pq.write_table

    def stopped(table: object, where: object) -> None:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt  # as one Ctrl-C in the middle of the set
        real_write_table(table, where)

    monkeypatch.setattr(stories_write.pq, "write_table", stopped)
    with pytest.raises(KeyboardInterrupt):
        stories_write.write_output(small_result(extra=True), out)
    assert snapshot(out) == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_what_a_killed_run_left_beside_out_is_cleared(tmp_path: Path) -> None:
    out = tmp_path / "out"
    stories_write.write_output(small_result(), out)
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    pid = int(dead.stdout)  # a process that has ended, as a killed run has
    for kind in ("tmp", "old"):
        left = tmp_path / f".out.{pid}.{kind}"
        left.mkdir()
        (left / "members.parquet").write_bytes(b"half")
    stories_write.write_output(small_result(extra=True), out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_folder_with_other_files_is_refused_untouched(tmp_path: Path) -> None:
    mine = tmp_path / "notes.txt"
    mine.write_text("my notes\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"notes\.txt"):
        stories_write.write_output(small_result(), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
    assert mine.read_text(encoding="utf-8") == "my notes\n"


def test_the_cli_refuses_such_a_folder_before_the_run(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("my notes\n", encoding="utf-8")
    got = subprocess.run([sys.executable, "-m", "unspun", "stories", "--library",
                          str(tmp_path / "none.db"), "--out", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert got.returncode == 2
    assert got.stderr.count("\n") == 1 and "notes.txt" in got.stderr, got.stderr


# ---- the tables' types (issue 19, item 24) ----------------------------------------------------

def test_published_is_a_timestamp_and_packed_values_are_lists(tmp_path: Path) -> None:
    import json

    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    stories_write.write_tables(small_result(), tmp_path)
    utc = pa.timestamp("us", tz="UTC")
    counts = {"stories": ("verdicts", "verdict"), "edges": ("edit_counts", "edit"),
              "sites": ("copied_from", "site")}
    for name, (col, key) in counts.items():
        t = pq.read_schema(tmp_path / f"{name}.parquet").field(col).type
        assert t == pa.list_(pa.struct([(key, pa.string()),
                                        ("count" if name != "sites" else "copies",
                                         pa.int64())])), (name, t)
    for name in ("edges", "sites"):
        t = pq.read_schema(tmp_path / f"{name}.parquet").field("reasons").type
        assert t == pa.list_(pa.string())
    assert pq.read_schema(tmp_path / "members.parquet").field("published").type == utc
    assert pq.read_schema(tmp_path / "stories.parquet").field("first_published").type == utc

    def rows(name: str) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
        return (pq.read_table(tmp_path / f"{name}.parquet").to_pylist(),
                json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8")))

    members, members_json = rows("members")
    a1 = next(m for m in members if m["article_id"] == "a1")
    assert a1["published"] == datetime(2024, 1, 2, tzinfo=UTC)
    assert next(m for m in members_json if m["article_id"] == "a1")["published"] == \
        "2024-01-02"
    edges, edges_json = rows("edges")
    copy = next(e for e in edges if e["relation"] == "copy")
    assert copy["edit_counts"] == [{"edit": "name", "count": 1}, {"edit": "number", "count": 2}]
    assert copy["reasons"] == ["most of it shared", "names changed"]
    assert edges == edges_json
    stories, stories_json = rows("stories")
    assert stories[0]["verdicts"] == [{"verdict": "spun", "count": 1}]
    assert [{**s, "first_published": None} for s in stories] == \
        [{**s, "first_published": None} for s in stories_json]
    sites, sites_json = rows("sites")
    two = next(s for s in sites if s["site"] == "two.example")
    assert two["copied_from"] == [{"site": "one.example", "copies": 1}]
    assert sites == sites_json


@pytest.mark.parametrize(("given", "stored"), [
    ("2022-09-26", datetime(2022, 9, 26, tzinfo=UTC)),
    ("2022-09-26T13:26:00Z", datetime(2022, 9, 26, 13, 26, tzinfo=UTC)),
    ("2022-09-26T15:26:00+02:00", datetime(2022, 9, 26, 13, 26, tzinfo=UTC)),
    ("2022-09-26T13:26:00.250000", datetime(2022, 9, 26, 13, 26, 0, 250000, tzinfo=UTC)),
    (None, None)])
def test_published_dates_and_datetimes_become_utc_timestamps(
        given: str | None, stored: datetime | None) -> None:
    assert stories_write.utc_timestamp(given) == stored


def test_the_overview_counts_the_same_story_links_the_edges_hold(tmp_path: Path) -> None:
    import re

    # One more same-story report, of another event's skeleton: kept as a link (it shares a
    # few names, `copy_names`; one sharing none would not even be aligned, see
    # `verify.worth_verifying`), but it joins no story, so it is no edge.
    res = small_result()
    nodes = [Node(m.article_id, m.url, m.site, m.title, m.published, 500)
             for m in res.members]
    nodes.append(Node("e5", "https://five.example/e", "five.example", "Another wall",
                      date(2024, 1, 4), 500))
    links = [PairResult("a1", "b2", "copy", "spun", 0.9, True, 0.9, 0.8, 3, 1, 2),
             PairResult("a1", "c3", "same-story", "same-story", 0.8, False, 0.2, 0.2, 0, 0, 0),
             PairResult("a1", "e5", "same-story", "same-story", 0.7, False, 0.2, 0.2, 0, 0, 0,
                        name_overlap=0.15, term_overlap=0.0)]
    res = assemble(nodes, links)
    stories_write.write_output(res, tmp_path / "out")
    edges = [e for e in res.edges if e.relation == "same-story"]
    assert len(edges) == 1
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"\b1 same-story links?\b", index), index
    assert res.stats["same_story_links"] == 1
    assert res.stats["same_story_links_between_stories"] == 1


# ---- the caller's record ids (issue 19, item 19) -----------------------------------------------

DEMO = Path(__file__).resolve().parents[1] / "demo" / "clusters.jsonl"


def test_members_and_edges_carry_the_records_own_ids(tmp_path: Path) -> None:
    """A library added from JSONL records with their own ids (`id`, an integer one, none):
    `members.source_id` and `edges.parent_source_id`/`child_source_id` give them back, null
    for the record without one; a repeated record keeps the first one's id, as the library
    does."""
    import json

    import pyarrow.parquet as pq  # type: ignore[import-untyped]

    cluster = json.loads(DEMO.read_text(encoding="utf-8").splitlines()[0])
    records = [cluster["original"], *cluster["copies"], *cluster["distractors"]]
    want: dict[str, str | None] = {}
    with (tmp_path / "records.jsonl").open("w", encoding="utf-8") as f:
        for k, r in enumerate(records):
            rid: str | int | None = None if k == 1 else 9000 + k if k == 2 else f"rec-{k}"
            want[r["url"]] = None if rid is None else str(rid)
            f.write(json.dumps({"id": rid, "url": r["url"], "site": r["site"],
                                "title": r["title"], "published": r["date"],
                                "text": r["text"]}) + "\n")
        f.write(json.dumps({"id": "rec-again", "url": records[0]["url"], "site":
                            records[0]["site"], "title": records[0]["title"],
                            "published": records[0]["date"], "text": records[0]["text"]})
                + "\n")
    lib, out = tmp_path / "lib.db", tmp_path / "out"
    for args in (["add", "-L", str(lib), str(tmp_path / "records.jsonl")],
                 ["stories", "-L", str(lib), "--workers", "1", "--out", str(out)]):
        got = subprocess.run([sys.executable, "-m", "unspun", *args], capture_output=True,
                             text=True, timeout=600)
        assert got.returncode == 0, got.stderr
    members = json.loads((out / "members.json").read_text(encoding="utf-8"))
    assert list(members[0])[:3] == ["story_id", "article_id", "source_id"]
    assert {m["url"]: m["source_id"] for m in members} == want
    assert pq.read_table(out / "members.parquet").to_pylist() == [
        {**m, "published": stories_write.utc_timestamp(m["published"])} for m in members]
    by_id = {m["article_id"]: m["source_id"] for m in members}
    edges = json.loads((out / "edges.json").read_text(encoding="utf-8"))
    assert any(e["relation"] == "copy" for e in edges)
    assert [(e["parent_source_id"], e["child_source_id"]) for e in edges] == \
        [(by_id[e["parent"]], by_id[e["child"]]) for e in edges]
    assert pq.read_table(out / "edges.parquet").to_pylist() == edges
