"""The ``bw_places`` component: find place names and resolve them offline to the gazetteer,
and say where each event happened.

Finding is :mod:`.places_recognise`, choosing the entry :mod:`.places_resolve`; this module
assembles them into the spaCy component and holds :func:`event_place`, which the event coder
calls to pick, among the places of a sentence, the one where the event happened.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..knowledge.places import (
    MAJOR_CITY_POPULATION, GazEntry, Gazetteer, distance_km, load_gazetteer, name_key,
)
from ..model import Place
from .extensions import doc_text, register_extensions
from .places_recognise import (  # noqa: F401  (re-exported: the component's public vocabulary)
    _FEATURE_OUT, DISEASE_WORDS, DIVISION_WORDS, LOCATIVE_PREPS, PLACE_LABELS, SETTLEMENT_WORDS, Mention,
    PlaceOptions, Recogniser, qualifies,
)
from .places_resolve import Resolver

__all__ = [
    "DISEASE_WORDS", "DIVISION_WORDS", "LOCATIVE_PREPS", "PLACE_LABELS", "SETTLEMENT_WORDS", "Mention", "PlaceOptions",
    "PlaceResolver", "PlacesComponent", "event_place", "make_places", "to_place",
]

_CLIMB_DEPS = frozenset({"compound", "appos", "conj", "flat", "nmod", "amod", "cc"})
#: A town this far from the area named right after it is not in that area: the gazetteer lacks
#: the right town (a village), and the area is the best known point of the event.
_QUALIFIER_KM = 300.0
#: Words that make a name a neighbourhood of a town ("Colonia Centenario", "Cabanas
#: neighborhood"): the gazetteer's place of that name is some other town, so such a name is
#: not the event's location when the sentence places the event otherwise.
_QUARTER_BEFORE = frozenset({"colonia", "fraccionamiento", "barrio"})
_QUARTER_AFTER = frozenset({"neighborhood", "neighbourhood"})


def _quarter(doc: Doc, place: Place) -> bool:
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None:
        return False
    return span[0].lower_ in _QUARTER_BEFORE or (span.start > 0 and doc[span.start - 1].lower_ in _QUARTER_BEFORE) or \
        (span.end < len(doc) and doc[span.end].lower_ in _QUARTER_AFTER)


class PlaceResolver(Recogniser, Resolver):
    """Recognises and resolves the place mentions of one doc."""

    def __init__(self, gazetteer: Gazetteer, options: PlaceOptions) -> None:
        self.gaz = gazetteer
        self.options = options

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
        # worked out once per doc, with the gazetteer the places came from; event_place reads it
        doc.user_data[_OUTLIERS_KEY] = _outliers(doc._.bw_places, self.resolver.gaz)
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
#: ``doc.user_data`` key of the (start, end) offsets of :func:`_outliers`, set by the component.
_OUTLIERS_KEY = "bw_place_outliers"


def _outliers(places: list[Place], gaz: Gazetteer) -> frozenset[tuple[int, int]]:
    """Towns resolved to a country nothing else in the text points to, while the text's other
    places agree on another country ("Orta" read as the Turkish town in a report that names
    "Azerbaijan" and "Agdam"): the gazetteer lacks the right village and holds a far namesake,
    so the event is better placed by the areas the text does name. Offsets of such places."""
    places = [p for p in places if p.lat is not None and p.country]
    names: dict[str, set[str]] = {}
    mentions: Counter[str] = Counter()
    for p in places:
        names.setdefault(p.country or "", set()).add(name_key(p.text))
        mentions[p.country or ""] += 1
    if len(names) < 2:
        return frozenset()
    top, most = mentions.most_common(1)[0]
    if most < 2:
        return frozenset()
    return frozenset((p.start, p.end) for p in places if p.country != top and p.precision in ("point", "admin2")
                     and len(names[p.country or ""]) == 1 and mentions[p.country or ""] < most
                     and not _major(p, gaz))


def _major(place: Place, gaz: Gazetteer) -> bool:
    """Whether a place is a national capital or a city of a million: what its bare name means
    wherever the text is set ("protests in Paris" in a report about Mali)."""
    for cand in gaz.lookup(place.text):
        e = cand.entry
        if e.geonameid == place.geonameid:  # by its own name, not an alias ("White House")
            return cand.primary and (e.feature == "capital" or e.population >= MAJOR_CITY_POPULATION)
    return False


#: ``doc.user_data`` key of the per-sentence index of :func:`_place_tokens` (built on first use).
_TOKENS_KEY = "bw_place_tokens"


def _place_tokens(doc: Doc, sent: Span) -> list[tuple[Place, Token]]:
    """The sentence's places that can locate an event, each with its root token. Far namesakes
    (:func:`_outliers`) come back unresolved; places inside an organisation's name are left out."""
    index = _token_index(doc)
    found = index[1].get((sent.start, sent.end))
    if found is None:  # a span that is not one of the doc's sentences
        found = [(p, i) for p, i in _all_place_roots(doc)
                 if p.start >= sent.start_char and p.end <= sent.end_char]
    return [(p, doc[i]) for p, i in found]


def _token_index(doc: Doc) -> tuple[int, dict[tuple[int, int], list[tuple[Place, int]]]]:
    """Every sentence's places with their root token index, worked out once per doc (event
    location asks for the same sentences again and again, looking back for the setting)."""
    places = doc._.bw_places or []
    index = doc.user_data.get(_TOKENS_KEY)
    if index is not None and index[0] == id(places):
        return index
    by_sent: dict[tuple[int, int], list[tuple[Place, int]]] = {}
    sents = [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
    starts = [s[2] for s in sents]
    for place, i in _all_place_roots(doc):
        k = bisect_right(starts, place.start) - 1
        if k >= 0 and place.end <= sents[k][3]:
            by_sent.setdefault(sents[k][:2], []).append((place, i))
    for start, end, _, _ in sents:
        by_sent.setdefault((start, end), [])
    index = doc.user_data[_TOKENS_KEY] = (id(places), by_sent)
    return index


def _all_place_roots(doc: Doc) -> list[tuple[Place, int]]:
    places = doc._.bw_places or []
    outliers = doc.user_data.get(_OUTLIERS_KEY)
    if outliers is None:  # places set by other means than the component: the shipped gazetteer
        outliers = doc.user_data[_OUTLIERS_KEY] = _outliers(places, load_gazetteer(()))
    spans = [doc.char_span(p.start, p.end, alignment_mode="expand") for p in places]
    covered = {t.i for sp in spans if sp is not None for t in sp}
    out = []
    for place, span in zip(places, spans):
        if span is None or not len(span):
            continue
        if (place.start, place.end) in outliers:
            place = Place(text=place.text, start=place.start, end=place.end)
        if any(t.ent_type_ == "ORG" for t in span) and _inside_org(doc, span, covered):
            continue  # "Kentucky State Police" names an organisation, not where it acted
        out.append((place, span.root.i))
    return out


def forget_place_tokens(doc: Doc) -> None:
    """Drop the per-doc index of :func:`_place_tokens` once events are coded (it holds offsets
    into this doc only and has no place in what is stored or sent between processes)."""
    doc.user_data.pop(_TOKENS_KEY, None)


def _inside_org(doc: Doc, span: Span, covered: set[int]) -> bool:
    """Whether the place is part of a longer organisation name ("Kentucky State Police"); the
    model also tags bare places as ORG ("in Bamenda town", "(Khairpur, Sindh)"): an ORG entity
    made only of place names (token indices in ``covered``) is no organisation."""
    for ent in doc.ents:
        if ent.label_ == "ORG" and ent.start <= span.start and span.end <= ent.end:
            return any(t.i not in covered and not t.is_punct and t.lower_ not in ("the", "a", "an") for t in ent)
    return False


def _chains(doc: Doc, places: list[Place]) -> dict[int, list[Place]]:
    """Each place's chain of qualifiers, keyed by ``id`` of the chain's head: "in Kibanda
    village (Idjwi, Sud-Kivu)" is one location, the first place, which the others narrow."""
    ordered = sorted(places, key=lambda p: p.start)
    chains: dict[int, list[Place]] = {}
    head: Place | None = None
    prev: Place | None = None
    for place in ordered:
        if prev is not None and head is not None and qualifies(doc_text(doc)[prev.end:place.start]):
            chains[id(head)].append(place)
            prev = place
            continue
        head = prev = place
        chains[id(place)] = [place]
    return chains


def _located(chain: list[Place]) -> Place | None:
    """The point a location chain stands for: its head when resolved and inside the areas that
    qualify it, else the most specific resolved qualifier."""
    resolved = [p for p in chain if p.lat is not None]
    if not resolved:
        return None
    head = chain[0]
    if head.lat is None:
        return min(resolved, key=lambda p: _SPECIFIC.get(p.precision or "", 6))
    quals = [q for q in chain[1:] if q.lat is not None]
    for k, qual in enumerate(quals):
        if qual.precision in ("country", "region", "sea"):
            continue
        if qual.country != head.country and any(q.country == head.country for q in quals[k + 1:]):
            continue  # a far namesake between the town and its province: "Higuerote (Brion, Miranda)"
        if head.admin1 and qual.admin1 and name_key(head.admin1) == name_key(qual.admin1):
            break
        if head.country != qual.country or distance_km(head.lat, head.lon, qual.lat, qual.lon) > _QUALIFIER_KM:
            # the head is a far namesake: the qualifier, itself checked against the areas after it
            # ("the Borgi village of Ahmadabad district, Paktia")
            return _located(chain[1 + next(i for i, p in enumerate(chain[1:]) if p is qual):])
        break
    return head


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
    A place qualified by others ("in Monclova, Coahuila") stands for the whole chain: the
    chain's head, unless the gazetteer put it outside the areas that qualify it.
    """
    tokens = _place_tokens(doc, sent)
    chains = _chains(doc, [p for p, _ in tokens])
    head_of = {id(q): chain for chain in chains.values() for q in chain}
    ranked: list[tuple[int, int, int, list[Place]]] = []
    locatives: list[list[Place]] = []
    subtree = {t.i for t in trigger_token.subtree}
    ancestors = {t.i for t in trigger_token.ancestors}
    for place, head in tokens:
        prep = _locative_prep(head)
        if prep is None:
            continue
        chain = head_of[id(place)]
        # an unresolved place (or a town's quarter) cannot be the location, nor hide one
        if _located(chain) is None or _quarter(doc, chain[0]):
            continue
        locatives.append(chain)
        attach = prep.head
        distance = abs(head.i - trigger_token.i)
        # within one attachment, a town or division before a country or region: the event
        # happened "in Baalbek", not in the "Lebanon" of "the movement in Lebanon"
        broad = int((_located(chain) or chain[0]).precision in ("country", "region"))
        if attach.i == trigger_token.i:
            ranked.append((0, broad, distance, chain[0].start, chain))
        elif prep.i in subtree:
            ranked.append((1, broad, distance, chain[0].start, chain))
        elif attach.i in ancestors and trigger_token.head.i == attach.i:
            ranked.append((2, broad, distance, chain[0].start, chain))
    if ranked:
        return _located(min(ranked, key=lambda r: r[:4])[4])
    if not locatives:
        return _discourse_place(doc, sent)
    # none attached to the trigger: the first town or division the sentence puts it in
    # ("In Kasumbalesa (Sakania), ... clashed", an event noun the parse hangs elsewhere)
    return _located(min(locatives, key=lambda c: ((_located(c) or c[0]).precision in ("country", "region"),
                                                  c[0].start)))


_SPECIFIC = {"point": 0, "admin2": 1, "admin1": 2, "facility": 0, "sea": 3, "region": 4, "country": 5}


#: How many sentences back a setting carries ("In Kharkiv, ... . Two people were killed."): a
#: feature article's base "in Puerto Rico" is not where an election four paragraphs on turned deadly.
SETTING_REACH = 3


def _discourse_place(doc: Doc, sent: Span) -> Place | None:
    """Where an event happened when its sentence names no locative place: the setting the
    text gave in the last few sentences ("In Kharkiv city, ... . Two people were killed."), else
    the most specific resolved place of the sentence itself when it names exactly one town or division (a
    country named without a locative preposition is an actor, "Russia warned Venezuela")."""
    own = [p for p, _ in _place_tokens(doc, sent) if p.lat is not None and p.precision not in ("country", "region")]
    chains = list(_chains(doc, own).values())
    if len(chains) == 1:  # one place and the areas that qualify it: "Coatzacoalcos, Veracruz"
        return _located(chains[0])
    if own:
        best = min(own, key=lambda p: _SPECIFIC.get(p.precision or "", 6))
        same = [p for p in own if _SPECIFIC.get(p.precision or "", 6) == _SPECIFIC.get(best.precision or "", 6)]
        return best if len({p.name for p in same}) == 1 else None
    earlier = [key for key in sorted(_token_index(doc)[1], reverse=True) if key[0] < sent.start]
    for start, end in earlier[:SETTING_REACH]:
        found = [p for p, head in _place_tokens(doc, doc[start:end]) if p.lat is not None and _locative_prep(head)]
        if found:
            return min(found, key=lambda p: _SPECIFIC.get(p.precision or "", 6))
    return None
