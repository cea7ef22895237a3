"""Store: opening errors, idempotent batches, near-duplicate links, rollback, filters, Parquet."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from brinkwatch.errors import SchemaTooNew, StoreCorrupt, StoreError, StoreLocked, StoreNotFound, UsageError
from brinkwatch.ingest import dedup
from brinkwatch.model import EVENT_COLUMNS, Actor, Event, IngestResult, event_row
from brinkwatch.store import SCHEMA_VERSION, Store, WriteSummary
from test_store_data import make_batch, make_coded, make_text


# --- opening --------------------------------------------------------------------------------
def test_new_store_has_current_schema(store_path: Path) -> None:
    with Store(store_path) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert s.article_count() == 0 and s.event_count() == 0
        assert list(s.events().columns) == list(EVENT_COLUMNS)


def test_open_uses_env_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRINKWATCH_STORE", str(tmp_path / "env.duckdb"))
    with Store.open() as s:
        assert s.path == tmp_path / "env.duckdb"
    assert (tmp_path / "env.duckdb").exists()


def test_read_only_missing_file(store_path: Path) -> None:
    with pytest.raises(StoreNotFound) as err:
        Store(store_path, read_only=True)
    assert "ingest" in err.value.hint
    assert not store_path.exists()


def test_not_a_database(store_path: Path) -> None:
    store_path.write_text("these are notes, not a database\n" * 50)
    with pytest.raises(StoreCorrupt) as err:
        Store(store_path)
    assert err.value.hint


def test_foreign_duckdb_database_is_refused(store_path: Path) -> None:
    con = duckdb.connect(str(store_path))
    con.execute("CREATE TABLE sales (id INTEGER)")
    con.close()
    with pytest.raises(StoreCorrupt, match="not a brinkwatch store"):
        Store(store_path)


def test_schema_too_new(store_path: Path) -> None:
    Store(store_path).close()
    con = duckdb.connect(str(store_path))
    con.execute("INSERT INTO schema_migrations VALUES (?, 'from the future', now())", [SCHEMA_VERSION + 1])
    con.close()
    with pytest.raises(SchemaTooNew) as err:
        Store(store_path)
    assert "Upgrade" in err.value.hint


def test_locked_by_another_process(store_path: Path) -> None:
    Store(store_path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, duckdb
            con = duckdb.connect({str(store_path)!r})
            print("held", flush=True)
            sys.stdin.read()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreLocked) as err:
            Store(store_path)
        assert "Wait" in err.value.hint
        with pytest.raises(StoreLocked):
            Store(store_path, read_only=True)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()


def test_read_only_refuses_writes(store_path: Path) -> None:
    results, coded = make_batch(1, 2)
    with Store(store_path) as s:
        s.write_batch(results, coded)
    with Store(store_path, read_only=True) as s:
        assert s.article_count() == 2
        with pytest.raises(StoreError, match="read-only"):
            s.write_batch(results, coded)


def test_closed_store_says_so(store_path: Path) -> None:
    s = Store(store_path)
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.article_count()


# --- writing --------------------------------------------------------------------------------
def test_write_and_rewrite_is_idempotent(store_path: Path) -> None:
    results, coded = make_batch(2, 4, n_events=3)
    with Store(store_path) as s:
        first = s.write_batch(results, coded, run_id="run-a")
        assert isinstance(first, WriteSummary)
        assert (first.articles_new, first.events, first.statuses) == (4, 12, 5)
        assert first.actors == 24 and first.places == 12 and first.timexes == 12 and first.quantities == 12
        again = s.write_batch(results, coded, run_id="run-b")
        assert (again.articles_new, again.articles_existing, again.events) == (0, 4, 0)
        assert s.article_count() == 4 and s.event_count() == 12
        assert len(s.actors()) == 24
        assert s.has_articles([c.article.id for c in coded] + ["nope"]) == {c.article.id for c in coded}
        assert set(s.statuses(run_id="run-b").status) == {"ok", "failed"}
        failed = s.statuses(status="failed")
        assert list(failed.code) == ["BW-I007", "BW-I007"]
        assert set(s.runs().run_id) == {"run-a", "run-b"}


def test_rows_match_the_model(store_path: Path) -> None:
    """A stored event reads back as model.event_row() of the same event."""
    results, coded = make_batch(3, 1, n_events=2)
    with Store(store_path) as s:
        s.write_batch(results, coded)
        got = s.events(article_id=coded[0].article.id)
    art = coded[0].article
    want = pd.DataFrame([event_row(e, art) for e in coded[0].events], columns=list(EVENT_COLUMNS))
    want = want.sort_values(["date_start", "sentence_start"]).reset_index(drop=True)
    for col in EVENT_COLUMNS:
        a, b = got[col].tolist(), want[col].tolist()
        assert [None if pd.isna(x) else x for x in a] == [None if pd.isna(x) else x for x in b], col


def test_uncoded_ok_article_is_stored(store_path: Path) -> None:
    rng = random.Random(4)
    coded = make_coded(rng)
    result = IngestResult(item="other-language.txt", status="ok", article=coded.article)
    with Store(store_path) as s:
        summary = s.write_batch([result], [])
        assert summary.articles_new == 1 and summary.events == 0
        assert s.articles().n_events.tolist() == [0]


def test_same_event_id_twice_in_one_article_is_kept_distinct(store_path: Path) -> None:
    results, coded = make_batch(5, 1, n_events=1)
    ev = coded[0].events[0]
    twin = Event(article_id=ev.article_id, plover=ev.plover, cameo=ev.cameo, trigger_start=ev.trigger_start,
                 trigger_end=ev.trigger_end, target=[Actor(text="someone else")]).finalise()
    assert twin.id == ev.id
    coded[0].events.append(twin)
    with Store(store_path) as s:
        summary = s.write_batch(results, coded)
        assert summary.events == 2 and summary.event_ids_renamed == 1
        assert sorted(s.events().event_id) == sorted([ev.id, f"{ev.id}-2"])


def test_failure_rolls_back_everything(store_path: Path) -> None:
    results, coded = make_batch(6, 3)
    coded[2].events[0].place.geonameid = "not a number"  # makes the batch fail late, after other rows
    with Store(store_path) as s:
        with pytest.raises(StoreError, match="rolled back"):
            s.write_batch(results, coded)
        assert s.article_count() == 0 and s.event_count() == 0 and len(s.statuses()) == 0
        coded[2].events[0].place.geonameid = 12
        summary = s.write_batch(results, coded)
        assert summary.articles_new == 3 and summary.duplicates_linked == 0
        assert s.event_count() == 9


def test_near_duplicates_link_to_the_root(store_path: Path) -> None:
    rng = random.Random(7)
    base = make_text(rng, n_sentences=30)
    words = base.split()
    copy1 = " ".join(words[:-3]) + " Updated at noon."  # a re-post with a changed last line
    copy2 = "Breaking: " + " ".join(words[:-3]) + " Updated at noon, again."
    other = make_text(rng, n_sentences=30)
    a0 = make_coded(rng, text=base)
    a1 = make_coded(rng, text=copy1)
    a2 = make_coded(rng, text=copy2)
    a3 = make_coded(rng, text=other)
    assert dedup.similarity(a0.article.fingerprint, a1.article.fingerprint) >= dedup.NEAR_DUPLICATE_THRESHOLD
    with Store(store_path) as s:
        r = s.write_batch([IngestResult(item="a0", status="ok", article=a0.article)], [a0])
        assert r.duplicates_linked == 0
    with Store(store_path) as s:  # a new Store loads the stored fingerprints
        batch = [a1, a3, a2]
        r = s.write_batch([IngestResult(item=c.article.origin, status="ok", article=c.article) for c in batch], batch)
        assert r.duplicates_linked == 2
        arts = s.articles().set_index("id")
    assert pd.isna(arts.loc[a0.article.id, "duplicate_of"])
    assert arts.loc[a1.article.id, "duplicate_of"] == a0.article.id
    assert arts.loc[a2.article.id, "duplicate_of"] == a0.article.id  # root, not a1
    assert pd.isna(arts.loc[a3.article.id, "duplicate_of"])
    assert arts.loc[a1.article.id, "duplicate_similarity"] >= dedup.NEAR_DUPLICATE_THRESHOLD


def test_missing_fingerprint_is_computed(store_path: Path) -> None:
    rng = random.Random(8)
    text = make_text(rng, n_sentences=20)
    a = make_coded(rng, text=text)
    b = make_coded(rng, text=text + " One more line.")
    b.article.fingerprint = None
    with Store(store_path) as s:
        s.write_batch([], [a, b])
        arts = s.articles().set_index("id")
    assert arts.loc[b.article.id, "duplicate_of"] == a.article.id


def test_rolled_back_articles_are_not_duplicate_roots(store_path: Path) -> None:
    rng = random.Random(9)
    text = make_text(rng, n_sentences=20)
    a = make_coded(rng, text=text)
    a.events[0].place.lat = "north"  # fails the batch
    b = make_coded(rng, text=text + " Edited.")
    with Store(store_path) as s:
        with pytest.raises(StoreError):
            s.write_batch([], [a])
        s.write_batch([], [b])
        assert pd.isna(s.articles().duplicate_of.iloc[0])


# --- queries --------------------------------------------------------------------------------
@pytest.fixture()
def filled(store_path: Path) -> Store:
    s = Store(store_path)
    for seed in range(3):
        results, coded = make_batch(100 + seed, 6, n_events=4)
        s.write_batch(results, coded, run_id=f"r{seed}")
    yield s
    s.close()


def _actor_sets(df: pd.DataFrame, side: str) -> list[set[tuple[str, str]]]:
    return [{(a["country"], a["name"]) for a in json.loads(v)} for v in df[f"{side}_actors"]]


def test_events_order_and_columns(filled: Store) -> None:
    df = filled.events()
    assert list(df.columns) == list(EVENT_COLUMNS)
    assert len(df) == 72 and df.event_id.is_unique
    keys = list(zip(df.date_start, df.article_published, df.sentence_start))
    assert keys == sorted(keys)
    assert len(filled.events(limit=5)) == 5
    with pytest.raises(UsageError):
        filled.events(limit=-1)


def test_dyad_filter_either_direction(filled: Store) -> None:
    df = filled.events(dyad=("usa", "Venezuela"))
    assert len(df) > 0
    for src, tgt in zip(_actor_sets(df, "source"), _actor_sets(df, "target")):
        pair = {c for c, _ in src} | {c for c, _ in tgt}
        assert pair == {"USA", "VEN"}
    both = filled.events()
    expected = sum(1 for s, t in zip(both.source_country, both.target_country) if {s, t} == {"USA", "VEN"})
    assert len(df) == expected
    assert len(filled.events(dyad=("VEN", "United States"))) == expected
    with pytest.raises(UsageError):
        filled.events(dyad=("USA",))


def test_actor_filter_code_name_and_substring(filled: Store) -> None:
    all_ = filled.events()
    expected = sum(1 for s, t in zip(all_.source_country, all_.target_country) if "RUS" in (s, t))
    assert expected > 0
    assert len(filled.events(actor="RUS")) == expected
    assert len(filled.events(actor="Russia")) == expected  # a country name resolves to its code
    assert len(filled.events(actor="russian fed")) == expected  # a name substring
    assert len(filled.events(actor="US")) == sum(1 for s, t in zip(all_.source_country, all_.target_country)
                                                 if "USA" in (s, t))  # "US" must not match "Russia"


def test_types_dates_modalities_source(filled: Store) -> None:
    all_ = filled.events()
    df = filled.events(types=["ASSAULT", "104"])
    assert set(df.plover) <= {"ASSAULT", "REQUEST"} and len(df) == all_.plover.isin(["ASSAULT", "REQUEST"]).sum()
    assert len(filled.events(types=["assault"])) == (all_.plover == "ASSAULT").sum()
    nov = filled.events(since="2025-11-01", until="2025-11-30")
    assert len(nov) == all_.date_start.str.startswith("2025-11").sum()
    assert len(filled.events(since="2025-11", until="2025-11")) == len(nov)
    assert (filled.events(since="2025-12-01").date_start >= "2025-12-01").all()
    with pytest.raises(UsageError, match="ISO date"):
        filled.events(since="last week")
    with pytest.raises(UsageError, match="calendar"):  # shaped like a date, but no such month or day
        filled.events(until="2026-13-01")
    with pytest.raises(UsageError, match="calendar"):
        filled.events(since="2025-02-30")
    with pytest.raises(UsageError, match="Unknown event type"):  # a typo must not look like "no events"
        filled.events(types=["ASAULT"])
    df = filled.events(modalities=["threatened"])
    assert set(df.modality) == {"threatened"}
    with pytest.raises(UsageError, match="modality"):
        filled.events(modalities=["rumoured"])
    df = filled.events(source="COURIER")
    assert len(df) == all_.article_source.str.contains("courier").sum() and len(df) > 0


def test_other_tables(filled: Store) -> None:
    arts = filled.articles()
    assert len(arts) == 18 and "text" not in arts.columns
    assert "text" in filled.articles(with_text=True).columns
    aid = arts.id.iloc[0]
    for frame in (filled.actors(aid), filled.places(aid), filled.quantities(aid), filled.timexes(aid)):
        assert set(frame.article_id) == {aid} and len(frame) > 0
    assert len(filled.statuses(status="failed")) == 3
    with pytest.raises(UsageError):
        filled.statuses(status="done")


def test_runs_start_and_finish(store_path: Path) -> None:
    with Store(store_path) as s:
        s.start_run("r9", "ingest feeds/")
        s.write_batch(*make_batch(11, 1), run_id="r9")
        s.finish_run("r9", ok=1, skipped=0, failed=1)
        runs = s.runs()
    assert runs.command.tolist() == ["ingest feeds/"]
    assert json.loads(runs.counts.iloc[0]) == {"ok": 1, "skipped": 0, "failed": 1}
    assert not pd.isna(runs.finished.iloc[0])


def test_to_parquet(filled: Store, tmp_path: Path) -> None:
    out = filled.to_parquet("event_table", tmp_path / "events.parquet")
    df = pd.read_parquet(out)
    assert list(df.columns) == list(EVENT_COLUMNS) and len(df) == 72
    out = filled.to_parquet("SELECT plover, count(*) AS n FROM events GROUP BY plover", tmp_path / "q.parquet")
    assert pd.read_parquet(out).n.sum() == 72
    with pytest.raises(UsageError):
        filled.to_parquet("passwords", tmp_path / "x.parquet")
    with pytest.raises(UsageError):
        filled.to_parquet("events", tmp_path / "missing" / "x.parquet")
