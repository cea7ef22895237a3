"""Opening a DuckDB file and bringing its schema up to date, with errors that say what to do.

DuckDB reports every opening problem as an ``IOException`` with a message; this module turns
the ones a user can act on (missing file, another writer, not a database) into the
brinkwatch error tree, and runs the migrations of :mod:`._migrations`.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import duckdb

from ..errors import SchemaTooNew, StoreCorrupt, StoreError, StoreLocked, StoreNotFound
from ._migrations import MIGRATIONS, SCHEMA_VERSION

_LOCK_WORDS = ("could not set lock", "conflicting lock")
_CORRUPT_WORDS = ("not a valid duckdb database", "corrupt", "invalid magic", "checksum", "unknown storage version",
                  "not a valid database", "incompatible")


def connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A connection to ``path``, or the brinkwatch error that explains why there is none."""
    if read_only and not path.exists():
        raise StoreNotFound(f"No store at {path}.", hint="Run brinkwatch ingest first, or pass the right --store path.")
    if path.exists() and path.is_dir():
        raise StoreCorrupt(f"{path} is a directory, not a store file.", hint="Pass the path of a .duckdb file.")
    if not read_only and not path.parent.exists():
        raise StoreNotFound(
            f"The folder of the store {path} does not exist.", hint=f"Create {path.parent} or choose another path."
        )
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise _opening_error(path, exc) from exc


def _opening_error(path: Path, exc: duckdb.Error) -> StoreError:
    msg = str(exc)
    low = msg.lower()
    if "different configuration" in low:
        return StoreLocked(
            f"The store {path} is already open in this process in the other mode (read-only vs read-write).",
            hint="Close the other Store on this file first, or open both the same way.",
        )
    if any(w in low for w in _LOCK_WORDS):
        return StoreLocked(
            f"The store {path} is in use by another writer ({msg.splitlines()[0]}).",
            hint="Wait for the running ingest to finish (only one process may write a store, and readers "
            "cannot open it while it writes), or use another --store path.",
        )
    if any(w in low for w in _CORRUPT_WORDS):
        return StoreCorrupt(
            f"{path} is not a readable DuckDB store ({msg.splitlines()[0]}).",
            hint="Check the path; if the file is damaged, move it away and ingest again into a new store.",
        )
    if "does not exist" in low:
        return StoreNotFound(f"No store at {path}.", hint="Run brinkwatch ingest first, or pass the right --store path.")
    return StoreError(f"Could not open the store {path}: {msg}", hint="Check the path and its permissions.")


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()
    return {r[0] for r in rows}


def schema_version(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """The schema version of an open store: 0 for an empty database."""
    tables = _tables(con)
    if "schema_migrations" not in tables:
        if tables:
            raise StoreCorrupt(
                f"{path} is a DuckDB database but not a brinkwatch store (it has tables "
                f"{', '.join(sorted(tables)[:5])} and no schema_migrations).",
                hint="Choose another --store path; brinkwatch does not write into foreign databases.",
            )
        return 0
    row = con.execute("SELECT max(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def ensure_schema(con: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> int:
    """Check the store's version and apply the missing migrations; return the version now in force."""
    version = schema_version(con, path)
    if version > SCHEMA_VERSION:
        raise SchemaTooNew(
            f"The store {path} has schema version {version}; this brinkwatch knows versions up to {SCHEMA_VERSION}.",
            hint="Upgrade brinkwatch (pip install -U brinkwatch) to read it.",
        )
    if version == SCHEMA_VERSION:
        return version
    if read_only:
        raise StoreError(
            f"The store {path} has schema version {version}, older than this brinkwatch's {SCHEMA_VERSION}, "
            "and it was opened read-only, so it cannot be upgraded.",
            hint="Open it once read-write to upgrade it (for example: brinkwatch ingest --store PATH with no "
            "sources, or brinkwatch.open(PATH)), then read it again.",
        )
    for migration in MIGRATIONS:
        if migration.version <= version:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
            )
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [migration.version, migration.name, datetime.now(timezone.utc)],
            )
            con.execute("COMMIT")
        except BaseException as exc:
            con.execute("ROLLBACK")
            if isinstance(exc, duckdb.Error):
                raise StoreError(
                    f"Upgrading the store {path} to schema version {migration.version} failed: {exc}",
                    hint="Nothing was changed by this step; report the error with the brinkwatch version.",
                ) from exc
            raise
    return SCHEMA_VERSION
