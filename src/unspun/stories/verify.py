"""Verify one candidate pair: align, judge, and keep the result as a typed `PairResult`.

Pure: the same two articles always give the same result, in any process or engine. The
pair is analysed once, the later (else shorter) article as the query; when the analysis
says the *other* side is the derived one, it is analysed again the other way round, so
the verdict kind (spun, summary ...) is always judged from the copy's side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from unspun.align.features import PreparedText, prepare
from unspun.forensics import analyze_prepared
from unspun.model import COPY_VERDICTS, MEANING_EDITS, Analysis, Article
from unspun.options import AlignOptions
from unspun.published import order
from unspun.retrieve.candidates import term_overlap
from unspun.retrieve.terms import Term, article_terms
from unspun.stories.options import StoriesOptions
from unspun.stories.types import PairResult, Relation

if TYPE_CHECKING:
    from collections.abc import Sequence

#: At most this many reasons, each at most this long, are kept per pair.
MAX_REASONS = 8
MAX_REASON_CHARS = 300


@dataclass(slots=True, frozen=True)
class Side:
    """One article of a pair with what verification derives from it alone (its sentence
    features and distinctive terms): made once per article by `side_of`, reused for every
    pair the article is in."""

    article: Article
    prepared: PreparedText
    terms: tuple[Term, ...]


def side_of(article: Article) -> Side:
    return Side(article, prepare(article), tuple(article_terms(article)))


def orient(a: Article, b: Article) -> bool:
    """True when `a` should be analysed as the query (the presumed copy) against `b`."""
    when = order(a.published, b.published)
    if when:
        return when > 0
    if len(a.text) != len(b.text):
        return len(a.text) < len(b.text)
    return a.id > b.id


def _relation(verdict: str) -> Relation:
    if verdict in COPY_VERDICTS:
        return "copy"
    return "same-story" if verdict == "same-story" else "unrelated"


def skeleton_overlap(ta: Sequence[Term], tb: Sequence[Term]) -> tuple[float, float]:
    """(Jaccard of distinctive name terms, smaller weighted distinctive-term overlap) of two
    articles' `article_terms`: how much of the event's skeleton (who, where, figures, rare
    words) they share. Independent stories written from one template share wording but not
    this."""
    na = {t.text for t in ta if t.kind == "name"}
    nb = {t.text for t in tb if t.kind == "name"}
    names = len(na & nb) / len(na | nb) if na | nb else 0.0
    terms = min(_overlap(ta, tb), _overlap(tb, ta))
    return round(names, 4), round(terms, 4)


@dataclass(slots=True, frozen=True)
class Skeleton:
    """How much of the event's skeleton a link needs to be kept (`StoriesOptions`): a copy
    link `names` or `terms`; a same-story link that joins stories `join_names` and
    `join_terms`; any link at least one of the two."""

    names: float
    terms: float
    join_names: float
    join_terms: float

    def keeps(self, names: float, terms: float) -> bool:
        """Whether a link with this skeleton overlap can be kept (as a copy or a link)."""
        return (names >= self.names or terms >= self.terms) or (
            names >= self.join_names and terms >= self.join_terms)


def skeleton_need(options: StoriesOptions) -> Skeleton:
    """The skeleton a kept link needs (`assemble.kept_links`), for the pre-check."""
    return Skeleton(options.copy_names, options.copy_terms, options.same_story_names,
                    options.same_story_terms)


def worth_verifying(a: Side, b: Side, need: Skeleton) -> bool:
    """The pre-check before alignment: False when the two articles share too little of the
    skeleton (`skeleton_overlap`, as `verify_pair` records it) for any verdict to be kept,
    so aligning them is wasted. Pure and cheap (set arithmetic over the two term lists)."""
    return need.keeps(*skeleton_overlap(a.terms, b.terms))


def _overlap(q: Sequence[Term], c: Sequence[Term]) -> float:
    return term_overlap(q, frozenset(t.text for t in c))


def _result(q: Side, s: Side, an: Analysis, known: bool) -> PairResult:
    query, source = q.article, s.article
    names, terms = skeleton_overlap(q.terms, s.terms)
    ev = an.evidence
    reasons = [*an.direction_reasons, *ev.notes][:MAX_REASONS]
    return PairResult(
        source=source.id, copy=query.id, relation=_relation(an.verdict), verdict=an.verdict,
        confidence=round(float(an.confidence), 4), direction_known=known,
        copy_coverage=round(ev.query_coverage, 4), source_coverage=round(ev.source_coverage, 4),
        passages=ev.passages,
        meaning_edits=sum(n for k, n in ev.edit_counts.items() if k in MEANING_EDITS),
        artifacts=sum(ev.artifact_counts.values()),
        edit_counts=tuple(sorted(ev.edit_counts.items())),
        reasons=tuple(r[:MAX_REASON_CHARS] for r in reasons),
        name_overlap=names, term_overlap=terms,
    )


def verify_pair(a: Side, b: Side, options: AlignOptions = AlignOptions()) -> PairResult:
    """How `a` and `b` relate: a copy (which side copied, what kind), same story, unrelated."""
    if not orient(a.article, b.article):
        a, b = b, a
    first = analyze_prepared(a.article, b.article, a.prepared, b.prepared, options)
    if first.verdict not in COPY_VERDICTS:
        return _result(a, b, first, False)
    if first.derived == "query":
        return _result(a, b, first, True)
    if first.derived == "unknown":
        return _result(a, b, first, False)
    # The source looks derived: judge the kind of copy from its side.
    second = analyze_prepared(b.article, a.article, b.prepared, a.prepared, options)
    if second.verdict in COPY_VERDICTS and second.derived != "candidate":
        return _result(b, a, second, True)
    # The two readings disagree on the kind; keep the copy link, oriented as the first
    # analysis' direction says, with its numbers seen from the copy's side.
    r = _result(a, b, first, True)
    return PairResult(r.copy, r.source, r.relation, r.verdict, r.confidence, True,
                      r.source_coverage, r.copy_coverage, r.passages, r.meaning_edits,
                      r.artifacts, r.edit_counts, r.reasons, r.name_overlap, r.term_overlap)
