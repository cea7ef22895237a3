"""Finding place names in a doc (the first half of ``bw_places``; :mod:`.places_resolve` is the second).

Recognition takes spaCy's GPE/LOC/FAC entities and adds gazetteer names the model missed
(countries, states, capitals, big cities, our seas/regions/bases), names the small model
labelled as a person or organisation where syntax marks them as locations ("in Marawi",
"Cawayan, Masbate"), division abbreviations after a place ("Edmonton, Ky."), and place names
at the edge of an organisation's name ("Kentucky State Police", "University of Manitoba"),
but never words inside person names ("George Washington") and never a place name used as a
disease's name ("West Nile virus"). Demonyms ("Venezuelan") are not places; an option (used by
``annotate toponyms`` for corpora whose convention annotates them) emits them as their country.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..knowledge.places import ADMIN1_FEATURES, Candidate, GazEntry, Gazetteer, name_key
from .extensions import doc_text, entity_around

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _capitalised_name(text: str) -> bool:
    """Capitalised, or opened by a lower-case Arabic article: "al Bab", "al-Bukamal", "el-Arish"."""
    if text[:1].isupper():
        return True
    low = text[:3].lower()
    return low in ("al ", "al-", "el ", "el-") and text[3:4].isupper()


#: Lower-case words inside place names: "Catole do Rocha", "Recanto das Emas", "Ras al Ain".
_NAME_PARTICLES = frozenset({"do", "da", "de", "dos", "das", "del", "di", "du", "al", "el", "la", "le"})
#: Entities the widening never swallows.
_NOT_PLACE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP"})
#: A city this big is a place even where the model calls its name an organisation.
BIG_CITY = 500_000

#: Entity labels whose words are not place names when the gazetteer matches inside them,
#: unless the whole entity is exactly a country/state/capital name (a common model slip).
BLOCKING_LABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "LANGUAGE"})
#: Prepositions that put an event at a place ("in Caracas", "off the coast of", "over Venezuela").
LOCATIVE_PREPS = frozenset({
    "in", "at", "near", "off", "over", "across", "inside", "outside", "around", "along", "within",
    "throughout", "into", "onto", "beyond", "between", "outside of", "nearby", "toward", "towards",
})
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
#: Words before "of" that make the next name a location: "west of Rafah", "outskirts of Kafraya".
VICINITY_WORDS = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outskirts", "vicinity",
    "centre", "center", "suburbs", "countryside", "coast", "edge", "north-east", "north-west", "south-east",
    "south-west", "village", "town", "city", "area", "district", "province", "region", "governorate",
})
#: Lower-case words inside place names (Romance, Arabic, Dutch particles): "Foz do Iguacu",
#: "Khabb wa ash Shaaf", "Bergen op Zoom"; capitalised, some also begin names ("At Tuhayta", "Al Mukalla").
NAME_PARTICLES = frozenset({
    "de", "del", "della", "do", "dos", "da", "das", "di", "du", "des", "la", "le", "las", "los", "el", "al", "ar",
    "as", "ash", "at", "ad", "an", "az", "wa", "bin", "ibn", "op", "aan", "am", "im", "sur", "sul", "y", "en",
})
#: Words of organisation names that a same-named village must not turn into a place ("in Congress").
_INSTITUTION_WORDS = frozenset({
    "ministry", "party", "bank", "university", "college", "school", "hospital", "council", "committee",
    "company", "corporation", "group", "association", "union", "front", "movement", "forces", "force",
    "brigade", "militia", "consulate", "embassy", "office", "agency", "department", "commission", "assembly",
    "senate", "house", "club", "church", "mosque", "airport", "station", "center", "centre", "market",
})


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
    near_weight: float = 8.0  # bonus for a town near a town the article names otherwise ("Edmonton" beside "Cairns")
    near_km: float = 40.0  # how near that is


@dataclass(slots=True)
class Mention:
    start: int  # token indices
    end: int
    text: str
    start_char: int
    end_char: int
    candidates: list[Candidate]
    entry: GazEntry | None = None
    demonym: bool = False


#: What separates a place from the area that qualifies it: "Monclova, Coahuila", "Siou (Doufelgou, Kara)".
#: Words after which a country's name names its currency ("the US dollar exchange rate").
_CURRENCY_WORDS = frozenset({"dollar", "dollars"})
_QUALIFIER_GAPS = frozenset({",", "(", ", (", "in"})


def qualifies(gap: str) -> bool:
    """Whether the text between two places makes the second narrow the first: ", ", " (",
    " in ", or a kind word first ("X village (Y", "X district of Y", "X town, Y")."""
    # a name the gazetteer lacks may sit between them: "Nafza (Nefza, Beja)"
    gap = re.sub(r"\(\s*[A-Z][^(),]{0,40},\s*$", "(", gap.strip())
    words = re.sub(r"^([A-Za-z-]+)([,(])", r"\1 \2", gap).split()  # "district, Y": the kind word, then ","
    if words and words[0].lower() in SETTLEMENT_WORDS | DIVISION_WORDS:
        words = words[1:]
        return " ".join(words) in _QUALIFIER_GAPS | {"of"}
    return " ".join(words) in _QUALIFIER_GAPS


#: Spellings that romanisations of one name swap (Ukrainian/Russian, Arabic, French/English).
_SPELLING_SWAPS: tuple[tuple[str, str], ...] = (
    ("ya", "ia"), ("ia", "ya"), ("yi", "i"), ("iy", "i"), ("ye", "ie"), ("ie", "ye"), ("yu", "iu"), ("iu", "yu"),
    ("e", "i"), ("i", "e"), ("ou", "u"), ("u", "ou"), ("ei", "ai"), ("ai", "ei"), ("kh", "h"), ("h", "kh"),
    ("q", "k"), ("k", "q"), ("dh", "d"), ("ee", "i"), ("oo", "u"), ("w", "v"), ("v", "w"), ("y", "i"), ("i", "y"),
    ("j", "dj"), ("zh", "j"), ("tch", "ch"), ("ch", "sh"), ("sh", "ch"), ("'", ""),
)


def _spelling_variants(key: str) -> list[str]:
    """Name keys one romanisation swap away from ``key`` (each swap at each place), plus the
    key with doubled letters single ("Kafraya"/"Kafrayya")."""
    out: list[str] = []
    for old, new in _SPELLING_SWAPS:
        start = key.find(old)
        while start != -1:
            out.append(key[:start] + new + key[start + len(old):])
            start = key.find(old, start + 1)
    out.append(re.sub(r"(\w)\1", r"\1", key))
    return [v for v in dict.fromkeys(out) if v != key]


def _outermost(mentions: list[Mention]) -> list[Mention]:
    """Mentions in text order without those inside a longer one ("California" in "Baja California")."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


class Recogniser:
    """Finds the place mentions of one doc (with their gazetteer candidates, unresolved)."""
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

    def _mention(self, doc: Doc, start: int, end: int) -> Mention | None:
        start, end = self._trim(doc, start, end)
        if start >= end:
            return None
        span = doc[start:end]
        text = span.text
        if not any(c.isupper() for c in text) or self.gaz.is_demonym(text):
            return None
        start, end = self._extend(doc, start, end)
        span = doc[start:end]
        return Mention(start, end, span.text, span.start_char, span.end_char, self._lookup(doc, start, end))

    def _extend(self, doc: Doc, start: int, end: int) -> tuple[int, int]:
        """The longest gazetteer name that a span is the start of, over lower-case name
        particles, "and" and capitalised words the model cut off: "Foz" -> "Foz do Iguacu", "Valle" ->
        "Valle del Cauca", "Baja" -> "Baja California", "Trinidad" -> "Trinidad and Tobago"."""
        best = end
        for stop in range(end + 1, min(len(doc), end + 4) + 1):
            last = doc[stop - 1]
            if not (last.text[:1].isupper() or last.lower_ in NAME_PARTICLES or last.lower_ in ("of", "the", "and", "&")) \
                    or last.is_punct:
                break
            if last.text[:1].isupper() and self.gaz.has_name(name_key(doc[start:stop].text)):
                best = stop
        if start > 0 and doc[start - 1].text[:1].isupper() and doc[start - 1].lower_ in NAME_PARTICLES \
                and not doc[start - 1].is_sent_start and self.gaz.has_name(name_key(doc[start - 1:best].text)):
            return start - 1, best
        return start, best

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
        inner = self.gaz.lookup(doc[start:end - 1].text) or self._transliterated(doc[start:end - 1].text)
        return [c for c in inner if c.entry.feature in _KIND_FEATURES[kind]] or inner

    def _transliterated(self, text: str) -> list[Candidate]:
        """Candidates under another common romanisation of the same name, for a name the
        model calls a place and the gazetteer lacks as spelt: one spelling swap ("Kamyanka"
        -> "Kamianka", "Idleb" -> "Idlib", "Hodeidah" -> "Hodaidah"), towns' primary names only."""
        key = name_key(text)
        if len(key) < 4:
            return []
        found: list[Candidate] = []
        for variant in _spelling_variants(key):
            found += [c for c in self.gaz.lookup(variant) if c.primary]
            if found:
                break
        return found

    def _city_quarter(self, text: str) -> list[Candidate]:
        """Candidates of a "City-Quarter" name the gazetteer lacks ("Mogadishu-Wadajir",
        "Kiev-Podilskyi"): the quarter lies in the city, so the city's towns stand for it."""
        head, sep, rest = text.partition("-")
        if not sep or not head[:1].isupper() or not rest[:1].isupper() or len(head) < 4:
            return []
        return [c for c in self.gaz.lookup(head) if c.primary and c.entry.feature in _TOWNS]

    def _widened(self, doc: Doc, start: int, end: int, taken: list[bool]) -> tuple[int, int]:
        """The entity with the words before it that the model cut off, when the gazetteer knows
        the longer name: "Tarn Taran" for the model's "Taran", "Catole do Rocha" for "Rocha"."""
        for k in (3, 2, 1):
            s = start - k
            if s < 0 or any(taken[s:start]):
                continue
            words = doc[s:start]
            if not words[0].text[:1].isupper() or words[0].is_sent_start or words[0].ent_type_ in _NOT_PLACE_ENTS \
                    or words[0].lower_ in _NOT_PLACES:
                continue
            if not all(t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN", "ADJ") or t.lower_ in _NAME_PARTICLES
                       for t in words):
                continue
            if self.gaz.lookup(doc[s:end].text):
                return s, end
        return start, end

    def recognise(self, doc: Doc) -> list[Mention]:
        mentions: list[Mention] = []
        taken = [False] * len(doc)
        blocked: list[tuple[int, int] | None] = [None] * len(doc)
        orgs: list[Span] = []
        for ent in doc.ents:
            if ent.label_ in PLACE_LABELS:
                parts = self._comma_parts(doc, ent)
                if len(parts) > 1:  # "Obrenovac, Serbia" tagged as one entity: a place and its qualifier
                    mentions += parts
                    for part in parts:
                        for i in range(part.start, part.end):
                            taken[i] = True
                    continue
                m = self._mention(doc, *self._widened(doc, ent.start, ent.end, taken))
                if m is None or (ent.label_ == "FAC" and not m.candidates):
                    continue
                if not m.candidates:  # "Kamyanka" for Kamianka, "Idleb" for Idlib
                    m.candidates = self._transliterated(m.text) or self._city_quarter(m.text)
                mentions.append(m)
                for i in range(m.start, m.end):
                    taken[i] = True
            elif ent.label_ in BLOCKING_LABELS:
                found = self._mislabelled(doc, ent, mentions[-1] if mentions else None)
                if found:
                    mentions += found
                    for i in range(ent.start, ent.end):
                        taken[i] = True
                    continue
                start, end = self._trim(doc, ent.start, ent.end)
                whole = name_key(doc[start:end].text) if start < end else ""
                if ent.label_ != "NORP" and whole in self.gaz.matchable and not self._among_orgs(doc, ent):
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
        # "the US dollar", "Hong Kong dollars": a currency's name, not a place the text is about
        mentions = [m for m in mentions if m.end >= len(doc) or doc[m.end].lower_ not in _CURRENCY_WORDS]
        if self.options.demonyms:
            mentions += self._demonyms(doc, mentions)
        return _outermost(mentions)

    def _among_orgs(self, doc: Doc, ent: Span) -> bool:
        """An organisation coordinated with another organisation that names no place is one
        too: "American Airlines and Delta", not the town of Delta. A country, a capital or a
        big city keeps its place ("Fore Street, Edmonton, and the A406")."""
        if ent.label_ != "ORG":
            return False
        if any(c.entry.feature in ("country", "capital") or c.entry.feature == "city"
               and c.entry.population >= BIG_CITY for c in self.gaz.lookup(ent.text)):
            return False
        root = ent.root
        partners = [root.head] if root.dep_ == "conj" else []
        partners += [t for t in root.children if t.dep_ == "conj"]
        for tok in partners:
            if tok.ent_type_ != "ORG" or ent.start <= tok.i < ent.end:
                continue
            other = entity_around(doc, tok.i)
            if other is not None and name_key(other.text) not in self.gaz.matchable:
                return True
        return False

    def _comma_parts(self, doc: Doc, ent: Span) -> list[Mention]:
        """The places of an entity the model ran over a comma ("Obrenovac, Serbia"), when the
        whole is no gazetteer name and every part is one; else nothing."""
        commas = [t.i for t in ent if t.text == ","]
        if not commas or self.gaz.lookup(ent.text):
            return []
        bounds = [ent.start, *commas, ent.end]
        parts: list[Mention] = []
        for k in range(len(bounds) - 1):
            m = self._mention(doc, bounds[k] + (1 if k else 0), bounds[k + 1])
            if m is None or not m.candidates:
                return []
            parts.append(m)
        return parts

    def _mislabelled(self, doc: Doc, ent: Span, last: Mention | None) -> list[Mention]:
        """Places the small model labelled as a person, organisation or group: "in Marawi",
        "in Kumb town (Khairpur, Sindh)". The syntax must mark the entity as a location (a
        locative preposition before it, or it qualifies the place just before: "Cawayan,
        Masbate") and every comma- or bracket-separated part must be a gazetteer name."""
        start, end = self._trim(doc, ent.start, ent.end)
        if start >= end or ent.label_ in ("LANGUAGE", "LAW"):
            return []
        before = doc[start - 1].lower_ if start > 0 else ""
        qualifier = last is not None and last.end <= start and qualifies(doc_text(doc)[last.end_char:doc[start].idx])
        locative = before in LOCATIVE_PREPS | {"from", "between"} or qualifier or (
            before == "of" and start > 1 and doc[start - 2].lower_ in VICINITY_WORDS)
        if not locative and before not in ("(", ","):
            return []
        parts, part_start = [], start
        for i in range(start, end + 1):
            if i == end or doc[i].text in (",", "(", ")", "/"):
                if part_start < i:
                    parts.append((part_start, i))
                part_start = i + 1
        found = []
        for k, (s, e) in enumerate(parts):
            s, e = self._trim(doc, s, e)
            if s >= e or not (_capitalised_name(doc[s:e].text) and doc[e - 1].text[:1].isupper()) \
                    or any(t.lower_ in _NOT_PLACES or t.lower_ in _INSTITUTION_WORDS for t in doc[s:e]):
                return []
            m = self._mention(doc, s, e)
            if m is None or not any(c.primary for c in m.candidates):
                if k == 0:
                    return []  # the entity must open with a place name
                continue  # a qualifier the gazetteer lacks ("Rafah (Rafah, North Sinai")
            found.append(m)
        if not found or not locative and not any(c.entry.feature in _AREAS | {"district"}
                                                       for m in found for c in m.candidates):
            return []
        return found

    def _org_places(self, doc: Doc, org: Span) -> list[Mention]:
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

    def _contextual_abbreviations(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
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

    def _drop_disease_names(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """A name the article uses for a disease ("Ebola virus", "West Nile fever") is no place there."""
        diseases = set()
        for m in mentions:
            if m.end < len(doc) and doc[m.end].lower_ in DISEASE_WORDS:
                diseases.add(name_key(m.text))
        return [m for m in mentions if name_key(m.text) not in diseases]

    def _demonyms(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """Demonyms ("Turkish", "Syrians") as mentions already resolved to their country."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        found = []
        for tok in doc:
            if tok.i in taken or not tok.text[:1].isupper() or not tok.is_alpha:
                continue
            entry = self._demonym_entry(tok.text)
            if entry is None:
                continue
            found.append(Mention(tok.i, tok.i + 1, tok.text, tok.idx, tok.idx + len(tok.text),
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

    def _gazetteer_matches(self, doc: Doc, taken: list[bool], blocked: list[tuple[int, int] | None]) -> list[Mention]:
        """Gazetteer names spaCy missed: big places anywhere, any place where syntax says it is one.
        A name the model labelled as a whole PERSON/PRODUCT/... is taken back only in a locative
        context ("in Hadramawt governorate"): small models often mislabel foreign place names."""
        found: list[Mention] = []
        i, n, width = 0, len(doc), min(self.gaz.max_words, 6)
        text = doc_text(doc)
        starts, ends, upper = [], [], []  # read each token once: spans and their text cost more
        for t in doc:
            starts.append(t.idx)
            ends.append(t.idx + len(t))
            upper.append(t.text[:1].isupper())
        while i < n:
            if taken[i] or not upper[i]:
                i += 1
                continue
            hit = None
            for j in range(min(n, i + width), i, -1):
                if not upper[j - 1] or any(taken[k] for k in range(i, j)):
                    continue
                whole_entity = blocked[i] == (i, j) and all(blocked[k] == (i, j) for k in range(i, j))
                if not whole_entity and any(blocked[k] for k in range(i, j)):
                    continue
                key = name_key(text[starts[i]:ends[j - 1]])
                if (
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
