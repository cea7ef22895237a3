"""Model objects -> rows of the store's tables, and rows -> typed Arrow tables for bulk inserts.

Rows are plain dicts keyed by column name. They become a pyarrow table whose schema is read
from the database itself (``DESCRIBE``), so a value of a slightly wrong Python type (a float
``3.0`` for an integer column, a number in a text column) is coerced here, once, instead of
failing a whole batch deep inside DuckDB.
"""

from __future__ import annotations

import json
import math
from dataclasses import fields
from functools import cache
from datetime import datetime
from typing import Any

import duckdb
import pyarrow as pa

from ..model import Actor, Article, Event, event_row

#: event_row() keys that come from the articles table, not the events table.
ARTICLE_EVENT_KEYS = ("article_source", "article_title", "article_url", "article_published", "duplicate_of")

_SCALARS: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "JSON": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "UINTEGER": pa.uint32(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "TIMESTAMP WITH TIME ZONE": pa.timestamp("us", tz="UTC"),
}


def _arrow_type(sql_type: str) -> pa.DataType:
    if sql_type.endswith("[]"):
        return pa.list_(_arrow_type(sql_type[:-2]))
    return _SCALARS[sql_type]


def table_schema(con: duckdb.DuckDBPyConnection, table: str) -> pa.Schema:
    """The Arrow schema matching a store table's columns."""
    rows = con.execute(f'DESCRIBE "{table}"').fetchall()
    return pa.schema([(name, _arrow_type(typ)) for name, typ, *_ in rows])


def _coerce(value: Any, typ: pa.DataType) -> Any:
    if value is None:
        return None
    if pa.types.is_string(typ):
        return value if isinstance(value, str) else str(value)
    if pa.types.is_integer(typ):
        if isinstance(value, float):
            return None if math.isnan(value) else int(value)
        return int(value)
    if pa.types.is_floating(typ):
        value = float(value)
        return None if math.isnan(value) else value
    if pa.types.is_boolean(typ):
        return bool(value)
    if pa.types.is_list(typ):
        return [_coerce(v, typ.value_type) for v in value]
    return value


def to_arrow(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """A typed Arrow table of ``rows``; columns the rows lack are left out (DuckDB fills defaults/NULL)."""
    keys = set().union(*(r.keys() for r in rows))
    arrays = {}
    for f in schema:
        if f.name not in keys:
            continue
        values = [r.get(f.name) for r in rows]
        try:
            arrays[f.name] = pa.array(values, type=f.type)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
            arrays[f.name] = pa.array([_coerce(v, f.type) for v in values], type=f.type)
    return pa.table(arrays)


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _shallow(obj: Any) -> dict[str, Any]:
    """The fields of a flat model dataclass (faster than dataclasses.asdict, which deep-copies)."""
    return {name: getattr(obj, name) for name in _field_names(type(obj))}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def article_row(article: Article, seq: int, fingerprint: list[int] | None, duplicate_of: str | None,
                similarity: float | None, now: datetime) -> dict[str, Any]:
    return {
        "id": article.id,
        "seq": seq,
        "title": article.title,
        "source": article.source,
        "url": article.url,
        "published": article.published,
        "date_method": article.date_method,
        "language": article.language,
        "origin": article.origin,
        "text": article.text,
        "fingerprint": fingerprint,
        "duplicate_of": duplicate_of,
        "duplicate_similarity": similarity,
        "meta": _json(article.meta or {}),
        "ingested_at": now,
    }


def event_table_row(event: Event, article: Article) -> dict[str, Any]:
    """The events-table row: model.event_row minus the columns joined from articles."""
    row = event_row(event, article)
    for key in ARTICLE_EVENT_KEYS:
        row.pop(key, None)
    return row


def event_actor_rows(event_id: str, role: str, actors: list[Actor]) -> list[dict[str, Any]]:
    rows = []
    for i, a in enumerate(actors):
        d = _shallow(a)
        d["actor_role"] = d.pop("role")
        d.update(event_id=event_id, role=role, ord=i)
        rows.append(d)
    return rows


def mention_rows(article_id: str, objects: list[Any]) -> list[dict[str, Any]]:
    """Rows of a per-article mention table (actors, places, quantities): the dataclass fields."""
    rows = []
    for i, obj in enumerate(objects):
        d = _shallow(obj)
        d.update(article_id=article_id, ord=i)
        rows.append(d)
    return rows


def timex_rows(article_id: str, timexes: list[Any]) -> list[dict[str, Any]]:
    rows = []
    for i, t in enumerate(timexes):
        d = _shallow(t)
        span = d.pop("span")
        for key in ("start", "end", "granularity", "value", "text", "method", "anchored"):
            d[f"span_{key}"] = getattr(span, key) if span is not None else None
        d.update(article_id=article_id, ord=i)
        rows.append(d)
    return rows
