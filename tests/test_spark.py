"""Spark runner: the same per-article coding inside mapInPandas (local[2]), checked against the
in-process coder on the same records."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")
# PySpark's own notices about pandas 3 (its support is "not yet full"; what we use works and is checked here)
pytestmark = [pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas"),
              pytest.mark.filterwarnings("ignore:The copy keyword is deprecated")]
if not shutil.which("java") and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java", allow_module_level=True)

from brinkwatch.extract.pipeline import code_articles  # noqa: E402
from brinkwatch.model import EVENT_COLUMNS  # noqa: E402
from brinkwatch.scale.spark import EVENT_SCHEMA_DDL, code_spark, records_to_articles  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "crisis" / "southern-cone-review-articles.jsonl"


@pytest.fixture(scope="module")
def spark():
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers must import brinkwatch
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("brinkwatch-test")
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_spark_codes_the_same_events_as_the_local_pipeline(spark, tmp_path):
    records = [json.loads(line) for line in EXAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    records.append({"id": "empty", "title": "no body", "text": "  "})  # left out, not a crash
    records.append(dict(records[0]))  # same text twice: coded once
    frame = spark.createDataFrame([{k: str(v) for k, v in r.items()} for r in records]).repartition(2)
    events = code_spark(frame)
    assert [f.name for f in events.schema.fields] == list(EVENT_COLUMNS)
    assert events.schema.simpleString().startswith("struct<event_id:string")
    out = events.toPandas()

    local = [e for c in code_articles(records_to_articles(records[:-2])) for e in c.events]
    assert len(out) == len(local) > 10
    assert set(out.event_id) == {e.id for e in local}
    by_id = {e.id: e for e in local}
    for row in out.itertuples():
        e = by_id[row.event_id]
        assert (row.plover, row.cameo, row.modality, row.sentence) == (e.plover, e.cameo, e.modality, e.sentence)
    assert out.quad_class.notna().all() and str(out.quad_class.dtype).lower().startswith("int")

    from brinkwatch.reconcile import cluster_events  # cross-article work on the result, as the README says

    clusters = cluster_events(out)
    assert clusters and sum(len(c.event_ids) for c in clusters) == len(out)

    path = tmp_path / "events.parquet"
    events.write.parquet(str(path))
    import pandas as pd

    assert len(pd.read_parquet(path)) == len(out)


def test_schema_ddl_names_every_event_column():
    assert EVENT_SCHEMA_DDL.count("`") == 2 * len(EVENT_COLUMNS)
