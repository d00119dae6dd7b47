"""The plain data of an inspection: what a page shows about itself when no source is found."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

FlagKind = Literal[
    "nonsense-word", "broken-attribution", "fragment", "duplicate", "furniture",
    "spelling-mix", "garbled-name", "function-words", "rare-words", "headline-mismatch",
]


@dataclass(slots=True, frozen=True)
class Flag:
    """One sign of machine rewriting: `text[start:end]` of the page, and why it counts.

    Document-level flags (function-word profile, rare words, headline) span what they judge
    (the whole body, the headline)."""

    kind: FlagKind
    start: int
    end: int
    text: str
    reason: str


@dataclass(slots=True, frozen=True)
class GarbledName:
    """A page name one small edit away from a name many library articles use in the same
    context: "Reinsal (library: Reinsalu, 14 articles)"."""

    name: str
    start: int
    end: int
    library_name: str
    #: Library articles using `library_name`, and how many of them also name one of the
    #: page's other names (`context`).
    articles: int
    in_context: int
    context: tuple[str, ...]
    #: Library articles using the page's spelling.
    page_spelling_articles: int


@dataclass(slots=True, frozen=True)
class Lead:
    """A library article on the same event (a place to start looking for the source)."""

    article_id: str
    url: str | None
    site: str | None
    title: str
    published: str | None
    score: float
    verdict: str | None


@dataclass(slots=True)
class Inspection:
    """The page-alone report: a calibrated machine-rewriting score with its evidence, names
    against the library, and where to look."""

    #: P(machine-rewritten) from the fitted model (0..1), and whether it passes the threshold.
    score: float
    rewritten: bool
    threshold: float
    flags: list[Flag] = field(default_factory=list)
    #: Feature name -> value (what the model read).
    features: dict[str, float] = field(default_factory=dict)
    #: (feature, contribution to the log-odds), largest effect first.
    contributions: list[tuple[str, float]] = field(default_factory=list)
    garbled: list[GarbledName] = field(default_factory=list)
    #: Distinctive phrases and names to paste into a search engine or a news archive, best
    #: first, and one combined query.
    phrases: list[str] = field(default_factory=list)
    query: str = ""
    leads: list[Lead] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
