"""`compare`: two invented reports of one phone call, through the real pipeline, in text, JSON and HTML."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from brinkwatch.cli import main
from brinkwatch.reconcile import render

REPORT_A = """Harbor Ledger\n\nGeorgetown – March 4, 2026 – President Desmond Harcourt of Guyana urged Venezuela to withdraw
its warships in a phone call with President Ramon Echeverria on Tuesday. Flight tracking data showed that
air traffic over the region dropped by 40% this week.\n"""
REPORT_B = """Northwind Wire\n\nCaracas – March 5, 2026 – Guyana urged Venezuela to withdraw its warships during a phone call
on Tuesday, officials said. Flight tracking data showed that air traffic over the region dropped by 90% this week.\n"""


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("cmp")
    (d / "a.txt").write_text(REPORT_A, encoding="utf-8")
    (d / "b.txt").write_text(REPORT_B, encoding="utf-8")
    return d / "a.txt", d / "b.txt"


@pytest.fixture(scope="module")
def report(files):
    out = CliRunner().invoke(main, ["compare", str(files[0]), str(files[1]), "--format", "json",
                                    "--store", str(files[0].parent / "none.duckdb")])
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)


def test_shared_call_and_contradicting_figures(report):
    assert len(report["articles"]) == 2
    shared = [c for c in report["shared"] if c["plover"] == "REQUEST"]
    assert shared and shared[0]["n_sources"] == 2
    nums = [x for x in report["contradictions"] if x["kind"] == "number"]
    assert nums and {nums[0]["a"]["value"][:3], nums[0]["b"]["value"][:3]} == {"40%", "90%"}


def test_text_and_html_renderings(report, tmp_path):
    text = render.to_text(report)
    assert "SHARED EVENTS" in text and "CONTRADICTIONS" in text and "[A]" in text and "[B]" in text
    page = render.to_html(report)
    assert page.startswith("<!doctype html>") and "http" not in page.split("<body>")[0].replace("charset", "")
    assert "<script" not in page and "Contradictions" in page


def test_compare_needs_two_items_and_html_needs_a_file(files):
    r = CliRunner().invoke(main, ["compare", str(files[0])])
    assert r.exit_code == 1 and "BW-Q001" in r.output
    r = CliRunner().invoke(main, ["compare", str(files[0]), str(files[1]), "--format", "html"])
    assert r.exit_code == 1 and "-o" in r.output


def test_api_compare_on_a_store_open_for_writing_mixes_files_and_stored_ids(files, tmp_path):
    """The README's `bw.compare([...])` after `bw.ingest(...)`: the open read-write store is reused (a
    second read-only connection to the same file raised StoreLocked), and a stored article id can be
    compared with a new file."""
    import brinkwatch

    with brinkwatch.open(tmp_path / "rw.duckdb") as bw:
        bw.ingest([str(files[0])])
        stored_id = bw.articles()["id"].iloc[0]
        report = bw.compare([stored_id, str(files[1])])
        assert len(report["articles"]) == 2
        assert any(c["n_sources"] == 2 for c in report["shared"])
        by_files = bw.compare([str(files[0]), str(files[1])])
        assert len(by_files["articles"]) == 2
        assert len(bw.articles()) == 1  # comparing does not write into the user's store
