"""`unspun stories --out DIR`: the tables and the HTML overview as one set. A run stopped
while writing leaves the earlier set whole (or the new one), never a mix of the two and
never half-written or temporary files in DIR; what a killed run leaves beside DIR is
cleared by the next; a folder holding other files is refused, not overwritten."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import date
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
