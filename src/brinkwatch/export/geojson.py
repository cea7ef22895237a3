"""GeoJSON export: a FeatureCollection with one Point per located event mention (RFC 7946).

Coordinates are ``[longitude, latitude]`` (RFC 7946 section 3.1.1), WGS 84. Properties are the
event row's fields (JSON list columns decoded into lists). Events without coordinates, or
with coordinates out of range, cannot be drawn: they are left out and counted, in the result
and in the foreign member ``"brinkwatch": {"skipped_without_coordinates": n}``.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis.frames import JSON_COLUMNS, parse_json_list, records, require_columns
from ._common import ExportContext, ExportResult, atomic_open

REQUIRED = ("event_id", "lat", "lon")


def _point(rec: dict[str, Any]) -> tuple[float, float] | None:
    try:
        lat, lon = float(rec["lat"]), float(rec["lon"])
    except (TypeError, ValueError):
        return None
    if math.isnan(lat) or math.isnan(lon) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lon, lat


def feature(rec: dict[str, Any]) -> dict[str, Any] | None:
    """The GeoJSON Feature of one event row, or None when it has no usable coordinates."""
    point = _point(rec)
    if point is None:
        return None
    props = {k: (parse_json_list(v) if k in JSON_COLUMNS else v) for k, v in rec.items() if k not in ("lat", "lon")}
    return {
        "type": "Feature",
        "id": rec["event_id"],
        "geometry": {"type": "Point", "coordinates": [round(point[0], 6), round(point[1], 6)]},
        "properties": props,
    }


def write(events: pd.DataFrame, path: Path, ctx: ExportContext) -> ExportResult:
    require_columns(events, REQUIRED)
    features, skipped = [], 0
    for rec in records(events):
        f = feature(rec)
        if f is None:
            skipped += 1
        else:
            features.append(f)
    doc = {"type": "FeatureCollection", "features": features,
           "brinkwatch": {"skipped_without_coordinates": skipped}}
    with atomic_open(path) as fh:
        json.dump(doc, fh, ensure_ascii=False, default=str)
    return ExportResult(path=path, fmt="geojson", rows=len(features), skipped=skipped,
                        skipped_reason="events without coordinates" if skipped else None)
