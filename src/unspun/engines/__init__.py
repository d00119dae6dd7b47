"""Engines schedule the pure stories functions over a library; they compute nothing themselves.

An engine maps a *task* — a top-level function `task(library, batch) -> result` — over a
stream of batches and yields the results in input order. The task gets a read-only
`Library` opened in whatever process runs it. `unspun.engines.local` runs tasks on this
machine's cores; a Spark engine would run the same tasks (or the pure functions they call)
inside `mapInPandas`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

from unspun.library import Library

T = TypeVar("T")
R = TypeVar("R")

Task = Callable[[Library, Any], Any]


class Engine(Protocol):
    """Runs tasks over batches; results come back in input order."""

    name: str

    def map(self, task: Callable[[Library, T], R], batches: Iterable[T]) -> Iterator[R]: ...

    def close(self) -> None: ...
