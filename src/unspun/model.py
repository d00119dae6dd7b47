"""The plain data that flows through the pipeline, end to end.

Every stage speaks these types: one `Article`, one `Passage` (a pair of aligned
spans), one `Edit`. Offsets always refer to an article's normalised `text`, so a
report can always show the exact characters.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from unspun.inspection.types import Inspection

BlockRole = Literal["headline", "standfirst", "caption", "body"]
BLOCK_ROLES: tuple[BlockRole, ...] = get_args(BlockRole)

EditType = Literal[
    "synonym", "name", "number", "quote", "attribution", "negation", "insertion", "deletion"
]
EDIT_TYPES: tuple[EditType, ...] = get_args(EditType)
#: Edit types that change what a reader is told (reported first).
MEANING_EDITS: frozenset[str] = frozenset(
    {"name", "number", "quote", "attribution", "negation", "insertion"}
)

VerdictKind = Literal[
    "verbatim",
    "edited",
    "spun",
    "translated",
    "paraphrase",
    "summary",
    "syndicated",
    "same-story",
    "unrelated",
]
VERDICT_KINDS: tuple[VerdictKind, ...] = get_args(VerdictKind)
#: Verdicts that say "the query was copied from the candidate" (same-story/unrelated do not).
COPY_VERDICTS: frozenset[str] = frozenset(VERDICT_KINDS) - {"same-story", "unrelated"}

#: Paragraphs (blocks) of `Article.text` are joined by this separator.
PARAGRAPH_SEP = "\n\n"


@dataclass(slots=True, frozen=True)
class Block:
    """A paragraph of an article: `text[start:end]`, with its role on the page."""

    role: BlockRole
    start: int
    end: int


@dataclass(slots=True, frozen=True)
class Article:
    """One news article, normalised.

    `text` holds every block (headline first when known) joined by `PARAGRAPH_SEP`;
    `blocks` are spans over `text`. `id` is derived from `url` and `text`, so the
    same page read twice has the same id, and a changed page gets a new one.
    `source_id` is the id the input gave the article (a JSONL record's `id`), kept as
    it was so results join back to the caller's records; it plays no part in `id`.
    """

    id: str
    url: str | None
    site: str | None
    title: str
    published: date | None
    lang: str | None
    text: str
    blocks: tuple[Block, ...]
    source_id: str | None = None

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]

    def body_text(self) -> str:
        """The text without headline (what most measures should compare)."""
        parts = [self.block_text(b) for b in self.blocks if b.role != "headline"]
        return PARAGRAPH_SEP.join(parts) if parts else self.text


def article_id(url: str | None, text: str) -> str:
    """Stable id: 16 hex digits of sha256 over url and normalised text."""
    h = hashlib.sha256()
    h.update((url or "").encode("utf-8"))
    h.update(b"\x00")
    h.update(text.encode("utf-8"))
    return h.hexdigest()[:16]


@dataclass(slots=True, frozen=True)
class Passage:
    """A pair of aligned spans: `query.text[q_start:q_end]` ~ `source.text[s_start:s_end]`."""

    q_start: int
    q_end: int
    s_start: int
    s_end: int
    similarity: float


@dataclass(slots=True, frozen=True)
class Edit:
    """One typed difference inside a passage pair, with offsets on both sides.

    An insertion has an empty source span (s_start == s_end); a deletion an empty query span.
    `passage` is the index of the passage pair the edit lies in.
    """

    type: EditType
    q_start: int
    q_end: int
    s_start: int
    s_end: int
    query_text: str
    source_text: str
    passage: int = -1
    note: str = ""

    @property
    def changes_meaning(self) -> bool:
        return self.type in MEANING_EDITS


@dataclass(slots=True, frozen=True)
class Artifact:
    """A flag on the copy: spinner nonsense, a translation fragment, leftover furniture."""

    kind: Literal["unknown-word", "fragment", "furniture"]
    start: int
    end: int
    text: str
    note: str = ""


@dataclass(slots=True)
class Evidence:
    """Why a verdict was given: every number a reader needs to check it."""

    query_coverage: float = 0.0
    source_coverage: float = 0.0
    passages: int = 0
    edit_counts: dict[str, int] = field(default_factory=dict)
    artifact_counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


Direction = Literal["query", "candidate", "unknown"]


@dataclass(slots=True)
class Analysis:
    """What alignment and forensics found between a query and one candidate source."""

    verdict: VerdictKind
    confidence: float
    passages: list[Passage]
    edits: list[Edit]
    artifacts: list[Artifact]
    evidence: Evidence
    #: Which side looks derived (the copy), and why.
    derived: Direction = "unknown"
    direction_reasons: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Candidate:
    """One candidate source for a query, from retrieval, optionally analysed."""

    article: Article
    score: float
    #: Share of the query's text that this candidate covers (cheap containment).
    coverage: float
    #: Per-signal evidence from retrieval (e.g. {"minhash": 0.42, "terms_rank": 1}).
    signals: dict[str, float] = field(default_factory=dict)
    analysis: Analysis | None = None


@dataclass(slots=True)
class TraceResult:
    """The answer to `unspun trace`: the query and its ranked candidate sources."""

    query: Article
    candidates: list[Candidate]
    #: What the page itself shows, when no source was found (`unspun.inspection`).
    inspection: Inspection | None = None
