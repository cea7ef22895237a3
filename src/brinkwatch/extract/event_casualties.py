"""Fatalities of a violent incident: who was killed, counted from the parse, summed per incident.

News and incident notes state deaths in many ways: a killing verb and its victims ("shot dead
a civilian", "5 militiamen were killed", "killing 57 fighters"), a dying subject ("a man died
of his wounds"), a body found ("the body of a man was found"), or a closing count ("4
fatalities.", "fatalities coded as 10", "no casualties reported"). A report usually names the
act first and the toll in a following sentence, so the dead belong to the *incident*, not to
the one verb that mentions them: an incident is a sentence with a violent event plus the
following sentences of the same paragraph that add only casualties (no new agentive violent
act). The toll of an incident is its closing count when it states one, else the sum of the
victims of its killing clauses; every violent event of the incident carries it.

Victims are counted only when the text gives a number or a singular person ("a civilian",
"his wife", "the commander"); "several soldiers" gives no count.

A following sentence whose event noun is definite ("The clashes resulted in ...") refers back
to the incident rather than starting one. A note that spreads its count over several events
("20 fatalities split up between 3 events", "with 5 coded to each") gives each event its share.
A "sentence" that is only a number is read with the next one: the small model splits "... fight.
14 militants were killed" before the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..model import Event
from .extensions import doc_text
from .quantities import words_to_number

KILL_VERBS = frozenset({
    "kill", "murder", "execute", "behead", "decapitate", "lynch", "assassinate", "slay", "massacre",
    "slaughter", "martyr", "gun", "strangle", "suffocate",
})
DIE_VERBS = frozenset({"die", "perish", "succumb"})
#: Verbs that kill only with "dead" / "to death": shot dead, beaten to death.
MANNER_VERBS = frozenset({
    "shoot", "stab", "beat", "burn", "hack", "stone", "club", "torture", "gun", "lynch", "hang", "bludgeon",
    "strangle", "drown", "crush", "shell", "bomb", "find", "leave", "report", "confirm",
    "assault", "attack", "wound", "injure", "hit", "strike",  # only with "fatally": "fatally wounded"
})
BODY_NOUNS = frozenset({"body", "bodies", "corpse", "corpses", "remains", "head"})
SINGULAR_DETS = frozenset({"a", "an", "one", "another", "the", "this", "that"})
NON_PERSON_ENTS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "EVENT", "PRODUCT"})
#: ACLED-type violent events that carry a death toll.
VIOLENT_ACLED = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})

_NUM = r"(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|" \
       r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|a dozen|dozens|hundreds)"
_CODED = re.compile(r"\b(?:fatalities|deaths|death toll)(?:\s+and\s+(?:injuries|casualties|injured))?\s+"
                    r"(?:were\s+|was\s+|is\s+|are\s+|have been\s+|has been\s+)?coded\s+(?:as|to|at)\s+" + _NUM, re.I)
_TOLL = re.compile(
    r"\b(?:(?:at least|more than|over|around|about|approximately|nearly|some|a total of)\s+)?" + _NUM
    + r"\s+(?:(?:[a-z-]+\s+){0,2}?(?:fatalities|fatality|deaths)\b|dead\b(?!\s+bod))", re.I)
_MONTHS = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
           r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\b")
#: The surface forms of a stated killing, for when the parse splits or misattaches the number.
_KILLED = re.compile(
    r"\b" + _NUM + r"(?:\s+(?!" + _MONTHS + r")[A-Za-z'-]+){0,5}?\s+(?:(?:were|was|have been|has been|had been|got)\s+)?(?:\w+ly\s+)?"
    r"(?:killed|shot dead|shot and killed|murdered|executed|beheaded|lynched|died|shot to death|stabbed to death|"
    r"beaten to death|found dead)\b"
    r"|\bkill(?:ed|ing)\s+(?:at least\s+|more than\s+)?" + _NUM + r"\b", re.I)
_NONE = re.compile(r"\bno (?:reported )?(?:casualties|fatalities|deaths|one was (?:killed|hurt|injured))\b"
                   r"|\b(?:casualties|fatalities) (?:are |were )?(?:not|un)(?:known| reported)?\b(?= reported)", re.I)
_SPLIT = re.compile(r"\b(?:split|spread|divided|distributed|coded)(?: up)?(?: equally| evenly)? (?:between|across|among|over|into)"
                    r"(?: the)? (\d+|two|three|four|five|six|seven|eight|nine|ten) (?:separate |different )?"
                    r"(?:events?|locations?|attacks?|incidents?|fronts?|frontlines?|clashes|areas?|districts?|days?)\b", re.I)
#: The share of each event when a split note states it: "with 5 coded to each", "across 2 events (3)".
_EACH = re.compile(r"\b" + _NUM + r" (?:fatalities |deaths )?(?:coded |attributed |assigned )?(?:to|for|per) each\b"
                   r"|\b(?:events?|locations?|attacks?)\s*\((\d+)\)", re.I)


def _number(text: str) -> int | None:
    low = text.lower().replace(",", "")
    if low.isdigit():
        return int(low)
    if low in ("dozens", "hundreds"):
        return None
    val = words_to_number(low)
    return int(val) if val is not None else None


def sentence_toll(text: str) -> int | None:
    """A closing count stated in so many words ("4 fatalities.", "coded as 10", "no casualties"),
    for one event: None when the sentence spreads it over several ("split between 3 events"),
    whose share :func:`split_share` gives."""
    return None if _SPLIT.search(text) else closing_count(text)


def closing_count(text: str) -> int | None:
    """The count a sentence states, whether or not it is then split over several events."""
    m = _CODED.search(text)
    if m:
        return _number(m.group(1))
    m = _TOLL.search(text)
    if m:
        return _number(m.group(1))
    if _NONE.search(text) and not _SPLIT.search(text):
        return 0
    return None


@dataclass(frozen=True, slots=True)
class Split:
    """A count shared by several events: into ``parts``, or ``each`` per event when the text says."""

    parts: int
    each: int | None = None

    def share(self, total: int) -> int:
        """Each event's part of ``total``; an uneven split rounds half up, as the largest parts do."""
        if self.each is not None:
            return self.each
        return int(total / self.parts + 0.5)


def split_share(text: str) -> Split | None:
    """How a stated count is spread over events ("split up between 3 events", "with 5 coded to each")."""
    m = _SPLIT.search(text)
    if not m:
        return None
    parts = _number(m.group(1)) or 1
    each = _EACH.search(text)
    value = _number(each.group(1) or each.group(2)) if each else None
    return Split(max(parts, 1), value)


def stated_killed(text: str) -> int:
    """The sum of the counts of "N ... were killed" / "killing N" phrases in a sentence."""
    total = 0
    for m in _KILLED.finditer(text):
        n = _number(m.group(1) or m.group(2) or "") or 0
        total += n if n < 1000 else 0  # a year ("2020 gunmen killed"), not a count
    return total


def _nummod(tok: Token) -> int | None:
    nums = [c for c in tok.children if c.dep_ == "nummod"]
    if not nums:
        return None
    n = nums[0]
    words = [t for t in n.subtree if t.like_num or t.pos_ == "NUM" or t.lower_ in ("hundred", "thousand", "-")]
    return _number(" ".join(t.text for t in words)) if words else None


def victims(tok: Token) -> int | None:
    """How many people the phrase headed by ``tok`` names, when the text says (else None)."""
    if tok.ent_type_ in NON_PERSON_ENTS and tok.pos_ != "NUM":
        return None
    if tok.pos_ == "NUM" or tok.like_num:
        return _number(tok.text)
    parts = [tok, *[c for c in tok.children if c.dep_ == "conj"]]
    total = 0
    for part in parts:
        n = _one(part)
        if n is None:
            return None if part is tok else total or None
        total += n
    return total


def _one(tok: Token) -> int | None:
    low = tok.lower_
    if low in BODY_NOUNS:  # "the body of a man", "the bodies of 3 men"
        of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        n = _nummod(tok)
        if n is not None:
            return n
        if of:
            return _one(of[0])
        return 1 if tok.tag_ == "NN" else None
    n = _nummod(tok)
    if n is not None:
        return n
    if tok.pos_ == "NUM" or tok.like_num:
        return _number(tok.text)
    if tok.pos_ == "PRON":
        return 1 if low in ("he", "she", "him", "her") else None
    if tok.tag_ in ("NN", "NNP"):
        dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "poss")}
        if dets & SINGULAR_DETS or any(c.dep_ == "poss" for c in tok.children) or tok.ent_type_ == "PERSON":
            return 1
        if tok.tag_ == "NNP" and tok.dep_ in ("nsubjpass", "dobj"):
            return 1
    return None


def _is_dead_complement(verb: Token) -> bool:
    """"shot dead", "beaten to death", "fatally stabbed": a manner verb that killed."""
    for c in verb.children:
        if c.dep_ == "advmod" and c.lower_ in ("fatally", "mortally"):
            return True
        if c.dep_ in ("acomp", "oprd", "advmod", "xcomp", "dobj") and c.lower_ == "dead":
            return True
        if c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ == "death" for g in c.children):
            return True
    return False


def _stranded_subject(verb: Token) -> Token | None:
    """The passive subject the parser hung on a preceding place name as an apposition ("in Biguacu,
    Santa Catarina, *a drug trafficker* was killed"): the nearest such noun before the verb with no
    other predicate in between."""
    for t in reversed(list(verb.doc[verb.sent.start: verb.i])):
        if t.pos_ in ("VERB",) and t.dep_ not in ("amod", "compound"):
            return None
        if t.dep_ == "appos" and t.pos_ in ("NOUN", "PROPN", "NUM") and t.head.i < t.i:
            return t
    return None


#: Predicates through which a "death of X" noun states a killing ("resulted in the death of ...").
_CAUSE_VERBS = frozenset({"result", "lead", "cause", "end", "leave", "confirm", "report"})


def death_noun(tok: Token) -> int | None:
    """Victims of "resulted in / led to / caused the death(s) of X" (not "protested over the death of X",
    which names an earlier death as a grievance)."""
    if tok.lemma_.lower() != "death" or tok.pos_ != "NOUN":
        return None
    gov = tok.head
    if tok.dep_ == "pobj" and gov.lower_ in ("in", "to"):
        gov = gov.head
    elif tok.dep_ != "dobj":
        return None
    if gov.lemma_.lower() not in _CAUSE_VERBS:
        return None
    of = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return victims(of[0]) if of else None


def killing_clause(tok: Token) -> tuple[int | None, bool] | None:
    """(victims, has-agent) when ``tok`` is a predicate stating that people died, else None."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    lem = tok.lemma_.lower()
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or (tok.dep_ == "acl" and tok.tag_ == "VBN")
    agent = any(c.dep_ in ("agent",) for c in tok.children) or (
        not passive and any(c.dep_ == "nsubj" for c in tok.children))
    if lem in DIE_VERBS:
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        return (victims(subj) if subj is not None else None), False
    if lem in KILL_VERBS or (lem in MANNER_VERBS and _is_dead_complement(tok)):
        if passive:
            subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            if subj is None and tok.dep_ == "acl":
                subj = tok.head
            if subj is None:
                subj = _stranded_subject(tok)
            return (victims(subj) if subj is not None else None), agent
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.lower_ != "dead"), None)
        if obj is None:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and (subj.pos_ == "NUM" or subj.like_num):  # "1 killed, 7 injured"
                return victims(subj), False
            return None, agent
        return victims(obj), agent
    if lem == "find" and passive:  # "the body of a man was found"
        subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if subj is not None and subj.lower_ in BODY_NOUNS:
            return victims(subj), False
    return None


@dataclass(slots=True)
class _Sentence:
    span: Span
    paragraph: int
    toll: int | None = None
    stated: int = 0  # "N ... were killed" by the surface form
    split: Split | None = None
    _clauses: list[tuple[int, int | None, bool]] | None = None

    @property
    def clauses(self) -> list[tuple[int, int | None, bool]]:
        """(token i, victims, agent) of each killing clause and death noun; read token by token,
        so only for the sentences an incident reaches."""
        if self._clauses is None:
            self._clauses = []
            for tok in self.span:
                k = killing_clause(tok)
                if k is not None:
                    self._clauses.append((tok.i, k[0], k[1]))
                n = death_noun(tok)
                if n is not None:
                    self._clauses.append((tok.i, n, False))
        return self._clauses

    @property
    def killed(self) -> int:
        return max(sum(v for _, v, _ in self.clauses if v), self.stated)


def _bare_number(sent: Span) -> bool:
    """A "sentence" that is only a number: the small model splits "... fight. 14 militants were
    killed" before the number, leaving it alone; it belongs to the next sentence."""
    if len(sent) > 6:
        return False
    words = [t for t in sent if not t.is_punct and not t.is_space]
    return bool(words) and all(t.like_num or t.pos_ == "NUM" for t in words) and len(words) <= 2


def _sentences(doc: Doc) -> list[_Sentence]:
    out: list[_Sentence] = []
    para = 0
    prev_end = 0
    carry = ""  # a bare number split off the front of this sentence
    text = doc_text(doc)
    for sent in doc.sents:
        sent_text = text[sent.start_char:sent.end_char]
        if "\n\n" in text[prev_end:sent.start_char] or sent_text.startswith("\n"):
            para += 1
        prev_end = sent.end_char
        joined = f"{carry} {sent_text}" if carry else sent_text
        carry = sent_text.strip() if _bare_number(sent) else ""
        out.append(_Sentence(sent, para, toll=closing_count(joined), stated=stated_killed(joined),
                             split=split_share(joined)))
    return out


def is_violent(ev: Event) -> bool:
    return ev.plover == "ASSAULT" or ev.acled_event_type in VIOLENT_ACLED \
        or ev.acled_sub_event_type == "Excessive force against protesters"


def _anaphoric(doc: Doc, ev: Event) -> bool:
    """"The clashes resulted in ...", "killed in the attack": a definite event noun that refers back to
    the incident already reported rather than starting a new one."""
    span = doc.char_span(ev.trigger_start, ev.trigger_end, alignment_mode="expand")
    if span is None or span.root.pos_ not in ("NOUN", "PROPN"):
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "these", "that", "those", "its", "their")
               for c in span.root.children)


def _value(toll: int | None, summed: int, split: Split | None) -> int | None:
    """The incident's count: its closing count, unless that is a partial "no casualties on our side"
    while the incident names dead; shared out when the note splits it over several events."""
    value = toll if toll is not None and not (toll == 0 and summed) else (summed or None)
    if split is not None:
        if split.each is not None:
            return split.each
        if value:
            return split.share(value)
    return value


def assign_fatalities(doc: Doc, events: list[Event]) -> None:
    """Set each violent event's ``fatalities`` to the toll of its incident (see the module doc).

    Events of incidents whose text gives no count keep what they had (the quantities attached
    to the trigger).
    """
    violent = [e for e in events if is_violent(e)]
    if not violent:
        return
    sents = _sentences(doc)
    by_start = {s.span.start_char: k for k, s in enumerate(sents)}
    heads: dict[int, list[Event]] = {}
    for e in violent:
        k = by_start.get(e.sentence_start)
        if k is not None:
            heads.setdefault(k, []).append(e)
    casualty_trigs = {i for k in heads for i, _, agent in sents[k].clauses if not agent}

    def new_act(e: Event) -> bool:
        span = doc.char_span(e.trigger_start, e.trigger_end, alignment_mode="expand")
        return (span is None or span.root.i not in casualty_trigs) and not _anaphoric(doc, e)

    own = {k for k, evs in heads.items() if any(new_act(e) for e in evs)}
    incident: dict[int, int] = {}  # sentence -> the sentence heading its incident
    current: int | None = None
    for k, s in enumerate(sents):
        if k in own or current is None or s.paragraph != sents[current].paragraph or k - current > 3:
            current = k if (k in own or k in heads) else None
        if current is not None:
            incident[k] = current
    totals: dict[int, tuple[int | None, int, Split | None]] = {}
    for k, head in incident.items():
        s = sents[k]
        toll, summed, split = totals.get(head, (None, 0, None))
        if s.toll is not None and not (s.toll == 0 and toll):
            toll = s.toll
        summed += s.killed
        totals[head] = (toll, summed, s.split or split)
    for k, evs in heads.items():
        head = incident.get(k)
        if head is None:
            continue
        value = _value(*totals[head])
        if value is None:
            continue
        for e in evs:
            e.fatalities = value
