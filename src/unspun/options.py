"""Typed option objects: one per operation, passed whole instead of many keyword arguments."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Pages larger than this are refused (hostile or broken input).
MAX_PAGE_BYTES = 20 * 1024 * 1024
#: Article text longer than this is truncated to keep every stage bounded.
MAX_TEXT_CHARS = 400_000


@dataclass(slots=True, frozen=True)
class ReadOptions:
    """How inputs are read into Articles."""

    max_page_bytes: int = MAX_PAGE_BYTES
    max_text_chars: int = MAX_TEXT_CHARS
    #: JSONL field names: our name -> the name in the file.
    field_map: dict[str, str] = field(default_factory=dict)
    #: Drop site furniture (data-driven list + learned per-site repeats).
    clean: bool = True
    #: File extensions a folder walk picks up.
    extensions: tuple[str, ...] = (".html", ".htm", ".txt", ".jsonl", ".warc", ".warc.gz", ".json")
