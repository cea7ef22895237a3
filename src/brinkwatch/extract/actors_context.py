"""Countries for actors the text does not code directly: misspellings, places, ethnic groups
and the sentence's context.

Why a separate step: the names and sector words of :mod:`brinkwatch.extract.actors` code
"Venezuelan troops", but news text also says "Ethopia" (a typo), "rebels in Darfur" (a region,
not a country), "Yoruba leaders" (an ethnic group), "ethnic Albanians in Macedonia" (CAMEO
codes an ethnic minority as an actor of the country it lives in) and "Planning Minister Tran
Xuan Gia said Vietnam ..." (an office holder our knowledge does not list, in a sentence about
one country).  Each rule here leaves its name in ``Actor.method`` so an analyst can see, and
filter, how a country was found:

  * ``fuzzy``     - a name one edit away from a known country, demonym, capital, group or
    surname (``fuzzy_match``), never for words the place gazetteer knows as they are.
  * ``gazetteer`` - a place name (GPE/LOC entity) the actor knowledge lacks, coded to the
    country of its most likely gazetteer entry ("Samarra" IRQ).
  * ``group``     - an ethnic/religious group, coded to its usual country or to the one of its
    countries the article names.
  * ``context``   - a named person or organisation, or a state/armed/civil description, with no
    country of its own, in a sentence that names exactly one country.  Not used when that
    country is the other party of the same verb ("Israel struck militants"), because an
    actor is seldom its own opponent.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..knowledge.actors import ActorKnowledge, deletions, one_edit
from ..model import Actor
from .extensions import doc_text

#: Sectors of actors that belong to the country they act in (not IGO/NGO-like ones).
DOMESTIC_SECTORS = frozenset({
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "CVL", "BUS", "MED", "JRN", "REL", "EDU", "HLH",
    "LAB", "REF", "AGR", "PTY", "CRM", "ELI", "SPY", "UAF", "RAD", "MOD", "ENV", "INS",
})
#: Codes that are not countries: a sentence naming only these gives no context country.
NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG", "MNC", "UNK"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "csubj"})
OBJECT_DEPS = frozenset({"dobj", "dative", "pobj", "attr", "oprd"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
#: Verbs whose object belongs to the subject ("Venezuela mobilized troops", "Maduro still has
#: loyal units"): there subject and object are not opposed parties.
OWN_OBJECT_VERBS = frozenset({
    "mobilize", "mobilise", "deploy", "send", "dispatch", "mass", "amass", "station", "withdraw", "pull",
    "recall", "muster", "position", "reinforce", "train", "arm", "equip", "command", "lead", "rally",
    "have", "keep", "retain", "control", "use", "order", "call", "move", "redeploy", "assemble",
})
#: Gazetteer features that name a settled or governed place (not a sea or a mountain).
PLACE_FEATURES = ("capital", "admin1", "city", "region", "country")

_GAZETTEER = None


def gazetteer():  # noqa: ANN201
    """The place gazetteer, loaded on first need and kept (it is a cached pickle)."""
    global _GAZETTEER
    if _GAZETTEER is None:
        from ..knowledge.places import load_gazetteer

        _GAZETTEER = load_gazetteer()
    return _GAZETTEER


def known_as_is(text: str) -> bool:
    """Whether the gazetteer knows ``text`` as a place name or demonym (then it is no typo)."""
    gaz = gazetteer()
    return gaz.is_demonym(text) or bool(gaz.lookup(text))


class FuzzyNames:
    """Names one edit away from a token, for tokens that match no name exactly."""

    #: Words remembered (the answer depends on the word alone); the memory is emptied when full.
    CACHE_SIZE = 1 << 15

    def __init__(self, kb: ActorKnowledge) -> None:
        self.index = kb.fuzzy_index()
        self._seen: dict[str, str | None] = {}

    def match(self, token: Token) -> str | None:
        """The single known name ``token`` misspells, or None (several: ambiguous)."""
        word = token.text
        if len(word) < 6 or not word[:1].isupper() or not word.isalpha():
            return None
        if word not in self._seen:
            if len(self._seen) >= self.CACHE_SIZE:
                self._seen.clear()
            self._seen[word] = self._match(word)
        return self._seen[word]

    def _match(self, word: str) -> str | None:
        hits = {t for k in (word, *deletions(word)) for t in self.index.get(k, ()) if one_edit(word, t)}
        if len(hits) != 1:
            return None
        if known_as_is(word):
            return None
        return hits.pop()


def place_country(text: str) -> str | None:
    """The country of the likeliest governed place called ``text`` (None when unknown)."""
    best = None
    for cand in gazetteer().lookup(text):
        e = cand.entry
        if e.country and e.feature in PLACE_FEATURES:
            key = (cand.primary, e.feature in ("capital", "admin1", "country"), e.population)
            if best is None or key > best[0]:
                best = (key, e.country)
    return best[1] if best else None


def group_country(kb: ActorKnowledge, group_id: str, named: set[str]) -> str | None:
    """The group's country: the one the article names, else its usual one (if it has one)."""
    g = kb.groups.get(group_id)
    if g is None:
        return None
    for code in g.countries:
        if code in named:
            return code
    return g.countries[0] if g.default else None


def _clause(token: Token) -> tuple[int, str]:
    """(verb index, dependency of the argument under it) of the clause a token belongs to."""
    t = token
    for _ in range(12):
        head = t.head
        if head.i == t.i:
            return t.i, "ROOT"
        if head.pos_ in ("VERB", "AUX"):
            dep = t.dep_
            if dep == "pobj" or t.dep_ == "prep":
                dep = "pobj"
            return head.i, dep
        if t.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
            t = head
            if head.dep_ == "agent":
                return head.head.i, "agent"
            continue
        t = head
    return -1, ""


def _opposed(a: Token, b: Token) -> bool:
    """Whether two tokens are the subject and the object of the same verb."""
    va, da = _clause(a)
    vb, db = _clause(b)
    if va != vb or va < 0 or a.doc[va].lemma_.lower() in OWN_OBJECT_VERBS:
        return False
    return (da in SUBJECT_DEPS and db in OBJECT_DEPS) or (db in SUBJECT_DEPS and da in OBJECT_DEPS)


def needs_context(actor: Actor) -> bool:
    """Actors that take a context country: unknown named people/organisations, and
    descriptions of a domestic sector ("troops", "police", "opposition leader")."""
    if actor.country or actor.kind in ("pronoun", "country", "place"):
        return False
    if actor.method in ("ner", "title"):
        return actor.sector is None or actor.sector in DOMESTIC_SECTORS
    return actor.kind in ("description", "group") and actor.sector in DOMESTIC_SECTORS


def assign_context(doc: Doc, actors: list[tuple[Token, Actor]], *, named_only: bool = False) -> None:
    """Give a country-less actor the one country its sentence names (see the module docs).
    ``named_only``: only named organisations (run before coreference, so that they can be
    antecedents of "it"; people and descriptions wait until coreference has had its turn)."""
    by_sent: dict[int, list[tuple[Token, Actor]]] = {}
    for head, act in actors:
        by_sent.setdefault(head.sent.start if doc.has_annotation("SENT_START") else 0, []).append((head, act))
    for members in by_sent.values():
        named = [(h, a) for h, a in members if a.country and a.country not in NON_STATE_CODES and a.kind != "pronoun"]
        codes = {a.country for _, a in named}
        if len(codes) != 1:
            continue
        code = codes.pop()
        for head, act in members:
            if not needs_context(act) or (named_only and (act.method not in ("ner", "title") or act.kind == "person")):
                continue
            if act.kind == "description" and any(_opposed(head, h) for h, _ in named):
                continue
            act.country = code
            act.method = f"{act.method}+context" if act.method in ("title", "ner") else "context"


def ethnic_residence(doc: Doc, actors: list[tuple[Token, Actor]]) -> None:
    """ "ethnic Albanians in Macedonia": an ethnic group coded by a demonym lives in the other
    country its sentence names (the nearest one); alone, it keeps the demonym's country."""
    for head, act in actors:
        if act.method != "demonym" or act.start < 0:
            continue
        words = doc_text(doc)[max(0, act.start - 8) : act.start].lower().split()
        if not (words and words[-1] == "ethnic") and not act.text.lower().startswith("ethnic "):
            continue
        sent = head.sent
        others = [
            (abs(h.i - head.i), a.country) for h, a in actors
            if a is not act and a.country and a.country != act.country and a.country not in NON_STATE_CODES
            and a.kind in ("country", "group", "place") and sent.start <= h.i < sent.end
        ]
        if others:
            act.country = min(others)[1]
            act.method = "ethnic"
