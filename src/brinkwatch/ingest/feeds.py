"""RSS and Atom feeds (feedparser): one item per entry, ``feed.xml#1``, ``feed.xml#2`` ...

An entry becomes an article from its own content when that holds enough text
(:data:`MIN_ENTRY_CHARS` after stripping HTML: full-text feeds); otherwise, when link
following is on, from the page it links to; otherwise it is skipped with the reason.
Link following is off for feed files and on for feeds fetched from a URL, unless
``IngestOptions.follow_links`` says otherwise. The feed's date wins over the page's
(``date_method="feed"``): it is what the publisher announced for this item.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ..errors import IngestError, MalformedInput
from ..model import IngestResult
from .article import Draft, domain_of, failed, ok, skipped
from .dates import normalise_published
from .fetch import is_url

#: An entry with less text than this is a teaser; its article is the linked page.
MIN_ENTRY_CHARS = 300

#: Fetches a URL and returns the Draft of the page (or raises an IngestError).
LinkReader = Callable[[str], Draft]

_BLOCK_TAGS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "section", "article")
_SPACES = re.compile(r"[ \t\u00a0]+")


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (entry content), paragraphs kept as blank-line breaks."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, TypeError, lxml.etree.ParserError):
        return re.sub(r"<[^>]*>", " ", fragment).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for el in root.iter(*_BLOCK_TAGS):
        el.tail = "\n\n" + (el.tail or "")
    for el in root.iter("br"):
        el.tail = "\n" + (el.tail or "")
    lines = (_SPACES.sub(" ", ln).strip() for ln in root.text_content().split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _entry_text(entry: Any) -> str:
    candidates = [c.get("value", "") for c in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    texts = [fragment_text(c) for c in candidates if c]
    return max(texts, key=len, default="")


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        if entry.get(key):
            return normalise_published(entry[key])
    for key in ("published", "updated"):
        if entry.get(key):
            found = normalise_published(entry[key])
            if found:
                return found
    return None


def iter_feed(
    data: bytes,
    name: str,
    *,
    base_url: str | None = None,
    read_link: LinkReader | None = None,
) -> Iterator[IngestResult]:
    """One result per entry of the feed in ``data``; ``read_link`` (if given) fetches teaser entries' pages."""
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": base_url} if base_url else None)
    if not parsed.entries:
        if parsed.bozo:
            yield failed(name, MalformedInput(
                f"{name} is not a readable RSS/Atom feed ({parsed.get('bozo_exception')}).",
                hint="Check that the file or URL is a feed (open it in a browser) or ingest the pages themselves.",
            ))
        else:
            yield skipped(name, "The feed has no entries; there is nothing to ingest.")
        return
    feed = parsed.feed
    feed_title = feed.get("title") or None
    feed_link = feed.get("link") or base_url
    for i, entry in enumerate(parsed.entries, start=1):
        yield _entry_result(entry, f"{name}#{i}", feed_title, feed_link, read_link, bool(parsed.bozo))


def _entry_result(
    entry: Any, item: str, feed_title: str | None, feed_link: str | None, read_link: LinkReader | None, bozo: bool
) -> IngestResult:
    text = _entry_text(entry)
    link = entry.get("link") if is_url(entry.get("link") or "") else None
    published = _entry_date(entry)
    meta = {
        "feed_title": feed_title,
        "entry_id": entry.get("id"),
        "author": entry.get("author"),
        "tags": [t.get("term") for t in entry.get("tags", []) or [] if t.get("term")] or None,
        "feed_malformed": True if bozo else None,
    }
    draft = Draft(
        text=text,
        title=fragment_text(entry.get("title", "") or "") or None,
        source=outlet_of_feed(feed_title, feed_link or link) or domain_of(link) or domain_of(feed_link),
        url=link,
        published=published,
        date_method="feed" if published else "none",
        meta=meta,
    )
    if len(text) >= MIN_ENTRY_CHARS:
        return ok(item, draft)
    if not link:
        return skipped(item, f"The entry has {'no text' if not text else f'only {len(text)} characters of text'} "
                             "and no link to the article.")
    if read_link is None:
        return skipped(item, f"The entry has only {len(text)} characters of text; its article is at {link}. "
                             "Turn on link following (IngestOptions.follow_links=True) to fetch it.")
    try:
        page = read_link(link)
    except IngestError as err:
        return failed(item, err)
    page.meta.update({k: v for k, v in meta.items() if v is not None})
    page.meta["feed_summary"] = text or None
    if published:  # the feed's date is the publisher's own for this item
        page.published, page.date_method = published, "feed"
    page.title = draft.title or page.title
    page.url = page.url or link
    return ok(item, page)


_SECTION_SEP = re.compile(r"\s+(?:[-|>»:–—·])\s+|:\s+")


def _squash(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def outlet_of_feed(title: str | None, link: str | None) -> str | None:
    """The outlet a feed's title names, without the section ("Atlantic Monitor - Americas" ->
    "Atlantic Monitor", "World news | The Guardian" -> "The Guardian"), so that an outlet's feeds
    and its pages count as one source. The part kept is the one the feed's domain spells
    ("atlanticmonitor.example", "theguardian.com"); a title no part of which the domain spells is
    kept whole."""
    if not title:
        return None
    parts = [p.strip() for p in _SECTION_SEP.split(title) if p.strip()]
    domain = _squash(domain_of(link) or "")
    if len(parts) < 2 or not domain:
        return title
    for part in parts:
        key = _squash(part)
        if len(key) >= 3 and (key in domain or _squash(part.removeprefix("The ")) in domain):
            return part
    for part in parts:  # the outlet's name spelt out, its domain an abbreviation ("BBC News" / bbc.co.uk)
        first = _squash(part.removeprefix("The ").split()[0]) if part.split() else ""
        if len(first) >= 3 and domain.startswith(first):
            return part
    return title
