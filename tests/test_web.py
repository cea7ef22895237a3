"""The web app over injected frames: page, JSON API, filters, errors (no browser, no store)."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from starlette.testclient import TestClient
from test_timeline_data import random_frame, sample_frame

from brinkwatch.errors import StoreLocked
from brinkwatch.model import EVENT_COLUMNS
from brinkwatch.web import FramesProvider, create_app


@pytest.fixture()
def client():
    return TestClient(create_app(provider=FramesProvider(sample_frame())))


ERROR_KEYS = {"error", "code", "message", "hint"}


def test_page_shows_entries_grouped_by_date_with_evidence(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    html = r.text
    assert html.count('class="entry ') == 5  # 4 dated entries + 1 undated; the threat is hidden
    assert "Sunday 2 March 2025" in html and "Saturday 1 March 2025" in html and "Date unknown" in html
    assert "Chile (GOV) REQUEST Peru (GOV): urged" in html
    assert "<mark>urged</mark>" in html
    assert "andes-wire.example" in html and "harbor-times.example" in html
    assert "copy of another report" in html  # the wire copy is marked
    assert "&lt;interference&gt;" in html and "<interference>" not in html  # evidence is escaped
    # order: dates ascending
    days = re.findall(r'data-date="([0-9-]+)"', html)
    assert days == sorted(days)


def test_page_uses_only_its_own_assets(client):
    html = client.get("/").text
    assert "/static/brinkwatch.css" in html and "/static/brinkwatch.js" in html
    assert not re.search(r'(src|href)="(https?:)?//', html.replace('href="https://', "EVIDENCE_LINK")), "no CDN"
    assert "default-src 'self'" in client.get("/").headers["content-security-policy"]
    assert client.get("/static/brinkwatch.css").status_code == 200
    assert client.get("/static/brinkwatch.js").status_code == 200


def test_filters_on_page_and_api(client):
    html = client.get("/", params={"type": "ASSAULT"}).text
    assert html.count('class="entry ') == 1 and "fired on" in html
    data = client.get("/api/timeline", params={"actor": "CHL", "since": "2025-03-03"}).json()
    assert {e["plover"] for e in data["entries"]} == {"REJECT", "ASSAULT"}
    assert data["filters"]["actor"] == "CHL"
    data = client.get("/api/timeline", params={"all": "1", "type": "SANCTION"}).json()
    assert [e["modality"] for e in data["entries"]] == ["threatened"]
    assert "No events match" in client.get("/", params={"actor": "nobody-here"}).text


def test_api_timeline_shape(client):
    data = client.get("/api/timeline").json()
    assert data["count"] == len(data["entries"]) == 5
    req = next(e for e in data["entries"] if e["plover"] == "REQUEST")
    assert req["n_sources"] == 2 and req["n_articles"] == 2 and len(req["evidence"]) == 3
    assert req["evidence"][0]["url"].startswith("https://")


def test_api_events_paging_and_json_columns(client):
    data = client.get("/api/events", params={"all": "1", "limit": 3}).json()
    assert data["count"] == 8 and len(data["events"]) == 3 and data["limit"] == 3
    ev = data["events"][0]
    assert set(EVENT_COLUMNS) <= set(ev)
    assert isinstance(ev["source_actors"], list) and ev["source_actors"][0]["country"] == "CHL"
    rest = client.get("/api/events", params={"all": "1", "offset": 3}).json()
    assert len(rest["events"]) == 5


def test_health(client):
    data = client.get("/api/health").json()
    assert data["status"] == "ok" and data["events"] == 8 and data["source"] == "frames"


def test_errors_have_one_json_shape(client):
    r = client.get("/api/timeline", params={"since": "someday"})
    assert r.status_code == 400 and set(r.json()) == ERROR_KEYS and r.json()["code"] == "BW-Q001"
    r = client.get("/api/events", params={"limit": "lots"})
    assert r.status_code == 400 and set(r.json()) == ERROR_KEYS
    r = client.get("/api/nothing")
    assert r.status_code == 404 and r.json()["code"] == "BW-W001"
    page = client.get("/", params={"until": "2025-01-01", "since": "2025-02-01"})
    assert page.status_code == 400 and "Swap the two dates" in page.text and "BW-Q001" in page.text
    r = client.get("/", params={"since": "x"}, headers={"accept": "application/json"})
    assert set(r.json()) == ERROR_KEYS


def test_store_locked_is_a_503_with_the_error_shape():
    class Locked:
        def events(self):
            raise StoreLocked("The store is being written by another process.", hint="Wait for ingest to finish.")

        def describe(self):
            return "locked"

    client = TestClient(create_app(provider=Locked()))
    r = client.get("/api/health")
    assert r.status_code == 503 and r.json()["code"] == "BW-S001" and r.json()["hint"]
    page = client.get("/")
    assert page.status_code == 503 and "Wait for ingest to finish." in page.text


def test_unexpected_error_is_a_500_with_the_error_shape():
    class Broken:
        def events(self):
            raise RuntimeError("boom")

        def describe(self):
            return "broken"

    client = TestClient(create_app(provider=Broken()), raise_server_exceptions=False)
    r = client.get("/api/timeline")
    assert r.status_code == 500 and set(r.json()) == ERROR_KEYS and r.json()["code"] == "BW-W002"


def test_missing_store_file_is_a_404_with_a_hint(tmp_path):
    client = TestClient(create_app(tmp_path / "none.duckdb"))
    r = client.get("/api/health")
    assert r.status_code == 404 and r.json()["code"] == "BW-S002" and "ingest" in r.json()["hint"]


def test_empty_store_frame_renders(tmp_path):
    client = TestClient(create_app(provider=FramesProvider(pd.DataFrame(columns=list(EVENT_COLUMNS)))))
    assert "No events match" in client.get("/").text
    assert client.get("/api/timeline").json()["count"] == 0


def test_page_limit_shows_a_note():
    client = TestClient(create_app(provider=FramesProvider(sample_frame())))
    html = client.get("/", params={"limit": 2}).text
    assert html.count('class="entry ') == 2 and "Showing the first 2 of 5 events" in html
    assert "Showing the first" not in client.get("/").text
    assert client.get("/", params={"limit": -1}).status_code == 400


def test_bigger_frame_and_callable_provider():
    df = random_frame(60, seed=11)
    client = TestClient(create_app(provider=FramesProvider(lambda: df)))
    data = client.get("/api/timeline").json()
    dates = [e["date_start"] for e in data["entries"]]
    assert dates == sorted(dates)
    assert sum(len(e["event_ids"]) for e in data["entries"]) == int((df.modality != "threatened").sum())
