"""From signals to a verdict: is the query a copy of the candidate, and what kind?

The rules, in order (see DESIGN.md, "Telling copies from coverage"):

1. A copy must follow the source sentence by sentence, in order, on narrative text (not
   just quotes). Without that the pair is `same-story` when it shares facts, else
   `unrelated`. A false copy verdict accuses an honest newsroom, so every doubt resolves
   toward `same-story`, and the weaker the wording overlap the more order evidence a copy
   verdict needs.
2. Among copies: identical text is `verbatim` (or `syndicated` when the headline or a
   credit line differs); a much shorter query covering a small part of the source is a
   `summary`; mostly kept wording with few changes is `edited`; many word swaps with the
   function words kept is `spun`; function words and word order churned with fragments
   or transliterated names is `translated`; little wording kept but the same sentence
   sequence is a `paraphrase`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from unspun.forensics.edits import DiffStats
from unspun.forensics.signals import Signals
from unspun.model import VerdictKind


@dataclass(slots=True, frozen=True)
class Decision:
    verdict: VerdictKind
    confidence: float
    notes: tuple[str, ...]


def _clip(x: float) -> float:
    return max(0.0, min(1.0, x))


def copy_evidence(sig: Signals, stats: DiffStats) -> tuple[bool, float, list[str]]:
    """Whether the order/structure evidence supports a copy, a strength in [0, 1], and why."""
    notes: list[str] = []
    n = sig.narrative_pairs
    if n == 0:
        return False, 0.0, ["no sentence of the query matches a source sentence outside quotes"]
    order = sig.in_order / n
    notes.append(
        f"{sig.in_order} of {n} matching sentences follow the source in order; "
        f"{sig.structural_pairs} sit next to their neighbours in both texts"
    )
    short = sig.query_sentences <= 5
    need_pairs = 2 if short else 3
    # Less wording kept -> the match rests on facts alone -> demand more order evidence.
    lexical = stats.kept if stats.query_tokens else 0.0
    need_share = 0.3 if lexical >= 0.5 else 0.45
    need_order = 0.7 if lexical >= 0.5 else 0.85
    need_paired = 0.0 if lexical >= 0.5 else 0.55
    if sig.summary_mode:
        need_share, need_paired = min(need_share, 0.35), min(need_paired, 0.5)
    strength = _clip(
        0.5 * min(1.0, sig.structural_share / max(need_share, 1e-9) / 2)
        + 0.3 * order
        + 0.2 * min(1.0, lexical / 0.6)
    )
    ok = (
        sig.structural_pairs >= need_pairs
        and sig.structural_share >= need_share
        and order >= need_order
        and sig.paired_share >= need_paired
    )
    if not ok:
        if sig.structural_share < need_share:
            notes.append(
                f"only {sig.structural_share:.0%} of the query follows the source sentence by "
                f"sentence (a copy needs {need_share:.0%})"
            )
        if order < need_order:
            notes.append(f"matching sentences are in a different order ({order:.0%} in order)")
        if sig.paired_share < need_paired:
            notes.append(f"only {sig.paired_share:.0%} of the query's sentences have a partner")
    return ok, strength, notes


def decide(
    sig: Signals,
    stats: DiffStats,
    edit_counts: Counter[str],
    artifact_counts: Counter[str],
    extra_query_lines: int,
) -> Decision:
    """The verdict for one pair; `extra_query_lines`: short query lines outside any passage."""
    ok, strength, notes = copy_evidence(sig, stats)
    if sig.quote_only_pairs:
        notes.append(
            f"{sig.quote_only_pairs} sentence pair(s) match only inside quotation marks "
            "(outlets quote the same words; weak evidence)"
        )
    if not ok:
        if sig.shared_facts >= 0.15 or sig.narrative_pairs or sig.quote_only_pairs:
            notes.append(f"the texts share names, numbers and rare words ({sig.shared_facts:.0%})")
            conf = _clip(0.55 + 0.4 * min(1.0, sig.shared_facts / 0.4) - 0.4 * strength)
            return Decision("same-story", round(conf, 3), tuple(notes))
        return Decision("unrelated", round(_clip(0.9 - sig.shared_facts), 3), tuple(notes))

    kept, fk, ck = stats.kept, stats.function_kept, stats.content_kept
    tokens = max(stats.query_tokens, 1)
    swaps = edit_counts.get("synonym", 0)
    notes.append(
        f"{kept:.0%} of the aligned words are unchanged (function words {fk:.0%}, "
        f"content words {ck:.0%}); {swaps} wording change(s)"
    )
    fragments = artifact_counts.get("fragment", 0)
    unknown = artifact_counts.get("unknown-word", 0)
    names = edit_counts.get("name", 0)
    conf = 0.6 + 0.35 * strength
    meaning = sum(edit_counts.get(k, 0) for k in ("name", "number", "quote", "negation",
                                                  "attribution"))
    verdict: VerdictKind
    if kept >= 0.97 and meaning == 0 and swaps <= 1:
        if sig.headline_similarity < 0.8 or extra_query_lines:
            verdict = "syndicated"
            notes.append("same body with a different headline or credit line (a wire pickup)")
        else:
            verdict = "verbatim"
        if sig.s_coverage < 0.7:
            notes.append(f"copies {sig.s_coverage:.0%} of the source")
        conf = max(conf, 0.9)
    elif sig.summary_mode and sig.q_coverage >= 0.5:
        verdict = "summary"
        notes.append(
            f"the query is {sig.length_ratio:.0%} as long as the source and condenses it"
        )
    elif kept < 0.4:
        verdict = "paraphrase"
        notes.append("little wording kept, but the same sentences in the same order")
    elif fk < 0.62 and (fragments or names or ck - fk > 0.08):
        verdict = "translated"
        notes.append("function words and word order changed throughout, as in a round trip "
                     "through another language")
    elif kept >= 0.8 and swaps <= max(2, 0.02 * tokens) and not unknown:
        verdict = "edited"
    else:
        verdict = "spun"
        notes.append("many words swapped for synonyms while the sentence skeleton is kept")
        if unknown:
            notes.append(f"{unknown} nonsense word(s) where the source had a common word")
    return Decision(verdict, round(_clip(conf), 3), tuple(notes))
