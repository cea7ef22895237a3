"""Exports of the event table in formats other tools read. One module per format.

>>> from brinkwatch.export import export
>>> export(store.events(), "geojson", "events.geojson")

Every format writes atomically (a temporary file moved into place), so a failed export never
leaves a half-written file behind.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import UsageError
from ._common import ExportContext, ExportOptions, ExportResult

#: Formats, in the order the CLI lists them.
FORMATS: tuple[str, ...] = ("parquet", "csv", "jsonl", "gdelt", "acled", "timelinejs", "geojson")

#: Format -> implementing module (each has ``write(events, path, ctx) -> ExportResult``).
_MODULES: dict[str, str] = {
    "parquet": "parquet",
    "csv": "csvfile",
    "jsonl": "plover_jsonl",
    "gdelt": "gdelt",
    "acled": "acled",
    "timelinejs": "timelinejs",
    "geojson": "geojson",
}

#: The usual file suffix of each format (for default output names).
SUFFIXES: dict[str, str] = {
    "parquet": ".parquet", "csv": ".csv", "jsonl": ".jsonl", "gdelt": ".tsv", "acled": ".csv",
    "timelinejs": ".json", "geojson": ".geojson",
}


def _module(fmt: str) -> Any:
    name = (fmt or "").strip().lower()
    if name not in _MODULES:
        raise UsageError(
            f"Unknown export format {fmt!r}.", hint=f"Choose one of: {', '.join(FORMATS)}."
        )
    return importlib.import_module(f".{_MODULES[name]}", __name__)


def write_export(
    events: pd.DataFrame,
    fmt: str,
    path: str | os.PathLike[str],
    *,
    timeline: list[Any] | None = None,
    articles: pd.DataFrame | None = None,
    options: ExportOptions | None = None,
) -> ExportResult:
    """Write ``events`` (rows of Store.events()) as ``fmt`` to ``path``; say how many records were
    written and how many were left out (e.g. events without coordinates in GeoJSON)."""
    module = _module(fmt)
    ctx = ExportContext(options=options or ExportOptions(), timeline=timeline, articles=articles)
    return module.write(events, Path(path), ctx)


def export(
    events: pd.DataFrame,
    fmt: str,
    path: str | os.PathLike[str],
    *,
    timeline: list[Any] | None = None,
    articles: pd.DataFrame | None = None,
    options: ExportOptions | None = None,
) -> Path:
    """Write ``events`` as ``fmt`` (one of FORMATS) to ``path`` and return the path.

    Unknown format -> UsageError listing the formats; unwritable path -> ExportError.
    """
    return write_export(events, fmt, path, timeline=timeline, articles=articles, options=options).path


__all__ = ["FORMATS", "SUFFIXES", "ExportOptions", "ExportResult", "export", "write_export"]
