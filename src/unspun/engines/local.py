"""The local engine: a process pool on this machine, each worker with its own read-only
connection to the library.

Memory stays bounded: at most `window` batches are in flight (the input stream is pulled
only as results come back), unlike `Pool.imap`, which drains its whole input at once.
With one worker, tasks run in this process on the caller's library.

Ctrl-C is the caller's: workers ignore SIGINT (a terminal sends it to the whole process
group), so the KeyboardInterrupt is raised once, in the caller, which stops the run; closing
the engine then terminates workers whose results nobody will collect instead of waiting for
them.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
import threading
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
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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
        #: Tasks sent whose results were not taken: a map left before its end leaves some.
        self._outstanding = 0

    def _get_pool(self) -> Pool:
        if self._pool is None:
            ctx = mp.get_context("spawn")
            # Workers start with SIGINT ignored (an ignored signal stays ignored in the new
            # interpreter), so a Ctrl-C while they import cannot reach them either. (Only
            # from the main thread, with a handler Python can put back.)
            main = threading.current_thread() is threading.main_thread()
            old = signal.getsignal(signal.SIGINT) if main else None
            if old is not None:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
            try:
                self._pool = ctx.Pool(self.workers, initializer=_init_worker,
                                      initargs=(str(Path(self.library.path).resolve()),))
            finally:
                if old is not None:
                    signal.signal(signal.SIGINT, old)
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
            self._outstanding += 1
            if len(pending) >= self.window:
                yield self._take(pending)
        while pending:
            yield self._take(pending)

    def _take(self, pending: deque[AsyncResult[R]]) -> R:
        got = pending[0].get()
        pending.popleft()
        self._outstanding -= 1
        return got

    def close(self) -> None:
        """Stop the workers: wait for them when every result was taken, else (a map was
        left by an exception, a Ctrl-C, a consumer that stopped) terminate them, since
        waiting would wait for work nobody collects."""
        if self._outstanding:
            self.terminate()
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def terminate(self) -> None:
        """Stop the workers now, dropping the tasks in flight."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None
        self._outstanding = 0

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None:
            self.terminate()
        self.close()
