"""Every exporter writes a file that its readers load back with the expected structure."""

from __future__ import annotations

import csv
import json
import os

import pandas as pd
import pyarrow.parquet as pq
import pytest
from test_timeline_data import random_frame, sample_frame

from brinkwatch.analysis import build_timeline
from brinkwatch.errors import ExportError, UsageError
from brinkwatch.export import FORMATS, SUFFIXES, ExportOptions, export, write_export
from brinkwatch.export.gdelt import COLUMNS as GDELT_COLUMNS
from brinkwatch.model import EVENT_COLUMNS


def test_parquet_round_trips_every_column(tmp_path):
    df = sample_frame()
    path = export(df, "parquet", tmp_path / "ev.parquet")
    table = pq.read_table(path)
    assert table.column_names == list(EVENT_COLUMNS)
    back = table.to_pandas()
    assert len(back) == len(df)
    assert back["event_id"].tolist() == df["event_id"].tolist()
    assert back["sentence"].tolist() == df["sentence"].tolist()
    assert back["fatalities"].dropna().astype(int).tolist() == [2]
    assert json.loads(back.loc[0, "source_actors"])[0]["country"] == "CHL"


def test_csv_has_all_event_columns_and_whole_numbers(tmp_path):
    df = sample_frame()
    path = export(df, "csv", tmp_path / "ev.csv")
    back = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert list(back.columns) == list(EVENT_COLUMNS)
    assert len(back) == len(df)
    assert back.loc[0, "quad_class"] == "3"
    assert "<interference>" in " ".join(back["sentence"])  # text kept verbatim


def test_jsonl_is_plover_style(tmp_path):
    path = export(sample_frame(), "jsonl", tmp_path / "ev.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    recs = [json.loads(line) for line in lines]
    assert len(recs) == 8
    r = recs[0]
    assert r["id"] and r["date"] == "2025-03-02" and r["event"] == ["REQUEST"]
    assert r["source"][0]["code"] == "CHL" and r["source"][0]["sector"] == "GOV"
    assert r["recipient"][0]["code"] == "PER"
    assert r["quad_code"] == 3 and r["modality"] == "asserted" and r["cameo"] == "1056"
    assert r["text"].startswith("The Chilean foreign ministry") and r["event_text"] == ["urged"]
    assert r["cite_info"]["url"].startswith("https://harbor-times.example/")
    mob = next(x for x in recs if x["event"] == ["MOBILIZE"])
    assert mob["event_loc"]["latitude"] == pytest.approx(-18.4746)
    assert mob["event_loc"]["country code"] == "CL" and mob["event_loc"]["cc3"] == "CHL"
    assert "recipient" in mob and mob["recipient"] == []
    assault = next(x for x in recs if x["event"] == ["ASSAULT"])
    assert assault["dead"] == 2


def test_gdelt_has_61_columns_per_row_and_one_row_per_merged_event(tmp_path):
    df = sample_frame()
    result = write_export(df, "gdelt", tmp_path / "ev.tsv")
    rows = list(csv.reader(result.path.open(encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and all(len(r) == 61 for r in rows)
    assert len(rows) == len(build_timeline(df))  # merged factual events
    assert result.skipped == 1  # the threatened sanction cannot be a GDELT event
    back = pd.DataFrame(rows, columns=list(GDELT_COLUMNS))
    req = back[back.EventCode == "1056"].iloc[0]
    assert req.SQLDATE == "20250302" and req.MonthYear == "202503" and req.Year == "2025"
    assert req.Actor1Code == "CHLGOV" and req.Actor1Name == "CHILE" and req.Actor1CountryCode == "CHL"
    assert req.Actor2Code == "PERGOV" and req.EventBaseCode == "105" and req.EventRootCode == "10"
    assert (req.NumMentions, req.NumSources, req.NumArticles) == ("3", "2", "2")
    assert req.QuadClass == "3" and req.DATEADDED == "20250302090000"
    assert req.SOURCEURL.startswith("https://harbor-times.example/")
    assert int(req.GLOBALEVENTID) > 0
    mob = back[back.EventCode == "154"].iloc[0]
    assert mob.ActionGeo_Type == "4" and mob.ActionGeo_CountryCode == "CI"  # FIPS code of Chile
    assert mob.ActionGeo_ADM1Code == "CI15" and float(mob.ActionGeo_Long) == pytest.approx(-70.2979)
    assert mob.ActionGeo_FeatureID == "3899361" and mob.ActionGeo_FullName == "Arica, Chile"
    assert mob.Actor2Code == ""


def test_gdelt_optional_header(tmp_path):
    path = export(sample_frame(), "gdelt", tmp_path / "ev.tsv", options=ExportOptions(header=True))
    back = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    assert list(back.columns) == list(GDELT_COLUMNS)


def test_acled_csv_reads_like_acled_data(tmp_path):
    """One row per merged event within ACLED's scope, ACLED's columns, actor types from sectors."""
    from brinkwatch.export.acled import COLUMNS as ACLED_COLUMNS

    df = sample_frame()
    df.loc[df.plover == "MOBILIZE", ["acled_event_type", "acled_sub_event_type"]] = [
        "Strategic developments", "Change to group/activity"]
    df.loc[df.plover == "ASSAULT", ["acled_event_type", "acled_sub_event_type"]] = ["Violence against civilians", "Attack"]
    result = write_export(df, "acled", tmp_path / "acled.csv")
    back = pd.read_csv(result.path, dtype=str, keep_default_na=False)
    assert list(back.columns) == list(ACLED_COLUMNS) and len(back) == result.rows == 2
    assert result.skipped == len(df) - 2 and "ACLED" in result.summary()
    attack = back[back.event_type == "Violence against civilians"].iloc[0]
    assert (attack.inter1, attack.inter2, attack.interaction) == ("State forces", "Civilians", "State forces-Civilians")
    assert attack.civilian_targeting == "Civilian targeting" and attack.fatalities == "2"
    assert attack.disorder_type == "Political violence" and attack.event_date == "2025-03-04"
    mob = back[back.event_type == "Strategic developments"].iloc[0]
    assert mob.inter1 == "External/Other forces"  # Peru's navy, in Chile
    assert (mob.country, mob.iso, mob.location, mob.geo_precision) == ("Chile", "152", "Arica", "1")
    assert mob.event_id_cnty.startswith("CHL") and mob.time_precision == "1" and mob.fatalities == "0"


def test_timelinejs_structure(tmp_path):
    df = sample_frame()
    result = write_export(df, "timelinejs", tmp_path / "tl.json", options=ExportOptions(title="Fisheries dispute"))
    doc = json.loads(result.path.read_text(encoding="utf-8"))
    assert doc["title"]["text"]["headline"] == "Fisheries dispute"
    assert len(doc["events"]) == 4 and result.skipped == 1  # the undated entry cannot be placed
    first = doc["events"][0]
    assert first["start_date"] == {"year": "2025", "month": "3", "day": "1"}
    assert set(first["text"]) == {"headline", "text"}
    assert first["group"] == "Material conflict"
    rej = next(e for e in doc["events"] if "REJECT" in e["text"]["headline"])
    assert "&lt;interference&gt;" in rej["text"]["text"]  # evidence escaped for TimelineJS' HTML
    assert len({e["unique_id"] for e in doc["events"]}) == len(doc["events"])


def test_timelinejs_month_granularity_has_no_day(tmp_path):
    df = sample_frame()
    df.loc[df.plover == "REJECT", ["date_start", "date_end", "date_granularity"]] = ["2025-03-01", "2025-03-31", "month"]
    doc = json.loads(export(df, "timelinejs", tmp_path / "tl.json").read_text())
    rej = next(e for e in doc["events"] if "REJECT" in e["text"]["headline"])
    assert rej["start_date"] == {"year": "2025", "month": "3"} and rej["end_date"] == {"year": "2025", "month": "3"}


def test_geojson_lon_lat_and_skipped_count(tmp_path):
    df = sample_frame()
    result = write_export(df, "geojson", tmp_path / "ev.geojson")
    doc = json.loads(result.path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    located = df["lat"].notna().sum()
    assert len(doc["features"]) == located == 2
    assert result.skipped == doc["brinkwatch"]["skipped_without_coordinates"] == len(df) - located
    f = next(f for f in doc["features"] if f["properties"]["plover"] == "MOBILIZE")
    assert f["geometry"] == {"type": "Point", "coordinates": [-70.2979, -18.4746]}  # [lon, lat]
    assert f["properties"]["source_actors"][0]["name"] == "Peru"
    assert "lat" not in f["properties"]


def test_every_format_on_a_bigger_frame(tmp_path):
    df = random_frame()
    for fmt in FORMATS:
        path = export(df, fmt, tmp_path / f"out{SUFFIXES[fmt]}")
        assert path.stat().st_size > 0
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".part")]  # no temp files left


def test_bad_format_lists_the_formats(tmp_path):
    with pytest.raises(UsageError) as err:
        export(sample_frame(), "xlsx", tmp_path / "x.xlsx")
    assert all(f in err.value.hint for f in FORMATS)


def test_unwritable_paths_give_export_errors(tmp_path):
    with pytest.raises(ExportError) as err:
        export(sample_frame(), "csv", tmp_path / "missing" / "x.csv")
    assert err.value.hint and err.value.code == "BW-E001"
    with pytest.raises(ExportError):
        export(sample_frame(), "csv", tmp_path)  # a folder
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):  # running as root: permissions are not enforced
            pytest.skip("permissions not enforced for this user")
        with pytest.raises(ExportError):
            export(sample_frame(), "geojson", locked / "x.geojson")
    finally:
        locked.chmod(0o700)


def test_frame_without_event_columns_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        export(pd.DataFrame({"a": [1]}), "csv", tmp_path / "x.csv")
