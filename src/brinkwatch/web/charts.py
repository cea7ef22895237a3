"""Data for the page's map and escalation chart, shaped so the browser only draws.

* :func:`world_outline` — country outlines as SVG paths in an equirectangular projection
  (x = longitude + 180, y = 90 - latitude, a 360 x 180 box), built once from the GeoJSON that
  the ``countryinfo`` package ships (an installed dependency: nothing is fetched at run time).
* :func:`map_points` — timeline entries that have coordinates, grouped per place, each group
  with its events (summary, type, quad class, evidence sentences) so a click can show them.
* :func:`escalation` — per dyad (source country -> target country, falling back to the actor
  names), the events per day with their Goldstein scores and quad classes: the escalation curve
  analysts read (Goldstein below zero is conflict, above is cooperation).

All three are pure functions of their input; the HTTP layer only serialises them.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..analysis.timeline import QUAD_LABELS, TimelineEntry

#: Evidence sentences carried per event in the map and chart data (the timeline has them all).
EVIDENCE_PER_EVENT = 3
#: Dyads the escalation chart shows unless asked for more.
DEFAULT_DYADS = 6


@dataclass(slots=True)
class ChartOptions:
    """How much the escalation chart shows."""

    max_dyads: int = DEFAULT_DYADS  # the busiest dyads; the rest are counted in ``others``
    min_events: int = 1  # a dyad needs at least this many dated, scored events


def _ring_path(ring: list[list[float]], tolerance: float) -> str:
    """One closed ring as an SVG path, dropping points closer than ``tolerance`` degrees."""
    out: list[tuple[float, float]] = []
    for lon, lat in ring:
        x, y = round(lon + 180.0, 2), round(90.0 - lat, 2)
        if out and abs(x - out[-1][0]) < tolerance and abs(y - out[-1][1]) < tolerance:
            continue
        out.append((x, y))
    if len(out) < 3:
        return ""
    return "M" + "L".join(f"{x:g},{y:g}" for x, y in out) + "Z"


@lru_cache(maxsize=1)
def world_outline(tolerance: float = 0.15) -> dict[str, Any]:
    """{"width": 360, "height": 180, "countries": [{"iso", "name", "d"}]} from countryinfo's GeoJSON.

    Returns an empty country list (the map then draws only its graticule) if the package or its
    data is missing, so a stripped install still serves a usable page."""
    countries: list[dict[str, str]] = []
    try:
        root = resources.files("countryinfo") / "data"
        files = [f for f in root.iterdir() if f.name.endswith(".json")]
    except (ModuleNotFoundError, FileNotFoundError):
        files = []
    for f in sorted(files, key=lambda p: p.name):
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        info = data if "geoJSON" in data else next(iter(data.values()), {}) if len(data) == 1 else data
        geo = info.get("geoJSON") or {}
        parts: list[str] = []
        for feature in geo.get("features") or []:
            geom = feature.get("geometry") or {}
            polys = geom.get("coordinates") or []
            if geom.get("type") == "Polygon":
                polys = [polys]
            elif geom.get("type") != "MultiPolygon":
                continue
            for poly in polys:
                parts += [p for p in (_ring_path(ring, tolerance) for ring in poly[:1]) if p]
        if parts:
            iso = ((info.get("ISO") or {}).get("alpha3") or "").upper()
            countries.append({"iso": iso, "name": str(info.get("name") or f.stem), "d": "".join(parts)})
    return {"width": 360, "height": 180, "countries": countries,
            "source": "Country outlines: GeoJSON shipped with the countryinfo package (PyPI)."}


def _event_view(e: TimelineEntry) -> dict[str, Any]:
    """What a click on a point or bar shows: the event and the sentences that say so."""
    return {
        "id": e.id,
        "summary": e.summary,
        "plover": e.plover,
        "quad": e.quad_class or 0,
        "goldstein": e.goldstein,
        "date": e.date_start,
        "place": e.place_name,
        "n_sources": e.n_sources,
        "evidence": [{"sentence": ev.get("sentence") or "", "source": ev.get("source"), "url": ev.get("url"),
                      "modality": ev.get("modality")} for ev in e.evidence[:EVIDENCE_PER_EVENT]],
    }


def map_points(entries: list[TimelineEntry]) -> dict[str, Any]:
    """Entries with coordinates grouped per place: [{lat, lon, place, country, n, quad, events}]."""
    groups: dict[tuple[float, float, str], list[TimelineEntry]] = defaultdict(list)
    unplaced = 0
    for e in entries:
        if e.lat is None or e.lon is None:
            unplaced += 1
            continue
        groups[(round(float(e.lat), 3), round(float(e.lon), 3), e.place_name or "")].append(e)
    points = []
    for (lat, lon, name), members in groups.items():
        quads = Counter(m.quad_class or 0 for m in members)
        worst = max(quads, key=lambda q: (quads[q], q))  # most frequent; ties go to the more conflictual
        points.append({"lat": lat, "lon": lon, "place": name or None, "country": members[0].place_country,
                       "precision": members[0].place_precision, "n": len(members), "quad": worst,
                       "events": [_event_view(m) for m in members]})
    points.sort(key=lambda p: -p["n"])
    return {"count": len(points), "events_placed": sum(p["n"] for p in points), "events_unplaced": unplaced,
            "points": points}


def dyad_of(e: TimelineEntry) -> tuple[str, str] | None:
    """(source, target) as country codes, else actor names; None when a side is unknown."""
    src = e.source_country or e.source_name
    tgt = e.target_country or e.target_name
    if not src or not tgt:
        return None
    return str(src), str(tgt)


def escalation(entries: list[TimelineEntry], options: ChartOptions | None = None) -> dict[str, Any]:
    """Per dyad, per day: events, Goldstein sum and mean, counts per quad class, and the events.

    Days run over the whole selection (one shared axis), so dyads can be compared by eye."""
    options = options or ChartOptions()
    by_dyad: dict[tuple[str, str], list[TimelineEntry]] = defaultdict(list)
    for e in entries:
        dyad = dyad_of(e)
        if dyad is not None and e.date_start and e.goldstein is not None:
            by_dyad[dyad].append(e)
    ranked = sorted((d for d, evs in by_dyad.items() if len(evs) >= options.min_events),
                    key=lambda d: (-len(by_dyad[d]), d))
    shown = ranked[:options.max_dyads]
    days = sorted({str(e.date_start)[:10] for d in shown for e in by_dyad[d]})
    dyads = []
    for src, tgt in shown:
        per_day: dict[str, list[TimelineEntry]] = defaultdict(list)
        for e in by_dyad[(src, tgt)]:
            per_day[str(e.date_start)[:10]].append(e)
        series = []
        for day in sorted(per_day):
            evs = per_day[day]
            scores = [float(e.goldstein) for e in evs if e.goldstein is not None]
            quads = Counter(e.quad_class or 0 for e in evs)
            series.append({"date": day, "n": len(evs), "goldstein_sum": round(sum(scores), 2),
                           "goldstein_mean": round(sum(scores) / len(scores), 2) if scores else None,
                           "quads": {str(q): quads.get(q, 0) for q in (1, 2, 3, 4)},
                           "events": [_event_view(e) for e in evs]})
        total = [p["goldstein_sum"] for p in series]
        dyads.append({"source": src, "target": tgt, "label": f"{src} → {tgt}", "n": len(by_dyad[(src, tgt)]),
                      "goldstein_total": round(sum(total), 2), "series": series})
    return {"days": days, "dyads": dyads, "others": len(ranked) - len(shown),
            "quads": {str(k): v for k, v in QUAD_LABELS.items()}}
