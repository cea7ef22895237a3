"""The ``bw_places`` component: find place names and resolve them offline to the gazetteer.

Recognition takes spaCy's GPE/LOC/FAC entities and adds gazetteer names the model missed
(countries, states, capitals, big cities, our seas/regions/bases), but never demonyms
("Venezuelan") or words inside organisation/person names ("Bank of America", "George
Washington"). Resolution scores each candidate entry by population, feature type (countries
and capitals first), primary name over alternate name, the article's country focus, an
adjacent admin area ("Springfield, Illinois"), admin areas named elsewhere in the article, and
what the same name resolved to earlier in the article.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..knowledge.places import FEATURE_PRIOR, Candidate, GazEntry, Gazetteer, load_gazetteer, name_key
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
_FEATURE_OUT = {"capital": "city"}


@dataclass(slots=True)
class PlaceOptions:
    """How places are found: gazetteer matching on/off and extra user place files."""

    gazetteer_matching: bool = True
    knowledge_files: tuple[str, ...] = ()
    focus_weight: float = 3.0  # bonus for the article's main countries, times their share
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
        return _Mention(start, end, text, span.start_char, span.end_char, self.gaz.lookup(text))

    def recognise(self, doc: Doc) -> list[_Mention]:
        mentions: list[_Mention] = []
        taken = [False] * len(doc)
        blocked = [False] * len(doc)
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
                for i in range(ent.start, ent.end):
                    blocked[i] = True
        if self.options.gazetteer_matching:
            mentions += self._gazetteer_matches(doc, taken, blocked)
        return sorted(mentions, key=lambda m: m.start)

    def _gazetteer_matches(self, doc: Doc, taken: list[bool], blocked: list[bool]) -> list[_Mention]:
        found: list[_Mention] = []
        i, n, width = 0, len(doc), min(self.gaz.max_words, 6)
        while i < n:
            tok = doc[i]
            if taken[i] or blocked[i] or not (tok.text[:1].isupper()):
                i += 1
                continue
            hit = None
            for j in range(min(n, i + width), i, -1):
                if any(taken[k] or blocked[k] for k in range(i, j)):
                    continue
                if name_key(doc[i:j].text) in self.gaz.matchable and doc[j - 1].text[:1].isupper():
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
        focus: Counter[str] = Counter()
        admins: set[tuple[str | None, str]] = set()
        for m in mentions:  # what is unambiguous sets the article's focus and admin areas
            best = self._best(m, Counter(), set(), None)
            if best is not None and best.feature in ("country", "admin1"):
                if best.country:
                    focus[best.country] += 1
                if best.feature == "admin1" and best.admin1:
                    admins.add((best.country, name_key(best.admin1)))
            elif best is not None and best.country and len(m.candidates) == 1:
                focus[best.country] += 1
        memo: dict[str, GazEntry] = {}
        for k, m in enumerate(mentions):
            key = name_key(m.text)
            if key in memo:
                m.entry = memo[key]
                continue
            neighbour = mentions[k + 1] if k + 1 < len(mentions) else None
            adjacent = None
            if neighbour is not None and doc.text[m.end_char:neighbour.start_char].strip() == ",":
                adjacent = neighbour
            m.entry = self._best(m, focus, admins, adjacent)
            if m.entry is not None:
                memo[key] = m.entry

    def _best(self, m: _Mention, focus: Counter[str], admins: set[tuple[str | None, str]],
              adjacent: _Mention | None) -> GazEntry | None:
        if not m.candidates:
            return None
        total = sum(focus.values())
        context = [c.entry for c in adjacent.candidates if c.entry.feature in ("admin1", "country")] if adjacent else []
        best, best_score = None, -math.inf
        for cand in m.candidates:
            e = cand.entry
            score = math.log10(e.population + 10) + FEATURE_PRIOR.get(e.feature, 0.0) + (2.0 if cand.primary else 0.0)
            if total and e.country and e.feature != "country":
                score += self.options.focus_weight * focus[e.country] / total
            if e.admin1 and (e.country, name_key(e.admin1)) in admins and e.feature != "admin1":
                score += 1.5
            for ctx in context:
                if ctx.feature == "admin1" and e.admin1 and name_key(e.admin1) == name_key(ctx.name):
                    score += self.options.context_weight
                elif ctx.feature == "country" and e.country == ctx.country and e.feature != "country":
                    score += self.options.context_weight / 2
            if score > best_score:
                best, best_score = e, score
        return best

    def __call__(self, doc: Doc) -> list[Place]:
        mentions = self.recognise(doc)
        self.resolve(doc, mentions)
        return [to_place(m.text, m.start_char, m.end_char, m.entry) for m in mentions]


def to_place(text: str, start: int, end: int, entry: GazEntry | None) -> Place:
    """A model.Place for a mention and the entry it resolved to (or None: unresolved)."""
    if entry is None:
        return Place(text=text, start=start, end=end)
    return Place(
        text=text, start=start, end=end, name=entry.name, country=entry.country, admin1=entry.admin1,
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
    default_config={"gazetteer_matching": True, "knowledge_files": []},
)
def make_places(nlp: Language, name: str, gazetteer_matching: bool, knowledge_files: list[str]) -> PlacesComponent:
    return PlacesComponent(PlaceOptions(gazetteer_matching=gazetteer_matching,
                                        knowledge_files=tuple(knowledge_files)))


# --- where an event happened -----------------------------------------------------------------
def _place_tokens(doc: Doc, sent: Span) -> list[tuple[Place, Token]]:
    out = []
    for place in doc._.bw_places or []:
        if place.start < sent.start_char or place.end > sent.end_char:
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is not None and len(span):
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
    return None
