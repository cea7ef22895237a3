"""Resolving place mentions to gazetteer entries (the second half of ``bw_places``).

Each mention's candidate entries are scored by population, feature type (countries and
capitals first), primary name over alternate name, the article's country focus (demonyms
count towards it), an adjacent admin area ("Springfield, Illinois"; a place right after
another, "Monclova, Coahuila", is read as an area), admin areas named elsewhere in the
article, and what the same name resolved to earlier in the article. Two passes: what is
unambiguous sets the article's focus, then everything is decided again in its light.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ..knowledge.places import (
    ADMIN1_FEATURES, ALIAS_PRIOR_CAP, FEATURE_PRIOR, MAJOR_CITY_POPULATION, MAJOR_CITY_PRIOR, GazEntry, Gazetteer,
    distance_km, name_key,
)
from .extensions import doc_text
from .places_recognise import _AREAS, _DERIVED, _TOWNS, Mention, PlaceOptions

#: What a national capital gains over a same-named division of its country (see Resolver._best).
CAPITAL_OVER_DIVISION = 2.0


#: Words that call the name next to them a first-order division: "Washington state",
#: "the state of Washington", "Kunar province" (county and municipality words are left out:
#: "Fresnillo municipality" is coded at its seat town).
_ADMIN1_WORDS = frozenset({"state", "province", "oblast", "governorate", "prefecture"})


def _named_as_division(doc: Doc, m: Mention) -> bool:
    """Whether the text calls the mention a division: "X state", "the state of X"."""
    if m.end < len(doc) and doc[m.end].lower_ in _ADMIN1_WORDS:
        return True
    return m.start >= 2 and doc[m.start - 1].lower_ == "of" and doc[m.start - 2].lower_ in _ADMIN1_WORDS


@dataclass(slots=True)
class _Context:
    """What the rest of the article says about where it is."""

    focus: Counter[str]  # ISO3 -> mentions resolved there
    admins: set[tuple[str | None, str]]  # (ISO3, division name key) named in the article
    named: set[str]  # ISO3 of countries named as such, by a division or by a demonym
    by_name: Counter[tuple[str, str]]  # (name key, ISO3) -> focus votes of that name
    towns: list[tuple[str, GazEntry]] = field(default_factory=list)  # (name key, town) resolved elsewhere


class Resolver:
    """Chooses each mention's entry; mixed into :class:`~.places.PlaceResolver` with the
    :class:`~.places_recognise.Recogniser`, whose demonym focus it uses."""

    gaz: Gazetteer
    options: PlaceOptions

    def _demonym_focus(self, doc: Doc) -> Counter[str]:  # provided by the Recogniser
        raise NotImplementedError

    # --- resolution ----------------------------------------------------------------------
    def resolve(self, doc: Doc, mentions: list[Mention]) -> None:
        focus: Counter[str] = Counter() if self.options.demonyms else self._demonym_focus(doc)
        admins: set[tuple[str | None, str]] = set()
        for m in mentions:  # what is unambiguous sets the article's focus and admin areas
            best = m.entry if m.demonym else self._best(m, None, None)
            if best is not None and best.feature in _AREAS:
                if best.country:
                    focus[best.country] += 1
                if best.feature in ADMIN1_FEATURES and best.admin1:
                    admins.add((best.country, name_key(best.admin1)))
            elif best is not None and best.country and len(m.candidates) == 1:
                focus[best.country] += 1
        self._resolve_all(doc, mentions, _Context(focus, admins, set(), Counter()))
        # second pass: the countries and divisions the article names, and where its other
        # mentions (cities too) lie, decide between same-named towns ("London", Ontario)
        ctx = _Context(Counter(self._demonym_focus(doc)) if not self.options.demonyms else Counter(), set(), set(),
                       Counter())
        ctx.named.update(ctx.focus)
        for m in mentions:
            if m.entry is None or not m.entry.country:
                continue
            ctx.focus[m.entry.country] += 1
            ctx.by_name[(name_key(m.text), m.entry.country)] += 1
            if m.entry.feature in _AREAS or m.demonym:
                ctx.named.add(m.entry.country)
            admin1 = self.gaz.admin1_of(m.entry)
            if m.entry.feature in ADMIN1_FEATURES and admin1:
                ctx.admins.add((m.entry.country, name_key(admin1)))
            if m.entry.feature in _TOWNS:
                ctx.towns.append((name_key(m.text), m.entry))
        self._resolve_all(doc, mentions, ctx)

    def _resolve_all(self, doc: Doc, mentions: list[Mention], ctx: _Context) -> None:
        memo: dict[str, GazEntry] = {}
        qualifying: set[int] = set()  # mentions that narrow the one before: "Monclova, Coahuila"
        for k, m in enumerate(mentions):
            key = name_key(m.text)
            adjacent = self._qualifiers(doc, mentions, k)
            qualifying.update(id(q) for q in adjacent)
            if m.demonym:
                continue
            if key in memo and not adjacent and id(m) not in qualifying:
                m.entry = memo[key]
                continue
            m.entry = self._best(m, ctx, adjacent, qualifies=id(m) in qualifying or _named_as_division(doc, m))
            if m.entry is not None:
                memo[key] = m.entry

    @staticmethod
    def _qualifiers(doc: Doc, mentions: list[Mention], k: int) -> list[Mention]:
        """The places that qualify mention ``k`` right after it: "Springfield, Illinois",
        "Hays (Hays, Al Hudaydah)", "Jalalpur, Shamli (UP)", "Ftireh in Idleb"."""
        out: list[Mention] = []
        prev = mentions[k]
        for near in mentions[k + 1:k + 4]:
            gap = doc_text(doc)[prev.end_char:near.start_char].strip()
            if gap not in (",", "(", ", (", "in", "of", "") if not out else gap not in (",", "(", ", ("):
                break
            out.append(near)
            prev = near
        return out

    def _best(self, m: Mention, ctx: _Context | None, adjacent: list[Mention] | None,
              qualifies: bool = False) -> GazEntry | None:
        if not m.candidates:
            return None
        ctx = ctx or _Context(Counter(), set(), set(), Counter())
        key = name_key(m.text)
        # the mention's own votes do not count towards the focus (no self-reinforcement)
        focus = Counter({c: n - ctx.by_name.get((key, c), 0) for c, n in ctx.focus.items()})
        admins = ctx.admins
        total = sum(focus.values())
        context = [c.entry for near in adjacent or [] for c in near.candidates
                   if c.entry.feature in _AREAS | {"district"}]
        # the article's named countries choose between towns, never a town over an area of that name
        town_choice = not any(c.primary and c.entry.feature not in _TOWNS | _DERIVED for c in m.candidates)
        # a division named like a town in it: the bare name means the town ("Aleppo", "Marib")
        towns = [c.entry for c in m.candidates if c.primary and c.entry.feature in _TOWNS]
        # a national capital named like a division of its country: news means the seat of
        # government ("Washington" in a US story is the capital, not the state)
        divisions = {c.entry.country for c in m.candidates if c.primary and c.entry.feature in ADMIN1_FEATURES}
        area_countries = {c.entry.country for c in m.candidates
                          if c.primary and c.entry.feature not in _TOWNS | _DERIVED and c.entry.feature != "country"}
        # ... unless a namesake is a major city of a country the article names ("Paris" in a
        # story that names France, told from Georgetown, Kentucky, near Paris, Kentucky)
        near_counts = not any(c.primary and c.entry.feature in _TOWNS and c.entry.population >= MAJOR_CITY_POPULATION
                              and c.entry.country in ctx.named for c in m.candidates)
        best, best_score = None, -math.inf
        for cand in m.candidates:
            e = cand.entry
            prior = FEATURE_PRIOR.get(e.feature, 0.0)
            if not cand.primary:  # an alias: "Mexico" is the country, not Mexico City
                prior = min(prior, ALIAS_PRIOR_CAP)
            elif e.feature in ("city", "capital") and e.population >= MAJOR_CITY_POPULATION:
                prior += MAJOR_CITY_PRIOR
            score = math.log10(e.population + 10) + prior + (2.0 if cand.primary else 0.0)
            if e.feature in _DERIVED and any(t.country == e.country and distance_km(t.lat, t.lon, e.lat, e.lon) < 150
                                             for t in towns):
                score -= 4.0
            if cand.primary and e.feature == "capital" and e.country in divisions and not qualifies:
                score += CAPITAL_OVER_DIVISION
            if qualifies and e.feature in _AREAS | {"district"}:
                score += self.options.context_weight  # "X, Coahuila" names the area X lies in
            local = town_choice or e.feature not in _TOWNS  # a town does not beat an area on local hints
            # ... but the article's focus on a country does not favour its division over its town
            focused = local or e.country in area_countries
            if focused and total and e.country and e.feature != "country":
                score += self.options.focus_weight * focus[e.country] / total
            if town_choice and cand.primary and e.country in ctx.named and e.feature in _TOWNS:
                score += self.options.named_weight
            # a town next to another town the article names: "Edmonton" among "Cairns" and
            # "Yarrabah" is the suburb of Cairns, not the Canadian city
            if near_counts and town_choice and e.feature in _TOWNS and len(m.candidates) > 1 and any(
                    k != key and t.geonameid != e.geonameid
                    and distance_km(e.lat, e.lon, t.lat, t.lon) < self.options.near_km for k, t in ctx.towns):
                score += self.options.near_weight
            admin1 = self.gaz.admin1_of(e)
            if local and admin1 and (e.country, name_key(admin1)) in admins and e.feature not in ADMIN1_FEATURES:
                score += self.options.admin_weight
            for near in context:
                if near.feature in ADMIN1_FEATURES and admin1 and name_key(admin1) == name_key(near.name) \
                        and e.feature not in ADMIN1_FEATURES:
                    score += self.options.context_weight
                elif near.feature == "district" and e.feature in _TOWNS and near.country == e.country \
                        and distance_km(e.lat, e.lon, near.lat, near.lon) < 60:
                    score += self.options.context_weight / 2
                elif near.feature == "country" and e.country == near.country and e.feature != "country":
                    score += self.options.context_weight / 2
            if score > best_score:
                best, best_score = e, score
        return best
