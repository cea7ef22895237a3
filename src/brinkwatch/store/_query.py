"""SQL for the event filters of Store.events(): each filter is a WHERE clause plus its parameters.

Actor filters look at *every* actor of a side (the event_actors table), not only the first one
shown in the flat columns, so "events where Venezuela is a target" also finds the events whose
target list is "the United States and Venezuela".
"""

from __future__ import annotations

import re
from datetime import date
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..errors import UsageError
from ..model import MODALITIES
from ..ontology.loader import PLOVER_TYPES

_ISO_PREFIX = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(slots=True)
class Where:
    """A conjunction of SQL conditions with positional parameters."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.clauses.append(clause)
        self.params.extend(params)

    def sql(self) -> str:
        return " WHERE " + " AND ".join(f"({c})" for c in self.clauses) if self.clauses else ""


@lru_cache(maxsize=512)
def country_codes(value: str) -> tuple[str, ...]:
    """Country codes an actor filter value stands for: itself upper-cased, plus the ISO alpha-3 code of
    a country code or name that pycountry knows ("US", "Venezuela", "Russia" -> USA, VEN, RUS)."""
    import pycountry

    value = value.strip()
    codes = {value.upper()}
    try:
        codes.add(pycountry.countries.lookup(value).alpha_3)
    except LookupError:
        low = value.lower()
        if len(low) >= 4:
            found = {
                c.alpha_3
                for c in pycountry.countries
                if any(
                    (getattr(c, attr, None) or "").lower().startswith(low)
                    for attr in ("name", "common_name", "official_name")
                )
            }
            if len(found) == 1:
                codes |= found
    return tuple(sorted(codes))


def _actor_match(value: str, role: str | None) -> tuple[str, list[Any]]:
    """EXISTS clause: an actor of the event (on ``role``'s side, or either) matches ``value``.

    Matches country codes/names exactly; names and surface texts by case-insensitive substring,
    except for values of three letters or fewer, which are codes ("US" must not match "Russia").
    """
    value = value.strip()
    if not value:
        raise UsageError("An empty actor name was given as a filter.", hint="Pass a country code or an actor name.")
    parts = ["upper(ea.country) IN (SELECT unnest(?::VARCHAR[]))", "lower(ea.name) = lower(?)"]
    params: list[Any] = [list(country_codes(value)), value]
    if len(value) > 3:
        parts.append("contains(lower(ea.name), lower(?)) OR contains(lower(ea.text), lower(?))")
        params += [value, value]
    side = ""
    if role:
        side = "ea.role = ? AND "
        params.insert(0, role)
    clause = f"EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = t.event_id AND {side}({' OR '.join(parts)}))"
    return clause, params


def _iso_prefix(value: str, name: str) -> str:
    value = str(value).strip()
    if not _ISO_PREFIX.match(value):
        raise UsageError(
            f"{name}={value!r} is not an ISO date.", hint=f"Write {name} as YYYY-MM-DD (or YYYY-MM, or YYYY)."
        )
    parts = [int(p) for p in value.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise UsageError(f"{name}={value!r} is not a date on the calendar.",
                         hint=f"Check the month (01-12) and the day of {name}.") from None
    return value


def _names(values: Sequence[str] | str, what: str) -> list[str]:
    if isinstance(values, str):
        values = [v for v in values.split(",")]
    out = [v.strip() for v in values if v and v.strip()]
    if not out:
        raise UsageError(f"An empty list of {what} was given.", hint=f"Pass at least one {what[:-1]} or no filter.")
    return out


def event_filters(
    *,
    dyad: tuple[str, str] | None = None,
    actor: str | None = None,
    types: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    source: str | None = None,
    modalities: Sequence[str] | None = None,
    article_id: str | None = None,
) -> Where:
    """The WHERE clause of Store.events() over the ``event_table`` view aliased ``t``."""
    where = Where()
    if dyad is not None:
        if isinstance(dyad, str) or len(dyad) != 2:
            raise UsageError(f"dyad={dyad!r} is not a pair of actors.", hint="Pass two actors, e.g. ('USA', 'VEN').")
        a, b = dyad
        a_src, p1 = _actor_match(a, "source")
        b_tgt, p2 = _actor_match(b, "target")
        b_src, p3 = _actor_match(b, "source")
        a_tgt, p4 = _actor_match(a, "target")
        where.add(f"({a_src} AND {b_tgt}) OR ({b_src} AND {a_tgt})", *p1, *p2, *p3, *p4)
    if actor is not None:
        clause, params = _actor_match(actor, None)
        where.add(clause, *params)
    if types is not None:
        parts, params = [], []
        for t in _names(types, "types"):
            if t.isdigit():
                parts.append("starts_with(t.cameo, ?)")
            elif t.upper() in PLOVER_TYPES:
                parts.append("upper(t.plover) = upper(?)")
            else:
                raise UsageError(f"Unknown event type {t!r}.",
                                 hint=f"Use a PLOVER type ({', '.join(PLOVER_TYPES)}) or a CAMEO code prefix such as 19.")
            params.append(t)
        where.add(" OR ".join(parts), *params)
    # Interval overlap on ISO strings: comparing prefixes of the filter's length makes "2025-11"
    # mean the whole month on both ends. Events without any date never overlap a bound.
    if since is not None:
        s = _iso_prefix(since, "since")
        where.add("left(coalesce(t.date_end, t.date_start), ?) >= ?", len(s), s)
    if until is not None:
        u = _iso_prefix(until, "until")
        where.add("left(coalesce(t.date_start, t.date_end), ?) <= ?", len(u), u)
    if source is not None:
        where.add("contains(lower(t.article_source), lower(?)) OR contains(lower(t.article_url), lower(?))",
                  source, source)
    if modalities is not None:
        mods = [m.lower() for m in _names(modalities, "modalities")]
        unknown = sorted(set(mods) - set(MODALITIES))
        if unknown:
            raise UsageError(f"Unknown modality {', '.join(unknown)}.", hint=f"Use some of: {', '.join(MODALITIES)}.")
        where.add("t.modality IN (SELECT unnest(?::VARCHAR[]))", mods)
    if article_id is not None:
        where.add("t.article_id = ?", article_id)
    return where
