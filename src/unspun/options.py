"""Typed option objects: one per operation, passed whole instead of many keyword arguments."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Pages larger than this are refused (hostile or broken input).
MAX_PAGE_BYTES = 20 * 1024 * 1024
#: Article text longer than this is truncated to keep every stage bounded.
MAX_TEXT_CHARS = 400_000
#: The term search skips terms found in more articles than this (`RetrieveOptions.max_df`).
MAX_TERM_DF = 2000


#: Our names of the JSONL fields a reader takes (the keys of `ReadOptions.field_map`).
JSONL_FIELDS: tuple[str, ...] = ("text", "html", "url", "site", "title", "published",
                                 "source_id")


@dataclass(slots=True, frozen=True)
class ReadOptions:
    """How inputs are read into Articles."""

    max_page_bytes: int = MAX_PAGE_BYTES
    max_text_chars: int = MAX_TEXT_CHARS
    #: JSONL field names: our name (one of `JSONL_FIELDS`) -> the name in the file.
    field_map: dict[str, str] = field(default_factory=dict)
    #: Drop site furniture (data-driven list + learned per-site repeats).
    clean: bool = True
    #: Also learn furniture from lines one site repeats on many pages (needs `clean`).
    learn_furniture: bool = True
    #: Articles held back to learn site furniture from before the first is emitted.
    furniture_warmup: int = 1000
    #: File extensions a folder walk picks up.
    extensions: tuple[str, ...] = (".html", ".htm", ".txt", ".jsonl", ".warc", ".warc.gz", ".json")


#: A page read as it was, the way `unspun inspect` reads it: furniture a scraper left in is
#: evidence of rewriting, so nothing is cleaned or learned away.
AS_IS = ReadOptions(clean=False, learn_furniture=False)


@dataclass(slots=True, frozen=True)
class AlignOptions:
    """How two texts are aligned into passage pairs (see `unspun.align`)."""

    #: Sentence pairs at least this similar (weighted Dice of stems) seed a passage.
    seed_threshold: float = 0.34
    #: Neighbouring sentence pairs at least this similar extend a passage at its ends.
    extend_threshold: float = 0.2
    #: Sentences allowed between two seeds of one passage (in either text).
    max_gap: int = 2
    #: Wider gap once the query looks like a summary of the source.
    summary_gap: int = 5
    #: The query is treated as a summary when it has at most this share of the source's tokens.
    summary_ratio: float = 0.55
    #: Garbled words (Simmons / Symonds) match when their character similarity reaches this.
    fuzzy_threshold: float = 0.7
    #: Exact token runs at least this long seed passages directly (the verbatim path).
    verbatim_min_tokens: int = 8
    #: Passages with fewer query tokens than this are dropped unless near-verbatim.
    min_passage_tokens: int = 6
    #: At most this many candidate partners are kept per query sentence.
    max_partners: int = 3


@dataclass(slots=True, frozen=True)
class AddOptions:
    """How `unspun add` writes to the library."""

    #: Articles per transaction: a crash loses at most one uncommitted batch.
    batch_size: int = 500
    #: Also store each article's dense vector (needs the `semantic` extra).
    semantic: bool = False
    #: Processes reading and fingerprinting (the writer is one more); None: the cores.
    workers: int | None = None


@dataclass(slots=True, frozen=True)
class RetrieveOptions:
    """How candidate sources are retrieved for one query article."""

    #: Candidates returned (at most).
    top: int = 10
    #: Fused candidates re-scored with containment before the final ranking.
    pool: int = 20
    #: Per-signal candidate list lengths.
    lsh_limit: int = 50
    terms_limit: int = 50
    #: Distinctive terms of the query used in the term search (rarest first).
    query_terms: int = 40
    #: A term in more articles than this (or than 5% of the library) proposes no candidates:
    #: it bounds each search's work, so searching a whole library grows linearly with it.
    max_df: int = MAX_TERM_DF
    #: Reciprocal-rank fusion constant (1 / (k + rank)).
    rrf_k: int = 60
    #: Reporting threshold: candidates scoring below it are not returned.
    min_score: float = 0.15
    #: Also use dense sentence vectors (needs the `semantic` extra).
    semantic: bool = False
    #: Nearest stored vectors taken as the semantic signal's ranking.
    semantic_limit: int = 50


@dataclass(slots=True, frozen=True)
class InspectOptions:
    """How `unspun inspect` (and trace, when it finds no source) reads a page on its own."""

    #: Library articles on the same event to list (where to look).
    leads: int = 5
    #: Of the retrieved candidates, this many are aligned and judged (`inspect` only).
    analyze: int = 3
    #: Search phrases to suggest.
    phrases: int = 8


@dataclass(slots=True, frozen=True)
class TraceOptions:
    """How `unspun trace` finds and explains the sources of one article."""

    retrieve: RetrieveOptions = field(default_factory=RetrieveOptions)
    align: AlignOptions = field(default_factory=AlignOptions)
    #: Candidates (best first) that are aligned and given a verdict.
    analyze: int = 5
    #: Keep analysed candidates whose verdict is `unrelated` in the result.
    keep_unrelated: bool = False
    #: When no source is found, inspect the page on its own (None: never).
    inspect: InspectOptions | None = field(default_factory=InspectOptions)
