"""Readers and the one writer.

Readers: a fixed pool of threads, each holding its own read-only connection to the library
(opened on first use, kept for the thread's life). Tracing is CPU-bound Python, so a few
threads are enough; requests beyond them wait, at most `max_waiting` of them (then 503).

Writer: ONE thread owns the only read-write connection. Add requests put their articles on
a queue with a future; the thread takes whatever is queued (up to `batch` articles), adds it
in one transaction (the store re-checks ids under SQLite's write lock, so `unspun add` from
another process at the same time loses nothing), and resolves each request's future with its
own counts. Readers never wait for it: SQLite WAL lets them read the last commit meanwhile.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from unspun.library import Library
from unspun.model import Article

T = TypeVar("T")


class Busy(Exception):
    """Too many requests are waiting already."""


class ReaderPool:
    """`submit(fn, ...)` runs `fn(library, ...)` on a reader thread with its own connection."""

    def __init__(self, path: Path, threads: int, max_waiting: int) -> None:
        self.path = path
        self._local = threading.local()
        self._opened: list[Library] = []
        self._lock = threading.Lock()
        self._pending = 0
        self._max = max(1, threads) + max(0, max_waiting)
        self._pool = ThreadPoolExecutor(max_workers=max(1, threads),
                                        thread_name_prefix="unspun-reader")

    def _library(self) -> Library:
        lib: Library | None = getattr(self._local, "library", None)
        if lib is None:
            lib = Library.open(self.path, readonly=True)
            self._local.library = lib
            with self._lock:
                self._opened.append(lib)
        return lib

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        with self._lock:
            if self._pending >= self._max:
                raise Busy
            self._pending += 1

        def run() -> T:
            try:
                return fn(self._library(), *args)
            finally:
                with self._lock:
                    self._pending -= 1

        return self._pool.submit(run)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        with self._lock:
            for lib in self._opened:
                lib.close()
            self._opened.clear()


@dataclass(slots=True)
class AddResult:
    """What one add request did (ids in input order, duplicates within it kept once)."""

    added: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"added": len(self.added), "already_present": len(self.present),
                "ids": self.added + self.present}


@dataclass(slots=True)
class _Job:
    articles: list[Article]
    future: Future[AddResult]


_STOP = object()


class Writer:
    """The single writer thread (see the module docstring)."""

    def __init__(self, path: Path, batch: int) -> None:
        # Opened here (in the caller) so a library that cannot be opened fails at startup.
        self._library = Library.open(path, create=True)
        self._batch = max(1, batch)
        self._queue: queue.Queue[object] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="unspun-writer", daemon=True)
        self._thread.start()

    def submit(self, articles: Sequence[Article]) -> Future[AddResult]:
        fut: Future[AddResult] = Future()
        self._queue.put(_Job(list(articles), fut))
        return fut

    def close(self) -> None:
        self._queue.put(_STOP)
        self._thread.join(timeout=60)
        self._library.close()

    def _take(self) -> tuple[list[_Job], bool]:
        """Block for one job, then take what else is queued, up to the batch size."""
        first = self._queue.get()
        if first is _STOP:
            return [], True
        assert isinstance(first, _Job)
        jobs = [first]
        size = len(first.articles)
        while size < self._batch:
            try:
                nxt = self._queue.get_nowait()
            except queue.Empty:
                break
            if nxt is _STOP:
                return jobs, True
            assert isinstance(nxt, _Job)
            jobs.append(nxt)
            size += len(nxt.articles)
        return jobs, False

    def _run(self) -> None:
        stop = False
        while not stop:
            jobs, stop = self._take()
            if not jobs:
                continue
            try:
                results = self._commit(jobs)
            except BaseException as exc:  # every waiting request must hear about it
                for job in jobs:
                    job.future.set_exception(exc)
                continue
            for job, res in zip(jobs, results, strict=True):
                job.future.set_result(res)

    def _commit(self, jobs: list[_Job]) -> list[AddResult]:
        lib = self._library
        ids = list(dict.fromkeys(a.id for job in jobs for a in job.articles))
        before: set[str] = set()
        for i in range(0, len(ids), 900):
            chunk = ids[i : i + 900]
            q = f"SELECT id FROM articles WHERE id IN ({','.join('?' * len(chunk))})"
            before.update(r[0] for r in lib.conn.execute(q, chunk))
        every = [a for job in jobs for a in job.articles]
        for i in range(0, len(every), self._batch):  # one large request: several transactions
            lib.add_articles(every[i : i + self._batch])
        # Counts per request: an id is "added" for the first request in this batch carrying it.
        claimed = set(before)
        out: list[AddResult] = []
        for job in jobs:
            res = AddResult()
            for aid in dict.fromkeys(a.id for a in job.articles):
                (res.present if aid in claimed else res.added).append(aid)
                claimed.add(aid)
            out.append(res)
        return out
