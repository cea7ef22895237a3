"""View models: timeline entries shaped for the page (date groups, labels, highlighted triggers).

Kept apart from the HTTP layer so the shaping is testable without a server and the template
stays free of logic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from starlette.datastructures import QueryParams

from ..analysis.frames import EventFilter
from ..analysis.timeline import QUAD_LABELS, TimelineEntry

_DAY = {"instant", "day"}


def parse_filter(params: QueryParams) -> EventFilter:
    """EventFilter from query params: actor, type (repeatable or comma-separated), since, until,
    source, all=1 (include acts that did not happen: threatened, demanded, denied ...)."""
    types: list[str] = []
    for raw in params.getlist("type"):
        types += [t.strip() for t in raw.split(",") if t.strip()]
    def text(name: str) -> str | None:
        v = (params.get(name) or "").strip()
        return v or None
    return EventFilter(
        actor=text("actor"), types=tuple(types), since=text("since"), until=text("until"), source=text("source"),
        factual_only=(params.get("all") or "") not in ("1", "true", "on", "yes"),
    )


def date_label(e: TimelineEntry) -> str:
    """'Sunday 2 March 2025', 'March 2025', 'Week of 3 March 2025', '2025', or a range."""
    if not e.date_start:
        return "Date unknown"
    start = pd.Timestamp(e.date_start)
    gran = e.granularity
    if gran in _DAY or (e.date_end in (None, e.date_start)):
        return f"{start:%A} {start.day} {start:%B %Y}"
    if gran == "week":
        return f"Week of {start.day} {start:%B %Y}"
    if gran == "month":
        return f"{start:%B %Y}"
    if gran == "year":
        return str(start.year)
    end = pd.Timestamp(e.date_end)
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def split_trigger(sentence: str, trigger: str) -> tuple[str, str, str]:
    """(before, trigger, after) so the template can mark the trigger words without raw HTML."""
    if trigger:
        i = sentence.find(trigger)
        if i < 0:
            i = sentence.lower().find(trigger.lower())
        if i >= 0:
            return sentence[:i], sentence[i:i + len(trigger)], sentence[i + len(trigger):]
    return sentence, "", ""


@dataclass(slots=True)
class DayGroup:
    label: str
    date: str | None
    entries: list[dict[str, Any]] = field(default_factory=list)


def actor_code(country: str | None, sector: str | None) -> str | None:
    """'CHL GOV': the CAMEO-style code analysts scan for (the summary already has the names)."""
    code = " ".join(x for x in (country, sector) if x)
    return code or None


def entry_view(e: TimelineEntry) -> dict[str, Any]:
    evidence = []
    for ev in e.evidence:
        evidence.append({**ev, "parts": split_trigger(ev.get("sentence") or "", ev.get("trigger") or ""),
                         "published_day": str(ev.get("published") or "")[:10] or None})
    return {
        "id": e.id,
        "summary": e.summary,
        "plover": e.plover,
        "cameo": e.cameo,
        "quad": e.quad_class or 0,
        "quad_label": e.quad_label or "Unclassified",
        "modality": e.modality,
        "source": actor_code(e.source_country, e.source_sector),
        "target": actor_code(e.target_country, e.target_sector),
        "place": e.place_name,
        "fatalities": e.fatalities,
        "n_sources": e.n_sources,
        "n_articles": e.n_articles,
        "n_mentions": len(e.event_ids),
        "sources": e.sources,
        "date_label": date_label(e),
        "evidence": evidence,
        "contradictions": list(getattr(e, "contradictions", None) or []),
        "single_source": list(getattr(e, "single_source", None) or []),
        "confidence": getattr(e, "confidence", None),
    }


def group_by_date(entries: list[TimelineEntry]) -> list[DayGroup]:
    """Consecutive entries with the same date label form one group (entries come sorted by date)."""
    groups: list[DayGroup] = []
    for e in entries:
        label = date_label(e)
        if not groups or groups[-1].label != label:
            groups.append(DayGroup(label=label, date=e.date_start))
        groups[-1].entries.append(entry_view(e))
    return groups


def stats(entries: list[TimelineEntry], n_mentions: int) -> dict[str, Any]:
    """Counts for the summary line: reports are articles (copies included), outlets the named ones carrying them."""
    outlets = {ev["source"] for e in entries for ev in e.evidence if ev.get("source") != "unknown outlet"}
    dated = [e.date_start for e in entries if e.date_start]
    return {
        "events": len(entries),
        "mentions": n_mentions,
        "reports": len({a for e in entries for a in e.article_ids}),
        "outlets": len(outlets),
        "first": min(dated) if dated else None,
        "last": max(e.date_end or e.date_start for e in entries if e.date_start) if dated else None,
    }


QUADS = [{"n": n, "label": label} for n, label in QUAD_LABELS.items()]
