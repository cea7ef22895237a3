"""The time of an event mention: which time expression dates it, and what to say when none does.

An event takes the date of the expression that governs it, else of the nearest one in its sentence
that does not date something else (a yardstick such as "its largest deployment since the 1989
invasion", a noun such as "the 1989 invasion", a description such as "equipment dating to the
2000s"), else of the passage it continues, else the publication date on the side its tense says.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..model import TimeExpression, TimeSpan
from . import timex_calendar as cal
from .extensions import doc_text
from .timex_tense import governing_verb, verb_tense

def _copy(span: TimeSpan, method: str) -> TimeSpan:
    return TimeSpan(span.start, span.end, span.granularity, span.value, span.text, method, span.anchored)


def _is_date(tx: TimeExpression) -> bool:
    if tx.span is None or (tx.span.start is None and tx.span.end is None):
        return False
    return tx.type in ("DATE", "TIME") or (tx.type == "DURATION" and tx.span.anchored)


def _governs(doc: Doc, tx: TimeExpression, trigger: Token) -> bool:
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    clause = governing_verb(trigger) or trigger
    for _ in range(8):
        if tok == trigger or tok == clause:
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            return tok == clause
        tok = tok.head
    return False


def publication_span(doc: Doc, trigger: Token | None = None) -> TimeSpan:
    """The publication date as the time of an undated event (method ``publication``).

    Without a trigger, or for an event told in the present, it is the publication day. An event told
    in the past happened on or before it (open start: the text does not say how long before); one
    told in the future, on or after it. Unanchored and without dates when the date is unknown."""
    dct = cal.parse_iso_date(doc._.bw_dct)
    if dct is None:  # no publication date: say so rather than guess (method "unanchored")
        return TimeSpan(granularity="unknown", method="unanchored", anchored=False)
    d = dct.isoformat()
    verb = governing_verb(trigger) if trigger is not None else None
    tense = verb_tense(verb) if verb is not None else None
    if tense == "past":
        return TimeSpan(None, d, "unknown", "PAST_REF", None, "publication", True)
    if tense == "future":
        return TimeSpan(d, None, "unknown", "FUTURE_REF", None, "publication", True)
    return TimeSpan(d, d, "day", d, None, "publication", True)


_MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "poss", "nmod", "npadvmod"})


def _tx_root(doc: Doc, tx: TimeExpression) -> Token | None:
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    return span.root if span is not None else None


def modified_noun(doc: Doc, tx: TimeExpression) -> Token | None:
    """The noun a date modifies inside a noun phrase ("the 1989 Panama invasion", "Friday's
    purchases", "Venezuela's July 2024 vote"): such a date dates that noun, not the clause."""
    root = _tx_root(doc, tx)
    if root is None or root.dep_ not in _MODIFIER_DEPS or root.head is root:
        return None
    head = root.head
    if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ == "DATE":
        return None  # "the week of November 16": the head is itself part of the date
    return head


def is_comparison(doc: Doc, tx: TimeExpression) -> bool:
    """'its largest deployment since the 1989 Panama invasion': a yardstick, not the time of anything
    said in the sentence (a superlative or 'first' before 'since')."""
    root = _tx_root(doc, tx)
    if root is None:
        return False
    sent = root.sent
    before = doc_text(doc)[sent.start_char:tx.start]
    if not re.search(r"\bsince\s+(?:the\s+|a\s+|an\s+)?(?:\w+\s+){0,2}$", before):
        return False
    since_at = before.lower().rfind("since")
    head = before[:since_at]
    return any(t.tag_ in ("JJS", "RBS") or t.lower_ in ("first", "last") for t in sent
               if t.idx < sent.start_char + len(head)) or bool(re.search(r"\b\w+est\b", head))


_FRAME_PREPS = frozenset({"during", "at", "in", "amid", "on", "throughout", "over"})


def _frames_clause(noun: Token, tx: TimeExpression) -> bool:
    """'during a phone call last week': a date after its noun, in a phrase that hangs on a verb, is the
    time frame of that clause. A date before its noun ('fraud in the island's July 2024 vote', 'the
    1989 invasion') only names when that thing happened."""
    prep = noun.head
    return (noun.idx < tx.start and noun.dep_ == "pobj" and prep.lower_ in _FRAME_PREPS
            and prep.head is not prep and prep.head.pos_ in ("VERB", "AUX"))


_LEAD = re.compile(r"[\W_]*(?:(?:on|around|about|in|at|during|by|since|from|as\s+of|late|early|(?:late|early)\s+on)\s+)?",
                   re.IGNORECASE)
_TRAIL = re.compile(r"\s*(?:\([^()]{0,40}\)\s*)?,")


def frames_sentence(doc: Doc, tx: TimeExpression) -> bool:
    """'On 29 April 2020, dahalo raided cattle ...', 'Around 1 May (as reported), miners protested':
    a date set off by a comma at the head of its sentence frames the whole sentence, whatever the
    parser hangs it on (small parsers often attach it to the nearest noun)."""
    root = _tx_root(doc, tx)
    if root is None:
        return False
    sent = root.sent
    return (_LEAD.fullmatch(doc_text(doc)[sent.start_char:tx.start]) is not None
            and _TRAIL.match(doc_text(doc), tx.end) is not None)


def background_date(doc: Doc, tx: TimeExpression) -> bool:
    """A date that only names a past event inside a noun phrase ('the 1989 invasion') or a yardstick
    ('largest since 1989'): it does not set the time of the passage that follows."""
    if is_comparison(doc, tx) or tx.value.endswith("_REF"):
        return True
    if frames_sentence(doc, tx):
        return False
    gov = _attached_verb(doc, tx)
    if gov is not None and any(c.lower_ == "had" for c in gov.children if c.dep_ in ("aux", "auxpass")):
        # "activists who had been executed in 1972": the past perfect tells backstory, not the time
        # of the passage ("the call, which occurred late in the week of ..." still sets it)
        return True
    noun = modified_noun(doc, tx)
    return noun is not None and not _frames_clause(noun, tx)


def _ancestors(tok: Token) -> list[Token]:
    out = []
    while tok.head is not tok and len(out) < 12:
        tok = tok.head
        out.append(tok)
    return out


def dates_other(doc: Doc, tx: TimeExpression, trigger: Token) -> bool:
    """True when ``tx`` dates something other than the event of ``trigger``: a comparison
    ('largest since 1989'), a noun it modifies that is neither the trigger nor what set the
    trigger's event off ('the 1989 invasion'; but 'the 2024 election triggered protests, killing
    27' may date the killing), or a description clause ('equipment dating to the 2000s')."""
    if is_comparison(doc, tx):
        return True
    if frames_sentence(doc, tx):
        return False
    chain = [trigger, *_ancestors(trigger)]
    root = _tx_root(doc, tx)
    if root is not None and root.dep_ == "dobj" and root.head not in chain:
        return True  # "staged a demonstration to mark Labor Day": the day is what is marked
    noun = modified_noun(doc, tx)
    if noun is not None:
        if noun == trigger or _frames_clause(noun, tx):
            return False
        causes = {c for v in chain if v.pos_ in ("VERB", "AUX") for c in v.children if c.dep_ in ("nsubj", "nsubjpass")}
        return noun not in causes
    root = _tx_root(doc, tx)
    gov = governing_verb(root) if root is not None else None
    if gov is not None and gov not in chain and gov.dep_ in ("acl", "relcl"):
        return True
    return False


def _after_told_past(doc: Doc, tx: TimeExpression, trigger: Token) -> bool:
    """A period wholly after publication cannot date an event told in the past tense ('staged a
    protest demanding relief for the next three months')."""
    dct = doc._.bw_dct
    span = tx.span
    if not dct or span is None or span.start is None or span.start < dct[:10]:
        return False
    if span.end is not None and span.end <= dct[:10]:
        return False  # the publication day itself
    verb = governing_verb(trigger)
    return verb is not None and verb_tense(verb) == "past"


#: Dependencies that make a clause the content of what the trigger says, asks or orders.
_CONTENT_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})


def in_content_of(doc: Doc, tx: TimeExpression, trigger: Token) -> bool:
    """True when ``tx`` sits in a clause that is the content of the trigger's act: the order in
    "told Maduro: get out now", the demand in "demanded that troops leave by Friday". Such a date
    is when the content should happen, not when the telling did."""
    verb = _attached_verb(doc, tx)
    if verb is None or verb == trigger:
        return False
    tok, path = verb, []
    for _ in range(8):
        if tok == trigger:
            return any(dep in _CONTENT_DEPS for dep in path)
        if tok.head is tok:
            return False
        path.append(tok.dep_)
        tok = tok.head
    return False


def _attached_verb(doc: Doc, tx: TimeExpression) -> Token | None:
    root = _tx_root(doc, tx)
    return governing_verb(root) if root is not None else None


def event_time(doc: Doc, sent: Span, trigger: Token) -> TimeSpan:
    """When the event of ``trigger`` (a token of ``sent``) happened, as precisely as the text says.

    In order: the date expression that governs the trigger (attached to it or its clause); the
    nearest date in the sentence that does not date something else (see :func:`dates_other`); the
    date of the passage the sentence continues (same paragraph, within two sentences: method
    ``context``); the publication date (method ``publication``). A duration anchored on the
    publication date ("over the past three years") counts as a date. Without a publication date,
    an event that no absolute date governs is ``unanchored``: no interval, the relative expression
    that governs it (if any) kept as its text and value."""
    timexes = doc._.bw_timexes
    if timexes is None:
        from .time import find_timexes  # the component normally ran already; this is the fallback

        timexes = find_timexes(doc)
    dated = [tx for tx in timexes if _is_date(tx)]
    in_sent = [tx for tx in dated if sent.start_char <= tx.start < sent.end_char]
    governing = [tx for tx in in_sent if _governs(doc, tx, trigger) and not is_comparison(doc, tx)
                 and not _after_told_past(doc, tx, trigger)]
    # a date or time that governs the trigger, else the date that frames the sentence ("On 2 May,
    # members staged a protest demanding relief for the next three months"), else a governing period
    for tx in governing:
        if tx.type != "DURATION":
            return _copy(tx.span, "expression")
    for tx in in_sent:
        if frames_sentence(doc, tx):
            return _copy(tx.span, "expression")
    if governing:
        return _copy(governing[0].span, "expression")
    if cal.parse_iso_date(doc._.bw_dct) is None:
        # a relative date ("on Tuesday") with nothing to resolve it against: keep what the text says
        relative = [tx for tx in timexes if sent.start_char <= tx.start < sent.end_char and not _is_date(tx)
                    and tx.type in ("DATE", "TIME") and _governs(doc, tx, trigger)]
        if relative:
            tx = relative[0]
            return TimeSpan(None, None, "unknown", tx.value, tx.text, "unanchored", False)
    free = [tx for tx in in_sent if not dates_other(doc, tx, trigger) and not _after_told_past(doc, tx, trigger)
            and not in_content_of(doc, tx, trigger)]
    if free:
        chain = {trigger, *_ancestors(trigger)}
        # a date attached to the trigger's own chain of verbs beats a nearer one elsewhere
        nearest = min(free, key=lambda tx: (_attached_verb(doc, tx) not in chain, abs(tx.start - trigger.idx)))
        return _copy(nearest.span, "expression")
    # the last earlier date that is not backstory (searched backwards: only the nearest one counts)
    last = next((tx for tx in reversed(dated) if tx.end <= sent.start_char and not background_date(doc, tx)), None)
    if last is not None:
        between = doc_text(doc)[last.end:sent.start_char]
        sents_between = len(re.findall(r"[.!?][\"'”’)]*\s", between))
        if "\n" not in between.strip(" \t") and sents_between <= 2 and last.span.start is not None:
            return _copy(last.span, "context")
    return publication_span(doc, trigger)
