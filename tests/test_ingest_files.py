"""Ingest of files: every format, and the hostile inputs each must survive."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import fixtures_ingest as fx
from brinkwatch.config import IngestOptions
from brinkwatch.ingest import detect_kind, iter_sources
from brinkwatch.ingest.dates import find_dateline, normalise_published, parse_date_line
from brinkwatch.ingest.dedup import fingerprint
from brinkwatch.ingest.plaintext import looks_like_headline, parse_text
from brinkwatch.model import content_id
from conftest import SEEDS


def run(*sources: object, **opts: object) -> list:
    return list(iter_sources([str(s) for s in sources], IngestOptions(**opts)))  # type: ignore[arg-type]


def only(*sources: object, **opts: object):
    results = run(*sources, **opts)
    assert len(results) == 1, results
    return results[0]


# --- plain text ---------------------------------------------------------------------------
def test_text_with_dateline_keeps_dateline_in_text(tmp_path: Path) -> None:
    r = only(fx.write(tmp_path, "a.txt", fx.text_with_dateline(1)))
    a = r.article
    assert r.status == "ok" and a is not None
    assert a.published == "2024-03-04" and a.date_method == "dateline"
    assert a.title is None
    assert a.text.startswith("Port Ansel, Norland – March 4, 2024 – ")
    assert a.meta["dateline_place"] == "Port Ansel, Norland"
    assert a.id == content_id(a.text) and a.fingerprint == fingerprint(a.text)
    assert a.language == "en" and a.origin == str(tmp_path / "a.txt")


def test_text_with_headline_furniture_and_date_line(tmp_path: Path) -> None:
    a = only(fx.write(tmp_path, "b.txt", fx.text_with_headline(2))).article
    assert a.title == "Norland Closes Strait After Naval Standoff"
    assert a.published == "2024-03-05" and a.date_method == "dateline"
    assert a.meta["author"] == "Mara Linde"
    assert a.text == fx.story(2)  # headline, furniture and date line removed; the story untouched


def test_text_without_any_header_is_kept_whole(tmp_path: Path) -> None:
    body = fx.story(3)
    a = only(fx.write(tmp_path, "c.txt", body)).article
    assert a.text == body and a.title is None and a.published is None and a.date_method == "none"


@pytest.mark.parametrize(("byline", "outlet"), [
    ("By Clara Wen | Meridian Desk", "Meridian Desk"),
    ("By Ravi Dookhan | Atlantic Monitor, with Caribbean Tide Wire", "Atlantic Monitor"),
    ("By Jane Doe · The Harbor Ledger", "The Harbor Ledger"),
    ("By Jane Doe | Staff Writer", None),
    ("By Jane Doe | March 3, 2026", None),
    ("By Jane Doe", None),
])
def test_byline_names_the_outlet(byline: str, outlet: str | None) -> None:
    """A plain-text article's outlet comes from its byline, so its events are cited by outlet and
    counted as that outlet's in corroboration; roles and dates after the bar are not outlets."""
    draft = parse_text(f"A headline about the border crisis\n\n{byline}\nMarch 6, 2026\n\nThe story begins here.")
    assert draft.source == outlet
    assert draft.meta["author"].startswith("Jane Doe") or outlet != "The Harbor Ledger"
    assert draft.published == "2026-03-06" and draft.text == "The story begins here."


def test_headline_rules() -> None:
    assert looks_like_headline("Ostmark Recalls Envoy Over Strait Row")
    assert not looks_like_headline("Ostmark recalled its envoy on Monday.")
    assert not looks_like_headline("Dec 3, 2025")
    assert not looks_like_headline("5 min read")
    assert not looks_like_headline("x" * 250)


@pytest.mark.parametrize(("line", "iso"), [
    ("Dec 3, 2025", "2025-12-03"), ("Published: 3 December 2025", "2025-12-03"),
    ("Updated Monday, Dec. 3, 2025 at 10:45 a.m. EST", "2025-12-03"), ("2025-12-03", "2025-12-03"),
    ("Dec 3, 2025 was a long day", None), ("Feb 30, 2024", None), ("12/03/2025", None),
])
def test_date_lines(line: str, iso: str | None) -> None:
    assert parse_date_line(line) == iso


def test_datelines_and_record_dates() -> None:
    assert find_dateline("KESSEL, Jan. 9, 2024 (Wire) — Talks resumed.")[:2] == ("2024-01-09", "KESSEL")
    assert find_dateline("Talks resumed on Jan. 9, 2024 — at last.") is None
    assert normalise_published("Tue, 05 Mar 2024 10:00:00 GMT") == "2024-03-05T10:00:00+00:00"
    assert normalise_published("2024-03-05T10:00:00Z") == "2024-03-05T10:00:00+00:00"
    assert normalise_published("soon") is None


def test_windows_1252_text_is_decoded(tmp_path: Path) -> None:
    text = "Norland’s envoy said “no deal” – talks in Port Ansel failed. " * 5
    a = only(fx.write(tmp_path, "w.txt", text.encode("cp1252"))).article
    assert "Norland’s envoy said “no deal” –" in a.text and a.meta["encoding"] == "cp1252"


# --- hostile files -------------------------------------------------------------------------
def test_empty_file_fails_with_code(tmp_path: Path) -> None:
    r = only(fx.write(tmp_path, "empty.txt", b""))
    assert (r.status, r.code) == ("failed", "BW-I003") and "remove it" in r.reason
    assert only(fx.write(tmp_path, "blank.txt", b"  \n\n\t ")).code == "BW-I003"


def test_binary_junk_fails(tmp_path: Path) -> None:
    r = only(fx.write(tmp_path, "junk.txt", fx.junk()))
    assert (r.status, r.code) == ("failed", "BW-I004")


def test_file_over_cap_is_refused_from_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as fh:  # sparse: 50 MB on paper, never read
        fh.seek(50_000_000)
        fh.write(b"<p>end</p>")
    r = only(path)
    assert (r.status, r.code) == ("failed", "BW-I005") and "BRINKWATCH_MAX_BYTES" in r.reason
    small = fx.write(tmp_path, "s.txt", fx.story(1))
    assert only(small, max_bytes=100).code == "BW-I005"


def test_missing_path_and_unsupported_file(tmp_path: Path) -> None:
    assert only(tmp_path / "nope.txt").code == "BW-I001"
    pdf = fx.write(tmp_path, "paper.pdf", b"%PDF-1.7\n" + fx.junk(200))
    r = only(pdf)
    assert (r.status, r.code) == ("failed", "BW-I002") and "PDF" in r.reason


# --- HTML ----------------------------------------------------------------------------------
def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    a = only(fx.write(tmp_path, "p.html", fx.html_page(4))).article
    assert a.title == "Strait talks collapse"
    assert a.source == "The Kessel Courier"
    assert a.published == "2024-03-06" and a.date_method == "metadata"
    assert fx.paragraphs(4, seed=4)[0] in a.text
    assert "Most read" not in a.text and "Copyright" not in a.text and not a.text.startswith("Strait talks")


def test_html_without_metadata_date_uses_dateline(tmp_path: Path) -> None:
    html = fx.html_page(5, date=None, body=fx.text_with_dateline(5))
    a = only(fx.write(tmp_path, "d.html", html)).article
    assert a.published == "2024-03-04" and a.date_method == "dateline"


def test_broken_html_still_yields_text(tmp_path: Path) -> None:
    a = only(fx.write(tmp_path, "broken.html", fx.broken_html(6))).article
    assert fx.paragraphs(3, seed=6)[1] in a.text


def test_page_without_main_text_fails(tmp_path: Path) -> None:
    r = only(fx.write(tmp_path, "index.html", fx.nav_only_html()))
    assert (r.status, r.code) == ("failed", "BW-I007")


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    html = fx.html_page(7, charset="iso-8859-1", title="Grüße aus Kessel")
    a = only(fx.write(tmp_path, "l1.html", html.encode("latin-1"))).article
    assert a.title == "Grüße aus Kessel"


# --- JSON / JSONL --------------------------------------------------------------------------
def test_json_single_record_and_list(tmp_path: Path) -> None:
    recs = fx.records(3)
    one = only(fx.write(tmp_path, "one.json", fx.dumps(recs[0]))).article
    assert one.id == content_id(recs[0]["text"]) and one.meta["record_id"] == "rec-0"
    assert (one.published, one.date_method, one.source, one.title) == ("2024-03-01", "record", "Ostmark Wire", "Report 0")
    results = run(fx.write(tmp_path, "many.json", fx.dumps(recs)))
    assert [r.item[-2:] for r in results] == ["#1", "#2", "#3"] and all(r.status == "ok" for r in results)


def test_json_list_with_bad_records_goes_on(tmp_path: Path) -> None:
    recs = fx.records(2) + [{"id": "x", "title": "no text"}, ["not", "an", "object"]]
    statuses = [(r.status, r.code) for r in run(fx.write(tmp_path, "mixed.json", fx.dumps(recs)))]
    assert statuses == [("ok", None), ("ok", None), ("failed", "BW-I007"), ("failed", "BW-I006")]


def test_malformed_json_file_fails(tmp_path: Path) -> None:
    r = only(fx.write(tmp_path, "bad.json", '{"text": "unterminated'))
    assert (r.status, r.code) == ("failed", "BW-I006")


def test_jsonl_malformed_line_among_good_ones(tmp_path: Path) -> None:
    recs = fx.records(3)
    lines = [fx.dumps(recs[0]), '{"text": broken', "", fx.dumps(recs[1]), fx.dumps({"title": "x"}), fx.dumps(recs[2])]
    results = run(fx.write(tmp_path, "a.jsonl", fx.jsonl(lines)))
    got = [(r.item.rsplit(":", 1)[1], r.status, r.code) for r in results]
    assert got == [("1", "ok", None), ("2", "failed", "BW-I006"), ("4", "ok", None), ("5", "failed", "BW-I007"),
                   ("6", "ok", None)]


def test_jsonl_overlong_line_fails_alone(tmp_path: Path) -> None:
    recs = fx.records(2)
    big = fx.dumps({"text": "word " * 5000})
    results = run(fx.write(tmp_path, "b.jsonl", fx.jsonl([fx.dumps(recs[0]), big, fx.dumps(recs[1])])), max_bytes=4000)
    assert [(r.status, r.code) for r in results] == [("ok", None), ("failed", "BW-I005"), ("ok", None)]


def test_record_aliases_and_bad_dates(tmp_path: Path) -> None:
    lines = [fx.dumps({"body": fx.story(1), "reference_date": "2024-02-01"}), fx.dumps({"text": fx.story(2), "published": "someday"})]
    a, b = [r.article for r in run(fx.write(tmp_path, "c.jsonl", fx.jsonl(lines)))]
    assert (a.published, a.date_method) == ("2024-02-01", "record")
    assert (b.published, b.date_method, b.meta["published_raw"]) == (None, "none", "someday")


# --- feeds ---------------------------------------------------------------------------------
def test_rss_full_text_teaser_and_empty_entries(tmp_path: Path) -> None:
    full = "".join(f"<p>{p}</p>" for p in fx.paragraphs(3, seed=8))
    feed = fx.rss_feed([
        {"title": "Full story", "link": "https://kessel-courier.example/full", "date": "Tue, 05 Mar 2024 10:00:00 GMT", "text": full},
        {"title": "Teaser", "link": "https://kessel-courier.example/teaser", "text": "Short teaser."},
        {"title": "Nothing", "text": ""},
    ])
    results = run(fx.write(tmp_path, "feed.xml", feed))
    assert [r.item.rsplit("#", 1)[1] for r in results] == ["1", "2", "3"]
    first, teaser, empty = results
    a = first.article
    assert first.status == "ok" and (a.published, a.date_method) == ("2024-03-05T10:00:00+00:00", "feed")
    assert a.title == "Full story" and a.source == "Kessel Courier World" and a.url.endswith("/full")
    assert "<p>" not in a.text and fx.paragraphs(3, seed=8)[2] in a.text
    assert teaser.status == "skipped" and "follow_links" in teaser.reason
    assert empty.status == "skipped" and "no link" in empty.reason


@pytest.mark.parametrize(("title", "link", "outlet"), [
    ("Atlantic Monitor - Americas", "https://atlanticmonitor.example/americas", "Atlantic Monitor"),
    ("World news | The Guardian", "https://www.theguardian.com/world", "The Guardian"),
    ("BBC News - World", "https://www.bbc.co.uk/news/world", "BBC News"),
    ("Top stories - Google News", "https://news.google.com", "Top stories - Google News"),  # no part is the domain's
    ("Meridian Desk", None, "Meridian Desk"),
])
def test_feed_title_section_is_not_part_of_the_outlet(title: str, link: str | None, outlet: str) -> None:
    """An outlet's section feed and its pages must count as one source in corroboration."""
    from brinkwatch.ingest.feeds import outlet_of_feed

    assert outlet_of_feed(title, link) == outlet


def test_atom_feed(tmp_path: Path) -> None:
    a = only(fx.write(tmp_path, "wire.atom", fx.atom_feed(9))).article
    assert a.title == "Ostmark recalls envoy" and a.source == "Ostmark Wire" and a.date_method == "feed"


def test_malformed_feed_fails(tmp_path: Path) -> None:
    r = only(fx.write(tmp_path, "bad.rss", b"<rss><channel><title>x</ti"))
    assert (r.status, r.code) == ("failed", "BW-I006")


# --- WARC ----------------------------------------------------------------------------------
def _pages() -> list[tuple[str, bytes, str]]:
    return [
        ("https://kessel-courier.example/a", fx.html_page(10).encode(), "text/html; charset=utf-8"),
        ("https://kessel-courier.example/logo.png", b"\x89PNG" + fx.junk(100), "image/png"),
        ("https://kessel-courier.example/b", fx.html_page(11, date=None).encode(), "text/html"),
    ]


@pytest.mark.parametrize("gz", [True, False])
def test_warc_records(tmp_path: Path, gz: bool) -> None:
    path = fx.write(tmp_path, "crawl.warc.gz" if gz else "crawl.warc", fx.warc(_pages(), gz=gz))
    results = run(path)
    assert [r.item.rsplit("#", 1)[1] for r in results] == ["record-2", "record-3", "record-4"]
    a, png, b = results
    assert a.status == "ok" and a.article.url == "https://kessel-courier.example/a" and a.article.date_method == "metadata"
    assert png.status == "skipped" and "image/png" in png.reason
    assert b.article.published == "2024-03-08T10:00:00+00:00" and b.article.date_method == "warc"


def test_truncated_warc_keeps_records_read(tmp_path: Path) -> None:
    data = fx.warc(_pages(), gz=True)
    path = fx.write(tmp_path, "cut.warc.gz", data[: len(data) - 200])
    results = run(path)
    assert [r.status for r in results] == ["ok", "skipped", "failed"]
    assert results[-1].code == "BW-I006" and "truncated" in results[-1].reason


def test_garbage_warc_fails(tmp_path: Path) -> None:
    results = run(fx.write(tmp_path, "junk.warc", b"WARC/1.0\r\nnonsense" + fx.junk(500)))
    assert results and results[-1].status == "failed" and results[-1].code == "BW-I006"


# --- detection, language, directories --------------------------------------------------------
def test_detect_kind(tmp_path: Path) -> None:
    assert detect_kind(fx.html_page().encode()) == "html"
    assert detect_kind(fx.rss_feed([])) == "feed"
    assert detect_kind(fx.atom_feed()) == "feed"
    assert detect_kind(fx.warc(_pages())) == "warc"
    assert detect_kind(fx.jsonl([fx.dumps(r) for r in fx.records(2)])) == "jsonl"
    assert detect_kind(b'[{"text": "x"}]') == "json"
    assert detect_kind(b"%PDF-1.4 ...") == "unsupported"
    assert detect_kind(fx.junk()) == "binary"
    assert detect_kind(b"") == "empty"
    assert detect_kind(fx.story().encode()) == "text"
    assert detect_kind(fx.write(tmp_path, "noext", fx.html_page())) == "html"
    assert detect_kind(fx.write(tmp_path, "x.xml", fx.rss_feed([]))) == "feed"


def test_non_english_article_is_kept(tmp_path: Path) -> None:
    r = only(fx.write(tmp_path, "de.txt", fx.GERMAN))
    assert r.status == "ok" and r.article.language == "de"


def test_non_english_article_says_it_is_stored_uncoded(tmp_path: Path) -> None:
    """A user who finds no events for an article learns why from its status and the summary."""
    import brinkwatch

    with brinkwatch.open(tmp_path / "s.duckdb") as bw:
        report = bw.ingest([str(fx.write(tmp_path, "de.txt", fx.GERMAN))])
        assert report.ok == 1 and report.uncoded == 1 and "1 stored uncoded" in report.summary()
        status = bw.statuses()
        assert status.iloc[0]["status"] == "ok" and "not coded" in status.iloc[0]["reason"]
        assert "'de'" in status.iloc[0]["reason"] and len(bw.events()) == 0


def test_language_filter_skips(tmp_path: Path) -> None:
    r = only(fx.write(tmp_path, "de.txt", fx.GERMAN), languages=("en",))
    assert (r.status, r.code) == ("skipped", "BW-I010")


def test_directory_mixing_everything(tmp_path: Path) -> None:
    d = tmp_path / "batch"
    fx.write(d, "a_dateline.txt", fx.text_with_dateline(1))
    fx.write(d, "b_page.html", fx.html_page(2))
    fx.write(d, "c_empty.txt", b"")
    fx.write(d, "d_junk.txt", fx.junk())
    fx.write(d, "e_recs.jsonl", fx.jsonl([fx.dumps(fx.records(1)[0]), "{oops"]))
    fx.write(d, "f_feed.rss", fx.rss_feed([{"title": "t", "text": "".join(fx.paragraphs(2, seed=3))}]))
    fx.write(d, "g_crawl.warc.gz", fx.warc(_pages()[:1]))
    fx.write(d, "h_photo.png", b"\x89PNG\r\n" + fx.junk(50))
    fx.write(d, "sub/i_de.txt", fx.GERMAN)
    fx.write(d, ".hidden.txt", fx.story(1))
    fx.write(d, ".git/config.txt", fx.story(2))
    fx.write(d, "j_bad.rss", b"<rss><chan")
    got = [(Path(r.item).name, r.status, r.code) for r in run(d)]
    assert got == [
        ("a_dateline.txt", "ok", None), ("b_page.html", "ok", None), ("c_empty.txt", "failed", "BW-I003"),
        ("d_junk.txt", "failed", "BW-I004"), ("e_recs.jsonl:1", "ok", None), ("e_recs.jsonl:2", "failed", "BW-I006"),
        ("f_feed.rss#1", "ok", None), ("g_crawl.warc.gz#record-2", "ok", None), ("h_photo.png", "skipped", "BW-I002"),
        ("j_bad.rss", "failed", "BW-I006"), ("i_de.txt", "ok", None),
    ]


def test_same_text_twice_gets_same_id(tmp_path: Path) -> None:
    a = only(fx.write(tmp_path, "x.txt", fx.story(4))).article
    b = only(fx.write(tmp_path, "y.json", json.dumps({"text": fx.story(4) + "\n"}))).article
    assert a.id == b.id


# --- the real seeds (read at run time, never copied) ------------------------------------------
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")
def test_seed_files_title_and_date() -> None:
    results = {Path(r.item).name[:3]: r.article for r in iter_sources([str(SEEDS)])}
    assert results["000"].published == "2025-12-01" and results["000"].date_method == "dateline"
    assert results["003"].published == "2025-12-03"
    assert results["003"].title == "Trump Rejects Maduro Amnesty in Tense Phone Call"
    assert not results["003"].text.startswith(("Trump Rejects", "5 min read"))
    assert all(a.language == "en" for a in results.values())


# --- gzip-compressed files -------------------------------------------------------------------
def test_gzipped_jsonl_and_text(tmp_path: Path) -> None:
    lines = fx.jsonl([fx.dumps(r) for r in fx.records(3)])
    assert [r.status for r in run(fx.write(tmp_path, "r.jsonl.gz", fx.gzip_bytes(lines)))] == ["ok"] * 3
    a = only(fx.write(tmp_path, "t.txt.gz", fx.gzip_bytes(fx.text_with_dateline(3).encode()))).article
    assert a.published == "2024-03-04"


def test_truncated_gzipped_jsonl_keeps_lines_read(tmp_path: Path) -> None:
    lines = fx.jsonl([fx.dumps(r) for r in fx.records(6)])
    data = fx.gzip_bytes(lines)
    results = run(fx.write(tmp_path, "cut.jsonl.gz", data[: int(len(data) * 0.7)]))
    assert results[-1].status == "failed" and results[-1].code == "BW-I006" and "truncated" in results[-1].reason
    assert all(r.status == "ok" for r in results[:-1]) and len(results) >= 2


def test_gzip_bomb_stops_at_the_cap(tmp_path: Path) -> None:
    bomb = fx.write(tmp_path, "bomb.txt.gz", fx.gzip_bytes(b"word " * 400_000))
    r = only(bomb, max_bytes=10_000)
    assert (r.status, r.code) == ("failed", "BW-I005") and "decompresses" in r.reason


def test_other_xml_is_not_an_article(tmp_path: Path) -> None:
    sitemap = b'<?xml version="1.0"?><urlset><url><loc>https://kessel-courier.example/a</loc></url></urlset>'
    assert detect_kind(sitemap) == "unsupported"
    assert only(fx.write(tmp_path, "sitemap.xml", sitemap)).code == "BW-I002"


def test_utf16_with_bom_is_text_not_binary(tmp_path: Path) -> None:
    body = fx.text_with_dateline(4)
    a = only(fx.write(tmp_path, "u16.txt", body.encode("utf-16"))).article
    assert a.published == "2024-03-04" and a.meta["encoding"].startswith("utf-16")
