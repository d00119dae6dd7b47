"""The HTTP API of `unspun serve`, through httpx (FastAPI's TestClient), over a library of the
demo corpus with its stories stored."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from service_fixtures import build_demo_library, copy_with, demo_copies
from unspun.ingest import article_from_html, article_from_text
from unspun.library import Library
from unspun.pipeline import trace
from unspun.report.json import trace_to_dict
from unspun.service import ServeOptions, create_app
from unspun.service.guard import CSP


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_demo_library(tmp_path_factory.mktemp("serve") / "demo.db")


@pytest.fixture(scope="module")
def client(library: Path) -> Iterator[TestClient]:
    with TestClient(create_app(library)) as c:
        yield c


def _new_article(tag: str) -> dict[str, Any]:
    """An invented article no demo page shares words with (tag keeps each one unique)."""
    return {
        "url": f"https://example.invalid/{tag}",
        "title": f"Brennholt ferry service resumes after storm repairs {tag}",
        "published": "2024-03-02",
        "text": (f"The Brennholt ferry crossing reopened on Saturday, {tag}, after eleven days of "
                 "repairs to the slipway damaged in the February storm.\n\nHarbour master "
                 "Odile Fenwarren said the first sailing carried 214 passengers and 37 vehicles, "
                 "and that the timetable would return to eight daily crossings by Tuesday.\n\n"
                 "Traders on the island had warned that the closure cost them much of the "
                 "half-term trade, and the council has promised a review of the slipway's "
                 "maintenance contract."),
    }


def _check_headers(r: Any) -> None:
    assert r.headers["content-security-policy"] == CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("copy", [c for c in demo_copies() if c.kind == "spun"],
                         ids=lambda c: c.cluster)
def test_trace_of_spun_copy_finds_its_original(client: TestClient, copy: Any) -> None:
    r = client.post("/api/trace", json={"html": copy.page.read_text(encoding="utf-8")})
    assert r.status_code == 200, r.text
    top = r.json()["candidates"][0]
    assert top["rank"] == 1 and top["url"] == copy.original_url
    assert top["verdict"] == "spun" and top["is_copy"] is True
    meaning = {e["type"] for e in top["edits"] if e["changes_meaning"]}
    assert meaning & {"name", "quote"}, meaning


def test_upload_of_meaning_edit_copy_shows_the_name_edit(client: TestClient) -> None:
    copy = copy_with("edited", "name")
    r = client.post("/api/trace", files={"file": (copy.page.name, copy.page.read_bytes(),
                                                  "text/html")})
    assert r.status_code == 200, r.text
    top = r.json()["candidates"][0]
    assert top["url"] == copy.original_url and top["verdict"] == copy.kind
    found = {(e["source"]["text"], e["query"]["text"]) for e in top["edits"]
             if e["type"] == "name" and e["changes_meaning"]}
    wanted = {(e["source_text"], e["copy_text"]) for e in copy.edits if e["type"] == "name"}
    assert wanted and wanted <= found  # e.g. Blackwood -> Vasquez


def test_api_gives_the_same_json_as_the_trace_command(client: TestClient, library: Path) -> None:
    copy = copy_with("spun")
    rec = copy.record
    body = {"text": rec["text"], "title": rec["title"], "url": rec["url"],
            "published": rec["date"]}
    r = client.post("/api/trace", json=body)
    assert r.status_code == 200
    query = article_from_text(rec["text"], url=rec["url"], title=rec["title"],
                              published=date.fromisoformat(rec["date"]))
    with Library.open(library, readonly=True) as lib:
        expected = trace_to_dict(trace(lib, query))
    assert r.json() == json.loads(json.dumps(expected))
    # The page itself is in the library too (as read from its HTML: another id), so it comes
    # first as a verbatim copy; its original follows, judged a copy too.
    by_url = {c["url"]: c for c in r.json()["candidates"]}
    assert by_url[rec["url"]]["verdict"] == "verbatim"
    assert by_url[copy.original_url]["is_copy"] is True


def test_form_text_and_query_text_option(client: TestClient) -> None:
    copy = copy_with("spun")
    html = copy.page.read_text(encoding="utf-8")
    r = client.post("/api/trace", params={"include_text": "true"},
                    data={"text": html, "format": "html"})
    assert r.status_code == 200
    d = r.json()
    assert d["query"]["text"] == article_from_html(html).text
    assert d["candidates"][0]["text"]


@pytest.mark.parametrize(("kwargs", "status", "words"), [
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400, "JSON"),
    ({"json": {"text": "   "}}, 400, "empty"),
    ({"json": {"html": "<html><body><nav>menu</nav></body></html>"}}, 400, "cannot read"),
    ({"data": {"title": "only a title"}}, 400, "nothing to trace"),
    ({"json": {"text": "a", "html": "<p>b</p>"}}, 422, "invalid"),
    ({"json": {}}, 422, "invalid"),
    ({"json": {"text": 5}}, 422, "invalid"),
    ({"json": {"text": "x", "published": "last week"}}, 422, "invalid"),
    ({"json": {"text": "x", "colour": "red"}}, 422, "invalid"),
    ({"data": {"text": "x", "published": "soon"}}, 422, "date"),
    ({"content": b"hello", "headers": {"content-type": "text/plain"}}, 415, "JSON"),
    ({"content": b"[" * 100_000 + b"]" * 100_000, "headers": {"content-type": "application/json"}},
     400, "nested"),
], ids=lambda v: str(v)[:40])
def test_trace_errors_are_json_with_the_right_status(
        client: TestClient, kwargs: dict[str, Any], status: int, words: str) -> None:
    r = client.post("/api/trace", **kwargs)
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error", "detail"} and words.lower() in body["error"].lower()
    _check_headers(r)


def test_unknown_things_are_404(client: TestClient) -> None:
    for path in ("/api/articles/0000000000000000", "/api/stories/s00", "/api/nothing",
                 "/stories/sffff", "/static/../pyproject.toml", "/static/nope.js"):
        r = client.get(path)
        assert r.status_code == 404, path
        _check_headers(r)
    assert client.get("/api/nothing").json()["error"] == "not found"
    assert client.get("/api/articles/bad id!").status_code == 422


def test_body_limits_reject_early_with_413(library: Path) -> None:
    opts = ServeOptions(max_trace_bytes=2000, max_add_bytes=3000, max_other_bytes=100)
    with TestClient(create_app(library, opts)) as c:
        big = {"text": "word " * 1000}
        r = c.post("/api/trace", json=big)
        assert r.status_code == 413 and r.json()["detail"]["limit_bytes"] == 2000
        _check_headers(r)

        def chunks() -> Iterator[bytes]:  # no Content-Length: a chunked body
            for _ in range(50):
                yield b'{"text": "' + b"x" * 100
        r = c.post("/api/trace", content=chunks(), headers={"content-type": "application/json"})
        assert r.status_code == 413
        line = json.dumps(_new_article("limit")).encode() + b"\n"
        assert c.post("/api/articles", content=line * 10).status_code == 413
        assert c.post("/trace", data={"text": "w " * 2000}).status_code == 413
        assert c.request("GET", "/healthz", content=b"x" * 200).status_code == 413
        assert c.post("/api/trace", json={"text": "small enough"}).status_code == 200


def test_security_headers_on_every_kind_of_response(client: TestClient) -> None:
    for path in ("/", "/healthz", "/stories", "/sites", "/api", "/openapi.json",
                 "/static/app.js", "/static/report.css", "/api/stories", "/api/sites"):
        r = client.get(path)
        assert r.status_code == 200, path
        _check_headers(r)
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    page = client.get("/").text
    assert "<style" not in page and " style=" not in page and "<script>" not in page
    assert '<script src="/static/app.js" defer></script>' in page


def test_add_then_get_then_trace_sees_it(client: TestClient) -> None:
    recs = [_new_article(f"add-{i}") for i in range(3)]
    body = "".join(json.dumps(r) + "\n" for r in recs) + "{broken\n"
    r = client.post("/api/articles", content=body,
                    headers={"content-type": "application/jsonl"})
    assert r.status_code == 200, r.text
    d = r.json()
    assert (d["added"], d["already_present"], d["failed"]) == (3, 0, 1)
    assert "not valid JSON" in d["errors"][0]
    got = client.get(f"/api/articles/{d['ids'][0]}")
    assert got.status_code == 200
    assert got.json()["url"] == recs[0]["url"] and "Odile Fenwarren" in got.json()["text"]
    again = client.post("/api/articles", content=json.dumps(recs),
                        headers={"content-type": "application/json"})
    assert (again.json()["added"], again.json()["already_present"]) == (0, 3)
    # A lightly edited copy of the new article now traces to it.
    edited = recs[1]["text"].replace("Saturday", "Sunday")
    tr = client.post("/api/trace", json={"text": edited, "title": recs[1]["title"]})
    assert tr.json()["candidates"][0]["url"] == recs[1]["url"]


def test_add_files_by_upload(client: TestClient) -> None:
    rec = _new_article("upload")
    files = [("files", ("a.jsonl", json.dumps(rec).encode() + b"\n", "application/jsonl")),
             ("files", ("b.txt", b"Brennholt notes\n\nThe harbour master Odile Fenwarren spoke "
                        b"to reporters on the quay about the repaired slipway.", "text/plain")),
             ("files", ("c.bin", b"\x00\x01\x02\x03" * 50, "application/octet-stream"))]
    r = client.post("/api/articles", files=files)
    assert r.status_code == 200, r.text
    assert (r.json()["added"], r.json()["failed"]) == (2, 1)
    assert client.post("/api/articles", content=b"").status_code == 400
    assert client.post("/api/articles", content=b"{oops\n").status_code == 400


def test_add_of_deeply_nested_json_is_a_bad_input(client: TestClient) -> None:
    deep = b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    good = json.dumps(_new_article("deep")).encode()
    r = client.post("/api/articles", content=deep + b"\n" + good + b"\n")
    assert r.status_code == 200, r.text
    assert (r.json()["added"], r.json()["failed"]) == (1, 1)
    assert r.json()["errors"][0].startswith("body:1: ") and "nested" in r.json()["errors"][0]
    r = client.post("/api/articles", content=b"[" + deep + b"]")
    assert r.status_code == 400 and "nested" in r.json()["detail"]["errors"][0]


def test_concurrent_adds_lose_nothing(client: TestClient, library: Path) -> None:
    """API adds from several clients while another process-like writer adds directly."""
    before = client.get("/api/stories").json()  # stories stay as stored meanwhile
    with Library.open(library, readonly=True) as lib:
        start = len(lib)
    errors: list[str] = []

    def api_client(k: int) -> None:
        for i in range(5):
            body = json.dumps(_new_article(f"c{k}-{i}")) + "\n"
            r = client.post("/api/articles", content=body)
            if r.status_code != 200 or r.json()["added"] != 1:
                errors.append(r.text)

    def direct() -> None:  # like `unspun add` in another process: its own connection
        from unspun.ingest import article_from_record
        with Library.open(library) as lib:
            for i in range(5):
                lib.add_articles([article_from_record(_new_article(f"direct-{i}"))])

    threads = [threading.Thread(target=api_client, args=(k,)) for k in range(4)]
    threads.append(threading.Thread(target=direct))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with Library.open(library, readonly=True) as lib:
        assert len(lib) == start + 25
    assert client.get("/api/stories").json() == before


def test_stories_and_sites(client: TestClient) -> None:
    d = client.get("/api/stories").json()
    assert d["computed"] and d["total"] >= 8
    copy = copy_with("edited", "name")
    wanted = next(s for s in d["stories"] if copy.original_url in s["original_urls"])
    one = client.get(f"/api/stories/{wanted['story_id']}").json()
    urls = {m["url"]: m for m in one["members"]}
    assert urls[copy.original_url]["role"] == "original"
    assert urls[copy.record["url"]]["role"] == "copy"
    assert any(e["relation"] == "copy" for e in one["edges"])
    page = client.get(f"/stories/{wanted['story_id']}").text
    assert "<svg" in page and "Lineage" in page
    assert "story-" not in page  # links point at the app's routes
    sites = client.get("/api/sites").json()
    assert sites["computed"] and sites["total"] == len(sites["sites"]) > 3
    assert all(0 <= s["farm_score"] <= 1 for s in sites["sites"])
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422


def test_no_stories_yet(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path / "new.db")) as c:
        assert c.get("/api/stories").json()["computed"] is False
        assert "unspun stories" in c.get("/stories").text
        assert c.get("/api/sites").json()["sites"] == []


def test_hostile_article_is_escaped_in_the_trace_page(client: TestClient) -> None:
    markup = next(c for c in demo_copies() if c.cluster == "demo-markup")
    page = client.post("/trace", files={"file": ("x.html", markup.page.read_bytes(),
                                                 "text/html")})
    assert page.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<script>alert" not in page.text
    assert page.text.count("<script") == 1  # our own /static/app.js only


def test_read_only_server_refuses_adds(library: Path) -> None:
    with TestClient(create_app(library, ServeOptions(read_only=True))) as c:
        r = c.post("/api/articles", content=json.dumps(_new_article("ro")) + "\n")
        assert r.status_code == 403 and "read-only" in r.json()["error"]
        assert c.get("/healthz").json()["writable"] is False


def test_openapi_documents_every_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/trace", "/api/articles", "/api/articles/{article_id}", "/api/stories",
                 "/api/stories/{story_id}", "/api/sites", "/healthz"):
        assert path in spec["paths"], path
    body = spec["paths"]["/api/trace"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    assert "candidates" in spec["paths"]["/api/trace"]["post"]["responses"]["200"][
        "content"]["application/json"]["schema"]["properties"]


def test_form_errors_come_back_to_the_form(client: TestClient) -> None:
    r = client.post("/trace", data={"text": "  "})
    assert r.status_code == 400 and 'role="alert"' in r.text and 'id="trace-form"' in r.text
    r = client.post("/trace", files={"file": ("x.bin", b"\x00\x01" * 100, "application/pdf")})
    assert r.status_code == 400 and "binary" in r.text
    _check_headers(r)
    hostile = "<script>alert(1)</script>"
    r = client.post("/trace", data={"text": "x", "published": hostile})
    assert r.status_code == 422 and hostile not in r.text and "&lt;script&gt;" in r.text


def test_serve_command_binds_loopback_by_default(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from unspun.cli import app
    from unspun.cli.serve import is_loopback

    assert all(is_loopback(h) for h in ("127.0.0.1", "127.8.0.1", "::1", "[::1]", "localhost"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.4", "::", "example.org"))
    r = CliRunner().invoke(app, ["serve", "--read-only", "--library", str(tmp_path / "no.db")])
    assert r.exit_code != 0 and "no library" in str(r.exception or r.output)


def test_foreign_hosts_and_cross_site_posts_are_refused(library: Path) -> None:
    opts = ServeOptions(allowed_hosts=frozenset({"127.0.0.1", "localhost"}))
    with TestClient(create_app(library, opts), base_url="http://127.0.0.1:8000") as c:
        assert c.get("/healthz").status_code == 200
        r = c.get("/healthz", headers={"host": "rebound.example"})  # DNS rebinding
        assert r.status_code == 400 and r.json()["error"] == "host not allowed"
        _check_headers(r)
        line = json.dumps(_new_article("csrf")) + "\n"
        r = c.post("/api/articles", content=line, headers={"origin": "https://evil.example"})
        assert r.status_code == 403 and "cross-site" in r.json()["error"]
        r = c.post("/trace", data={"text": "x"}, headers={"origin": "null"})
        assert r.status_code == 403
        r = c.post("/trace", data={"text": "x"}, headers={"sec-fetch-site": "cross-site"})
        assert r.status_code == 403
        # A browser's own form post: no-referrer makes its Origin "null"; Sec-Fetch-Site says.
        r = c.post("/trace", data={"text": "Short note\n\nA few words about a council."},
                   headers={"origin": "null", "sec-fetch-site": "same-origin"})
        assert r.status_code == 200
        ok = c.post("/api/articles", content=line, headers={"origin": "http://127.0.0.1:8000"})
        assert ok.status_code == 200 and ok.json()["added"] == 1


_LATIN_PAGE = ("<html><head><meta charset=\"undefined\"><title>Brennholt caf\u00e9 reopens</title>"
               "</head><body><article><h1>Brennholt caf\u00e9 reopens</h1><p>The harbour caf\u00e9 "
               "in Brennholt reopened on Friday after the slipway repairs, said its owner Odile "
               "Fenwarren, who had closed it for eleven days.</p><p>Ferry passengers queued "
               "for coffee before the first sailing.</p></article></body></html>"
               ).encode("latin-1")


def test_undefined_charset_upload_is_read_not_a_500(tmp_path: Path) -> None:
    # Issue 19 item 1: a page (or an upload's Content-Type) naming charset "undefined".
    with TestClient(create_app(tmp_path / "new.db")) as c:
        for ctype in ("text/html", 'text/html; charset="undefined"'):
            r = c.post("/api/trace", files={"file": ("cafe.html", _LATIN_PAGE, ctype)},
                       params={"include_text": "true"})
            assert r.status_code == 200, r.text
            assert "harbour caf\u00e9" in r.json()["query"]["text"]
        r = c.post("/api/articles", files=[("files", ("cafe.html", _LATIN_PAGE,
                                                      'text/html; charset="undefined"'))])
        assert r.status_code == 200 and r.json()["added"] == 1, r.text


def test_keep_alive_connection_survives_a_500(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # Issue 19 item 9: after answering 500 the server dropped the connection, so a client's
    # next request on it failed (ECONNRESET / RemoteDisconnected). A real uvicorn is needed.
    import http.client
    import socket

    uvicorn = pytest.importorskip("uvicorn")
    import unspun.service.api as api

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug, not bad input")

    monkeypatch.setattr(api, "trace", crash)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(tmp_path / "new.db"), log_level="critical"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        for _ in range(1200):  # a hang guard while it starts, not a speed check
            if server.started:
                break
            threading.Event().wait(0.05)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("POST", "/api/trace", body=json.dumps({"text": "A headline\n\nSome text."}),
                     headers={"content-type": "application/json"})
        r = conn.getresponse()
        assert r.status == 500 and json.loads(r.read()) == {"error": "internal error",
                                                             "detail": None}
        conn.request("GET", "/healthz")  # the same connection
        r = conn.getresponse()
        assert r.status == 200 and json.loads(r.read())["status"] == "ok"
        conn.close()
    finally:
        server.should_exit = True
        thread.join()
        sock.close()


def test_warc_gz_upload_is_read(tmp_path: Path) -> None:
    # Issue 19 item 10: an upload is held in memory; the WARC reader must not need `peek`.
    from warc_fixtures import Response, write_warc

    pages = [Response(f"https://brennholt.example/{i}", _LATIN_PAGE.replace(
        b"on Friday", f"on day {i}".encode())) for i in range(2)]
    for name in ("crawl.warc.gz", "crawl.warc"):
        data = write_warc(tmp_path / name, pages).read_bytes()
        with TestClient(create_app(tmp_path / f"{name}.db")) as c:
            r = c.post("/api/articles", files=[("files", (name, data, "application/warc"))])
            assert r.status_code == 200, r.text
            assert (r.json()["added"], r.json()["failed"]) == (2, 0)
            r = c.post("/api/trace", files={"file": (name, data, "application/octet-stream")})
            assert r.status_code == 200, r.text
            assert r.json()["query"]["url"] == "https://brennholt.example/0"
