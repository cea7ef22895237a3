"""What a reported number allows: its range after the rounding and hedges of news prose.

"more than 70%" allows 70..80 (the next round step), "about 5,000" 4,500..5,500, "up to 2,200"
0..2,200, an exact figure 2 % either way (4,480 reported as 4,500). Two figures for the same
thing contradict when their ranges do not meet. A level of zero ("there were zero flights")
is the same claim as a decline of 100 %.
"""

from __future__ import annotations

import math
from typing import Any

#: Quantity kinds that count a distinct thing: only the same kind is comparable.
COUNT_KINDS = frozenset({"dead", "injured", "arrested", "troops", "vessels", "money", "percent", "count"})


def _step(v: float) -> float:
    """The rounding step of a figure: the largest power of ten dividing it (70 -> 10, 4500 -> 100)."""
    v = abs(v)
    if v == 0 or v != int(v):
        return 1.0 if v >= 1 else 0.1
    step = 1.0
    while v % (step * 10) == 0:
        step *= 10
    return step


def value_range(q: dict[str, Any]) -> tuple[float, float] | None:
    """(low, high) a quantity allows, or None when it has no value."""
    if q.get("low") is not None and q.get("high") is not None:
        return float(q["low"]), float(q["high"])
    v = q.get("value")
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    v = float(v)
    change = q.get("change") or "="
    step = _step(v)
    if change == ">":
        return v, v + max(step, 0.1 * v)
    if change == "<":
        return 0.0, v
    if change == "~":
        half = max(step, 0.1 * v) / 2
        return v - half, v + half
    return v * 0.98, v * 1.02


def is_decline(q: dict[str, Any]) -> bool:
    return (q.get("unit") == "percentage" or q.get("kind") == "percent") and q.get("change") == "down"


def is_zero_level(q: dict[str, Any]) -> bool:
    return q.get("value") == 0 and q.get("change") in (None, "=") and q.get("kind") != "percent"


def describe(q: dict[str, Any]) -> str:
    """'more than 70 percentage (down)' style text of a quantity, for reports."""
    text = str(q.get("text") or q.get("value"))
    extra = [x for x in (q.get("unit"), q.get("change") if q.get("change") not in (None, "=") else None) if x]
    return f"{text} ({', '.join(map(str, extra))})" if extra else text


def comparable(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Do two quantities measure the same kind of thing? (Same unit or kind, or a decline against a zero level.)"""
    if (is_decline(a) and is_zero_level(b)) or (is_decline(b) and is_zero_level(a)):
        return True
    ka, kb = a.get("kind"), b.get("kind")
    if a.get("unit") and b.get("unit") and a.get("unit") != b.get("unit"):
        return False  # two frigates and four patrol boats are not two counts of one thing
    if ka in COUNT_KINDS and ka == kb:
        if ka == "count":
            return bool(a.get("unit")) and a.get("unit") == b.get("unit")
        return (ka != "percent") or (a.get("change") == b.get("change"))
    return bool(a.get("unit")) and a.get("unit") == b.get("unit") and ka == kb


def conflict(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two comparable quantities cannot both be true."""
    if is_zero_level(a) and is_decline(b):
        a = {"value": 100.0, "change": "="}
    elif is_zero_level(b) and is_decline(a):
        b = {"value": 100.0, "change": "="}
    ra, rb = value_range(a), value_range(b)
    if ra is None or rb is None:
        return False
    return ra[1] < rb[0] or rb[1] < ra[0]
