"""The ``bw_actors`` component: find actor mentions and code them to a country and a sector.

What it codes, and how (``Actor.method``):
  * ``knowledge`` - names from the actor knowledge: people (with the role valid at the article's
    date, ``doc._.bw_dct``), organisations, countries; titles and country words in front of a
    known person join that person's mention ("U.S. President Donald Trump": one actor).
  * ``metonym``   - capitals and seats of government ("Caracas", "the White House").
  * ``demonym``   - country words modifying a sector noun ("Venezuelan troops" VEN MIL, "U.S.
    warships" USA MIL, "Belarus's rulers", "the president of Venezuela"); conjoined country words
    share the noun and give one actor each ("Hungarian and Romanian officials").
  * ``title``     - unknown people with a title ("Foreign Minister Jane Roe").
  * ``ner``       - other PERSON/ORG entities of the statistical NER (country None when unknown).
  * ``description`` - sector nouns with no country ("the opposition leader", "protesters").
  * ``group``     - ethnic/religious groups from the knowledge ("Karen guerrillas" MMR).
  * ``fuzzy``, ``gazetteer``, ``ethnic``, ``context`` (or ``ner+context``/``title+context``) -
    misspellings, places the actor knowledge lacks, ethnic minorities and the one country a
    sentence names (see :mod:`brinkwatch.extract.actors_context`).
  * ``coref``     - pronouns ("he", "it", "their") and definite descriptions ("the president",
    "the regime") resolved within the article (see :mod:`brinkwatch.extract.coref`).

The event coder asks for the actors of a subject/object phrase with :func:`actor_for_span`
or :func:`actors_in_token_subtree`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..knowledge.actors import ActorKnowledge, Surface, load_knowledge
from ..model import Actor
from .actors_context import FuzzyNames, assign_context, ethnic_residence, group_country, place_country
from .coref import PERSON_TITLES, resolve_coreference
from .extensions import entity_around, register_extensions

#: Dependency labels of a word that modifies the noun it hangs from.
MOD_DEPS = frozenset({"compound", "amod", "nmod", "poss", "npadvmod"})
NOUNS = frozenset({"NOUN", "PROPN"})


@dataclass(slots=True)
class _Anchor:
    """A named mention (knowledge match or NER entity) before it is expanded to its phrase."""

    start: int  # token indices
    end: int
    type: str  # country, demonym, metonym, group, organisation, person, place, ner-person, ner-org
    id: str | None = None
    sector: str | None = None
    country: str | None = None  # for ner-org anchors that contain a country word, and places
    fuzzy: bool = False  # matched a known name one edit away ("Ethopia")


class SectorCoder:
    """Sector codes for noun phrases, from the knowledge's sector words."""

    def __init__(self, kb: ActorKnowledge) -> None:
        self.table = kb.sectors
        self.generic = kb.generic_heads
        self.former = kb.former_words

    def lookup(self, token: Token) -> tuple[bool, str | None]:
        """(known, sector) of one word, by lemma then lower-case form."""
        for key in (token.lemma_.lower(), token.lower_):
            if key in self.table:
                return True, self.table[key]
        return False, None

    def is_former(self, tokens: Sequence[Token]) -> bool:
        return any(t.lower_ in self.former or t.lower_.startswith("ex-") for t in tokens)

    def phrase(self, modifiers: Sequence[Token], head: Token) -> tuple[bool, str | None]:
        """(is an actor noun, sector) of a head noun with its modifiers (in text order).

        Multi-word keys win ("riot police", "defense minister"); a generic head ("leader",
        "officials", "forces") takes the sector of its nearest sector modifier ("opposition
        leader" OPP, "rebel forces" REB), except that a GOV modifier does not turn armed heads
        into government ("government troops" stays MIL).  "former"/"ousted" make it ELI.
        """
        words = [t for t in modifiers if t.i < head.i] + [head]
        lemmas = [t.lemma_.lower() for t in words]
        lowers = [t.lower_ for t in words]
        sector: str | None = None
        known = False
        for n in (4, 3, 2):
            if len(words) < n:
                continue
            for seq in (lemmas, lowers, lemmas[:-1] + [lowers[-1]]):
                key = " ".join(seq[-n:])
                if key in self.table:
                    known, sector = True, self.table[key]
                    break
            if known:
                break
        if not known:
            known, sector = self.lookup(head)
        if known and (sector is None or head.lemma_.lower() in self.generic or head.lower_ in self.generic):
            for mod in reversed(words[:-1]):
                mk, ms = self.lookup(mod)
                if mk and ms and not (ms == "GOV" and sector in ("MIL", "COP")):
                    sector = ms
                    break
        if known and self.is_former(words[:-1]):
            sector = "ELI"
        return known, sector


def _left_modifiers(head: Token, stop: set[int]) -> list[Token]:
    """The modifiers left of ``head`` (recursively), not crossing tokens in ``stop``."""
    out: list[Token] = []
    for child in head.lefts:
        if child.i in stop:
            continue
        if child.dep_ in MOD_DEPS or (child.dep_ == "conj" and child.head.dep_ in MOD_DEPS):
            out.append(child)
            out.extend(_left_modifiers(child, stop))
    return sorted(out, key=lambda t: t.i)


class ActorCoder:
    """Finds and codes actors in a parsed Doc (the work behind the ``bw_actors`` component)."""

    def __init__(self, nlp: Language, kb: ActorKnowledge) -> None:
        self.kb = kb
        self.sectors = SectorCoder(kb)
        self.index: dict[str, Surface] = kb.surface_index()
        self.fuzzy = FuzzyNames(kb)
        self._named: set[str] = set()  # countries the current article names (for groups)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        texts = sorted(self.index)
        for i in range(0, len(texts), 500):
            chunk = texts[i : i + 500]
            self.matcher.add("BW_ACTOR", list(nlp.tokenizer.pipe(chunk)))

    # --- step 1: named anchors -------------------------------------------------------------
    def anchors(self, doc: Doc) -> list[_Anchor]:
        matches = [(start, end) for _, start, end in self.matcher(doc) if doc[start:end].text in self.index]
        placey = {"country", "demonym", "metonym", "group"}
        covered = {i for s, e in matches if self.index[doc[s:e].text].type in placey for i in range(s, e)}
        # a PERSON entity made only of country words is a people ("Bosnian Serbs"), not a person
        persons = [e for e in doc.ents if e.label_ == "PERSON" and not all(t.i in covered or t.is_punct for t in e)]
        spans: list[Span] = []
        for start, end in matches:
            span = doc[start:end]
            surface = self.index[span.text]
            if surface.type in placey and end < len(doc) and doc[end].lower_ in ("'s", "\u2019s"):
                pass  # "Jordan's King Abdullah II": a possessive country word is the country
            elif surface.type in placey and any(
                p.start <= start and end <= p.end and (end - start) < len(p) for p in persons
            ):
                continue  # "Jordan" inside "Michael Jordan"
            elif surface.type == "person" and self._not_that_person(span):
                continue
            spans.append(span)
        found = [
            _Anchor(s.start, s.end, self.index[s.text].type, self.index[s.text].id, self.index[s.text].sector)
            for s in filter_spans(spans)
        ]
        taken = {i for a in found for i in range(a.start, a.end)}
        found.extend(self._fuzzy_anchors(doc, taken))
        taken = {i for a in found for i in range(a.start, a.end)}
        for ent in doc.ents:
            if ent.label_ in ("GPE", "LOC"):
                self._place_anchor(ent, taken, found)
                continue
            if ent.label_ not in ("PERSON", "ORG") or not any(t.pos_ == "PROPN" for t in ent):
                continue  # lower-case "entities" ("armed civilian") are descriptions, not names
            inside = [a for a in found if ent.start <= a.start and a.end <= ent.end]
            if any(i in taken for i in range(ent.start, ent.end)):
                # an ORG that wraps a country word ("Serbian Interior Ministry") becomes one org
                if (
                    ent.label_ == "ORG"
                    and inside
                    and all(a.type in ("country", "demonym") for a in inside)
                    and not any(a.start < ent.start < a.end or a.start < ent.end < a.end for a in found)
                    and sum(a.end - a.start for a in inside) < len(ent)
                    and self.sectors.lookup(ent[-1])[0]
                ):
                    found = [a for a in found if a not in inside]
                    found.append(_Anchor(ent.start, ent.end, "ner-org", None, None, inside[0].id))
                continue
            kind = "ner-person" if ent.label_ == "PERSON" else "ner-org"
            start = ent.start
            if kind == "ner-person":  # "Lt. Gen. Jane Roe": the title is not part of the name
                while start < ent.end - 1 and (self.sectors.lookup(doc[start])[1] or doc[start].is_punct):
                    start += 1
            found.append(_Anchor(start, ent.end, kind))
        return sorted(found, key=lambda a: a.start)

    def _not_that_person(self, span: Span) -> bool:
        """A known person's name used for someone or something else: inside a longer name with
        other proper nouns that are not titles ("Michael Sharon", "Lady Sharon"), or after "the"
        ("the trawler, the Lady Sharon"; but "the Sharon government" is his government)."""
        doc = span.doc
        i = span.start - 1
        extra_names = False
        while i >= 0 and doc[i].pos_ == "PROPN" and not self.sectors.lookup(doc[i])[1]:
            extra_names = True
            i -= 1
        if i >= 0 and doc[i].lower_ == "the":
            return not (span.end < len(doc) and span[-1].dep_ == "compound" and doc[span.end].pos_ == "NOUN")
        ent = entity_around(doc, span.start)
        if ent is not None and span.end <= ent.end and len(ent) > len(span):
            outside = [t for t in ent if not (span.start <= t.i < span.end)]
            extra_names = extra_names or any(t.pos_ == "PROPN" and not self.sectors.lookup(t)[1] for t in outside)
        return extra_names

    def _fuzzy_anchors(self, doc: Doc, taken: set[int]) -> list[_Anchor]:
        """Misspelt names ("Ethopia", "Bouteflicka"): proper nouns one edit from a known name."""
        out: list[_Anchor] = []
        for t in doc:
            if t.i in taken or not (t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP", "LOC", "PERSON", "ORG")):
                continue
            name = self.fuzzy.match(t)
            if name is None:
                continue
            surface = self.index[name]
            if surface.type == "person" and t.ent_type_ != "PERSON":
                continue
            out.append(_Anchor(t.i, t.i + 1, surface.type, surface.id, surface.sector, fuzzy=True))
        return out

    @staticmethod
    def _place_anchor(ent: Span, taken: set[int], found: list[_Anchor]) -> None:
        """A place the actor knowledge lacks ("Darfur", "Samarra"): the gazetteer's country."""
        if any(i in taken for i in range(ent.start, ent.end)) or not ent[0].is_title:
            return
        start = ent.start + (1 if ent[0].lower_ == "the" else 0)
        code = place_country(ent.doc[start : ent.end].text)
        if code:
            found.append(_Anchor(start, ent.end, "place", code, None, code))
            taken.update(range(start, ent.end))

    # --- step 2: expand anchors to the phrases they belong to -----------------------------
    def _phrase_head(self, doc: Doc, anchor: _Anchor, owner: dict[int, int], me: int) -> Token:
        """The noun the anchor's phrase is about ("Venezuelan" -> "troops"): the highest sector
        noun on the way up ("the Russian government's refusal" -> "government"), else the top."""
        path = self._climb(doc, anchor, owner, me)
        top = path[-1]
        if owner.get(top.i, me) != me:
            return top
        for t in reversed(path):
            if owner.get(t.i, me) == me:
                break
            if self.sectors.lookup(t)[0]:
                return t
        return top

    @staticmethod
    def _climb(doc: Doc, anchor: _Anchor, owner: dict[int, int], me: int) -> list[Token]:
        t = doc[anchor.start : anchor.end].root
        path = [t]
        for _ in range(8):
            if owner.get(t.i, me) != me:
                return path
            head = t.head
            if t.dep_ == "conj" and head.dep_ in MOD_DEPS and head.head.pos_ in NOUNS and head.head.i > head.i:
                t = head.head
            elif t.dep_ in MOD_DEPS and head.pos_ in NOUNS and head.i > t.i:
                t = head
            elif t.dep_ == "case":
                t = head
            elif (
                t.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ in NOUNS
                and head.head.i < t.i and owner.get(head.head.i, me) == me
                and head.head.lemma_.lower() in _SECTOR_HEADS_OF
            ):
                t = head.head
            else:
                return path
            path.append(t)
        return path

    def code(self, doc: Doc) -> list[Actor]:
        dct = doc._.bw_dct if Doc.has_extension("bw_dct") else None
        anchors = self.anchors(doc)
        self._named = {a.id for a in anchors if a.type in ("country", "demonym", "metonym", "place") and a.id}
        owner = {i: n for n, a in enumerate(anchors) for i in range(a.start, a.end)}
        groups: dict[int, list[int]] = {}
        for n, a in enumerate(anchors):
            head = self._phrase_head(doc, a, owner, n)
            groups.setdefault(head.i, []).append(n)
        actors: list[tuple[Token, Actor]] = []
        used: set[int] = set()
        for head_i, members in groups.items():
            head = doc[head_i]
            main = owner.get(head_i)
            if main is not None and anchors[main].type in _NAMED:
                # another person in the phrase ("talks between Donald Trump and Nicolás Maduro")
                # is an actor of its own, never a title of the head
                alone = [n for n in members if n != main and anchors[n].type in ("person", "ner-person")]
                for n in alone:
                    a = anchors[n]
                    actors.append((doc[a.start : a.end].root, self._bare(doc, a, dct)))
                members = [n for n in members if n not in alone]
                floor = max((anchors[n].end for n in alone if anchors[n].end <= anchors[main].start), default=0)
                actors.append((head, self._named_with_modifiers(doc, anchors, main, members, head, dct, floor)))
                used.update(range(actors[-1][1].start, actors[-1][1].end))
                continue
            for n in members:
                a = anchors[n]
                if main is not None and n != main and main in members:
                    # country word inside another country/metonym phrase: keep each as its own actor
                    actors.append((doc[a.start : a.end].root, self._bare(doc, a, dct)))
                    continue
                actors.append(self._with_head(doc, anchors, a, members, head, dct))
        taken = {i for _, act in actors for i in _token_range(doc, act)}
        taken.update(head.i for head, act in actors if act.kind in ("group", "person"))
        actors.extend(self._descriptions(doc, taken))
        actors.sort(key=lambda pair: pair[1].start)
        _countries_from_prepositions(doc, actors)
        ethnic_residence(doc, actors)
        assign_context(doc, actors, named_only=True)  # named actors first: antecedents for "it"
        resolve_coreference(doc, actors, self.kb, self.sectors)
        assign_context(doc, actors)
        return [a for _, a in actors]

    # --- building actors ------------------------------------------------------------------
    def _country_of(self, a: _Anchor) -> str | None:
        if a.type == "organisation" and a.id in self.kb.organisations:
            return self.kb.organisations[a.id].country
        if a.type in ("ner-org", "place"):
            return a.country
        return a.id

    def _entity_fields(self, a: _Anchor, dct: str | None) -> dict:
        """country/sector/name/kind/role/method of an anchor on its own."""
        kb = self.kb
        if a.type == "person" and a.id in kb.people:
            p = kb.people[a.id]
            role, current = p.role_at(dct)
            method = "fuzzy" if a.fuzzy else "knowledge"
            if role is None:
                return {"name": p.name, "kind": "person", "knowledge_id": p.id, "method": method}
            return {
                "name": p.name, "kind": "person", "knowledge_id": p.id, "method": method,
                "country": role.country, "sector": role.sector if current else "ELI",
                "role": role.title if current else f"former {role.title}",
            }
        if a.type == "organisation" and a.id in kb.organisations:
            o = kb.organisations[a.id]
            return {"name": o.name, "kind": "organisation", "knowledge_id": o.id, "method": "knowledge",
                    "country": o.country, "sector": o.sector}
        if a.type in ("country", "demonym", "metonym"):
            fields = {"name": kb.country_name(a.id), "kind": "country", "knowledge_id": a.id,
                      "method": {"country": "knowledge"}.get(a.type, a.type), "country": a.id, "sector": a.sector}
            if a.fuzzy:
                fields["method"] = "fuzzy"
            return fields
        if a.type == "group" and a.id in kb.groups:
            return {"name": kb.groups[a.id].name, "kind": "group", "knowledge_id": a.id, "method": "group",
                    "country": group_country(kb, a.id, self._named), "sector": a.sector}
        if a.type == "place":
            return {"name": None, "kind": "place", "method": "gazetteer", "country": a.country}
        if a.type == "ner-person":
            return {"kind": "person", "method": "ner"}
        return {"kind": "organisation", "method": "ner", "country": a.country}

    def _bare(self, doc: Doc, a: _Anchor, dct: str | None) -> Actor:
        span = doc[a.start : a.end]
        fields = self._entity_fields(a, dct)
        if a.type == "ner-org":
            fields["sector"] = self.sectors.phrase(list(span[:-1]), span[-1])[1]
        if a.type == "group" and not fields.get("sector") and span.root.tag_ not in ("NNS", "NNPS") and not _acts(span.root):
            fields["kind"] = "description"  # a lone singular group word is an adjective, not an actor
        if a.type == "metonym" and not fields.get("sector") and _acts(span.root):
            fields["sector"] = "GOV"  # "Caracas rejected ...": the capital stands for the government
        return Actor(text=span.text, start=span.start_char, end=span.end_char, **fields)

    def _named_with_modifiers(
        self, doc: Doc, anchors: list[_Anchor], main: int, members: list[int], head: Token, dct: str | None,
        floor: int = 0,
    ) -> Actor:
        """A person/organisation with the titles and country words in front of it (none left of
        token ``floor``, where another person's name ends)."""
        a = anchors[main]
        own = set(range(a.start, a.end))
        others = [anchors[n] for n in members if n != main]
        mods = [t for t in _left_modifiers(head, own) if floor <= t.i < a.start]
        fields = self._entity_fields(a, dct)
        start = min([a.start] + [t.i for t in mods] + [o.start for o in others])
        title = [t for t in mods if not any(o.start <= t.i < o.end for o in others)]
        country_words = [o for o in others if o.type in ("country", "demonym", "metonym", "organisation", "group")
                         or (o.type in ("ner-org", "place") and o.country)]
        if a.type == "ner-person" and (title or country_words):
            known, sector = self.sectors.phrase(title[:-1], title[-1]) if title else (False, None)
            if known or country_words:
                fields.update(method="title", sector=sector,
                              country=self._country_of(country_words[0]) if country_words else None,
                              role=doc[title[0].i : title[-1].i + 1].text if title else None)
        elif a.type == "ner-org":
            fields["sector"] = self.sectors.phrase(list(doc[a.start : a.end - 1]), doc[a.end - 1])[1]
            if country_words and not fields.get("country"):
                fields["country"] = self._country_of(country_words[0])
        elif a.type == "organisation" and title:
            known, sector = self.sectors.phrase(title[:-1], title[-1])
            if known and sector and not fields.get("sector"):
                fields["sector"] = sector
        if a.type == "person" and self.sectors.is_former(mods) and fields.get("sector"):
            fields["sector"] = "ELI"
        # drop a leading determiner from the mention text
        while start < a.start and doc[start].dep_ == "det":
            start += 1
        span = doc[start : a.end]
        return Actor(text=span.text, start=span.start_char, end=span.end_char, **fields)

    def _with_head(
        self, doc: Doc, anchors: list[_Anchor], a: _Anchor, members: list[int], head: Token, dct: str | None
    ) -> tuple[Token, Actor]:
        """A country/org/person word that modifies a noun: code the noun's sector."""
        own = doc[a.start : a.end]
        fields = self._entity_fields(a, dct)
        if head.i in range(a.start, a.end):
            return own.root, self._bare(doc, a, dct)
        stop = {i for n in members for i in range(anchors[n].start, anchors[n].end)}
        mods = _left_modifiers(head, stop)
        known, sector = self.sectors.phrase(mods, head)
        if not known:
            # "Israeli army bulldozers": the nearest sector noun among the modifiers (not for
            # a person's possessive: "Trump's public acknowledgment" is no group of the public)
            inner = [m for m in mods if m.i > a.start and a.type in _PLACEY
                     and self.sectors.lookup(m)[1]]
            if not inner:
                return own.root, self._bare(doc, a, dct)
            head = inner[-1]
            mods = [m for m in mods if m.i < head.i]
            known, sector = self.sectors.phrase(mods, head)
        if a.type == "person":
            fields.update(kind="group", name=None, role=None, method="demonym", knowledge_id=fields.get("knowledge_id"))
        elif a.type in ("country", "demonym", "metonym"):
            fields.update(kind="group", method="fuzzy" if a.fuzzy else ("demonym" if a.type != "metonym" else "metonym"))
        elif a.type in ("group", "place"):
            fields.update(kind="group")
        else:
            fields.update(kind="group")
        fields["sector"] = sector or (fields.get("sector") if a.type in ("metonym", "organisation") else None)
        if len(members) > 1:  # "Hungarian and Romanian officials": one actor per country word
            return head, Actor(text=own.text, start=own.start_char, end=own.end_char, **fields)
        if head.tag_ in ("NN", "NNP") and head.lemma_.lower() in PERSON_TITLES:
            fields["kind"] = "person"  # "the president of Venezuela": one office holder
        start = min([a.start, head.i] + [t.i for t in mods])
        span = doc[start : max(head.i + 1, a.end)]
        return head, Actor(text=span.text, start=span.start_char, end=span.end_char, **fields)

    def _descriptions(self, doc: Doc, taken: set[int]) -> list[tuple[Token, Actor]]:
        """Sector nouns with no named actor: "the opposition leader", "protesters"."""
        out: list[tuple[Token, Actor]] = []
        for t in doc:
            if t.i in taken or t.pos_ != "NOUN":
                continue
            if t.dep_ in MOD_DEPS and t.head.pos_ in NOUNS and t.head.i > t.i:
                continue  # a modifier: its head decides
            mods = [m for m in _left_modifiers(t, taken) if m.i not in taken]
            known, sector = self.sectors.phrase(mods, t)
            if not known or sector is None:
                continue
            start = min([t.i] + [m.i for m in mods])
            span = doc[start : t.i + 1]
            out.append((t, Actor(text=span.text, start=span.start_char, end=span.end_char, sector=sector,
                                 kind="description", method="description")))
            taken.update(range(start, t.i + 1))
        return out


_NAMED = ("person", "ner-person", "organisation", "ner-org")
_PLACEY = frozenset({"country", "demonym", "metonym", "group", "place"})

#: Nouns that take their country from an "of" phrase ("the president of Venezuela").
_SECTOR_HEADS_OF = frozenset({
    "president", "government", "minister", "leader", "prime", "king", "army", "people", "military",
    "foreign", "defense", "defence", "ambassador", "embassy", "parliament", "forces", "troops", "navy",
    "authorities", "citizens", "population", "opposition", "chief", "head", "ministry", "court", "police",
    "emir", "queen", "premier", "chancellor", "secretary", "envoy", "delegation", "representative",
})


def _acts(token: Token) -> bool:
    """Whether a name stands as a party (subject, object, possessor), not as a location."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "appos", "ROOT", "agent", "dative")


def _countries_from_prepositions(doc: Doc, actors: list[tuple[Token, Actor]]) -> None:
    """ "rebels in Darfur's Sudan", "King Hassan of Morocco", "opposition groups in Zimbabwe": an
    actor with no country takes the country of the actor its in/of/from phrase names."""
    by_token: dict[int, Actor] = {}
    for _, act in actors:
        for i in _token_range(doc, act):
            by_token[i] = act
    for head, act in actors:
        if act.country or act.kind not in ("description", "person", "organisation", "group"):
            continue
        for prep in head.rights:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "of", "from"):
                continue
            for pobj in prep.children:
                other = by_token.get(pobj.i)
                if pobj.dep_ == "pobj" and other is not None and other.country and other is not act:
                    act.country = other.country
                    break
            if act.country:
                break


def _token_range(doc: Doc, actor: Actor) -> range:
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


# --- public helpers for the event coder ------------------------------------------------------
def _depth(token: Token) -> int:
    d = 0
    while token.head.i != token.i and d < 200:
        token = token.head
        d += 1
    return d


def _actor_root(doc: Doc, actor: Actor) -> Token | None:
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span.root if span is not None else None


def actor_for_span(doc: Doc, start_char: int, end_char: int) -> list[Actor]:
    """The actors whose mention overlaps ``[start_char, end_char)``, head-most first.

    Give it a subject or object phrase: a compound phrase ("Hungarian and Romanian officials")
    gives several actors; an actor that heads the phrase comes before those inside its
    modifiers ("the president of Venezuela" before nothing else, "Maduro's allies" ...).
    """
    found = [a for a in (doc._.bw_actors or []) if a.start < end_char and start_char < a.end]

    def rank(a: Actor) -> tuple[int, int]:
        root = _actor_root(doc, a)
        return (_depth(root) if root is not None else 999, a.start)

    return sorted(found, key=rank)


def actors_in_token_subtree(doc: Doc, token: Token) -> list[Actor]:
    """The actors inside the syntactic subtree of ``token`` (e.g. an nsubj), head-most first."""
    subtree = {t.i for t in token.subtree}
    found = []
    for a in doc._.bw_actors or []:
        root = _actor_root(doc, a)
        if root is not None and root.i in subtree:
            found.append((_depth(root), a.start, a))
    return [a for _, _, a in sorted(found, key=lambda x: (x[0], x[1]))]


# --- the spaCy component ---------------------------------------------------------------------
class ActorsComponent:
    """spaCy pipe: fills ``doc._.bw_actors``. Knowledge and matcher are built once, here."""

    def __init__(self, nlp: Language, name: str, knowledge_files: Sequence[str]) -> None:
        register_extensions()
        self.name = name
        self.coder = ActorCoder(nlp, load_knowledge(tuple(knowledge_files)))

    def __call__(self, doc: Doc) -> Doc:
        doc._.bw_actors = self.coder.code(doc)
        return doc


@Language.factory("bw_actors", default_config={"knowledge_files": []})
def make_actors(nlp: Language, name: str, knowledge_files: list[str]) -> ActorsComponent:
    """Factory of the ``bw_actors`` component (``knowledge_files``: the user's extra files)."""
    return ActorsComponent(nlp, name, knowledge_files)
