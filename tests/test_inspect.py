"""`unspun inspect`: page-alone flags and score, the names index, where to look, reports."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from inspect_fixtures import LIBRARY, PLAIN_PAGE, SPUN_PAGE, library_articles, page
from unspun.ingest import article_from_record
from unspun.inspection.flags import PageText, page_flags, spelling_mix
from unspun.inspection.run import inspect_article
from unspun.inspection.score import FEATURES, load_model, model_from_dict
from unspun.library import Library
from unspun.library import names as lib_names
from unspun.report.inspection import inspection_page, inspection_to_dict
from unspun.text.names import spelling_keys

SEED = Path("/work/shared/seeds/000_87680557906b6747.txt")


def _lib(tmp_path: Path) -> Path:
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        lib.add(library_articles())
    return path


def test_spun_page_flags_each_artifact_with_offsets() -> None:
    a = page(SPUN_PAGE)
    ins = inspect_article(a, None)
    kinds = {f.kind for f in ins.flags}
    assert {"nonsense-word", "broken-attribution", "fragment", "duplicate", "furniture"} <= kinds
    for f in ins.flags:
        if f.text:
            assert a.text[f.start : f.end] == f.text
        assert f.reason
    by_kind = {f.kind: f for f in ins.flags}
    assert by_kind["nonsense-word"].text == "Kumbas"
    assert by_kind["broken-attribution"].text == "he said. Politico."
    assert {f.text for f in ins.flags if f.kind == "fragment"} >= {"said it is.", "I'm here."}
    assert ins.rewritten and ins.score > 0.9
    assert "names were not checked against a library" in ins.notes


def test_plain_newsroom_page_scores_low() -> None:
    ins = inspect_article(page(PLAIN_PAGE), None)
    assert not ins.rewritten and ins.score < ins.threshold
    assert not [f for f in ins.flags if f.kind in ("nonsense-word", "fragment")]


def test_names_are_not_nonsense() -> None:
    text = "The talks were led by Urmas Reinsalu and Minister Kallasberg in the capital."
    assert not [f for f in page_flags(PageText(text)) if f.kind == "nonsense-word"]


def test_spelling_mix() -> None:
    text = ("The colour of the flag was the favorite topic of the organisation that realized "
            "it. Its honour and its behavior were criticised.")
    flags = spelling_mix(PageText(text))
    assert flags and all(f.kind == "spelling-mix" for f in flags)
    assert not spelling_mix(PageText("The color of the flag was the favorite of the team."))


def test_garbled_names_against_the_library(tmp_path: Path) -> None:
    with Library.open(_lib(tmp_path), readonly=True) as lib:
        ins = inspect_article(page(SPUN_PAGE), lib)
    got = {g.name: g for g in ins.garbled}
    assert got["reinsal"].library_name == "reinsalu" and got["reinsal"].articles == 3
    assert got["reinsal"].in_context >= 1
    assert got["symonds"].library_name == "simmons"
    reasons = [f.reason for f in ins.flags if f.kind == "garbled-name"]
    assert any("probably garbled: Reinsal (library: Reinsalu, 3 articles" in r for r in reasons)
    # where to look: the library's spelling, and the same-event articles
    assert any("Urmas Reinsalu" in p for p in ins.phrases)
    assert "Reinsalu" in ins.query and "Kumbas" not in ins.query
    assert any("reinsalu" in (ld.url or "") or "Estonia" in ld.title for ld in ins.leads)


def test_names_index_is_incremental(tmp_path: Path) -> None:
    path = _lib(tmp_path)
    with Library.open(path) as lib:
        assert lib_names.article_counts(lib.conn, ["reinsalu"]) == {"reinsalu": 3}
        lib.remove(urls=[library_articles()[0].url or ""])
        assert lib_names.article_counts(lib.conn, ["reinsalu"]) == {"reinsalu": 2}
        assert "reinsalu" in lib_names.near_names(lib.conn, "reinsal")


def test_names_index_backfills_an_older_library(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    arts = library_articles()
    with Library.open(path) as lib:
        lib.add(arts[:3])
        lib.conn.execute("DROP TABLE names")  # as a library made before the index
        lib.conn.execute("DROP TABLE name_keys")
    with Library.open(path) as lib:
        lib.add(arts[3:])
        assert lib_names.missing_below(lib.conn) > 0
        assert lib_names.article_counts(lib.conn, ["reinsalu"]) == {"reinsalu": 0}
        lib.add([])  # the next add completes it
        assert lib_names.missing_below(lib.conn) == 0
        assert lib_names.article_counts(lib.conn, ["reinsalu"]) == {"reinsalu": 3}


def test_spelling_keys_join_garbled_forms() -> None:
    assert spelling_keys("reinsal") & spelling_keys("reinsalu")
    assert spelling_keys("symonds") & spelling_keys("simmons")


def test_model_file_fits_the_features() -> None:
    m = load_model()
    assert m.features == FEATURES and 0 < m.threshold < 1
    with pytest.raises(ValueError):
        model_from_dict({"schema": "other"})


def test_html_escapes_page_text() -> None:
    a = page(SPUN_PAGE.replace("Police Kumbas", "<script>alert(1)</script> Police Kumbas"))
    html = inspection_page(a, inspect_article(a, None))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_json_is_plain_data() -> None:
    d = inspection_to_dict(inspect_article(page(SPUN_PAGE), None))
    json.dumps(d)
    assert d["rewritten"] is True and d["where_to_look"]["query"]


@pytest.mark.skipif(not SEED.exists(), reason="the seed page is not on this machine")
def test_seed_page() -> None:
    from unspun.cli.trace import read_query
    from unspun.options import ReadOptions

    a = read_query(str(SEED), ReadOptions(clean=False, learn_furniture=False))
    ins = inspect_article(a, None)
    texts = {f.text for f in ins.flags}
    assert {"Kumbas", "he said. Politico."} <= texts
    assert any(f.kind == "duplicate" for f in ins.flags) and ins.rewritten


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    src = str(Path(__file__).resolve().parent.parent / "src")  # this checkout's code
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-m", "unspun", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120, env=env)


def test_cli_inspect(tmp_path: Path) -> None:
    _lib(tmp_path)
    (tmp_path / "page.txt").write_text(SPUN_PAGE, encoding="utf-8")
    out = _run("inspect", "page.txt", "--library", "lib.db", "--json", "--html", "r.html",
               cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["inspection"]["rewritten"] and data["inspection"]["garbled_names"]
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!doctype html>")
    plain = _run("inspect", "page.txt", "--no-library", cwd=tmp_path)
    assert plain.returncode == 0 and "Kumbas" in plain.stdout
    missing = _run("inspect", "nope.txt", cwd=tmp_path)
    assert missing.returncode == 1 and len(missing.stderr.strip().splitlines()) == 1
    nolib = _run("inspect", "page.txt", "--library", "none.db", cwd=tmp_path)
    assert nolib.returncode == 1 and "no library" in nolib.stderr


def test_trace_reports_inspection_when_no_source(tmp_path: Path) -> None:
    from unspun.pipeline import trace
    from unspun.report.json import trace_to_dict
    from unspun.report.schema import TRACE_SCHEMA

    jsonschema = pytest.importorskip("jsonschema")
    with Library.open(_lib(tmp_path), readonly=True) as lib:
        result = trace(lib, page(SPUN_PAGE))
        assert result.inspection is not None
        d = trace_to_dict(result)
        jsonschema.Draft202012Validator(TRACE_SCHEMA).validate(d)
        assert d["inspection"]["flags"]
        # a page whose source is in the library gets no inspection
        _url, title, text = LIBRARY[1]
        copy = article_from_record({"url": "https://copier.example/a", "title": title,
                                    "text": text})
        same = trace(lib, copy)
        assert same.candidates[0].analysis is not None and same.inspection is None


def test_readonly_library_without_index_says_so(tmp_path: Path) -> None:
    path = _lib(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE names")
    conn.commit()
    conn.close()
    with Library.open(path, readonly=True) as lib:
        ins = inspect_article(page(SPUN_PAGE), lib)
    assert not ins.garbled and any("no names index" in n for n in ins.notes)


def test_site_rewriting_counts() -> None:
    from datetime import date

    from unspun.inspection.sites import sample, site_rewriting
    from unspun.stories.types import Member

    spun, plain = page(SPUN_PAGE), page(PLAIN_PAGE)

    def member(a_id: str, role: str) -> Member:
        return Member(story_id="s", article_id=a_id, url=None, site="farm.example", title="t",
                      published=date(2024, 1, 1), role=role,  # type: ignore[arg-type]
                      copied_from=None, copied_from_id=None, verdict=None, confidence=None,
                      group_id="g", generation=0)

    members = [member("a", "original"), member("b", "same-story"), member("c", "copy")]
    arts = {"a": spun, "b": plain, "c": spun}
    assert [m.article_id for m in sample(members, ["farm.example"], 2)["farm.example"]] == \
        ["a", "b"]
    got = site_rewriting(members, ["farm.example"], lambda ids: {i: arts[i] for i in ids})
    rw = got["farm.example"]
    assert (rw.sampled, rw.rewritten, rw.no_source, rw.no_source_rewritten) == (3, 2, 2, 1)
    assert "2 of 3 articles" in rw.reason()
