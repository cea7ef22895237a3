"""Publication dates written in the text itself: datelines and date lines near the top.

Two layouts are common in news copy and in pages saved as text:

* a dateline opening the first paragraph: ``Washington, D.C. – December 1, 2025 – In a ...``
  or ``CARACAS, Dec. 1, 2025 (Agency) — ...``;
* a line holding only a date under the headline: ``Dec 3, 2025`` / ``Published: 3 December 2025``.

Only explicit, complete dates (day, month name or number, four-digit year) are accepted:
a guessed year is worse than no date, because every relative date in the article is
resolved against this one.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone
from typing import Any

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?:[0-2]?\d|3[01])(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
#: A complete calendar date, three ways round; the named groups say which.
DATE = (
    rf"{_WEEKDAY}(?:"
    rf"(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}),?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>{_DAY})\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)"
    rf")"
)
_TIME = r"(?:\s*(?:,|at|·|\||-)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}(?:[+-]\d{1,2})?)?)?"
_DATE_LINE = re.compile(
    rf"(?:(?:Published|Updated|Posted|Last updated|Date)(?:\s+on)?\s*:?\s*)?{DATE}{_TIME}\.?",
    re.I,
)
_DASH = r"(?:[–—]|--?)"
#: A place in a dateline: capitalised words ("Port Ansel, Norland", "Washington, D.C.", "RIO DE JANEIRO").
_PLACE = r"[A-Z][\w.'’-]*(?:(?:\s+|,\s*)(?:[A-Z][\w.'’-]*|de|del|da|do|la|le|el|al|of|on|upon|am|an|sur))*"
_DATELINE = re.compile(
    rf"^(?:(?P<place>{_PLACE})\s*(?:,|{_DASH})\s*)?{DATE}"
    rf"(?:\s*\([^()\n]{{1,40}}\))?\s*{_DASH}\s*",
)
_MONTH_CASE = re.compile(_MONTH, re.I)


def _to_iso(year: str, month: str, day: str) -> str | None:
    m = int(month) if month.isdigit() else MONTHS.get(month.lower().rstrip(".")[:3], 0)
    digits = re.match(r"\d+", day)
    try:
        return date(int(year), m, int(digits.group()) if digits else 0).isoformat()
    except ValueError:
        return None


def _from_match(m: re.Match[str]) -> str | None:
    for i in ("1", "2", "3"):
        if m.group("y" + i):
            return _to_iso(m.group("y" + i), m.group("m" + i), m.group("d" + i))
    return None


def parse_date_line(line: str) -> str | None:
    """The ISO date of a line that holds only a date (and perhaps a time, or 'Published:')."""
    line = line.strip()
    if len(line) > 60:
        return None
    m = _DATE_LINE.fullmatch(line)
    return _from_match(m) if m else None


def find_dateline(paragraph: str) -> tuple[str, str | None, int] | None:
    """A dateline at the very start of a paragraph: (ISO date, place or None, end offset)."""
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    iso = _from_match(m)
    if not iso:
        return None
    place = (m.group("place") or "").strip(" ,") or None
    return iso, place, m.end()


def find_top_date(lines: list[str], *, max_lines: int = 12) -> tuple[int, str] | None:
    """The first line among the top ``max_lines`` non-empty ones that is only a date: (index, ISO date)."""
    seen = 0
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > max_lines:
            break
        iso = parse_date_line(line)
        if iso:
            return i, iso
    return None


def normalise_published(value: Any) -> str | None:
    """An ISO date or datetime from what a record or feed gives (ISO text, a datetime, a struct_time)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "tm_year"):  # time.struct_time from feedparser, always UTC
        return datetime(*value[:6], tzinfo=timezone.utc).isoformat()
    if isinstance(value, (int, float)):
        return None
    text = str(value).strip()
    if re.fullmatch(r"(?:19|20)\d\d-[01]\d-[0-3]\d", text):
        return _to_iso(text[:4], text[5:7], text[8:10])
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed.isoformat()
    except ValueError:
        pass
    line = parse_date_line(text)
    if line:
        return line
    return _parse_loose(text)


def _parse_loose(text: str) -> str | None:
    """RFC 822 and other written-out dates, only when the text names a month or is numeric ISO-like."""
    if not (_MONTH_CASE.search(text) or re.search(r"\d{4}-\d\d-\d\d", text)):
        return None
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        from dateutil import parser as dateparser

        default = datetime(1, 1, 1)
        parsed = dateparser.parse(text, default=default)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.year == 1:
        return None
    if parsed.hour == 0 and parsed.minute == 0 and parsed.second == 0 and parsed.tzinfo is None:
        return parsed.date().isoformat()
    return parsed.isoformat()
