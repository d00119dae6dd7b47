"""The library commands end to end: add, stats, remove, trace (real subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from test_retrieve_fixtures import STORIES, UNRELATED, copy_of


def _run(*args: str, cwd: Path, stdin: str | None = None,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "unspun", *args], cwd=cwd, input=stdin,
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, **(env or {})})


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "stories.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, (url, title, paras) in enumerate(STORIES):
            fh.write(json.dumps({"url": url, "title": title, "published": "2024-05-02",
                                 "id": f"orig-{i}", "text": "\n\n".join(paras)}) + "\n")
    return path


def test_add_stats_trace_remove(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    first = _run("add", str(corpus), "--library", "lib.db", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert f"added {len(STORIES)}, already present 0" in first.stdout
    again = _run("add", str(corpus), cwd=tmp_path, env={"UNSPUN_LIBRARY": "lib.db"})
    assert f"added 0, already present {len(STORIES)}" in again.stdout

    stats = json.loads(_run("stats", "--library", "lib.db", "--json", cwd=tmp_path).stdout)
    assert stats["articles"] == len(STORIES) and stats["sites"] == len(STORIES)
    assert stats["bytes_on_disk"] > 0

    copy = copy_of(3, share=0.3, seed=2)
    (tmp_path / "copy.txt").write_text(copy.text, encoding="utf-8")
    traced = _run("trace", "copy.txt", "--library", "lib.db", "--json", cwd=tmp_path)
    assert traced.returncode == 0, traced.stderr
    out = json.loads(traced.stdout)
    assert out["schema_version"] and out["query"]["id"]
    top = out["candidates"][0]
    assert top["url"] == STORIES[3][0]
    assert {"id", "url", "site", "title", "published", "score", "coverage", "signals"} <= set(top)
    plain = _run("trace", "-", "--library", "lib.db", "--top", "1", cwd=tmp_path,
                 stdin=copy.text)
    assert STORIES[3][0] in plain.stdout and "covers" in plain.stdout

    unrelated = _run("trace", "-", "--library", "lib.db", "--json", cwd=tmp_path,
                     stdin=UNRELATED)
    assert json.loads(unrelated.stdout)["candidates"] == []

    removed = _run("remove", "--site", "sportsdesk.example", "--library", "lib.db", cwd=tmp_path)
    assert "removed 1 article" in removed.stdout
    stats = json.loads(_run("stats", "--library", "lib.db", "--json", cwd=tmp_path).stdout)
    assert stats["articles"] == len(STORIES) - 1


def test_failed_inputs_make_add_exit_1(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    r = _run("add", str(corpus), "missing.html", "--library", "lib.db", cwd=tmp_path)
    assert r.returncode == 1
    assert "missing.html" in r.stderr and "Traceback" not in r.stderr
    assert f"added {len(STORIES)}" in r.stdout and "failed 1" in r.stdout


def test_missing_library_is_an_error_and_is_not_created(tmp_path: Path) -> None:
    (tmp_path / "q.txt").write_text(UNRELATED, encoding="utf-8")
    for args in (("stats",), ("trace", "q.txt"), ("remove", "--id", "x")):
        r = _run(*args, "--library", "none.db", cwd=tmp_path)
        assert r.returncode == 1, args
        assert r.stderr.count("\n") == 1 and "none.db" in r.stderr and "Traceback" not in r.stderr
    assert not (tmp_path / "none.db").exists()
    r = _run("remove", "--library", "none.db", cwd=tmp_path)
    assert r.returncode == 2


def test_a_bad_file_loses_no_other_input(tmp_path: Path) -> None:
    """Articles read before a file its reader refuses are stored, and the files after it
    are read: here a page with no article text. (A page declaring a charset no codec can
    decode with, the case first reported, is now read: see test_ingest_html.)"""
    corpus = _corpus(tmp_path)
    (tmp_path / "bad.html").write_bytes(
        b"<html><head><title>Quay</title></head><body><script>var x = 1;</script>"
        b"</body></html>")
    (tmp_path / "after.txt").write_text(UNRELATED, encoding="utf-8")
    r = _run("add", str(corpus), "bad.html", "after.txt", "--library", "lib.db",
             "--batch-size", "100", cwd=tmp_path)
    assert r.returncode == 1, r.stderr
    assert "Traceback" not in r.stderr and r.stderr.count("bad.html") == 1
    assert f"added {len(STORIES) + 1}" in r.stdout and "failed 1" in r.stdout


def test_trace_traces_every_article_of_the_input(tmp_path: Path) -> None:
    """`trace three.jsonl --json` prints one JSON object per article (JSONL), each joined back
    to its record by source_id; a bad line is one error and the others are still traced."""
    corpus = _corpus(tmp_path)
    assert _run("add", str(corpus), "--library", "lib.db", cwd=tmp_path).returncode == 0
    queries = tmp_path / "three.jsonl"
    lines = [json.dumps({"id": f"q-{i}", "url": f"https://www.copyfarm.example/{i}",
                         "text": copy_of(i, share=0.3, seed=i).text}) for i in (0, 2, 3)]
    queries.write_text("\n".join(lines) + "\n", encoding="utf-8")
    traced = _run("trace", "three.jsonl", "--library", "lib.db", "--json", cwd=tmp_path)
    assert traced.returncode == 0, traced.stderr
    docs = [json.loads(line) for line in traced.stdout.splitlines()]
    assert [d["query"]["source_id"] for d in docs] == ["q-0", "q-2", "q-3"]
    assert [d["candidates"][0]["source_id"] for d in docs] == ["orig-0", "orig-2", "orig-3"]

    queries.write_text("\n".join([lines[0], "{broken", lines[1]]) + "\n", encoding="utf-8")
    partly = _run("trace", "three.jsonl", "--library", "lib.db", "--json", cwd=tmp_path)
    assert partly.returncode == 1 and "three.jsonl:2" in partly.stderr
    assert [json.loads(x)["query"]["source_id"] for x in partly.stdout.splitlines()] == [
        "q-0", "q-2"]
    plain = _run("trace", "three.jsonl", "--library", "lib.db", "--top", "1", cwd=tmp_path)
    assert plain.returncode == 1 and all(STORIES[i][0] in plain.stdout for i in (0, 2))

    html = _run("trace", "three.jsonl", "--library", "lib.db", "--html", "r.html", cwd=tmp_path)
    assert html.returncode == 2 and "--html" in html.stderr and "Traceback" not in html.stderr
    assert not (tmp_path / "r.html").exists()
