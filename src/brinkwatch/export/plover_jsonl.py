"""PLOVER JSON lines: one event record per line, with PLOVER's standard field names.

Source of the conventions: the PLOVER manual ("Political Language Ontology for Verifiable Event
Records — Event, Actor and Data Interchange Specification", Open Event Data Alliance, draft
0.7b1, chapter "JSON Data Fields"; https://github.com/openeventdata/PLOVER). It recommends
newline-delimited JSON and names these fields, which we fill:

- ``id`` (required), ``date`` / ``enddate`` (YYYY-MM-DD), ``event`` (list of categories),
  ``mode``, ``context`` (list), ``quad_code`` (1-4), ``event_scale`` (we put the Goldstein value);
- ``source`` / ``recipient``: lists of actor objects ``{code, sector, actor_text, identifier_id,
  identifier_text, office}`` (PLOVER renamed CAMEO's "target" to "recipient");
- ``event_loc``: a GeoNames-style location object (``geonameid``, ``name``, ``latitude``,
  ``longitude``, ``country code`` (ISO alpha-2), ``cc3`` (alpha-3), ``admin1 code``);
- ``event_text`` (the trigger words), ``text`` (the evidence sentence) with ``text_info``
  ``{start, end}`` offsets, ``cite_info`` ``{url, title, publication}``, ``coder``, ``coded_date``;
- size information ``dead`` (fatalities).

The manual lets providers add fields; ours are ``cameo``, ``modality``, ``attributed_to``,
``acled_event_type``/``acled_sub_event_type``, ``confidence``, ``article_id``, ``duplicate_of``,
``quantities`` and ``date_granularity``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from .._version import __version__
from ..analysis.frames import outlet, parse_json_list, records, require_columns
from ._common import ExportContext, ExportResult, atomic_open, country_info, iso_date

REQUIRED = ("event_id", "article_id", "plover", "date_start", "date_end", "modality", "sentence")


def _actor(a: dict[str, Any]) -> dict[str, Any]:
    out = {
        "code": a.get("country"),
        "sector": a.get("sector"),
        "actor_text": a.get("text"),
        "identifier_id": a.get("knowledge_id"),
        "identifier_text": a.get("name"),
        "office": a.get("role"),
    }
    return {k: v for k, v in out.items() if v not in (None, "")}


def _actors(rec: dict[str, Any], side: str) -> list[dict[str, Any]]:
    actors = [_actor(a) for a in parse_json_list(rec.get(f"{side}_actors")) if isinstance(a, dict)]
    if not actors and (rec.get(f"{side}_country") or rec.get(f"{side}_name") or rec.get(f"{side}_text")):
        actors = [_actor({"country": rec.get(f"{side}_country"), "sector": rec.get(f"{side}_sector"),
                          "text": rec.get(f"{side}_text"), "name": rec.get(f"{side}_name")})]
    return actors


def _location(rec: dict[str, Any]) -> dict[str, Any] | None:
    if not (rec.get("place_name") or rec.get("lat") is not None):
        return None
    info = country_info(rec.get("place_country"))
    loc = {
        "geonameid": rec.get("geonameid"),
        "name": rec.get("place_name"),
        "latitude": rec.get("lat"),
        "longitude": rec.get("lon"),
        "country code": info["iso"] if info else None,
        "cc3": rec.get("place_country"),
        "admin1 code": rec.get("place_admin1"),
        "precision": rec.get("place_precision"),
    }
    return {k: v for k, v in loc.items() if v is not None}


def plover_record(rec: dict[str, Any], coded_date: str) -> dict[str, Any]:
    """One PLOVER JSON record of an event row (a dict of clean values)."""
    start = iso_date(rec.get("date_start")) or iso_date(rec.get("article_published"))
    end = iso_date(rec.get("date_end"))
    out: dict[str, Any] = {
        "id": rec["event_id"],
        "date": start,
        "enddate": end if end and end != start else None,
        "date_granularity": rec.get("date_granularity"),
        "source": _actors(rec, "source"),
        "recipient": _actors(rec, "target"),
        "event": [rec["plover"]],
        "mode": rec.get("mode"),
        "context": [c for c in str(rec.get("context") or "").split(",") if c],
        "quad_code": int(rec["quad_class"]) if rec.get("quad_class") is not None else None,
        "event_scale": rec.get("goldstein"),
        "event_loc": _location(rec),
        "event_text": [rec["trigger"]] if rec.get("trigger") else [],
        "dead": int(rec["fatalities"]) if rec.get("fatalities") is not None else None,
        "text": rec.get("sentence") or None,
        "text_info": {"start": rec.get("sentence_start"), "end": rec.get("sentence_end")},
        "cite_info": {k: v for k, v in {
            "url": rec.get("article_url"),
            "title": rec.get("article_title"),
            "publication": outlet(rec),
            "published": rec.get("article_published"),
        }.items() if v is not None},
        "coder": f"brinkwatch {__version__}",
        "coded_date": coded_date,
        # brinkwatch extensions
        "cameo": rec.get("cameo"),
        "modality": rec.get("modality") or "asserted",
        "attributed_to": rec.get("attributed_to"),
        "acled_event_type": rec.get("acled_event_type"),
        "acled_sub_event_type": rec.get("acled_sub_event_type"),
        "quantities": parse_json_list(rec.get("quantities")),
        "confidence": rec.get("confidence"),
        "rule": rec.get("rule"),
        "article_id": rec["article_id"],
        "duplicate_of": rec.get("duplicate_of"),
    }
    return {k: v for k, v in out.items() if v is not None}


def write(events: pd.DataFrame, path: Path, ctx: ExportContext) -> ExportResult:
    require_columns(events, REQUIRED)
    today = date.today().isoformat()
    n = 0
    with atomic_open(path) as fh:
        for rec in records(events):
            fh.write(json.dumps(plover_record(rec, today), ensure_ascii=False, default=str))
            fh.write("\n")
            n += 1
    return ExportResult(path=path, fmt="jsonl", rows=n)
