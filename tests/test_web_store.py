"""The web app and the exports over a real DuckDB store (frames as the store returns them)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from starlette.testclient import TestClient
from test_timeline_data import sample_articles_events

from brinkwatch.analysis import build_timeline
from brinkwatch.export import FORMATS, SUFFIXES, write_export
from brinkwatch.model import CodedArticle, IngestResult
from brinkwatch.web import create_app

store_mod = pytest.importorskip("brinkwatch.store")


@pytest.fixture()
def filled_store(store_path):
    items = sample_articles_events()
    results = [IngestResult(item=f"test#{i}", status="ok", article=a) for i, (a, _, _) in enumerate(items)]
    coded = [CodedArticle(article=a, events=evs) for a, evs, _ in items]
    with store_mod.Store(store_path) as store:
        store.write_batch(results, coded, run_id="t1")
    return store_path


def test_page_and_api_read_the_store_read_only(filled_store):
    client = TestClient(create_app(filled_store))
    health = client.get("/api/health").json()
    assert health["status"] == "ok" and health["events"] == 8 and str(filled_store) in health["source"]
    data = client.get("/api/timeline").json()
    assert {e["plover"] for e in data["entries"]} == {"MOBILIZE", "REQUEST", "REJECT", "ASSAULT", "CONSULT"}
    req = next(e for e in data["entries"] if e["plover"] == "REQUEST")
    assert len(req["event_ids"]) == 3 and req["n_sources"] >= 2
    page = client.get("/", params={"actor": "PER", "type": "ASSAULT"})
    assert page.status_code == 200 and page.text.count('class="entry ') == 1
    # the store is not held open between requests: a writer can open it now
    with store_mod.Store(filled_store) as store:
        assert store.event_count() == 8


def test_exports_from_store_frames(filled_store, tmp_path):
    with store_mod.Store(filled_store, read_only=True) as store:
        events = store.events()
    assert len(build_timeline(events)) == 5
    for fmt in FORMATS:
        result = write_export(events, fmt, tmp_path / f"x{SUFFIXES[fmt]}")
        if fmt == "acled":  # these stored events are all diplomacy and moves: outside ACLED's scope
            assert events.acled_event_type.isna().all() and result.rows == 0 and result.skipped == len(events)
            continue
        assert result.rows > 0, fmt
    geo = json.loads((tmp_path / "x.geojson").read_text())
    assert {tuple(f["geometry"]["coordinates"]) for f in geo["features"]} == {(-70.2979, -18.4746), (-72.5, -19.0)}
    rows = (tmp_path / "x.tsv").read_text().splitlines()
    assert all(len(r.split("\t")) == 61 for r in rows)


def test_store_held_by_a_writer_gives_503(filled_store):
    code = ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code, str(filled_store)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        client = TestClient(create_app(filled_store))
        r = client.get("/api/timeline")
        assert r.status_code == 503 and r.json()["code"] == "BW-S001" and r.json()["hint"]
        page = client.get("/")
        assert page.status_code == 503 and "ingest" in page.text
    finally:
        holder.kill()
        holder.wait(timeout=10)
