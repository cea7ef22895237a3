"""Schema history: upgrading an old store, refusing to upgrade read-only, and the schema snapshot.

The snapshot (tests/store_schema_snapshot.txt) makes a schema change deliberate: when a new
migration changes the schema, regenerate it with BRINKWATCH_UPDATE_SNAPSHOT=1 and review the diff.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pytest

from brinkwatch.errors import StoreError
from brinkwatch.model import EVENT_COLUMNS
from brinkwatch.store import MIGRATIONS, SCHEMA_VERSION, Store
from test_store_data import make_batch

SNAPSHOT = Path(__file__).with_name("store_schema_snapshot.txt")


def schema_text(con: duckdb.DuckDBPyConnection) -> str:
    """A readable listing of every table/view column and primary key of a store."""
    lines = [f"schema_version {SCHEMA_VERSION}"]
    cols = con.execute(
        "SELECT c.table_name, t.table_type, c.column_name, c.data_type, c.is_nullable "
        "FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name) "
        "WHERE c.table_schema = 'main' ORDER BY c.table_name, c.ordinal_position"
    ).fetchall()
    for table, kind, column, typ, nullable in cols:
        null = "" if nullable == "YES" else " NOT NULL"
        lines.append(f"{'view ' if kind == 'VIEW' else ''}{table}.{column} {typ}{null}")
    for table, columns in con.execute(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints() "
        "WHERE constraint_type = 'PRIMARY KEY' ORDER BY table_name"
    ).fetchall():
        lines.append(f"primary key {table}({', '.join(columns)})")
    return "\n".join(lines) + "\n"


def make_v1_store(path: Path) -> None:
    """A store exactly as version 1 of the schema left it, with one article, event and status."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations "
                "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)")
    v1 = MIGRATIONS[0]
    assert v1.version == 1
    con.execute(v1.sql)
    now = datetime(2025, 12, 1, tzinfo=timezone.utc)
    con.execute("INSERT INTO schema_migrations VALUES (1, ?, ?)", [v1.name, now])
    con.execute("INSERT INTO articles (id, seq, title, source, text, published, ingested_at) "
                "VALUES ('old1', 1, 'Old report', 'old-times.example', 'An old fictional report.', '2025-11-30', ?)",
                [now])
    con.execute("INSERT INTO events (event_id, article_id, plover, cameo, modality, date_start, date_end) "
                "VALUES ('ev1', 'old1', 'PROTEST', '140', 'asserted', '2025-11-29', '2025-11-29')")
    con.execute("INSERT INTO event_actors (event_id, role, ord, text, country) VALUES ('ev1', 'source', 0, 'crowds', 'VEN')")
    con.execute("INSERT INTO ingest_status (item, ord, status, article_id, \"at\") VALUES ('old.html', 0, 'ok', 'old1', ?)",
                [now])
    con.close()


def test_migrations_are_consecutive() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert SCHEMA_VERSION == MIGRATIONS[-1].version


def test_old_store_read_only_asks_for_read_write_open(store_path: Path) -> None:
    make_v1_store(store_path)
    with pytest.raises(StoreError) as err:
        Store(store_path, read_only=True)
    assert "read-write" in err.value.hint
    con = duckdb.connect(str(store_path), read_only=True)  # untouched
    assert con.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] == 1
    con.close()


def test_v1_store_is_upgraded_and_keeps_its_data(store_path: Path, tmp_path: Path) -> None:
    make_v1_store(store_path)
    with Store(store_path) as s:
        assert s.schema_version == SCHEMA_VERSION
        df = s.events()
        assert list(df.columns) == list(EVENT_COLUMNS)
        assert df.event_id.tolist() == ["ev1"] and df.article_title.tolist() == ["Old report"]
        assert len(s.events(actor="Venezuela")) == 1
        assert s.statuses().item.tolist() == ["old.html"]
        summary = s.write_batch(*make_batch(21, 2), run_id="after-upgrade")
        assert summary.articles_new == 2 and s.article_count() == 3
        upgraded = schema_text(s.con)
    with Store(tmp_path / "fresh.duckdb") as fresh:
        assert schema_text(fresh.con) == upgraded  # the upgrade path and a new store agree
    with Store(store_path, read_only=True) as s:  # now readable read-only
        assert s.event_count() == 1 + summary.events


def test_schema_snapshot(store_path: Path) -> None:
    with Store(store_path) as s:
        text = schema_text(s.con)
    if os.environ.get("BRINKWATCH_UPDATE_SNAPSHOT") == "1":
        SNAPSHOT.write_text(text)
    assert SNAPSHOT.exists(), "run once with BRINKWATCH_UPDATE_SNAPSHOT=1 to create the snapshot"
    assert text == SNAPSHOT.read_text(), (
        "The store schema changed. If that is deliberate (a new migration), rerun with "
        "BRINKWATCH_UPDATE_SNAPSHOT=1 and commit the new snapshot."
    )
