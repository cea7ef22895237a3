"""The timeline merges reports of one event, counts independent sources and keeps the evidence."""

from __future__ import annotations

import pandas as pd
import pytest
from test_timeline_data import random_frame, sample_frame

from brinkwatch.analysis import EventFilter, build_timeline, filter_events, timeline_frame
from brinkwatch.analysis.timeline import TIMELINE_COLUMNS
from brinkwatch.errors import UsageError


def _by_type(entries, plover):
    found = [e for e in entries if e.plover == plover]
    assert len(found) == 1, [e.summary for e in found]
    return found[0]


def test_same_event_from_three_articles_is_one_entry_with_two_independent_sources():
    entries = build_timeline(sample_frame())
    req = _by_type(entries, "REQUEST")
    assert len(req.event_ids) == 3
    # a3 is a near-duplicate (wire copy) of a2: it counts once, and its outlet is not an extra source
    assert req.n_articles == 2
    assert req.sources == ["andes-wire.example", "harbor-times.example"]
    assert req.n_sources == 2
    assert req.date_start == "2025-03-02" and req.granularity == "day"
    assert req.summary == "Chile (GOV) REQUEST Peru (GOV): urged"
    # the wire copy has the same sentence as its original but a different article: both are evidence
    assert len(req.evidence) == 3
    ev = req.evidence[0]
    assert set(ev) >= {"sentence", "article_id", "article_title", "source", "url", "published", "modality", "trigger"}
    assert ev["source"] == "harbor-times.example" and ev["trigger"] == "urged"


def test_entries_are_ordered_by_date_and_undated_come_last():
    entries = build_timeline(sample_frame())
    dates = [e.date_start for e in entries]
    assert dates == ["2025-03-01", "2025-03-02", "2025-03-04", "2025-03-04", None]
    assert entries[-1].plover == "CONSULT"


def test_factual_only_drops_threats_and_keeps_reported():
    entries = build_timeline(sample_frame())
    assert "SANCTION" not in {e.plover for e in entries}
    mob = _by_type(entries, "MOBILIZE")
    assert mob.modality == "reported" and mob.target_name is None
    assert mob.summary == "Peru (MIL) MOBILIZE: gathered"
    everything = build_timeline(sample_frame(), factual_only=False)
    sanction = _by_type(everything, "SANCTION")
    assert sanction.modality == "threatened"


def test_threat_never_merges_with_an_event_that_happened():
    df = sample_frame()
    row = df[df.plover == "REQUEST"].iloc[[0]].copy()
    row["event_id"] = "f" * 16
    row["modality"] = "demanded"
    entries = build_timeline(pd.concat([df, row]), factual_only=False)
    reqs = [e for e in entries if e.plover == "REQUEST"]
    assert sorted(e.modality for e in reqs) == ["asserted", "demanded"]


def test_non_overlapping_dates_stay_apart_and_month_span_bridges():
    df = sample_frame()
    req = df[df.plover == "REQUEST"].iloc[[0]].copy()
    later = req.assign(event_id="a" * 16, date_start="2025-03-20", date_end="2025-03-20")
    entries = build_timeline(pd.concat([df, later]))
    assert len([e for e in entries if e.plover == "REQUEST"]) == 2
    # a month-wide report joins the day-precise ones inside it, but does not chain them to a report 18 days
    # later (complete-link veto in reconcile: explicit dates that far apart are never one event)
    month = req.assign(event_id="b" * 16, date_start="2025-03-01", date_end="2025-03-31", date_granularity="month")
    merged = [e for e in build_timeline(pd.concat([df, later, month])) if e.plover == "REQUEST"]
    assert len(merged) == 2
    assert merged[0].date_start == "2025-03-02" and merged[0].granularity == "day"  # the most precise date wins
    assert "b" * 16 in merged[0].event_ids and len(merged[0].event_ids) == 4


def test_place_and_fatalities_carried_to_the_entry():
    entries = build_timeline(sample_frame())
    assault = _by_type(entries, "ASSAULT")
    assert assault.place_name == "Pacific Ocean" and assault.lon == -72.5
    assert assault.fatalities == 2 and assault.quad_class == 4 and assault.quad_label == "Material conflict"


def test_timeline_frame_columns_and_json_shape():
    entries = build_timeline(random_frame())
    df = timeline_frame(entries)
    assert list(df.columns) == list(TIMELINE_COLUMNS)
    assert len(df) == len(entries)
    assert df["date_start"].is_monotonic_increasing
    d = entries[0].to_dict()
    assert d["id"] and d["evidence"] and isinstance(d["sources"], list)


def test_missing_values_as_nan_are_handled():
    df = sample_frame().astype({"quad_class": "float64", "fatalities": "float64"})
    df.loc[df.plover == "REJECT", "source_sector"] = float("nan")
    entries = build_timeline(df)
    assert _by_type(entries, "REJECT").summary.startswith("Peru REJECT Chile (GOV)")


def test_empty_frame_gives_empty_timeline_and_bad_input_a_usage_error():
    from brinkwatch.model import EVENT_COLUMNS

    assert build_timeline(pd.DataFrame(columns=list(EVENT_COLUMNS))) == []
    with pytest.raises(UsageError) as err:
        build_timeline(pd.DataFrame({"plover": ["ASSAULT"]}))
    assert "event_id" in str(err.value) and err.value.code == "BW-Q001"
    with pytest.raises(UsageError):
        build_timeline([{"plover": "ASSAULT"}])  # type: ignore[arg-type]


def test_filter_events():
    df = sample_frame()
    assert set(filter_events(df, EventFilter(actor="per", factual_only=False))["plover"]) == {
        "REQUEST", "MOBILIZE", "SANCTION", "REJECT", "ASSAULT", "CONSULT"}
    assert set(filter_events(df, EventFilter(types=("ASSAULT", "12")))["plover"]) == {"ASSAULT", "REJECT"}
    assert set(filter_events(df, EventFilter(since="2025-03-03"))["plover"]) == {"REJECT", "ASSAULT"}
    assert set(filter_events(df, EventFilter(until="2025-03-01"))["plover"]) == {"MOBILIZE"}
    assert set(filter_events(df, EventFilter(source="andes"))["plover"]) == {"REQUEST"}
    assert "SANCTION" not in set(filter_events(df, EventFilter())["plover"])
    with pytest.raises(UsageError):
        filter_events(df, EventFilter(since="next tuesday-ish"))
    with pytest.raises(UsageError):
        filter_events(df, EventFilter(since="2025-03-05", until="2025-03-01"))


def test_undated_event_falls_back_to_publication_day_and_bad_dates_are_ignored():
    df = sample_frame()
    rej = df.plover == "REJECT"
    df.loc[rej, ["date_start", "date_end"]] = [None, None]
    df.loc[df.plover == "ASSAULT", ["date_start", "date_end"]] = ["not a date", "PAST_REF"]
    entries = build_timeline(df)
    assert _by_type(entries, "REJECT").date_start == "2025-03-05"  # a4's publication day
    assert _by_type(entries, "ASSAULT").date_start == "2025-03-05"


def test_articles_of_unknown_outlet_count_as_separate_sources():
    from test_timeline_data import CHL, PER, _art, _ev, frame_of

    from brinkwatch.analysis.timeline import build_timeline

    a = _art("u1", None, "2025-03-02", "First plain-text report")
    b = _art("u2", None, "2025-03-02", "Second plain-text report")
    sent = "Chile on Sunday urged Peru to recall its patrol boats."
    frame = frame_of([(a, [_ev(a, "REQUEST", "1056", 3, CHL, PER, "2025-03-02", sent, "urged")], None),
                      (b, [_ev(b, "REQUEST", "1056", 3, CHL, PER, "2025-03-02", sent, "urged")], None)])
    (entry,) = build_timeline(frame)
    assert entry.n_articles == 2 and entry.n_sources == 2
