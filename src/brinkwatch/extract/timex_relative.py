"""Normalisers of relative and anaphoric expressions: "last week", "the following day", "the third
quarter", "a year earlier", "last summer", "Thanksgiving", "two days ago".

Deictic ones are resolved against the publication date; anaphoric ones against the reference time
(the last date mentioned); fiscal comparisons ("a year earlier", "the year-ago period") against the
last quarter under discussion, as earnings reports use them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import timex_calendar as cal
from .timex_patterns import ORDINALS, SEASONS, parse_number
from .timex_values import (
    _UNIT_GRAN, GRANS, Context, Normalised, _key, _nearest, _ref_or_dct, _with_x, amod_of, parse_year,
    pmod_of, season_year, shift, unit_of, value_at,
)


def _season_value(code: str, year: int | None, mod: str | None) -> Normalised:
    return Normalised("DATE", f"{year:04d}-{code}" if year is not None else f"XXXX-{code}", mod)


def _rel_unit(g: dict, ctx: Context) -> Normalised | None:
    rel, unit = _key(g["rel"]), _key(g["unit"])
    mod = pmod_of(g.get("pmod"))
    text_has_the = "the" in _key(g.get("_text")).split()[:2]
    if unit in SEASONS:
        return _season_value(SEASONS[unit], season_year(SEASONS[unit], ctx, rel), mod)
    gran = _UNIT_GRAN[unit]
    anaphoric = rel in ("that", "same", "following", "subsequent", "previous") or (
        rel == "next" and text_has_the and unit in ("day", "week", "weekend"))
    if anaphoric:
        base, _, _ = _ref_or_dct(ctx, gran)
    else:
        base = ctx.dct
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "following": 1, "subsequent": 1, "coming": 1, "upcoming": 1}.get(rel, 0)
    if unit == "day" and not anaphoric and rel not in ("this",):
        return None  # "last day", "current day": not a date
    if unit == "day" and anaphoric and ctx.ref is not None and ctx.ref.gran != "day" and rel in ("that", "same"):
        # "killed last October ... crossed out that same day": a day of the period named last, not
        # a day named paragraphs before it; "you get strong redemptions that day" (present) is generic
        if ctx.tense == "present" or (ctx.ref.gran != "month" and not any(r.gran == "day" for r in ctx.refs)):
            return None
        if ctx.ref.gran == "month":
            return Normalised("DATE", f"{ctx.ref.day.year:04d}-{ctx.ref.day.month:02d}-XX", mod, True)
    if base is None:
        n = _with_x(None, "week" if unit == "weekend" else gran, mod)
        if unit == "weekend":
            n.value += "-WE"
        return n
    if unit == "weekend":
        # the weekend before (last), of this week (this), after (next) the anchor
        if step < 0:
            d = base - timedelta(days=(base.isoweekday() % 7) or 7) if base.isoweekday() != 7 else base - timedelta(days=7)
        elif step > 0:
            d = base + timedelta(days=(6 - base.isoweekday()) % 7 or 7)
        else:
            d = base
        return Normalised("DATE", cal.iso_week(d) + "-WE", mod, anaphoric)
    if unit == "quarter" and rel == "this" and ctx.quarter is not None and ctx.tense != "future":
        # earnings reports: "this quarter's loss" is the quarter being reported, not the calendar one
        y, q = ctx.quarter
        return Normalised("DATE", f"{y:04d}-Q{q}", mod, True)
    if unit == "half":
        d = shift(base, "month", 6 * step)
        return Normalised("DATE", f"{d.year:04d}-H{1 if d.month <= 6 else 2}", mod, anaphoric)
    return Normalised("DATE", value_at(shift(base, gran, step), gran), mod, anaphoric)


def _the_unit(g: dict, ctx: Context) -> Normalised | None:
    unit = _key(g["unit"])
    mod = pmod_of(g.get("pmod"))
    if g.get("ended") and unit == "year":
        return Normalised("DURATION", "P1Y")  # "the year ended Sept. 30": a fiscal year
    if unit == "quarter":
        return _quarter({"unit": "quarter", "the": "the"}, ctx)
    if unit == "weekend":
        ana = ctx.ref is not None and ctx.ref.gran == "day"
        base = ctx.ref.day if ana else ctx.dct
        if base is None:
            return Normalised("DATE", "XXXX-WXX-WE", mod)
        if ctx.tense == "future" and not ana:
            d = base + timedelta(days=(6 - base.isoweekday()) % 7)
        elif ctx.tense == "past" and ctx.dct is not None and ctx.dct.isoweekday() <= 3:
            # early in the week, news means the weekend just gone, whatever day the story told last
            d = ctx.dct - timedelta(days=ctx.dct.isoweekday())
            ana = False
        elif ana and ctx.dct is not None and base.isoweekday() < 6 and (
                base + timedelta(days=6 - base.isoweekday())) <= ctx.dct:
            # a story told forward: "announced last Wednesday ... Over the weekend, lawyers ...",
            # "fell Friday ... ahead of the weekend": the weekend after that day, when it has passed
            d = base + timedelta(days=6 - base.isoweekday())
        else:
            d = base - timedelta(days=(base.isoweekday() % 7) or 0) if base.isoweekday() < 6 else base
        return Normalised("DATE", cal.iso_week(d) + "-WE", mod, ana)
    if unit in ("month", "week") and mod is None:
        return None
    if unit == "year" and mod is None and "full" in _key(g.get("_text")).split() and ctx.dct is not None:
        # "forecast an increase for the full year": the whole of the year being reported on (that
        # of the quarter under discussion, else the current one), not a target year named before
        year = ctx.quarter[0] if ctx.quarter is not None else ctx.dct.year
        return Normalised("DATE", f"{year:04d}", None, ctx.quarter is not None)
    base, gran, ana = _ref_or_dct(ctx)
    if ana and GRANS.index(gran) > GRANS.index(_UNIT_GRAN[unit]):
        base = ctx.dct
    return Normalised("DATE", value_at(base, _UNIT_GRAN[unit]), mod, ana)


def _yearend(g: dict, ctx: Context) -> Normalised | None:
    if ctx.dct is None:
        return Normalised("DATE", "XXXX", "END")
    y = ctx.dct.year - 1 if ctx.tense == "past" and ctx.dct.month < 7 else ctx.dct.year
    return Normalised("DATE", f"{y:04d}", "APPROX" if "around" in _key(g.get("_text")) else "END")


def _year_before(ctx: Context, base_gran: str = "year") -> Normalised:
    """'A year earlier', 'year-ago', 'the year-earlier period': the same period a year before the
    period under discussion: a fiscal quarter in earnings reports, else the reference year."""
    if ctx.quarter is not None and not ctx.past_quarter:
        y, q = ctx.quarter
        return Normalised("DATE", f"{y - 1:04d}-Q{q}", None, True, True)
    base, gran, ana = _ref_or_dct(ctx)
    return Normalised("DATE", value_at(shift(base, "year", -1) if base else None, "year"), None, ana, True)


def _quarter(g: dict, ctx: Context) -> Normalised | None:
    unit = _key(g["unit"])
    qrel = _key(g.get("qrel")) or None
    the = _key(g.get("the"))
    ordinal = ORDINALS.get(_key(g.get("ord"))) if g.get("ord") else None
    if qrel in ("year ago", "year earlier", "comparable", "corresponding") or (
            qrel == "same" and (g.get("yrel") or g.get("yrel2"))):
        return _year_before(ctx)
    if unit == "period" and ordinal is None and not g.get("year0") and qrel not in ("latest", "last", "current", "recent", "past", "same"):
        return None
    if unit == "half" and ordinal is None and qrel in ("last", "latter", "final") and g.get("year"):
        ordinal = 2  # "the last half of 1989": its second half, not the half-year before now
    if unit == "half" and (ordinal is None or ordinal > 2):
        return None
    if ordinal is not None and ordinal > 4:
        return None
    # which year
    year: int | None = None
    yrel = _key(g.get("yrel") or g.get("yrel2") or "")
    if the.endswith("year's"):
        yrel = the.split()[0]
    if g.get("year") or g.get("year0"):
        year = parse_year(g.get("year") or g["year0"])
        if unit == "period" and ordinal is None:
            q = ctx.quarter[1] if ctx.quarter else None
            return Normalised("DATE", f"{year:04d}-Q{q}" if q else f"{year:04d}", None, True, True)
    elif ctx.dct is not None and yrel:
        year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[yrel]
    if unit == "quarter" and ordinal is None and year is not None:
        # "the 1988 quarter", "last year's quarter": the quarter under discussion, in that year
        q = ctx.quarter[1] if ctx.quarter else "X"
        return Normalised("DATE", f"{year:04d}-Q{q}", None, True, True)
    if unit == "half":
        if year is None and ctx.dct is not None:
            d = _nearest([date(y, 6 * ordinal - 3, 1) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)],
                         ctx.dct, ctx.tense)
            year = d.year
        return Normalised("DATE", f"{year:04d}-H{ordinal}" if year else f"XXXX-H{ordinal}")
    if ordinal is not None:
        if year is None and ctx.dct is not None:
            d = _nearest([date(y, 3 * ordinal - 1, 15) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)],
                         ctx.dct, ctx.tense)
            year = d.year
        return Normalised("DATE", f"{year:04d}-Q{ordinal}" if year else f"XXXX-Q{ordinal}")
    # "the quarter", "the latest quarter", "the current quarter", "next quarter"
    if qrel in ("current",):
        return _with_x(ctx.dct, "quarter")
    if qrel == "next":
        return _with_x(shift(ctx.dct, "quarter", 1) if ctx.dct else None, "quarter")
    if (ctx.quarter is not None and qrel in ("latest", "last", "recent", "past") and ctx.dct is not None
            and ctx.quarter >= (ctx.dct.year, (ctx.dct.month - 1) // 3 + 1)):
        # "the latest quarter" has results: a quarter not over at publication ("a fourth-quarter
        # charge" in October) is not it; the last one completed is
        return Normalised("DATE", value_at(shift(ctx.dct, "quarter", -1), "quarter"))
    if ctx.quarter is not None and qrel != "previous":
        y, q = ctx.quarter
        return Normalised("DATE", f"{y:04d}-Q{q}", None, True)
    if ctx.dct is None:
        return Normalised("DATE", "XXXX-QX")
    return Normalised("DATE", value_at(shift(ctx.dct, "quarter", -1), "quarter"))


def _yearago(g: dict, ctx: Context) -> Normalised | None:
    out = _year_before(ctx)
    if "ago" in _key(g.get("_text")) and not re.search(r"-Q\d$", out.value) and ctx.dct is not None:
        # "the year-ago results": "ago" counts from publication, like "a year ago" (deictic), not
        # from the last year the text named, as "year-earlier" does
        return Normalised("DATE", f"{ctx.dct.year - 1:04d}", None, False, True)
    return out


def _season(g: dict, ctx: Context) -> Normalised | None:
    code = SEASONS[g["season"].lower()]
    rel = _key(g.get("rel")) or None
    mod = pmod_of(g.get("pmod"))
    if g.get("year"):
        return _season_value(code, parse_year(g["year"]), mod)
    if rel is None and not g.get("the") and not mod and code in ("FA", "SP"):
        return None  # "fall" and "spring" are mostly verbs and nouns
    return _season_value(code, season_year(code, ctx, rel), mod)


def _holiday(g: dict, ctx: Context) -> Normalised | None:
    name = g["hol"]
    key = cal.holiday_key(name)
    if cal.holiday_date(key, 2000) is None:
        return None
    week = bool(g.get("week"))
    # the day the story is about (the last date it gave, else publication) picks among the dates
    # a holiday is kept on in different countries ("On 1 May ... to mark Labour Day")
    anchor = ctx.ref.day if ctx.ref is not None and ctx.ref.gran == "day" else ctx.dct
    if g.get("year"):
        options = cal.holiday_dates(key, parse_year(g["year"]))
        d: date | None = min(options, key=lambda c: abs((c - anchor).days)) if anchor else options[0]
    elif ctx.dct is None:
        d = None
    else:
        years = (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)
        cands = [cal.holiday_date(key, y) for y in years]
        rel = _key(g.get("rel")) or None
        tense = {"last": "past", "next": "future"}.get(rel or "", ctx.tense)
        variants = [c for y in years for c in cal.holiday_dates(key, y)[1:]]
        if variants and anchor is not None:
            best = min(cands + variants, key=lambda c: abs((c - anchor).days))
            if best in variants and abs((best - anchor).days) <= 7:
                cands = [cal.holiday_dates(key, y)[1] for y in years]
        d = _nearest([c for c in cands if c], ctx.dct, tense)
        if rel == "last" and d >= ctx.dct:
            d = cands[0]
        if rel == "next" and d <= ctx.dct:
            d = cands[2]
        if rel == "this":
            d = cands[1]
    if week:
        return Normalised("DATE", cal.iso_week(d) if d else "XXXX-WXX")
    if d is None:
        rule_date = cal.holiday_date(key, 2001)
        fixed = rule_date == cal.holiday_date(key, 2002).replace(year=2001)
        return Normalised("DATE", f"XXXX-{rule_date.month:02d}-{rule_date.day:02d}" if fixed else "XXXX-XX-XX")
    return Normalised("DATE", d.isoformat())


def _ago(g: dict, ctx: Context) -> Normalised | None:
    unit = unit_of(g["unit"])
    n = parse_number(g["num"])
    direction = _key(g["dir"])
    gran = _UNIT_GRAN.get(unit)
    if gran is None:
        return None
    mod = amod_of(g.get("amod")) or ("APPROX" if g.get("orso") else None)
    if n is None:
        return Normalised("DATE", "FUTURE_REF" if direction in ("from now", "hence") else "PAST_REF", mod)
    sign = 1 if direction in ("from now", "hence", "later") else -1
    if unit == "year" and n == 1 and direction in ("ago", "earlier") and ctx.quarter is not None:
        out = _year_before(ctx)
        out.mod = mod
        return out
    anaphoric = direction in ("earlier", "later")
    base = _ref_or_dct(ctx)[0] if anaphoric else ctx.dct
    if unit == "fortnight":
        n, unit = n * 2, "week"
    if base is None:
        return Normalised("DATE", value_at(None, gran), mod, anaphoric)
    if unit == "weekend":
        return Normalised("DATE", cal.iso_week(shift(base, "week", int(sign * n))) + "-WE", mod, anaphoric)
    if n != int(n):
        return None
    return Normalised("DATE", value_at(shift(base, gran, int(sign * n)), gran), mod, anaphoric)
