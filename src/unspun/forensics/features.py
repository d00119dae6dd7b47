"""The evidence vector behind the copy decision: one fixed, named list of numbers per pair.

`copy_features` turns the alignment signals (the name and figure swaps among the typed edits
included), the word-level diff statistics and the artifact counts into the vector the fitted
model (`copymodel`) reads. Every feature is a plain number a report can show, roughly in
[0, 1] (counts are log-scaled), so the model's per-feature contributions can be put into
words (`FEATURE_WORDS`).
The order of `FEATURES` is part of the model file's contract: the file names its features
and loading checks them against this list.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from unspun.forensics.edits import DiffStats
from unspun.forensics.signals import Signals

#: Feature names, in the order of the vector.
FEATURES: tuple[str, ...] = (
    "q_coverage",
    "s_coverage",
    "shorter_coverage",
    "q_paired_coverage",
    "s_paired_coverage",
    "log_length_ratio",
    "paired_share",
    "in_order_share",
    "structural_share",
    "mean_similarity",
    "mean_wording",
    "copied_share",
    "verbatim_share",
    "sequence_share",
    "diagonal_share",
    "shared_facts",
    "fact_agreement",
    "fact_containment",
    "own_quotes",
    "quote_only_share",
    "kept",
    "content_kept",
    "function_minus_content",
    "narrative_pairs",
    "copied_pairs",
    "slot_changes",
    "artifacts",
    "headline_similarity",
    "plan_kept",
    "copied_words",
    "copied_run",
    "shared_prose",
    "shared_prose_share",
    "rules_wording",
    "rules_sequence",
)

#: How each feature reads in an explanation: (its value above an average pair's, below it).
#: `{v}` is the feature's value as shown by `feature_value_text`.
FEATURE_WORDS: dict[str, tuple[str, str]] = {
    "q_coverage": ("the passages cover {v} of the query",
                   "the passages cover only {v} of the query"),
    "s_coverage": ("the passages cover {v} of the candidate",
                   "the passages cover only {v} of the candidate"),
    "shorter_coverage": ("{v} of the shorter text lies in aligned passages",
                         "only {v} of the shorter text lies in aligned passages"),
    "q_paired_coverage": ("{v} of the query's sentences pair with candidate sentences",
                          "only {v} of the query's sentences pair with candidate sentences"),
    "s_paired_coverage": ("{v} of the candidate's sentences pair with query sentences",
                          "only {v} of the candidate's sentences pair with query sentences"),
    "log_length_ratio": ("the lengths fit a copy (log ratio {v})",
                         "the lengths differ (log ratio {v})"),
    "paired_share": ("{v} of the query's narrative sentences match a candidate sentence",
                     "only {v} of the query's narrative sentences match a candidate sentence"),
    "in_order_share": ("{v} of the matching sentences follow the candidate in order",
                       "only {v} of the matching sentences follow the candidate in order"),
    "structural_share": ("{v} of the query runs sentence by sentence with the candidate",
                         "only {v} of the query runs sentence by sentence with the candidate"),
    "mean_similarity": ("matching sentences are close (mean similarity {v})",
                        "matching sentences are loose (mean similarity {v})"),
    "mean_wording": ("matching sentences keep {v} of their wording in order",
                     "matching sentences keep only {v} of their wording"),
    "copied_share": ("{v} of the query's narrative is copied wording",
                     "only {v} of the query's narrative is copied wording"),
    "verbatim_share": ("{v} of the query's narrative is word for word",
                       "only {v} of the query's narrative is word for word"),
    "sequence_share": ("{v} of the sentences correspond one to one, in order",
                       "only {v} of the sentences correspond one to one, in order"),
    "diagonal_share": ("{v} of the body sentences stay in their place",
                       "only {v} of the body sentences stay in their place"),
    "shared_facts": ("the texts share names, numbers and rare words ({v})",
                     "the texts share few names, numbers and rare words ({v})"),
    "fact_agreement": ("each text holds {v} of the other's names and numbers",
                       "the texts disagree on names and numbers (only {v} in common)"),
    "fact_containment": ("{v} of the query's names and numbers are in the candidate",
                         "only {v} of the query's names and numbers are in the candidate"),
    "own_quotes": ("both texts quote the same passages",
                   "quoted passages in one text only ({v})"),
    "quote_only_share": ("few matches rest on quotation marks alone",
                         "matches rest on shared quotes ({v}), which outlets share anyway"),
    "kept": ("{v} of the aligned words are unchanged",
             "only {v} of the aligned words are unchanged"),
    "content_kept": ("{v} of the aligned content words are unchanged",
                     "only {v} of the aligned content words are unchanged"),
    "function_minus_content": ("function words kept while content words swapped ({v})",
                               "function words churned as much as content words ({v})"),
    "narrative_pairs": ("many narrative sentence pairs ({v})",
                        "few narrative sentence pairs ({v})"),
    "copied_pairs": ("many sentences keep a source sentence's wording ({v})",
                     "few sentences keep a source sentence's wording ({v})"),
    "slot_changes": ("names or numbers replaced in the slots that carry the news ({v} per pair)",
                     "names and numbers kept in the aligned text"),
    "artifacts": ("rewriting artifacts in the query ({v})", "no rewriting artifacts"),
    "headline_similarity": ("the headlines match ({v})", "the headlines differ ({v})"),
    "plan_kept": ("sentence by sentence in the candidate's order, with its names, numbers and "
                  "quotes ({v})",
                  "the sentences are not the candidate's, one by one with its facts ({v})"),
    "copied_words": ("{v} words of the query's narrative keep a candidate sentence's wording",
                     "only {v} words of the query's narrative keep a candidate sentence's "
                     "wording"),
    "copied_run": ("{v} copied sentences follow the candidate one after another",
                   "at most {v} copied sentence(s) in a row"),
    "shared_prose": ("the texts share {v} five-word runs of their own prose (outside quotes)",
                     "the texts share only {v} five-word runs of prose (outside quotes)"),
    "shared_prose_share": ("{v} of the shorter text's prose runs are in the other",
                           "only {v} of the shorter text's prose runs are in the other"),
    "rules_wording": ("the wording rules find copied sentences",
                      "the wording rules find no copied sentences"),
    "rules_sequence": ("the wording rules find every sentence re-said in its place",
                       "the wording rules find no sentence-by-sentence rewrite"),
}

#: The direction in which each feature may move the decision: +1 toward a copy, -1 away
#: from one, 0 either way. The fit drops a feature whose fitted weight points against its
#: direction (collinear features can take any sign in a linear fit), so that every reason a
#: verdict gives reads the way the evidence does: less sentence correspondence never argues
#: for a copy.
FEATURE_SIGNS: dict[str, int] = {
    **{name: 1 for name in FEATURES},
    "log_length_ratio": 0,
    "function_minus_content": 0,
    "headline_similarity": 0,
    "own_quotes": -1,
    "quote_only_share": -1,
    "slot_changes": -1,
}

#: Features shown as counts (log1p-scaled in the vector), not shares.
_COUNTS = frozenset({"own_quotes", "narrative_pairs", "copied_pairs", "artifacts",
                     "copied_words", "copied_run", "shared_prose"})


def copy_features(
    sig: Signals,
    stats: DiffStats,
    artifact_counts: Mapping[str, int],
    rule_route: str = "",
) -> tuple[float, ...]:
    """The vector for one pair, in the order of `FEATURES`; `rule_route`: how the
    hand-written wording rules (`verdict.copy_evidence`) find a copy, "wording", "sequence"
    or "" (none): the model weighs their call with the rest of the evidence instead of
    being overruled by it. Pure."""
    n = sig.narrative_pairs
    facts = min(sig.query_facts, sig.source_facts)
    ratio = sig.length_ratio if sig.length_ratio > 0 else 1e-3
    # names and figures replaced by others (a template's slots), not ones only left out
    # or misspelled while a sentence is re-said
    slots = sig.slot_swaps
    values = {
        "q_coverage": sig.q_coverage,
        "s_coverage": sig.s_coverage,
        "shorter_coverage": max(sig.q_coverage, sig.s_coverage),
        "q_paired_coverage": sig.q_paired_coverage,
        "s_paired_coverage": sig.s_paired_coverage,
        "log_length_ratio": max(-3.0, min(3.0, math.log(ratio))),
        "paired_share": sig.paired_share,
        "in_order_share": sig.in_order / n if n else 0.0,
        "structural_share": sig.structural_share,
        "mean_similarity": sig.mean_similarity,
        "mean_wording": sig.mean_wording,
        "copied_share": sig.copied_share,
        "verbatim_share": sig.verbatim_share,
        "sequence_share": sig.sequence_share,
        "diagonal_share": sig.diagonal_share,
        "shared_facts": sig.shared_facts,
        # with too few names and numbers to judge, neither agreement nor disagreement
        "fact_agreement": (min(sig.fact_containment, sig.source_fact_containment)
                           if facts >= 3 else 0.5),
        "fact_containment": sig.fact_containment if sig.query_facts >= 3 else 0.5,
        "own_quotes": math.log1p(sig.query_own_quotes + sig.source_own_quotes),
        "quote_only_share": min(1.0, sig.quote_only_pairs / max(sig.query_sentences, 1)),
        "kept": stats.kept,
        "content_kept": stats.content_kept,
        "function_minus_content": stats.function_kept - stats.content_kept,
        "narrative_pairs": math.log1p(n),
        "copied_pairs": math.log1p(sig.copied_pairs),
        "slot_changes": min(3.0, slots / max(n, 1)),
        "artifacts": math.log1p(artifact_counts.get("unknown-word", 0)
                                + artifact_counts.get("fragment", 0)),
        "headline_similarity": sig.headline_similarity,
        # a rewrite re-says each sentence in its place with the same facts and quotes; two
        # reports of one event share facts but not the sentence plan, and quote differently
        "plan_kept": (max(sig.diagonal_share, sig.sequence_share)
                      * (min(sig.fact_containment, sig.source_fact_containment) if facts >= 3
                         else 0.5)
                      * (0.5 if sig.query_own_quotes + sig.source_own_quotes else 1.0)),
        "copied_words": math.log1p(sig.copied_tokens),
        "copied_run": math.log1p(sig.copied_run),
        "shared_prose": math.log1p(sig.shared_prose),
        "shared_prose_share": sig.shared_prose_share,
        "rules_wording": float(rule_route == "wording"),
        "rules_sequence": float(rule_route == "sequence"),
    }
    return tuple(float(values[k]) for k in FEATURES)


def feature_value_text(name: str, value: float) -> str:
    """A feature's value as a reader sees it: a percentage, a count or a plain number."""
    if name in _COUNTS:
        return f"{round(math.expm1(value))}"
    if name in ("log_length_ratio", "slot_changes", "function_minus_content"):
        return f"{value:.2f}"
    return f"{value:.0%}"
