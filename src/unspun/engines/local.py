"""The local engine: a process pool on this machine, each worker with its own read-only
connection to the library.

Memory stays bounded: at most `window` batches are in flight (the input stream is pulled
only as results come back), unlike `Pool.imap`, which drains its whole input at once.
With one worker, tasks run in this process on the caller's library.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Any, TypeVar

from unspun.library import Library

T = TypeVar("T")
R = TypeVar("R")

_WORKER_LIBRARY: Library | None = None


def _init_worker(path: str) -> None:
    global _WORKER_LIBRARY
    _WORKER_LIBRARY = Library.open(path, readonly=True)


def _run(task: Callable[[Library, Any], Any], batch: Any) -> Any:
    assert _WORKER_LIBRARY is not None, "worker library not opened"
    return task(_WORKER_LIBRARY, batch)


class LocalEngine:
    """`workers` processes (spawned: a forked SQLite connection is unsafe)."""

    name = "local"

    def __init__(self, library: Library, workers: int = 2, window: int | None = None) -> None:
        self.library = library
        self.workers = max(1, workers)
        self.window = window or 3 * self.workers
        self._pool: Pool | None = None

    def _get_pool(self) -> Pool:
        if self._pool is None:
            ctx = mp.get_context("spawn")
            self._pool = ctx.Pool(self.workers, initializer=_init_worker,
                                  initargs=(str(Path(self.library.path).resolve()),))
        return self._pool

    def map(self, task: Callable[[Library, T], R], batches: Iterable[T]) -> Iterator[R]:
        if self.workers == 1:
            for b in batches:
                yield task(self.library, b)
            return
        pool = self._get_pool()
        pending: deque[AsyncResult[R]] = deque()
        for b in batches:
            pending.append(pool.apply_async(_run, (task, b)))
            if len(pending) >= self.window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None and self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        self.close()
