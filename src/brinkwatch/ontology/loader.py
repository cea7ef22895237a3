"""Typed access to the ontology tables in ``ontology/data`` (CAMEO, PLOVER, ACLED).

The tables are facts with their sources named inside each file; this module only parses
them, checks them, and answers look-ups. :func:`load` is cached, so every component and
every worker process reads the files once.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import KnowledgeFileError

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
QUAD_CLASS_NAMES: dict[int, str] = {
    1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
}
_CODE_RE = re.compile(r"^(0[1-9]|1\d|20)\d{0,2}$")


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO event code with its Goldstein weight, quad class and PLOVER equivalent."""

    code: str  # with leading zero: "01", "042", "1124"
    name: str
    goldstein: float
    quad_class: int
    plover: str | None  # None for 01 (public statements have no PLOVER type)
    mode: str | None = None
    context: tuple[str, ...] = ()

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class PloverType:
    """One of the 16 PLOVER event types with its modes and conflict-cooperation scores."""

    type: str
    quad_class: int
    requires_recipient: bool
    score: float
    modes: dict[str, float] = field(default_factory=dict)  # mode -> score
    description: str = ""

    def mode_score(self, mode: str | None) -> float:
        """The manual's score of ``type: mode``, else of the type."""
        return self.modes.get(mode or "", self.score)


@dataclass(frozen=True, slots=True)
class AcledRule:
    """How a coded event is placed in ACLED's scope (see ontology/data/acled.json)."""

    plover: tuple[str, ...]
    event_type: str
    sub_event_type: str
    sentence: re.Pattern[str] | None = None
    not_sentence: re.Pattern[str] | None = None
    trigger: frozenset[str] = frozenset()
    mode: frozenset[str] = frozenset()
    source: str | None = None  # "state", "mob", "unarmed" or "collective"
    target: str | None = None  # "armed", or "not_civilian": the target is not named as civilians
    scope: str = "sentence"  # "incident": the regexes also read the following sentences of the paragraph
    marker: bool = False  # only in a note carrying ACLED's demonstration tag (see Ontology.demonstration_marker)


@dataclass(frozen=True)
class Ontology:
    """The loaded tables. Use :func:`load` rather than building one."""

    codes: dict[str, CameoCode]
    types: dict[str, PloverType]
    contexts: tuple[str, ...]
    acled: dict[str, tuple[str, ...]]
    acled_rules: tuple[AcledRule, ...]
    state_actor: re.Pattern[str]
    armed_actor: re.Pattern[str]
    collective_actor: re.Pattern[str] | None = None
    civilian_actor: re.Pattern[str] | None = None  # unarmed people and their property ("villagers", "off-duty")
    armed_context: re.Pattern[str] | None = None  # an incident naming its victim armed ("gang member")
    demonstration_marker: re.Pattern[str] | None = None  # ACLED's crowd-size tag "[size=...]"

    def cameo(self, code: str) -> CameoCode:
        """The CAMEO code ``code`` ("042", "19"); unknown codes raise :class:`KnowledgeFileError`."""
        key = str(code).strip()
        key = key.zfill(2) if len(key) == 1 else key  # "4" -> "04"
        try:
            return self.codes[key]
        except KeyError:
            raise KnowledgeFileError(
                f"Unknown CAMEO event code {code!r}.",
                hint="Use a CAMEO code with its leading zero, e.g. '042' or '1124' (see ontology/data/cameo_codes.tsv).",
            ) from None

    def plover(self, type_: str) -> PloverType:
        """The PLOVER type ``type_`` (case-insensitive); unknown types raise :class:`KnowledgeFileError`."""
        try:
            return self.types[type_.upper()]
        except (KeyError, AttributeError):
            raise KnowledgeFileError(
                f"Unknown PLOVER event type {type_!r}.", hint=f"Use one of: {', '.join(PLOVER_TYPES)}."
            ) from None

    def acled_types(self) -> dict[str, tuple[str, ...]]:
        """ACLED event types -> their sub-event types."""
        return dict(self.acled)

    def codes_for(self, plover_type: str) -> list[CameoCode]:
        """Every CAMEO code that maps to a PLOVER type (most general first)."""
        return sorted((c for c in self.codes.values() if c.plover == plover_type), key=lambda c: (len(c.code), c.code))

    def default_cameo(self, plover_type: str) -> CameoCode:
        """The most general CAMEO code of a PLOVER type (e.g. ASSAULT -> 18)."""
        codes = [c for c in self.codes_for(plover_type) if len(c.code) == 3 and c.code.endswith("0")]
        return (codes or self.codes_for(plover_type))[0]


# --- parsing -------------------------------------------------------------------------------------
def _data_text(name: str) -> str:
    return resources.files("brinkwatch.ontology").joinpath("data", name).read_text(encoding="utf-8")


def _tsv(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in _data_text(name).splitlines() if ln and not ln.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for n, line in enumerate(lines[1:], 2):
        cells = line.split("\t")
        if len(cells) != len(header):
            raise KnowledgeFileError(
                f"ontology/data/{name}: data row {n} has {len(cells)} cells, expected {len(header)}.",
                hint="Reinstall brinkwatch; the packaged ontology tables are damaged.",
            )
        rows.append(dict(zip(header, cells)))
    return rows


def _codes() -> dict[str, CameoCode]:
    mapping = {r["code"]: r for r in _tsv("cameo_plover.tsv")}
    codes: dict[str, CameoCode] = {}
    for row in _tsv("cameo_codes.tsv"):
        code = row["code"]
        if not _CODE_RE.match(code):
            raise KnowledgeFileError(f"ontology/data/cameo_codes.tsv: bad code {code!r}.", hint="Reinstall brinkwatch.")
        m = mapping.get(code, {})
        codes[code] = CameoCode(
            code=code,
            name=row["name"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover=m.get("plover") or None,
            mode=m.get("mode") or None,
            context=tuple(c for c in (m.get("context") or "").split(",") if c),
        )
    return codes


def _rule(raw: dict[str, Any]) -> AcledRule:
    def rx(key: str) -> re.Pattern[str] | None:
        return re.compile(raw[key]) if raw.get(key) else None

    return AcledRule(
        plover=tuple(raw["plover"]),
        event_type=raw["event_type"],
        sub_event_type=raw["sub_event_type"],
        sentence=rx("sentence"),
        not_sentence=rx("not_sentence"),
        trigger=frozenset(raw.get("trigger", ())),
        mode=frozenset(raw.get("mode", ())),
        source=raw.get("source"),
        target=raw.get("target"),
        scope=raw.get("scope", "sentence"),
        marker=bool(raw.get("marker")),
    )


@lru_cache(maxsize=1)
def load() -> Ontology:
    """The ontology, parsed once per process."""
    plover = json.loads(_data_text("plover.json"))
    acled = json.loads(_data_text("acled.json"))
    types = {
        t["type"]: PloverType(
            type=t["type"], quad_class=int(t["quad_class"]), requires_recipient=bool(t["requires_recipient"]),
            score=float(t["score"]), modes={k: float(v) for k, v in t["modes"].items()}, description=t["description"],
        )
        for t in plover["types"]
    }
    return Ontology(
        codes=_codes(),
        types=types,
        contexts=tuple(plover["contexts"]),
        acled={k: tuple(v) for k, v in acled["event_types"].items()},
        acled_rules=tuple(_rule(r) for r in acled["rules"]),
        state_actor=re.compile(acled["state_actor"], re.I),
        armed_actor=re.compile(acled["armed_actor"], re.I),
        collective_actor=_optional_rx(acled, "collective_actor"),
        civilian_actor=_optional_rx(acled, "civilian_actor"),
        armed_context=_optional_rx(acled, "armed_context"),
        demonstration_marker=_optional_rx(acled, "demonstration_marker"),
    )


def _optional_rx(table: dict[str, Any], key: str) -> re.Pattern[str] | None:
    return re.compile(table[key], re.I) if table.get(key) else None


@lru_cache(maxsize=1)
def acled_trigger_patterns() -> tuple[dict[str, Any], ...]:
    """Trigger patterns of ACLED-scope events (``ontology/data/event_patterns_acled.json``), in the
    format of ``event_patterns.json``; the trigger lexicon appends them to its own patterns.

    Kept apart so that ACLED-only wording ("observed 14 shots", "a shoot-out took place") can be
    maintained with the ACLED tables.
    """
    data = json.loads(_data_text("event_patterns_acled.json"))
    patterns = data.get("patterns")
    if not isinstance(patterns, list) or not all(isinstance(p, dict) and {"id", "lemmas", "cameo"} <= set(p)
                                                 for p in patterns):
        raise KnowledgeFileError(
            "ontology/data/event_patterns_acled.json: 'patterns' must be a list of objects with id, lemmas and cameo.",
            hint="Reinstall brinkwatch; the packaged ACLED trigger patterns are damaged.",
        )
    return tuple(patterns)

