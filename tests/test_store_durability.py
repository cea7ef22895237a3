"""Durability: a writer SIGKILLed in the middle of a batch leaves a consistent store, and rerunning
the same writes completes the work without duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from brinkwatch.store import Store
from test_store_data import make_batch

TESTS = Path(__file__).resolve().parent
N_BATCHES, PER_BATCH, EVENTS = 5, 8, 6
KILL_IN_BATCH = 3

WRITER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {tests!r})
    from brinkwatch.store import Store, store as store_module
    from test_store_data import make_batch

    state = {{"batch": -1}}
    original = store_module.Store._insert

    def insert(self, con, table, rows):
        original(self, con, table, rows)
        if state["batch"] == {kill} and table == "events":
            print("mid", state["batch"], flush=True)  # events written, transaction still open
            time.sleep(120)

    store_module.Store._insert = insert
    store = Store({path!r})
    for k in range({n}):
        state["batch"] = k
        results, coded = make_batch(1000 + k, {per}, {events})
        store.write_batch(results, coded, run_id=f"run-{{k}}")
        print("committed", k, flush=True)
""")


def integrity(store: Store) -> dict[str, int]:
    """Counts of broken references and duplicate ids (all must be zero)."""
    q = store.con.execute
    return {
        "orphan_events": q("SELECT count(*) FROM events e ANTI JOIN articles a ON a.id = e.article_id").fetchone()[0],
        "orphan_event_actors": q(
            "SELECT count(*) FROM event_actors x ANTI JOIN events e ON e.event_id = x.event_id").fetchone()[0],
        "orphan_mentions": sum(
            q(f"SELECT count(*) FROM {t} x ANTI JOIN articles a ON a.id = x.article_id").fetchone()[0]
            for t in ("actors", "places", "quantities", "timexes")),
        "dup_articles": q("SELECT count(*) - count(DISTINCT id) FROM articles").fetchone()[0],
        "dup_events": q("SELECT count(*) - count(DISTINCT event_id) FROM events").fetchone()[0],
        "articles_without_events": q(
            "SELECT count(*) FROM articles a ANTI JOIN events e ON e.article_id = a.id").fetchone()[0],
    }


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_mid_batch_then_rerun(store_path: Path) -> None:
    code = WRITER.format(tests=str(TESTS), path=str(store_path), n=N_BATCHES, per=PER_BATCH, events=EVENTS,
                         kill=KILL_IN_BATCH)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line.strip())
            if line.startswith("mid"):
                os.kill(proc.pid, signal.SIGKILL)
                break
        stderr = "" if lines and lines[-1].startswith("mid") else proc.stderr.read()
    finally:
        proc.kill()
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
    assert lines and lines[-1] == f"mid {KILL_IN_BATCH}", (lines, stderr)
    assert proc.returncode == -signal.SIGKILL

    with Store(store_path) as s:  # WAL replay: exactly the committed batches, nothing of the killed one
        assert integrity(s) == dict.fromkeys(integrity(s), 0)
        assert s.article_count() == KILL_IN_BATCH * PER_BATCH
        assert s.event_count() == KILL_IN_BATCH * PER_BATCH * EVENTS
        assert set(s.statuses().run_id) == {f"run-{k}" for k in range(KILL_IN_BATCH)}

        for k in range(N_BATCHES):  # rerun everything: stored batches are no-ops
            results, coded = make_batch(1000 + k, PER_BATCH, EVENTS)
            summary = s.write_batch(results, coded, run_id=f"rerun-{k}")
            assert summary.articles_new == (PER_BATCH if k >= KILL_IN_BATCH else 0)
        assert integrity(s) == dict.fromkeys(integrity(s), 0)
        assert s.article_count() == N_BATCHES * PER_BATCH
        assert s.event_count() == N_BATCHES * PER_BATCH * EVENTS
