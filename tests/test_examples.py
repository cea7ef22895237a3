"""The bundled example corpus (examples/crisis): every file parses, every article has a date,
the syndicated copy is a near-duplicate and nothing else is, and no seed text was copied."""

from __future__ import annotations

import itertools
import json
import re
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLES, SEEDS

CRISIS = EXAMPLES / "crisis"
FULL_DATE = re.compile(
    r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+20\d\d"
    r"|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+20\d\d)\b"
)
ISO_DATE = re.compile(r"^20\d\d-\d\d-\d\d")
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"


def files(suffix: str) -> list[Path]:
    return sorted(CRISIS.glob(f"*{suffix}"))


class _Page(HTMLParser):
    """Collects the publication date carriers and the paragraph text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.published: str | None = None
        self.times: list[str] = []
        self.open_tags: list[str] = []
        self.paragraphs: list[str] = []

    def handle_starttag(self, tag, attrs):  # noqa: ANN001, ANN201
        a = dict(attrs)
        if tag == "meta" and a.get("property") == "article:published_time":
            self.published = a.get("content")
        if tag == "time" and a.get("datetime"):
            self.times.append(a["datetime"])
        if tag not in ("meta", "link", "input", "br", "img"):
            self.open_tags.append(tag)
            if tag == "p":
                self.paragraphs.append("")

    def handle_endtag(self, tag):  # noqa: ANN001, ANN201
        assert self.open_tags and self.open_tags[-1] == tag, f"unbalanced </{tag}>"
        self.open_tags.pop()

    def handle_data(self, data):  # noqa: ANN001, ANN201
        if self.open_tags and self.open_tags[-1] == "p":
            self.paragraphs[-1] += data


def test_corpus_has_every_format():
    assert len(files(".txt")) >= 4 and len(files(".html")) >= 4
    assert len(files(".jsonl")) == 1 and len(files(".xml")) == 1
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    assert "fictional" in readme.lower()


def test_text_files_have_a_dated_header():
    datelines = 0
    for p in files(".txt"):
        head = p.read_text(encoding="utf-8").splitlines()[:6]
        assert any(FULL_DATE.search(line) for line in head), f"{p.name}: no date near the top"
        datelines += any(re.match(r"^[A-Z][\w ]+ – [A-Z][a-z]+ \d{1,2}, 20\d\d – ", line) for line in head)
    assert datelines >= 1  # one "City – Month D, YYYY –" dateline


def test_html_pages_parse_and_carry_a_date():
    only_time = 0
    for p in files(".html"):
        page = _Page()
        page.feed(p.read_text(encoding="utf-8"))
        page.close()
        date = page.published or (page.times[0] if page.times else None)
        assert date and ISO_DATE.match(date), f"{p.name}: no publication date"
        only_time += page.published is None
        words = len(" ".join(page.paragraphs).split())
        assert 150 <= words <= 400, f"{p.name}: {words} words"
    assert only_time >= 1  # some pages give the date only in <time>


def test_jsonl_records():
    (path,) = files(".jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert 3 <= len(lines) <= 4
    for line in lines:
        rec = json.loads(line)
        assert set(rec) == {"id", "title", "text", "published", "source", "url"}
        assert ISO_DATE.match(rec["published"]) and 150 <= len(rec["text"].split()) <= 400


def test_rss_feed_is_well_formed_with_full_text():
    (path,) = files(".xml")
    root = ET.parse(path).getroot()
    assert root.tag == "rss" and root.get("version") == "2.0"
    items = root.findall("./channel/item")
    assert 2 <= len(items) <= 3
    for item in items:
        assert parsedate_to_datetime(item.findtext("pubDate")).year == 2026
        body = item.findtext(CONTENT_NS) or item.findtext("description")
        assert len(re.sub(r"<[^>]+>", " ", body).split()) >= 150


def test_ingest_reads_every_article_with_a_date_and_finds_the_near_duplicate():
    ingest = pytest.importorskip("brinkwatch.ingest")
    from brinkwatch.ingest.dedup import NEAR_DUPLICATE_THRESHOLD, similarity

    results = list(ingest.iter_sources([str(CRISIS)]))
    assert all(r.status == "ok" for r in results), [(r.item, r.reason) for r in results if r.status != "ok"]
    articles = [r.article for r in results]
    assert 14 <= len(articles) <= 18
    for a in articles:
        assert a.published, f"{a.origin}: no publication date"
        assert 150 <= len(a.text.split()) <= 400, f"{a.origin}: {len(a.text.split())} words"
    near = [(Path(a.origin).name, Path(b.origin).name) for a, b in itertools.combinations(articles, 2)
            if similarity(a.fingerprint, b.fingerprint) >= NEAR_DUPLICATE_THRESHOLD]
    assert near == [("atlantic-monitor-2026-03-06-fishing-boat-syndicated.txt",
                     "tidewire-2026-03-06-vessel-strike.txt")]


def _shingles(text: str, n: int = 8) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_no_seed_text_was_copied():
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not seeds:
        pytest.skip("seeds not present")
    seed_shingles = set().union(*(_shingles(p.read_text(encoding="utf-8")) for p in seeds))
    for p in sorted(CRISIS.iterdir()):
        shared = _shingles(p.read_text(encoding="utf-8")) & seed_shingles
        assert not shared, f"{p.name} shares text with the seeds: {sorted(shared)[:3]}"
