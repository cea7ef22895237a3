"""The ``bw_places`` component: find place names and resolve them offline to the gazetteer.

Recognition takes spaCy's GPE/LOC/FAC entities and adds gazetteer names the model missed
(countries, states, capitals, big cities, our seas/regions/bases), division abbreviations
after a place ("Edmonton, Ky."), and place names at the edge of an organisation's name
("Kentucky State Police", "University of Manitoba"), but never words inside person names
("George Washington") and never a place name used as a disease's name ("West Nile virus").
Demonyms ("Venezuelan") are not places; an option (used by ``annotate toponyms`` for corpora
whose convention annotates them) emits them as their country. Resolution scores each
candidate entry by population, feature type (countries and capitals first), primary name over
alternate name, the article's country focus (demonyms count towards it), an adjacent admin
area ("Springfield, Illinois"), admin areas named elsewhere in the article, and what the same
name resolved to earlier in the article.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..knowledge.places import (
    ADMIN1_FEATURES, ALIAS_PRIOR_CAP, FEATURE_PRIOR, MAJOR_CITY_POPULATION, MAJOR_CITY_PRIOR, Candidate, GazEntry,
    Gazetteer, distance_km, load_gazetteer, name_key,
)
from ..model import Place
from .extensions import register_extensions

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entity labels whose words are not place names when the gazetteer matches inside them,
#: unless the whole entity is exactly a country/state/capital name (a common model slip).
BLOCKING_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LANGUAGE"})
#: Prepositions that put an event at a place ("in Caracas", "off the coast of", "over Venezuela").
LOCATIVE_PREPS = frozenset({
    "in", "at", "near", "off", "over", "across", "inside", "outside", "around", "along", "within",
    "throughout", "into", "onto", "beyond", "between", "outside of", "nearby", "toward", "towards",
})
_CLIMB_DEPS = frozenset({"compound", "appos", "conj", "flat", "nmod", "amod", "cc"})
#: Words after a place name that make it the name of a disease or its agent ("Ebola virus").
DISEASE_WORDS = frozenset({"virus", "viruses", "fever", "disease", "flu", "strain", "encephalitis", "vaccine",
                           "outbreak-strain", "ebolavirus", "virus-like", "syndrome"})
#: Words whose presence in an organisation name marks it as an organisation, not a longer place name.
_ORG_EDGE_PREPS = frozenset({"of", "for", "in"})
#: Place names that close organisation names as a brand, not a seat ("Bank of America", "Voice of America").
_ORG_NAME_WORDS = frozenset({"america", "the americas", "europe", "asia", "africa"})
_FEATURE_OUT = {"capital": "city", "province": "admin1", "district": "admin2"}
_AREAS = ADMIN1_FEATURES | {"country"}
_DERIVED = frozenset({"province", "district"})
#: Words after a name that say what kind of place it is ("Wardak province", "Kerawa village").
#: A name the gazetteer lacks with such a word is looked up without it, among places of that kind.
SETTLEMENT_WORDS = frozenset({"city", "town", "village", "township", "camp", "neighbourhood", "neighborhood",
                              "area", "locality"})
DIVISION_WORDS = frozenset({"province", "governorate", "district", "county", "region", "state", "department",
                            "oblast", "prefecture", "municipality", "lga", "subdivision", "division", "raion",
                            "rayon", "parish", "commune", "sub-district", "subdistrict"})
_KIND_FEATURES = {"settlement": frozenset({"city", "capital"}),
                  "division": frozenset({"admin1", "province", "district"})}
#: Words that begin capitalised phrases but are never place names on their own.
_NOT_PLACES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "god", "parliament", "congress", "court", "government", "police", "army", "state", "city", "town",
})
_TOWNS = frozenset({"city", "capital", "facility"})


@dataclass(slots=True)
class PlaceOptions:
    """How places are found: gazetteer matching on/off and extra user place files."""

    gazetteer_matching: bool = True
    knowledge_files: tuple[str, ...] = ()
    #: emit demonyms ("Turkish") as mentions of their country (a toponym-corpus convention; the
    #: event pipeline keeps them out: "Venezuelan troops" is an actor, not a place)
    demonyms: bool = False
    #: recognise place names at the edge of organisation names ("Kentucky State Police")
    org_places: bool = True
    focus_weight: float = 6.0  # bonus for the article's main countries, times their share
    named_weight: float = 10.0  # bonus for a town in a country the article names ("Canada", "Canadian")
    admin_weight: float = 6.0  # bonus when the entry lies in a division the article names
    context_weight: float = 8.0  # bonus when an adjacent admin area/country agrees ("X, Illinois")


@dataclass(slots=True)
class _Mention:
    start: int  # token indices
    end: int
    text: str
    start_char: int
    end_char: int
    candidates: list[Candidate]
    entry: GazEntry | None = None
    demonym: bool = False


@dataclass(slots=True)
class _Context:
    """What the rest of the article says about where it is."""

    focus: Counter[str]  # ISO3 -> mentions resolved there
    admins: set[tuple[str | None, str]]  # (ISO3, division name key) named in the article
    named: set[str]  # ISO3 of countries named as such, by a division or by a demonym
    by_name: Counter[tuple[str, str]]  # (name key, ISO3) -> focus votes of that name


class PlaceResolver:
    """Recognises and resolves the place mentions of one doc."""

    def __init__(self, gazetteer: Gazetteer, options: PlaceOptions) -> None:
        self.gaz = gazetteer
        self.options = options

    # --- recognition ---------------------------------------------------------------------
    def _trim(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "\u2019s", "'")):
            end -= 1
        return start, end

    def _mention(self, doc: Doc, start: int, end: int) -> _Mention | None:
        start, end = self._trim(doc, start, end)
        if start >= end:
            return None
        span = doc[start:end]
        text = span.text
        if not any(c.isupper() for c in text) or self.gaz.is_demonym(text):
            return None
        return _Mention(start, end, text, span.start_char, span.end_char, self._lookup(doc, start, end))

    def _lookup(self, doc: Doc, start: int, end: int) -> list[Candidate]:
        """Candidates of a name; "Wardak province" / "Kerawa village" (when the whole is no name)
        as the name before the kind word, keeping places of that kind when there are any."""
        candidates = self.gaz.lookup(doc[start:end].text)
        if candidates or end - start < 2:
            return candidates
        last = doc[end - 1].lower_
        kind = "settlement" if last in SETTLEMENT_WORDS else "division" if last in DIVISION_WORDS else None
        if kind is None:
            return candidates
        inner = self.gaz.lookup(doc[start:end - 1].text)
        return [c for c in inner if c.entry.feature in _KIND_FEATURES[kind]] or inner

    def recognise(self, doc: Doc) -> list[_Mention]:
        mentions: list[_Mention] = []
        taken = [False] * len(doc)
        blocked: list[tuple[int, int] | None] = [None] * len(doc)
        orgs: list[Span] = []
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS:
                m = self._mention(doc, ent.start, ent.end)
                if m is None or (ent.label_ == "FAC" and not m.candidates):
                    continue
                mentions.append(m)
                for i in range(m.start, m.end):
                    taken[i] = True
            elif ent.label_ in BLOCKING_LABELS:
                start, end = self._trim(doc, ent.start, ent.end)
                whole = name_key(doc[start:end].text) if start < end else ""
                if ent.label_ != "NORP" and whole in self.gaz.matchable:
                    continue  # the model called a country/capital a person or organisation
                if ent.label_ == "ORG":
                    orgs.append(ent)
                for i in range(ent.start, ent.end):
                    blocked[i] = (start, end) if ent.label_ not in ("NORP", "LANGUAGE") else (-1, -1)
        if self.options.gazetteer_matching:
            mentions += self._gazetteer_matches(doc, taken, blocked)
        if self.options.org_places:
            mentions += [m for org in orgs for m in self._org_places(doc, org)]
        mentions.sort(key=lambda m: m.start)
        mentions += self._contextual_abbreviations(doc, mentions)
        mentions = self._drop_disease_names(doc, mentions)
        if self.options.demonyms:
            mentions += self._demonyms(doc, mentions)
        return sorted(mentions, key=lambda m: m.start)

    def _org_places(self, doc: Doc, org: Span) -> list[_Mention]:
        """A place name opening an organisation's name or closing it after "of"/"for"/"in"."""
        start, end = self._trim(doc, org.start, org.end)
        if end - start < 2:
            return []
        found = []
        for j in range(min(end - 1, start + 4), start, -1):  # "Kentucky State Police", "U.S. Army"
            if name_key(doc[start:j].text) in self.gaz.matchable:
                m = self._mention(doc, start, j)
                if m is not None and m.candidates:
                    found.append(m)
                break
        for i in range(start + 1, end - 1):  # "University of Manitoba", "Conference Board of Canada"
            key = name_key(doc[i + 1:end].text)
            if doc[i].lower_ in _ORG_EDGE_PREPS and key in self.gaz.matchable and key not in _ORG_NAME_WORDS:
                m = self._mention(doc, i + 1, end)
                if m is not None and m.candidates and not (found and found[0].end > m.start):
                    found.append(m)
                break
        return found

    def _contextual_abbreviations(self, doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
        """Division abbreviations right after "Place," ("Edmonton, Ky.", "Springfield, IL")."""
        ends = {m.end for m in mentions}
        starts = {m.start for m in mentions}
        found = []
        for end in ends:
            if end + 1 >= len(doc) or doc[end].text != "," or end + 1 in starts:
                continue
            for width in (3, 2, 1):  # "W. Va." may be several tokens
                stop = end + 1 + width
                if stop > len(doc):
                    continue
                key = name_key(doc[end + 1:stop].text)
                if key in self.gaz.contextual or key in self.gaz.matchable:
                    m = self._mention(doc, end + 1, stop)
                    if m is not None and m.candidates:
                        m.candidates = [c for c in m.candidates if c.entry.feature in _AREAS] \
                            or m.candidates
                        found.append(m)
                    break
        return found

    def _drop_disease_names(self, doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
        """A name the article uses for a disease ("Ebola virus", "West Nile fever") is no place there."""
        diseases = set()
        for m in mentions:
            if m.end < len(doc) and doc[m.end].lower_ in DISEASE_WORDS:
                diseases.add(name_key(m.text))
        return [m for m in mentions if name_key(m.text) not in diseases]

    def _demonyms(self, doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
        """Demonyms ("Turkish", "Syrians") as mentions already resolved to their country."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        found = []
        for tok in doc:
            if tok.i in taken or not tok.text[:1].isupper() or not tok.is_alpha:
                continue
            entry = self._demonym_entry(tok.text)
            if entry is None:
                continue
            found.append(_Mention(tok.i, tok.i + 1, tok.text, tok.idx, tok.idx + len(tok.text),
                                  [Candidate(entry, True)], entry, demonym=True))
        return found

    def _demonym_entry(self, text: str) -> GazEntry | None:
        entry = self.gaz.demonym_entry(text)
        if entry is None and text.endswith("s") and len(text) > 4:
            entry = self.gaz.demonym_entry(text[:-1])  # "Syrians"
        return entry

    def _demonym_focus(self, doc: Doc) -> Counter[str]:
        """Countries named by demonyms: they tell the article's focus even when not emitted."""
        focus: Counter[str] = Counter()
        for ent in doc.ents:
            if ent.label_ == "NORP":
                entry = self._demonym_entry(ent.text)
                if entry is not None and entry.country:
                    focus[entry.country] += 1
        return focus

    def _gazetteer_matches(self, doc: Doc, taken: list[bool], blocked: list[tuple[int, int] | None]) -> list[_Mention]:
        """Gazetteer names spaCy missed: big places anywhere, any place where syntax says it is one.
        A name the model labelled as a whole PERSON/PRODUCT/... is taken back only in a locative
        context ("in Hadramawt governorate"): small models often mislabel foreign place names."""
        found: list[_Mention] = []
        i, n, width = 0, len(doc), min(self.gaz.max_words, 6)
        while i < n:
            tok = doc[i]
            if taken[i] or not (tok.text[:1].isupper()):
                i += 1
                continue
            hit = None
            for j in range(min(n, i + width), i, -1):
                if any(taken[k] for k in range(i, j)):
                    continue
                whole_entity = blocked[i] == (i, j) and all(blocked[k] == (i, j) for k in range(i, j))
                if not whole_entity and any(blocked[k] for k in range(i, j)):
                    continue
                key = name_key(doc[i:j].text)
                if doc[j - 1].text[:1].isupper() and (
                        (key in self.gaz.matchable and not whole_entity)
                        or (self._proper_run(doc, i, j) and self.gaz.has_name(key)
                            and self._locative_context(doc, i, j))):
                    hit = j
                    break
            if hit is None or self._inside_longer_name(doc, i, hit):
                i += 1
                continue
            m = self._mention(doc, i, hit)
            if m is not None and m.candidates:
                found.append(m)
            i = hit
        return found

    @staticmethod
    def _proper_run(doc: Doc, start: int, end: int) -> bool:
        """Capitalised proper nouns only, and not a month, weekday or institution word."""
        return all(t.text[:1].isupper() and (t.pos_ == "PROPN" or (t.pos_ in ("NOUN", "X", "ADJ") and not t.is_sent_start))
                   for t in doc[start:end]) \
            and doc[start].lower_ not in _NOT_PLACES

    @staticmethod
    def _locative_context(doc: Doc, start: int, end: int) -> bool:
        """Whether syntax marks a name as a place: "in/near/at X", "X village", "X, Donetsk", "X (Marib)"."""
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        if before in LOCATIVE_PREPS or before in ("from", "of", "between", "to"):
            return before != "of" or after in SETTLEMENT_WORDS | DIVISION_WORDS | {",", "("}
        return after in SETTLEMENT_WORDS or after in DIVISION_WORDS or (before == "(" and after in (",", ")"))

    @staticmethod
    def _inside_longer_name(doc: Doc, start: int, end: int) -> bool:
        """'Washington' in 'George Washington' or 'Washington Post' is not a place."""
        def proper(tok: Token) -> bool:
            return tok.pos_ == "PROPN" and tok.text[:1].isupper() and not tok.is_sent_start
        before = doc[start - 1] if start > 0 else None
        after = doc[end] if end < len(doc) else None
        return bool((before is not None and proper(before) and not doc[start].is_sent_start)
                    or (after is not None and proper(after)))

    # --- resolution ----------------------------------------------------------------------
    def resolve(self, doc: Doc, mentions: list[_Mention]) -> None:
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
        self._resolve_all(doc, mentions, ctx)

    def _resolve_all(self, doc: Doc, mentions: list[_Mention], ctx: _Context) -> None:
        memo: dict[str, GazEntry] = {}
        for k, m in enumerate(mentions):
            key = name_key(m.text)
            if m.demonym:
                continue
            adjacent = self._qualifiers(doc, mentions, k)
            if key in memo and not adjacent:
                m.entry = memo[key]
                continue
            m.entry = self._best(m, ctx, adjacent)
            if m.entry is not None:
                memo[key] = m.entry

    @staticmethod
    def _qualifiers(doc: Doc, mentions: list[_Mention], k: int) -> list[_Mention]:
        """The places that qualify mention ``k`` right after it: "Springfield, Illinois",
        "Hays (Hays, Al Hudaydah)", "Jalalpur, Shamli (UP)", "Ftireh in Idleb"."""
        out: list[_Mention] = []
        prev = mentions[k]
        for near in mentions[k + 1:k + 4]:
            gap = doc.text[prev.end_char:near.start_char].strip()
            if gap not in (",", "(", ", (", "in", "of", "") if not out else gap not in (",", "(", ", ("):
                break
            out.append(near)
            prev = near
        return out

    def _best(self, m: _Mention, ctx: _Context | None, adjacent: list[_Mention] | None) -> GazEntry | None:
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
        town_countries = {c.entry.country for c in m.candidates if c.primary and c.entry.feature in _TOWNS}
        best, best_score = None, -math.inf
        for cand in m.candidates:
            e = cand.entry
            prior = FEATURE_PRIOR.get(e.feature, 0.0)
            if not cand.primary:  # an alias: "Mexico" is the country, not Mexico City
                prior = min(prior, ALIAS_PRIOR_CAP)
            elif e.feature in ("city", "capital") and e.population >= MAJOR_CITY_POPULATION:
                prior += MAJOR_CITY_PRIOR
            score = math.log10(e.population + 10) + prior + (2.0 if cand.primary else 0.0)
            if e.feature in _DERIVED and e.country in town_countries:
                score -= 4.0
            local = town_choice or e.feature not in _TOWNS  # a town does not beat an area on local hints
            if local and total and e.country and e.feature != "country":
                score += self.options.focus_weight * focus[e.country] / total
            if town_choice and cand.primary and e.country in ctx.named and e.feature in _TOWNS:
                score += self.options.named_weight
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

    def __call__(self, doc: Doc) -> list[Place]:
        mentions = self.recognise(doc)
        self.resolve(doc, mentions)
        return [to_place(m.text, m.start_char, m.end_char, m.entry,
                         self.gaz.admin1_of(m.entry) if m.entry is not None else None) for m in mentions]


def to_place(text: str, start: int, end: int, entry: GazEntry | None, admin1: str | None = None) -> Place:
    """A model.Place for a mention and the entry it resolved to (or None: unresolved)."""
    if entry is None:
        return Place(text=text, start=start, end=end)
    return Place(
        text=text, start=start, end=end, name=entry.name, country=entry.country, admin1=admin1 or entry.admin1,
        lat=round(entry.lat, 5), lon=round(entry.lon, 5), geonameid=entry.geonameid if entry.geonameid > 0 else None,
        feature=_FEATURE_OUT.get(entry.feature, entry.feature), precision=entry.precision,
    )


class PlacesComponent:
    """spaCy component: fills ``doc._.bw_places`` with the article's places in text order."""

    def __init__(self, options: PlaceOptions) -> None:
        register_extensions()
        self.options = options
        self._resolver: PlaceResolver | None = None

    @property
    def resolver(self) -> PlaceResolver:
        if self._resolver is None:  # the gazetteer loads on first use, once per process
            self._resolver = PlaceResolver(load_gazetteer(tuple(self.options.knowledge_files)), self.options)
        return self._resolver

    def __call__(self, doc: Doc) -> Doc:
        doc._.bw_places = self.resolver(doc)
        return doc


@Language.factory(
    "bw_places",
    default_config={"gazetteer_matching": True, "knowledge_files": [], "demonyms": False, "org_places": True},
)
def make_places(nlp: Language, name: str, gazetteer_matching: bool, knowledge_files: list[str], demonyms: bool,
                org_places: bool) -> PlacesComponent:
    return PlacesComponent(PlaceOptions(gazetteer_matching=gazetteer_matching, knowledge_files=tuple(knowledge_files),
                                        demonyms=demonyms, org_places=org_places))


# --- where an event happened -----------------------------------------------------------------
def _place_tokens(doc: Doc, sent: Span) -> list[tuple[Place, Token]]:
    out = []
    for place in doc._.bw_places or []:
        if place.start < sent.start_char or place.end > sent.end_char:
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None or not len(span) or span[0].ent_type_ == "ORG":
            continue  # "Kentucky State Police" names an organisation, not where it acted
        out.append((place, span.root))
    return out


def _locative_prep(tok: Token) -> Token | None:
    """The locative preposition that governs a place's head token, if any."""
    for _ in range(8):
        while tok.dep_ in _CLIMB_DEPS and tok.head is not tok:
            tok = tok.head
        if tok.dep_ != "pobj":
            return None
        prep = tok.head
        word = prep.lower_
        if word in LOCATIVE_PREPS:
            return prep
        if word == "of" and prep.head is not prep:  # "off the coast of X", "north of X"
            tok = prep.head
            if tok.dep_ in ("advmod", "npadvmod") and tok.head.pos_ in ("VERB", "AUX", "NOUN"):
                return prep
            continue
        return None
    return None


def event_place(doc: Doc, sent: Span, trigger_token: Token) -> Place | None:
    """The place where the event of ``trigger_token`` happened, or None.

    First a place attached to the trigger by a locative preposition, then one in the
    trigger's subtree, then one attached to the trigger's governing verb; else the sentence's
    only locative place. A place that is an argument (an actor's country) is never the location.
    """
    ranked: list[tuple[int, int, Place]] = []
    locatives: list[Place] = []
    subtree = {t.i for t in trigger_token.subtree}
    ancestors = {t.i for t in trigger_token.ancestors}
    for place, head in _place_tokens(doc, sent):
        prep = _locative_prep(head)
        if prep is None:
            continue
        locatives.append(place)
        attach = prep.head
        distance = abs(head.i - trigger_token.i)
        if attach.i == trigger_token.i:
            ranked.append((0, distance, place))
        elif prep.i in subtree:
            ranked.append((1, distance, place))
        elif attach.i in ancestors and trigger_token.head.i == attach.i:
            ranked.append((2, distance, place))
    if ranked:
        return min(ranked, key=lambda r: (r[0], r[1]))[2]
    distinct = {(p.name or p.text) for p in locatives}
    if len(distinct) == 1:
        return locatives[0]
    if not distinct:
        return _discourse_place(doc, sent)
    return None


_SPECIFIC = {"point": 0, "admin2": 1, "admin1": 2, "facility": 0, "sea": 3, "region": 4, "country": 5}


def _discourse_place(doc: Doc, sent: Span) -> Place | None:
    """Where an event happened when its sentence names no locative place: the setting the
    text last gave ("In Kharkiv city, ... . Two people were killed."), else the most specific
    resolved place of the sentence itself when it names exactly one town or division (a
    country named without a locative preposition is an actor, "Russia warned Venezuela")."""
    own = [p for p, _ in _place_tokens(doc, sent) if p.lat is not None and p.precision not in ("country", "region")]
    if own:
        best = min(own, key=lambda p: _SPECIFIC.get(p.precision or "", 6))
        same = [p for p in own if _SPECIFIC.get(p.precision or "", 6) == _SPECIFIC.get(best.precision or "", 6)]
        return best if len({p.name for p in same}) == 1 else None
    for earlier in reversed(list(doc.sents)):
        if earlier.start >= sent.start:
            continue
        found = [p for p, head in _place_tokens(doc, earlier) if p.lat is not None and _locative_prep(head)]
        if found:
            return min(found, key=lambda p: _SPECIFIC.get(p.precision or "", 6))
    return None
