"""The whole trace on the demo corpus: retrieval, alignment and verdicts together, through
the Python API and the CLI (`trace --json`, `--html`, `diff`, `demo`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unspun.cli import app
from unspun.ingest import iter_articles
from unspun.library import Library
from unspun.model import COPY_VERDICTS, Article
from unspun.options import ReadOptions
from unspun.pipeline import compare, trace

DEMO = Path(__file__).resolve().parent.parent / "demo"
CORPUS = DEMO / "corpus"
pytestmark = pytest.mark.skipif(not (DEMO / "clusters.jsonl").exists(), reason="no demo corpus")


def _read(path: Path) -> Article:
    items = list(iter_articles([str(path)], ReadOptions(learn_furniture=False)))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Originals and same-story distractors of the demo (protocol 1: copies are queries)."""
    path = tmp_path_factory.mktemp("lib") / "demo.db"
    with Library.open(path) as lib:
        lib.add(_read(f) for f in sorted(CORPUS.glob("*/*.html")) if not f.name.startswith("copy-"))
    return path


def _kind(copy: Path) -> str:
    kinds = {}
    for line in (DEMO / "clusters.jsonl").open(encoding="utf-8"):
        c = json.loads(line)
        for j, doc in enumerate(c["copies"]):
            kinds[f"{c['cluster_id']}/copy-{j}"] = doc["kind"]
    return kinds[f"{copy.parent.name}/copy-{copy.name.split('-')[1]}"]


def test_every_demo_copy_traces_to_its_original_with_a_copy_verdict(library: Path) -> None:
    copies = sorted(CORPUS.glob("*/copy-*.html"))
    assert len(copies) >= 12
    with Library.open(library, readonly=True) as lib:
        for copy in copies:
            original = _read(copy.parent / "original.html")
            result = trace(lib, _read(copy))
            assert result.candidates, copy
            top = result.candidates[0]
            assert top.article.id == original.id, copy
            assert top.analysis is not None
            if _kind(copy) == "paraphrase":
                # a paraphrase keeps no wording; when in doubt unspun says same-story
                assert top.analysis.verdict in COPY_VERDICTS | {"same-story"}
            else:
                assert top.analysis.verdict in COPY_VERDICTS, (copy, top.analysis.verdict)
                assert top.analysis.derived != "candidate", copy


def test_same_story_and_unrelated_articles_are_never_called_copies(library: Path) -> None:
    distractors = sorted(CORPUS.glob("*/distractor-*.html"))
    assert len(distractors) >= 10
    with Library.open(library, readonly=True) as lib:
        for d in distractors:
            for cand in trace(lib, _read(d)).candidates:
                assert cand.analysis is not None
                assert cand.analysis.verdict not in COPY_VERDICTS, (d, cand.article.url)
        assert trace(lib, _read(CORPUS / "demo-unrelated" / "original.html")).candidates == []


def test_compare_lists_meaning_changing_edits(library: Path) -> None:
    folder = CORPUS / "demo-000003"
    result = compare(_read(folder / "copy-0-meaning-edit.html"), _read(folder / "original.html"))
    analysis = result.candidates[0].analysis
    assert analysis is not None and analysis.verdict in COPY_VERDICTS
    meaning = [e for e in analysis.edits if e.changes_meaning]
    assert {"name", "attribution"} <= {e.type for e in meaning}
    q = result.query.text
    assert all(q[e.q_start : e.q_end] == e.query_text for e in analysis.edits)


def test_trace_cli_json_and_html(library: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    spun = CORPUS / "demo-000000" / "copy-1-spun-30.html"
    html = tmp_path / "report.html"
    res = runner.invoke(app, ["trace", str(spun), "--library", str(library), "--json",
                              "--html", str(html)])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["schema_version"] and doc["candidates"]
    top = doc["candidates"][0]
    assert top["url"] == _read(CORPUS / "demo-000000" / "original.html").url
    assert top["verdict"] == "spun" and top["passages"] and top["edits"]
    assert {"id", "url", "site", "title", "score", "coverage"} <= set(top)
    page = html.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in page and "<script" not in page.lower()
    # a missing library is a one-line error, exit 1, and is not created
    missing = tmp_path / "none.db"
    res = runner.invoke(app, ["trace", str(spun), "--library", str(missing)])
    assert res.exit_code == 1 and not missing.exists()


def test_diff_cli(tmp_path: Path) -> None:
    folder = CORPUS / "demo-000000"
    res = CliRunner().invoke(app, ["diff", str(folder / "copy-0-verbatim.html"),
                                   str(folder / "original.html"), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["candidates"][0]["verdict"] in ("verbatim", "syndicated")


def test_demo_command_builds_library_and_traces(tmp_path: Path) -> None:
    lib, html = tmp_path / "d.db", tmp_path / "d.html"
    res = CliRunner().invoke(app, ["demo", "--library", str(lib), "--html", str(html)])
    assert res.exit_code == 0, res.output
    assert "SPUN" in res.stdout and html.exists()
    with Library.open(lib, readonly=True) as opened:
        n = len(opened)
    again = CliRunner().invoke(app, ["demo", "--library", str(lib), "--html", str(html)])
    assert again.exit_code == 0
    with Library.open(lib, readonly=True) as opened:
        assert len(opened) == n  # idempotent
