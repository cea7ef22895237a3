"""CSV export: every column of model.EVENT_COLUMNS, one row per event mention, UTF-8, RFC 4180 quoting.

The JSON list columns (source_actors, target_actors, quantities) stay JSON strings, so a
spreadsheet shows them as text and a script can still parse them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..analysis.frames import require_columns
from ..model import EVENT_COLUMNS
from ._common import ExportContext, ExportResult, atomic_open

_INT_COLUMNS = ("quad_class", "geonameid", "fatalities", "sentence_start", "sentence_end", "trigger_start", "trigger_end")


def write(events: pd.DataFrame, path: Path, ctx: ExportContext) -> ExportResult:
    require_columns(events, EVENT_COLUMNS)
    out = events.loc[:, list(EVENT_COLUMNS)].copy()
    for col in _INT_COLUMNS:  # whole numbers stay whole ("4", not "4.0") even when the column has gaps
        out[col] = pd.to_numeric(out[col], errors="coerce").round().astype("Int64")
    with atomic_open(path) as fh:
        out.to_csv(fh, columns=list(EVENT_COLUMNS), index=False, lineterminator="\n")
    return ExportResult(path=path, fmt="csv", rows=len(events))
