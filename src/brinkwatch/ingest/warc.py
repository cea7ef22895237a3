"""WARC and WARC.gz crawl files (warcio): one item per ``response``/``resource`` record.

Items are named ``crawl.warc.gz#record-N`` with N counting every record in the file from 1
(so N finds the record with any WARC tool); warcinfo, request and metadata records carry no
document and are not items. HTML records go through the HTML reader; their URL is the
WARC-Target-URI and, when the page has no date, the capture date is used
(``date_method="warc"``). Non-HTML records and HTTP errors are skipped with the reason.

A crawl file that breaks off (a truncated download, garbage appended) keeps every record
read before the break, then yields one failed item for the rest. warcio reads a truncated
gzip member without complaint, so each record's block is checked against its
Content-Length.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..config import IngestOptions
from ..errors import IngestError, InputTooLarge, MalformedInput
from ..model import IngestResult
from .article import failed, ok, skipped
from .dates import normalise_published
from .decode import decode, size_hint
from .webpage import parse_html

_DOCUMENT_RECORDS = frozenset({"response", "resource"})
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class _Broken(Exception):
    """The current record is unreadable: its block ends early, or its header is not a WARC header."""


def iter_warc(path: Path, name: str, options: IngestOptions) -> Iterator[IngestResult]:
    """One result per document record; a final failed result if the file breaks off."""
    from warcio.archiveiterator import ArchiveIterator

    number = 0
    with path.open("rb") as fh:
        try:
            for record in ArchiveIterator(fh):
                number += 1
                if not record.rec_type or record.rec_headers.get_header("Content-Length") is None:
                    raise _Broken("no WARC-Type or Content-Length in the record header")
                if record.rec_type not in _DOCUMENT_RECORDS:
                    _drain(record)
                    continue
                yield _record_result(record, f"{name}#record-{number}", options)
        except Exception as exc:  # noqa: BLE001 - warcio raises many types on corrupt input
            broken = isinstance(exc, _Broken)  # raised inside record `number`, else while looking for the next one
            yield failed(f"{name}#record-{number + (0 if broken else 1)}", MalformedInput(
                f"{name} is truncated or corrupt after record {number - (1 if broken else 0)} "
                f"({type(exc).__name__}: {exc}); the records before it were read.",
                hint="Re-download or repair the file (for example with 'warcio check'), then ingest it again; "
                "records already stored are skipped.",
            ))
            return
    if number == 0:
        yield failed(name, MalformedInput(f"{name} holds no WARC records.", hint="Check that it is a WARC file."))


def _drain(record: Any) -> None:
    """Read the rest of a record's block; raise _Broken if the file ends inside it."""
    stream = record.raw_stream
    while stream.read(1 << 20):
        pass
    if getattr(stream, "limit", 0) > 0:
        raise _Broken(f"record block ends {stream.limit} bytes early")


def _record_result(record: Any, item: str, options: IngestOptions) -> IngestResult:
    url = record.rec_headers.get_header("WARC-Target-URI")
    warc_date = normalise_published(record.rec_headers.get_header("WARC-Date"))
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        status, content_type = "200", record.rec_headers.get_header("Content-Type") or ""
    media, _, params = content_type.partition(";")
    media = media.strip().lower()
    if status and not str(status).startswith("2"):
        _drain(record)
        return skipped(item, f"HTTP {status} response for {url}: not an article page.")
    if media not in _HTML_TYPES:
        _drain(record)
        return skipped(item, f"The record holds {media or 'an untyped body'} from {url}, not an HTML page.")
    body = record.content_stream().read(options.max_bytes + 1)
    if len(body) > options.max_bytes:
        _drain(record)
        return failed(item, InputTooLarge(f"{item} ({url}) is over the size limit.", hint=size_hint(options.max_bytes)))
    _drain(record)
    charset = params.partition("charset=")[2].strip(" \"'") or None
    try:
        html, _ = decode(body, name=item, declared=charset)
        draft = parse_html(html, url=url, name=item)
    except IngestError as err:
        return failed(item, err)
    if not draft.published and warc_date:
        draft.published, draft.date_method = warc_date, "warc"
    draft.meta["warc_date"] = warc_date
    draft.meta["warc_record_id"] = record.rec_headers.get_header("WARC-Record-ID")
    return ok(item, draft)
