"""Tense of the verb that governs a time expression or an event trigger.

Underspecified expressions ("Friday", "in March") lie on the side of the publication date the tense
says ("said on Friday" is the Friday before, "will meet on Friday" the one after); undated events are
placed before or after publication by the same test. Kept apart from :mod:`time` so that the event
dating in :mod:`timex_event` can use it without an import cycle.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .extensions import doc_text

#: Verbs whose infinitive complement lies in the future ("plans to meet on Sunday").
_FUTURE_GOVERNORS = frozenset({
    "plan", "expect", "schedule", "intend", "hope", "want", "agree", "set", "due", "go", "aim", "prepare",
    "promise", "threaten", "vow", "decide", "propose", "seek", "wish", "will", "likely", "able", "ready",
})
#: Verbs whose object happens later than the telling ("scheduled a meeting for Thursday").
_SCHEDULING = frozenset({"plan", "schedule", "reschedule", "expect", "set", "postpone", "delay", "extend",
                         "slate", "due", "adjourn", "defer"})


# --- tense of the governing verb -------------------------------------------------------------
def governing_verb(token: Token) -> Token | None:
    """The nearest verb above ``token`` in the parse (the token itself if it is one)."""
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def verb_tense(verb: Token, depth: int = 0) -> str | None:
    """'past', 'future', 'present' or None, from the verb's tag and its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "'ll", "shall", "wo", "would", "'d"}:
        return "future"
    lemma = verb.lemma_.lower()
    if (lemma in _SCHEDULING and verb.tag_ != "VBD" and not words & {"had", "was", "were"}
            and not (lemma == "set" and verb.tag_ == "VBN" and not words & {"is", "are", "be", "'s"})):
        return "future"  # "is scheduled for Friday", "plans a vote on Monday"; not "a record set on Aug. 6"
    if "to" in words or (verb.tag_ == "VB" and not auxes and verb.dep_ == "xcomp"):
        gov = verb.head
        if gov is not verb and gov.lemma_.lower() == "be" and gov.tag_ in ("VBZ", "VBP"):
            return "future"  # "is to resume trading Tuesday"
        if gov is not verb and (gov.lemma_.lower() in _FUTURE_GOVERNORS):
            gov_aux = {c.lower_ for c in gov.children if c.dep_ in ("aux", "auxpass")}
            return "past" if "had" in gov_aux or any(c.lower_ == "had" for c in gov.head.children) else "future"
        if gov is not verb and depth < 3 and gov.pos_ in ("VERB", "AUX", "ADJ"):
            return verb_tense(gov, depth + 1)
        return None
    if any(a.tag_ == "VBD" for a in auxes) or (words & {"has", "have", "'ve", "had"}):
        return "past"
    if verb.tag_ == "VBD":
        return "past"
    if verb.tag_ == "VBN":
        if words & {"be", "being"}:
            return "future" if words & {"will"} else None
        return "past"
    if verb.tag_ == "VBG" and words & {"is", "are", "'s", "'re", "am"}:
        return "future"  # "is meeting on Sunday"
    if verb.tag_ == "VBP" and _singular_subject_of_invariant(verb):
        return "past"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "MD":
        return None
    return None


#: Verbs whose past has the present's form: tagged VBP they may well be past ("Weakness hurt stocks").
_INVARIANT = frozenset({"hurt", "cut", "put", "set", "hit", "let", "cost", "shut", "spread", "quit", "bet",
                        "cast", "burst", "split", "bid", "thrust", "upset", "broadcast", "forecast", "read",
                        "beat", "shed", "slit", "rid", "fit", "wet", "knit", "lit"})


def _singular_subject_of_invariant(verb: Token) -> bool:
    """A VBP form of an invariant verb with a third-person singular subject cannot be present
    ("weakness hurt", not "weakness hurts"): agreement says it is the past."""
    if verb.lower_ not in _INVARIANT or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subj) and (subj[0].tag_ in ("NN", "NNP") or subj[0].lower_ in ("he", "she", "it", "this", "that"))


def tense_of(span: Span) -> str | None:
    """The tense that decides which side of the publication date an underspecified expression lies."""
    before = doc_text(span.doc)[max(0, span.start_char - 16):span.start_char].lower()
    if re.search(r"\beffective\s+(?:on\s+|from\s+)?$", before):
        return "future"  # "a new pact effective June 1"
    if re.search(r"(?:as\s+(?:early|soon)\s+as|\buntil|\btill)\s+(?:on\s+)?$", before):
        verb = governing_verb(span.root)
        if verb is None or not any(c.lower_ == "had" for c in verb.children):
            return "future"
    verb = governing_verb(span.root)
    if verb is None:
        verbs = [t for t in span.sent if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "conj")]
        verb = verbs[0] if verbs else None
    return verb_tense(verb) if verb is not None else None


_REPORTING = frozenset({"say", "tell", "report", "claim", "insist", "argue", "add", "note", "deny", "confirm",
                        "announce", "state", "believe", "think", "know", "appear", "seem", "show", "accuse"})


def _planned(span: Span) -> bool:
    """A weekday that modifies a present-tense verb of doing is a plan ("the leaders meet Monday");
    not when it hangs on a verb of saying ("says Monday"), on 'be'/'follow', or is a possessive
    ("Friday's purchases")."""
    root = span.root
    if root.dep_ not in ("npadvmod", "pobj", "tmod") or root.dep_ == "poss" or any(c.dep_ == "case" for c in root.children):
        return False
    verb = governing_verb(root)
    if verb is None or verb.tag_ not in ("VBZ", "VBP"):
        return False
    return verb.lemma_.lower() not in _REPORTING | {"be", "have", "follow", "remain", "stand"}
