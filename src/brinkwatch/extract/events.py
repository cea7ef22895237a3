"""The ``bw_events`` component: who did what to whom, coded in CAMEO / PLOVER / ACLED.

Rule-based on the dependency parse. A trigger (a verb in its frame, or an event noun anchored
by a light or occurrence verb) is matched against the pattern lexicon
(:mod:`brinkwatch.extract.event_rules`); its source is the agent (subject, or the by-phrase of
a passive, or the controller of an infinitive), its target the object or the object of
"with/against/on/to"; its modality comes from :mod:`brinkwatch.extract.modality`. Time, place
and quantities are asked of the time/places/quantities components when they provide the
per-event helpers, with plain fallbacks when they do not, so this component runs last but
degrades gracefully when an earlier one is missing.

Following the PLOVER manual, a cooperative act stated in the future ("will visit") is coded
AGREE and a conflictual one ("will impose a blockade") THREATEN; the act itself is kept with
modality ``future`` so the record keeps both readings and scoring counts only the first.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..model import Actor, Event, Place, Quantity, TimeSpan
from ..ontology import Ontology, load
from .event_rules import Lexicon, Match, complement, lemma, lexicon, match_token, pobjs, refine_code
from .event_casualties import assign_fatalities
from .event_filters import is_headline_fragment, non_event_reason, subsumed
from .event_rules_acled import AcledInput, acled_type
from .event_targets import MEDIATION_CODES, TargetFinder, TargetQuery, shared_conjuncts, shared_objects
from .extensions import doc_text, register_extensions
from .modality import ATTRIBUTION_VERBS, ModalityResult, modality_of, speaker_of

TARGET_PREPS = frozenset({"with", "against", "on", "upon", "to", "at", "toward", "towards", "into", "targeting"})
OBJECT_CONTROL = frozenset({
    "urge", "ask", "order", "tell", "force", "call", "press", "pressure", "push", "implore", "beg",
    "instruct", "direct", "command", "invite", "persuade", "encourage", "allow", "permit",
})
ACTOR_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
#: What a promise can be of that makes it a threat ("vowed revenge").
CONFLICT_OBJECTS = frozenset({
    "resistance", "revenge", "retaliation", "retribution", "war", "fight", "response", "reprisal", "reprisals",
    "punishment", "consequence", "consequences", "attack", "attacks", "strike", "strikes", "vengeance",
})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})


@dataclass(slots=True)
class EventOptions:
    """Settings of the event coder (the component's config)."""

    min_confidence: float = 0.0
    derive_implied: bool = True  # future cooperative -> AGREE, future conflictual -> THREATEN


# --- optional helpers of the other components ------------------------------------------------------
def _optional(module: str, name: str) -> Callable[..., Any] | None:
    try:
        return getattr(importlib.import_module(module), name, None)
    except ImportError:
        return None


@dataclass(slots=True)
class _Helpers:
    actor_for_span: Callable[..., Any] | None = None
    event_time: Callable[..., Any] | None = None
    event_place: Callable[..., Any] | None = None
    event_quantities: Callable[..., Any] | None = None
    forget_place_tokens: Callable[..., Any] | None = None

    @classmethod
    def discover(cls) -> _Helpers:
        return cls(
            actor_for_span=_optional("brinkwatch.extract.actors", "actor_for_span"),
            event_time=_optional("brinkwatch.extract.time", "event_time"),
            event_place=_optional("brinkwatch.extract.places", "event_place"),
            event_quantities=_optional("brinkwatch.extract.quantities", "event_quantities"),
            forget_place_tokens=_optional("brinkwatch.extract.places", "forget_place_tokens"),
        )


# --- arguments -------------------------------------------------------------------------------------
def _phrase_bounds(tok: Token) -> tuple[int, int]:
    """Character span of the noun phrase headed by ``tok`` (no relative clauses or appositions)."""
    cut: set[int] = set()
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "appos", "advcl", "punct", "prep") and not (
            c.dep_ == "prep" and c.lower_ == "of" and tok.i < c.i
        ):
            cut.update(t.i for t in c.subtree)
    words = sorted((t for t in tok.subtree if t.i not in cut or t.i == tok.i), key=lambda t: t.i)
    left = [t for t in words if t.i <= tok.i]
    start = tok
    for t in reversed(left):
        if t.i == start.i - 1:
            start = t
    end = tok
    for t in words:
        if t.i == end.i + 1:
            end = t
    while start.i < tok.i and (start.is_punct or start.dep_ == "cc"):
        start = tok.doc[start.i + 1]
    return start.idx, end.idx + len(end.text)


def _fallback_actors(doc: Doc, start: int, end: int) -> list[Actor]:
    return [a for a in (doc._.bw_actors or []) if a.start < end and a.end > start]


NON_ACTOR_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


def _is_actorish(tok: Token) -> bool:
    if tok.ent_type_ in NON_ACTOR_ENTS:
        return False
    if tok.pos_ in ("PROPN", "PRON") and tok.lower_ not in ("it", "this", "that", "which", "what"):
        return True
    if tok.ent_type_ in ACTOR_ENTS:
        return True
    return tok.pos_ == "NOUN" and (tok.tag_ == "NNS" or bool(load().armed_actor.search(tok.text))
                                   or bool(load().state_actor.search(tok.text)))


class _Args:
    """Resolves argument tokens to Actor lists, with the actors component's helper when present."""

    def __init__(self, doc: Doc, helpers: _Helpers) -> None:
        self.doc = doc
        self.helpers = helpers

    def actors(self, tok: Token | None, *, strict: bool = False) -> list[Actor]:
        if tok is None:
            return []
        if tok.lower_ in ("who", "which", "that") and tok.head.dep_ == "relcl":
            tok = tok.head.head
        start, end = _phrase_bounds(tok)
        found: list[Actor] = []
        if self.helpers.actor_for_span is not None:
            try:
                found = list(self.helpers.actor_for_span(self.doc, start, end) or [])
            except Exception:  # noqa: BLE001 - a helper bug must not lose the event; the phrase is kept
                found = []
        if not found:
            found = _fallback_actors(self.doc, start, end)
        if found:
            return found
        if strict and not _is_actorish(tok):
            return []
        kind = "pronoun" if tok.pos_ == "PRON" else "description"
        return [Actor(text=doc_text(self.doc)[start:end], start=start, end=end, kind=kind, method="phrase")]


#: Participles that after "be" name the subject's own stance or activity, with the preposition
#: that marks that reading: "X is opposed to", "is committed to", "is engaged in" (X acts);
#: with a by-agent they are ordinary passives ("was opposed by X").
STATIVE_PARTICIPLES: dict[str, frozenset[str]] = {
    "oppose": frozenset({"to"}), "commit": frozenset({"to"}), "dedicate": frozenset({"to"}),
    "devote": frozenset({"to"}), "engage": frozenset({"in"}), "involve": frozenset({"in"}),
}


#: Texts an actor issues, whose participle clause states the issuer's act ("a statement condemning ...").
DOCUMENT_NOUNS = frozenset({
    "statement", "declaration", "communique", "communiqué", "letter", "resolution", "decree", "note",
    "message", "memo", "memorandum", "report", "release", "ultimatum", "manifesto",
})


def _stative_participle(verb: Token) -> bool:
    preps = STATIVE_PARTICIPLES.get(lemma(verb))
    if not preps or verb.tag_ != "VBN" or any(c.dep_ == "agent" for c in verb.children):
        return False
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    return any(c.dep_ == "prep" and c.lower_ in preps for c in verb.children)


def _subject(verb: Token, depth: int = 0) -> tuple[Token | None, Token | None]:
    """(agent, patient-subject) of a predicate: nsubj, or by-agent and nsubjpass of a passive."""
    agent = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    patient = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if agent is None:
        agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if agent is None and patient is not None:  # "were shot and killed by gunmen": the agent of both
        agent = next((g for v in shared_conjuncts(verb) for c in v.children if c.dep_ == "agent"
                      for g in c.children if g.dep_ == "pobj"), None)
    if agent is None and _stative_participle(verb):
        # "X is opposed to ...": X holds the attitude; the parser may hang X on the auxiliary
        agent = patient or next((g for c in verb.children if c.dep_ == "auxpass"
                                 for g in c.children if g.dep_ in ("nsubj", "nsubjpass")), None)
        patient = None
    if agent is not None or depth > 4:
        return agent, patient
    head = verb.head
    if verb.dep_ == "xcomp" and lemma(head) in OBJECT_CONTROL:
        ctrl = next((c for c in head.children if c.dep_ in ("dobj", "dative")), None)
        ctrl = ctrl or next(iter(pobjs(head, frozenset({"on", "upon"}))), None)
        if ctrl is not None:
            return ctrl, patient
    if verb.dep_ in ("xcomp", "conj", "advcl", "pcomp", "ccomp", "acomp") and head.i != verb.i:
        if verb.dep_ == "ccomp" and verb.tag_ not in ("VBG",):
            return None, patient
        return _subject(head, depth + 1)[0], patient
    if verb.dep_ == "relcl":
        return head, patient
    if verb.dep_ == "acl":
        if verb.tag_ == "VBN":
            return None, head
        if lemma(head) in DOCUMENT_NOUNS:  # "X issued a statement demanding ...": X demands
            issuer = _noun_source(head, head.head if head.dep_ == "dobj" else head)
            return (issuer if issuer is not None else head), patient
        return head, patient
    return None, patient


def _noun_source(noun: Token, anchor: Token, mediation: bool = False) -> Token | None:
    for c in noun.children:
        if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and (c.ent_type_ in ACTOR_ENTS or c.pos_ == "PROPN")):
            return c
    # "talks between X and Y": X and Y act; "mediation between X and Y": they are the targets
    by = pobjs(noun, frozenset({"by"} if mediation else {"by", "between", "among"}))
    if not by and not mediation and anchor.i != noun.i and noun.head.i == anchor.i and noun.dep_ == "nsubj":
        by = pobjs(anchor, frozenset({"between", "among"}))  # "clashes erupted between X and Y"
    if by:
        return by[0]
    if anchor.i != noun.i:
        agent, _ = _subject(anchor)
        if agent is not None and agent.i != noun.i and not _inside(noun, agent):
            return agent
    return None


def _inside(tok: Token, other: Token) -> bool:
    return tok.i in {t.i for t in other.subtree}


def _targets(m: Match, events_at: set[int]) -> list[tuple[Token, bool]]:
    """Target argument heads of a match, each with whether it must look like an actor to count.

    Objects and passive subjects count as they are ("attacked the convoy"); objects of
    with/against/on/to only when they name an actor ("protested on Monday" has no target).
    """
    trig, anchor = m.trigger, m.anchor
    out: list[tuple[Token, bool]] = []
    if trig.pos_ in ("NOUN", "PROPN"):
        out.extend((g, True) for g in pobjs(trig, TARGET_PREPS | {"of"} - {"with"}))
        if anchor.i != trig.i and lemma(anchor) not in lexicon().anchor_set("light_verbs"):
            out.extend((c, False) for c in anchor.children if c.dep_ == "dobj" and c.i != trig.i)
        return out
    skip_with = m.pattern.cameo[:2] in ("14", "15", "17", "18", "19", "20")
    for c in trig.children:
        if c.dep_ in ("dobj", "dative", "nsubjpass") and c.i not in events_at and lemma(c) not in m.pattern.obj:
            out.append((c, c.dep_ == "dobj" and m.pattern.embed is not None))
        if c.dep_ == "dobj" and c.i in events_at:  # "threatened strikes on X": the act's target
            out.extend((g, True) for g in pobjs(c, TARGET_PREPS - {"with"}))
    out.extend((c, False) for c in shared_objects(trig, events_at, m.pattern.obj))
    preps = TARGET_PREPS - ({"with"} if skip_with else set())
    out.extend((g, True) for g in pobjs(trig, preps) if lemma(g) not in m.pattern.obj)
    return out


# --- time / place / quantities ---------------------------------------------------------------------
def _event_time(doc: Doc, sent: Span, trig: Token, helpers: _Helpers) -> TimeSpan:
    if helpers.event_time is not None:
        try:
            span = helpers.event_time(doc, sent, trig)
            if span is not None:
                return span
        except Exception:  # noqa: BLE001 - fall back to the publication date rather than lose the event
            pass
    dct = doc._.bw_dct
    if dct:
        return TimeSpan(start=dct[:10], end=dct[:10], granularity="day", value=dct[:10], method="publication", anchored=True)
    return TimeSpan()


def _event_place(doc: Doc, sent: Span, trig: Token, helpers: _Helpers) -> Place | None:
    if helpers.event_place is not None:
        try:
            return helpers.event_place(doc, sent, trig)
        except Exception:  # noqa: BLE001
            pass
    places = [p for p in (doc._.bw_places or []) if sent.start_char <= p.start < sent.end_char]
    if not places:
        return None
    return min(places, key=lambda p: abs(p.start - trig.idx))


def _event_quantities(doc: Doc, sent: Span, trig: Token, helpers: _Helpers) -> list[Quantity]:
    if doc._.bw_quantities is None:
        return []  # the quantities component did not run: nothing to attach
    if helpers.event_quantities is not None:
        try:
            return list(helpers.event_quantities(doc, sent, trig) or [])
        except Exception:  # noqa: BLE001
            pass
    return [q for q in (doc._.bw_quantities or []) if sent.start_char <= q.start < sent.end_char]


def _fatalities(quantities: list[Quantity]) -> int | None:
    dead = [q for q in quantities if q.kind == "dead"]
    if not dead:
        return None
    return int(sum((q.value if q.value is not None else (q.low or 0)) for q in dead))


def _following(doc: Doc, sent: Span, limit: int = 400) -> str:
    """The rest of the sentence's paragraph (at most ``limit`` characters): where a report says
    how the incident ended ("Police dispersed them.")."""
    rest = doc_text(doc)[sent.end_char: sent.end_char + limit]
    cut = rest.find("\n\n")
    return rest if cut < 0 else rest[:cut]


# --- the coder -------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Found:
    """A trigger match with its codes, before it becomes an Event."""

    match: Match
    cameo: str
    plover: str
    rule: str
    embed: str | None
    modality: ModalityResult = field(default_factory=ModalityResult)


def _speech_requests(tokens: Iterable[Token], matched: set[int]) -> list[Match]:
    """"X said Y must do Z": the saying is a REQUEST by X of Y (the PLOVER gold standard's reading).
    ``tokens``: the sentence's."""
    from .event_rules import Pattern

    out = []
    for tok in tokens:
        if tok.pos_ not in ("VERB", "AUX") or tok.i in matched or lemma(tok) not in ATTRIBUTION_VERBS:
            continue
        comp = complement(tok)
        if comp is None or not any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in comp.children):
            continue
        speaker = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or (speaker is not None and subj.lower_ in ("we", "i")):
            continue
        pat = Pattern(id="say+must", lemmas=frozenset({lemma(tok)}), pos="VERB", cameo="100", refine="request",
                      embed="demanded")
        out.append(Match(pat, tok, tok))
    return out


def _merge_coordinated(matches: list[Match], codes: dict[int, str], coder: EventCoder) -> list[Match]:
    """"shot and killed a guard" is one act: a coordinated verb of the same type without a subject
    of its own is merged into the first (which borrows its object when it has none)."""
    by_i = {m.trigger.i: m for m in matches}
    drop: set[int] = set()
    for m in matches:
        t = m.trigger
        if t.dep_ != "conj" or t.head.i not in by_i or m.anchor.i != t.i:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            continue
        if coder._root_type(codes[t.i]) == coder._root_type(codes[t.head.i]):
            drop.add(t.i)
            coder._borrowed[t.head.i] = t.i
    return [m for m in matches if m.trigger.i not in drop]


def _code_of(m: Match, onto: Ontology, lex: Lexicon, found_at: dict[int, str]) -> tuple[str, str | None]:
    """(CAMEO code, PLOVER type) of a match; promises take their class from what is promised."""
    pat = m.pattern
    if pat.commit:
        comp = complement(m.trigger)
        promised = [p for i, p in found_at.items() if comp is not None and i in {t.i for t in comp.subtree}]
        if not promised and any(lemma(o) in CONFLICT_OBJECTS for o in m.trigger.children if o.dep_ == "dobj"):
            promised = ["THREATEN"]  # "vowed total resistance", "promised revenge"
        if promised and promised[0] not in COOPERATIVE:
            from .event_rules import Pattern

            threat = Pattern(id=pat.id, lemmas=pat.lemmas, pos=pat.pos, cameo="130", refine="threaten")
            code = refine_code(threat, m.trigger, lex)
            return code, onto.cameo(code).plover
    code = refine_code(pat, m.trigger, lex)
    return code, pat.plover or onto.cameo(code).plover


#: Future cues that are no commitment of the actor: the "to" of a purpose ("opened the bridge to allow ...").
_NOT_A_COMMITMENT = frozenset({"to"})


def _place_actors_from_places(doc: Doc) -> None:
    """A place named as an actor ("moved troops into Bolívar state") takes the country the places
    component resolved for that span, with the article's focus and co-mentions, over the actor
    coder's context-free gazetteer guess (which put Bolívar in the United States)."""
    places = doc._.bw_places or []
    for actor in doc._.bw_actors or []:
        if actor.method != "gazetteer" or actor.start < 0:
            continue
        place = next((p for p in places if p.country and p.start < actor.end and actor.start < p.end), None)
        if place is not None:
            actor.country = place.country


#: Nouns of a medium: "announced the deployment on state television" names the channel, not a target.
CHANNELS = frozenset({"television", "tv", "radio", "website", "platform", "channel", "broadcast", "air", "twitter",
                      "facebook", "x", "telegram", "media", "account", "feed", "network", "phone", "telephone"})


def _channel(doc: Doc, actor: Actor) -> bool:
    """A target that is only the medium the act went through ("on state television", "via Telegram")."""
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand") if actor.start >= 0 else None
    if span is None:
        return False
    root = span.root
    return root.lemma_.lower() in CHANNELS and root.dep_ == "pobj" and root.head.lower_ in ("on", "via", "over")


def _bound_pronoun(target: Actor, source: Actor) -> bool:
    """A plain pronoun object never means the subject of its own clause (that takes a reflexive:
    "accused themselves"), so a pronoun target resolved to the source's own party is a
    resolution error ("the Treasury ... sanctioned the minister, accusing them" is not the
    Treasury accusing itself): the target is dropped rather than coded wrong."""
    if target.kind != "pronoun" or target.text.lower().endswith(("self", "selves")):
        return False
    return bool(target.name and source.name and target.name.casefold() == source.name.casefold()
                or target.country and target.country == source.country and target.sector == source.sector
                and target.name == source.name)


#: Acts whose unnamed doers or victims CAMEO codes by the country where the act happened.
LOCATED_TYPES = frozenset({"ASSAULT", "COERCE"})
#: Sectors of unnamed victims coded by the place of the act ("killed 23 people in X").
VICTIM_SECTORS = frozenset({"CVL", None})


def _located(actor: Actor, place: Place, sector: str | None) -> Actor:
    return dataclasses.replace(actor, country=place.country, sector=actor.sector or sector, method="location")


def _located_unknowns(plover: str, source: list[Actor], target: list[Actor], place: Place | None,
                      ) -> tuple[list[Actor], list[Actor]]:
    """An unnamed attacker or victim takes the country of the place of the act.

    An attack by an unnamed doer ("a car bomb killed two soldiers in X") is coded as the act of
    an armed group of X (role code UAF, "unaligned armed forces", CAMEO 1.1b3 codebook; ACLED
    likewise records "Unidentified Armed Group (X)"), and unnamed civilians killed in X as
    civilians of X. A source naming no actor (a passive with no agent, a weapon: "a roadside bomb", "an explosion") becomes such a force;
    a country-less civilian description of the victims ("23 people") takes the place's
    country. Named actors are never recoded."""
    if plover not in LOCATED_TYPES or place is None or not place.country or place.start < 0:
        return source, target
    if not any(a.country for a in source) and all(a.method == "phrase" and a.kind != "pronoun" for a in source):
        if source:
            source = [_located(a, place, "UAF") for a in source]
        else:
            source = [Actor(text=place.text, start=place.start, end=place.end, country=place.country,
                            sector="UAF", kind="group", method="location")]
    if target and not any(a.country for a in target):
        target = [_located(a, place, None) if a.kind == "description" and a.sector in VICTIM_SECTORS
                  and a.method != "phrase" else a for a in target]
    return source, target


def _confidence(source: list[Actor], target: list[Actor], m: Match, mod: ModalityResult) -> float:
    conf = 0.45 + 0.05 * min(m.pattern.specificity, 2)
    conf += 0.2 if source else 0.0
    conf += 0.1 if target else 0.0
    conf += 0.05 if source and any(a.method != "phrase" for a in source) else 0.0
    conf -= 0.1 if m.trigger.pos_ in ("NOUN", "PROPN") else 0.0
    return round(max(0.05, min(conf, 0.95)), 2)


class EventCoder:
    """Codes the events of one Doc (the callable behind the ``bw_events`` component)."""

    def __init__(self, options: EventOptions | None = None) -> None:
        self.options = options or EventOptions()
        self.onto = load()
        self.lex = lexicon()
        self.helpers = _Helpers.discover()
        self._borrowed: dict[int, int] = {}  # trigger index -> merged coordinated verb that lends its object

    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        doc._.bw_events = self.code(doc)
        return doc

    def code(self, doc: Doc) -> list[Event]:
        events: list[Event] = []
        self._borrowed = {}
        _place_actors_from_places(doc)
        args = _Args(doc, self.helpers)
        try:
            for sent in doc.sents:
                events.extend(self._sentence(doc, sent, args))
        finally:
            if self.helpers.forget_place_tokens is not None:
                self.helpers.forget_place_tokens(doc)
        events = [e for e in events if e.confidence >= self.options.min_confidence]
        assign_fatalities(doc, events)
        events.sort(key=lambda e: (e.trigger_start, e.rule.startswith("derived")))
        return events

    def _sentence(self, doc: Doc, sent: Span, args: _Args) -> list[Event]:
        tokens = list(sent)  # spaCy makes a new Token object at every visit: visit once
        matches = [m for m in (match_token(t, self.lex) for t in tokens) if m is not None]
        matches += _speech_requests(tokens, {m.trigger.i for m in matches})
        if not matches:
            return []
        events_at = {m.trigger.i for m in matches}
        # a noun anchored on a verb coded with the same CAMEO root is the same act ("imposed sanctions")
        verb_codes = {m.trigger.i: refine_code(m.pattern, m.trigger, self.lex)[:2] for m in matches}
        matches = [
            m for m in matches
            if m.anchor.i == m.trigger.i or verb_codes.get(m.anchor.i) is None
            or self._root_type(verb_codes[m.anchor.i]) != self._root_type(m.pattern.cameo[:2])
        ]
        matches = _merge_coordinated(matches, verb_codes, self)
        embeds = {m.trigger.i: m.pattern.embed for m in matches if m.pattern.embed}
        headline = is_headline_fragment(sent)
        matches = [m for m in matches if non_event_reason(m, sent, headline) is None]
        first_pass = {m.trigger.i: (self.onto.cameo(refine_code(m.pattern, m.trigger, self.lex)).plover or "")
                      for m in matches}
        dropped = subsumed(matches, first_pass)
        for small, keeper in dropped.items():
            if first_pass.get(small) == first_pass.get(keeper):
                self._borrowed.setdefault(keeper, small)
        matches = [m for m in matches if m.trigger.i not in dropped]
        found: list[_Found] = []
        for m in matches:
            code, plover = _code_of(m, self.onto, self.lex, first_pass)
            if not plover:
                continue  # CAMEO 01 statements have no PLOVER type
            rule = f"pattern:{m.pattern.id}->{plover}({code})"
            found.append(_Found(m, code, plover, rule, m.pattern.embed,
                                modality_of(m.trigger, m.anchor, embeds)))
        out: list[Event] = []
        for f in found:
            ev = self._event(doc, sent, f, args, events_at)
            out.append(ev)
            if self.options.derive_implied:
                derived = self._derived(ev, f)
                if derived is not None:
                    out.append(derived)
        return out

    def _target_heads(self, m: Match, events_at: set[int], patient: Token | None) -> list[tuple[Token, bool]]:
        """The direct target phrases (object, passive subject, with/against/on/to ...), whose words
        the ACLED typing reads ("fired at *protesters*")."""
        if m.pattern.id == "say+must":
            comp = complement(m.trigger)
            return [(c, False) for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")] if comp is not None else []
        heads = _targets(m, events_at)
        lender = self._borrowed.get(m.trigger.i)
        if lender is not None:
            seen = {t.i for t, _ in heads}
            heads += [x for x in _targets(Match(m.pattern, m.trigger.doc[lender], m.trigger.doc[lender]), events_at)
                      if x[0].i not in seen]
        if patient is not None:
            heads.insert(0, (patient, False))
        return heads

    def _root_type(self, root: str) -> str:
        return self.onto.cameo(root).plover or root

    def _event(self, doc: Doc, sent: Span, f: _Found, args: _Args, events_at: set[int]) -> Event:
        m, onto = f.match, self.onto
        code = onto.cameo(f.cameo)
        trig = m.trigger
        if trig.pos_ in ("NOUN", "PROPN"):
            src_tok: Token | None = _noun_source(trig, m.anchor, m.pattern.cameo[:3] in MEDIATION_CODES)
            patient = None
        else:
            src_tok, patient = _subject(trig)
        if src_tok is not None and src_tok.i in events_at and src_tok.pos_ in ("NOUN", "PROPN"):
            # "Israeli air strikes killed ...": the agent is Israeli; "US drone attacks": the phrase names it
            src_tok = _noun_source(src_tok, src_tok) or src_tok
        source = args.actors(src_tok)
        if f.match.pattern.id == "say+must":
            comp = complement(trig)
            tgt_toks = [c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")] if comp is not None else []
            target = [a for t in tgt_toks for a in args.actors(t)]
        else:
            lender = self._borrowed.get(trig.i)
            target = TargetFinder(args.actors).find(TargetQuery(
                m, src_tok, patient, frozenset(events_at), doc[lender] if lender is not None else None,
                self.lex.anchor_set("light_verbs"), f.plover))
        target = [a for a in target if not any(a.start == s.start and a.end == s.end or _bound_pronoun(a, s)
                                               for s in source) and not _channel(doc, a)]
        place = _event_place(doc, sent, trig, self.helpers)
        source, target = _located_unknowns(f.plover, source, target, place)
        mode = m.pattern.mode or code.mode
        quantities = _event_quantities(doc, sent, trig, self.helpers)
        tgt_text = " ; ".join(doc[t.left_edge.i: t.right_edge.i + 1].text for t, _ in self._target_heads(m, events_at, patient))
        acled = acled_type(AcledInput(f.plover, mode, lemma(trig), sent.text, tuple(source), tuple(target), tgt_text,
                                      _following(doc, sent)), onto)
        mod = f.modality
        rule = f.rule + (f"; modality:{mod.modality}<-{mod.cue}" if mod.cue else "")
        return Event(
            article_id=doc._.bw_article_id or "",
            plover=f.plover, cameo=code.code, mode=mode, context=list(code.context),
            quad_class=code.quad_class, goldstein=code.goldstein,
            acled_event_type=acled[0], acled_sub_event_type=acled[1],
            source=source, target=target,
            time=_event_time(doc, sent, trig, self.helpers),
            place=place,
            quantities=quantities,
            fatalities=_fatalities(quantities) if f.plover in ("ASSAULT", "COERCE", "PROTEST") else None,
            modality=mod.modality, attributed_to=mod.attributed_to,
            sentence=sent.text, sentence_start=sent.start_char, sentence_end=sent.end_char,
            trigger=trig.text, trigger_start=trig.idx, trigger_end=trig.idx + len(trig.text),
            rule=rule, confidence=_confidence(source, target, m, mod),
        )

    def _derived(self, ev: Event, f: _Found) -> Event | None:
        """PLOVER: a future cooperative act is an AGREE, a future conflictual act a THREATEN."""
        mod = f.modality
        if mod.modality != "future" or mod.by_trigger:
            return None
        if (mod.cue or "").lower() in _NOT_A_COMMITMENT:
            return None  # "to allow deliveries": an aim, not a promise
        anchors = self.lex.anchors
        code = anchors.get("future_cooperative_to_agree", {}).get(ev.plover) \
            or anchors.get("future_conflictual_to_threaten", {}).get(ev.plover)
        if not code:
            return None
        c = self.onto.cameo(code)
        return Event(
            article_id=ev.article_id, plover=c.plover or "", cameo=c.code, mode=c.mode, context=list(c.context),
            quad_class=c.quad_class, goldstein=c.goldstein, source=list(ev.source), target=list(ev.target),
            time=ev.time, place=ev.place, modality="asserted", attributed_to=ev.attributed_to,
            sentence=ev.sentence, sentence_start=ev.sentence_start, sentence_end=ev.sentence_end,
            trigger=ev.trigger, trigger_start=ev.trigger_start, trigger_end=ev.trigger_end,
            rule=f"derived:future {ev.plover}->{c.plover}({c.code}) from {f.rule.split(';')[0]}",
            confidence=round(max(0.05, ev.confidence - 0.1), 2),
        )


def code_events(doc: Doc, options: EventOptions | None = None) -> list[Event]:
    """The events of a parsed Doc (what the ``bw_events`` component stores in ``doc._.bw_events``)."""
    return EventCoder(options).code(doc)


@Language.factory("bw_events", default_config={"min_confidence": 0.0, "derive_implied": True})
def make_event_coder(nlp: Language, name: str, min_confidence: float, derive_implied: bool) -> EventCoder:
    """spaCy factory of the event coder; runs after bw_actors, bw_time, bw_places, bw_quantities."""
    return EventCoder(EventOptions(min_confidence=min_confidence, derive_implied=derive_implied))
