"""TimelineJS3 JSON export: the merged timeline as slides Knight Lab's TimelineJS loads directly.

Source of the format: TimelineJS3 "JSON format" documentation (Knight Lab,
https://timeline.knightlab.com/docs/json-format.html): ``{"title": slide, "events": [slide, ...]}``
where a slide has ``start_date``/``end_date`` ``{"year", "month", "day"}``, ``text``
``{"headline", "text"}`` (HTML allowed), optional ``group`` and ``unique_id``.

Dates follow each entry's granularity: a month-level entry gets only year and month, a week
gets a start and an end day. Entries without any date cannot be placed and are counted as skipped.
The slide text lists the evidence sentences with their outlets and links (HTML-escaped).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

import pandas as pd

from ..analysis.timeline import REQUIRED_COLUMNS, TimelineEntry, build_timeline
from ._common import ExportContext, ExportResult, atomic_open

_DAY_LEVEL = {"instant", "day", "week", "unknown"}
_MONTH_LEVEL = {"month", "quarter", "season"}


def _date(day: str, granularity: str) -> dict[str, str]:
    ts = pd.Timestamp(day)
    out = {"year": str(ts.year)}
    if granularity in _DAY_LEVEL or granularity in _MONTH_LEVEL:
        out["month"] = str(ts.month)
    if granularity in _DAY_LEVEL:
        out["day"] = str(ts.day)
    return out


def _citation(ev: dict[str, Any]) -> str:
    """Outlet and article of one evidence line, each said once: "Outlet, <a>Title</a>". An unknown
    outlet is left out rather than printed next to itself; an article without a title is named by its id."""
    source = ev.get("source") if isinstance(ev.get("source"), str) else None
    known = source if source and not source.startswith("unknown outlet") else None
    title = ev.get("article_title") if isinstance(ev.get("article_title"), str) else None
    aid = str(ev.get("article_id") or "")[:8]
    label = title or (f"article {aid}" if aid else (known or "article"))
    link = html.escape(label)
    if ev.get("url"):
        link = f'<a href="{html.escape(str(ev["url"]), quote=True)}">{link}</a>'
    return f"{html.escape(known)}, {link}" if known and label != known else link


def _text(e: TimelineEntry) -> str:
    parts = []
    n = e.n_sources
    parts.append(f"<p>{html.escape(e.plover)} · {n} independent source{'s' if n != 1 else ''}: "
                 f"{html.escape(', '.join(e.sources))}</p>")
    items = []
    for ev in e.evidence:
        items.append(f"<li>“{html.escape(ev.get('sentence') or '')}” — {_citation(ev)}"
                     f" ({html.escape(ev.get('modality') or '')})</li>")
    if items:
        parts.append("<ul>" + "".join(items) + "</ul>")
    return "".join(parts)


def slide(e: TimelineEntry) -> dict[str, Any]:
    """The TimelineJS slide of one timeline entry (which must have a date_start)."""
    assert e.date_start
    out: dict[str, Any] = {
        "start_date": _date(e.date_start, e.granularity),
        "text": {"headline": html.escape(e.summary), "text": _text(e)},
        "group": e.quad_label or e.plover,
        "unique_id": f"bw-{e.id}",
    }
    if e.date_end and e.date_end != e.date_start:
        out["end_date"] = _date(e.date_end, e.granularity)
    return out


def write(events: pd.DataFrame, path: Path, ctx: ExportContext) -> ExportResult:
    entries = ctx.timeline
    if entries is None:
        from ..analysis.frames import require_columns

        require_columns(events, REQUIRED_COLUMNS)
        entries = build_timeline(events)
    dated = [e for e in entries if e.date_start]
    title = ctx.options.title or "brinkwatch timeline"
    doc = {
        "title": {"text": {"headline": html.escape(title),
                           "text": f"<p>{len(dated)} events from {sum(e.n_articles for e in dated)} reports</p>"}},
        "events": [slide(e) for e in dated],
    }
    with atomic_open(path) as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1)
    skipped = len(entries) - len(dated)
    return ExportResult(path=path, fmt="timelinejs", rows=len(dated), skipped=skipped,
                        skipped_reason="timeline entries without a date" if skipped else None)
