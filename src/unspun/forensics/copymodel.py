"""The fitted copy decision: P(query derives from candidate | evidence), with its reasons.

A logistic model over `features.FEATURES`, fitted offline by `scripts/train_verdict.py` on
generated and real-news pairs (see docs/accuracy.md), calibrated (Platt scaling
on cross-validated scores) and shipped as plain JSON beside this module: coefficients,
feature means and scales, the calibration and the operating threshold. Loading it runs no
code; a file that does not match `FEATURES` is refused. Nothing is trained at run time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from unspun.forensics.features import FEATURE_WORDS, FEATURES, feature_value_text
from unspun.shipped import shipped_json

MODEL_FILE = "copy_model.json"
SCHEMA = "unspun.copy-model/1"


@dataclass(slots=True, frozen=True)
class CopyModel:
    """Coefficients over standardised features; p = sigmoid(a * (w . z + b) + c)."""

    version: str
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    calib_a: float
    calib_c: float
    #: Copy verdict from this probability up (chosen for <= 1% false copies on
    #: independent same-story pairs in cross-validation).
    threshold: float


@dataclass(slots=True, frozen=True)
class CopyDecision:
    probability: float
    is_copy: bool
    #: (feature, contribution to the calibrated log-odds, value), largest effect first.
    contributions: tuple[tuple[str, float, float], ...]


def model_from_dict(d: dict[str, Any]) -> CopyModel:
    """Check and convert a model file's JSON. ValueError when it does not fit this code."""
    if d.get("schema") != SCHEMA:
        raise ValueError(f"copy model: schema {d.get('schema')!r}, expected {SCHEMA!r}")
    names = tuple(d["features"])
    if names != FEATURES:
        raise ValueError("copy model: its features do not match unspun.forensics.features")
    vecs = [tuple(float(x) for x in d[k]) for k in ("mean", "scale", "coef")]
    if any(len(v) != len(names) for v in vecs):
        raise ValueError("copy model: vector lengths differ from the feature list")
    if any(s <= 0 for s in vecs[1]):
        raise ValueError("copy model: scales must be positive")
    cal = d.get("calibration") or {"a": 1.0, "c": 0.0}
    return CopyModel(str(d["version"]), names, vecs[0], vecs[1], vecs[2],
                     float(d["intercept"]), float(cal["a"]), float(cal["c"]),
                     float(d["threshold"]))


@cache
def default_model() -> CopyModel:
    """The model shipped with the package (read once)."""
    return model_from_dict(shipped_json("unspun.forensics", MODEL_FILE))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def decide_copy(x: tuple[float, ...], model: CopyModel | None = None) -> CopyDecision:
    """The calibrated probability that the pair is a copy, the decision at the model's
    threshold, and each feature's contribution (relative to an average pair). Pure."""
    m = model or default_model()
    parts = [m.calib_a * w * (v - mu) / s
             for v, mu, s, w in zip(x, m.mean, m.scale, m.coef, strict=True)]
    z = m.calib_a * m.intercept + m.calib_c + sum(parts)
    p = _sigmoid(z)
    ranked = sorted(zip(m.features, parts, x, strict=True), key=lambda t: -abs(t[1]))
    return CopyDecision(p, p >= m.threshold, tuple(ranked))


def explain(decision: CopyDecision, model: CopyModel | None = None, n: int = 3) -> list[str]:
    """Plain-words reasons: the features that moved the decision most in its direction
    (`model`: the one that made the decision, by default the shipped one)."""
    m = model or default_model()
    means = dict(zip(m.features, m.mean, strict=True))
    toward = [c for c in decision.contributions if (c[1] > 0) == decision.is_copy and c[1] != 0]
    out: list[str] = []
    for name, part, value in toward[:n]:
        high, low = FEATURE_WORDS[name]
        # worded by the value (above or below an average pair); the sign says its effect
        text = (high if value >= means[name] else low).format(v=feature_value_text(name, value))
        out.append(f"{text} ({part:+.1f} log-odds)")
    return out
