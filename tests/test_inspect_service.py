"""The inspection in the API and the web app: /api/inspect, /api/sites, the trace page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from inspect_fixtures import SPUN_PAGE
from service_fixtures import build_demo_library

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from unspun.service import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    lib = build_demo_library(tmp_path_factory.mktemp("inspect") / "demo.db")
    with TestClient(create_app(lib)) as c:
        yield c


def test_api_inspect(client: TestClient) -> None:
    r = client.post("/api/inspect", json={"text": SPUN_PAGE, "title": "A page"})
    assert r.status_code == 200, r.text
    ins = r.json()["inspection"]
    assert ins["rewritten"] and {f["kind"] for f in ins["flags"]} >= {"nonsense-word"}
    assert ins["where_to_look"]["query"]
    assert client.post("/api/inspect", content=b"{not json",
                       headers={"content-type": "application/json"}).status_code == 400
    assert "/api/inspect" in client.get("/openapi.json").json()["paths"]


def test_trace_carries_inspection_when_no_source(client: TestClient) -> None:
    d = client.post("/api/trace", json={"text": SPUN_PAGE, "title": "A page"}).json()
    assert d["inspection"]["score"] >= 0
    page = client.post("/trace", data={"text": SPUN_PAGE.replace("Kumbas", "<b>Kumbas</b>")})
    assert page.status_code == 200 and "What the page itself shows" in page.text
    assert "<b>Kumbas</b>" not in page.text


def test_sites_carry_rewriting_share(client: TestClient) -> None:
    sites = client.get("/api/sites").json()["sites"]
    assert sites and all("rewriting" in s for s in sites)
    rw = sites[0]["rewriting"]
    assert 0 <= rw["share"] <= 1 and rw["sampled"] >= 1
    bare = client.get("/api/sites", params={"sample": 0}).json()["sites"]
    assert all("rewriting" not in s for s in bare)
