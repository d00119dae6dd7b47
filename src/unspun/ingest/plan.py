"""Reading in two parts: a cheap sequential plan, and the costly pure work it leaves.

A reader walks its input in order (files, lines, WARC records: cheap, and stateful: line
numbers, counts, a truncated archive's tail) and leaves the costly part of each page or
record (JSON decoding, HTML extraction, cleaning, the language guess) as a `Pending`: a
module-level function and its arguments, which any process can run. `evaluate` runs them
in order in this process; `unspun add --workers N` runs them in worker processes and puts
the results back in the same order. Either way the same items come out in the same order,
which is what makes the library the same whatever the worker count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from unspun.errors import InputError
from unspun.model import Article

Item = Article | InputError
#: What a pending function returns: the item, and a note for `Pending.after` (or None).
Outcome = tuple[Item, Any]


@dataclass(frozen=True, slots=True)
class Pending:
    """`fn(*args)`, to be run anywhere; `after(item, note)` then runs in the reading process.

    `fn` must be a module-level function (sent to worker processes by reference), pure, and
    catch its own errors: a failure is an `InputError` naming the input, never an exception,
    so one bad record cannot end the batch. `after` (not sent anywhere) does what needs the
    reader's state, in input order: e.g. one warning per file.
    """

    fn: Callable[..., Outcome]
    args: tuple[Any, ...]
    after: Callable[[Item, Any], Item] | None = None

    def run(self) -> Outcome:
        return self.fn(*self.args)

    def finish(self, outcome: Outcome) -> Item:
        item, note = outcome
        return item if self.after is None else self.after(item, note)


Planned = Item | Pending


def evaluate(planned: Iterable[Planned]) -> Iterator[Item]:
    """The items of a plan, each pending one run here, in order."""
    for p in planned:
        yield p.finish(p.run()) if isinstance(p, Pending) else p
