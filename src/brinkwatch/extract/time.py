"""The ``bw_time`` component: time expressions (TIMEX3) found, normalised and placed on the calendar.

Recognition is rule-based (:mod:`timex_patterns`), normalisation uses the publication date, the
reference time of the passage and the tense of the governing verb (:mod:`timex_normalise`), and
every expression gets an interval (:class:`~brinkwatch.model.TimeSpan`) with its granularity, so a
week stays a week ("last week" never becomes a falsely precise day).

Public API:
  ``find_timexes(doc) -> list[TimeExpression]``      what the component stores in ``doc._.bw_timexes``
  ``event_time(doc, sent, trigger) -> TimeSpan``      the time of an event mention (used by bw_events)
  ``timespan_of(value, mod, dct, text) -> TimeSpan``  the interval of a TIMEX3 value
"""

from __future__ import annotations

import re
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..errors import ExtractError
from ..model import TimeExpression, TimeSpan
from . import timex_calendar as cal
from .extensions import register_extensions
from .timex_normalise import Context, normalise, ref_time
from .timex_patterns import Candidate, find_candidates

#: Verbs whose infinitive complement lies in the future ("plans to meet on Sunday").
_FUTURE_GOVERNORS = frozenset({
    "plan", "expect", "schedule", "intend", "hope", "want", "agree", "set", "due", "go", "aim", "prepare",
    "promise", "threaten", "vow", "decide", "propose", "seek", "wish", "will", "likely", "able", "ready",
})
#: Verbs whose object happens later than the telling ("scheduled a meeting for Thursday").
_SCHEDULING = frozenset({"plan", "schedule", "reschedule", "expect", "set", "postpone", "delay", "extend",
                         "slate", "due", "adjourn", "defer"})
_NON_DATE_ENTS = frozenset({"MONEY", "CARDINAL", "QUANTITY", "PERCENT", "ORDINAL"})
_MONTH_CONTEXT = frozenset({"in", "since", "until", "till", "by", "from", "to", "through", "of", "early", "late",
                            "mid", "last", "next", "this", "during", "before", "after", "on", "around", "end"})


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
    if verb.lemma_.lower() in _SCHEDULING and verb.tag_ != "VBD" and not words & {"had", "was", "were"}:
        return "future"  # "is scheduled for Friday", "plans a vote on Monday"
    if "to" in words or (verb.tag_ == "VB" and not auxes and verb.dep_ == "xcomp"):
        gov = verb.head
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
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "MD":
        return None
    return None


def tense_of(span: Span) -> str | None:
    """The tense that decides which side of the publication date an underspecified expression lies."""
    before = span.doc.text[max(0, span.start_char - 16):span.start_char].lower()
    if re.search(r"(?:as\s+(?:early|soon)\s+as|\buntil|\btill)\s+(?:on\s+)?$", before):
        verb = governing_verb(span.root)
        if verb is None or not any(c.lower_ == "had" for c in verb.children):
            return "future"
    verb = governing_verb(span.root)
    if verb is None:
        verbs = [t for t in span.sent if t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "conj")]
        verb = verbs[0] if verbs else None
    return verb_tense(verb) if verb is not None else None


# --- intervals ---------------------------------------------------------------------------------
def timespan_of(value: str, mod: str | None, dct: date | None, text: str | None = None, type_: str = "DATE") -> TimeSpan:
    """The interval of a TIMEX3 value: dates and times get [start, end] and a granularity;
    PAST_REF / FUTURE_REF / PRESENT_REF are open or closed on the publication date; durations and sets
    have no place on the calendar."""
    span = TimeSpan(value=value, text=text, method="expression")
    if type_ in ("DURATION", "SET"):
        return span
    if value.endswith("_REF"):
        d = dct.isoformat() if dct else None
        span.anchored = dct is not None
        if value == "PRESENT_REF":
            span.start, span.end, span.granularity = d, d, "day"
        elif value == "PAST_REF":
            span.end = d
        else:
            span.start = d
        return span
    start, end, gran = cal.value_interval(value, mod)
    span.start, span.end, span.granularity = start, end, gran
    span.anchored = start is not None
    if mod in ("BEFORE", "ON_OR_BEFORE"):
        span.start = None
    elif mod in ("AFTER", "ON_OR_AFTER"):
        span.end = None
    return span


def _apply_signals(doc: Doc, timexes: list[TimeExpression], dct: date | None) -> None:
    """'since X' runs from X to publication, 'until X' ends at X, 'from X to Y' is one range."""
    text = doc.text
    for i, tx in enumerate(timexes):
        if tx.span is None or tx.type not in ("DATE", "TIME") or tx.span.start is None:
            continue
        before = text[max(0, tx.start - 12):tx.start].lower()
        if re.search(r"\bsince\s+$", before):
            tx.span.end = dct.isoformat() if dct and dct.isoformat() >= (tx.span.start or "") else tx.span.end
        elif re.search(r"\b(?:until|till|through|up\s+to)\s+$", before):
            tx.span.start = None
        nxt = timexes[i + 1] if i + 1 < len(timexes) else None
        if (nxt is not None and nxt.span is not None and nxt.span.end and re.search(r"\b(?:from|between)\s+$", before)
                and re.fullmatch(r"\s*(?:to|until|till|through|and|-|–)\s*", text[tx.end:nxt.start])):
            if nxt.span.end >= tx.span.start:
                tx.span.end = nxt.span.end
                nxt.span.start = tx.span.start


# --- recognition + normalisation over a Doc -----------------------------------------------------
def _valid(cand: Candidate, span: Span) -> bool:
    """Checks that need the tagger/NER: bare years that are counts, 'May' the verb, 'current' the noun."""
    g = cand.groups
    first = span[0]
    prev = span.doc[first.i - 1] if first.i > 0 else None
    if cand.kind == "year" and not (g.get("pmod") or g.get("fiscal") or g.get("open")):
        if any(t.ent_type_ in _NON_DATE_ENTS for t in span) and not any(t.ent_type_ == "DATE" for t in span):
            return False
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        if nxt is not None and nxt.tag_ == "NNS":
            return False  # "2000 soldiers"
        if prev is not None and prev.lower_ in ("the", "a", "an") and nxt is not None and nxt.pos_ == "NOUN":
            return False
    if cand.kind == "month" and not (g.get("year") or g.get("rel") or g.get("pmod")):
        word = (g.get("mon") or "").lower().rstrip(".")
        if word in ("may", "march", "mar"):
            if first.pos_ in ("AUX", "VERB") or not (prev is not None and prev.lower_ in _MONTH_CONTEXT):
                return False
    if cand.kind == "ref":
        word = span.text.lower()
        if word in ("current", "future") and first.pos_ != "ADJ":
            return False
        if word == "recent" and first.pos_ not in ("ADJ",):
            return False
    if cand.kind == "weekday" and first.ent_type_ in ("ORG", "WORK_OF_ART") and len(span) == 1:
        return False  # "Black Friday" the store chain, "Good Morning Monday" the show
    return True


def _period_ending(text: str, cand: Candidate, nxt: Candidate, ctx: Context, result) -> None:  # noqa: ANN001
    """'the quarter ended Sept. 30': the quarter is the one that contains the date that ends it."""
    if not re.fullmatch(r"\s+end(?:ed|ing)\s+(?:on\s+)?", text[cand.end:nxt.start]) or nxt.kind != "date_mdy":
        return
    if cand.groups.get("ord") or not re.fullmatch(r"(?:\d{4}|X{4})-Q[1-4X]", result.value):
        return
    end = normalise(nxt, text[nxt.start:nxt.end], ctx)
    if end is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", end.value):
        d = date.fromisoformat(end.value)
        result.value = f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"


def find_timexes(doc: Doc) -> list[TimeExpression]:
    """All time expressions of ``doc``, normalised against ``doc._.bw_dct`` (may be None)."""
    dct_raw = doc._.bw_dct
    dct = cal.parse_iso_date(dct_raw)
    if dct_raw and dct is None:
        raise ExtractError(
            f"Publication date {dct_raw!r} of document {doc._.bw_article_id!r} is not an ISO date.",
            hint="Give the date as YYYY-MM-DD (or an ISO datetime), or leave it empty.",
        )
    ctx = Context(dct=dct)
    out: list[TimeExpression] = []
    cands = find_candidates(doc.text)
    for i, cand in enumerate(cands):
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        if span is None or not _valid(cand, span):
            continue
        text = doc.text[cand.start:cand.end]
        ctx.tense = tense_of(span)
        result = normalise(cand, text, ctx)
        if result is None:
            continue
        if cand.kind in ("quarter", "the_unit") and i + 1 < len(cands):
            _period_ending(doc.text, cand, cands[i + 1], ctx, result)
        tx = TimeExpression(cand.start, cand.end, text, result.type, result.value, result.mod)
        tx.span = timespan_of(result.value, result.mod, dct, text, result.type)
        if result.anaphoric and tx.span.start is not None:
            tx.span.anchored = True
        out.append(tx)
        if result.type in ("DATE", "TIME") and not result.comparison:
            ref = ref_time(result.value)
            if ref is not None:
                ctx.ref = ref
                m = re.fullmatch(r"(\d{4})-Q([1-4])", result.value)
                if m:
                    ctx.quarter = (int(m[1]), int(m[2]))
    _apply_signals(doc, out, dct)
    return out


@Language.factory("bw_time", default_config={})
def make_time_component(nlp: Language, name: str):  # noqa: ANN201
    """Factory of the ``bw_time`` pipeline component."""
    register_extensions()
    return TimeTagger()


class TimeTagger:
    """Fills ``doc._.bw_timexes``; needs the tagger and parser of the base pipeline for tense."""

    def __call__(self, doc: Doc) -> Doc:
        doc._.bw_timexes = find_timexes(doc)
        return doc


# --- the time of an event ------------------------------------------------------------------------
def _copy(span: TimeSpan, method: str) -> TimeSpan:
    return TimeSpan(span.start, span.end, span.granularity, span.value, span.text, method, span.anchored)


def _is_date(tx: TimeExpression) -> bool:
    return tx.type in ("DATE", "TIME") and tx.span is not None and (tx.span.start is not None or tx.span.end is not None)


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


def publication_span(doc: Doc) -> TimeSpan:
    """The publication day as a TimeSpan (unanchored, without dates, when it is unknown)."""
    dct = cal.parse_iso_date(doc._.bw_dct)
    if dct is None:
        return TimeSpan(granularity="day", method="publication", anchored=False)
    d = dct.isoformat()
    return TimeSpan(d, d, "day", d, None, "publication", True)


def event_time(doc: Doc, sent: Span, trigger: Token) -> TimeSpan:
    """When the event of ``trigger`` (a token of ``sent``) happened, as precisely as the text says.

    In order: the date expression that governs the trigger (attached to it or its clause); the
    nearest date in the sentence; the date of the passage the sentence continues (same paragraph,
    within two sentences: method ``context``); the publication date (method ``publication``)."""
    timexes = doc._.bw_timexes
    if timexes is None:
        timexes = find_timexes(doc)
    dated = [tx for tx in timexes if _is_date(tx)]
    in_sent = [tx for tx in dated if sent.start_char <= tx.start < sent.end_char]
    for tx in in_sent:
        if _governs(doc, tx, trigger):
            return _copy(tx.span, "expression")
    if in_sent:
        nearest = min(in_sent, key=lambda tx: abs(tx.start - trigger.idx))
        return _copy(nearest.span, "expression")
    before = [tx for tx in dated if tx.end <= sent.start_char]
    if before:
        last = before[-1]
        between = doc.text[last.end:sent.start_char]
        sents_between = len(re.findall(r"[.!?][\"'”’)]*\s", between))
        if "\n" not in between.strip(" \t") and sents_between <= 2 and last.span.start is not None:
            return _copy(last.span, "context")
    return publication_span(doc)


def timexes_in(doc: Doc, start: int, end: int) -> list[TimeExpression]:
    """The time expressions inside a character range (a sentence, a paragraph)."""
    return [tx for tx in (doc._.bw_timexes or []) if start <= tx.start and tx.end <= end]


__all__ = ["event_time", "find_timexes", "publication_span", "timespan_of", "timexes_in", "verb_tense"]
