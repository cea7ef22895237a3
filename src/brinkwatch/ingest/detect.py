"""What kind of source is this? By file extension first, then by sniffing the first bytes.

The kinds are: ``text``, ``html``, ``feed``, ``json``, ``jsonl``, ``warc`` (readable), and
``binary``, ``empty``, ``unsupported`` (not readable: they end as failed or skipped items).
Sniffing matters for files with no or a misleading extension (``page.xml`` that is RSS,
``download`` that is HTML) and for fetched bodies whose content type is vague.
"""

from __future__ import annotations

import os
import re
import zlib
from pathlib import Path

from .decode import bom_encoding

KINDS: tuple[str, ...] = ("text", "html", "feed", "json", "jsonl", "warc", "binary", "empty", "unsupported")
READABLE: frozenset[str] = frozenset({"text", "html", "feed", "json", "jsonl", "warc"})

_EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".rss": "feed", ".atom": "feed",
    ".json": "json",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc", ".warc.gz": "warc",
}
#: Extensions we know are not articles we can read; in a directory they are skipped.
_UNSUPPORTED_EXTENSIONS = frozenset(
    ".pdf .png .jpg .jpeg .gif .webp .svg .ico .bmp .tif .tiff .mp3 .mp4 .wav .avi .mov .webm "
    ".zip .gz .tgz .bz2 .xz .7z .rar .tar .doc .docx .odt .xls .xlsx .ppt .pptx .epub "
    ".exe .dll .so .bin .pyc .parquet .duckdb .db .sqlite .csv .tsv .css .js .py".split()
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"), (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"), (b"\x7fELF", "executable"), (b"PAR1", "Parquet file"),
    (b"SQLite format 3", "SQLite database"), (b"RIFF", "media file"), (b"\x1f\x8b", "gzip archive"),
)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.I)
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|h[1-6])[\s>/]", re.I)
HEAD_BYTES = 4096


def extension_of(path: str | os.PathLike[str]) -> str:
    """The lower-case extension, treating ``.warc.gz`` and ``.jsonl.gz`` (any known kind + .gz) as one."""
    name = Path(path).name.lower()
    inner = Path(name[:-3]).suffix if name.endswith(".gz") else ""
    if inner in _EXTENSIONS:
        return inner + ".gz"
    return Path(name).suffix


def is_gzipped(path: str | os.PathLike[str]) -> bool:
    """A gzip-compressed text/HTML/JSON/feed file (``.jsonl.gz`` ...); WARC.gz is read by warcio itself."""
    ext = extension_of(path)
    return ext.endswith(".gz") and ext != ".warc.gz"


def binary_format(head: bytes) -> str | None:
    """The name of a known binary format whose magic number starts ``head``, if any."""
    for magic, label in _MAGIC:
        if head.startswith(magic):
            return label
    return None


def sniff(head: bytes) -> str:
    """The kind of a source from its first few KB."""
    if not head.strip():
        return "empty"
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        try:
            inner = zlib.decompressobj(wbits=31).decompress(head, 64)
        except zlib.error:
            return "unsupported"
        return "warc" if inner.startswith(b"WARC/") else "unsupported"
    if binary_format(head):
        return "unsupported"
    bom = bom_encoding(head)
    if bom and not bom.startswith("utf-8"):
        try:
            head = head.decode(bom, errors="ignore").encode("utf-8")
        except LookupError:
            pass
    elif b"\x00" in head:
        return "binary"
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if body.startswith(b"<"):
        if _FEED_ROOT.search(body[:2048]):
            return "feed"
        if _HTML_START.search(body[:2048]):
            return "html"
        if body.startswith(b"<?xml"):
            return "unsupported"  # some other XML (a sitemap, an office file part): not an article
        return "html" if re.search(rb"<(?:p|div|br|span|a)[\s>/]", body, re.I) else "text"
    if body.startswith(b"["):
        return "json"
    if body.startswith(b"{"):
        lines = [ln.strip() for ln in body.splitlines() if ln.strip()]
        if len(lines) > 1 and lines[0].endswith(b"}") and lines[1].startswith(b"{"):
            return "jsonl"
        return "json"
    return "text"


def detect_kind(source: str | os.PathLike[str] | bytes) -> str:
    """The kind of a file (by extension, then content) or of raw bytes (by content).

    Returns one of :data:`KINDS`. A path that does not exist raises ``FileNotFoundError``.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        return sniff(bytes(source[:HEAD_BYTES]))
    path = Path(source)
    ext = extension_of(path)
    if path.stat().st_size == 0:
        return "empty"
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    if ext == ".warc.gz" or ext == ".warc":
        return "warc"
    if is_gzipped(path):
        with path.open("rb") as fh:  # decompress only the start: a truncated file still has a readable head
            raw = fh.read(1 << 16)
        try:
            head = zlib.decompressobj(wbits=31).decompress(raw, HEAD_BYTES)
        except zlib.error:
            return "binary"
        sniffed = sniff(head)
        return _EXTENSIONS[ext[:-3]] if sniffed not in ("empty", "binary", "unsupported") else sniffed
    if ext in _UNSUPPORTED_EXTENSIONS:
        return "unsupported"
    sniffed = sniff(head)
    if sniffed in ("empty", "binary", "unsupported"):
        return sniffed
    known = _EXTENSIONS.get(ext)
    if known == "text" and sniffed == "html" and head.lstrip().lower().startswith((b"<!doctype html", b"<html")):
        return "html"  # a saved page with the wrong extension
    return known or sniffed
