"""Reports from one TraceResult: JSON (schema-checked), terminal (Rich) and HTML."""

from __future__ import annotations

import dataclasses
import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest

from report_fixtures import IMG, MORE_HTML, SCRIPT, hostile_result, validate
from unspun.model import MEANING_EDITS, Passage, TraceResult
from unspun.report.common import MEANING_ORDER, ordered_edits
from unspun.report.html import CSP, render_html
from unspun.report.json import trace_to_dict, trace_to_json
from unspun.report.sample import sample_pair, sample_result
from unspun.report.schema import SCHEMA_VERSION, TRACE_SCHEMA, schema_json
from unspun.report.terminal import trace_to_text


def _schema_errors(doc: dict[str, Any]) -> list[str]:
    errors = validate(doc, TRACE_SCHEMA)
    try:  # the real validator too, when it happens to be installed
        import jsonschema
    except ImportError:
        return errors
    validator = jsonschema.Draft202012Validator(TRACE_SCHEMA)
    return errors + [e.message for e in validator.iter_errors(doc)]


# --- JSON


@pytest.mark.parametrize("include_text", [False, True])
def test_json_report_matches_schema(include_text: bool) -> None:
    for result in (sample_result(), hostile_result()):
        doc = json.loads(trace_to_json(result, include_text=include_text))
        assert _schema_errors(doc) == []
        assert doc["schema_version"] == SCHEMA_VERSION
        assert ("text" in doc["query"]) is include_text


def test_validator_rejects_broken_documents() -> None:
    doc = trace_to_dict(sample_result())
    assert _schema_errors(doc) == []
    broken = json.loads(json.dumps(doc))
    broken["candidates"][0]["edits"][0]["type"] = "rewording"
    del broken["candidates"][0]["confidence"]
    broken["query"]["extra"] = 1
    errors = validate(broken, TRACE_SCHEMA)
    assert len(errors) == 3


def test_json_lists_meaning_changing_edits_first() -> None:
    doc = trace_to_dict(sample_result())
    cand = doc["candidates"][0]
    assert cand["verdict"] == "spun" and cand["is_copy"] is True and cand["analysed"] is True
    types = [e["type"] for e in cand["edits"]]
    meaning = [t for t in types if t in MEANING_EDITS]
    assert types[: len(meaning)] == meaning  # no harmless edit before a meaning-changing one
    assert types[:2] == ["name", "name"] and "attribution" in types[:5]
    assert [MEANING_ORDER.index(t) for t in meaning] == sorted(
        MEANING_ORDER.index(t) for t in meaning
    )
    first = cand["edits"][0]
    assert first["query"]["text"] == "Holme" and first["source"]["text"] == "Holm"
    assert first["changes_meaning"] is True


def test_json_offsets_point_at_the_texts() -> None:
    result = sample_result()
    doc = trace_to_dict(result, include_text=True)
    q, s = doc["query"]["text"], doc["candidates"][0]["text"]
    for e in doc["candidates"][0]["edits"]:
        assert q[e["query"]["start"] : e["query"]["end"]] == e["query"]["text"]
        assert s[e["source"]["start"] : e["source"]["end"]] == e["source"]["text"]
    for p in doc["candidates"][0]["passages"]:
        assert 0 <= p["query"]["start"] < p["query"]["end"] <= len(q)


def test_json_unanalysed_candidate_and_determinism() -> None:
    result = sample_result()
    doc = trace_to_dict(result)
    other = doc["candidates"][1]
    assert other["rank"] == 2 and other["analysed"] is False
    assert other["verdict"] is None and other["edits"] == [] and other["evidence"] is None
    assert list(doc) == ["schema_version", "query", "candidates"]
    assert trace_to_json(result) == trace_to_json(sample_result())  # same input, same bytes


def test_json_hostile_text_round_trips_unchanged() -> None:
    doc = json.loads(trace_to_json(hostile_result(), include_text=True))
    assert SCRIPT in doc["query"]["text"] and doc["query"]["site"] == f"{SCRIPT}.example"


# --- terminal


def test_terminal_leads_with_verdict_then_meaning_edits() -> None:
    out = trace_to_text(sample_result(), width=140)
    verdict, edits, passages = (
        out.index("SPUN"),
        out.index("Edits that change"),
        out.index("Passages"),
    )
    assert verdict < edits < passages
    assert "this page looks like the copy" in out
    assert "Holm → Holme" in out and "12,000 → 21,000" in out
    assert out.index("Holm → Holme") < out.index("Other edits: synonym 8")
    assert "Other candidates" in out and "north-wire.example" in out


def test_terminal_prints_hostile_text_literally() -> None:
    result = hostile_result()
    out = trace_to_text(result, width=400, color=True)
    assert "[bold]markup[/bold]" in out and "[link=http://127.0.0.1:9/]rich link[/link]" in out
    assert "\x1b]8;" not in out  # no terminal hyperlink was created from the text
    assert SCRIPT in out
    # Control characters in metadata never reach the terminal.
    cand = result.candidates[1]
    article = dataclasses.replace(cand.article, title="ok\x1b[2Jcleared\x07")
    evil = TraceResult(result.query, [dataclasses.replace(cand, article=article)])
    plain = trace_to_text(evil, width=200)
    assert "\x1b" not in plain and "\x07" not in plain and "ok[2Jcleared" in plain


def test_terminal_no_candidates() -> None:
    copy, _ = sample_pair()
    assert "No candidate source found." in trace_to_text(TraceResult(copy, []))


# --- HTML


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Collector:
    c = _Collector()
    c.feed(page)
    c.close()
    return c


def test_html_escapes_everything_and_has_csp() -> None:
    page = render_html(hostile_result())
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in page
    assert "default-src 'none'" in CSP and "script" not in CSP
    parsed = _parse(page)
    allowed = set(
        [
            "html",
            "head",
            "meta",
            "title",
            "style",
            "body",
            "main",
            "header",
            "div",
            "h1",
            "h2",
            "h3",
            "nav",
            "a",
            "span",
            "section",
            "small",
            "b",
            "ul",
            "li",
            "table",
            "tr",
            "th",
            "td",
            "details",
            "summary",
            "mark",
            "footer",
        ]
    )
    assert set(parsed.tags) <= allowed
    assert not any(name.startswith("on") for name, _ in parsed.attrs)
    hrefs = [v for name, v in parsed.attrs if name == "href"]
    assert hrefs and all(v and re.fullmatch(r"#c\d+(-[pe]\d+-[qs])?", v) for v in hrefs)
    text = "".join(parsed.text)
    assert SCRIPT in text and IMG in text and "<b>bold</b>" in text
    assert MORE_HTML in text  # the whole hostile paragraph, character for character
    metas = [v for name, v in parsed.attrs if name == "http-equiv"]
    assert metas == ["Content-Security-Policy"]


def test_html_links_passages_and_edits_on_both_sides() -> None:
    result = sample_result()
    page = render_html(result)
    analysis = result.candidates[0].analysis
    assert analysis is not None
    ids = re.findall(r'id="(c0-[pe]\d+-[qs])"', page)
    assert len(ids) == len(set(ids))  # anchors are unique
    for k in range(len(analysis.passages)):
        assert f'id="c0-p{k}-q"' in page and f'id="c0-p{k}-s"' in page
        assert f'href="#c0-p{k}-s"' in page and f'href="#c0-p{k}-q"' in page
    for j in range(len(analysis.edits)):
        assert f'id="c0-e{j}-q"' in page and f'id="c0-e{j}-s"' in page
    # Meaning-changing edits come first in the page, with a legend of every type.
    first_table = page.index("Edits that change meaning")
    assert first_table < page.index('class="sbs"')
    assert page.index('class="tag t-name"') < page.index('class="tag t-synonym"')
    for kind in ("name", "number", "quote", "attribution", "insertion", "synonym"):
        assert f'class="k t-{kind}"' in page
    edits = ordered_edits(analysis.edits)
    name = edits[0]
    mark = '<mark class="t-name" id="c0-e0-q" title="name: Holm → Holme (surname altered)">'
    assert f"{mark}{name.query_text}</mark>" in page


def test_html_handles_no_candidates_and_bad_offsets() -> None:
    copy, _ = sample_pair()
    assert "No candidate source found." in render_html(TraceResult(copy, []))
    result = sample_result()
    analysis = result.candidates[0].analysis
    assert analysis is not None
    analysis.passages.append(Passage(10_000, 20_000, -5, 3, 0.1))  # out of range: clipped
    page = render_html(result)
    assert page.count('class="sbs"') == 1


def test_html_overlapping_edits_keep_their_anchors() -> None:
    result = sample_result()
    analysis = result.candidates[0].analysis
    assert analysis is not None
    name = next(e for e in analysis.edits if e.type == "name")
    inner = dataclasses.replace(name, type="synonym", q_end=name.q_end - 1, s_end=name.s_end - 1)
    analysis.edits.append(inner)  # lies wholly inside the name edit
    page = render_html(result)
    n = len(analysis.edits)
    for j in range(n):
        assert page.count(f'id="c0-e{j}-q"') == 1 and page.count(f'id="c0-e{j}-s"') == 1


def test_emit_writes_html_and_json_or_terminal(tmp_path: Any) -> None:
    import io

    from rich.console import Console

    from unspun.errors import InputError
    from unspun.report.output import emit

    buf = io.StringIO()
    page = tmp_path / "r.html"
    emit(hostile_result(), Console(file=buf, width=100), as_json=True, html_file=page)
    assert json.loads(buf.getvalue())["schema_version"] == SCHEMA_VERSION  # not wrapped by Rich
    assert page.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]  # no temporary file left
    buf = io.StringIO()
    emit(sample_result(), Console(file=buf, width=120))
    assert "Edits that change meaning" in buf.getvalue()
    with pytest.raises(InputError, match="cannot write the HTML report"):
        emit(sample_result(), Console(file=io.StringIO()), html_file=tmp_path / "no" / "r.html")


def test_not_a_copy_is_said_plainly() -> None:
    result = sample_result()
    analysis = result.candidates[0].analysis
    assert analysis is not None
    analysis.verdict, analysis.edits, analysis.derived = "same-story", [], "unknown"
    assert "Not a copy, so no edits are listed" in render_html(result)
    out = trace_to_text(result, width=120)
    assert "SAME-STORY" in out and "Which is the copy: not a copy" in out
    assert "Not a copy, so no edits are listed." in out
    assert trace_to_dict(result)["candidates"][0]["is_copy"] is False


def test_schema_file_in_docs_matches_the_code() -> None:
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "docs" / "trace-schema.json"
    assert path.read_text(encoding="utf-8") == schema_json(), "regenerate docs/trace-schema.json"


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o077, 0o600)])
def test_html_report_mode_follows_the_umask(tmp_path: Any, umask: int, mode: int) -> None:
    # Issue 19 item 17: reports were created 0600 (mkstemp's mode) whatever the umask.
    import os
    import stat

    from unspun.report.output import write_html

    old = os.umask(umask)
    try:
        write_html(sample_result(), tmp_path / "r.html")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "r.html").stat().st_mode) == mode
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]
