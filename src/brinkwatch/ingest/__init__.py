"""Ingest: every kind of source -> :class:`~brinkwatch.model.Article`, with a status per input item.

>>> from brinkwatch.ingest import iter_sources
>>> for result in iter_sources(["articles/", "https://example.org/feed.xml"]):
...     print(result.item, result.status, result.code or "", result.reason or "")

One module per kind of source: :mod:`.plaintext`, :mod:`.webpage` (HTML), :mod:`.records`
(JSON/JSONL), :mod:`.feeds` (RSS/Atom), :mod:`.warc`, :mod:`.fetch` (URLs); shared steps in
:mod:`.decode` (size cap, binary and encoding detection), :mod:`.detect`, :mod:`.dates`,
:mod:`.language`, :mod:`.article` and :mod:`.dedup` (near-duplicate fingerprints).
"""

from .article import Draft, finish
from .detect import KINDS, detect_kind
from .fetch import Fetcher, check_host
from .sources import ingest_bytes, ingest_file, ingest_url, iter_sources

__all__ = [
    "iter_sources", "ingest_file", "ingest_url", "ingest_bytes", "detect_kind", "KINDS",
    "Draft", "finish", "Fetcher", "check_host",
]
