"""The domain of brinkwatch: plain dataclasses shared by every stage.

Every per-article stage produces these objects; the store persists them and the
analysis/export layers read them back as flat rows (see :func:`event_row`).
Offsets are Python ``str`` indices into ``Article.text`` (start inclusive, end exclusive).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: How an article's publication date was found.
DateMethod = Literal["record", "metadata", "feed", "warc", "dateline", "url", "text", "none"]

#: Modality of an event, as DESIGN.md defines it. Only ``asserted`` and ``reported``
#: events happened according to the text.
Modality = Literal[
    "asserted", "reported", "negated", "hypothetical", "future", "threatened", "demanded", "offered"
]
MODALITIES: tuple[str, ...] = (
    "asserted", "reported", "negated", "hypothetical", "future", "threatened", "demanded", "offered",
)
FACTUAL_MODALITIES: frozenset[str] = frozenset({"asserted", "reported"})

#: Granularity of a time span.
Granularity = Literal["instant", "day", "week", "month", "quarter", "season", "year", "decade", "unknown"]


def normalise_text(text: str) -> str:
    """Text as used for content hashing: NFC, whitespace collapsed, stripped."""
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip()


def content_id(text: str) -> str:
    """Content-hash id of an article: the same text always gets the same id."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:20]


@dataclass(slots=True)
class Article:
    """One news article, as ingest produces it."""

    id: str  # content_id(text)
    text: str  # main text (title not included)
    title: str | None = None
    source: str | None = None  # outlet name or domain ("example-times.com")
    url: str | None = None
    published: str | None = None  # ISO 8601 date or datetime ("2025-12-01" / "2025-12-01T14:00:00+00:00")
    date_method: str = "none"  # a DateMethod
    language: str | None = None  # ISO 639-1 ("en"), None if unknown
    origin: str = ""  # the input item it came from: path, URL, "feed.xml#3", "x.warc.gz#record-12"
    fingerprint: list[int] | None = None  # MinHash signature for near-duplicate detection
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def publication_date(self) -> str | None:
        """The date part (YYYY-MM-DD) of ``published``."""
        return self.published[:10] if self.published else None


@dataclass(slots=True)
class IngestResult:
    """What happened to one input item. ``status`` is ``ok``, ``skipped`` or ``failed``."""

    item: str  # path, URL or "container#n"
    status: Literal["ok", "skipped", "failed"]
    article: Article | None = None
    reason: str | None = None  # human-readable: why skipped/failed, what to do
    code: str | None = None  # error code for failures (e.g. "BW-I003"), see errors.py


@dataclass(slots=True)
class Actor:
    """An actor mention, coded to a country and a sector."""

    text: str  # surface text as in the article
    start: int = -1
    end: int = -1
    name: str | None = None  # canonical name ("Nicolás Maduro", "United States")
    country: str | None = None  # ISO 3166 alpha-3 or CAMEO code (IGO, NGO ...)
    sector: str | None = None  # GOV, MIL, COP, JUD, LEG, OPP, REB, CVL, BUS, MED, JRN, REL, IGO ...
    kind: str | None = None  # person, organisation, country, group, pronoun, description
    role: str | None = None  # "President of Venezuela" for named people
    knowledge_id: str | None = None  # id of the knowledge entry that coded it
    method: str | None = None  # how it was coded: "knowledge", "ner", "coref", "title" ...


@dataclass(slots=True)
class TimeSpan:
    """A normalised time interval. ``start``/``end`` are ISO dates (inclusive), or None."""

    start: str | None = None
    end: str | None = None
    granularity: str = "unknown"  # a Granularity
    value: str | None = None  # TIMEX3 value ("2025-11-30", "2025-W47", "PAST_REF")
    text: str | None = None  # the expression it came from
    method: str = "none"  # "expression", "context", "publication", "unanchored" (no publication date), "none"
    anchored: bool = False  # True when resolved against a known publication date


@dataclass(slots=True)
class TimeExpression:
    """A time expression found in the text, TIMEX3-style."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value
    mod: str | None = None  # START, END, MID, APPROX, BEFORE, AFTER ...
    span: TimeSpan | None = None


@dataclass(slots=True)
class Place:
    """A resolved (or unresolved) place mention."""

    text: str
    start: int = -1
    end: int = -1
    name: str | None = None  # gazetteer name
    country: str | None = None  # ISO alpha-3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None  # city, admin1, country, sea, region, facility
    precision: str | None = None  # point, admin1, country, region, sea


@dataclass(slots=True)
class Quantity:
    """A number with what it counts or measures."""

    text: str
    start: int = -1
    end: int = -1
    value: float | None = None
    unit: str | None = None  # normalised unit: dollar, percentage, people, troops, vessel ...
    kind: str | None = None  # dead, injured, arrested, troops, vessels, money, percent, count, other
    change: str = "="  # =, ~, >, <, up, down
    low: float | None = None  # range ends when the text gives a range
    high: float | None = None
    concept: str | None = None  # what is being measured ("flights", "troops")


@dataclass(slots=True)
class Event:
    """One coded event mention: who did what to whom, when and where, and the words that say so."""

    article_id: str
    plover: str  # one of the 16 PLOVER types
    cameo: str | None = None  # full CAMEO code with leading zero ("0111", "173")
    mode: str | None = None  # PLOVER mode
    context: list[str] = field(default_factory=list)  # PLOVER contexts
    quad_class: int | None = None  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    goldstein: float | None = None
    acled_event_type: str | None = None
    acled_sub_event_type: str | None = None
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    time: TimeSpan = field(default_factory=TimeSpan)
    place: Place | None = None
    quantities: list[Quantity] = field(default_factory=list)
    fatalities: int | None = None
    modality: str = "asserted"  # a Modality
    attributed_to: str | None = None  # the speaker/source for reported events ("sources familiar with ...")
    sentence: str = ""
    sentence_start: int = -1
    sentence_end: int = -1
    trigger: str = ""  # the words that triggered the coding
    trigger_start: int = -1
    trigger_end: int = -1
    rule: str = ""  # trace: which rule or model coded it ("verb:tell+to-infinitive->REQUEST")
    confidence: float = 0.5
    id: str = ""  # filled by finalise(): stable hash of article, trigger offsets and type

    def finalise(self) -> Event:
        if not self.id:
            key = f"{self.article_id}:{self.trigger_start}:{self.trigger_end}:{self.plover}:{self.cameo}"
            self.id = hashlib.sha1(key.encode()).hexdigest()[:16]
        return self


@dataclass(slots=True)
class CodedArticle:
    """An article with everything the per-article steps found in it."""

    article: Article
    events: list[Event] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    timexes: list[TimeExpression] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)


def to_dict(obj: Any) -> dict[str, Any]:
    """A JSON-ready dict of any model dataclass."""
    return asdict(obj)


def _actors_text(actors: list[Actor]) -> str | None:
    return "; ".join(a.text for a in actors) or None


def _first(actors: list[Actor], attr: str) -> str | None:
    for a in actors:
        v = getattr(a, attr)
        if v:
            return v
    return None


#: Columns of the flat event table (Store.events(), exports). Keep in sync with event_row().
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id", "article_id", "plover", "cameo", "mode", "context", "quad_class", "goldstein",
    "acled_event_type", "acled_sub_event_type",
    "source_text", "source_name", "source_country", "source_sector",
    "target_text", "target_name", "target_country", "target_sector",
    "source_actors", "target_actors",  # JSON lists of full actor dicts
    "date_start", "date_end", "date_granularity", "date_value", "date_text", "date_method",
    "place_name", "place_country", "place_admin1", "lat", "lon", "geonameid", "place_precision",
    "fatalities", "quantities",  # JSON list
    "modality", "attributed_to",
    "sentence", "sentence_start", "sentence_end", "trigger", "trigger_start", "trigger_end",
    "rule", "confidence",
    "article_source", "article_title", "article_url", "article_published", "duplicate_of",
)


def event_row(event: Event, article: Article, duplicate_of: str | None = None) -> dict[str, Any]:
    """The flat row of one event, with the article fields analysts filter on."""
    import json

    p = event.place
    t = event.time
    return {
        "event_id": event.id,
        "article_id": event.article_id,
        "plover": event.plover,
        "cameo": event.cameo,
        "mode": event.mode,
        "context": ",".join(event.context) or None,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "source_text": _actors_text(event.source),
        "source_name": _first(event.source, "name"),
        "source_country": _first(event.source, "country"),
        "source_sector": _first(event.source, "sector"),
        "target_text": _actors_text(event.target),
        "target_name": _first(event.target, "name"),
        "target_country": _first(event.target, "country"),
        "target_sector": _first(event.target, "sector"),
        "source_actors": json.dumps([asdict(a) for a in event.source], ensure_ascii=False),
        "target_actors": json.dumps([asdict(a) for a in event.target], ensure_ascii=False),
        "date_start": t.start,
        "date_end": t.end,
        "date_granularity": t.granularity,
        "date_value": t.value,
        "date_text": t.text,
        "date_method": t.method,
        "place_name": p.name or p.text if p else None,
        "place_country": p.country if p else None,
        "place_admin1": p.admin1 if p else None,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "geonameid": p.geonameid if p else None,
        "place_precision": p.precision if p else None,
        "fatalities": event.fatalities,
        "quantities": json.dumps([asdict(q) for q in event.quantities], ensure_ascii=False),
        "modality": event.modality,
        "attributed_to": event.attributed_to,
        "sentence": event.sentence,
        "sentence_start": event.sentence_start,
        "sentence_end": event.sentence_end,
        "trigger": event.trigger,
        "trigger_start": event.trigger_start,
        "trigger_end": event.trigger_end,
        "rule": event.rule,
        "confidence": event.confidence,
        "article_source": article.source,
        "article_title": article.title,
        "article_url": article.url,
        "article_published": article.published,
        "duplicate_of": duplicate_of,
    }


# --- across articles (reconcile/) ------------------------------------------------------------
@dataclass(slots=True)
class Claim:
    """One side of a disagreement: what one source says, and the sentence that says it."""

    value: str  # the claimed detail, human-readable ("2025-11-17..2025-11-23", "> 70 percentage (down)")
    source: str  # outlet
    article_id: str
    sentence: str = ""
    event_id: str | None = None
    published: str | None = None
    also: list[str] = field(default_factory=list)  # other outlets that make the same claim


@dataclass(slots=True)
class Contradiction:
    """Two sources of one cluster that cannot both be right about one detail."""

    kind: str  # date, number, actor, place, content (what was asked or offered)
    a: Claim
    b: Claim
    note: str = ""  # why they cannot both be true


@dataclass(slots=True)
class Cluster:
    """One real-world event: the event mentions of many articles that report it, and how far they agree."""

    id: str  # stable: the earliest-assigned member event id
    plover: str
    quad_class: int | None
    modality: str  # "asserted"/"reported" class, or the not-happened modality of all members
    event_ids: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)  # every member article
    sources: list[str] = field(default_factory=list)  # independent outlets (near-duplicates count once)
    n_sources: int = 0
    n_articles: int = 0  # independent articles (near-duplicate families count once)
    first_report: str | None = None  # earliest publication date of a member article
    last_report: str | None = None
    date_start: str | None = None
    date_end: str | None = None
    summary: str = ""
    confidence: float = 0.0
    contradictions: list[Contradiction] = field(default_factory=list)
    single_source: list[Claim] = field(default_factory=list)  # details only one source reports
