"""Trigger matches that state no event: commentary, predictions and headline fragments.

The trigger lexicon finds words that *can* name an event; these checks remove the readings in
which the sentence reports none, by category rather than by record:

* An analyst's warning is a prediction, not a threat: "experts warn that the army is
  ill-equipped" (a commentator as the speaker, or a stative complement with nobody warned)
  yields no THREATEN. PLOVER's THREATEN needs a party that threatens to act.
* A title-case fragment without final punctuation is a headline or a byline ("The Phone Call
  That Changed Everything", "Barack Obama Author Steven Soarez ..."): only a finite predicate
  with its own subject there states an event; nominal and subordinate triggers do not.
* What a party is accused or arrested for is an allegation, not a reported act: "accused the
  rebels of violating the ceasefire" and "arrested for collaborating with Eastland" are an
  ACCUSE and a COERCE event; the violating and the collaborating are not coded as having happened.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .event_rules import Match, lemma

#: Speakers whose warnings and predictions are commentary, not acts of the parties.
COMMENTATORS = frozenset({
    "expert", "analyst", "observer", "commentator", "economist", "scholar", "researcher", "academic",
    "pundit", "critic", "strategist", "historian", "professor", "forecaster", "pollster", "columnist",
    "editorial", "study", "report", "survey", "model", "scientist", "specialist", "insider", "veteran",
})
WARNING_VERBS = frozenset({"warn", "caution", "predict", "fear"})
STATIVE_VERBS = frozenset({"be", "have", "seem", "remain", "appear", "lack", "face", "need", "risk", "become", "look"})


def _subject(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _commentary_warning(m: Match) -> bool:
    trig = m.trigger
    if lemma(trig) not in WARNING_VERBS or trig.pos_ not in ("VERB", "AUX"):
        return False
    subj = _subject(trig)
    if subj is not None and lemma(subj) in COMMENTATORS:
        return True
    warned = any(c.dep_ in ("dobj", "dative") for c in trig.children)
    comp = next((c for c in trig.children if c.dep_ == "ccomp"), None)
    if comp is None or warned:
        return False
    return lemma(comp) in STATIVE_VERBS or comp.pos_ == "ADJ" or any(c.dep_ == "acomp" for c in comp.children)


def is_headline_fragment(sent: Span) -> bool:
    """A title-case line with no final punctuation (a headline, section title or byline)."""
    if sent.text.rstrip().endswith((".", "!", "?", ":", ";", '"', "\u201d")):
        return False
    words = [t for t in sent if t.is_alpha]
    if len(words) < 3:
        return False
    content = [t for t in words if not t.is_stop or t.i == words[0].i]
    capital = sum(t.text[0].isupper() for t in content)
    return bool(content) and capital / len(content) >= 0.75


def _finite_clause(trig: Token) -> bool:
    return trig.pos_ in ("VERB", "AUX") and trig.dep_ in ("ROOT", "conj") and _subject(trig) is not None \
        and trig.tag_ in ("VBD", "VBZ", "VBP")


#: Nouns whose infinitive names a possible act, not one that happened ("the right to fire").
POTENTIAL_NOUNS = frozenset({
    "right", "ability", "authority", "power", "permission", "mandate", "capacity", "capability",
    "readiness", "option", "freedom", "licence", "license", "means", "chance", "opportunity",
})
#: Relativizers of a setting: a clause about the place or time a noun names.
SETTING_WORDS = frozenset({"where", "when", "which"})


def _potential_act(trig: Token) -> bool:
    """'defended the right of troops to fire', 'has the capacity to strike': an act that may happen."""
    return (trig.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in trig.children)
            and lemma(trig.head) in POTENTIAL_NOUNS)


#: Verbs that, as a participle on a noun, say what a force comes with ("troops, backed by armoured units").
ACCOMPANY_VERBS = frozenset({"support", "back", "accompany", "escort", "equip", "arm", "supply"})


def _equipment_description(trig: Token) -> bool:
    """'the soldiers, supported by armoured units and fighter jets, would take up positions': a
    participle describing a noun with its own "by" agent describes the force, it reports no act of
    support."""
    return (trig.dep_ == "acl" and trig.tag_ == "VBN" and lemma(trig) in ACCOMPANY_VERBS
            and any(c.dep_ == "agent" for c in trig.children))


def _setting_clause(trig: Token) -> bool:
    """A relative clause that describes a place by its past ("lifted a curfew in Montenegro, where
    28 people have been killed in riots this year"; "demonstrated in Serbia, where 24 people were
    killed in riots last March"): background to the sentence's own event. Only a clause on a
    named place, told in the perfect or dated on its own; "an incursion in the village, where they
    looted" and "an encounter in which two were killed" tell the same event and stay."""
    if trig.dep_ != "relcl" or trig.pos_ not in ("VERB", "AUX"):
        return False
    if not any(c.dep_ == "advmod" and c.lower_ in ("where", "when") for c in trig.children):
        return False
    if trig.head.ent_type_ not in ("GPE", "LOC"):
        return False
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in trig.children)
    own_date = any(t.ent_type_ == "DATE" for t in trig.subtree)
    return perfect or own_date


def _in_setting_clause(trig: Token) -> bool:
    """The trigger heads a setting clause, or is a noun within one ("where 24 people were killed
    in riots last March": the riots are as much background as the killing)."""
    if trig.pos_ in ("VERB", "AUX"):
        return _setting_clause(trig)
    verb = next((a for a in trig.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and _setting_clause(verb)


#: Verbs and nouns whose "of/for/with X-ing" complement is what someone is alleged to have done.
ALLEGING_WORDS = frozenset({
    "accuse", "charge", "blame", "suspect", "indict", "convict", "fault", "arrest", "detain", "jail",
    "imprison", "sentence", "punish", "fine", "prosecute", "try", "condemn", "criticize", "criticise",
    "denounce", "accusation", "allegation", "suspicion", "conviction",
})
ALLEGING_PREPS = frozenset({"of", "for", "with"})
#: Of those, the verbs whose passive reports the act itself ("are accused of assaulting").
ACCUSING_VERBS = frozenset({"accuse", "charge", "blame", "suspect", "fault"})


def _alleged_act(trig: Token) -> bool:
    """A gerund that completes an accusation or the grounds of an arrest ("accused X of
    violating", "jailed for spying", "charging its neighbour with supporting dissidents")."""
    while trig.dep_ == "conj" and trig.tag_ == "VBG":  # "of violating ..., ignoring ... and sending ..."
        trig = trig.head
    if trig.dep_ != "pcomp" or trig.tag_ != "VBG":
        return False
    prep = trig.head
    if prep.lower_ not in ALLEGING_PREPS or lemma(prep.head) not in ALLEGING_WORDS:
        return False
    # "police are accused of assaulting a driver": the report is of the act, with no party
    # making the accusation; the grounds of an arrest stay an allegation either way
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in prep.head.children)
    return not (passive and lemma(prep.head) in ACCUSING_VERBS)


def non_event_reason(m: Match, sent: Span, headline: bool) -> str | None:
    """Why this match states no event (None when it does)."""
    if _commentary_warning(m):
        return "commentary warning"
    if _potential_act(m.trigger):
        return "a possible act (the right or capacity to do it)"
    if _alleged_act(m.trigger):
        return "what a party is accused or arrested for (an allegation)"
    if _equipment_description(m.trigger):
        return "a description of a force ('troops, backed by armour')"
    if _in_setting_clause(m.trigger) and any(t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX") for t in sent):
        return "setting of a place or time (relative clause)"
    if headline and not _finite_clause(m.trigger):
        return "headline fragment"
    return None


PURPOSE_DEPS = frozenset({"advcl", "xcomp", "acl", "conj", "pcomp", "relcl"})


def _own_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def _purpose_infinitive(tok: Token) -> bool:
    """'began a hunger strike to protest ...': an infinitive without its own subject."""
    return tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def subsumed(matches: list[Match], types: dict[int, str]) -> dict[int, int]:
    """Trigger indices that only elaborate another event of the sentence (-> that event's trigger),
    and so are no event of their own; the kept event borrows their objects ("killing 20 people").

    * A non-finite verb without a subject under a trigger of the same type is the same act
      ("shelled the city, killing 20"; "aircraft using missiles killed 4").
    * A demand stated as the purpose of a protest is the protest's claim, not a second event
      ("staged rallies to demand reforms", "demonstrated, calling for independence"), and so is an
      act of the same type as its purpose ("began a hunger strike to protest the decision").
    * An event noun whose light verb is itself a trigger is that act ("signed a treaty").
    """
    at = {m.trigger.i: m for m in matches}
    anchors = {m.anchor.i: m.trigger.i for m in matches if m.anchor.i != m.trigger.i}
    out: dict[int, int] = {}
    for m in matches:
        # an event noun whose light verb is itself a trigger names that act: "signed a treaty" is
        # the signing, one event
        # (not when the verb sets the noun's modality: "threatened air strikes" keeps the threatened strikes)
        if m.anchor.i != m.trigger.i and m.anchor.i in at and at[m.anchor.i].anchor.i == m.anchor.i \
                and not at[m.anchor.i].pattern.embed:
            out[m.trigger.i] = m.anchor.i
            continue
        trig = m.trigger
        kind = types.get(trig.i)
        if trig.pos_ not in ("VERB", "AUX") or _own_subject(trig) or trig.tag_ not in ("VBG", "VBN", "VB"):
            continue
        for anc in trig.ancestors:
            other = at.get(anc.i) or at.get(anchors.get(anc.i, -1))
            if other is None or other.trigger.i == trig.i:
                continue
            other_kind = types.get(other.trigger.i)
            if (other_kind == kind and (trig.tag_ in ("VBG", "VBN") or _purpose_infinitive(trig))) \
                    or (kind == "REQUEST" and other_kind == "PROTEST"):
                out[trig.i] = other.trigger.i
                break
    return out
