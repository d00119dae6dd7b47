"""Options of `unspun serve` (kept beside the service; `unspun.options` holds the rest)."""

from __future__ import annotations

from dataclasses import dataclass, field

from unspun.options import ReadOptions, TraceOptions

_MB = 1024 * 1024


@dataclass(slots=True, frozen=True)
class ServeOptions:
    """How the HTTP service runs. Every limit bounds memory or time a client can take."""

    #: Largest body of a trace request (JSON, form or upload), bytes.
    max_trace_bytes: int = 5 * _MB
    #: Largest body of an add request (JSONL or uploaded files), bytes.
    max_add_bytes: int = 32 * _MB
    #: Largest body of any other request (they take none), bytes.
    max_other_bytes: int = 64 * 1024
    #: Threads that trace and read (each with its own read-only connection).
    readers: int = 4
    #: Requests allowed to wait for a reader; more are refused with 503 (not queued forever).
    max_waiting: int = 512
    #: Articles the writer commits in one transaction at most (it batches queued adds).
    writer_batch: int = 500
    #: Seconds an add request waits for the writer before giving up with 503.
    writer_timeout: float = 120.0
    #: No writer at all: adding is refused with 403.
    read_only: bool = False
    #: Host names the server answers to (None: any). `unspun serve` on loopback allows only
    #: loopback names, against DNS rebinding.
    allowed_hosts: frozenset[str] | None = None
    #: Analysed candidates shown in full on the web page.
    page_sections: int = 3
    trace: TraceOptions = field(default_factory=TraceOptions)
    #: One page gives nothing to learn site furniture from.
    read: ReadOptions = field(default_factory=lambda: ReadOptions(learn_furniture=False))
