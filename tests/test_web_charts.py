"""Map and escalation data (web/charts.py) and their JSON endpoints, over injected frames."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient
from test_timeline_data import random_frame, sample_frame

from brinkwatch.analysis.timeline import build_timeline
from brinkwatch.web import FramesProvider, create_app
from brinkwatch.web.charts import ChartOptions, escalation, map_points, world_outline


@pytest.fixture()
def client():
    return TestClient(create_app(provider=FramesProvider(sample_frame())))


def test_world_outline_comes_from_installed_data():
    world = world_outline()
    assert (world["width"], world["height"]) == (360, 180)
    isos = {c["iso"] for c in world["countries"]}
    assert {"VEN", "USA", "CHL", "PER"} <= isos and len(isos) > 150
    ven = next(c for c in world["countries"] if c["iso"] == "VEN")
    x, y = (float(v) for v in ven["d"][1:].split("L")[0].split(","))
    assert 100 < x < 120 and 75 < y < 90  # lon -72 -> 108, lat 11 -> 79


def test_map_points_group_events_per_place_with_evidence():
    entries = build_timeline(sample_frame())
    data = map_points(entries)
    assert data["events_placed"] + data["events_unplaced"] == len(entries)
    places = {p["place"]: p for p in data["points"]}
    assert set(places) == {"Arica", "Pacific Ocean"}
    pac = places["Pacific Ocean"]
    assert pac["quad"] == 4 and pac["events"][0]["evidence"][0]["sentence"]
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in data["points"])


def test_escalation_series_per_dyad_share_one_day_axis():
    entries = build_timeline(random_frame(seed=3))
    data = escalation(entries, ChartOptions(max_dyads=3))
    assert 1 <= len(data["dyads"]) <= 3 and data["days"] == sorted(data["days"])
    counts = [d["n"] for d in data["dyads"]]
    assert counts == sorted(counts, reverse=True)
    for dyad in data["dyads"]:
        assert all(p["date"] in data["days"] for p in dyad["series"])
        assert sum(p["n"] for p in dyad["series"]) == dyad["n"]
        for p in dyad["series"]:
            assert p["goldstein_sum"] == pytest.approx(sum(e["goldstein"] for e in p["events"]), abs=0.05)
            assert sum(p["quads"].values()) == p["n"]


def test_api_endpoints_follow_page_filters(client):
    data = client.get("/api/map").json()
    assert data["count"] == 2 and data["filters"]["factual_only"] is True
    only = client.get("/api/map", params={"type": "MOBILIZE"}).json()
    assert [p["place"] for p in only["points"]] == ["Arica"]
    esc = client.get("/api/escalation").json()
    labels = {d["label"] for d in esc["dyads"]}
    assert "CHL → PER" in labels and "PER → CHL" in labels
    conflict = next(d for d in esc["dyads"] if d["label"] == "PER → CHL")
    assert conflict["goldstein_total"] < 0
    assert client.get("/api/escalation", params={"dyads": "1"}).json()["others"] == len(labels) - 1
    bad = client.get("/api/escalation", params={"dyads": "many"})
    assert bad.status_code == 400 and bad.json()["code"]
    world = client.get("/api/world")
    assert world.status_code == 200 and len(world.json()["countries"]) > 150


def test_page_has_map_and_chart_containers(client):
    html = client.get("/").text
    assert 'id="map"' in html and 'id="escalation"' in html and 'id="detail"' in html
    assert "/static/charts.js" in html
    assert client.get("/static/charts.js").status_code == 200
