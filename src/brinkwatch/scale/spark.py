"""Code articles on Spark: the same per-article pipeline, run inside ``mapInPandas`` with the model
loaded once per Python worker.

>>> from pyspark.sql import SparkSession
>>> from brinkwatch.scale.spark import code_spark
>>> spark = SparkSession.builder.master("local[2]").getOrCreate()
>>> articles = spark.read.json("articles.jsonl")      # {"id", "title", "text", "published", "source", "url"}
>>> events = code_spark(articles)                     # one row per event mention, columns of model.EVENT_COLUMNS
>>> events.write.parquet("events.parquet")

Every per-article step is a pure function of the article (DESIGN.md), so a partition needs only
the model and the package's static knowledge. Records are read as ``brinkwatch ingest`` reads a
JSONL article record (text under ``text``/``body``/``content``, a date under ``published``/
``date``/…); a record without text codes to nothing. Cross-article work (clusters, contradictions)
is not done here: load the events into a store, or run ``brinkwatch.reconcile`` on the frame.
Needs the ``spark`` extra (``pip install 'brinkwatch[spark]'``) and Java.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import pandas as pd

from ..config import ExtractOptions
from ..errors import IngestError, require_extra
from ..model import EVENT_COLUMNS, event_row

log = logging.getLogger(__name__)

#: Spark SQL types of the event columns that are not strings (the Parquet export's types).
_NUMERIC = {
    "quad_class": "int", "goldstein": "double", "lat": "double", "lon": "double", "geonameid": "bigint",
    "fatalities": "bigint", "sentence_start": "bigint", "sentence_end": "bigint", "trigger_start": "bigint",
    "trigger_end": "bigint", "confidence": "double",
}

#: The schema of ``code_spark``'s result, as a Spark DDL string.
EVENT_SCHEMA_DDL = ", ".join(f"`{c}` {_NUMERIC.get(c, 'string')}" for c in EVENT_COLUMNS)

_NLP: dict[tuple[Any, ...], Any] = {}


def _nlp(options: ExtractOptions) -> Any:
    """The pipeline of this Python worker, loaded on first use (Spark reuses workers across tasks)."""
    from ..extract.pipeline import load_nlp

    key = (options.model, tuple(options.knowledge_files or ()))
    if key not in _NLP:
        _NLP[key] = load_nlp(options)
    return _NLP[key]


def _clean(value: Any) -> Any:
    """A record field from pandas: NaN/NaT become None, timestamps ISO strings."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.isoformat()
    return value


def records_to_articles(records: list[dict[str, Any]], origin: str = "spark") -> list[Any]:
    """Articles of JSONL-style records; a record without text is logged and left out."""
    from ..ingest.article import finish
    from ..ingest.records import record_draft

    articles = []
    for i, rec in enumerate(records):
        rec = {k: _clean(v) for k, v in rec.items()}
        name = f"{origin}#{rec.get('id') or i}"
        try:
            articles.append(finish(record_draft(rec, name), name))
        except IngestError as err:
            log.warning("%s left out: [%s] %s", name, err.code, err.message)
    return articles


def event_frame(coded: list[Any]) -> pd.DataFrame:
    """The event rows of coded articles, typed as EVENT_SCHEMA_DDL says."""
    rows = [event_row(e, c.article) for c in coded for e in c.events]
    frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    for col, typ in _NUMERIC.items():
        if typ == "double":
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
        else:
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("Int64" if typ == "bigint" else "Int32")
    for col in EVENT_COLUMNS:
        if col not in _NUMERIC:
            frame[col] = frame[col].astype(object).where(frame[col].notna(), None)
    return frame


def code_frames(frames: Iterator[pd.DataFrame], options: ExtractOptions | None = None,
                batch_size: int = 32) -> Iterator[pd.DataFrame]:
    """``mapInPandas`` function: article record frames in, event frames out."""
    from ..extract.pipeline import code_batch

    options = options or ExtractOptions()
    nlp = _nlp(options)
    for frame in frames:
        articles = records_to_articles(frame.to_dict("records"))
        yield event_frame(code_batch(nlp, articles, batch_size) if articles else [])


def code_spark(articles: Any, options: ExtractOptions | None = None, batch_size: int = 32) -> Any:
    """Events of a Spark DataFrame of article records, as a Spark DataFrame (one row per event
    mention, the columns of ``model.EVENT_COLUMNS``). Records with the same text are coded once."""
    require_extra("pyspark", "spark")
    from functools import partial

    if "text" in articles.columns:
        articles = articles.dropDuplicates(["text"])
    return articles.mapInPandas(partial(code_frames, options=options, batch_size=batch_size), EVENT_SCHEMA_DDL)
