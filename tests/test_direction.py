"""The copy-direction model: antisymmetric, loaded safely, explained by what moved it."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from unspun.forensics.direction import (
    DIRECTION_FEATURES,
    DirectionEvidence,
    DirectionModel,
    default_model,
    direction_features,
    judge_direction,
    model_from_dict,
)

EV = DirectionEvidence(
    query_published=date(2024, 3, 6), source_published=date(2024, 3, 5),
    q_coverage=0.95, s_coverage=0.60, query_artifacts=2, source_artifacts=0,
    oddness=0.8, odd_changes=6, query_rewriting=0.9, source_rewriting=0.1,
    query_chars=1200, source_chars=2400)


def swapped(ev: DirectionEvidence) -> DirectionEvidence:
    return DirectionEvidence(
        ev.source_published, ev.query_published, ev.s_coverage, ev.q_coverage,
        ev.source_artifacts, ev.query_artifacts, -ev.oddness, ev.odd_changes,
        ev.source_rewriting, ev.query_rewriting, ev.source_chars, ev.query_chars)


def test_features_change_sign_when_the_texts_are_swapped() -> None:
    x, y = direction_features(EV), direction_features(swapped(EV))
    assert len(x) == len(DIRECTION_FEATURES)
    assert all(a == pytest.approx(-b) for a, b in zip(x, y, strict=True))
    assert all(v > 0 for v in x)  # every signal of EV points at the query


def test_probabilities_of_the_two_readings_add_to_one() -> None:
    a, b = judge_direction(EV), judge_direction(swapped(EV))
    assert a.probability + b.probability == pytest.approx(1.0)
    assert (a.derived, b.derived) == ("query", "candidate")


def test_no_evidence_is_unknown() -> None:
    ev = DirectionEvidence(None, None, 0.8, 0.8, 0, 0, 0.0, 0, 0.3, 0.3, 1000, 1000)
    r = judge_direction(ev)
    assert r.derived == "unknown"
    assert r.probability == pytest.approx(0.5)


def test_reasons_are_the_signals_that_pushed_toward_the_answer() -> None:
    # a model that only weighs dates and length, with length against the dates here
    m = DirectionModel("t", DIRECTION_FEATURES, (4.0, 0.0, 0.0, 0.0, 0.0, 1.0), 0.1)
    ev = replace(EV, query_chars=4800)  # the query is now the longer text
    r = judge_direction(ev, m)
    assert r.derived == "query"
    assert len(r.reasons) == 1 and "published later" in r.reasons[0]
    # when they balance, the answer is unknown and both signals are named
    tie = DirectionModel("t", DIRECTION_FEATURES, (0.1, 0.0, 0.0, 0.0, 0.0, 0.15), 0.1)
    u = judge_direction(ev, tie)
    assert u.derived == "unknown"
    assert "published later" in u.reasons[0] and "shorter text" in u.reasons[0]


def test_the_shipped_model_loads_and_bad_files_are_refused() -> None:
    m = default_model()
    assert m.features == DIRECTION_FEATURES and 0 <= m.margin < 0.5
    good = {"schema": "unspun.direction-model/1", "version": "v", "coef": [1.0] * 6,
            "features": list(DIRECTION_FEATURES), "margin": 0.1}
    assert model_from_dict(json.loads(json.dumps(good))).coef == (1.0,) * 6
    for bad in ({**good, "schema": "other/1"}, {**good, "features": ["later"]},
                {**good, "coef": [1.0]}, {**good, "margin": 0.7}):
        with pytest.raises(ValueError):
            model_from_dict(bad)
