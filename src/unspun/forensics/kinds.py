"""Which kind of copy: a fitted second step, over copies only.

Once a pair is called a copy (`copymodel`), its kind (`verbatim` ...
`summary`) is read by a multinomial logistic model over `KIND_FEATURES`: what the diff kept
(function and content words apart), how many words were swapped, the rewriting artifacts,
how much of each side the passages cover, headline and credit-line changes, moved
paragraphs, and the reading of the hand-written kind rules (`verdict.rule_kind`), so the
model learns where those rules, written for generated copies, misread real pages (a partial
verbatim scrape of a page excerpt is not an `edited` copy). Fitted offline by
`scripts/train_kind.py` on generated and real copies, shipped as plain JSON
(`kind_model.json`: classes, feature means and scales, one coefficient row per class);
loading it runs no code and a file that does not match `KIND_FEATURES` is refused.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from unspun.forensics.edits import DiffStats
from unspun.forensics.signals import Signals
from unspun.shipped import shipped_json

MODEL_FILE = "kind_model.json"
SCHEMA = "unspun.kind-model/1"

#: The kinds of copy (a model file may list them in any order, or only some).
KINDS: tuple[str, ...] = (
    "verbatim", "syndicated", "edited", "spun", "translated", "paraphrase", "summary")

#: Feature names, in the order of the vector.
KIND_FEATURES: tuple[str, ...] = (
    *(f"rule_{k}" for k in KINDS),
    "kept",
    "function_kept",
    "content_kept",
    "swap_rate",
    "replacement_rate",
    "nonsense_rate",
    "fragments",
    "misspelled_names",
    "replaced_names",
    "meaning_edits",
    "insertions",
    "deletions",
    "q_coverage",
    "s_coverage",
    "log_length_ratio",
    "source_skipped",
    "summary_mode",
    "reordered",
    "headline_similarity",
    "credit_lines",
    "mean_wording",
    "copied_share",
    "verbatim_share",
    "sequence_share",
    "shared_prose_share",
)

#: How each feature reads in a reason; `{v}` is its value as `_value_text` shows it.
KIND_FEATURE_WORDS: dict[str, str] = {
    **{f"rule_{k}": f"the kind rules read it as {k}" for k in KINDS},
    "kept": "{v} of the aligned words unchanged",
    "function_kept": "{v} of the aligned function words unchanged",
    "content_kept": "{v} of the aligned content words unchanged",
    "swap_rate": "{v} small wording changes per 100 aligned words",
    "replacement_rate": "{v} words replaced by others per 100 aligned words",
    "nonsense_rate": "{v} nonsense words per 100 aligned words",
    "fragments": "{v} sentence fragment(s)",
    "misspelled_names": "{v} garbled name(s)",
    "replaced_names": "{v} name(s) replaced",
    "meaning_edits": "{v} number, quote, negation or attribution edit(s)",
    "insertions": "{v} inserted word run(s) per 100 aligned words",
    "deletions": "{v} deleted word run(s) per 100 aligned words",
    "q_coverage": "the passages cover {v} of the copy",
    "s_coverage": "the passages cover {v} of the source",
    "log_length_ratio": "length ratio (log) {v}",
    "source_skipped": "{v} of the source sentences inside the passages skipped",
    "summary_mode": "aligned as a digest of the source",
    "reordered": "{v} paragraph block(s) moved",
    "headline_similarity": "headline similarity {v}",
    "credit_lines": "{v} short line(s) outside the source (credit, dateline)",
    "mean_wording": "matching sentences keep {v} of their wording",
    "copied_share": "{v} of the narrative is copied wording",
    "verbatim_share": "{v} of the narrative is word for word",
    "sequence_share": "{v} of the sentences correspond one to one, in order",
    "shared_prose_share": "{v} of the shorter text's prose runs are in the other",
}

_COUNTS = frozenset({"fragments", "misspelled_names", "replaced_names", "meaning_edits",
                     "reordered", "credit_lines"})
_RATES = frozenset({"swap_rate", "replacement_rate", "nonsense_rate", "insertions",
                    "deletions"})


@dataclass(slots=True, frozen=True)
class CopyTraits:
    """What one pair's alignment and diff show, as the copy and kind decisions read them
    (made once per pair by `forensics`)."""

    signals: Signals
    stats: DiffStats
    #: Body edits by type (the headline of a pickup is rewritten on purpose).
    edit_counts: Mapping[str, int]
    #: Rewriting artifacts on the query, by kind.
    artifact_counts: Mapping[str, int]
    #: Short query lines outside every passage (credit lines, datelines).
    extra_lines: int = 0
    #: Name edits that garble a name (a machine's mark) rather than replace it (an editor's).
    misspelled_names: int = 0
    #: Wording changes that put words in others' place (a spinner's swaps; the other small
    #: changes are words trimmed or added, as an editor or an update does).
    replacements: int = 0
    #: Each headline names a subject the other text never mentions and the body changes
    #: names or figures: one template filled for another event, never a copy.
    other_subject: bool = False
    #: Each headline gives a figure the other never mentions and the body's figures differ:
    #: another day's report from one template, or an update; never a copy either.
    other_figures: bool = False


def kind_features(t: CopyTraits, rule: str) -> tuple[float, ...]:
    """The kind model's vector for one copy, in the order of `KIND_FEATURES`; `rule` is the
    kind rules' reading (`verdict.rule_kind`). Counts are log1p-scaled, rates per 100
    aligned words then log1p-scaled. Pure."""
    sig, stats, edit_counts, artifact_counts = t.signals, t.stats, t.edit_counts, \
        t.artifact_counts
    tokens = max(stats.query_tokens, 1)

    def rate(n: int) -> float:
        return math.log1p(100.0 * n / tokens)

    ratio = sig.length_ratio if sig.length_ratio > 0 else 1e-3
    meaning = sum(edit_counts.get(k, 0) for k in ("number", "quote", "negation", "attribution"))
    values = {
        **{f"rule_{k}": float(rule == k) for k in KINDS},
        "kept": stats.kept,
        "function_kept": stats.function_kept,
        "content_kept": stats.content_kept,
        "swap_rate": rate(edit_counts.get("synonym", 0)),
        "replacement_rate": rate(t.replacements),
        "nonsense_rate": rate(artifact_counts.get("unknown-word", 0)),
        "fragments": math.log1p(artifact_counts.get("fragment", 0)),
        "misspelled_names": math.log1p(t.misspelled_names),
        "replaced_names": math.log1p(max(0, edit_counts.get("name", 0) - t.misspelled_names)),
        "meaning_edits": math.log1p(meaning),
        "insertions": rate(edit_counts.get("insertion", 0)),
        "deletions": rate(edit_counts.get("deletion", 0)),
        "q_coverage": sig.q_coverage,
        "s_coverage": sig.s_coverage,
        "log_length_ratio": max(-3.0, min(3.0, math.log(ratio))),
        "source_skipped": sig.source_skipped,
        "summary_mode": float(sig.summary_mode),
        "reordered": math.log1p(sig.reordered),
        "headline_similarity": sig.headline_similarity,
        "credit_lines": math.log1p(t.extra_lines),
        "mean_wording": sig.mean_wording,
        "copied_share": sig.copied_share,
        "verbatim_share": sig.verbatim_share,
        "sequence_share": sig.sequence_share,
        "shared_prose_share": sig.shared_prose_share,
    }
    return tuple(float(values[k]) for k in KIND_FEATURES)


@dataclass(slots=True, frozen=True)
class KindModel:
    """One coefficient row per kind over standardised features: softmax(W z + b)."""

    version: str
    classes: tuple[str, ...]
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[tuple[float, ...], ...]
    intercept: tuple[float, ...]


@dataclass(slots=True, frozen=True)
class KindCall:
    kind: str
    #: kind -> probability, every class.
    probabilities: tuple[tuple[str, float], ...]
    #: (feature, contribution to the log-odds of `kind` over the runner-up, value), the
    #: largest effect first.
    contributions: tuple[tuple[str, float, float], ...]
    runner_up: str


def kind_model_from_dict(d: dict[str, Any]) -> KindModel:
    """Check and convert a kind model file's JSON. ValueError when it does not fit."""
    if d.get("schema") != SCHEMA:
        raise ValueError(f"kind model: schema {d.get('schema')!r}, expected {SCHEMA!r}")
    names = tuple(d["features"])
    if names != KIND_FEATURES:
        raise ValueError("kind model: its features do not match unspun.forensics.kinds")
    classes = tuple(str(c) for c in d["classes"])
    if not classes or set(classes) - set(KINDS):
        raise ValueError(f"kind model: unknown classes {sorted(set(classes) - set(KINDS))}")
    mean, scale = (tuple(float(x) for x in d[k]) for k in ("mean", "scale"))
    coef = tuple(tuple(float(x) for x in row) for row in d["coef"])
    intercept = tuple(float(x) for x in d["intercept"])
    if len(mean) != len(names) or len(scale) != len(names):
        raise ValueError("kind model: vector lengths differ from the feature list")
    if len(coef) != len(classes) or len(intercept) != len(classes) or any(
            len(r) != len(names) for r in coef):
        raise ValueError("kind model: one coefficient row and intercept per class needed")
    if any(s <= 0 for s in scale):
        raise ValueError("kind model: scales must be positive")
    return KindModel(str(d["version"]), classes, names, mean, scale, coef, intercept)


@cache
def default_kind_model() -> KindModel:
    """The kind model shipped with the package (read once)."""
    return kind_model_from_dict(shipped_json("unspun.forensics", MODEL_FILE))


def decide_kind(x: tuple[float, ...], model: KindModel | None = None) -> KindCall:
    """The most probable kind of copy, every kind's probability and the features that
    separate it from the runner-up. Pure."""
    m = model or default_kind_model()
    z = [(v - mu) / s for v, mu, s in zip(x, m.mean, m.scale, strict=True)]
    scores = [b + sum(w * zi for w, zi in zip(row, z, strict=True))
              for row, b in zip(m.coef, m.intercept, strict=True)]
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    best = order[0]
    second = order[1] if len(order) > 1 else best
    parts = [(a - b) * zi for a, b, zi in zip(m.coef[best], m.coef[second], z, strict=True)]
    ranked = sorted(zip(m.features, parts, x, strict=True), key=lambda t: -abs(t[1]))
    probs = tuple((c, e / total) for c, e in zip(m.classes, exp, strict=True))
    return KindCall(m.classes[best], probs, tuple(ranked), m.classes[second])


def _value_text(name: str, value: float) -> str:
    if name in _COUNTS:
        return f"{round(math.expm1(value))}"
    if name in _RATES:
        return f"{math.expm1(value):.1f}"
    if name == "log_length_ratio":
        return f"{value:.2f}"
    return f"{value:.0%}"


def explain_kind(call: KindCall, n: int = 3) -> str:
    """The kind in plain words: its probability, the runner-up's, and the features that
    moved it most over the runner-up (log-odds in brackets)."""
    p = dict(call.probabilities)
    reasons: list[str] = []
    for name, part, value in call.contributions:
        if len(reasons) == n:
            break
        if part <= 0 or (name.startswith("rule_") and value == 0):
            # a rule the pair does not fit is no reason to give in words
            continue
        reasons.append(f"{KIND_FEATURE_WORDS[name].format(v=_value_text(name, value))} "
                       f"({part:+.1f})")
    head = (f"kind {call.kind} (probability {p[call.kind]:.2f}) rather than {call.runner_up} "
            f"({p[call.runner_up]:.2f})")
    return head + (", mostly because: " + "; ".join(reasons) if reasons else "")
