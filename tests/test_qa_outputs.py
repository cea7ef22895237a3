"""Regression tests for problems found by using brinkwatch as an analyst would (QA pass):
every output read back by the tool a user would read it with, and every message readable.

Each test names the problem it guards against. Texts are invented; no store or model is needed.
"""

from __future__ import annotations

import json
import os
import stat
from contextlib import contextmanager
from dataclasses import replace

import pandas as pd
import pytest
from click.testing import CliRunner
from test_timeline_data import sample_frame

from brinkwatch import cli
from brinkwatch.analysis import build_timeline
from brinkwatch.export import export, write_export
from brinkwatch.export.timelinejs import _citation
from brinkwatch.reconcile import render


# --- exports ---------------------------------------------------------------------------------
def test_gdelt_export_with_mixed_naive_and_zoned_publication_times(tmp_path):
    """Crashed with "Cannot compare tz-naive and tz-aware timestamps" when one report had a bare date
    (plain text dateline) and another a zoned time (RSS pubDate) in the same merged event."""
    df = sample_frame()
    published = df["article_published"].astype(object)
    published[df["article_source"] == "andes-wire.example"] = "2025-03-02"  # naive, read as UTC midnight
    df["article_published"] = published
    path = export(df, "gdelt", tmp_path / "ev.tsv")
    table = pd.read_csv(path, sep="\t", header=None, dtype=str, keep_default_na=False)
    assert table.shape[1] == 61
    request = table[table[26] == "1056"]
    assert request.iloc[0][59] == "20250302000000"  # DATEADDED: the earliest report, in UTC


def test_gdelt_feature_id_is_an_integer(tmp_path):
    """ActionGeo_FeatureID printed as "4140963.0" when a merged event carried its geonameid as a float
    (read from a column with gaps)."""
    df = sample_frame()
    entries = [replace(e, geonameid=float(e.geonameid)) if e.geonameid is not None else e
               for e in build_timeline(df, factual_only=True)]
    path = write_export(df, "gdelt", tmp_path / "ev.tsv", timeline=entries).path
    table = pd.read_csv(path, sep="\t", header=None, dtype=str, keep_default_na=False)
    ids = [v for v in table[58] if v]
    assert ids and all(v.isdigit() for v in ids), ids


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl", "gdelt", "timelinejs", "geojson"])
def test_exports_get_ordinary_file_permissions(tmp_path, fmt):
    """Exports were written 0600 (mkstemp's mode), unreadable by colleagues and group-shared tools."""
    old = os.umask(0o022)
    try:
        path = export(sample_frame(), fmt, tmp_path / f"ev.{fmt}")
    finally:
        os.umask(old)
    mode = stat.S_IMODE(path.stat().st_mode)
    assert mode & 0o044 == 0o044 and not mode & 0o022, oct(mode)


def test_timelinejs_cites_an_unknown_outlet_once_by_title_or_id(tmp_path):
    """Slides read "— unknown outlet, unknown outlet" for articles without outlet and title."""
    assert _citation({"source": "unknown outlet", "article_title": None, "article_id": "abcdef1234"}) == \
        "article abcdef12"
    assert _citation({"source": "unknown outlet", "article_title": "Phone call", "url": None}) == "Phone call"
    assert _citation({"source": "wire.example", "article_title": "A &amp; B", "url": "https://wire.example/x"}) == \
        'wire.example, <a href="https://wire.example/x">A &amp;amp; B</a>'
    doc = json.loads(export(sample_frame(), "timelinejs", tmp_path / "t.json").read_text(encoding="utf-8"))
    texts = " ".join(e["text"]["text"] for e in doc["events"])
    assert "unknown outlet, unknown outlet" not in texts and "Undated briefing note" not in texts  # undated: no slide


# --- compare rendering -----------------------------------------------------------------------
def _report() -> dict:
    side_a = {"value": "three fishermen", "source": float("nan"), "article_id": "a" * 20,
              "sentence": "A patrol boat fired on a trawler, killing three fishermen.", "event_id": "e1"}
    side_b = {"value": "four fishermen", "source": "Harbor Ledger", "article_id": "b" * 20,
              "sentence": "Four fishermen were killed when a gunboat attacked a trawler.", "event_id": "e2"}
    shared = {"id": "c1", "plover": "ASSAULT", "summary": "Navy ASSAULT trawler: fired", "n_sources": 2,
              "n_articles": 2, "date_start": "2026-03-05", "date_end": "2026-03-05", "confidence": 0.8,
              "evidence": {"a" * 20: [side_a["sentence"], side_a["sentence"]], "b" * 20: [side_b["sentence"]]},
              "single_source": [{"value": "place: Waini River", "source": "Harbor Ledger", "article_id": "b" * 20}]}
    return {
        "articles": [
            {"id": "a" * 20, "title": "Trawler attacked at sea", "source": None, "url": None,
             "published": "2026-03-06", "origin": "a.txt", "duplicate_of": None, "n_events": 3},
            {"id": "b" * 20, "title": "Gunboat kills four", "source": "Harbor Ledger", "url": None,
             "published": "2026-03-06", "origin": "b.html", "duplicate_of": None, "n_events": 4},
        ],
        "shared": [shared],
        "only": {"a" * 20: [], "b" * 20: []},
        "contradictions": [{"kind": "number", "note": "figures differ", "event": shared["summary"],
                            "a": side_a, "b": side_b}],
    }


def test_compare_text_never_prints_nan_and_names_unknown_outlets_by_title():
    """A contradiction side of an article without outlet printed "[A] nan: three fishermen"."""
    text = render.to_text(_report())
    assert "nan" not in text.lower().replace("fishermen", "")
    assert "[A] “Trawler attacked at sea”: three fishermen" in text
    assert "only [B] Harbor Ledger: place: Waini River" in text


def test_compare_html_lists_each_sentence_once_and_shows_single_source_details():
    """The shared-events table repeated a sentence that carried two events of the cluster, and the
    details only one article gave were missing from the page."""
    page = render.to_html(_report())
    assert page.count("killing three fishermen.") == 2  # once in the shared table, once in the contradiction
    assert "place: Waini River" in page and ">nan<" not in page and " nan:" not in page


# --- CLI rendering ---------------------------------------------------------------------------
def test_json_output_has_iso_times_real_lists_and_plain_slashes(capsys):
    """`status --format json` gave epoch milliseconds and "examples\\/crisis"; `events --format json`
    gave source_actors as a JSON string inside JSON."""
    df = pd.DataFrame({
        "item": ["news/a.txt"], "at": [pd.Timestamp("2026-03-02 10:00", tz="UTC")], "reason": [None],
        "source_actors": ['[{"text": "Chile", "country": "CHL"}]'], "fatalities": [float("nan")],
    })
    cli._emit(df, "json")
    rows = json.loads(capsys.readouterr().out)
    assert rows == [{"item": "news/a.txt", "at": "2026-03-02T10:00:00+00:00", "reason": None,
                     "source_actors": [{"text": "Chile", "country": "CHL"}], "fatalities": None}]


def test_table_output_is_left_aligned_with_blank_missing_cells(capsys):
    """The events table printed NaN / None for missing actors and outlets."""
    df = pd.DataFrame({"plover": ["ASSAULT", "REJECT"], "source_name": [None, "Peru"],
                       "target_country": [float("nan"), "CHL"], "reason": ["x " * 60, None]})
    cli._emit(df, "table", width=10)
    out = capsys.readouterr().out
    assert "NaN" not in out and "None" not in out and "nan" not in out
    lines = out.splitlines()
    assert lines[0].startswith("plover   source_name") and lines[2].startswith("REJECT   Peru")
    assert lines[1].rstrip().endswith("x x x x")  # the last column (status reasons) is never clipped


def test_contradiction_sides_are_cited_like_evidence():
    """Timeline contradictions said "unknown outlet says …" for two different untitled-outlet reports."""
    evidence = [{"article_id": "abc123456789", "article_title": "Boat seized off the coast"}]
    assert cli._cite_side({"source": "unknown outlet", "article_id": "abc123456789"}, evidence) == \
        "“Boat seized off the coast”"
    assert cli._cite_side({"source": None, "article_id": "ffff00001111"}, []) == "unknown outlet, article ffff0000"
    assert cli._cite_side({"source": "Harbor Ledger", "article_id": "x"}, evidence) == "Harbor Ledger"


class _FakeBrinkwatch:
    """The few API calls `brinkwatch export` makes, over the invented sample frame."""

    def __init__(self) -> None:
        self.timeline_calls: list[dict] = []

    def events(self, **filters):  # noqa: ANN003, ANN201
        df = sample_frame()
        if "modalities" in filters:
            df = df[df["modality"].isin(filters["modalities"])]
        return df

    def timeline(self, **kw):  # noqa: ANN003, ANN201
        self.timeline_calls.append(kw)
        return build_timeline(self.events(modalities=["asserted", "reported"]), factual_only=kw["factual_only"])

    def articles(self):  # noqa: ANN201
        return None


def test_export_says_how_many_records_and_uses_the_stored_timeline(tmp_path, monkeypatch):
    """`brinkwatch export` said only "wrote PATH" (no count, nothing about left-out events) and merged
    events for GDELT/TimelineJS without the store's clusters, so counts differed from `timeline`."""
    fake = _FakeBrinkwatch()

    @contextmanager
    def fake_open(store, read_only=True, **options):  # noqa: ANN001, ANN003, ANN202
        yield fake

    monkeypatch.setattr(cli, "_open", fake_open)
    out = tmp_path / "ev.geojson"
    r = CliRunner().invoke(cli.main, ["export", "--format", "geojson", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "wrote 2 records" in r.stderr and "left out: events without coordinates" in r.stderr
    assert not fake.timeline_calls
    r = CliRunner().invoke(cli.main, ["export", "--format", "gdelt", "-o", str(tmp_path / "ev.tsv"), "--actor", "CHL"])
    assert r.exit_code == 0, r.output
    assert fake.timeline_calls == [{"factual_only": True, "actor": "CHL"}]
    assert "records to" in r.stderr


def test_export_with_no_matching_events_says_what_to_do(tmp_path, monkeypatch):
    class Empty(_FakeBrinkwatch):
        def events(self, **filters):  # noqa: ANN003, ANN201
            return sample_frame().iloc[0:0]

    @contextmanager
    def fake_open(store, read_only=True, **options):  # noqa: ANN001, ANN003, ANN202
        yield Empty()

    monkeypatch.setattr(cli, "_open", fake_open)
    r = CliRunner().invoke(cli.main, ["export", "--format", "csv", "-o", str(tmp_path / "e.csv")])
    assert r.exit_code == 0 and "wrote 0 records" in r.stderr and "loosen the filters" in r.stderr
    assert pd.read_csv(tmp_path / "e.csv").empty


# --- web page --------------------------------------------------------------------------------
def test_page_has_an_inline_icon_so_browsers_do_not_request_favicon():
    """Every page load logged "GET /favicon.ico 404" in the server log and the browser console."""
    from starlette.testclient import TestClient

    from brinkwatch.web import FramesProvider, create_app

    client = TestClient(create_app(provider=FramesProvider(sample_frame())))
    page = client.get("/")
    assert page.status_code == 200 and 'rel="icon" href="data:image/svg+xml,' in page.text
