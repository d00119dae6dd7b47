"""What the three reports (JSON, terminal, HTML) share: edit order and plain-words labels.

Every report orders edits the same way, so "the first edit" means the same thing in all of
them: edits that change what a reader is told come first, most serious type first
(a changed name, then number, quote, attribution, negation, inserted text), then position;
harmless edits follow in text order.
"""

from __future__ import annotations

from collections.abc import Sequence

from unspun.model import MEANING_EDITS, Analysis, Candidate, Edit

#: Meaning-changing edit types, most serious first (the order reports list them in).
MEANING_ORDER: tuple[str, ...] = ("name", "number", "quote", "attribution", "negation", "insertion")

#: One line per verdict, in words a reader can act on.
VERDICT_TEXT: dict[str, str] = {
    "verbatim": "copied word for word",
    "edited": "copied, with a few words or sentences changed",
    "spun": "machine-rewritten copy: words swapped for near-synonyms",
    "translated": "copy passed through translation (word order and function words disturbed)",
    "paraphrase": "rewritten in other words, sentence by sentence",
    "summary": "shortened copy: most sentences dropped, the rest condensed",
    "syndicated": "the same text republished, as wire or partner copy",
    "same-story": "independent reporting of the same event, not a copy",
    "unrelated": "no relation found",
}

#: One line per edit type, for legends.
EDIT_TEXT: dict[str, str] = {
    "name": "a person, place or organisation altered",
    "number": "a number, date or amount altered",
    "quote": "words inside quotation marks altered",
    "attribution": "who said it dropped or changed",
    "negation": "a negation added or removed",
    "insertion": "text the source never had",
    "deletion": "source text left out",
    "synonym": "harmless wording change",
}


def edit_rank(edit: Edit) -> tuple[int, int, int]:
    """Sort key: meaning-changing first (by seriousness), then by position in the query."""
    if edit.type in MEANING_EDITS:
        kind = MEANING_ORDER.index(edit.type) if edit.type in MEANING_ORDER else len(MEANING_ORDER)
    else:
        kind = len(MEANING_ORDER) + 1
    return (kind, edit.q_start, edit.s_start)


def ordered_edits(edits: Sequence[Edit]) -> list[Edit]:
    """The edits in report order (stable for equal keys)."""
    return sorted(edits, key=edit_rank)


def direction_text(analysis: Analysis) -> str:
    """Which side looks derived, in words."""
    if analysis.derived == "query":
        return "this page looks like the copy"
    if analysis.derived == "candidate":
        return "the candidate looks like the copy (this page may be the original)"
    return "which side is the copy is unknown"


def analysed(candidates: Sequence[Candidate]) -> list[tuple[int, Candidate, Analysis]]:
    """(rank, candidate, analysis) for every candidate that was analysed, in rank order."""
    return [(i, c, c.analysis) for i, c in enumerate(candidates) if c.analysis is not None]


def clamp_span(start: int, end: int, length: int) -> tuple[int, int]:
    """A span clipped to [0, length] with start <= end (reports never trust offsets blindly)."""
    start = max(0, min(start, length))
    end = max(start, min(end, length))
    return start, end
