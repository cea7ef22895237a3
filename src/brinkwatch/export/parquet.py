"""Parquet export: the event table with exactly model.EVENT_COLUMNS, written with pyarrow.

Parquet keeps types (dates as ISO strings, numbers as numbers) and is what pandas, polars,
DuckDB and Spark read fastest, so it is the format for handing the full record to other tools.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from .._version import __version__
from ..analysis.frames import require_columns
from ..model import EVENT_COLUMNS
from ._common import ExportContext, ExportResult, atomic_path

#: Arrow types of the columns that are not strings (everything else is a nullable string).
_TYPES: dict[str, pa.DataType] = {
    "quad_class": pa.int8(), "goldstein": pa.float64(), "lat": pa.float64(), "lon": pa.float64(),
    "geonameid": pa.int64(), "fatalities": pa.int64(), "sentence_start": pa.int64(), "sentence_end": pa.int64(),
    "trigger_start": pa.int64(), "trigger_end": pa.int64(), "confidence": pa.float64(),
}

SCHEMA = pa.schema([pa.field(c, _TYPES.get(c, pa.string())) for c in EVENT_COLUMNS]).with_metadata(
    {b"producer": f"brinkwatch {__version__}".encode(), b"columns": b"brinkwatch.model.EVENT_COLUMNS"}
)


def _column(frame: pd.DataFrame, name: str) -> pa.Array:
    typ = SCHEMA.field(name).type
    values = frame[name].astype(object).where(frame[name].notna(), None).tolist()
    if pa.types.is_string(typ):
        values = [None if v is None else str(v) for v in values]
    elif pa.types.is_integer(typ):
        values = [None if v is None else int(v) for v in values]
    else:
        values = [None if v is None else float(v) for v in values]
    return pa.array(values, type=typ)


def write(events: pd.DataFrame, path: Path, ctx: ExportContext) -> ExportResult:
    require_columns(events, EVENT_COLUMNS)
    table = pa.Table.from_arrays([_column(events, c) for c in EVENT_COLUMNS], schema=SCHEMA)
    with atomic_path(path) as tmp:
        pq.write_table(table, tmp, compression="zstd")
    return ExportResult(path=path, fmt="parquet", rows=table.num_rows)
