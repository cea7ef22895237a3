"""Article records in JSON (one object or a list) and JSONL (one object per line).

A record is ``{"id", "title", "text", "published", "source", "url"}``; common aliases
(``body``/``content`` for the text, ``date``/``reference_date``/``dct`` for the date) are read
too, so gold files and other tools' exports load as they are. Our id is always the content
hash of the text; the record's own id is kept in ``meta["record_id"]``. One bad record or
line fails alone; the others go on. JSONL is read line by line, so the size cap applies to
each line, not to the whole file.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import IngestError, InputTooLarge, MalformedInput, NoArticleText
from ..model import IngestResult
from .article import Draft, domain_of, failed, ok
from .dates import normalise_published
from .decode import decode, size_hint

_TEXT_KEYS = ("text", "body", "content")
_DATE_KEYS = ("published", "date", "publication_date", "reference_date", "dct")
_KNOWN = frozenset(("id", "title", "source", "url", *_TEXT_KEYS, *_DATE_KEYS))


def record_draft(record: Any, name: str) -> Draft:
    """The draft of one record; raises MalformedInput (not an object) or NoArticleText (no text)."""
    if not isinstance(record, dict):
        raise MalformedInput(
            f"{name} is a JSON {type(record).__name__}, not an article object.",
            hint='Each record must be an object like {"title": ..., "text": ..., "published": ...}.',
        )
    text = next((record[k] for k in _TEXT_KEYS if isinstance(record.get(k), str) and record[k].strip()), None)
    if text is None:
        raise NoArticleText(f"{name} has no 'text'.", hint='Add the article body as a "text" string, or drop the record.')
    raw_date = next((record[k] for k in _DATE_KEYS if record.get(k) not in (None, "")), None)
    published = normalise_published(raw_date)
    meta: dict[str, Any] = {"record_id": record.get("id")}
    if raw_date is not None and published is None:
        meta["published_raw"] = str(raw_date)
    extra = {k: v for k, v in record.items() if k not in _KNOWN and isinstance(v, (str, int, float, bool))}
    if extra:
        meta["record"] = extra
    url = record.get("url") if isinstance(record.get("url"), str) else None
    source = record.get("source") if isinstance(record.get("source"), str) else None
    title = record.get("title") if isinstance(record.get("title"), str) else None
    return Draft(
        text=text,
        title=title,
        source=source or domain_of(url),
        url=url,
        published=published,
        date_method="record" if published else "none",
        meta=meta,
    )


def _result(name: str, record: Any) -> IngestResult:
    try:
        return ok(name, record_draft(record, name))
    except IngestError as err:
        return failed(name, err)


def iter_json(data: bytes, name: str) -> Iterator[IngestResult]:
    """A JSON file: one object (item ``name``) or a list (items ``name#1``, ``name#2`` ...)."""
    try:
        text, _ = decode(data, name=name)
        value = json.loads(text)
    except IngestError as err:
        yield failed(name, err)
        return
    except json.JSONDecodeError as exc:
        yield failed(name, MalformedInput(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).",
            hint="Fix the file, or use JSONL (one record per line) so one bad record does not spoil the rest.",
        ))
        return
    if isinstance(value, list):
        if not value:
            yield IngestResult(item=name, status="skipped", reason="The JSON list is empty; there is nothing to ingest.")
        for i, record in enumerate(value, start=1):
            yield _result(f"{name}#{i}", record)
    else:
        yield _result(name, value)


def iter_jsonl(path: Path, name: str, max_bytes: int, *, gzipped: bool = False) -> Iterator[IngestResult]:
    """A JSONL file (or .jsonl.gz), line by line (items ``name:LINE``); blank lines are not items.

    A compressed file that breaks off keeps the lines read, then yields one failed item.
    """
    lineno = 0
    with (gzip.open(path, "rb") if gzipped else path.open("rb")) as fh:
        lines = _capped_lines(fh, max_bytes)
        while True:
            try:
                raw = next(lines)
            except StopIteration:
                return
            except (OSError, EOFError, zlib.error) as exc:
                yield failed(f"{name}:{lineno + 1}", MalformedInput(
                    f"{name} is truncated or corrupt after line {lineno} ({exc}); the lines before were read.",
                    hint="Re-create or re-download the file and ingest it again; stored records are skipped.",
                ))
                return
            lineno += 1
            item = f"{name}:{lineno}"
            if raw is None:
                yield failed(item, InputTooLarge(f"Line {lineno} of {name} is over the size limit.", hint=size_hint(max_bytes)))
            elif raw.strip():
                yield from jsonl_line(raw, item)


def jsonl_line(raw: bytes, item: str) -> Iterator[IngestResult]:
    try:
        text, _ = decode(raw, name=item)
        record = json.loads(text)
    except IngestError as err:
        yield failed(item, err)
        return
    except json.JSONDecodeError as exc:
        yield failed(item, MalformedInput(
            f"{item} is not valid JSON ({exc.msg} at column {exc.colno}).",
            hint="Fix or remove this line; the other lines were read.",
        ))
        return
    yield _result(item, record)


def _capped_lines(fh: Any, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of a binary file; a line over ``max_bytes`` is skipped without being held and yields None."""
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # drop the rest of the overlong line, a bounded chunk at a time
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line
