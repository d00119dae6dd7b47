"""`unspun add --workers N`: the same library whatever N, and crash-safe with workers.

The digests cover every table of the file (FTS5's own tables too), leaving out only the
clock (`added_at`, `created_at`).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from library_fixtures import article_count, library_digest, write_corpus
from unspun.errors import InputError
from unspun.ingest import iter_articles
from unspun.ingest.jsonl import plan_jsonl
from unspun.ingest.plan import Pending, evaluate
from unspun.library import FingerprintParams, Library
from unspun.library.fingerprint import FingerprintCache, index_entries
from unspun.library.parallel import ParallelReader, pack, read_inputs, run_chunk, unpack
from unspun.model import Article
from unspun.options import ReadOptions
from warc_fixtures import Response, write_warc


def _add(corpus: Path, db: Path, workers: int, batch: int = 50
         ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "unspun", "add", str(corpus), "--library",
                           str(db), "--workers", str(workers), "--batch-size", str(batch)],
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _key(item: Article | InputError) -> object:
    return item if isinstance(item, Article) else ("error", str(item))


def test_run_chunk_is_what_reading_and_fingerprinting_give(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 40, extras=True)
    params = FingerprintParams().resolved()
    with corpus.open("rb") as fh:
        plan = list(plan_jsonl(fh, str(corpus)))
    pending = [p for p in plan if isinstance(p, Pending)]
    results = run_chunk([(p.fn, p.args) for p in pending], params)
    with corpus.open("rb") as fh:
        serial = [x for x in evaluate(plan_jsonl(fh, str(corpus)))]
    got = [unpack(r[0]) if isinstance(r[0], tuple) else r[0] for r in results]
    assert [_key(x) for x in got] == [_key(x) for x in serial if not (
        isinstance(x, InputError) and x.reason.startswith("line is longer"))]
    arts = [a for a in got if isinstance(a, Article)]
    entries = [r[2] for r in results if r[2] is not None]
    assert entries == index_entries(arts, params)
    assert all(unpack(pack(a)) == a for a in arts)


def test_fingerprint_cache_serves_only_the_object_it_was_made_for() -> None:
    art = Article("x1", None, None, "t", None, None, "t", ())
    twin = Article("x1", None, None, "t", None, None, "t", ())
    cache = FingerprintCache(limit=2)
    cache.put(art, ((1,), "t", frozenset()))
    assert cache.take(twin) is None  # equal, but not the object: made again by the store
    cache.put(art, ((1,), "t", frozenset({"tallinn"})))
    assert cache.take(art) == ((1,), "t", frozenset({"tallinn"})) and len(cache) == 0
    for i in range(5):
        cache.put(Article(f"y{i}", None, None, "t", None, None, "t", ()), ((i,), "", frozenset()))
    assert len(cache) == 2


def test_parallel_reader_gives_the_items_iter_articles_gives(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    write_corpus(corpus, 300, extras=True)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html").write_text(
        "<html><head><title>Harbour news</title></head><body><article><h1>Harbour news</h1>"
        "<p>The harbour of Vallmark reopened on Tuesday after a storm closed it for a week, "
        "the port authority said.</p></article></body></html>", encoding="utf-8")
    (tmp_path / "pages" / "b.txt").write_bytes(b"\x00\x01binary")
    page = ("<html><body><article><h1>Ferry {i}</h1><p>The ferry to Vallmark ran {i} times "
            "on Sunday, the harbour master said in a statement.</p></article></body></html>")
    write_warc(tmp_path / "crawl.warc.gz", [
        *(Response(f"https://port.example/{i}", page.format(i=i).encode()) for i in range(5)),
        Response("https://port.example/gone", b"", status="404 Not Found")])
    inputs = [str(corpus), str(tmp_path / "pages"), str(tmp_path / "crawl.warc.gz"),
              str(tmp_path / "missing.jsonl")]
    read = ReadOptions()
    serial = list(iter_articles(inputs, read))
    params = FingerprintParams().resolved()
    with ParallelReader(2, params, chunk=16, start_after=1) as reader:
        got = list(read_inputs(inputs, read, reader))
        cached = len(reader.cache)
    assert [_key(x) for x in got] == [_key(x) for x in serial]
    assert any(isinstance(x, InputError) for x in got)
    assert sum(isinstance(x, Article) and "port.example" in (x.url or "") for x in got) == 5
    assert cached > 0  # the workers made fingerprints ahead


def test_a_failing_plan_hands_on_what_was_read_then_raises() -> None:
    def plan() -> object:
        for i in range(40):
            text = f"Headline {i}\n\nThe council of Vallmark met on day {i} to vote."
            yield Pending(_text_outcome, (text,))
        raise OSError("disk gone")

    params = FingerprintParams().resolved()
    got: list[object] = []
    with ParallelReader(2, params, chunk=8, start_after=1) as reader, \
            pytest.raises(OSError, match="disk gone"):
        got.extend(reader.items(plan()))  # type: ignore[arg-type]
    assert len(got) == 40


def _text_outcome(text: str) -> tuple[Article | InputError, None]:
    from unspun.ingest import article_from_text

    return article_from_text(text), None


@pytest.mark.slow
def test_library_is_the_same_for_1_and_n_workers(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 1500, extras=True)
    digests = []
    for workers in (1, 2, 3):
        db = tmp_path / f"w{workers}.db"
        done = _add(corpus, db, workers)
        # Bad lines are one line each, naming the file and line; the rest goes on; exit 1.
        assert done.returncode == 1, done.stderr
        assert f"{corpus}:" in done.stderr and "not valid JSON" in done.stderr
        assert "failed 33" in done.stdout.replace("\n", " "), done.stdout
        with Library.open(db, readonly=True) as lib:
            assert lib.check() == []
            assert lib.stats().superseded > 0
        digests.append(library_digest(db))
    assert digests[0] == digests[1] == digests[2]


def _children(pid: int) -> list[int]:
    """Process ids of `pid`'s children (Linux /proc)."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _wait_gone(pids: list[int], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    left = list(pids)
    while left and time.monotonic() < deadline:
        left = [p for p in left if Path(f"/proc/{p}").exists()
                and "Z" not in Path(f"/proc/{p}/stat").read_text().split()[2:3]]
        time.sleep(0.1)
    for p in left:  # never leave them running, even when the test fails
        os.kill(p, signal.SIGKILL)
    assert not left, f"workers {left} outlived their killed parent"


def _present(summary: str) -> int:
    m = re.search(r"already present (\d+)", summary)
    assert m, summary
    return int(m.group(1))


@pytest.mark.slow
def test_killed_parallel_add_recovers_to_the_clean_library(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 3000, extras=True)
    clean = tmp_path / "clean.db"
    first = _add(corpus, clean, 2, batch=100)
    assert first.returncode == 1
    db = tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "unspun", "add", str(corpus), "--library", str(db),
           "--workers", "2", "--batch-size", "100"]
    killed_at = []
    seen_workers = 0
    for target in (1, 1200):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 300
        while article_count(db) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        workers = _children(proc.pid)
        seen_workers += len(workers)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        killed_at.append(article_count(db))
        _wait_gone(workers)  # a killed run's workers end with it
        with Library.open(db, readonly=True) as lib:  # whole after every kill
            assert lib.check() == []
    assert killed_at[-1] < article_count(clean), killed_at  # the kills landed mid-run
    assert seen_workers >= 2  # with workers running
    again = _add(corpus, db, 2, batch=100)
    assert again.returncode == 1, again.stderr
    # Present: what the killed runs committed, plus the records the corpus repeats.
    assert _present(again.stdout) == killed_at[-1] + _present(first.stdout)
    assert library_digest(db) == library_digest(clean)


def test_cli_add_reads_stdin_with_workers(tmp_path: Path) -> None:
    text = "Harbour reopens\n\nThe harbour of Vallmark reopened on Tuesday, officials said."
    done = subprocess.run([sys.executable, "-m", "unspun", "add", "-", "--library",
                           str(tmp_path / "l.db"), "--workers", "2"], input=text,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "added 1" in done.stdout
