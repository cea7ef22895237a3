"""Calendar arithmetic for the temporal tagger: holidays, ISO weeks, quarters, and TIMEX3 values as intervals.

Kept apart from recognition so that the calendar facts can be tested on their own (holidays of any
year) and reused by the event coder through :func:`value_interval`.

Holiday rules are facts: US federal holidays as fixed by 5 U.S.C. 6103 (Thanksgiving = fourth
Thursday of November, Labor Day = first Monday of September, ...), US Election Day by 2 U.S.C. 7
(the Tuesday after the first Monday of November), and Western Easter by the Gregorian computus
(the "anonymous Gregorian algorithm", Meeus/Jones/Butcher).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

#: Season codes of TIMEX3 and the (meteorological, northern hemisphere) months they cover.
SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def parse_iso_date(text: str | None) -> date | None:
    """The date of an ISO date/datetime string ('2025-11-30', '2025-11-30T10:00Z'), None if absent or invalid."""
    if not text:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def easter(year: int) -> date:
    """Western (Gregorian) Easter Sunday of ``year``."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th ``weekday`` (0 = Monday) of a month; ``n = -1`` is the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda y: date(y, month, day)


def _nth(month: int, weekday: int, n: int) -> Callable[[int], date]:
    return lambda y: nth_weekday(y, month, weekday, n)


def _easter_offset(days: int) -> Callable[[int], date]:
    return lambda y: easter(y) + timedelta(days=days)


#: Holiday name (lower case, apostrophes removed) -> date in a given year.
HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new years day": _fixed(1, 1),
    "new years": _fixed(1, 1),
    "new year": _fixed(1, 1),
    "new years eve": _fixed(12, 31),
    "martin luther king day": _nth(1, 0, 3),
    "martin luther king jr. day": _nth(1, 0, 3),
    "valentines day": _fixed(2, 14),
    "presidents day": _nth(2, 0, 3),
    "washingtons birthday": _nth(2, 0, 3),
    "ash wednesday": _easter_offset(-46),
    "palm sunday": _easter_offset(-7),
    "good friday": _easter_offset(-2),
    "easter": _easter_offset(0),
    "easter sunday": _easter_offset(0),
    "easter day": _easter_offset(0),
    "easter monday": _easter_offset(1),
    "pentecost": _easter_offset(49),
    "may day": _fixed(5, 1),
    "mothers day": _nth(5, 6, 2),
    "memorial day": _nth(5, 0, -1),
    "fathers day": _nth(6, 6, 3),
    "independence day": _fixed(7, 4),
    "bastille day": _fixed(7, 14),
    "labor day": _nth(9, 0, 1),
    "labour day": _nth(9, 0, 1),
    "columbus day": _nth(10, 0, 2),
    "halloween": _fixed(10, 31),
    "all saints day": _fixed(11, 1),
    "election day": lambda y: nth_weekday(y, 11, 0, 1) + timedelta(days=1),
    "veterans day": _fixed(11, 11),
    "armistice day": _fixed(11, 11),
    "remembrance day": _fixed(11, 11),
    "thanksgiving": _nth(11, 3, 4),
    "thanksgiving day": _nth(11, 3, 4),
    "christmas eve": _fixed(12, 24),
    "christmas": _fixed(12, 25),
    "christmas day": _fixed(12, 25),
    "boxing day": _fixed(12, 26),
}


#: Holidays kept on another date in much of the world: Labour Day is International Workers' Day,
#: 1 May, in most countries (ILO; Wikipedia "International Workers' Day"), the first Monday of
#: September in the United States and Canada. The date nearest the story's own dates is taken.
HOLIDAY_VARIANTS: dict[str, tuple[Callable[[int], date], ...]] = {
    "labor day": (_fixed(5, 1),),
    "labour day": (_fixed(5, 1),),
}


def holiday_dates(name: str, year: int) -> list[date]:
    """Every date holiday ``name`` may fall on in ``year`` (the main rule first)."""
    key = holiday_key(name)
    rule = HOLIDAYS.get(key)
    if rule is None:
        return []
    return [rule(year), *(variant(year) for variant in HOLIDAY_VARIANTS.get(key, ()))]


def holiday_key(text: str) -> str:
    """The lookup key of a holiday name: lower case, no apostrophes, single spaces."""
    return re.sub(r"\s+", " ", re.sub(r"[’'`]", "", text.lower())).strip()


def holiday_date(name: str, year: int) -> date | None:
    """The date of holiday ``name`` in ``year``, None if it is not a known holiday."""
    rule = HOLIDAYS.get(holiday_key(name))
    return rule(year) if rule else None


# --- arithmetic on dates at a granularity ---------------------------------------------------
def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clamped to the target month's length."""
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def iso_week(d: date) -> str:
    """TIMEX3 week value of a day: '2025-W47'."""
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def week_monday(year: int, week: int) -> date:
    return date.fromisocalendar(year, week, 1)


def day_value(d: date) -> str:
    return d.isoformat()


# --- TIMEX3 value -> interval -----------------------------------------------------------------
def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _narrow_week(monday: date, sunday: date, mod: str | None) -> tuple[date, date]:
    """'Early in the week' is Monday to Wednesday, 'midweek' Tuesday to Thursday, 'late in the week'
    Thursday to Sunday: a third of seven days would be a made-up weekend, so the working week is
    split instead, and the interval stays wide enough to hold what the text says."""
    if mod == "START":
        return monday, monday + timedelta(days=2)
    if mod == "MID":
        return monday + timedelta(days=1), monday + timedelta(days=3)
    if mod == "END":
        return monday + timedelta(days=3), sunday
    return monday, sunday


def _narrow(start: date, end: date, mod: str | None) -> tuple[date, date]:
    """START/END/MID keep the first, last or middle third of an interval."""
    if mod not in ("START", "END", "MID"):
        return start, end
    days = (end - start).days + 1
    if days < 3:
        return start, end
    third = days // 3
    if mod == "START":
        return start, start + timedelta(days=third - 1)
    if mod == "END":
        return end - timedelta(days=third - 1), end
    return start + timedelta(days=third), end - timedelta(days=third)


def value_interval(value: str | None, mod: str | None = None) -> tuple[str | None, str | None, str]:
    """``(start, end, granularity)`` of a TIMEX3 date value; ``(None, None, 'unknown')`` when it has no
    fixed place in time (PAST_REF, values with X, durations, sets)."""
    if value and re.fullmatch(r"\d{4}-\d{2}-XX", value):
        value = value[:7]  # "that same day" after "last October": a day of a known month, placed as that month
    if not value or "X" in value or value.startswith("P") or value.endswith("_REF"):
        return None, None, "unknown"
    v = value
    start: date | None = None
    end: date | None = None
    gran = "unknown"
    try:
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T.*)?", v):
            start = end = date(int(m[1]), int(m[2]), int(m[3]))
            # a clock time is an instant; a part of day ("TNI", "TMO") is only known to the day
            gran = "instant" if m[4] and re.match(r"T\d", m[4]) else "day"
        elif m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", v):
            monday = week_monday(int(m[1]), int(m[2]))
            start, end = (monday + timedelta(days=5), monday + timedelta(days=6)) if m[3] else (
                monday, monday + timedelta(days=6))
            gran = "week"  # a weekend is two days of one week: never a single day
        elif m := re.fullmatch(r"(\d{4})-(\d{2})", v):
            y, mo = int(m[1]), int(m[2])
            start, end, gran = date(y, mo, 1), _month_end(y, mo), "month"
        elif m := re.fullmatch(r"(\d{4})-Q([1-4])", v):
            y, q = int(m[1]), int(m[2])
            start, end, gran = date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter"
        elif m := re.fullmatch(r"(\d{4})-H([12])", v):
            y, h = int(m[1]), int(m[2])
            start, end, gran = date(y, 6 * h - 5, 1), _month_end(y, 6 * h), "quarter"
        elif m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", v):
            y = int(m[1])
            first, last = SEASON_MONTHS[m[2]]
            start = date(y, first, 1)
            end = _month_end(y + 1, last) if m[2] == "WI" else _month_end(y, last)
            gran = "season"
        elif m := re.fullmatch(r"(\d{4})", v):
            y = int(m[1])
            start, end, gran = date(y, 1, 1), date(y, 12, 31), "year"
        elif m := re.fullmatch(r"(\d{3})", v):
            y = int(m[1]) * 10
            start, end, gran = date(y, 1, 1), date(y + 9, 12, 31), "decade"
        elif m := re.fullmatch(r"(\d{2})", v):
            y = int(m[1]) * 100
            start, end, gran = date(max(y, 1), 1, 1), date(y + 99, 12, 31), "decade"
    except ValueError:
        return None, None, "unknown"
    if start is None or end is None:
        return None, None, "unknown"
    if gran == "week" and (end - start).days == 6:
        start, end = _narrow_week(start, end, mod)
    elif gran != "week":
        start, end = _narrow(start, end, mod)
    return start.isoformat(), end.isoformat(), gran
