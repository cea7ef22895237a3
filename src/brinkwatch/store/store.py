"""The store: one embedded DuckDB file holding articles, statuses, events and every mention.

One writer at a time (DuckDB's file lock); any number of readers when nobody writes. Each
``write_batch`` is one transaction, so a crash or a kill leaves either the whole batch or
nothing, and rerunning the same writes completes the work: article ids are content hashes,
so a stored article is a no-op.
"""

from __future__ import annotations

import json
import os
import uuid
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

from ..config import store_path
from ..errors import StoreError, UsageError
from ..model import EVENT_COLUMNS, Article, CodedArticle, IngestResult
from . import _rows
from ._connect import connect, ensure_schema
from ._query import event_filters

if TYPE_CHECKING:  # imported when first writing: readers (the web server) skip datasketch
    from ._dupindex import DuplicateIndex

#: Tables and views a user may export or read whole.
TABLES: tuple[str, ...] = (
    "articles", "ingest_status", "events", "event_actors", "actors", "timexes", "places", "quantities", "runs",
    "schema_migrations", "event_table", "event_clusters",
)
_STATUSES = ("ok", "skipped", "failed")


@dataclass(frozen=True, slots=True)
class WriteSummary:
    """What one write_batch stored."""

    run_id: str
    articles_new: int = 0
    articles_existing: int = 0  # already stored: nothing written for them
    duplicates_linked: int = 0  # new articles linked to a near-duplicate original
    events: int = 0
    event_ids_renamed: int = 0  # events sharing an id within one article, given a "-2", "-3" ... suffix
    actors: int = 0
    timexes: int = 0
    places: int = 0
    quantities: int = 0
    statuses: int = 0


class Store:
    """A brinkwatch DuckDB store. ``Store(path)`` creates or upgrades it; ``read_only=True`` never writes."""

    def __init__(self, path: str | os.PathLike[str], *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._con: duckdb.DuckDBPyConnection | None = connect(self.path, read_only)
        try:
            self.schema_version = ensure_schema(self._con, self.path, read_only)
        except BaseException:
            self._con.close()
            self._con = None
            raise
        self._index: DuplicateIndex | None = None
        self._schemas: dict[str, Any] = {}
        self._next_seq: int | None = None

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, read_only: bool = False) -> Store:
        """Open the store at ``path``, else $BRINKWATCH_STORE, else ./brinkwatch.duckdb."""
        return cls(store_path(path), read_only=read_only)

    # --- lifecycle ---------------------------------------------------------------------------
    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise StoreError(f"The store {self.path} is closed.", hint="Open it again with Store(path).")
        return self._con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<Store {self.path} {mode} schema v{self.schema_version}>"

    def _writable(self) -> duckdb.DuckDBPyConnection:
        if self.read_only:
            raise StoreError(f"The store {self.path} was opened read-only.", hint="Open it with read_only=False to write.")
        return self.con

    # --- runs ----------------------------------------------------------------------------------
    def start_run(self, run_id: str, command: str | None = None) -> None:
        """Record the start of a run (an ingest command); idempotent for the same run_id."""
        self._writable().execute(
            "INSERT INTO runs (run_id, started, command) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            [run_id, _now(), command],
        )

    def finish_run(self, run_id: str, **counts: int) -> None:
        """Record the end of a run with its counts (ok=, skipped=, failed= ...)."""
        con = self._writable()
        con.execute("INSERT INTO runs (run_id, started) VALUES (?, ?) ON CONFLICT DO NOTHING", [run_id, _now()])
        con.execute("UPDATE runs SET finished = ?, counts = ? WHERE run_id = ?", [_now(), json.dumps(counts), run_id])

    # --- writing -------------------------------------------------------------------------------
    def write_batch(
        self, results: list[IngestResult], coded: list[CodedArticle], *, run_id: str | None = None
    ) -> WriteSummary:
        """Store one batch in ONE transaction: new articles (with near-duplicate links), their events and
        mentions, and the status of every result. Articles already stored are left as they are."""
        con = self._writable()
        run_id = run_id or uuid.uuid4().hex[:12]
        index = self._dup_index()
        mark = index.savepoint()
        next_seq = self._seq()
        con.execute("BEGIN TRANSACTION")
        try:
            summary, next_seq = self._write(con, index, next_seq, results, coded, run_id)
            con.execute("COMMIT")
        except BaseException as exc:
            index.restore(mark)
            try:
                con.execute("ROLLBACK")
            except duckdb.Error:  # the transaction is already gone; the original error is re-raised below
                pass
            if isinstance(exc, (duckdb.Error, ValueError, TypeError, OverflowError)):
                raise StoreError(
                    f"Writing a batch of {len(results)} items to {self.path} failed and was rolled back: {exc}",
                    hint="Nothing of this batch was stored; fix the cause and run the same command again.",
                ) from exc
            raise
        self._next_seq = next_seq
        return summary

    def _write(
        self, con: duckdb.DuckDBPyConnection, index: DuplicateIndex, seq: int,
        results: list[IngestResult], coded: list[CodedArticle], run_id: str,
    ) -> tuple[WriteSummary, int]:
        from ..ingest import dedup

        now = _now()
        todo: dict[str, CodedArticle] = {}
        for c in coded:
            todo.setdefault(c.article.id, c)
        for r in results:  # ok articles that were not coded (e.g. another language) are stored too
            if r.status == "ok" and r.article is not None:
                todo.setdefault(r.article.id, CodedArticle(article=r.article))
        stored = self.has_articles(todo)
        rows: dict[str, list[dict[str, Any]]] = {t: [] for t in (
            "articles", "events", "event_actors", "actors", "timexes", "places", "quantities", "ingest_status")}
        linked = renamed = 0
        for aid, c in todo.items():
            if aid in stored:
                continue
            art = c.article
            sig = art.fingerprint if art.fingerprint is not None else dedup.fingerprint(art.text)
            dup, sim = index.match(sig)
            linked += dup is not None
            rows["articles"].append(_rows.article_row(art, seq, sig, dup, sim if dup else None, now))
            seq += 1
            index.add(aid, sig, dup)
            renamed += self._event_rows(art, c, rows)
            rows["actors"] += _rows.mention_rows(aid, c.actors)
            rows["timexes"] += _rows.timex_rows(aid, c.timexes)
            rows["places"] += _rows.mention_rows(aid, c.places)
            rows["quantities"] += _rows.mention_rows(aid, c.quantities)
        for i, r in enumerate(results):
            rows["ingest_status"].append({
                "item": r.item, "ord": i, "status": r.status, "reason": r.reason, "code": r.code,
                "article_id": r.article.id if r.article else None, "at": now, "run_id": run_id,
            })
        con.execute("INSERT INTO runs (run_id, started) VALUES (?, ?) ON CONFLICT DO NOTHING", [run_id, now])
        for table, table_rows in rows.items():
            self._insert(con, table, table_rows)
        summary = WriteSummary(
            run_id=run_id, articles_new=len(rows["articles"]), articles_existing=len(stored),
            duplicates_linked=linked, events=len(rows["events"]), event_ids_renamed=renamed,
            actors=len(rows["actors"]), timexes=len(rows["timexes"]), places=len(rows["places"]),
            quantities=len(rows["quantities"]), statuses=len(rows["ingest_status"]),
        )
        return summary, seq

    @staticmethod
    def _event_rows(art: Article, c: CodedArticle, rows: dict[str, list[dict[str, Any]]]) -> int:
        """Append the rows of ``c``'s events; return how many ids had to be made unique."""
        seen: dict[str, int] = {}
        renamed = 0
        for ev in c.events:
            if not ev.article_id:
                ev.article_id = art.id
            ev.finalise()
            row = _rows.event_table_row(ev, art)
            row["article_id"] = art.id
            base = row["event_id"]
            n = seen.get(base, 0) + 1
            seen[base] = n
            if n > 1:  # the same trigger coded twice with the same type: keep both, distinctly
                row["event_id"] = f"{base}-{n}"
                renamed += 1
            rows["events"].append(row)
            rows["event_actors"] += _rows.event_actor_rows(row["event_id"], "source", ev.source)
            rows["event_actors"] += _rows.event_actor_rows(row["event_id"], "target", ev.target)
        return renamed

    def _insert(self, con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        schema = self._schemas.get(table)
        if schema is None:
            schema = self._schemas[table] = _rows.table_schema(con, table)
        arrow = _rows.to_arrow(rows, schema)
        name = f"_bw_insert_{table}"
        con.register(name, arrow)
        try:
            cols = ", ".join(f'"{c}"' for c in arrow.column_names)
            con.execute(f'INSERT INTO "{table}" ({cols}) SELECT {cols} FROM {name}')
        finally:
            con.unregister(name)

    def _dup_index(self) -> DuplicateIndex:
        if self._index is None:
            from ._dupindex import DuplicateIndex

            index = DuplicateIndex()
            for aid, sig, dup in self.con.execute(
                "SELECT id, fingerprint, duplicate_of FROM articles ORDER BY seq"
            ).fetchall():
                index.add(aid, sig, dup)
            self._index = index
        return self._index

    def _seq(self) -> int:
        if self._next_seq is None:
            self._next_seq = int(self.con.execute("SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchone()[0])
        return self._next_seq

    # --- small reads -----------------------------------------------------------------------------
    def has_articles(self, ids: Iterable[str]) -> set[str]:
        """Which of ``ids`` are already stored."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        ).fetchall()
        return {r[0] for r in rows}

    def event_ids(self) -> list[str]:
        """Ids of every stored event mention (cheap: no join), e.g. to see which ones are new."""
        return [r[0] for r in self.con.execute("SELECT event_id FROM events").fetchall()]

    def events_by_id(self, ids: Sequence[str]) -> pd.DataFrame:
        """The event_table rows (columns model.EVENT_COLUMNS) of the given event ids, in no set order."""
        cols = ", ".join(f't."{c}"' for c in EVENT_COLUMNS)
        return self._df(f"SELECT {cols} FROM event_table t WHERE t.event_id IN (SELECT unnest(?::VARCHAR[]))",
                        [list(ids)])

    def article_count(self) -> int:
        return int(self.con.execute("SELECT count(*) FROM articles").fetchone()[0])

    def event_count(self) -> int:
        return int(self.con.execute("SELECT count(*) FROM events").fetchone()[0])

    # --- queries -> DataFrames -------------------------------------------------------------------
    def events(
        self,
        *,
        dyad: tuple[str, str] | None = None,
        actor: str | None = None,
        types: Sequence[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        modalities: Sequence[str] | None = None,
        article_id: str | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Event mentions, one row each, with exactly the columns model.EVENT_COLUMNS, in date order.

        dyad=(A, B): A and B are the two sides, either way round; actor: on either side. Actors
        match by country (code or name), actor name, or (for more than three letters) a substring
        of the name or surface text, case-insensitively. types: PLOVER types or CAMEO prefixes.
        since/until: ISO dates (YYYY, YYYY-MM or YYYY-MM-DD) that the event's interval overlaps.
        source: substring of the article's outlet or URL.
        """
        where = event_filters(dyad=dyad, actor=actor, types=types, since=since, until=until, source=source,
                              modalities=modalities, article_id=article_id)
        cols = ", ".join(f't."{c}"' for c in EVENT_COLUMNS)
        sql = (f"SELECT {cols} FROM event_table t{where.sql()} "
               "ORDER BY t.date_start NULLS LAST, t.article_published NULLS LAST, t.sentence_start, "
               "t.trigger_start, t.event_id")
        params = list(where.params)
        if limit is not None:
            if not isinstance(limit, int) or limit < 0:
                raise UsageError(f"limit={limit!r} is not a whole number >= 0.", hint="Pass e.g. limit=100.")
            sql += " LIMIT ?"
            params.append(limit)
        return self._df(sql, params)

    def articles(self, *, with_text: bool = False) -> pd.DataFrame:
        """Stored articles in storage order, with their event counts (text only when asked: it is large)."""
        text = ", a.text" if with_text else ""
        return self._df(
            "SELECT a.id, a.title, a.source, a.url, a.published, a.date_method, a.language, a.origin, "
            f"a.duplicate_of, a.duplicate_similarity, a.meta, a.ingested_at, "
            f"(SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events{text} "
            "FROM articles a ORDER BY a.seq"
        )

    def statuses(self, status: str | None = None, run_id: str | None = None) -> pd.DataFrame:
        """What happened to every input item, oldest first (filter by status and/or run)."""
        where, params = [], []
        if status is not None:
            if status not in _STATUSES:
                raise UsageError(f"Unknown status {status!r}.", hint=f"Use one of: {', '.join(_STATUSES)}.")
            where.append("status = ?")
            params.append(status)
        if run_id is not None:
            where.append("run_id = ?")
            params.append(run_id)
        cond = " WHERE " + " AND ".join(where) if where else ""
        return self._df(
            f'SELECT item, status, reason, code, article_id, "at", run_id FROM ingest_status{cond} ORDER BY "at", ord',
            params,
        )

    def actors(self, article_id: str | None = None) -> pd.DataFrame:
        return self._mentions("actors", article_id)

    def places(self, article_id: str | None = None) -> pd.DataFrame:
        return self._mentions("places", article_id)

    def quantities(self, article_id: str | None = None) -> pd.DataFrame:
        return self._mentions("quantities", article_id)

    def timexes(self, article_id: str | None = None) -> pd.DataFrame:
        return self._mentions("timexes", article_id)

    def runs(self) -> pd.DataFrame:
        return self._df("SELECT run_id, started, finished, command, counts FROM runs ORDER BY started")

    def _mentions(self, table: str, article_id: str | None) -> pd.DataFrame:
        if article_id is None:
            return self._df(f"SELECT * FROM {table} ORDER BY article_id, ord")
        return self._df(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY ord", [article_id])

    def _df(self, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
        with warnings.catch_warnings():  # duckdb's pandas conversion uses APIs pandas 3 deprecates
            warnings.simplefilter("ignore", DeprecationWarning)
            warnings.simplefilter("ignore", FutureWarning)
            return self.con.execute(sql, params or []).df()

    # --- clusters (reconcile/) -------------------------------------------------------------------
    def cluster_assignments(self) -> dict[str, str]:
        """{event id: cluster id} of every clustered event mention."""
        return dict(self.con.execute("SELECT event_id, cluster_id FROM event_clusters").fetchall())

    def write_cluster_assignments(self, assignment: dict[str, str], scores: dict[str, float] | None = None,
                                  run_id: str | None = None) -> int:
        """Store new assignments in one transaction (events already assigned keep their cluster)."""
        if not assignment:
            return 0
        now = _now()
        rows = [{"event_id": e, "cluster_id": c, "score": (scores or {}).get(e), "run_id": run_id, "assigned_at": now}
                for e, c in assignment.items()]
        con = self._writable()
        con.execute("BEGIN TRANSACTION")
        try:
            before = int(con.execute("SELECT count(*) FROM event_clusters").fetchone()[0])
            arrow = _rows.to_arrow(rows, _rows.table_schema(con, "event_clusters"))
            con.register("_bw_insert_clusters", arrow)
            try:
                con.execute("INSERT INTO event_clusters SELECT event_id, cluster_id, score, run_id, assigned_at "
                            "FROM _bw_insert_clusters ON CONFLICT DO NOTHING")
            finally:
                con.unregister("_bw_insert_clusters")
            n = int(con.execute("SELECT count(*) FROM event_clusters").fetchone()[0]) - before
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"Writing event clusters to {self.path} failed and was rolled back: {exc}",
                             hint="Nothing was stored; run brinkwatch ingest again to cluster the new events.") from exc
        return n

    def unclustered_count(self) -> int:
        return int(self.con.execute(
            "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_clusters c WHERE c.event_id = e.event_id)"
        ).fetchone()[0])

    # --- export ----------------------------------------------------------------------------------
    def to_parquet(self, table: str, path: str | os.PathLike[str]) -> Path:
        """Write a table or view (see TABLES) or a SELECT query to a Parquet file with DuckDB COPY."""
        target = Path(path)
        if not target.parent.exists():
            raise UsageError(f"The folder {target.parent} does not exist.", hint="Create it or choose another path.")
        text = table.strip()
        if text in TABLES:
            source = f'"{text}"'
        elif text.split(None, 1)[0].lower() in ("select", "with", "from"):
            source = f"({text})"
        else:
            raise UsageError(f"Unknown table {table!r}.", hint=f"Use one of {', '.join(TABLES)}, or a SELECT query.")
        quoted = str(target).replace("'", "''")
        try:
            self.con.execute(f"COPY {source} TO '{quoted}' (FORMAT parquet)")
        except duckdb.Error as exc:
            raise UsageError(f"Could not write {target}: {exc}", hint="Check the query and the output path.") from exc
        return target


def _now() -> datetime:
    return datetime.now(timezone.utc)
