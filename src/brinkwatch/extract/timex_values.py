"""Values and anchors of the temporal tagger: the normalisation context, calendar steps at a
granularity, and the choice of year or weekday near the publication date.

Shared by :mod:`timex_normalise` (absolute and deictic expressions) and :mod:`timex_relative`
(relative and anaphoric ones); kept apart so each stays small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import timex_calendar as cal
from .timex_patterns import NUMBER_WORDS, parse_number

#: Granularities a reference time can have, coarsest last.
GRANS = ("day", "week", "month", "quarter", "year", "decade", "century")


@dataclass(slots=True)
class RefTime:
    """A point in time at a granularity: the anchor of relative expressions."""

    day: date
    gran: str  # one of GRANS


@dataclass(slots=True)
class Context:
    """What normalisation may look at besides the expression itself."""

    dct: date | None
    tense: str | None = None  # "past", "future", "present", "planned" (a weekday in a past plan) or None
    ref: RefTime | None = None  # last date mentioned before the expression
    quarter: tuple[int, int] | None = None  # last fiscal quarter mentioned (year, q)
    refs: list[RefTime] = field(default_factory=list)  # every reference time so far, in text order
    # a multi-quarter reporting period ("for the nine months", "the year ended Sept. 30") was named
    # after the last quarter: "a year earlier" now compares that period, a year, not the quarter
    past_quarter: bool = False

    def set_ref(self, ref: RefTime) -> None:
        self.ref = ref
        self.refs.append(ref)


@dataclass(slots=True)
class Normalised:
    type: str
    value: str
    mod: str | None = None
    anaphoric: bool = False  # resolved against the reference time rather than the DCT
    comparison: bool = False  # "a year earlier": a period compared with, not a new reference time


# --- helpers ---------------------------------------------------------------------------------
_PMOD = {"early": "START", "earlier": "START", "beginning": "START", "start": "START", "turn": "START",
         "late": "END", "later": "END", "end": "END", "close": "END", "rest": "END", "remainder": "END",
         "mid": "MID", "middle": "MID"}
_AMOD = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
         "some": "APPROX", "close to": "APPROX", "nearly": "EQUAL_OR_LESS", "almost": "LESS_THAN",
         "just under": "LESS_THAN", "barely": "EQUAL_OR_LESS", "more than": "MORE_THAN", "over": "MORE_THAN",
         "just over": "MORE_THAN", "well over": "MORE_THAN", "a little more than": "MORE_THAN",
         "less than": "LESS_THAN", "under": "LESS_THAN", "fewer than": "LESS_THAN",
         "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS",
         "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS", "not more than": "EQUAL_OR_LESS"}
_UNIT_GRAN = {"day": "day", "night": "day", "week": "week", "weekend": "week", "fortnight": "week",
              "month": "month", "quarter": "quarter", "half": "quarter", "year": "year",
              "decade": "decade", "century": "century", "hour": "day", "minute": "day", "second": "day"}
# vague decades and centuries ("for decades", "centuries") as TimeBank/AQUAINT write them: PXE, PXC
_DUR_CODE = {"year": "Y", "month": "M", "week": "W", "day": "D", "night": "D", "hour": "H", "minute": "M",
             "second": "S", "quarter": "Q", "weekend": "WE", "decade": "E", "century": "C", "fortnight": "W"}


def _key(text: str | None) -> str:
    return re.sub(r"[\s-]+", " ", (text or "").strip().lower())


def pmod_of(text: str | None) -> str | None:
    """TIMEX3 mod of a position word ("early" -> START, "the end of" -> END)."""
    for word in _key(text).split():
        if word in _PMOD:
            return _PMOD[word]
    return None


def amod_of(text: str | None) -> str | None:
    return _AMOD.get(_key(text)) if text else None


def unit_of(text: str) -> str:
    t = _key(text)
    if t == "centuries":
        return "century"
    return t[:-1] if t.endswith("s") and t[:-1] in _DUR_CODE else t


def shift(d: date, gran: str, n: int) -> date:
    """``d`` moved by ``n`` units of a granularity."""
    if gran == "day":
        return d + timedelta(days=n)
    if gran == "week":
        return d + timedelta(days=7 * n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120, "century": 1200}[gran]
    return cal.add_months(d, months * n)


def value_at(d: date | None, gran: str) -> str:
    """TIMEX3 value of the period of granularity ``gran`` containing ``d`` (X digits when ``d`` is None)."""
    if d is None:
        return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX", "quarter": "XXXX-QX",
                "year": "XXXX", "decade": "XXX", "century": "XX"}[gran]
    if gran == "day":
        return d.isoformat()
    if gran == "week":
        return cal.iso_week(d)
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "quarter":
        return f"{d.year:04d}-Q{cal.quarter_of(d)}"
    if gran == "year":
        return f"{d.year:04d}"
    if gran == "decade":
        return f"{d.year // 10:03d}"
    return f"{d.year // 100:02d}"


def duration_value(n: float | None, unit: str) -> str:
    """``P2Y``, ``PT4H``, ``PXM``, ``P2Y6M`` (for 2.5 years) ..."""
    code = _DUR_CODE[unit]
    time_part = unit in ("hour", "minute", "second")
    prefix = "PT" if time_part else "P"
    if unit == "fortnight" and n is not None:
        n *= 2
    if n is None:
        return f"{prefix}X{code}"
    if unit == "decade":
        code, n = "Y", n * 10
    elif unit == "century":
        code, n = "Y", n * 100
    whole = int(n)
    frac = n - whole
    if not frac:
        return f"{prefix}{whole}{code}"
    lower = {"Y": ("M", 12), "M": ("D", 30) if not time_part else ("S", 60), "W": ("D", 7), "D": ("H", 24),
             "H": ("M", 60), "Q": ("M", 3)}.get(code)
    if lower is None:
        return f"{prefix}{whole}{code}"
    sub = round(frac * lower[1])
    if code == "D":
        return f"P{whole}DT{sub}H" if whole else f"PT{sub}H"
    return f"{prefix}{whole}{code}{sub}{lower[0]}" if whole else f"{prefix}{sub}{lower[0]}"


def _nearest(cands: list[date], dct: date, tense: str | None, slack: int = 90) -> date:
    """The candidate nearest to the DCT, unless it lies more than ``slack`` days on the side the tense
    rules out (news often puts a near future date in the past tense: "extended the offer to Nov. 20")."""
    best = min(cands, key=lambda c: abs((c - dct).days))
    if tense == "past" and best > dct + timedelta(days=slack):
        past = [c for c in cands if c <= dct]
        return max(past) if past else best
    if tense == "future" and best < dct - timedelta(days=slack):
        fut = [c for c in cands if c >= dct]
        return min(fut) if fut else best
    return best


def _month_day_year(month: int, day: int | None, ctx: Context) -> date | None:
    """Year of a month (and day) given without one: near the DCT, on the side the tense says."""
    if ctx.dct is None:
        return None
    cands = []
    for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
        try:
            cands.append(date(y, month, day or 15))
        except ValueError:
            continue
    if not cands:
        return None
    # a month told in the past tense may be at most the next month or two ("supposed to conclude by
    # May"), never one a season away ("In January, X resigned" in October is the January before);
    # with no tense to go by, news reports what happened: a month more than four months ahead is
    # the one before ("a high in June from $29.75 in March" in October)
    if day is None and ctx.tense is None:
        return _nearest(cands, ctx.dct, "past", slack=120)
    return _nearest(cands, ctx.dct, ctx.tense, slack=60 if day is None else 90)


def resolve_weekday(wd: int, ctx: Context, rel: str | None = None) -> date | None:
    """The date of a weekday (ISO 1-7) near the DCT: the previous one in past-tense text, the next one
    when the verb is future; 'last' / 'next' / 'this' say it outright."""
    if ctx.dct is None:
        return None
    dct = ctx.dct
    back = (dct.isoweekday() - wd) % 7
    fwd = (wd - dct.isoweekday()) % 7
    rel = _key(rel) or None
    if rel in ("last", "past"):
        return dct - timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return dct + timedelta(days=fwd or 7)
    if rel == "this":
        return dct + timedelta(days=wd - dct.isoweekday())
    if ctx.tense == "future":
        return dct + timedelta(days=fwd)
    if ctx.tense == "planned":
        # a plan told in the past ("protesters planned a rally on Saturday", "a service planned
        # for Saturday was cancelled") may be for a day on either side of publication: the nearer
        return dct + timedelta(days=fwd) if fwd <= 3 else dct - timedelta(days=back)
    return dct - timedelta(days=back)


def _with_x(d: date | None, gran: str, mod: str | None = None, typ: str = "DATE") -> Normalised:
    return Normalised(typ, value_at(d, gran), mod)


def _ref_or_dct(ctx: Context, gran: str | None = None) -> tuple[date | None, str, bool]:
    """The anchor of an anaphoric expression: the last reference time, or with ``gran`` the last one
    at least that fine ("the subsequent weekend" after "late in the week of Nov. 16 ... earlier this
    year" follows that week, not 1 January)."""
    if gran is not None and gran in GRANS:
        for ref in reversed(ctx.refs):
            if GRANS.index(ref.gran) <= GRANS.index(gran):
                return ref.day, ref.gran, True
    if ctx.ref is not None:
        return ctx.ref.day, ctx.ref.gran, True
    return ctx.dct, "day", False


def parse_year(text: str) -> int:
    """A year from digits or words ("1998", "nineteen ninety-six", "two thousand and one")."""
    t = text.strip().lower()
    if t.isdigit():
        return int(t)
    parts = re.split(r"[-\s]+", t)
    if parts[0] in ("eighteen", "nineteen") and len(parts) > 1:
        rest = [p for p in parts[1:] if p != "oh"]
        return NUMBER_WORDS[parts[0]] * 100 + int(parse_number(" ".join(rest)) or 0)
    return int(parse_number(t) or 0)


def season_year(code: str, ctx: Context, rel: str | None) -> int | None:
    """The year of a season ("last summer", "this fall", "summer" in past-tense text)."""
    if ctx.dct is None:
        return None
    first, last = cal.SEASON_MONTHS[code]
    m, y = ctx.dct.month, ctx.dct.year
    if code == "WI":
        current = y - 1 if m <= 2 else y  # the winter that started in December of this year
        started, ended = (m >= 12 or m <= 2), False
        if rel in ("last", "past"):
            return current - 1 if started or m < 12 else current - 1
        if rel in ("next", "coming"):
            return current + 1 if m <= 2 else y
        return current if rel == "this" or ctx.tense != "past" else (current if started else y - 1)
    started, ended = m >= first, m > last
    if rel in ("last", "past"):
        return y if ended else y - 1
    if rel in ("next", "coming"):
        return y if not started else y + 1
    if rel == "this" or rel is None and ctx.tense != "past":
        return y
    return y if started else y - 1


def ref_time(value: str) -> RefTime | None:
    """The reference time a normalised DATE/TIME value sets for later anaphoric expressions."""
    if m := re.match(r"(\d{4})-(\d{2})-(\d{2})", value):
        try:
            return RefTime(date(int(m[1]), int(m[2]), int(m[3])), "day")
        except ValueError:
            return None
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", value):
        try:
            return RefTime(cal.week_monday(int(m[1]), int(m[2])), "week")
        except ValueError:
            return None
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return RefTime(date(int(m[1]), int(m[2]), 1), "month")
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        return RefTime(date(int(m[1]), 3 * int(m[2]) - 2, 1), "quarter")
    if m := re.fullmatch(r"(\d{4})(?:-(?:SP|SU|FA|WI|H1|H2))?", value):
        return RefTime(date(int(m[1]), 1, 1), "year")
    return None
