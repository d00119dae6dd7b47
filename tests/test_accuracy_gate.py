"""Accuracy gate: a small pinned benchmark is scored on every run; the test fails when any
measure falls below its floor in `eval/floors.json` (or a ceiling is exceeded).

The benchmark is generated here with the seed and size recorded in the floors file, so
the same code always sees the same articles. Raising a floor is an ordinary commit;
lowering one must be explicit and explained in its commit message (see eval/README.md).
`python tests/test_accuracy_gate.py` prints the measured values (to set floors from).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from unspun.corpus import BenchOptions, generate_clusters, write_clusters
from unspun.eval.clusters import ClusterEvalOptions, run_retrieval
from unspun.eval.edits import run_edits
from unspun.eval.stories import run_stories

FLOORS = Path(__file__).resolve().parent.parent / "eval" / "floors.json"


def _clusters(tmp: Path, name: str, spec: dict[str, Any], **kinds: Any) -> Path:
    """The pinned generated clusters of one part of the benchmark, written under `tmp`."""
    write_clusters(generate_clusters(BenchOptions(seed=spec["seed"], clusters=spec["clusters"],
                                                  **kinds)), tmp / name)
    return tmp / name / "clusters.jsonl"


def measure(tmp: Path, spec: dict[str, Any]) -> dict[str, float | None]:
    """Every gated measure, flat: `retrieval.recall_at_1`, `retrieval.by_kind.spun.mrr`,
    `edits.name.f1`, `stories.original_accuracy`, ..."""
    retrieval = _clusters(tmp, "retrieval", spec["retrieval"])
    edit_set = _clusters(tmp, "edits", spec["edits"], kinds=("meaning-edit",))
    workers = min(2, os.cpu_count() or 1)
    run = run_retrieval(retrieval, ClusterEvalOptions(workers=workers))
    assert not run.errors, run.errors
    out: dict[str, float | None] = {}
    scores = run.scores.as_dict()
    for key, value in scores.items():
        if isinstance(value, float):
            out[f"retrieval.{key}"] = value
    for kind, d in scores["by_kind"].items():
        for key in ("recall_at_1", "recall_at_5", "mrr", "kind_accuracy"):
            out[f"retrieval.by_kind.{kind}.{key}"] = d[key]
    edits = run_edits(edit_set)
    assert not edits.errors, edits.errors
    e = edits.as_dict()
    out["edits.f1"] = e["f1"]
    for ty, d in e["by_type"].items():
        for key in ("precision", "recall", "f1"):
            out[f"edits.{ty}.{key}"] = d[key]
    if "stories" in spec:  # story clustering: copy links, stories and originals named
        stories = run_stories(_clusters(tmp, "stories", spec["stories"]))
        assert not stories.errors, stories.errors
        for key, value in stories.as_dict().items():
            out[f"stories.{key}"] = value
    return out


@pytest.mark.skipif(not FLOORS.exists(), reason="no eval/floors.json")
def test_accuracy_stays_above_floors(tmp_path: Path) -> None:
    spec = json.loads(FLOORS.read_text(encoding="utf-8"))
    got = measure(tmp_path, spec["benchmark"])
    failures = []
    for key, floor in spec["min"].items():
        value = got.get(key)
        if value is None or value < floor:
            failures.append(f"{key} = {value} < floor {floor}")
    for key, ceiling in spec["max"].items():
        value = got.get(key)
        if value is None or value > ceiling:
            failures.append(f"{key} = {value} > ceiling {ceiling}")
    assert not failures, "accuracy fell below eval/floors.json:\n" + "\n".join(failures)


if __name__ == "__main__":
    import tempfile

    spec = json.loads(FLOORS.read_text(encoding="utf-8"))["benchmark"] if FLOORS.exists() \
        else json.loads(sys.argv[1])
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(measure(Path(tmp), spec), indent=1, sort_keys=True))
