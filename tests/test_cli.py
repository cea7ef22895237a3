"""The CLI end to end on generated articles: ingest, status, events, timeline, export, exit codes,
idempotent re-ingest, and a SIGKILL in the middle of an ingest followed by a rerun."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from factory import write_corpus

pytestmark = pytest.mark.slow


def bw(*args: str, store: Path, check_codes=(0,)) -> subprocess.CompletedProcess:
    env = {**os.environ, "BRINKWATCH_STORE": str(store)}
    proc = subprocess.run([sys.executable, "-m", "brinkwatch.cli", *args], capture_output=True, text=True, env=env,
                          timeout=600)
    assert proc.returncode in check_codes, (proc.returncode, proc.stderr[-3000:])
    return proc


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    corpus = write_corpus(root / "corpus", n=10, seed=3)
    store = root / "cli.duckdb"
    proc = bw("ingest", str(corpus), "-q", store=store, check_codes=(3,))  # broken.txt fails -> partial
    return root, corpus, store, proc


def test_ingest_reports_partial_failure(ingested):
    _, _, _, proc = ingested
    assert "broken.txt" in proc.stderr and "BW-I004" in proc.stderr
    assert "10 ok" in proc.stderr or "ok," in proc.stderr


def test_status_lists_every_item(ingested):
    _, _, store, _ = ingested
    rows = json.loads(bw("status", "--format", "json", store=store).stdout)
    assert {r["status"] for r in rows} >= {"ok", "failed"}
    failed = json.loads(bw("status", "--failed", "--format", "json", store=store).stdout)
    assert len(failed) == 1 and failed[0]["code"] == "BW-I004"


def test_reingest_is_a_noop(ingested):
    _, corpus, store, _ = ingested
    before = json.loads(bw("events", "--format", "json", "--all-modalities", store=store).stdout)
    proc = bw("ingest", str(corpus), "-q", store=store, check_codes=(3,))
    assert "0 ok" in proc.stderr
    after = json.loads(bw("events", "--format", "json", "--all-modalities", store=store).stdout)
    assert len(before) == len(after) > 0


def test_events_json_is_an_array_with_evidence(ingested):
    _, _, store, _ = ingested
    rows = json.loads(bw("events", "--format", "json", store=store).stdout)
    assert isinstance(rows, list) and rows
    for r in rows:
        assert r["sentence"] and r["article_id"] and r["plover"]
        assert r["modality"] in ("asserted", "reported")
    csv_text = bw("events", "--format", "csv", "--type", "ASSAULT", store=store).stdout
    assert csv_text.splitlines()[0].startswith("event_id,")


def test_timeline_text_and_json(ingested):
    _, _, store, _ = ingested
    text = bw("timeline", store=store).stdout
    assert "2026-" in text and "source(s)" in text
    entries = json.loads(bw("timeline", "--format", "json", store=store).stdout)
    assert entries and all("evidence" in e for e in entries)


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl", "gdelt", "timelinejs", "geojson"])
def test_export_every_format(ingested, fmt):
    root, _, store, _ = ingested
    out = root / f"out.{fmt}"
    bw("export", "--format", fmt, "-o", str(out), store=store)
    assert out.exists() and out.stat().st_size > 0
    if fmt == "parquet":
        assert len(pd.read_parquet(out)) > 0
    if fmt == "gdelt":
        first = out.read_text(encoding="utf-8").splitlines()[0]
        assert len(first.split("\t")) == 61


def test_usage_errors_are_clear(tmp_path):
    store = tmp_path / "none.duckdb"
    proc = bw("events", store=store, check_codes=(1,))
    assert "BW-S002" in proc.stderr and "ingest" in proc.stderr
    proc = bw("events", "--dyad", "USA", store=store, check_codes=(1,))
    assert "BW-Q001" in proc.stderr
    proc = bw("export", "--format", "xls", "-o", str(tmp_path / "x"), store=store, check_codes=(2,))
    assert "xls" in proc.stderr


def test_kill_during_ingest_then_rerun(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", n=40, seed=9)
    (corpus / "broken.txt").unlink()
    store = tmp_path / "kill.duckdb"
    env = {**os.environ, "BRINKWATCH_STORE": str(store)}
    cmd = [sys.executable, "-m", "brinkwatch.cli", "ingest", str(corpus), "-q", "-v", "--batch-size", "4"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.time() + 300
    assert proc.stderr is not None
    for line in proc.stderr:
        if "committed batch 2" in line or time.time() > deadline:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    # the store opens and is consistent: every event belongs to a stored article
    import duckdb

    con = duckdb.connect(str(store), read_only=True)
    orphans = con.execute("SELECT count(*) FROM events e LEFT JOIN articles a ON a.id = e.article_id "
                          "WHERE a.id IS NULL").fetchone()[0]
    partial = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    assert orphans == 0 and 0 < partial < 40

    bw("ingest", str(corpus), "-q", store=store)
    clean_store = tmp_path / "clean.duckdb"
    bw("ingest", str(corpus), "-q", store=clean_store)
    a = pd.DataFrame(json.loads(bw("events", "--format", "json", "--all-modalities", store=store).stdout))
    b = pd.DataFrame(json.loads(bw("events", "--format", "json", "--all-modalities", store=clean_store).stdout))
    assert len(a) == len(b) > 0
    assert sorted(a["event_id"]) == sorted(b["event_id"])
    assert a["event_id"].is_unique


def test_evidence_of_unknown_outlet_is_cited_by_title_or_article_id():
    from brinkwatch.cli import _cite

    assert _cite({"source": "reuters.example", "article_title": "T"}) == "reuters.example"
    assert _cite({"source": "unknown outlet", "article_title": "Phone call", "article_id": "abcdef123"}) == "“Phone call”"
    assert _cite({"source": "unknown outlet", "article_title": float("nan"), "article_id": "abcdef123"}) == \
        "unknown outlet, article abcdef12"
