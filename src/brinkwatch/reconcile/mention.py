"""An event mention as reconcile sees it: the features of one event row that decide identity.

Built from a row of the flat event table (``Store.events()`` / ``model.event_row``) so that
reconcile needs neither the model nor the article text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..analysis.frames import is_factual, outlet, parse_json_list
from ._text import content_terms, event_nouns, stem

#: How far an interval of each granularity may miss another and still be the same event (days).
TOLERANCE_DAYS: dict[str, int] = {
    "instant": 1, "day": 1, "week": 3, "month": 7, "quarter": 15, "season": 15, "year": 30, "decade": 90, "unknown": 7,
}
#: An event reported without a date happened before publication, most likely in these days.
UNDATED_LOOKBACK_DAYS = 14


def _day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _keys(actors: list[dict[str, Any]], row: dict[str, Any], side: str) -> frozenset[str]:
    """Identity keys of one side: country codes and canonical names (falls back to the flat columns)."""
    keys: set[str] = set()
    for a in actors:
        if not isinstance(a, dict):
            continue
        if a.get("country"):
            keys.add("c:" + str(a["country"]).upper())
        if a.get("name"):
            keys.add("n:" + str(a["name"]).lower())
    if not keys:
        if row.get(f"{side}_country"):
            keys.add("c:" + str(row[f"{side}_country"]).upper())
        if row.get(f"{side}_name"):
            keys.add("n:" + str(row[f"{side}_name"]).lower())
    return frozenset(keys)


@dataclass(slots=True)
class Mention:
    """Features of one event mention. ``start``/``end``: the interval used for matching (inclusive)."""

    event_id: str
    article_id: str
    family: str  # near-duplicate family root: syndicated copies share it
    outlet: str
    published: str | None
    plover: str
    quad_class: int | None
    modality: str
    factual: bool
    source_keys: frozenset[str]
    target_keys: frozenset[str]
    start: date | None
    end: date | None
    granularity: str
    explicit_date: bool  # the text itself dates it (not the publication-day fallback)
    lat: float | None
    lon: float | None
    place_country: str | None
    place_name: str | None
    trigger_stem: str
    terms: Any  # Counter of content terms of the sentence
    nouns: set[str]
    quantities: list[dict[str, Any]] = field(default_factory=list)
    row: dict[str, Any] = field(default_factory=dict)

    @property
    def modality_class(self) -> str:
        return "factual" if self.factual else self.modality

    @property
    def tolerance(self) -> int:
        return TOLERANCE_DAYS.get(self.granularity, 7)

    @property
    def sentence(self) -> str:
        return str(self.row.get("sentence") or "")


def mention_of(row: dict[str, Any]) -> Mention:
    """The Mention of one flat event row (a dict of clean values, see analysis.frames.records)."""
    start, end = _day(row.get("date_start")), _day(row.get("date_end"))
    explicit = bool(start or end) and (row.get("date_method") or "expression") != "publication"
    if start is None and end is not None and (row.get("date_granularity") or "unknown") == "unknown":
        start, explicit = end - timedelta(days=UNDATED_LOOKBACK_DAYS), False  # "before <end>": open start
    start = start or end
    end = end or start
    pub = _day(row.get("article_published"))
    if start is None and pub is not None:
        start, end = pub - timedelta(days=UNDATED_LOOKBACK_DAYS), pub
    if start and end and end < start:
        start, end = end, start
    quad = row.get("quad_class")
    lat, lon = row.get("lat"), row.get("lon")
    return Mention(
        event_id=str(row["event_id"]),
        article_id=str(row["article_id"]),
        family=str(row.get("duplicate_of") or row["article_id"]),
        outlet=outlet(row),
        published=str(row["article_published"])[:10] if row.get("article_published") else None,
        plover=str(row.get("plover") or ""),
        quad_class=int(quad) if quad is not None else None,
        modality=str(row.get("modality") or "asserted"),
        factual=is_factual(row.get("modality")),
        source_keys=_keys(parse_json_list(row.get("source_actors")), row, "source"),
        target_keys=_keys(parse_json_list(row.get("target_actors")), row, "target"),
        start=start,
        end=end,
        granularity=str(row.get("date_granularity") or ("day" if explicit else "unknown")),
        explicit_date=explicit,
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        place_country=row.get("place_country"),
        place_name=row.get("place_name"),
        trigger_stem=stem(str(row.get("trigger") or "")),
        terms=content_terms(str(row.get("sentence") or "")),
        nouns=event_nouns(str(row.get("sentence") or "")),
        quantities=[q for q in parse_json_list(row.get("quantities")) if isinstance(q, dict)],
        row=row,
    )
