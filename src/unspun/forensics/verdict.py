"""From signals to a verdict: is the query a copy of the candidate, and what kind?

1. Copy or not is decided by a fitted, calibrated model (`copymodel`) over the evidence
   vector of `features` (coverage, order, sentence correspondence, wording kept, shared
   facts, quotes in one text only, artifacts ...): a false copy verdict accuses an honest
   newsroom, so its threshold is set for at most 1% false copies on independent reports of
   the same event. The wording rules of `copy_evidence` are two of its features (their
   reading, weighed with the rest; they no longer overrule it). Not a copy: `same-story`
   when the texts share real evidence (aligned text and facts), `unrelated` otherwise, and
   also when the same wording carries other names and numbers (a template filled for
   another event).
2. Among copies the kind is read by a fitted model (`kinds`) over the diff, the artifacts,
   the coverage and the reading of the hand-written kind rules below (`rule_kind`), which
   it learns to correct where they misread real pages. The rules: identical text is `verbatim` (or
   `syndicated` when the headline or a credit line differs); a much shorter query covering a
   small part of the source is a `summary`; mostly kept wording with few changes is
   `edited`; many word swaps with the function words kept is `spun`; function words and
   word order churned with fragments or transliterated names is `translated`; little
   wording kept but the same sentence sequence is a `paraphrase`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from unspun.forensics.copymodel import CopyModel, decide_copy, default_model, explain
from unspun.forensics.features import copy_features
from unspun.forensics.kinds import (
    CopyTraits,
    KindModel,
    decide_kind,
    explain_kind,
    kind_features,
)
from unspun.forensics.signals import Signals
from unspun.model import VerdictKind


@dataclass(slots=True, frozen=True)
class Decision:
    verdict: VerdictKind
    confidence: float
    notes: tuple[str, ...]


def _clip(x: float) -> float:
    return max(0.0, min(1.0, x))


#: Copied wording (narrative pairs keeping most words in order) needed for a copy verdict,
#: with the narrative pairs keeping this much of their wording on average (independent
#: reports of one event can share a few close sentences, never most of their wording) ...
COPIED_SHARE = 0.6
COPIED_MEAN_WORDING = 0.7
#: ... or this much copied wording on its own.
COPIED_SHARE_ALONE = 0.85
#: ... or this many narrative sentences kept word for word, making this share of the query
#: (independent reports share at most a sentence or two that closely).
VERBATIM_PAIRS = 3
VERBATIM_SHARE = 0.3
#: ... or a close rewrite: this many narrative pairs, this similar on average, this much of
#: the query in the source's order.
CLOSE_PAIRS = 5
CLOSE_SIMILARITY = 0.72
CLOSE_STRUCTURE = 0.5
#: (Not when either text quotes a passage the other does not, `Signals.query_own_quotes`:
#: a rewrite keeps its source's quotes.)
#: A copy keeps most names and numbers (a few may be changed): at least this share of the
#: query's, when it has at least MIN_FACTS of them.
FACT_CONTAINMENT = 0.5
MIN_FACTS = 4
#: A paraphrase (little wording kept) must match nearly every sentence one to one, in order.
PARAPHRASE_SEQUENCE = 0.8
PARAPHRASE_STRUCTURE = 0.5
#: ... or a sentence-by-sentence rewrite: this many body sentences matched one to one, each
#: in its place, over this share of the longer body (see `Signals.diagonal_share`), each
#: text holding this share of the other's names and numbers (at least MIN_FACTS each), and
#: neither quoting what the other does not. Independent reports of one event share the
#: facts, but tell them in their own order and sentences and choose their own quotes.
DIAGONAL_PAIRS = 4
DIAGONAL_SEQUENCE = 0.65
FACT_AGREEMENT = 0.8
#: A summary skips at least this share of the source sentences its passages span.
SUMMARY_SKIP = 0.25
#: Wording changes per 100 aligned words above which a copy is spun, not edited.
SPUN_SWAP_RATE = 4.0


def copy_evidence(sig: Signals) -> tuple[str, float, list[str]]:
    """How the copy evidence holds: "wording" (copied sentences), "sequence" (a paraphrase:
    every sentence in place), or "" (not a copy); a strength in [0, 1]; and why."""
    notes: list[str] = []
    n = sig.narrative_pairs
    if n == 0:
        return "", 0.0, ["no sentence of the query matches a source sentence outside quotes"]
    order = sig.in_order / n
    if sig.query_facts >= MIN_FACTS and sig.fact_containment < FACT_CONTAINMENT:
        return "", 0.0, [
            f"only {sig.fact_containment:.0%} of the query's {sig.query_facts} names and numbers "
            "are in the candidate: another event told in similar words, not a copy"
        ]
    notes.append(
        f"{sig.copied_pairs} of the query's {sig.query_sentences} narrative sentences keep most "
        f"of a source sentence's wording ({sig.copied_share:.0%} of its text); "
        f"{sig.in_order} of {n} matching sentences follow the source in order"
    )
    need = 2 if sig.query_sentences <= 4 else 3
    strength = _clip(0.7 * sig.copied_share + 0.15 * order + 0.15 * sig.sequence_share)
    if sig.copied_pairs >= need and (
        (sig.copied_share >= COPIED_SHARE and sig.mean_wording >= COPIED_MEAN_WORDING)
        or sig.copied_share >= COPIED_SHARE_ALONE
    ):
        return "wording", strength, notes
    if sig.verbatim_pairs >= VERBATIM_PAIRS and sig.verbatim_share >= VERBATIM_SHARE:
        # several narrative sentences word for word: a partial copy padded with new text
        notes.append(
            f"{sig.verbatim_pairs} narrative sentences are copied word for word "
            f"({sig.verbatim_share:.0%} of the query)"
        )
        return "wording", strength, notes
    own_quotes = sig.query_own_quotes + sig.source_own_quotes
    close = (
        n >= CLOSE_PAIRS
        and sig.copied_pairs >= 3
        and sig.mean_similarity >= CLOSE_SIMILARITY
        and sig.structural_share >= CLOSE_STRUCTURE
    )
    if close and own_quotes:
        # a rewrite keeps its source's quotes; reports of one event told alike (from one
        # statement or press release) each quote whom they chose
        notes.append(
            f"{n} narrative sentences are close to source sentences in order, but "
            f"{own_quotes} quoted passage(s) are in one text only: independent reporting"
        )
    elif close:
        # a close rewrite, sentence by sentence: lightly reworded text in the source's order
        notes.append(
            f"{n} narrative sentences pair with source sentences at mean similarity "
            f"{sig.mean_similarity:.2f}, {sig.structural_share:.0%} of the query in sequence"
        )
        return "wording", strength, notes
    if (
        n >= 4
        and sig.sequence_share >= PARAPHRASE_SEQUENCE
        and sig.structural_share >= PARAPHRASE_STRUCTURE
        and sig.in_order == n
    ):
        notes.append(
            f"{sig.sequence_share:.0%} of the sentences correspond one to one, in the same order"
        )
        return "sequence", _clip(0.4 + 0.5 * sig.sequence_share), notes
    if (
        sig.diagonal_pairs >= DIAGONAL_PAIRS
        and sig.diagonal_share >= DIAGONAL_SEQUENCE
        and min(sig.query_facts, sig.source_facts) >= MIN_FACTS
        and min(sig.fact_containment, sig.source_fact_containment) >= FACT_AGREEMENT
        and not own_quotes
    ):
        notes.append(
            f"{sig.diagonal_share:.0%} of the body sentences correspond one to one, each in its "
            f"place ({sig.diagonal_pairs} pairs); each text has at least "
            f"{min(sig.fact_containment, sig.source_fact_containment):.0%} of the "
            "other's names and numbers and quotes nothing the other does not: "
            "a sentence-by-sentence rewrite"
        )
        return "sequence", _clip(0.4 + 0.5 * sig.diagonal_share), notes
    if sig.copied_pairs < need:
        notes.append(f"too few sentences kept from the source to judge a copy ({need} needed)")
    notes.append(
        f"too little copied wording ({sig.copied_share:.0%} of the text, keeping "
        f"{sig.mean_wording:.0%} of the words on average; a copy needs {COPIED_SHARE:.0%} "
        f"and {COPIED_MEAN_WORDING:.0%}) and "
        f"too little sentence-by-sentence correspondence ({sig.sequence_share:.0%}; a "
        f"paraphrase needs {PARAPHRASE_SEQUENCE:.0%})"
    )
    return "", strength, notes


#: A same-story verdict needs real shared evidence: aligned text sharing at least this much
#: of the names, numbers and rare words, or this much without any aligned text.
SAME_STORY_FACTS = 0.1
SAME_STORY_FACTS_ALONE = 0.3


def decide(t: CopyTraits, model: CopyModel | None = None,
           kind_model: KindModel | None = None) -> Decision:
    """The verdict for one pair, from what its alignment and diff show (`CopyTraits`).

    Copy or not: the fitted model's call (`copymodel.decide_copy`, calibrated), which
    weighs the wording rules' (`copy_evidence`) reading as two of its features; never a
    copy when the template check finds another subject or another day's figures
    (`other_subject`, `other_figures`). The confidence of any verdict is the model's
    probability for it (one minus it for a non-copy verdict); the kind of copy is then the
    fitted kind model's call (`kind_model`, by default the shipped one)."""
    sig, stats, edit_counts, artifact_counts = t.signals, t.stats, t.edit_counts, \
        t.artifact_counts
    other_subject, other_figures = t.other_subject, t.other_figures
    how, _strength, rule_notes = copy_evidence(sig)
    # The wording rules' call is two of the model's features (`rules_wording`,
    # `rules_sequence`), weighed with the rest: it no longer overrules the model, so the
    # threshold, chosen for at most 1% false copies, bounds the whole decision (the rules
    # alone called templates and the generator's independent renderings copies at
    # probabilities near 0).
    x = copy_features(sig, stats, artifact_counts, how)
    cd = decide_copy(x, model)
    p = cd.probability
    m = model or default_model()
    notes = [f"copy probability {p:.2f} (a copy from {m.threshold:.2f}), mostly because: "
             + "; ".join(explain(cd, m))]
    is_copy = cd.is_copy
    if other_subject:
        # the same wording about another company, place or week is what a template is:
        # neither the rules (wording alone) nor the model (no feature sees the headline's
        # subject) may call it a copy
        notes.append("each headline names a subject the other text never mentions, and the "
                     "body changes names or figures: one template filled for another event")
        is_copy, how = False, ""
    elif other_figures:
        notes.append("each headline gives a figure the other text never mentions, and the "
                     "body's figures differ: another day's or week's report, or an update")
        is_copy, how = False, ""
    if bool(how) == is_copy:
        # the rules' own reading, where it agrees with the model (their thresholds were
        # set by hand; where they disagree, only the model's reasons are given)
        notes.extend(rule_notes)
    if sig.quote_only_pairs:
        notes.append(
            f"{sig.quote_only_pairs} sentence pair(s) match only inside quotation marks "
            "(outlets quote the same words; weak evidence)"
        )
    if not is_copy:
        other_event = other_subject or (
            sig.query_facts >= MIN_FACTS and sig.fact_containment < FACT_CONTAINMENT
            and sig.q_coverage > 0)
        aligned = sig.q_coverage > 0 or sig.narrative_pairs > 0
        if not other_event and (
            (aligned and sig.shared_facts >= SAME_STORY_FACTS)
            or sig.shared_facts >= SAME_STORY_FACTS_ALONE
        ):
            notes.append(f"the texts share names, numbers and rare words ({sig.shared_facts:.0%})")
            return Decision("same-story", round(1.0 - p, 3), tuple(notes))
        if other_event:
            notes.append("the same kind of wording about other names and numbers: "
                         "another event, not the same story")
        return Decision("unrelated", round(1.0 - p, 3), tuple(notes))
    kept, fk, ck = stats.kept, stats.function_kept, stats.content_kept
    notes.append(
        f"{kept:.0%} of the aligned words are unchanged (function words {fk:.0%}, "
        f"content words {ck:.0%}); {edit_counts.get('synonym', 0)} wording change(s)"
    )
    x, rule, why = kind_vector(t, how)
    call = decide_kind(x, kind_model)
    notes.append(explain_kind(call))
    if call.kind == rule:
        notes.extend(why)
    unknown = artifact_counts.get("unknown-word", 0)
    if call.kind == "spun" and unknown:
        notes.append(f"{unknown} nonsense word(s) where the source had a common word")
    return Decision(cast(VerdictKind, call.kind), round(_clip(p), 3), tuple(notes))


def kind_vector(t: CopyTraits, how: str) -> tuple[tuple[float, ...], str, list[str]]:
    """The kind model's input for a copy (`how`: the wording rules' route, "" when only
    the model found the copy), the kind rules' reading and their reasons."""
    if not how:
        # the model finds a copy the wording rules do not: judge the kind on what survived
        spinner = t.stats.function_kept - t.stats.content_kept >= 0.15
        how = "sequence" if t.signals.mean_wording < 0.5 and not spinner else "wording"
    rule, why = rule_kind(t, how)
    return kind_features(t, rule), rule, why


def rule_kind(t: CopyTraits, how: str) -> tuple[str, list[str]]:
    """The hand-written kind rules' reading of a copy (`how`: "wording" or "sequence", the
    route by which it is a copy) and why: one input of the fitted kind model
    (`kinds.decide_kind`), which learns where they misread real pages."""
    sig, stats, edit_counts, artifact_counts = t.signals, t.stats, t.edit_counts, \
        t.artifact_counts
    extra_query_lines, misspelled_names = t.extra_lines, t.misspelled_names
    notes: list[str] = []
    kept, fk, ck = stats.kept, stats.function_kept, stats.content_kept
    tokens = max(stats.query_tokens, 1)
    swaps = edit_counts.get("synonym", 0)
    fragments = artifact_counts.get("fragment", 0)
    unknown = artifact_counts.get("unknown-word", 0)
    names = misspelled_names
    replaced_names = edit_counts.get("name", 0) - misspelled_names
    meaning = replaced_names + sum(
        edit_counts.get(k, 0) for k in ("number", "quote", "negation", "attribution")
    )
    swap_rate = 100.0 * swaps / tokens
    verdict: str
    if how == "sequence" and (fragments or names) and fk < ck:
        # heavy round-trip translation: little wording survives, but its marks do
        verdict = "translated"
        notes.append(
            "every sentence in place, function words churned more than content words, with "
            "fragments or transliterated names: a round trip through another language"
        )
    elif how == "sequence":
        verdict = "paraphrase"
        notes.append("little wording kept, but the same sentences in the same order")
    elif sig.summary_mode and sig.q_coverage >= 0.5 and sig.source_skipped >= SUMMARY_SKIP:
        verdict = "summary"
        notes.append(
            f"the query is {sig.length_ratio:.0%} as long as the source and skips "
            f"{sig.source_skipped:.0%} of the source sentences it spans"
        )
    elif kept >= 0.99 and meaning + names == 0 and swaps <= 1:
        if sig.reordered:
            verdict = "edited"
            notes.append(f"the same text with paragraphs moved ({sig.reordered} moved block(s))")
        elif sig.s_coverage < 0.8:
            verdict = "edited"
            notes.append(f"a partial copy: {sig.s_coverage:.0%} of the source, word for word")
        elif sig.headline_similarity < 0.85 or extra_query_lines:
            verdict = "syndicated"
            notes.append("same body with a different headline or credit line (a wire pickup)")
        else:
            verdict = "verbatim"
    elif sig.reordered and kept >= 0.9 and not unknown and swap_rate < 1.0:
        verdict = "edited"
        notes.append(f"the same text with paragraphs moved ({sig.reordered} moved block(s))")
    elif (names >= 2 and ck >= fk - 0.05) or (fragments and fk < 0.9 and ck >= fk - 0.02):
        verdict = "translated"
        notes.append(
            "function words changed as much as content words, names transliterated: a round "
            "trip through another language"
        )
    elif unknown or fragments or names or swap_rate >= SPUN_SWAP_RATE or (
            kept < 0.8 and swap_rate >= SPUN_SWAP_RATE / 2):
        # (little kept with few word swaps is text cut and added, not spun: an update)
        if sig.reordered and not (unknown or fragments or names) and swap_rate < 1.0:
            verdict = "edited"
            notes.append(f"the same text with paragraphs moved ({sig.reordered} moved block(s))")
        else:
            verdict = "spun"
            notes.append("many words swapped for synonyms while the sentence skeleton is kept")
    else:
        verdict = "edited"
    return verdict, notes
