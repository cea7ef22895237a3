"""Every kind of source -> a stream of IngestResult, one per input item, whatever goes wrong.

Paths (files or directories, walked recursively in sorted order, hidden entries skipped) and
http(s) URLs are accepted. Each kind has its own module; this one only walks, routes and
makes sure a bad item ends as a ``failed`` or ``skipped`` result instead of stopping the batch.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import httpx

from ..config import IngestOptions
from ..errors import (
    BinaryInput, EmptyInput, IngestError, InputNotFound, InputTooLarge, UnsupportedInput, UnsupportedLanguage,
)
from ..model import IngestResult
from .article import Draft, failed, ok, skipped
from .decode import binary_error, decode, read_capped, read_gzipped, size_hint
from .detect import binary_format, detect_kind, extension_of, is_gzipped, sniff
from .feeds import iter_feed
from .fetch import Fetched, Fetcher, is_url
from .plaintext import parse_text
from .records import iter_json, iter_jsonl, jsonl_line
from .warc import iter_warc
from .webpage import parse_html

_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_XML_TYPES = frozenset({"application/xml", "text/xml"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def iter_sources(
    sources: Iterable[str | os.PathLike[str]],
    options: IngestOptions | None = None,
    *,
    transport: httpx.BaseTransport | None = None,
) -> Iterator[IngestResult]:
    """One IngestResult per input item of every source, in order; never raises for a bad item.

    ``transport`` replaces httpx's network transport (tests pass ``httpx.MockTransport``).
    """
    opts = options or IngestOptions()
    fetcher: Fetcher | None = None
    try:
        for source in sources:
            text = os.fspath(source)
            if is_url(text):
                if fetcher is None:
                    fetcher = Fetcher(opts, transport)
                results = _guard(text, lambda: ingest_url(text, opts, fetcher=fetcher))
            else:
                results = _iter_path(Path(text), text, opts, transport)
            for result in results:
                yield _language_filter(result, opts.languages)
    finally:
        if fetcher is not None:
            fetcher.close()


def _language_filter(result: IngestResult, languages: tuple[str, ...] | None) -> IngestResult:
    """Skip an article in a language outside ``languages`` (unknown languages are kept)."""
    article = result.article
    if not languages or article is None or article.language is None or article.language in languages:
        return result
    return skipped(
        result.item,
        f"The article is in '{article.language}', not in {', '.join(languages)}. "
        "Widen IngestOptions.languages (or leave it unset) to keep it.",
        code=UnsupportedLanguage.code,
    )


def _guard(item: str, produce: Callable[[], Iterable[IngestResult]]) -> Iterator[IngestResult]:
    """Run a producer of results; an unexpected exception becomes one failed result, not a crash."""
    try:
        yield from produce()
    except IngestError as err:
        yield failed(item, err)
    except OSError as exc:
        yield failed(item, IngestError(
            f"{item} cannot be read ({exc.strerror or exc}).", hint="Check its permissions, or remove it from the batch."
        ))
    except Exception as exc:  # noqa: BLE001 - a third-party parser choking on hostile input must not stop the batch
        yield failed(item, IngestError(
            f"{item}: unexpected {type(exc).__name__} while reading it ({exc}).",
            hint="The item was skipped; if the input looks valid, please report this with the file attached.",
        ))


def _iter_path(path: Path, name: str, opts: IngestOptions, transport: httpx.BaseTransport | None) -> Iterator[IngestResult]:
    if not path.exists():
        yield failed(name, InputNotFound(f"{name} does not exist.", hint="Check the path (relative paths start from the current directory)."))
        return
    if path.is_dir():
        for file in _walk(path):
            yield from _guard(str(file), lambda f=file: ingest_file(f, opts, in_directory=True, transport=transport))
        return
    yield from _guard(name, lambda: ingest_file(path, opts, name=name, transport=transport))


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root``, sorted, depth first, hidden files and directories skipped."""
    try:
        entries = sorted(root.iterdir(), key=lambda p: p.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():  # a linked directory could loop back on itself
                yield from _walk(entry)
        elif entry.is_file():
            yield entry


def ingest_file(
    path: str | os.PathLike[str],
    options: IngestOptions | None = None,
    *,
    name: str | None = None,
    in_directory: bool = False,
    transport: httpx.BaseTransport | None = None,
) -> Iterator[IngestResult]:
    """Results of one file (several for a feed, WARC, JSON list or JSONL file).

    In a directory an unsupported file type is ``skipped``; named on its own it is ``failed``.
    """
    opts = options or IngestOptions()
    path = Path(path)
    name = name or str(path)
    kind = detect_kind(path)
    size = path.stat().st_size
    if size > opts.max_bytes and kind not in ("warc", "jsonl", "unsupported"):  # those two are capped per item
        raise InputTooLarge(f"{name} is {size:,} bytes, over the size limit.", hint=size_hint(opts.max_bytes))
    if kind == "unsupported":
        with path.open("rb") as fh:
            label = binary_format(fh.read(64)) or f"'{extension_of(path) or path.name}' files"
        reason = f"{name}: brinkwatch does not read {label}."
        hint = "It reads .txt, .html, .json, .jsonl, RSS/Atom feeds and .warc(.gz) files; convert the file to text first."
        if in_directory:
            yield skipped(name, f"{reason} {hint}", code=UnsupportedInput.code)
        else:
            yield failed(name, UnsupportedInput(reason, hint=hint))
        return
    if kind == "empty":
        raise EmptyInput(f"{name} is empty.", hint="Check the file or remove it from the batch.")
    if kind == "binary":
        raise binary_error(name)
    if kind == "warc":
        yield from iter_warc(path, name, opts)
        return
    gzipped = is_gzipped(path)
    if kind == "jsonl":
        yield from iter_jsonl(path, name, opts.max_bytes, gzipped=gzipped)
        return
    data = read_gzipped(path, opts.max_bytes, name=name) if gzipped else read_capped(path, opts.max_bytes, name=name)
    if kind == "feed" and opts.follow_links:
        with Fetcher(opts, transport) as fetcher:
            yield from ingest_bytes(data, name, opts, kind=kind, fetcher=fetcher)
    else:
        yield from ingest_bytes(data, name, opts, kind=kind)


def ingest_bytes(
    data: bytes,
    name: str,
    options: IngestOptions | None = None,
    *,
    kind: str | None = None,
    url: str | None = None,
    charset: str | None = None,
    fetcher: Fetcher | None = None,
) -> Iterator[IngestResult]:
    """Results of an in-memory document (an upload, a fetched body); ``kind`` is sniffed when not given.

    ``fetcher``, when given, lets feed entries without enough text fetch their linked page.
    """
    opts = options or IngestOptions()
    if len(data) > opts.max_bytes:
        raise InputTooLarge(f"{name} is {len(data):,} bytes, over the size limit.", hint=size_hint(opts.max_bytes))
    kind = kind or sniff(data[:4096])
    if kind == "empty":
        raise EmptyInput(f"{name} has no text.", hint="Check the input or remove it from the batch.")
    if kind == "binary":
        raise binary_error(name)
    if kind == "warc":
        raise UnsupportedInput(f"{name} is a WARC file, which is read from disk only.", hint="Save it to a file and ingest the path.")
    if kind == "unsupported":
        raise UnsupportedInput(
            f"{name}: brinkwatch does not read {binary_format(data[:64]) or 'this kind of content'}.",
            hint="It reads text, HTML, JSON/JSONL, RSS/Atom and WARC; convert the document to one of those first.",
        )
    if kind == "feed":
        reader = (lambda link: read_url(link, opts, fetcher)) if fetcher is not None else None
        yield from iter_feed(data, name, base_url=url, read_link=reader)
        return
    if kind == "jsonl":
        yield from _jsonl_bytes(data, name)
        return
    if kind == "json":
        yield from iter_json(data, name)
        return
    text, encoding = decode(data, name=name, declared=charset)
    if kind == "html":
        draft = parse_html(text, url=url, name=name)
    else:
        draft = parse_text(text)
        draft.url = url
    draft.meta["encoding"] = encoding
    yield ok(name, draft)


def _jsonl_bytes(data: bytes, name: str) -> Iterator[IngestResult]:
    for lineno, raw in enumerate(data.split(b"\n"), start=1):
        if raw.strip():
            yield from jsonl_line(raw, f"{name}:{lineno}")


def _kind_of(fetched: Fetched) -> str:
    """HTML, feed or text by the content type, sniffing when it is vague (XML, octet-stream, none)."""
    media = fetched.content_type
    if media in _HTML_TYPES:
        return "html"
    if media in _FEED_TYPES:
        return "feed"
    if media == "application/json":
        return "json"
    if media in ("application/x-ndjson", "application/jsonl"):
        return "jsonl"
    sniffed = sniff(fetched.body[:4096])
    if media == "text/plain" and sniffed not in ("binary", "empty"):
        return "text"
    if media in _XML_TYPES and sniffed not in ("feed", "html"):
        return "feed"
    return sniffed


def ingest_url(url: str, options: IngestOptions | None = None, *, fetcher: Fetcher | None = None,
               transport: httpx.BaseTransport | None = None) -> Iterator[IngestResult]:
    """Results of one URL: a page, a text, a JSON file or a feed (whose entries may follow their links)."""
    opts = options or IngestOptions()
    own = fetcher is None
    fetcher = fetcher or Fetcher(opts, transport)
    try:
        fetched = fetcher.get(url)
        kind = _kind_of(fetched)
        if kind == "binary":
            raise BinaryInput(f"{url} sent binary data ({fetched.content_type or 'no content type'}).",
                              hint="Give the address of an article page, a feed or a text file.")
        follow = opts.follow_links if opts.follow_links is not None else True
        yield from ingest_bytes(fetched.body, url, opts, kind=kind, url=fetched.url, charset=fetched.charset,
                                fetcher=fetcher if follow else None)
    finally:
        if own:
            fetcher.close()


def read_url(url: str, options: IngestOptions, fetcher: Fetcher) -> Draft:
    """The Draft of the page at ``url`` (a feed entry's link): HTML or plain text only."""
    fetched = fetcher.get(url)
    kind = _kind_of(fetched)
    if kind not in ("html", "text"):
        raise UnsupportedInput(f"{url} is {fetched.content_type or kind}, not an article page.",
                               hint="Only HTML and text pages are read from feed links.")
    text, encoding = decode(fetched.body, name=url, declared=fetched.charset)
    draft = parse_html(text, url=fetched.url, name=url) if kind == "html" else parse_text(text)
    draft.url = fetched.url
    draft.meta["encoding"] = encoding
    return draft
