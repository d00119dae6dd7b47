"""The machine-rewriting score: a small fitted, calibrated combination of the page's flags.

A logistic model over `FEATURES` (counts of each flag kind and the document profiles),
fitted offline by `scripts/train_rewriting.py` on generated spun and translated copies
against their originals and independent same-story reports, and shipped as plain JSON
beside this module (`rewriting_model.json`): feature means and scales, coefficients, the
threshold. It is checked, never fitted, on real data (bench/inspect_real.py). Loading runs
no code; a file whose feature list differs from `FEATURES` is refused.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from unspun.inspection.flags import (
    PageText,
    function_divergence,
    headline_overlap,
    page_flags,
    rare_share,
)
from unspun.inspection.types import Flag
from unspun.shipped import shipped_json
from unspun.text.tokens import text_tokens

MODEL_FILE = "rewriting_model.json"
SCHEMA = "unspun.rewriting-model/1"

#: What the model reads, in order. Flag counts enter as log(1 + count). Furniture and
#: repeated paragraphs are flagged but not scored: scrapers leave them in originals too.
FEATURES: tuple[str, ...] = (
    "nonsense", "broken_attribution", "fragments", "spelling_mix",
    "function_divergence", "rare_share", "mean_zipf", "headline_miss", "article_rate",
    "log_words",
)
#: Plain words for each feature (reports show them beside contributions).
FEATURE_TEXT: dict[str, str] = {
    "nonsense": "nonsense words",
    "broken_attribution": "broken attributions",
    "fragments": "dangling sentence fragments",
    "spelling_mix": "mixed US/UK spelling",
    "function_divergence": "function words unlike ordinary English",
    "rare_share": "share of rare words where common ones belong",
    "mean_zipf": "how common its ordinary words are (mean Zipf)",
    "headline_miss": "headline words the body does not use",
    "article_rate": "share of 'the', 'a', 'an'",
    "log_words": "length (log words)",
}
_COUNTED = {"nonsense": "nonsense-word", "broken_attribution": "broken-attribution",
            "fragments": "fragment", "spelling_mix": "spelling-mix"}


@dataclass(slots=True, frozen=True)
class RewritingModel:
    """p = sigmoid(w . z + b), z = (x - mean) / scale."""

    version: str
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    #: "Looks machine-rewritten" from this probability up.
    threshold: float
    #: Document-level flags are raised beyond these feature values (the 95th percentile
    #: of originals and independent reports in the training data).
    flag_limits: dict[str, float]


def page_features(page: PageText, flags: list[Flag]) -> dict[str, float]:
    """The model's inputs for one page (plain numbers a report can show)."""
    toks = text_tokens(page.text[page.headline_end :])
    counts: Counter[str] = Counter(f.kind for f in flags)
    out = {name: math.log1p(counts[kind]) for name, kind in _COUNTED.items()}
    n = len(toks)
    out["function_divergence"] = function_divergence(toks)
    out["rare_share"], out["mean_zipf"] = rare_share(toks)
    out["headline_miss"] = 1.0 - headline_overlap(page.text, page.headline_end)
    arts = sum(1 for t in toks if t.lower in ("the", "a", "an"))
    out["article_rate"] = arts / n if n else 0.0
    out["log_words"] = math.log1p(n)
    return {k: out[k] for k in FEATURES}


def model_from_dict(d: dict[str, Any]) -> RewritingModel:
    """Check and convert a model file's JSON; ValueError when it does not fit this code."""
    if d.get("schema") != SCHEMA:
        raise ValueError(f"rewriting model: schema {d.get('schema')!r}, expected {SCHEMA!r}")
    if tuple(d["features"]) != FEATURES:
        raise ValueError("rewriting model: its features do not match unspun.inspection.score")
    vecs = [tuple(float(x) for x in d[k]) for k in ("mean", "scale", "coef")]
    if any(len(v) != len(FEATURES) for v in vecs) or any(s <= 0 for s in vecs[1]):
        raise ValueError("rewriting model: bad vector lengths or scales")
    return RewritingModel(
        version=str(d["version"]), features=FEATURES, mean=vecs[0], scale=vecs[1],
        coef=vecs[2], intercept=float(d["intercept"]), threshold=float(d["threshold"]),
        flag_limits={str(k): float(v) for k, v in d.get("flag_limits", {}).items()})


@cache
def load_model() -> RewritingModel:
    """The shipped model (read once)."""
    return model_from_dict(shipped_json("unspun.inspection", MODEL_FILE))


def score(model: RewritingModel, features: dict[str, float]
          ) -> tuple[float, list[tuple[str, float]]]:
    """P(machine-rewritten) and each feature's contribution to the log-odds, largest first."""
    contrib = [(name, w * (features[name] - m) / s)
               for name, m, s, w in zip(model.features, model.mean, model.scale, model.coef,
                                        strict=True)]
    z = model.intercept + sum(c for _, c in contrib)
    p = 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))
    contrib.sort(key=lambda x: -abs(x[1]))
    return p, contrib


def text_score(text: str, headline_end: int) -> float:
    """P(machine-rewritten) of a text from the page alone, with the shipped model and no
    library (what the copy direction weighs: the copy is the page with the debris)."""
    page = PageText(text, headline_end, frozenset())
    return score(load_model(), page_features(page, page_flags(page)))[0]
