"""Plain text articles: a headline, page furniture and a date at the top, then the story.

Text saved from a page or a wire feed usually has one of two layouts:

* the story opens with a dateline (``Washington, D.C. – December 1, 2025 – In a ...``):
  the dateline gives the date and stays in the text, because it is part of the sentence;
* a headline line, then furniture (``5 min read``, ``2 views``, ``By Jane Doe``) and a line
  holding only the date, then the story: headline, furniture and date line are removed from
  the text (the headline becomes the title, a byline becomes ``meta["author"]``).

Only lines in the header zone (the first few short lines) are ever removed.
"""

from __future__ import annotations

import re

from .article import Draft
from .dates import find_dateline, parse_date_line

#: Lines at the top we look at for a title, furniture and a date line.
HEADER_LINES = 8
MAX_TITLE_CHARS = 200
MAX_TITLE_WORDS = 30

_FURNITURE = re.compile(
    r"(?:"
    r"\d+\s*(?:-\s*)?(?:min(?:ute)?s?\.?|hours?)\s+(?:read|listen)"
    r"|[\d.,]+\s*[kKmM]?\s+(?:views?|comments?|shares?|likes?|reads?|reactions?)"
    r"|(?:share|share this(?: article| story)?|print|email|listen(?: to this article)?|advertisement|subscribe"
    r"|follow us|save|bookmark|comments?|read more|menu|home|sign in|log in)"
    r")\s*[.:!]?",
    re.I,
)
_BYLINE = re.compile(r"(?i:by)\s+(?P<author>[A-Z][\w.'’-]*(?:[ ,&]+(?:and\s+)?[A-Z][\w.'’-]*){0,7})\s*"
                     r"(?:[|·]\s*(?P<outlet>[^|·]{2,60})|[|,·].{0,60})?")
#: What follows a byline's bar that is a role, not an outlet ("By Jane Doe | Staff Writer").
_ROLE = re.compile(r"(?i)\b(?:staff|writer|reporter|correspondent|editor|contributor|columnist|desk editor|"
                   r"photographer|bureau chief|analyst|updated|published)\b")
_SENTENCE_END = (".", ",", ";", ":", "…")


def looks_like_headline(line: str) -> bool:
    """Short, a few words, no final period, and not itself a date, a dateline or furniture."""
    line = line.strip()
    if not line or len(line) > MAX_TITLE_CHARS:
        return False
    words = line.split()
    if not 2 <= len(words) <= MAX_TITLE_WORDS:
        return False
    if line.rstrip("\"'”’»)").endswith(_SENTENCE_END):
        return False
    if parse_date_line(line) or find_dateline(line) or _FURNITURE.fullmatch(line) or _BYLINE.fullmatch(line):
        return False
    return any(ch.isalpha() for ch in line)


def parse_text(text: str) -> Draft:
    """Title, date and body of a plain-text article."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    lines = text.split("\n")
    nonempty = [i for i, ln in enumerate(lines) if ln.strip()]
    if not nonempty:
        return Draft(text="")
    meta: dict[str, object] = {}
    title: str | None = None
    published: str | None = None
    method = "none"
    body_start = nonempty[0]
    first = lines[body_start].strip()
    if len(nonempty) > 1 and looks_like_headline(first):
        title = first
        body_start += 1
    # the header zone: furniture, a byline and a date line, each alone on a short line
    seen = 0
    i = body_start
    while i < len(lines) and seen < HEADER_LINES:
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        seen += 1
        iso = parse_date_line(line)
        byline = _BYLINE.fullmatch(line)
        if iso and published is None:
            published, method = iso, "dateline"
            meta["date_line"] = line
        elif byline and "author" not in meta:
            meta["author"] = byline.group("author").strip(" ,&")
            outlet = byline_outlet(byline)
            if outlet:
                meta["outlet"] = outlet
        elif _FURNITURE.fullmatch(line):
            meta.setdefault("furniture", []).append(line)  # type: ignore[union-attr]
        else:
            break
        i += 1
    if i >= len(lines) or not "".join(lines[i:]).strip():
        # nothing but header lines: keep everything as text rather than return an empty article
        i, title, published, method, meta = nonempty[0], None, None, "none", {}
    body = "\n".join(lines[i:]).strip()
    if published is None:
        found = find_dateline(body)
        if found:
            published, method = found[0], "dateline"
            if found[1]:
                meta["dateline_place"] = found[1]
    return Draft(text=body, title=title, source=meta.get("outlet"), published=published,  # type: ignore[arg-type]
                 date_method=method, meta=meta)


def byline_outlet(byline: re.Match[str]) -> str | None:
    """The outlet a byline names after a bar ("By Clara Wen | Meridian Desk"), without a shared
    credit ("Atlantic Monitor, with Caribbean Tide Wire" -> "Atlantic Monitor"); None for a role
    ("By Jane Doe | Staff Writer") or a date."""
    outlet = byline.group("outlet")
    if not outlet:
        return None
    outlet = re.split(r",\s*(?:with|and|via|from)\b|\s+(?:with|via)\s+", outlet.strip(), maxsplit=1)[0].strip(" ,.;:")
    if not outlet or not outlet[0].isupper() or _ROLE.search(outlet) or parse_date_line(outlet) or any(
            ch.isdigit() for ch in outlet):
        return None
    return outlet
