"""HTML pages: the main text without boilerplate (trafilatura) and the publication date (htmldate).

Date order: the page's own metadata (meta tags, JSON-LD, time elements, URL;
``date_method="metadata"``), then a dateline opening the text (``"dateline"``). htmldate's
search of the whole page text is not used: it turns a "Copyright 2024" footer into
2024-01-01, and a wrong publication date misdates every relative date in the article. Broken markup is
parsed leniently by lxml; a page whose main text cannot be found is a failed item
(NoArticleText, BW-I007), never an empty article.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from ..errors import NoArticleText
from .article import Draft, domain_of
from .dates import find_dateline

#: htmldate rejects dates after this; generous, because crawl clocks and time zones drift.
_MAX_DATE_AHEAD = timedelta(days=2)
#: Less main text than this is a menu, a cookie notice or a teaser, not an article.
MIN_TEXT_CHARS = 100

# trafilatura and htmldate log routine misses (an empty page) as errors; those are our failed items.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


def _date_params(extensive: bool) -> dict[str, Any]:
    return {
        "extensive_search": extensive,
        "original_date": True,
        "outputformat": "%Y-%m-%d",
        "max_date": (datetime.now() + _MAX_DATE_AHEAD).strftime("%Y-%m-%d"),
    }


def parse_html(html: str, *, url: str | None = None, name: str = "page") -> Draft:
    """Main text and metadata of an HTML page. Raises NoArticleText when there is no main text."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        date_extraction_params=_date_params(extensive=False),
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    title = getattr(doc, "title", None)
    text = _drop_leading_title(text, title)
    if len(text) < MIN_TEXT_CHARS:
        raise NoArticleText(
            f"{name}: no main text found in the page ({len(text)} characters after removing boilerplate).",
            hint="It may be an index page, a login wall or a page built by JavaScript; "
            "save or ingest the article page itself, or use the site's feed.",
        )
    page_url = url or getattr(doc, "url", None) or None
    published = getattr(doc, "date", None) or None
    method = "metadata" if published else "none"
    meta: dict[str, Any] = {}
    if not published:
        found = find_dateline(text)
        if found:
            published, method = found[0], "dateline"
            meta["dateline_place"] = found[1]
    meta.update(
        author=getattr(doc, "author", None),
        description=getattr(doc, "description", None),
        sitename=getattr(doc, "sitename", None),
        categories=getattr(doc, "categories", None) or None,
        tags=getattr(doc, "tags", None) or None,
        page_language=getattr(doc, "language", None),
    )
    if url and getattr(doc, "url", None) and doc.url != url:
        meta["canonical_url"] = doc.url
    source = getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or domain_of(page_url)
    return Draft(
        text=text,
        title=title,
        source=source,
        url=page_url,
        published=published,
        date_method=method,
        meta=meta,
    )


def _drop_leading_title(text: str, title: str | None) -> str:
    """The text without its first line when that line repeats the title (the page's <h1>)."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if first.strip().casefold() == title.strip().casefold() and rest.strip():
        return rest.strip()
    return text
