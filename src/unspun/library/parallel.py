"""`unspun add --workers N`: reading and fingerprints in worker processes, one writer.

The reading process walks the inputs (`ingest.plan_articles`: files, lines, records) and
sends the costly part of each page or record, in chunks, to `workers` processes, which read
it into an Article (decoding, extraction, cleaning, the language guess) and make its
fingerprint (terms, MinHash, band keys) and its names for the names index. Results come back
in input order; the reading process then strips learned site furniture (it needs every page
before, in order), and the one writer (`Library.add`, in the reading process) stores batches
in order, one transaction each. So a library is the same whatever the worker count: the same
articles in the same order get the same doc numbers, and fingerprints are pure functions
(the worker's are only a cache, `FingerprintCache`: any the store does not find it makes
itself). Crash safety is the writer's, unchanged: kill -9 loses at most the uncommitted
batch. Workers are spawned (a forked SQLite connection is unsafe) and ignore SIGINT, so a
Ctrl-C stops the run once, in the reading process.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from multiprocessing import get_context
from typing import Any

from unspun.errors import InputError, UnspunError
from unspun.ingest.plan import Item, Outcome, Pending, Planned
from unspun.ingest.sources import plan_articles, with_site_furniture
from unspun.library.fingerprint import FingerprintCache, IndexEntry, index_entries
from unspun.library.minhash import FingerprintParams
from unspun.model import Article, Block, BlockRole
from unspun.options import ReadOptions

#: Pending pages or records sent to a worker at once (amortises the round trip).
CHUNK = 64
#: Chunks in flight per worker: enough to keep workers busy while the writer commits.
WINDOW_PER_WORKER = 4
#: Fewer pending items than this in the whole input are read here: starting workers
#: (a new interpreter importing unspun, ~0.5 s each) would cost more than it saves.
START_AFTER = 2 * CHUNK
#: How often a worker checks that the process that started it is still there.
PARENT_POLL_SECONDS = 0.5

Task = tuple[Callable[..., Outcome], tuple[Any, ...]]

_PARAMS: FingerprintParams | None = None


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(params: FingerprintParams) -> None:
    global _PARAMS
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the reading process's
    _PARAMS = params
    parent = os.getppid()
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """End this worker once its parent is gone (killed with -9, say): a pool's worker holds
    both ends of its task pipe, so it would wait for tasks forever."""
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(1)


#: An Article as plain tuples: pickled ~3x faster than the dataclasses (it crosses a pipe).
Packed = tuple[str, str | None, str | None, str, date | None, str | None, str,
               tuple[tuple[BlockRole, int, int], ...], str | None]
#: A task's result as it crosses the pipe: (packed article or error, note, index entry).
Result = tuple[Packed | InputError, Any, IndexEntry | None]


def pack(a: Article) -> Packed:
    return (a.id, a.url, a.site, a.title, a.published, a.lang, a.text,
            tuple((b.role, b.start, b.end) for b in a.blocks), a.source_id)


def unpack(p: Packed) -> Article:
    aid, url, site, title, published, lang, text, blocks, source_id = p
    return Article(aid, url, site, title, published, lang, text,
                   tuple(Block(r, s, e) for r, s, e in blocks), source_id)


def run_chunk(tasks: list[Task], params: FingerprintParams | None) -> list[Result]:
    """Each task's outcome, packed, with its article's index entry (None for an error, or
    without `params`). Pure."""
    outcomes = [fn(*args) for fn, args in tasks]
    arts = [item for item, _ in outcomes if isinstance(item, Article)]
    entries = iter(index_entries(arts, params) if params is not None and arts else [])
    out: list[Result] = []
    for item, note in outcomes:
        if isinstance(item, Article):
            out.append((pack(item), note, next(entries, None)))
        else:
            out.append((item, note, None))
    return out


def _work(tasks: list[Task]) -> list[Result]:
    return run_chunk(tasks, _PARAMS)


class ParallelReader:
    """Runs a plan's pending items in `workers` processes; yields items in input order.

    Fingerprints the workers made go to `cache`, for `Library.add(..., prepared=cache)`.
    Use as a context manager (or call `close`): it stops the workers.
    """

    def __init__(self, workers: int, params: FingerprintParams, *, chunk: int = CHUNK,
                 window: int | None = None, start_after: int = START_AFTER) -> None:
        self.workers = max(1, workers)
        self.params = params.resolved()
        self.chunk = max(1, chunk)
        self.window = window or WINDOW_PER_WORKER * self.workers
        self.start_after = start_after
        self.cache = FingerprintCache()
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ParallelReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def _get_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(self.workers, mp_context=get_context("spawn"),
                                             initializer=_init_worker,
                                             initargs=(self.params,))
        return self._pool

    def items(self, planned: Iterable[Planned]) -> Iterator[Item]:
        """The plan's items in order, pending ones run by the workers.

        A short plan (fewer than `start_after` pending items) is run here, without workers.
        When the plan raises, the items already sent out are yielded first, then the
        exception goes on (as `Library.add` expects of a stream: it keeps what came).
        """
        it = iter(planned)
        head: list[Planned] = []
        n_pending = 0
        for p in it:
            head.append(p)
            n_pending += isinstance(p, Pending)
            if self.workers > 1 and n_pending >= self.start_after:
                break
        else:  # a short plan (or one worker): no workers started
            for p in head:
                yield p.finish(p.run()) if isinstance(p, Pending) else p
            return
        yield from self._run(head, it)

    def _run(self, head: list[Planned], rest: Iterator[Planned]) -> Iterator[Item]:
        pool = self._get_pool()
        flight: deque[tuple[list[Planned], Future[list[Result]]]]
        flight = deque()
        group: list[Planned] = []
        tasks: list[Task] = []

        def send() -> None:
            nonlocal group, tasks
            flight.append((group, pool.submit(_work, tasks)))
            group, tasks = [], []

        def take() -> Iterator[Item]:
            entries, fut = flight.popleft()
            try:
                results = iter(fut.result())
            except BrokenProcessPool as exc:
                raise UnspunError("a worker process of `unspun add` died (out of memory?); "
                                  "what was stored is kept: run the same add again") from exc
            for e in entries:
                if isinstance(e, Pending):
                    got, note, entry = next(results)
                    art = got if isinstance(got, InputError) else unpack(got)
                    item = e.finish((art, note))
                    if entry is not None and isinstance(item, Article):
                        self.cache.put(item, entry)
                    yield item
                else:
                    yield e

        def plan() -> Iterator[Planned]:
            yield from head
            yield from rest

        try:
            for p in plan():
                group.append(p)
                if isinstance(p, Pending):
                    tasks.append((p.fn, p.args))
                    if len(tasks) >= self.chunk:
                        send()
                        while len(flight) >= self.window:
                            yield from take()
        except Exception:
            # The plan failed: hand on what was sent and read before it, then the failure.
            if tasks or group:
                send()
            while flight:
                yield from take()
            raise
        if tasks or group:
            send()
        while flight:
            yield from take()


def read_inputs(inputs: Sequence[str], options: ReadOptions, reader: ParallelReader
                ) -> Iterator[Item]:
    """`ingest.iter_articles(inputs, options)`, the same items in the same order, the pending
    work run by `reader`'s workers."""
    return with_site_furniture(reader.items(plan_articles(inputs, options)), options)
