"""The timeline: event mentions from many articles merged into dated entries, each with its evidence.

Which mentions are one real-world event is decided by :mod:`brinkwatch.reconcile` (type and
quad class, actors, time intervals with tolerance by granularity, place, wording; a threat never
merges with an act that happened). A store's clusters are incremental and stored; a frame
without stored assignments is clustered in memory. Each entry appears once, with a one-line
summary, its source and article counts, and the contradictions between its sources.

Independent sources: near-duplicate articles (``duplicate_of``) count once, so a wire story
reprinted by five outlets is one source, not five.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

import pandas as pd

from ..reconcile._text import actor_label
from .frames import is_factual, outlet, records, require_columns

#: Columns build_timeline needs; the rest of model.EVENT_COLUMNS is optional.
REQUIRED_COLUMNS: tuple[str, ...] = ("event_id", "article_id", "plover", "date_start", "date_end", "modality")

#: Quad classes (CAMEO/GDELT definition; PLOVER keeps the same four).
QUAD_LABELS: dict[int, str] = {
    1: "Verbal cooperation",
    2: "Material cooperation",
    3: "Verbal conflict",
    4: "Material conflict",
}

#: Place precisions, most precise first; an entry shows its most precise member place.
_PLACE_RANK = {"point": 0, "admin1": 1, "region": 2, "sea": 3, "country": 4}
#: Granularities from most to least precise; the entry keeps the most precise member's date.
_PRECISION = ("instant", "day", "week", "month", "quarter", "season", "year", "decade", "unknown")


@dataclass(slots=True)
class TimelineEntry:
    """One real-world event as the timeline shows it: merged mentions plus their evidence."""

    date_start: str | None
    date_end: str | None
    granularity: str
    plover: str
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    modality: str  # "asserted" if any member is asserted, else the members' modality
    source_name: str | None
    source_country: str | None
    source_sector: str | None
    target_name: str | None
    target_country: str | None
    target_sector: str | None
    summary: str
    event_ids: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # distinct outlets of independent reports
    n_articles: int = 0  # independent articles (near-duplicates counted once)
    n_sources: int = 0  # len(sources)
    place_name: str | None = None
    place_country: str | None = None
    place_admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    place_precision: str | None = None
    fatalities: int | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)
    cluster_id: str = ""
    confidence: float = 0.0
    first_report: str | None = None
    last_report: str | None = None
    contradictions: list[dict[str, Any]] = field(default_factory=list)  # {kind, note, a: claim, b: claim}
    single_source: list[dict[str, Any]] = field(default_factory=list)  # details only one source gives

    @property
    def quad_label(self) -> str | None:
        return QUAD_LABELS.get(self.quad_class) if self.quad_class else None

    @property
    def id(self) -> str:
        """Stable id of the entry: its earliest member event id."""
        return min(self.event_ids) if self.event_ids else ""

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["id"] = self.id
        d["quad_label"] = self.quad_label
        return d


def _actor_key(rec: dict[str, Any], side: str) -> str:
    for col in (f"{side}_country", f"{side}_name", f"{side}_text"):
        v = rec.get(col)
        if v:
            return str(v).strip().lower()
    return ""


def _day(value: Any) -> str | None:
    """YYYY-MM-DD of an ISO date/datetime, or None when it is missing or not a date."""
    if not value:
        return None
    try:
        return pd.Timestamp(str(value)[:10]).date().isoformat()
    except (ValueError, TypeError):
        return None


def _interval(rec: dict[str, Any]) -> tuple[str | None, str | None]:
    start = _day(rec.get("date_start")) or _day(rec.get("date_end"))
    end = _day(rec.get("date_end")) or start
    if not start:
        # No date in the text: the article's publication day is the best estimate.
        start = end = _day(rec.get("article_published"))
    if start and end and end < start:
        start, end = end, start
    return start, end


def _modality_class(modality: Any) -> str:
    return "factual" if is_factual(modality) else str(modality)


#: How a member's date was found, best first: a date the text states beats one taken from the
#: surrounding sentences, which beats the publication date used for want of anything better.
_METHOD_RANK = {"expression": 0, "context": 1, "publication": 2, "unanchored": 3}


def _precision_rank(rec: dict[str, Any]) -> tuple[int, int, int]:
    gran = rec.get("date_granularity") or "unknown"
    rank = _PRECISION.index(gran) if gran in _PRECISION else len(_PRECISION)
    s, e = rec["_start"], rec["_end"]
    span = (pd.Timestamp(e) - pd.Timestamp(s)).days if s and e else 10**6
    method = _METHOD_RANK.get(str(rec.get("date_method") or ""), 3) if s or e else 4
    return (method, span, rank)


def _most_common(values: list[Any]) -> Any:
    vals = [v for v in values if v is not None and v != ""]
    return Counter(vals).most_common(1)[0][0] if vals else None


def _evidence(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: set[tuple[Any, Any]] = set()
    items: list[dict[str, Any]] = []
    for r in sorted(members, key=lambda r: (str(r.get("article_published") or "~"), str(r["article_id"]),
                                             r.get("sentence_start") or 0)):
        key = (r["article_id"], r.get("sentence") or r["event_id"])
        if key in seen:
            continue
        seen.add(key)
        items.append({
            "sentence": r.get("sentence") or "",
            "article_id": r["article_id"],
            "article_title": r.get("article_title"),
            "source": outlet(r),
            "url": r.get("article_url"),
            "published": r.get("article_published"),
            "modality": r.get("modality") or "asserted",
            "attributed_to": r.get("attributed_to"),
            "trigger": r.get("trigger") or "",
            "duplicate_of": r.get("duplicate_of"),
            "event_id": r["event_id"],
        })
    return items


def _independent(members: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """(outlets, article ids) of independent reports: each near-duplicate family counts once."""
    families: dict[str, list[dict[str, Any]]] = {}
    for r in members:
        root = str(r.get("duplicate_of") or r["article_id"])
        families.setdefault(root, []).append(r)
    outlets: list[str] = []
    articles: list[str] = []
    for root, fam in families.items():
        # Prefer the root article's own outlet; otherwise the earliest-published copy.
        rep = next((r for r in fam if r["article_id"] == root), None) or min(
            fam, key=lambda r: str(r.get("article_published") or "~")
        )
        articles.append(root)
        name = outlet(rep)
        if name == "unknown outlet":
            # Articles of unknown outlet are independent of each other as far as we know.
            name = f"unknown outlet ({root[:8]})"
        if name not in outlets:
            outlets.append(name)
    return sorted(outlets, key=str.lower), articles


def _entry(members: list[dict[str, Any]]) -> TimelineEntry:
    best = min(members, key=lambda r: (_precision_rank(r), -(r.get("confidence") or 0)))
    rep = max(members, key=lambda r: (r.get("confidence") or 0, bool(r.get("source_name")), bool(r.get("target_name"))))
    placed = [r for r in members if r.get("lat") is not None and r.get("lon") is not None] or [
        r for r in members if r.get("place_name")
    ]
    place = min(placed, key=lambda r: _PLACE_RANK.get(r.get("place_precision"), len(_PLACE_RANK))) if placed else {}
    outlets, roots = _independent(members)
    modalities = {r.get("modality") or "asserted" for r in members}
    modality = "asserted" if "asserted" in modalities else sorted(modalities)[0]
    fatalities = [int(r["fatalities"]) for r in members if r.get("fatalities") is not None]
    src = actor_label(rep.get("source_name"), rep.get("source_country"), rep.get("source_sector"), rep.get("source_text"))
    tgt = actor_label(rep.get("target_name"), rep.get("target_country"), rep.get("target_sector"), rep.get("target_text"))
    head = " ".join(x for x in (src, str(rep["plover"]), tgt) if x)
    trigger = (rep.get("trigger") or "").strip()
    summary = f"{head}: {trigger}" if trigger else head
    quad = _most_common([r.get("quad_class") for r in members])
    goldstein = [float(r["goldstein"]) for r in members if r.get("goldstein") is not None]
    return TimelineEntry(
        date_start=best["_start"],
        date_end=best["_end"],
        granularity=best.get("date_granularity") or ("day" if best["_start"] else "unknown"),
        plover=str(rep["plover"]),
        cameo=_most_common([r.get("cameo") for r in members]),
        quad_class=int(quad) if quad is not None else None,
        goldstein=round(sum(goldstein) / len(goldstein), 2) if goldstein else None,
        modality=modality,
        source_name=rep.get("source_name") or rep.get("source_text"),
        source_country=rep.get("source_country"),
        source_sector=rep.get("source_sector"),
        target_name=rep.get("target_name") or rep.get("target_text"),
        target_country=rep.get("target_country"),
        target_sector=rep.get("target_sector"),
        summary=summary,
        event_ids=sorted({str(r["event_id"]) for r in members}),
        article_ids=sorted({str(r["article_id"]) for r in members}),
        sources=outlets,
        n_articles=len(roots),
        n_sources=len(outlets),
        place_name=place.get("place_name"),
        place_country=place.get("place_country"),
        place_admin1=place.get("place_admin1"),
        lat=place.get("lat"),
        lon=place.get("lon"),
        geonameid=int(place["geonameid"]) if place.get("geonameid") is not None else None,
        place_precision=place.get("place_precision"),
        fatalities=max(fatalities) if fatalities else None,
        evidence=_evidence(members),
    )


def build_timeline(events: pd.DataFrame, *, factual_only: bool = True, assignment: dict[str, str] | None = None,
                   contexts: dict[str, Any] | None = None) -> list[TimelineEntry]:
    """Merge event mentions (rows of Store.events()) into timeline entries ordered by date.

    ``factual_only`` keeps only mentions whose modality says the event happened (asserted,
    reported); with False, threatened/demanded/... acts get entries of their own (never merged
    with ones that happened). Entries without any date come last. ``assignment`` (event id ->
    cluster id, from Store.cluster_assignments()) and ``contexts`` (reconcile.ArticleContext by
    article id) come from a store; without them the frame is clustered in memory.
    """
    from dataclasses import asdict as _asdict

    from ..reconcile import cluster_events

    require_columns(events, REQUIRED_COLUMNS)
    recs: list[dict[str, Any]] = []
    for r in records(events):
        if not r.get("plover") or not r.get("event_id"):
            continue
        if factual_only and not is_factual(r.get("modality")):
            continue
        r["_start"], r["_end"] = _interval(r)
        recs.append(r)
    by_id = {str(r["event_id"]): r for r in recs}
    kept = events[events["event_id"].astype(str).isin(by_id)] if recs else events.iloc[0:0]
    entries = []
    for c in cluster_events(kept, assignment=assignment, contexts=contexts) if recs else []:
        e = _entry([by_id[i] for i in c.event_ids if i in by_id])
        e.cluster_id, e.confidence = c.id, c.confidence
        e.first_report, e.last_report = c.first_report, c.last_report
        e.contradictions = [_asdict(x) for x in c.contradictions]
        e.single_source = [_asdict(x) for x in c.single_source]
        entries.append(e)
    entries.sort(key=lambda e: (e.date_start is None, e.date_start or "", e.date_end or "", e.plover, e.summary))
    return entries


#: Columns of timeline_frame().
TIMELINE_COLUMNS: tuple[str, ...] = (
    "entry_id", "date_start", "date_end", "granularity", "plover", "cameo", "quad_class", "goldstein", "modality",
    "source_name", "source_country", "source_sector", "target_name", "target_country", "target_sector",
    "summary", "n_articles", "n_sources", "sources", "event_ids", "article_ids",
    "place_name", "place_country", "lat", "lon", "fatalities", "evidence",
)


def timeline_frame(entries: list[TimelineEntry]) -> pd.DataFrame:
    """Timeline entries as a flat DataFrame (lists joined with '; ', evidence as a JSON string)."""
    rows = []
    for e in entries:
        rows.append({
            "entry_id": e.id,
            **{c: getattr(e, c) for c in TIMELINE_COLUMNS if c not in ("entry_id", "sources", "event_ids",
                                                                        "article_ids", "evidence")},
            "sources": "; ".join(e.sources),
            "event_ids": "; ".join(e.event_ids),
            "article_ids": "; ".join(e.article_ids),
            "evidence": json.dumps(e.evidence, ensure_ascii=False),
        })
    return pd.DataFrame(rows, columns=list(TIMELINE_COLUMNS))
