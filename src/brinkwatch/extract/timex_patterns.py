"""Recognition of time expressions: a lexicon and one regular expression per kind of expression.

Why regular expressions over the text and not a parser: news writes dates in a small number of
surface shapes ("Sunday, November 30", "late last week", "up to 18 months", "10 p.m. Wednesday"),
and HeidelTime showed that such patterns, plus context for the values, beat general date parsers.
Each rule names the normaliser (see :mod:`timex_normalise`) that turns its groups into a TIMEX3 value.

Extents follow TimeBank/TempEval-3 conventions: modifiers that are part of the expression are
included ("late last week", "the past two weeks", "the third quarter", "about two years"),
prepositions and signals are not ("in", "since", "on", "before").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- lexicon ---------------------------------------------------------------------------------
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS: dict[str, int] = {  # ISO: Monday = 1
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "thousand": 1000, "dozen": 12, "a dozen": 12,
    "a couple of": 2, "couple of": 2, "a couple": 2,
}
#: Quantity words that give a duration of unknown length ("several years" -> PXY).
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "a number of", "numerous", "dozens of",
                 "hundreds of", "thousands of")
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11, "11th": 11, "twelfth": 12,
    "12th": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
}
#: TIMEX3 part-of-day codes.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI", "midday": "MI", "mid-day": "MI", "noon": "12:00", "midnight": "24:00",
    "mid-afternoon": "AF", "midafternoon": "AF", "mid afternoon": "AF", "mid-morning": "MO",
    "midmorning": "MO", "daybreak": "MO", "dawn": "MO", "dusk": "EV",
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

HOLIDAY_NAMES = (
    r"New\s+Year(?:'s|s|’s)?(?:\s+(?:Day|Eve))?|Christmas(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|"
    r"Easter(?:\s+(?:Sunday|Monday|Day))?|Good\s+Friday|Palm\s+Sunday|Ash\s+Wednesday|Pentecost|"
    r"Independence\s+Day|Labou?r\s+Day|Memorial\s+Day|Veterans(?:'|’)?\s+Day|Armistice\s+Day|"
    r"Remembrance\s+Day|Election\s+Day|Halloween|Valentine(?:'s|’s|s)?\s+Day|Mother(?:'s|’s|s)?\s+Day|"
    r"Father(?:'s|’s|s)?\s+Day|Martin\s+Luther\s+King(?:\s+Jr\.?)?\s+Day|President(?:s|'s|s'|’s)?\s+Day|"
    r"Columbus\s+Day|Boxing\s+Day|Bastille\s+Day|May\s+Day|All\s+Saints(?:'|’)?\s+Day"
)


def _alt(words) -> str:  # noqa: ANN001
    return "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True))


MONTH = (r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|"
         r"JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER|"
         r"Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)(?![a-z])")
WEEKDAY = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_TENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?|oh[-\s](?:one|two|three|four|five|six|seven|eight|nine))"
#: years as digits, or spoken in transcripts ("nineteen ninety-six", "two thousand and one")
YEAR = (r"(?:(?:1[5-9]\d\d|20\d\d)(?![\d,.]\d)|(?-i:[Nn]ineteen|[Ee]ighteen)[-\s]" + _TENS
        + r"|(?-i:[Tt]wo)\s+thousand(?:\s+and)?(?:\s+(?:one|two|three|four|five|six|seven|eight|nine|ten)\b)?)")
_UNITS_1 = r"second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century"
UNIT = rf"(?:centuries|(?:{_UNITS_1})s?)"
UNIT_SG = rf"(?:{_UNITS_1})"
NUMWORD = _alt(k for k in NUMBER_WORDS if " " not in k and k not in ("a", "an"))
NUM = (rf"(?:\d+(?:\.\d+)?(?:\s+1/2)?|(?:{NUMWORD})(?:[- ](?:{NUMWORD}))?(?:\s+and\s+a\s+half)?|"
       rf"an?(?:\s+(?:hundred|thousand|dozen))?|a\s+couple(?:\s+of)?|couple\s+of|{_alt(VAGUE_NUMBERS)}|half\s+an?)")
AMOD = (r"(?P<amod>about|around|approximately|roughly|some|nearly|almost|more\s+than|over(?!\s+the\b)|less\s+than|"
        r"under(?!\s+the\b)|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|not\s+more\s+than|"
        r"fewer\s+than|just\s+over|just\s+under|well\s+over|close\s+to|barely|only|just|a\s+little\s+more\s+than)\s+")
POD = _alt(PARTS_OF_DAY)
SEASON = r"(?:spring|summer|fall|autumn|winter)"
# position within a period: "early", "mid-", "the end of" ...
PMOD = (r"(?P<pmod>(?:the\s+)?(?:end|beginning|start|middle|close|turn|rest|remainder)\s+of\s+(?:the\s+)?|"
        r"early|late|mid|earlier|later|(?:the\s+)?(?:early|late)\s+part\s+of)")
REL = r"(?P<rel>last|next|this|past|previous|coming|current|following|subsequent|same|that|present|upcoming)"


@dataclass(frozen=True, slots=True)
class Rule:
    """One recognition pattern; ``kind`` names its normaliser. ``needs``: strings one of which every
    match contains (lower case); a text with none of them cannot match, so the pattern is not run."""

    kind: str
    pattern: re.Pattern[str]
    needs: tuple[str, ...] = ()


def _r(kind: str, pattern: str, needs: tuple[str, ...] = ()) -> Rule:
    # "quarter-to-quarter", "day-to-day", "year-to-year": a compound adjective, not a time
    return Rule(kind, re.compile(rf"(?<![\w$£€/-]){pattern}(?![\w%])(?!-to-)", re.IGNORECASE), needs)


RULES: tuple[Rule, ...] = (
    # "Sunday, November 30", "Dec 3, 2025", "Aug. 7, 1998", "November 30th"
    _r("date_mdy", rf"(?:(?P<rel>last|next|this)\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s*(?P<day>{DAY})(?:\s*[-–]\s*(?P<day2>{DAY}))?(?:(?:,\s*|\s+)(?P<year>{YEAR}))?"),
    # "30 November 2025", "the 30th of November"
    _r("date_dmy", rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<day>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<year>{YEAR}))?"),
    # "03/12/2025", "2025-12-03"
    _r("date_num", r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})", ("/",)),
    _r("date_iso", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})", ("-",)),
    # "November 2025", "early July 2024", "mid-November", "the end of November", "last April"
    _r("month", rf"(?:{PMOD}[-\s]*)?(?:(?P<rel>last|next|this|past|coming|previous)\s+)?(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?(?P<year>{YEAR})|\s+(?P<yrel>this|last|next)\s+year)?"),
    # "1998", "fiscal 1989", "early 1991", "the end of 1990", "mid-1996", "1994 or later", "1990 and beyond"
    _r("year", rf"(?:{PMOD}[-\s]*)?(?:(?P<fiscal>fiscal(?:\s+year)?|the\s+year)\s+)?(?P<year>{YEAR})(?P<open>\s+(?:or\s+(?:later|earlier|before|after)|and\s+(?:beyond|(?:later|earlier|before)(?!\s+[a-z]))))?"),
    # "the week of November 16", "late in the week of March 6"
    _r("week_of", rf"(?:(?P<pmod>early|late|mid|earlier|later)\s+in\s+)?the\s+week\s+of\s+(?P<mon>{MONTH})\s*(?P<day>{DAY})(?:,?\s+(?P<year>{YEAR}))?", ("week",)),
    # "the 1990s", "the late 1970s", "the '80s", "the mid-1990s"
    _r("decade", r"(?:the\s+)?(?:(?P<pmod>early|late|mid)[-\s]*)?(?:(?P<dec>1[5-9]\d0|20\d0)'?s|'(?P<dec2>\d0)s)", ("0s", "0's")),
    # "the nineties", "the early sixties" (only after "the": "in their forties" is an age)
    # "the last half of the '80s", "the first half of the 1990s": the decade (TIMEX3 has no half-decade)
    _r("decade", r"(?:the\s+)?(?P<half>first|last|second|latter|early|later)\s+half\s+of\s+the\s+(?:(?P<dec>1[5-9]\d0|20\d0)'?s|'(?P<dec2>\d0)s)", ("half",)),
    _r("decade", r"the\s+(?:(?P<pmod>early|late|mid)[-\s]*)?(?:nineteen[-\s]+)?(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", ("ties",)),
    # "the 20th century", "the eleventh century"
    _r("century", rf"(?:the\s+)?(?:(?P<pmod>early|late|mid)[-\s]+)?(?P<ord>\d{{1,2}}(?:st|nd|rd|th)|{_alt(ORDINALS)})[-\s]+century", ("centur",)),
    # "Friday", "last Friday", "early Tuesday", "Friday morning", "late Friday night"
    _r("weekday", rf"(?:(?P<pmod>early|late|earlier|later|mid)\s+)?(?:(?P<rel>last|next|this|past|coming|the\s+(?:previous|following|next))\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<pod>morning|afternoon|evening|night))?"),
    # "today is the eighth day of the siege", "it's the second day of an offensive"
    _r("nth_day", rf"(?:the\s+)?(?P<ord>{_alt(k for k in ORDINALS)})\s+(?:straight\s+|consecutive\s+|full\s+)?day(?=\s+(?:of|in\s+a\s+row)\b)", ("day",)),
    # "today", "late yesterday", "yesterday morning", "tonight", "the day after tomorrow"
    _r("deictic", rf"(?:(?P<pmod>early|late|earlier|later)\s+)?(?P<word>today|yesterday|tomorrow|tonight|the\s+day\s+(?:before\s+yesterday|after\s+tomorrow))(?:\s+(?P<pod>morning|afternoon|evening|night))?"),
    # "this morning", "last night", "the morning", "mid-afternoon"
    _r("pod", rf"(?:(?P<pmod>early|late)\s+)?(?:(?P<rel>this|that|last|the(?:\s+(?:next|following|previous))?)\s+)?(?P<pod>morning|afternoon|evening|night|mid-?\s?afternoon|mid-?morning)(?:\s+(?P<deic>yesterday|today|tomorrow)|\s+(?P<wd>{WEEKDAY}))?", ("morning", "afternoon", "evening", "night")),
    # "now", "recently", "the future", "currently"
    _r("ref", r"(?P<word>right\s+now|now|currently|current|at\s+present|nowadays|these\s+days|recently|lately|the\s+past|the\s+future|the\s+near\s+future|soon)"),
    # "last week", "earlier this year", "late last week", "the following day", "that day", "next month"
    _r("rel_unit", rf"(?:{PMOD}[-\s]*(?:in\s+)?)?(?:the\s+)?{REL}\s+(?:fiscal\s+)?(?P<unit>year|month|week|weekend|quarter|day|decade|century|{SEASON}|half)(?P<poss>'s)?"),
    # "year-end", "year's end", "the end of the year", "the weekend", "the year", "the quarter"
    _r("the_unit", r"(?P<pmod>(?:the\s+)?(?:end|beginning|start|middle|close|rest)\s+of\s+|earlier\s+in\s+|later\s+in\s+|early\s+in\s+|late\s+in\s+)?the\s+(?:fiscal\s+|full\s+)?(?P<unit>year|weekend|quarter)(?:(?=\s+(?P<ended>ended|ending|to\s+date|through))|)(?![\s-]+(?:earlier|ago|before|after|later)\b)", ("year", "weekend", "quarter")),
    _r("yearend", r"(?:around\s+)?year(?:'s)?[-\s]end", ("year",)),
    # "the third quarter", "third-quarter", "the latest quarter", "the first half of 1990", "the year-ago period"
    _r("quarter", rf"(?:(?P<the>the|next\s+year's|last\s+year's|this\s+year's)\s+)?(?:(?P<qrel>latest|last|latter|current|next|previous|past|comparable|same|year-ago|year-earlier|corresponding|recent|final)\s+)?(?:(?:fiscal|calendar)[-\s]+)?(?:(?P<year0>{YEAR})\s+)?(?:(?:fiscal|calendar)[-\s]+)?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+(?:fiscal[-\s]+)?)?(?P<unit>quarter|half|period)(?![-\s]century)(?:\s+of\s+(?:fiscal\s+)?(?:(?P<year>{YEAR})|(?P<yrel>last|this|next)\s+year))?(?P<yrel2>\s+(?:last|this|next)\s+year)?", ("quarter", "half", "period")),
    _r("yearago", r"(?:the\s+(?:comparable\s+|same\s+|corresponding\s+)?year-(?:earlier|ago)\s+(?:period|quarter|months?)|year-(?:earlier|ago))", ("year-",)),
    # "last summer", "the early summer", "summer 1998", "this fall"
    _r("season", rf"(?:(?P<the>the)\s+)?(?:(?P<pmod>early|late|mid)[-\s]*)?(?:(?P<rel>last|this|next|past|coming)\s+)?(?P<season>{SEASON})(?:\s+(?:of\s+)?(?P<year>{YEAR}))?", ("spring", "summer", "fall", "autumn", "winter")),
    # "Thanksgiving Day", "Christmas 2024", "Easter week"
    _r("holiday", rf"(?:(?P<rel>last|next|this)\s+)?(?P<hol>(?-i:{HOLIDAY_NAMES}))(?P<week>\s+week)?(?:,?\s+(?P<year>{YEAR}))?"),
    # "two days ago", "a year earlier", "nearly four years ago", "a week or so ago", "11 days later"
    _r("ago", rf"(?:{AMOD})?(?P<num>{NUM})\s+(?P<unit>{UNIT})(?P<orso>\s+or\s+so)?\s+(?P<dir>ago|earlier|from\s+now|hence)(?!\s+than\b)", ("ago", "earlier", "now", "hence")),
    # "up to 18 months", "the past two weeks", "two-year", "recent years", "the next 14 months", "several days"
    _r("duration", rf"(?:{AMOD})?(?:(?P<pre>at\s+least)\s+)?(?:the\s+)?(?:(?P<rel>past|last|next|first|previous|coming|final|following|latest|remaining|recent|early|initial|better\s+part\s+of\s+the)\s+)?(?P<num>{NUM})(?:\s+(?:or|to)\s+(?P<num2>{NUM}))?\s+(?P<more>more\s+|additional\s+|straight\s+|consecutive\s+|full\s+|trading\s+|business\s+|working\s+|long\s+)?(?P<unit>{UNIT})(?P<half>\s+and\s+a\s+half)?(?P<orso>\s+or\s+so)?(?P<ahead>\s+ahead)?(?!\s+old\b|-old\b)"),
    _r("duration_adj", rf"(?P<num>\d+(?:\.\d+)?|(?:{NUMWORD})(?:-(?:{NUMWORD}))?|several|half)[-\s](?P<unit>{UNIT_SG})(?:-long|-old)?(?=[-\s]+[a-z])(?!-old)"),
    _r("duration_bare", rf"(?:(?P<rel>recent|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+first|the\s+early|the|coming)\s+)(?P<unit>years|months|weeks|days|hours|decades|centuries|minutes|quarters)(?P<ahead>\s+ahead)?", ("years", "months", "weeks", "days", "hours", "decades", "centuries", "minutes", "quarters")),
    _r("duration_vague", r"(?P<pre>for|within|in|over|after|takes?|took|last(?:ed|s)?|mere|only|just)\s+(?P<core>years|months|weeks|days|hours|decades|centuries|minutes|a\s+while)\b(?!\s+(?:ago|earlier|later|of\s+the|apart))"),
    # "10 p.m. Wednesday", "5 p.m. EST Nov. 9", "noon Thursday", "around 7:15 p.m.", "midnight Friday"
    _r("clock", rf"(?:(?P<amod>about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?:(?P<h>\d{{1,2}})(?:[:.](?P<mi>\d{{2}}))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am|pm)(?![a-z])|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>\d{{2}})\s*(?=GMT|UTC|EST|EDT|local|hours?)|(?P<word>noon|midnight|midday)|(?P<hp>\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+o'clock)?\s+(?P<podp>in\s+the\s+(?:morning|afternoon|evening)|at\s+night))(?:\s+(?P<tz>EST|EDT|CST|CDT|PST|PDT|GMT|UTC|local\s+time)\b)?(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY})|(?P<deic>today|yesterday|tomorrow)|(?P<mon>{MONTH})\s*(?P<day>{DAY})))?"),
    # "daily", "each Thursday", "every day", "every two weeks", "each July", "per year"
    _r("set", rf"(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly|biweekly|semiannually)|(?:(?<=\d\s)|(?<=%\s)|(?<=llion\s)|(?<=cents\s)|(?<=dollars\s))(?P<q2>a)\s+(?P<unit2>year|month|week|day)|(?:(?P<q>every|each|per)\s+(?:(?P<num>{NUM})\s+|other\s+)?(?:(?P<unit>{UNIT})|(?P<wd>{WEEKDAY})|(?P<mon>{MONTH})|(?P<season>{SEASON})|(?P<pod>morning|afternoon|evening|night)))"),
)


@dataclass(slots=True)
class Candidate:
    """A match of one rule over the text."""

    start: int
    end: int
    kind: str
    groups: dict[str, str | None]

    @property
    def length(self) -> int:
        return self.end - self.start


def find_candidates(text: str) -> list[Candidate]:
    """Every rule's matches, the longest kept where they overlap, in text order."""
    found: list[Candidate] = []
    # casefold as IGNORECASE compares ("ſ" is "s"); IGNORECASE also lets dotless "ı" match "i"
    folded = text.casefold().replace("ı", "i")
    for rule in RULES:
        if rule.needs and not any(n in folded for n in rule.needs):
            continue
        for m in rule.pattern.finditer(text):
            start, end = m.span("core") if "core" in rule.pattern.groupindex else m.span()
            # trailing punctuation of abbreviations ("p.m." at a sentence end) is kept; spaces are not
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                found.append(Candidate(start, end, rule.kind, m.groupdict()))
    found.sort(key=lambda c: (-c.length, c.start))
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for c in found:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        chosen.append(c)
        taken.append((c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


def parse_number(text: str | None) -> float | None:
    """A number from digits or English words ("two", "twenty-five", "2 1/2", "a couple of"); None when vague."""
    if text is None:
        return None
    t = re.sub(r"\s+", " ", text.strip().lower())
    half = 0.0
    if t.endswith(" 1/2"):
        t, half = t[:-4], 0.5
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    if t.startswith("half a") or t.startswith("half an"):
        return 0.5
    if any(t == v for v in VAGUE_NUMBERS):
        return None
    try:
        return float(t) + half
    except ValueError:
        pass
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t] + half
    total = 0
    current = 0
    for part in re.split(r"[-\s]+", t):
        if part in ("a", "an", "and", "of"):
            if part in ("a", "an"):
                current = max(current, 1)
            continue
        if part not in NUMBER_WORDS:
            return None
        n = NUMBER_WORDS[part]
        if n in (100, 1000):
            current = max(current, 1) * n
            if n == 1000:
                total += current
                current = 0
        else:
            current += n
    return float(total + current) + half
