"""Forensics: typed edits, artifacts, a verdict and a direction for one query/source pair.

`analyze(query, source)` is the one entry point: it aligns the two articles, types every
edit inside the aligned passages, flags rewriting artifacts on the query, decides what
the relation is (`verbatim` ... `same-story`, `unrelated`) with a confidence and the
evidence in plain words, and says which side looks derived. Pure and deterministic.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from unspun.align.features import PreparedText, derived, prepare
from unspun.align.passages import Alignment, align_detail
from unspun.forensics.artifacts import find_artifacts, furniture
from unspun.forensics.direction import DirectionEvidence, judge_direction, oddness
from unspun.forensics.edits import (
    MISSPELLED,
    WORDING_CHANGED,
    alignment_edits,
    is_slot_swap,
)
from unspun.forensics.features import copy_features
from unspun.forensics.kinds import CopyTraits
from unspun.forensics.signals import Signals, compute_signals
from unspun.forensics.templates import other_figures, other_subject
from unspun.forensics.verdict import Decision, copy_evidence, decide, kind_vector
from unspun.model import COPY_VERDICTS, Analysis, Article, Artifact, Edit, Evidence, Passage
from unspun.options import AlignOptions

__all__ = ["analyze", "analyze_prepared", "direction_inputs", "kind_inputs", "pair_features",
           "pair_inputs"]

#: A short line outside every passage (a credit line, a dateline) has at most this many words.
CREDIT_MAX_TOKENS = 15


def analyze(query: Article, source: Article, options: AlignOptions = AlignOptions()) -> Analysis:
    """Align `query` with `source` and explain what the query did with it."""
    return analyze_prepared(query, source, prepare(query), prepare(source), options)


def analyze_prepared(
    query: Article,
    source: Article,
    q: PreparedText,
    s: PreparedText,
    options: AlignOptions = AlignOptions(),
) -> Analysis:
    """As `analyze`, with both texts already prepared (one query against many candidates)."""
    pe = _pair_evidence(query, source, q, s, options)
    sig, alignment = pe.traits.signals, pe.alignment
    passages = [ap.passage for ap in alignment.passages]
    decision = _decide(pe)
    if decision.verdict not in COPY_VERDICTS:
        # no copy, no edits: differences between independent texts are not edits, and
        # only furniture is a fact about the query page itself
        artifacts = furniture(query.text)
        return Analysis(
            verdict=decision.verdict,
            confidence=decision.confidence,
            passages=passages,
            edits=[],
            artifacts=artifacts,
            evidence=_evidence(sig, passages, [], artifacts, list(decision.notes)),
            derived="unknown",
            direction_reasons=["not a copy: neither text is derived from the other"],
        )
    artifacts, repeats = pe.artifacts, pe.repeats
    edits = _copy_edits(query, q, pe, decision.verdict)
    notes = list(decision.notes)
    if repeats:
        notes.append(f"{len(repeats)} sentence(s) of the source printed twice in the query")
    direction = judge_direction(_direction_evidence(
        query, source, q, s, sig, edits, len(artifacts), decision.verdict in ("spun", "edited")))
    return Analysis(
        verdict=decision.verdict,
        confidence=decision.confidence,
        passages=passages,
        edits=edits,
        artifacts=artifacts,
        evidence=_evidence(sig, passages, edits, artifacts, notes),
        derived=direction.derived,
        direction_reasons=list(direction.reasons),
    )


def pair_features(query: Article, source: Article,
                  options: AlignOptions = AlignOptions()) -> tuple[float, ...]:
    """The copy decision's evidence vector for one pair (`features.FEATURES` order): what
    `scripts/train_verdict.py` fits the model on, computed exactly as `analyze` does."""
    return pair_inputs(query, source, options)[0]


def pair_inputs(query: Article, source: Article,
                options: AlignOptions = AlignOptions()) -> tuple[tuple[float, ...], bool]:
    """The evidence vector and whether the template check rules a copy out whatever the
    model says (one template filled for another subject, or another day's figures): the
    model decides only the pairs it does not veto, so it is fitted and its threshold chosen
    on those."""
    pe = _pair_evidence(query, source, prepare(query), prepare(source), options)
    t = pe.traits
    return (copy_features(t.signals, t.stats, t.artifact_counts, copy_evidence(t.signals)[0]),
            t.other_subject or t.other_figures)


def kind_inputs(query: Article, source: Article, options: AlignOptions = AlignOptions()
                ) -> tuple[tuple[float, ...], str]:
    """The kind model's input for a pair taken as a copy, and the kind rules' reading
    (what `scripts/train_kind.py` fits on), computed exactly as `analyze` does."""
    pe = _pair_evidence(query, source, prepare(query), prepare(source), options)
    x, rule, _why = kind_vector(pe.traits, copy_evidence(pe.traits.signals)[0])
    return x, rule


def direction_inputs(query: Article, source: Article,
                     options: AlignOptions = AlignOptions()) -> DirectionEvidence | None:
    """The direction evidence `analyze` weighs for this pair, or None when it is no copy
    (what `scripts/train_direction.py` fits the direction model on)."""
    q, s = prepare(query), prepare(source)
    pe = _pair_evidence(query, source, q, s, options)
    decision = _decide(pe)
    if decision.verdict not in COPY_VERDICTS:
        return None
    return _direction_evidence(query, source, q, s, pe.traits.signals,
                               _copy_edits(query, q, pe, decision.verdict), len(pe.artifacts),
                               decision.verdict in ("spun", "edited"))


def _decide(pe: _PairEvidence) -> Decision:
    """The copy decision over one pair's evidence (as `analyze` and the trainers see it)."""
    return decide(pe.traits)


def _copy_edits(query: Article, q: PreparedText, pe: _PairEvidence, verdict: str
                ) -> list[Edit]:
    """The edits of a copy as reported: reworded for a paraphrase or summary, plus the
    whole sentences the copy added outside every passage, in text order."""
    edits = [_reworded(e) for e in pe.edits] if verdict in ("paraphrase", "summary") \
        else list(pe.edits)
    for a, b, _n in pe.outside:
        if a >= q.body_start:
            edits.append(Edit("insertion", a, b, 0, 0, query.text[a:b], "", -1,
                              "a sentence the source does not have"))
    edits.sort(key=lambda e: (e.q_start, e.s_start))
    return edits


def _direction_evidence(query: Article, source: Article, q: PreparedText, s: PreparedText,
                        sig: Signals, edits: list[Edit], query_artifacts: int,
                        use_oddness: bool) -> DirectionEvidence:
    source_artifacts = find_artifacts(source.text, query.text, [_flip(e) for e in edits])
    odd, n = oddness(edits) if use_oddness else (0.0, 0)
    return DirectionEvidence(
        query.published, source.published, sig.q_paired_coverage, sig.s_paired_coverage,
        query_artifacts, len(source_artifacts), odd, n, derived(q, _rewriting),
        derived(s, _rewriting), len(q.text) - q.body_start, len(s.text) - s.body_start)


def _rewriting(p: PreparedText) -> float:
    """The page-alone machine-rewriting score of a prepared text (once per text)."""
    # imported here: unspun.inspection builds on forensics' artifact and lexicon modules
    from unspun.inspection.score import text_score

    return text_score(p.text, p.body_start)


@dataclass(slots=True)
class _PairEvidence:
    alignment: Alignment
    traits: CopyTraits
    edits: list[Edit]
    artifacts: list[Artifact]
    repeats: list[Edit]
    outside: list[tuple[int, int, int]]


def _pair_evidence(query: Article, source: Article, q: PreparedText, s: PreparedText,
                   options: AlignOptions) -> _PairEvidence:
    """Alignment, signals, typed edits and artifacts of one pair, before any verdict."""
    alignment = align_detail(q, s, options)
    passages = [ap.passage for ap in alignment.passages]
    gap = options.summary_gap if alignment.summary_mode else options.max_gap
    sig = compute_signals(q, s, alignment, gap)
    edits, stats = alignment_edits(q, s, alignment)
    artifacts = find_artifacts(query.text, source.text, edits)
    furn = [(a.start, a.end) for a in artifacts if a.kind == "furniture"]
    flagged = [(a.start, a.end) for a in artifacts if a.kind in ("furniture", "fragment")]
    # furniture and dangling fragments are artifacts, not insertions that change meaning
    edits = [e for e in edits if not (e.type == "insertion" and _inside(e, flagged))]
    # a sentence printed twice (a duplicated caption) is page noise, not new text
    repeats = [e for e in edits if _repeated(e, query.text, source.text)]
    edits = [e for e in edits if e not in repeats]

    outside = _outside_sentences(q, passages, furn)
    extra_lines = sum(1 for a, _, n in outside if n <= CREDIT_MAX_TOKENS and a >= q.body_start)
    # the headline of a pickup is rewritten on purpose: judge the kind of copy on the body
    body = [e for e in edits if e.q_start >= q.body_start]
    body_edits: Counter[str] = Counter(str(e.type) for e in body)
    sig.slot_swaps = sum(1 for e in body if is_slot_swap(e))
    misspelled = sum(1 for e in body if e.type == "name" and e.note.startswith(MISSPELLED))
    # words put in others' place (a spinner's swaps), not a word trimmed or added
    replacements = sum(1 for e in body if e.type == "synonym" and e.query_text.strip()
                       and e.source_text.strip() and e.note == WORDING_CHANGED)
    # another subject in each headline and other names or figures in the body: one
    # template filled for another company, place or week (spinners garble names; they do
    # not put another company in the headline)
    replaced = body_edits["name"] - misspelled
    # (a notice whose body names no one, "Qtly div 25 cts vs 25 cts prior", carries its
    # subject in the headline alone: a name put in another's place there counts too)
    head_swap = any(e.type == "name" and e.q_start < q.body_start for e in edits)
    template = (replaced > 0 or body_edits["number"] > 0 or head_swap) and other_subject(q, s)
    # the same subject with other figures in each headline and in the body: another
    # day's or week's report from one template, or an update, not a copy
    refigured = body_edits["number"] > 0 and not template and other_figures(q, s)
    # the stray end of a broken attribution ("said. Politico.") is that edit, not a sign of
    # machine translation: judge the kind of copy without it
    attrib_ends = [e.q_end for e in body if e.type == "attribution"]
    kinds: Counter[str] = Counter(
        a.kind for a in artifacts
        if not (a.kind == "fragment" and any(0 <= a.start - x <= 4 for x in attrib_ends))
    )
    traits = CopyTraits(sig, stats, body_edits, kinds, extra_lines, misspelled, replacements,
                        template, refigured)
    return _PairEvidence(alignment, traits, edits, artifacts, repeats, outside)


def _evidence(
    sig: Signals, passages: list[Passage], edits: list[Edit], artifacts: list[Artifact],
    notes: list[str],
) -> Evidence:
    return Evidence(
        query_coverage=round(sig.q_coverage, 4),
        source_coverage=round(sig.s_coverage, 4),
        passages=len(passages),
        edit_counts=dict(sorted(Counter(str(e.type) for e in edits).items())),
        artifact_counts=dict(sorted(Counter(str(a.kind) for a in artifacts).items())),
        notes=notes,
    )


def _repeated(e: Edit, query: str, source: str) -> bool:
    """An inserted sentence that the query prints twice and the source has once."""
    t = e.query_text.strip()
    return (
        e.type == "insertion" and len(t) >= 12 and query.count(t) >= 2 and source.count(t) >= 1
    )


def _inside(e: Edit, spans: list[tuple[int, int]]) -> bool:
    return any(a <= e.q_start and e.q_end <= b for a, b in spans)


def _outside_sentences(
    q: PreparedText, passages: list[Passage], furn: list[tuple[int, int]]
) -> list[tuple[int, int, int]]:
    """(start, end, tokens) of query sentences outside every passage and not furniture."""
    out: list[tuple[int, int, int]] = []
    for sent in q.sentences:
        if any(p.q_start <= sent.start < p.q_end for p in passages):
            continue
        if any(a <= sent.start < b for a, b in furn):
            continue
        out.append((sent.start, sent.end, len(sent.tokens)))
    return out


def _flip(e: Edit) -> Edit:
    """The same edit seen from the other side (for the source's own artifacts)."""
    return Edit(e.type, e.s_start, e.s_end, e.q_start, e.q_end, e.source_text, e.query_text,
                e.passage, e.note)


#: In a paraphrase or summary every sentence is rewritten, so token-level insertions,
#: deletions, quote and attribution changes are rewording; facts (names, numbers,
#: negations) and whole added sentences still count.
_KEPT_IN_REWRITES = frozenset({"name", "number", "negation"})


def _reworded(e: Edit) -> Edit:
    if e.type in _KEPT_IN_REWRITES or e.note == "a sentence the source does not have":
        return e
    return Edit("synonym", e.q_start, e.q_end, e.s_start, e.s_end, e.query_text,
                e.source_text, e.passage, "reworded (" + e.type + ")")
