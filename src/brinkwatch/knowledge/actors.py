"""Actor knowledge: countries, organisations, sector words and named people with dated roles.

The package ships five data files (``knowledge/data/countries.json``, ``organisations.json``,
``people.json``, ``sectors.json``, ``actors_groups.json``; each names the source of its facts).  Users add their own
files in the same format; every file may hold any of these top-level keys::

    {
      "source": "where these facts come from (free text, optional)",
      "countries": [
        {"code": "VEN", "name": "Venezuela", "cameo": "VEN",            # cameo: only where it differs
         "names": ["Bolivarian Republic of Venezuela"], "demonyms": ["Venezuelan", "Venezuelans"],
         "metonyms": ["Caracas", {"text": "Miraflores", "sector": "GOV"}]}
      ],
      "organisations": [
        {"id": "UNO", "name": "United Nations", "names": ["UN", "U.N."],
         "country": "IGO", "sector": null, "kind": "igo"}
      ],
      "people": [
        {"id": "jane-roe", "name": "Jane Roe", "names": ["Roe"],
         "roles": [{"title": "Foreign Minister of Freedonia", "country": "FRD", "sector": "GOV",
                    "start": "2020-01-01", "end": null, "organisation": null}]}
      ],
      "groups": [
        {"id": "karen", "name": "Karen", "names": ["Karens"], "countries": ["MMR"],
         "sector": null, "default": true}
      ],
      "sectors": {"coastguardsman": "MIL"}
    }

``groups`` are ethnic, religious or regional groups: "Karen guerrillas" is coded MMR.  Their
first country is used unless the article names another of their countries ("Hutu rebels" in
a story about Burundi: BDI); ``"default": false`` codes the group only when the article names
one of its countries ("Kurdish fighters" needs Iraq, Turkey, Syria or Iran in the text).

``start`` is inclusive and ``end`` exclusive (ISO dates; ``null`` = open).  An entry whose
``code``/``id`` already exists replaces the shipped one (countries keep and extend their
names).  Names are matched case-sensitively, as written.  A bad file raises
:class:`~brinkwatch.errors.KnowledgeFileError` naming the file and the line or field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import KnowledgeFileError

SHIPPED_FILES = ("countries.json", "organisations.json", "people.json", "sectors.json", "actors_groups.json")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CODE = re.compile(r"^[A-Z]{3,6}$")
#: Shortest name (in letters) that misspellings are matched against.
FUZZY_MIN_LENGTH = 6
SECTIONS = ("countries", "organisations", "people", "sectors", "groups")


@dataclass(slots=True)
class Role:
    """An office a person held, from ``start`` (inclusive) to ``end`` (exclusive)."""

    title: str
    country: str | None
    sector: str | None
    start: str | None = None
    end: str | None = None
    organisation: str | None = None

    def covers(self, date: str) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


@dataclass(slots=True)
class Person:
    id: str
    name: str
    names: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    def role_at(self, date: str | None) -> tuple[Role | None, bool]:
        """The role valid at ``date`` and whether it is current.

        No date: the latest role.  A date no role covers: the latest role that ended before it,
        with ``False`` (the person is then a former office holder, CAMEO's ELI); a date before
        every role: the earliest role, also with ``False``.
        """
        if not self.roles:
            return None, False
        ordered = sorted(self.roles, key=lambda r: (r.start or "", r.end or "9999"))
        if not date:
            open_roles = [r for r in ordered if r.end is None]
            return (open_roles[-1] if open_roles else ordered[-1]), True
        current = [r for r in ordered if r.covers(date)]
        if current:
            return current[-1], True
        past = [r for r in ordered if r.end is not None and r.end <= date]
        if past:
            return max(past, key=lambda r: r.end or ""), False
        return ordered[0], False


@dataclass(slots=True)
class Country:
    code: str
    name: str
    cameo: str | None = None
    names: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    metonyms: dict[str, str | None] = field(default_factory=dict)  # text -> sector


@dataclass(slots=True)
class Organisation:
    id: str
    name: str
    country: str | None
    sector: str | None = None
    kind: str = "organisation"
    names: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Group:
    """An ethnic/religious/regional group and the countries it lives in (first = usual)."""

    id: str
    name: str
    countries: list[str]
    names: list[str] = field(default_factory=list)
    sector: str | None = None
    default: bool = True  # False: coded only when the article names one of ``countries``


@dataclass(slots=True)
class Surface:
    """One matchable name: what it refers to and how."""

    text: str
    type: str  # country, demonym, metonym, organisation, person
    id: str
    sector: str | None = None  # metonyms with a sector ("the White House" -> GOV)


@dataclass(slots=True)
class ActorKnowledge:
    """Everything bw_actors knows about actors, indexed for matching."""

    countries: dict[str, Country] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    sectors: dict[str, str | None] = field(default_factory=dict)  # lower-case lemma (sequence) -> sector
    generic_heads: set[str] = field(default_factory=set)
    former_words: set[str] = field(default_factory=set)
    files: list[str] = field(default_factory=list)

    def surfaces(self) -> list[Surface]:
        """Every name to match; when two entries share a surface the later type wins in the index."""
        out: list[Surface] = []
        for c in self.countries.values():
            out += [Surface(n, "country", c.code) for n in [c.name, *c.names]]
            out += [Surface(d, "demonym", c.code) for d in c.demonyms]
            out += [Surface(t, "metonym", c.code, s) for t, s in c.metonyms.items()]
        for o in self.organisations.values():
            out += [Surface(n, "organisation", o.id) for n in [o.name, *o.names]]
        for g in self.groups.values():
            out += [Surface(n, "group", g.id, g.sector) for n in [g.name, *g.names]]
        for p in self.people.values():
            out += [Surface(n, "person", p.id) for n in [p.name, *p.names]]
        return out

    def surface_index(self) -> dict[str, Surface]:
        """Surface text -> entry.  People beat organisations beat countries on a clash."""
        rank = {"group": 0, "metonym": 1, "demonym": 2, "country": 3, "organisation": 4, "person": 5}
        index: dict[str, Surface] = {}
        for s in self.surfaces():
            old = index.get(s.text)
            if old is None or rank[s.type] >= rank[old.type]:
                index[s.text] = s
        return index

    def fuzzy_index(self, min_length: int = FUZZY_MIN_LENGTH - 1) -> dict[str, list[str]]:
        """Single-word names (countries, demonyms, capitals, groups, surnames) of at least
        ``min_length`` letters under each of their one-letter deletions and themselves, so that
        a misspelt word ("Ethopia", "Bouteflicka") finds the name it is one edit away from."""
        out: dict[str, list[str]] = {}
        for text in self.surface_index():
            if " " in text or len(text) < min_length or not text[:1].isupper():
                continue
            for key in {text, *deletions(text)}:
                out.setdefault(key, []).append(text)
        return out

    def country_name(self, code: str | None) -> str | None:
        c = self.countries.get(code or "")
        return c.name if c else None


def deletions(word: str) -> set[str]:
    """The word with one letter left out, every way (first letter kept: typos rarely hit it)."""
    return {word[:i] + word[i + 1 :] for i in range(1, len(word))}


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one insertion, deletion, substitution or swap of
    neighbouring letters (Damerau-Levenshtein distance 1)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :] or (a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :])
    return a[i:] == b[i + 1 :]


# --- parsing ----------------------------------------------------------------------------
class _Where:
    """Names the file and field being parsed, for error messages."""

    def __init__(self, path: str, raw: str) -> None:
        self.path = path
        self.raw = raw

    def fail(self, field_path: str, problem: str, needle: str | None = None) -> KnowledgeFileError:
        line = ""
        if needle:
            pos = self.raw.find(json.dumps(needle, ensure_ascii=False))
            if pos < 0:
                pos = self.raw.find(needle)
            if pos >= 0:
                line = f" (line {self.raw.count(chr(10), 0, pos) + 1})"
        return KnowledgeFileError(
            f"Knowledge file {self.path}{line}: {field_path} {problem}.",
            hint="Fix that entry; the format is documented in brinkwatch.knowledge.actors.",
        )


def _str_list(w: _Where, value: Any, where: str, needle: str | None) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise w.fail(where, "must be a list of non-empty strings", needle)
    return [v.strip() for v in value]


def _code(w: _Where, value: Any, where: str, needle: str | None, *, optional: bool = True) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not _CODE.match(value):
        raise w.fail(where, f"must be an upper-case code of 3-6 letters (got {value!r})", needle)
    return value


def _entry_label(entry: Any, i: int, key: str) -> tuple[str, str | None]:
    ident = entry.get(key) if isinstance(entry, dict) else None
    return (f"{i}" if ident is None else f"{i} ({ident!r})"), (ident if isinstance(ident, str) else None)


def _parse_countries(w: _Where, items: Any, kb: ActorKnowledge) -> None:
    if not isinstance(items, list):
        raise w.fail("'countries'", "must be a list")
    for i, e in enumerate(items):
        label, needle = _entry_label(e, i, "code")
        at = f"countries[{label}]"
        if not isinstance(e, dict):
            raise w.fail(at, "must be an object")
        code = _code(w, e.get("code"), f"{at}.code", needle, optional=False)
        assert code is not None
        name = e.get("name")
        old = kb.countries.get(code)
        if not isinstance(name, str) or not name.strip():
            if old is None:
                raise w.fail(f"{at}.name", "is missing (a new country needs a name)", needle)
            name = old.name
        metonyms: dict[str, str | None] = dict(old.metonyms) if old else {}
        raw_m = e.get("metonyms") or []
        if not isinstance(raw_m, list):
            raise w.fail(f"{at}.metonyms", "must be a list", needle)
        for m in raw_m:
            if isinstance(m, str) and m.strip():
                metonyms[m.strip()] = None
            elif isinstance(m, dict) and isinstance(m.get("text"), str):
                metonyms[m["text"]] = _code(w, m.get("sector"), f"{at}.metonyms.sector", needle)
            else:
                raise w.fail(f"{at}.metonyms", "entries must be strings or {\"text\", \"sector\"} objects", needle)
        kb.countries[code] = Country(
            code=code,
            name=name,
            cameo=_code(w, e.get("cameo"), f"{at}.cameo", needle) or (old.cameo if old else None),
            names=(old.names if old else []) + _str_list(w, e.get("names"), f"{at}.names", needle),
            demonyms=(old.demonyms if old else []) + _str_list(w, e.get("demonyms"), f"{at}.demonyms", needle),
            metonyms=metonyms,
        )


def _parse_organisations(w: _Where, items: Any, kb: ActorKnowledge) -> None:
    if not isinstance(items, list):
        raise w.fail("'organisations'", "must be a list")
    for i, e in enumerate(items):
        label, needle = _entry_label(e, i, "id")
        at = f"organisations[{label}]"
        if not isinstance(e, dict):
            raise w.fail(at, "must be an object")
        if not isinstance(e.get("id"), str) or not e["id"].strip():
            raise w.fail(f"{at}.id", "is missing", needle)
        if not isinstance(e.get("name"), str) or not e["name"].strip():
            raise w.fail(f"{at}.name", "is missing", needle)
        kb.organisations[e["id"]] = Organisation(
            id=e["id"],
            name=e["name"],
            country=_code(w, e.get("country"), f"{at}.country", needle),
            sector=_code(w, e.get("sector"), f"{at}.sector", needle),
            kind=str(e.get("kind") or "organisation"),
            names=_str_list(w, e.get("names"), f"{at}.names", needle),
        )


def _date(w: _Where, value: Any, where: str, needle: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _DATE.match(value):
        raise w.fail(where, f"must be an ISO date YYYY-MM-DD or null (got {value!r})", needle)
    return value


def _parse_people(w: _Where, items: Any, kb: ActorKnowledge) -> None:
    if not isinstance(items, list):
        raise w.fail("'people'", "must be a list")
    for i, e in enumerate(items):
        label, needle = _entry_label(e, i, "id")
        at = f"people[{label}]"
        if not isinstance(e, dict):
            raise w.fail(at, "must be an object")
        if not isinstance(e.get("id"), str) or not e["id"].strip():
            raise w.fail(f"{at}.id", "is missing", needle or e.get("name"))
        if not isinstance(e.get("name"), str) or not e["name"].strip():
            raise w.fail(f"{at}.name", "is missing", needle)
        roles_raw = e.get("roles") or []
        if not isinstance(roles_raw, list):
            raise w.fail(f"{at}.roles", "must be a list", needle)
        roles = []
        for j, r in enumerate(roles_raw):
            rat = f"{at}.roles[{j}]"
            if not isinstance(r, dict):
                raise w.fail(rat, "must be an object", needle)
            start = _date(w, r.get("start"), f"{rat}.start", needle)
            end = _date(w, r.get("end"), f"{rat}.end", needle)
            if start and end and end < start:
                raise w.fail(rat, f"ends ({end}) before it starts ({start})", needle)
            roles.append(Role(
                title=str(r.get("title") or ""),
                country=_code(w, r.get("country"), f"{rat}.country", needle),
                sector=_code(w, r.get("sector"), f"{rat}.sector", needle),
                start=start,
                end=end,
                organisation=r.get("organisation"),
            ))
        kb.people[e["id"]] = Person(
            id=e["id"], name=e["name"], names=_str_list(w, e.get("names"), f"{at}.names", needle), roles=roles
        )


def _parse_groups(w: _Where, items: Any, kb: ActorKnowledge) -> None:
    if not isinstance(items, list):
        raise w.fail("'groups'", "must be a list")
    for i, e in enumerate(items):
        label, needle = _entry_label(e, i, "id")
        at = f"groups[{label}]"
        if not isinstance(e, dict):
            raise w.fail(at, "must be an object")
        for key in ("id", "name"):
            if not isinstance(e.get(key), str) or not e[key].strip():
                raise w.fail(f"{at}.{key}", "is missing", needle)
        codes = e.get("countries")
        if not isinstance(codes, list) or not codes:
            raise w.fail(f"{at}.countries", "must be a non-empty list of country codes", needle)
        kb.groups[e["id"]] = Group(
            id=e["id"], name=e["name"],
            countries=[c for j, x in enumerate(codes) if (c := _code(w, x, f"{at}.countries[{j}]", needle, optional=False))],
            names=_str_list(w, e.get("names"), f"{at}.names", needle),
            sector=_code(w, e.get("sector"), f"{at}.sector", needle),
            default=bool(e.get("default", True)),
        )


def _parse_sectors(w: _Where, value: Any, kb: ActorKnowledge) -> None:
    table = value.get("sectors") if isinstance(value, dict) and "generic" in value else value
    if not isinstance(table, dict):
        raise w.fail("'sectors'", "must be an object mapping words to sector codes")
    for word, sector in table.items():
        kb.sectors[word.lower()] = _code(w, sector, f"sectors[{word!r}]", word)


def parse_knowledge(raw: str, path: str, kb: ActorKnowledge) -> None:
    """Parse one knowledge file's text into ``kb`` (later files override earlier ones)."""
    w = _Where(path, raw)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise KnowledgeFileError(
            f"Knowledge file {path} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}.",
            hint="Fix the JSON syntax there; the format is documented in brinkwatch.knowledge.actors.",
        ) from exc
    if not isinstance(data, dict):
        raise w.fail("the top level", "must be a JSON object with keys " + ", ".join(SECTIONS))
    if not any(k in data for k in SECTIONS):
        raise w.fail("the top level", "has none of the keys " + ", ".join(SECTIONS))
    if "countries" in data:
        _parse_countries(w, data["countries"], kb)
    if "organisations" in data:
        _parse_organisations(w, data["organisations"], kb)
    if "people" in data:
        _parse_people(w, data["people"], kb)
    if "groups" in data:
        _parse_groups(w, data["groups"], kb)
    if "sectors" in data:
        _parse_sectors(w, data["sectors"], kb)
    if isinstance(data.get("generic"), list):
        kb.generic_heads |= {str(x).lower() for x in data["generic"]}
    if isinstance(data.get("former"), list):
        kb.former_words |= {str(x).lower() for x in data["former"]}
    kb.files.append(path)


def _read_user_file(path: str) -> str:
    p = Path(path)
    if not p.is_file():
        raise KnowledgeFileError(
            f"Knowledge file {path} does not exist.",
            hint="Check the path given with --knowledge or BRINKWATCH_KNOWLEDGE.",
        )
    try:
        return p.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise KnowledgeFileError(f"Knowledge file {path} is not UTF-8 text.", hint="Save it as UTF-8 JSON.") from exc


_CACHE: dict[tuple[str, ...], ActorKnowledge] = {}


def load_knowledge(extra_files: Sequence[str] = ()) -> ActorKnowledge:
    """The shipped actor knowledge plus the user's files, loaded once per process.

    Users' files are applied in order after the shipped ones.  Files that hold only place
    knowledge (no actor section) are accepted and ignored here.
    """
    key = tuple(str(f) for f in extra_files)
    cached = _CACHE.get(key)
    if cached is not None:
        return cached
    kb = ActorKnowledge()
    data_dir = resources.files("brinkwatch.knowledge") / "data"
    for name in SHIPPED_FILES:
        parse_knowledge((data_dir / name).read_text(encoding="utf-8"), f"brinkwatch/knowledge/data/{name}", kb)
    for path in key:
        raw = _read_user_file(path)
        try:
            data = json.loads(raw)
        except json.JSONDecodeError:
            data = None
        if isinstance(data, dict) and "places" in data and not any(k in data for k in SECTIONS):
            continue  # a place-only file: the places component reads it
        parse_knowledge(raw, path, kb)
    _CACHE[key] = kb
    return kb
