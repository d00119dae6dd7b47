"""The fitted kind-of-copy step: the shipped model file, its loading, its calls and reasons,
and its accuracy against the hand-written kind rules on copies the project generates."""

from __future__ import annotations

import json

import pytest

from unspun.corpus import BenchOptions, generate_clusters
from unspun.eval.clusters import to_article
from unspun.forensics import analyze, kind_inputs
from unspun.forensics.kinds import (
    KIND_FEATURE_WORDS,
    KIND_FEATURES,
    KINDS,
    MODEL_FILE,
    KindModel,
    decide_kind,
    default_kind_model,
    explain_kind,
    kind_model_from_dict,
)
from unspun.ingest import article_from_text
from unspun.model import COPY_VERDICTS
from unspun.shipped import shipped_json

BODY = """Harbour council approves new ferry timetable

The Lindqvist Harbour council on Tuesday approved a ferry timetable that adds three evening
crossings to the island of Varholm from the first of June, the council said in a statement.

Councillor Maren Ostby told the meeting that the evening crossings would cost the harbour
about 410,000 crowns a year, to be paid from the port's mooring fees.

The ferry operator, Nordvik Lines, said it would hire four deckhands for the new crossings and
expected the first weeks to be busy with summer visitors to the island.

Residents of Varholm had asked for later crossings for years, saying the last boat at six in
the evening left workers on the mainland without a way home.
"""


def test_the_shipped_kind_model_loads_and_words_every_feature() -> None:
    m = default_kind_model()
    assert m.features == KIND_FEATURES
    assert set(m.classes) == set(KINDS)
    assert set(KIND_FEATURE_WORDS) == set(KIND_FEATURES)


def test_a_kind_model_file_that_does_not_fit_is_refused() -> None:
    raw = shipped_json("unspun.forensics", MODEL_FILE)
    with pytest.raises(ValueError, match="schema"):
        kind_model_from_dict({**raw, "schema": "other/1"})
    with pytest.raises(ValueError, match="features"):
        kind_model_from_dict({**raw, "features": list(KIND_FEATURES[:-1])})
    with pytest.raises(ValueError, match="classes"):
        kind_model_from_dict({**raw, "classes": ["verbatim", "rewritten"]})
    with pytest.raises(ValueError, match="scales"):
        kind_model_from_dict({**raw, "scale": [0.0] * len(KIND_FEATURES)})
    with pytest.raises(ValueError, match="row"):
        kind_model_from_dict({**raw, "coef": raw["coef"][:-1]})


def _toy() -> KindModel:
    """Two kinds told apart by one feature: `kept` high is verbatim, low is spun."""
    n = len(KIND_FEATURES)
    k = KIND_FEATURES.index("kept")
    row = [0.0] * n
    row[k] = 2.0
    return KindModel("toy", ("verbatim", "spun"), KIND_FEATURES, tuple([0.5] * n),
                     tuple([1.0] * n), (tuple(row), tuple(-x for x in row)), (0.0, 0.0))


def test_the_kind_with_the_highest_score_wins_and_its_reason_is_given() -> None:
    x = [0.0] * len(KIND_FEATURES)
    x[KIND_FEATURES.index("kept")] = 0.95
    call = decide_kind(tuple(x), _toy())
    assert call.kind == "verbatim" and call.runner_up == "spun"
    probs = dict(call.probabilities)
    assert probs["verbatim"] > 0.8 and abs(sum(probs.values()) - 1.0) < 1e-9
    assert call.contributions[0][0] == "kept" and call.contributions[0][1] > 0
    text = explain_kind(call)
    assert text.startswith("kind verbatim (probability") and "rather than spun" in text
    assert "95% of the aligned words unchanged" in text
    x[KIND_FEATURES.index("kept")] = 0.1
    assert decide_kind(tuple(x), _toy()).kind == "spun"


def test_a_word_for_word_copy_under_another_headline_is_syndicated() -> None:
    src = article_from_text(BODY)
    lines = BODY.splitlines()
    copy = article_from_text("Evening ferries to Varholm from June\n" + "\n".join(lines[1:])
                             + "\nThis story was supplied by the Nordic News Agency.\n")
    a = analyze(copy, src)
    assert a.verdict == "syndicated"
    assert any(n.startswith("kind syndicated (probability") for n in a.evidence.notes)
    same = analyze(article_from_text(BODY), src)
    assert same.verdict == "verbatim"


def test_the_fitted_kinds_beat_the_kind_rules_on_generated_copies() -> None:
    """Copies of a seed the trainer never saw: the fitted step must type at least as many
    of those called copies right as the hand-written rules it learns from."""
    model_right = rules_right = called = 0
    for cluster in generate_clusters(BenchOptions(seed=9191, clusters=25)):
        rec = json.loads(cluster.to_line())
        original = to_article(rec["original"])
        for cp in rec["copies"]:
            a = analyze(to_article(cp), original)
            if a.verdict not in COPY_VERDICTS:
                continue
            called += 1
            _x, rule = kind_inputs(to_article(cp), original)
            model_right += a.verdict == cp["kind"]
            rules_right += rule == cp["kind"]
    assert called >= 80
    assert model_right >= rules_right
    assert model_right / called >= 0.9
