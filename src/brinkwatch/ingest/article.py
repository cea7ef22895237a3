"""The last step shared by every reader: a :class:`Draft` becomes an :class:`~brinkwatch.model.Article`.

Readers only find text and metadata; the id, language and near-duplicate fingerprint are
computed here, once, the same way for every kind of source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..errors import IngestError, NoArticleText
from ..model import Article, IngestResult, content_id
from .dedup import fingerprint
from .language import detect_language

_BLANK_RUNS = re.compile(r"\n{3,}")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


@dataclass(slots=True)
class Draft:
    """What a reader found in one item, before ids and fingerprints."""

    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    date_method: str = "none"
    meta: dict[str, Any] = field(default_factory=dict)


def clean_text(text: str) -> str:
    """Newlines normalised, trailing spaces and runs of blank lines removed, ends stripped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_RUNS.sub("\n\n", text).strip()


def domain_of(url: str | None) -> str | None:
    """``www.example-times.com`` -> ``example-times.com``; None for a missing or odd URL."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def finish(draft: Draft, origin: str) -> Article:
    """The Article of a draft: content-hash id, language, fingerprint. Raises NoArticleText if it has no text."""
    text = clean_text(draft.text)
    if not text:
        raise NoArticleText(
            f"{origin} has no article text.",
            hint="It may be an index page, a login wall or a page that needs JavaScript; ingest the article page itself.",
        )
    title = re.sub(r"\s+", " ", draft.title).strip() if draft.title else None
    return Article(
        id=content_id(text),
        text=text,
        title=title or None,
        source=draft.source or domain_of(draft.url),
        url=draft.url,
        published=draft.published,
        date_method=draft.date_method if draft.published else "none",
        language=detect_language(text),
        origin=origin,
        fingerprint=fingerprint(text),
        meta={k: v for k, v in draft.meta.items() if v not in (None, "", [], {})},
    )


def failed(item: str, err: IngestError) -> IngestResult:
    """The failed result of an item: the error's code, and a reason that says what to do."""
    reason = err.message + (f" {err.hint}" if err.hint else "")
    return IngestResult(item=item, status="failed", reason=reason, code=err.code)


def skipped(item: str, reason: str, code: str | None = None) -> IngestResult:
    return IngestResult(item=item, status="skipped", reason=reason, code=code)


def ok(item: str, draft: Draft) -> IngestResult:
    """An ok result, or a failed one if the draft turns out to have no text."""
    try:
        return IngestResult(item=item, status="ok", article=finish(draft, item))
    except IngestError as err:
        return failed(item, err)
