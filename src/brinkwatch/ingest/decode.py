"""Bytes -> text, safely: a size cap before reading, empty and binary input refused, encoding detection.

Every reader of a file or a fetched body goes through here, so the same hostile input
(an empty file, a PNG renamed .txt, a 50 MB page) fails the same way with the same code,
whatever its format claims to be.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from ..errors import BinaryInput, EmptyInput, InputTooLarge, MalformedInput

#: Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:-]{2,40})["']""", re.I)
#: Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.05
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def size_hint(max_bytes: int) -> str:
    return (
        f"The limit is {max_bytes:,} bytes: raise it with BRINKWATCH_MAX_BYTES (or IngestOptions.max_bytes) "
        "if this really is one article."
    )


def read_capped(path: Path, max_bytes: int, *, name: str | None = None) -> bytes:
    """The bytes of ``path``, refusing a file over ``max_bytes`` from its size alone (never read whole)."""
    label = name or str(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise InputTooLarge(f"{label} is {size:,} bytes, over the size limit.", hint=size_hint(max_bytes))
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:  # the file grew while we looked at it
        raise InputTooLarge(f"{label} is over {max_bytes:,} bytes, the size limit.", hint=size_hint(max_bytes))
    if not data.strip():
        raise EmptyInput(f"{label} has no text.", hint="Check the file or remove it from the batch.")
    return data


def read_gzipped(path: Path, max_bytes: int, *, name: str | None = None) -> bytes:
    """The decompressed bytes of a .gz file, never more than ``max_bytes`` of them (a gzip bomb stops there)."""
    import gzip
    import zlib

    label = name or str(path)
    try:
        with gzip.open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise MalformedInput(f"{label} is not a readable gzip file ({exc}).", hint="Re-create or re-download it.") from exc
    if len(data) > max_bytes:
        raise InputTooLarge(f"{label} decompresses to over {max_bytes:,} bytes, the size limit.", hint=size_hint(max_bytes))
    if not data.strip():
        raise EmptyInput(f"{label} has no text.", hint="Check the file or remove it from the batch.")
    return data


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or an XML declaration names in the first few KB, if it is a known codec."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _try(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        return None


def decode(data: bytes, *, name: str, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text and say which encoding was used.

    Order: a byte-order mark; strict UTF-8 (right far more often than a wrong header);
    the charset declared by the transport (``declared``), then by the document itself;
    cp1252; latin-1. Raises EmptyInput for whitespace only and BinaryInput for data that
    is not text (NUL bytes, or many control characters once decoded).
    """
    if not data.strip():
        raise EmptyInput(f"{name} has no text.", hint="Check the file or remove it from the batch.")
    bom = bom_encoding(data)
    if bom:
        text = data[_bom_len(data):].decode(bom, errors="replace")
        encoding = bom
    else:
        if b"\x00" in data[:65536]:
            raise binary_error(name)
        encoding = "utf-8"
        text = _try(data, "utf-8")
        for candidate in (declared, declared_charset(data), "cp1252"):
            if text is not None:
                break
            text = _try(data, candidate)
            encoding = candidate or encoding
        if text is None:
            text, encoding = data.decode("latin-1"), "latin-1"
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise binary_error(name)
    if not text.strip():
        raise EmptyInput(f"{name} has no text.", hint="Check the file or remove it from the batch.")
    return text, encoding


def _bom_len(data: bytes) -> int:
    for bom, _ in _BOMS:
        if data.startswith(bom):
            return len(bom)
    return 0


def binary_error(name: str) -> BinaryInput:
    return BinaryInput(
        f"{name} is binary data, not text.",
        hint="brinkwatch reads text, HTML, JSON/JSONL, RSS/Atom and WARC files; remove this file or convert it to text.",
    )


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if ch not in _ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    return bad / len(sample)
