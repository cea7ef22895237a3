"""The Python API under the CLI: ``brinkwatch.open(path).ingest([...])``, ``.events()``, ``.timeline()``.

>>> import brinkwatch
>>> bw = brinkwatch.open("crisis.duckdb")
>>> report = bw.ingest(["examples/crisis"])
>>> df = bw.events(dyad=("USA", "VEN"))          # a pandas DataFrame, one row per event mention
>>> entries = bw.timeline()                       # merged reports, by date
>>> bw.export("geojson", "events.geojson")
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import ExtractOptions, IngestOptions, store_path
from .model import Article, CodedArticle, IngestResult

log = logging.getLogger("brinkwatch")

#: Called after each stored batch with the batch's results (used for progress bars).
ProgressCallback = Callable[[list[IngestResult]], None]


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did, item by item."""

    run_id: str
    results: list[IngestResult] = field(default_factory=list)
    #: Wall-clock seconds per phase (read, known, code, store, reconcile) and, under "code:<name>",
    #: per pipeline component: where the run's time went (benchmarks/throughput.py prints it).
    timings: dict[str, float] = field(default_factory=dict)

    def add_time(self, key: str, seconds: float) -> None:
        self.timings[key] = self.timings.get(key, 0.0) + seconds

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def ok(self) -> int:
        return self.count("ok")

    @property
    def skipped(self) -> int:
        return self.count("skipped")

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def events(self) -> int:
        return sum(int(r.article.meta.get("n_events", 0)) for r in self.results if r.article and r.status == "ok")

    @property
    def uncoded(self) -> int:
        """Articles stored but not coded (a language the pipeline does not read)."""
        return sum(1 for r in self.results if r.status == "ok" and r.article is not None
                   and r.article.meta.get("uncoded"))

    def summary(self) -> str:
        uncoded = f" ({self.uncoded} stored uncoded: not English)" if self.uncoded else ""
        return (
            f"{len(self.results)} items: {self.ok} ok{uncoded}, {self.skipped} skipped, {self.failed} failed; "
            f"{self.events} event mentions coded"
        )


def _note_uncoded(batch: list[IngestResult]) -> None:
    """Say on its status which new article is stored but not coded, so a user who finds no events
    for it learns why (the status list and the ingest summary show it)."""
    from .extract.pipeline import codable

    for r in batch:
        if r.status == "ok" and r.article is not None and not codable(r.article):
            r.article.meta["uncoded"] = True
            r.reason = (f"stored, not coded: the text is in '{r.article.language}' and brinkwatch codes English; "
                        "translate it first to get its events")


def _batches(results: Iterable[IngestResult], size: int) -> Iterator[list[IngestResult]]:
    batch: list[IngestResult] = []
    for r in results:
        batch.append(r)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class Brinkwatch:
    """A brinkwatch store and the operations on it. Open it with :func:`brinkwatch.open`."""

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        read_only: bool = False,
        extract: ExtractOptions | None = None,
        ingest: IngestOptions | None = None,
    ) -> None:
        self.path = store_path(path)
        self.read_only = read_only
        self.extract_options = extract or ExtractOptions()
        self.ingest_options = ingest or IngestOptions()
        self._store = None
        self._coder = None
        self._mentions: dict[str, Any] | None = None  # event id -> reconcile Mention (None: not codable)

    # --- resources ---------------------------------------------------------------------------
    @property
    def store(self):  # noqa: ANN201
        if self._store is None:
            from .store import Store

            self._store = Store(self.path, read_only=self.read_only)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        self._mentions = None
        if self._coder is not None:
            self._coder.close()
            self._coder = None

    def __enter__(self) -> Brinkwatch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _get_coder(self):  # noqa: ANN202
        if self._coder is None:
            from .extract.pipeline import Coder

            self._coder = Coder(self.extract_options)
        return self._coder

    # --- ingest ------------------------------------------------------------------------------
    def ingest(
        self,
        sources: Sequence[str | os.PathLike[str]],
        *,
        batch_size: int = 32,
        progress: ProgressCallback | None = None,
        command: str | None = None,
    ) -> IngestReport:
        """Read, code and store every source. Each batch is one transaction; bad items never stop the run.

        Re-ingesting stored content is a no-op (status ``skipped``); rerunning after a crash
        completes the work without duplicates.
        """
        from .ingest import iter_sources

        run_id = uuid.uuid4().hex[:12]
        report = IngestReport(run_id=run_id)
        store = self.store
        store.start_run(run_id, command or "ingest " + " ".join(map(str, sources)))
        seen: set[str] = set()
        batches = _batches(iter_sources([str(s) for s in sources], self.ingest_options), batch_size)
        clock = time.perf_counter
        coder = self._get_coder()
        before = dict(coder.timings)
        number = 0
        while True:
            t0 = clock()
            batch = next(batches, None)
            t1 = clock()
            report.add_time("read", t1 - t0)
            if batch is None:
                break
            number += 1
            fresh = self._mark_known(batch, seen)
            t2 = clock()
            coded = coder(fresh) if fresh else []
            t3 = clock()
            for c in coded:
                c.article.meta["n_events"] = len(c.events)
            _note_uncoded(batch)
            self._write(batch, coded, run_id)
            t4 = clock()
            if coded:
                self.reconcile(run_id=run_id)
            t5 = clock()
            for key, seconds in (("known", t2 - t1), ("code", t3 - t2), ("store", t4 - t3), ("reconcile", t5 - t4)):
                report.add_time(key, seconds)
            log.info("committed batch %d (%d items, %d new articles)", number, len(batch), len(fresh))
            report.results.extend(batch)
            if progress:
                progress(batch)
        for name, seconds in coder.timings.items():
            if seconds - before.get(name, 0.0) > 0:
                report.add_time(f"code:{name}", seconds - before.get(name, 0.0))
        store.finish_run(run_id, ok=report.ok, skipped=report.skipped, failed=report.failed)
        return report

    def _write(self, batch: list[IngestResult], coded: list[CodedArticle], run_id: str) -> None:
        """Write a batch in one transaction; if it is refused, write item by item so one bad
        article fails alone (its status says why) and the rest of the batch is kept."""
        from .errors import StoreError, StoreLocked

        try:
            self.store.write_batch(batch, coded, run_id=run_id)
            return
        except StoreLocked:
            raise
        except StoreError as exc:
            log.warning("batch refused (%s); writing its items one by one", exc)
        by_id = {c.article.id: c for c in coded}
        for r in batch:
            c = by_id.get(r.article.id) if r.article is not None and r.status == "ok" else None
            try:
                self.store.write_batch([r], [c] if c else [], run_id=run_id)
            except StoreLocked:
                raise
            except StoreError as exc:
                r.status, r.code, r.reason = "failed", exc.code, f"could not be stored: {exc.message}"
                self.store.write_batch([IngestResult(item=r.item, status="failed", code=exc.code, reason=r.reason)],
                                       [], run_id=run_id)

    def _mark_known(self, batch: list[IngestResult], seen: set[str]) -> list[Article]:
        """Turn results for already-stored content into ``skipped``; return the new articles."""
        ids = [r.article.id for r in batch if r.status == "ok" and r.article]
        stored = self.store.has_articles(ids) if ids else set()
        fresh: list[Article] = []
        for r in batch:
            if r.status != "ok" or r.article is None:
                continue
            aid = r.article.id
            if aid in stored or aid in seen:
                r.status = "skipped"
                r.reason = f"already stored as article {aid} (same content)"
                continue
            seen.add(aid)
            fresh.append(r.article)
        return fresh

    def code(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        """Code articles without storing them (pure per-article extraction)."""
        from .extract import code_articles

        return code_articles(articles, self.extract_options)

    # --- reconcile (across articles) -----------------------------------------------------------
    def reconcile(self, *, run_id: str | None = None) -> int:
        """Assign stored event mentions that have no cluster yet to clusters (incremental: existing
        assignments never move). Returns how many mentions were assigned. Called after each ingest batch."""
        from .reconcile import Clusterer

        store = self.store
        if store.unclustered_count() == 0:
            return 0
        known = store.cluster_assignments()
        clusterer = Clusterer()
        mentions = self._stored_mentions()
        for m in mentions:
            if m.event_id in known:
                clusterer.seed(known[m.event_id], m)
        added = clusterer.add(m for m in mentions if m.event_id not in known)
        return store.write_cluster_assignments(added, clusterer.scores, run_id=run_id)

    def _stored_mentions(self) -> list[Any]:
        """Every stored event mention as a reconcile Mention, in mention order. Stored events never
        change, so each is read and featurised once per Brinkwatch: later batches read only new rows
        (reading and featurising all of them after every batch made ingest quadratic)."""
        from .reconcile.corroborate import mention_order, mentions_of

        if self._mentions is None:
            self._mentions = {}
        cache: dict[str, Any] = self._mentions
        ids = self.store.event_ids()
        new = [i for i in ids if i not in cache]
        if new:
            for m in mentions_of(self.store.events_by_id(new)):
                cache[m.event_id] = m
            for i in new:  # rows without a type give no mention: remember them as such
                cache.setdefault(i, None)
        out = [cache[i] for i in ids if cache[i] is not None]
        out.sort(key=mention_order)
        return out

    def clusters(self, *, factual_only: bool = True, **filters: Any):  # noqa: ANN201 - list[model.Cluster]
        """Real-world events: the stored clusters (plus in-memory ones for mentions not yet clustered, e.g. in a
        read-only store), each with corroboration and contradictions, ordered by date. Filters as in events()."""
        from .reconcile import cluster_events
        from .reconcile.compare import store_contexts

        if factual_only:
            filters.setdefault("modalities", ["asserted", "reported"])
        events = self.events(**filters)
        ids = sorted(set(events["article_id"])) if len(events) else []
        return cluster_events(events, assignment=self.store.cluster_assignments(),
                              contexts=store_contexts(self.store, ids))

    def compare(self, items: Sequence[str]) -> dict[str, Any]:
        """Side-by-side report of two or more articles (files, URLs, or ids of articles in this store): shared
        events, events only one has, contradictions. Plain dicts; render with brinkwatch.reconcile.render."""
        from .reconcile import compare

        store = self.store if self._store is not None or Path(self.path).exists() else None
        return compare(list(items), store=store,
                       bw_options={"extract": self.extract_options, "ingest": self.ingest_options})

    # --- queries -----------------------------------------------------------------------------
    def events(self, **filters: Any):  # noqa: ANN201 - pandas.DataFrame
        """Event mentions as a DataFrame (columns: model.EVENT_COLUMNS). See Store.events for filters."""
        return self.store.events(**filters)

    def events_polars(self, **filters: Any):  # noqa: ANN201 - polars.DataFrame
        from .errors import require_extra

        pl = require_extra("polars", "polars")
        return pl.from_pandas(self.events(**filters))

    def articles(self):  # noqa: ANN201
        return self.store.articles()

    def statuses(self, status: str | None = None, run_id: str | None = None):  # noqa: ANN201
        return self.store.statuses(status=status, run_id=run_id)

    def timeline(self, *, factual_only: bool = True, **filters: Any):  # noqa: ANN201
        """Events merged across reports and ordered by date (list of TimelineEntry)."""
        from .analysis.timeline import build_timeline

        events = self.events(**filters)
        ids = sorted(set(events["article_id"])) if len(events) else []
        from .reconcile.compare import store_contexts

        return build_timeline(events, factual_only=factual_only, assignment=self.store.cluster_assignments(),
                              contexts=store_contexts(self.store, ids))

    def export(self, fmt: str, path: str | os.PathLike[str], **filters: Any) -> Path:
        """Write the events in one of export.FORMATS."""
        from .export import export

        events = self.events(**filters)
        timeline = None
        if fmt == "timelinejs":
            from .analysis.timeline import build_timeline

            timeline = build_timeline(events)
        return export(events, fmt, Path(path), timeline=timeline, articles=self.store.articles())


def open(  # noqa: A001 - mirrors sqlite3.connect / duckdb.connect style
    path: str | os.PathLike[str] | None = None, *, read_only: bool = False, **options: Any
) -> Brinkwatch:
    """Open (or create) a brinkwatch store. ``path`` defaults to $BRINKWATCH_STORE or ./brinkwatch.duckdb."""
    return Brinkwatch(path, read_only=read_only, **options)
