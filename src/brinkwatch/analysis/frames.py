"""Helpers for reading the flat event table (``Store.events()``) safely.

The store hands out pandas DataFrames whose missing values may be ``None``, ``NaN`` or
``pd.NA`` depending on the column dtype. Analysis, exports and the web layer all need plain
Python values, so the conversion lives here once instead of in every consumer.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import pandas as pd

from ..errors import UsageError
from ..model import EVENT_COLUMNS, FACTUAL_MODALITIES

#: Columns whose cells hold JSON-encoded lists.
JSON_COLUMNS: frozenset[str] = frozenset({"source_actors", "target_actors", "quantities"})


def clean(value: Any) -> Any:
    """A cell as a plain Python value: NaN/NA/NaT become None, numpy scalars Python ones, dates ISO strings."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (datetime, date)):  # pd.Timestamp is a datetime
        return value.isoformat()
    item = getattr(value, "item", None)  # numpy scalar -> Python scalar
    if item is not None and not isinstance(value, (str, bytes)) and getattr(value, "ndim", 1) == 0:
        value = item()
        if isinstance(value, float) and math.isnan(value):
            return None
    return value


def require_columns(frame: Any, columns: Iterable[str], what: str = "events") -> pd.DataFrame:
    """Check that ``frame`` is a DataFrame with ``columns``; fail with a UsageError that says which are missing."""
    if not isinstance(frame, pd.DataFrame):
        raise UsageError(
            f"Expected a pandas DataFrame of {what}, got {type(frame).__name__}.",
            hint="Pass the frame returned by Store.events() (columns: model.EVENT_COLUMNS).",
        )
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise UsageError(
            f"The {what} frame lacks the columns: {', '.join(missing)}.",
            hint="Pass the frame returned by Store.events(), or build rows with model.event_row().",
        )
    return frame


def records(frame: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """Rows of ``frame`` as dicts of clean Python values (missing columns of EVENT_COLUMNS read as None)."""
    cols = list(frame.columns)
    for row in frame.itertuples(index=False, name=None):
        rec = {c: clean(v) for c, v in zip(cols, row)}
        for c in EVENT_COLUMNS:
            rec.setdefault(c, None)
        yield rec


def parse_json_list(value: Any) -> list[Any]:
    """A JSON list cell (source_actors, quantities ...) as a list; empty or broken cells read as []."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    try:
        parsed = json.loads(value)
    except (TypeError, ValueError):
        return []
    return parsed if isinstance(parsed, list) else []


def outlet(rec: dict[str, Any]) -> str:
    """The outlet of an event row: the article source, else the URL's host, else 'unknown outlet'."""
    src = rec.get("article_source")
    if src:
        return str(src)
    url = rec.get("article_url")
    if url:
        host = urlparse(str(url)).hostname or ""
        if host:
            return host[4:] if host.startswith("www.") else host
    return "unknown outlet"


def is_factual(modality: Any) -> bool:
    """True for modalities that say the event happened (asserted, reported)."""
    return (modality or "asserted") in FACTUAL_MODALITIES


@dataclass(slots=True)
class EventFilter:
    """Filters the web page and API apply to the event table (all optional, all combined with AND).

    ``actor`` matches either side's country code, canonical name or surface text (case-insensitive
    substring); ``types`` are PLOVER types or CAMEO code prefixes; ``since``/``until`` are ISO dates
    compared with the event's date interval (overlap); ``source`` is an outlet substring.
    """

    actor: str | None = None
    types: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    source: str | None = None
    factual_only: bool = True

    def is_empty(self) -> bool:
        return not (self.actor or self.types or self.since or self.until or self.source)


def _iso_date(value: str | None, name: str) -> str | None:
    if not value:
        return None
    value = value.strip()
    try:
        return pd.Timestamp(value).date().isoformat()
    except (ValueError, TypeError) as exc:
        raise UsageError(
            f"{name}={value!r} is not a date.", hint=f"Give {name} as an ISO date, e.g. 2025-11-29."
        ) from exc


def filter_events(frame: pd.DataFrame, flt: EventFilter) -> pd.DataFrame:
    """The rows of ``frame`` matching ``flt`` (a new frame; the input is not changed)."""
    require_columns(frame, ("plover", "cameo", "date_start", "date_end", "modality"))
    mask = pd.Series(True, index=frame.index)
    if flt.factual_only:
        mask &= frame["modality"].map(is_factual)
    if flt.actor:
        needle = flt.actor.strip().lower()
        side = pd.Series(False, index=frame.index)
        for col in ("source_country", "source_name", "source_text", "target_country", "target_name", "target_text"):
            if col in frame.columns:
                side |= frame[col].map(lambda v: needle in str(clean(v) or "").lower())
        mask &= side
    if flt.types:
        wanted = [t.strip().upper() for t in flt.types if t.strip()]
        mask &= frame.apply(
            lambda r: any(
                str(clean(r["plover"]) or "").upper() == t or str(clean(r["cameo"]) or "").startswith(t)
                for t in wanted
            ),
            axis=1,
        ) if len(frame) else mask
    since = _iso_date(flt.since, "since")
    until = _iso_date(flt.until, "until")
    if since and until and since > until:
        raise UsageError(f"since={since} is after until={until}.", hint="Swap the two dates.")
    if since or until:
        def overlaps(r: Any) -> bool:
            start = clean(r["date_start"]) or clean(r.get("date_end"))
            end = clean(r["date_end"]) or start
            if not start:
                return False
            return (not since or str(end)[:10] >= since) and (not until or str(start)[:10] <= until)

        mask &= frame.apply(overlaps, axis=1) if len(frame) else mask
    if flt.source:
        needle = flt.source.strip().lower()
        mask &= frame.apply(lambda r: needle in outlet({k: clean(v) for k, v in r.items()}).lower(), axis=1) if len(
            frame
        ) else mask
    return frame[mask.astype(bool)]
