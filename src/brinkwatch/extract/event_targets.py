"""Target actors of an event, from the dependency parse (never from mere co-occurrence).

The target is who or what the act is done to. The direct reading is the trigger's object, the
passive subject, or the object of "with/against/on/to ..." ("met *the envoy*", "sanctions
against *Iran*"). When that reading names no actor with a country, the coder looks where
news syntax puts the party instead, in this order:

1. inside the object's own noun phrase: the agent or source of a nominal ("rejected calls
   *by Kofi Annan*", "accepted demands *from the rebels*"), its possessor ("*Serbia's*
   suppression"), an actor modifier ("a *Senegalese* peace plan");
2. the complement clause the trigger governs: its own subject ("demanded that *the US*
   cancel ...") or that clause's target ("threatened to cut off electricity *to Nakhichevan*");
3. the partner of "from" ("demanded support *from the Assembly*");
4. the place where the act is done to someone's territory ("lifted a curfew *in Montenegro*",
   "demonstrated *in Serbia*"), the CAMEO coders' convention when no other party is named.

An object owned by the source through a possessive pronoun ("withdraw *its* troops") is the
source's own instrument, not a target. Phrases that resolve to no actor are kept only when
nothing better is found, so a description target ("attacked the convoy") stays traceable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from ..model import Actor
from .event_rules import Match, lemma, pobjs

TARGET_PREPS = frozenset({"with", "against", "on", "upon", "to", "at", "toward", "towards", "into", "targeting"})
#: Prepositions inside a noun phrase that introduce a party to it ("calls by X", "removal of X").
NP_PARTY_PREPS = frozenset({"by", "from", "of", "with", "against", "to", "on", "upon", "toward", "towards",
                            "between", "among", "for", "into"})
LOCATIVE_PREPS = frozenset({"in", "at", "inside", "into", "near", "across", "throughout"})
POSS_PRONOUNS = frozenset({"its", "their", "his", "her", "our", "my", "your"})
#: Conflictual CAMEO roots whose "with" phrase is an instrument ("attacked with machetes").
INSTRUMENT_WITH_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})

#: Subordinators of a condition ("unless X withdraws", "if X goes ahead").
CONDITION_MARKS = frozenset({"unless", "if"})
#: Nouns of "in protest against X" (and its near synonyms).
PROTEST_NOUNS = frozenset({"protest", "defiance", "opposition", "outrage", "anger"})

#: CAMEO 045 "mediate": its "between X and Y" names the parties mediated, i.e. the targets.
MEDIATION_CODES = frozenset({"045"})
BETWEEN = frozenset({"between", "among"})

ActorsFn = Callable[..., list[Actor]]
#: Marks a candidate that is an act, not a party: only the parties inside it can be targets.
PARTY_ONLY = 2


@dataclass(slots=True)
class TargetQuery:
    """What the target finder needs to know of one matched trigger."""

    match: Match
    source_tok: Token | None
    patient: Token | None  # passive subject of a verbal trigger
    events_at: frozenset[int]  # token indices of all triggers of the sentence
    lender: Token | None = None  # a merged coordinated verb whose objects this event borrows
    light_verbs: frozenset[str] = frozenset()
    plover: str = ""  # the event's PLOVER type (some tiers read only one kind of act)


def _has_country(actors: list[Actor]) -> bool:
    return any(a.country for a in actors)


def _real(actors: list[Actor]) -> list[Actor]:
    """Actors found by the actor layer (not the bare-phrase fallback)."""
    return [a for a in actors if a.method != "phrase"]


def _core(m: Match, events_at: frozenset[int], light_verbs: frozenset[str], tok: Token | None = None) -> list[tuple[Token, int]]:
    """The direct target reading of a trigger: (argument head, must look like an actor)."""
    trig = tok if tok is not None else m.trigger
    anchor = m.anchor if tok is None else trig
    out: list[tuple[Token, int]] = []
    if m.pattern.cameo[:3] in MEDIATION_CODES:  # "mediated between X and Y": the parties mediated
        for head in {trig.i: trig, anchor.i: anchor}.values():
            out.extend((g, True) for g in pobjs(head, BETWEEN))
    if trig.pos_ in ("NOUN", "PROPN"):
        out.extend((g, True) for g in pobjs(trig, (TARGET_PREPS | {"of"}) - {"with"} if m.pattern.cameo[:2] in
                                           INSTRUMENT_WITH_ROOTS else TARGET_PREPS | {"of"}))
        if anchor.i != trig.i:
            if lemma(anchor) not in light_verbs:
                out.extend((c, False) for c in anchor.children if c.dep_ == "dobj" and c.i != trig.i
                           and not (lemma(anchor) == "take" and lemma(c) == "place"))  # "took place"
            out.extend((g, True) for g in pobjs(anchor, TARGET_PREPS - {"with", "at"}))
            out.extend((c, True) for c in anchor.children if c.dep_ == "dative")
        return out
    skip_with = m.pattern.cameo[:2] in INSTRUMENT_WITH_ROOTS
    for c in trig.children:
        if c.dep_ in ("dobj", "dative", "nsubjpass") and c.i not in events_at and lemma(c) not in m.pattern.obj:
            out.append((c, c.dep_ == "dobj" and m.pattern.embed is not None))
        if c.dep_ == "dobj" and (c.i in events_at or lemma(c) in m.pattern.obj):
            # "threatened strikes on X", "imposed sanctions on X": the act's own target;
            # "rejected an appeal from X": the party inside the event noun
            out.extend((g, True) for g in pobjs(c, TARGET_PREPS - {"with"}))
            out.append((c, PARTY_ONLY))
    out.extend((c, False) for c in shared_objects(trig, events_at, m.pattern.obj))
    preps = TARGET_PREPS - ({"with"} if skip_with else set())
    out.extend((g, True) for g in pobjs(trig, preps) if lemma(g) not in m.pattern.obj)
    return out


def shared_conjuncts(verb: Token) -> list[Token]:
    """Verbs coordinated with ``verb`` that have no subject of their own ("shot and injured",
    "were shot and killed by"): they share its arguments."""
    return [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
            and not any(g.dep_ in ("nsubj", "nsubjpass", "csubj") for g in c.children)]


def shared_objects(verb: Token, events_at: frozenset[int] | set[int], own_words: frozenset[str]) -> list[Token]:
    """"shot and injured the officer": a verb with no object of its own shares the object the
    parser gave the last of its coordinated verbs."""
    if any(c.dep_ in ("dobj", "nsubjpass") for c in verb.children):
        return []
    return [c for v in shared_conjuncts(verb) for c in v.children
            if c.dep_ == "dobj" and c.i not in events_at and lemma(c) not in own_words]


class TargetFinder:
    """Finds the target actors of one trigger (see the module docstring for the order)."""

    def __init__(self, actors: ActorsFn) -> None:
        self.actors = actors  # (token, strict=bool) -> actors of the phrase headed by token

    def find(self, q: TargetQuery) -> list[Actor]:
        m = q.match
        cands = _core(m, q.events_at, q.light_verbs)
        if q.lender is not None:
            seen = {t.i for t, _ in cands}
            cands += [x for x in _core(m, q.events_at, q.light_verbs, q.lender) if x[0].i not in seen]
        if q.patient is not None:
            cands.insert(0, (q.patient, False))
        source_i = q.source_tok.i if q.source_tok is not None else -1
        found: list[Actor] = []
        fallback: list[Actor] = []
        for tok, strict in cands:
            if tok.i == source_i:
                continue
            if self._owned_by_source(tok, q):
                continue
            acts = [] if strict == PARTY_ONLY else self.actors(tok, strict=bool(strict))
            real = _real(acts)
            if not _has_country(real):
                inner = self.inside(tok, depth=2)
                if inner:
                    real = real + [a for a in inner if a not in real]
            if real:
                _add(found, real)
            else:
                _add(fallback, acts)
        if not _has_country(found):
            _add(found, self._from_complement(q, source_i))
        if not _has_country(found) and q.plover == "THREATEN":
            _add(found, self._condition(q))
        if not _has_country(found) and q.plover == "PROTEST":
            _add(found, self._grievance(q))
        if not _has_country(found):
            _add(found, self._partners(m.trigger, m.anchor, "from"))
        if not _has_country(found):
            _add(found, self._aim(m))
        if not _has_country(found):
            places = self._locative(q)
            if places:  # the territory stands beside the unnamed victim ("a man was shot in X")
                _add(found, fallback + places)
        return found if found else fallback

    # --- the tiers -------------------------------------------------------------------------------
    def inside(self, head: Token, depth: int) -> list[Actor]:
        """Actors that are parties to a non-actor noun phrase: its possessor, actor modifiers,
        and the objects of its party prepositions (recursively, ``depth`` levels)."""
        out: list[Actor] = []
        for c in head.children:
            if c.dep_ == "poss" and c.lower_ not in POSS_PRONOUNS:
                _add(out, _real(self.actors(c)))
            elif c.dep_ in ("compound", "amod", "nmod") and (c.pos_ == "PROPN" or c.ent_type_ in ("GPE", "NORP", "ORG")):
                _add(out, _real(self.actors(c)))
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "inside"):  # "a force in Liberia", "militias in Tripoli"
                _add(out, [a for g in c.children if g.dep_ == "pobj" for a in _real(self.actors(g)) if a.country])
            if c.dep_ == "acl" and c.tag_ == "VBN":  # "abuses committed *by X*": the agent of the act named
                for a in c.children:
                    if a.dep_ == "agent":
                        _add(out, [x for g in a.children if g.dep_ == "pobj" for x in _real(self.actors(g)) if x.country])
            if c.dep_ == "prep" and c.lower_ in NP_PARTY_PREPS:
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    acts = _real(self.actors(g))
                    if not _has_country(acts) and depth > 1:
                        acts = acts + self.inside(g, depth - 1)
                    _add(out, acts)
        return out

    def _from_complement(self, q: TargetQuery, source_i: int) -> list[Actor]:
        """The party of the clause the trigger governs: "demanded that *X* ...", "threatened to
        cut off electricity *to X*", "is ready to host a meeting *between X and Y*"."""
        trig = q.match.trigger
        comp = next((c for c in trig.children if c.dep_ in ("ccomp", "xcomp")), None)
        if comp is None and trig.pos_ in ("NOUN", "PROPN"):
            comp = next((c for c in trig.children if c.dep_ in ("acl", "relcl") and c.tag_ != "VBN"), None)
        if comp is None:
            return []
        subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.i != source_i and subj.lower_ not in ("it", "they", "he", "she", "we", "i"):
            acts = _real(self.actors(subj))
            if acts:
                return acts
        inner = Match(q.match.pattern, comp, comp)
        out: list[Actor] = []
        for tok, strict in _core(inner, q.events_at, q.light_verbs, comp):
            if tok.i == source_i or self._owned_by_source(tok, q):
                continue
            acts = [] if strict == PARTY_ONLY else _real(self.actors(tok, strict=bool(strict)))
            if not _has_country(acts):
                acts = acts + self.inside(tok, depth=2)
            _add(out, acts)
            # an event noun inside the complement carries its own party ("impose restrictions against X")
            if tok.pos_ in ("NOUN", "PROPN") and tok.i in q.events_at:
                _add(out, self.inside(tok, depth=1))
        if not _has_country(out):
            for c in comp.children:
                if c.dep_ == "dobj":
                    _add(out, self.inside(c, depth=2))
        if not _has_country(out):
            _add(out, self._partners(comp, comp, "from"))
        if not _has_country(out):
            _add(out, self._places_of(comp))
        return out

    def _condition(self, q: TargetQuery) -> list[Actor]:
        """A conditional threat is aimed at whoever must meet the condition: "threatened to
        strike unless *X* withdrew", "threatened to walk out if *X* goes ahead"."""
        src = _real(self.actors(q.source_tok)) if q.source_tok is not None else []

        def same(a: Actor) -> bool:  # the source meeting its own condition ("unless it gets ...")
            return any(a.text == s.text or a.name and a.name == s.name
                       or a.kind == "pronoun" and a.country == s.country for s in src)

        heads = [q.match.trigger]
        heads += [c for c in q.match.trigger.children if c.dep_ in ("xcomp", "ccomp") or c.dep_ == "advcl" and any(
            a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]  # "threatened on Monday to ..." parses as advcl
        out: list[Actor] = []
        for h in heads:
            for c in h.children:
                if c.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS for m in c.children):
                    continue
                for s in c.children:
                    if s.dep_ in ("nsubj", "nsubjpass"):
                        _add(out, [a for a in _real(self.actors(s)) if a.country and not same(a)])
        return out

    def _grievance(self, q: TargetQuery) -> list[Actor]:
        """Whom a protest is aimed at, from its stated aim: "blocked roads to demand the
        resignation of *X*", "a hunger strike in protest against abuses by *X*"."""
        m = q.match
        heads = {m.trigger.i: m.trigger, m.anchor.i: m.anchor}
        args: list[Token] = []
        for h in heads.values():
            for c in h.children:
                if c.dep_ in ("advcl", "xcomp", "acl") and c.pos_ == "VERB" and c.i not in heads and any(
                    a.dep_ == "aux" and a.lower_ == "to" for a in c.children
                ):
                    args += [g for g in c.children if g.dep_ == "dobj"]
                    args += pobjs(c, TARGET_PREPS | {"from", "for"})
                if c.dep_ == "prep" and c.lower_ == "in":  # "in protest against X"
                    for g in c.children:
                        if g.dep_ == "pobj" and lemma(g) in PROTEST_NOUNS:
                            args += pobjs(g, frozenset({"against", "at", "over", "of"}))
        out: list[Actor] = []
        for tok in args:  # "their demands": the protesters' own words, whose parties are the targets
            acts = [a for a in _real(self.actors(tok, strict=True)) if a.country and a.kind != "pronoun"]
            _add(out, acts or [a for a in self.inside(tok, depth=3) if a.country])
        return out

    def _aim(self, m: Match) -> list[Actor]:
        """The party of the act an act is done for: "mobilized reservists for a war *against X*",
        "massed troops for an offensive *on X*" (only an act noun's own parties count)."""
        out: list[Actor] = []
        for head in {m.trigger.i: m.trigger, m.anchor.i: m.anchor}.values():
            for g in pobjs(head, frozenset({"for"})):
                if g.pos_ == "NOUN":
                    _add(out, [a for x in pobjs(g, TARGET_PREPS - {"with", "to", "at"})
                               for a in _real(self.actors(x)) if a.country])
        return out

    def _partners(self, trig: Token, anchor: Token, prep: str) -> list[Actor]:
        out: list[Actor] = []
        for head in {trig.i: trig, anchor.i: anchor}.values():
            for g in pobjs(head, frozenset({prep})):
                _add(out, [a for a in _real(self.actors(g)) if a.country])
        return out

    def _places_of(self, head: Token) -> list[Actor]:
        out: list[Actor] = []
        heads = [head] + [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        heads += [g for h in heads[1:] for g in pobjs(h, frozenset({"of"}))]  # "a state of emergency in X"
        for h in heads:
            for g in pobjs(h, LOCATIVE_PREPS):
                if g.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "NORP") or g.pos_ == "PROPN" or any(
                    c.dep_ == "prep" and c.lower_ == "of" for c in g.children
                ):
                    acts = [a for a in _real(self.actors(g)) if a.country]
                    if not acts:
                        acts = [a for a in self.inside(g, depth=1) if a.country]
                    _add(out, acts)
        return out

    def _locative(self, q: TargetQuery) -> list[Actor]:
        m = q.match
        out = self._places_of(m.trigger)
        if not out and m.anchor.i != m.trigger.i:
            out = self._places_of(m.anchor)
        return out

    def _owned_by_source(self, tok: Token, q: TargetQuery) -> bool:
        """"withdraw *its* troops": an object possessed by a pronoun of the source's own country."""
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is None or poss.lower_ not in POSS_PRONOUNS or q.source_tok is None:
            return False
        src = {a.country for a in _real(self.actors(q.source_tok)) if a.country}
        own = {a.country for a in _real(self.actors(tok)) if a.country}
        return not own or bool(own & src)


def _add(out: list[Actor], new: list[Actor]) -> None:
    for a in new:
        if not any(a.start == b.start and a.end == b.end and a.text == b.text for b in out):
            out.append(a)
