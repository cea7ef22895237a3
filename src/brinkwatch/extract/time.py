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
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import ExtractError
from ..model import TimeExpression, TimeSpan
from . import timex_calendar as cal
from .extensions import doc_text, register_extensions
from .timex_normalise import Context, normalise, ref_time
from .timex_patterns import Candidate, find_candidates, parse_number
from .timex_tense import _planned, governing_verb, tense_of, verb_tense
from .timex_values import _UNIT_GRAN, Normalised, _key, shift, unit_of

#: Entity types that make a bare number a count, not a year.
_NON_DATE_ENTS = frozenset({"MONEY", "CARDINAL", "QUANTITY", "PERCENT", "ORDINAL"})
_MONTH_CONTEXT = frozenset({"in", "since", "until", "till", "by", "from", "to", "through", "of", "early", "late",
                            "mid", "last", "next", "this", "during", "before", "after", "on", "around", "end"})


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
    text = doc_text(doc)
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
_RATE = re.compile(r"(?:a|an|per)\s+(?:year|month|week|day|night|hour|minute|second|quarter)", re.IGNORECASE)


def _is_rate(span: Span, prev) -> bool:  # noqa: ANN001
    """'$500 million a year', 'four flights a week', '24 hours a day': the denominator of a rate
    measures a quantity, it is not a time of anything (TimeBank leaves two in three unannotated)."""
    if prev is None or not _RATE.fullmatch(span.text):
        return False
    return (prev.like_num or prev.tag_ in ("CD", "NNS", "NNPS", "$") or prev.text == "%"
            or prev.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT"))


def _reporting_period(result: Normalised, text: str) -> bool:
    """'for the nine months', 'the first six months', 'the year ended Sept. 30': a reporting period
    longer than a quarter, as earnings reports name after the quarter's results."""
    if result.type != "DURATION":
        return False
    if result.value in ("P6M", "P9M"):
        return True
    return result.value == "P1Y" and re.match(r"(?i)the\s+(?:fiscal\s+)?year\b", text) is not None


def _indefinite_future(span) -> bool:  # noqa: ANN001
    """'will one day be', 'could one day replace': after a modal, "one day" names an indefinite
    future time, not a length of one day (TimeML guidelines: value FUTURE_REF)."""
    if span.text.lower() != "one day" or span.start == 0:
        return False
    prev = span.doc[span.start - 1]
    return prev.tag_ == "MD" or (prev.pos_ == "ADV" and span.start > 1 and span.doc[span.start - 2].tag_ == "MD")


def _soon_future(span: Span) -> bool:
    """'will soon begin', 'may soon seek', 'expects sales to soon grow': "soon" in a clause about
    the future names a time after publication (TimeML guidelines: FUTURE_REF). Not in a past
    narrative ("was soon released" is soon after another event) and not inside a connective
    ("as soon as", "soon after", "too soon"), where it relates two events."""
    doc = span.doc
    prev = doc[span.start - 1].lower_ if span.start > 0 else ""
    nxt = doc[span.end].lower_ if span.end < len(doc) else ""
    if prev in ("as", "too", "how", "so", "very") or nxt in ("after", "afterwards", "afterward", "as", "thereafter"):
        return False
    verb = governing_verb(span.root)
    if verb is not None and any(c.tag_ == "MD" for c in verb.children):
        return True  # "may soon seek", "could soon face": a modal looks ahead
    return tense_of(span) == "future"


def _is_title(span: Span) -> bool:
    """'ABC News' "This Week"', 'This is VOA Today': a deictic word capitalised inside a sentence,
    after an opening quote or a name, is (part of) the name of a programme or publication."""
    words = [t for t in span if t.is_alpha]
    if not words or not all(t.text[0].isupper() for t in words):
        return False
    before = [t for t in span.doc[span.sent.start:span.start] if not (t.is_punct or t.is_quote or t.is_space)]
    if not before:
        return False  # sentence-initial: the capital says nothing
    prev = span.doc[span.start - 1]
    return prev.is_quote or prev.pos_ == "PROPN" or len(words) > 1


#: Verbs that make their object a plan for a day ("planned a rally on Saturday").
_PLAN_VERBS = frozenset({"plan", "schedule", "set", "slate"})


def _past_plan(span: Span) -> bool:
    """A weekday after a verb of planning in the past tense or a bare participle ("planned a rally
    on Saturday", "a service planned for Saturday"): the tense dates the planning, not the day
    planned. Fronted ("On Friday, the government planned to pay"), it dates the planning."""
    verb = governing_verb(span.root)
    if verb is None or verb.lemma_.lower() not in _PLAN_VERBS or span.root.dep_ == "poss" or span.start < verb.i:
        return False
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and verb.dep_ == "acl")


def _names_a_thing(span: Span) -> bool:
    """A bare month that modifies a noun with a determiner ("a June agreement", "the October
    slaying"): it dates that thing, whose time the tense of the clause does not tell."""
    if any(ch.isdigit() for ch in span.text) or len(span) != 1:
        return False
    root = span.root
    head = root.head
    return (root.dep_ == "compound" and head.pos_ == "NOUN"
            and any(c.dep_ == "det" for c in head.children))


#: What follows "a quarter" / "three quarters" when they are a fraction of something, not a time:
#: "of" and a determiner or amount ("of the market", "of its sales", "of $5 billion"), but not a
#: year ("the first two quarters of 1990", "of the fiscal year"); "several quarters of losses" is a time.
_FRACTION = re.compile(r"\s+of\s+(?!(?:fiscal\s+)?(?:\d{4}\b|(?:the\s+|this\s+|last\s+|next\s+)(?:fiscal\s+)?year\b))"
                       r"(?:(?:the|its|their|his|her|our|all|a|an|this|that|these|those)\b|[$£€\d])", re.IGNORECASE)


def _valid(cand: Candidate, span: Span) -> bool:
    """Checks that need the tagger/NER: bare years that are counts, 'May' the verb, 'current' the noun."""
    g = cand.groups
    first = span[0]
    prev = span.doc[first.i - 1] if first.i > 0 else None
    if cand.kind == "year" and not (g.get("pmod") or g.get("fiscal") or g.get("open")):
        nxt = span.doc[span.end] if span.end < len(span.doc) else None
        determined = prev is not None and prev.lower_ in ("the", "a", "an", "its", "their", "his", "her")
        # "the disputed 2023 referendum": a year naming a thing, whatever NER says about the number
        head = span.root.head
        names_a_thing = (span.root.dep_ in ("nummod", "compound", "amod") and head.tag_ in ("NN", "NNP")
                         and any(c.dep_ in ("det", "poss") for c in head.children))
        if (any(t.ent_type_ in _NON_DATE_ENTS for t in span) and not any(t.ent_type_ == "DATE" for t in span)
                and not names_a_thing):
            return False
        if nxt is not None and nxt.tag_ == "NNS" and not determined:
            return False  # "2000 soldiers"; but "the 1992 protests" is a year
    if cand.kind == "month" and not (g.get("year") or g.get("rel") or g.get("pmod")):
        if first.ent_type_ == "PERSON" or (first.lower_ == "jan" and span.end < len(span.doc)
                                           and span.doc[span.end].is_title):
            return False  # "Jan Kavan"
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
        if word == "soon" and not _soon_future(span):
            return False
    if cand.kind == "nth_day" and not (span.root.dep_ == "attr" and span.root.head.lemma_ == "be"):
        return False  # only "today is / it's the second day of ...", not "on the third day of the talks"
    if cand.kind in ("duration", "set") and _is_rate(span, prev):
        return False
    if cand.kind == "duration" and _FRACTION.match(doc_text(span.doc), cand.end) and \
            (g.get("unit") or "").lower().startswith("quarter"):
        return False  # "more than a quarter of the market": a fraction
    if cand.kind in ("deictic", "rel_unit", "pod", "duration", "duration_adj") and _is_title(span):
        return False
    if cand.kind == "weekday" and first.ent_type_ in ("ORG", "WORK_OF_ART") and len(span) == 1:
        return False  # "Black Friday" the store chain, "Good Morning Monday" the show
    return True


def _period_ending(text: str, cand: Candidate, nxt: Candidate, ctx: Context, result) -> tuple[int, int] | None:  # noqa: ANN001
    """'the quarter ended Sept. 30': the quarter is the one that contains the date that ends it.

    Returns that calendar quarter; it becomes the quarter under discussion even when the text
    names a fiscal one ("its fourth quarter ended Sept. 30" keeps its value, and "the latest
    quarter" that follows is the calendar third quarter)."""
    if not re.fullmatch(r"\s+end(?:ed|ing)\s+(?:on\s+)?", text[cand.end:nxt.start]) or nxt.kind != "date_mdy":
        return None
    if not re.fullmatch(r"(?:\d{4}|X{4})-Q[1-4X]", result.value):
        return None
    end = normalise(nxt, text[nxt.start:nxt.end], ctx)
    if end is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", end.value):
        return None
    d = date.fromisoformat(end.value)
    quarter = (d.year, (d.month - 1) // 3 + 1)
    if not cand.groups.get("ord"):
        result.value = f"{quarter[0]:04d}-Q{quarter[1]}"
    return quarter


_BACK = frozenset({"past", "last", "previous", "recent", "the past", "the last"})
_AHEAD = frozenset({"next", "coming", "following", "the next", "the coming"})


def _duration_span(cand: Candidate, result, tx: TimeExpression, dct: date | None) -> None:  # noqa: ANN001
    """'the past three years' is a duration that ends at publication: it gets that interval (and
    'the next two weeks' the one that starts there), so events told over it can be dated."""
    g = cand.groups
    rel = _key(g.get("rel"))
    unit = unit_of(g.get("unit") or "")
    gran = _UNIT_GRAN.get(unit)
    if dct is None or gran is None or tx.span is None or cand.kind not in ("duration", "duration_bare"):
        return
    if rel not in _BACK and rel not in _AHEAD:
        return
    n = parse_number(g.get("num")) if cand.kind == "duration" else None
    far = None
    if n is not None and n == int(n):
        step = int(n) * (2 if unit == "fortnight" else 1)
        far = shift(dct, "week" if unit == "fortnight" else ("day" if gran == "day" else gran), -step if rel in _BACK else step)
    d = dct.isoformat()
    if rel in _BACK:
        tx.span.start, tx.span.end = (far + timedelta(days=1)).isoformat() if far else None, d
    else:
        tx.span.start, tx.span.end = d, (far - timedelta(days=1)).isoformat() if far else None
    tx.span.granularity = gran if gran in ("day", "week", "month", "quarter", "year", "decade") else "day"
    tx.span.anchored = True


def _refine_span(cand: Candidate, tx: TimeExpression, dct: date | None) -> None:
    """Intervals the TIMEX3 value alone cannot carry: 'Dec. 3-5' runs to the 5th; 'earlier this
    year' ends at publication and 'later this year' starts there; 'more than two weeks ago' has no
    known start."""
    span = tx.span
    if span is None or span.start is None:
        return
    g = cand.groups
    if g.get("day2") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", tx.value):
        first = date.fromisoformat(tx.value)
        try:
            last = first.replace(day=int(re.match(r"\d+", g["day2"]).group()))
        except ValueError:
            last = first
        if last > first:
            span.end = last.isoformat()
    if cand.kind == "decade" and g.get("half") and re.fullmatch(r"\d{3}", tx.value):
        # "the last half of the '80s": the five years, not the last third the END mod alone gives
        first_year = int(tx.value) * 10 + (0 if tx.mod == "START" else 5)
        span.start, span.end = f"{first_year:04d}-01-01", f"{first_year + 4:04d}-12-31"
    low = tx.text.lower()
    if dct is not None and re.match(r"(?:earlier|later)\s+(?:in\s+)?this\b", low):
        whole_start, whole_end, _ = cal.value_interval(tx.value, None)
        d = dct.isoformat()
        if whole_start and whole_end and whole_start <= d <= whole_end:
            span.start, span.end = (whole_start, d) if low.startswith("earlier") else (d, whole_end)
    if tx.mod in ("MORE_THAN", "EQUAL_OR_MORE") and re.search(r"\b(?:ago|earlier)$", low):
        span.start = None  # "more than two weeks ago": at the latest then, how much earlier is unknown


def _earlier_quarter(ctx: Context, quarter: tuple[int, int]) -> bool:
    """'posted a 20% gain in third-quarter net income ... After a flat second quarter, ...': an
    earlier quarter of the same year named after the reported one is a contrast; the quarter
    under discussion ("the year-earlier period", "a year ago") stays the reported one. So does it
    when a quarter not yet over at publication is named ("a fourth-quarter charge"): a forecast."""
    if ctx.quarter is None or ctx.past_quarter:
        return False
    if ctx.dct is not None and quarter >= (ctx.dct.year, cal.quarter_of(ctx.dct)) and ctx.quarter < quarter:
        return True
    return quarter[0] == ctx.quarter[0] and quarter < ctx.quarter


_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _pod_anchor(cand: Candidate, span: Span, out: list[TimeExpression]) -> str | None:
    """'... were dashed Friday. Dealers placed heavy buy orders in the morning': a bare "the
    morning" after "in"/"during" is part of the day the text just named (the last date, a day, at
    most a few sentences back). Not "the morning papers" (a noun modifier) and not after a coarser
    date or none."""
    if cand.kind != "pod" or (cand.groups.get("rel") or "").lower() != "the" or cand.groups.get("deic") \
            or cand.groups.get("wd") or span.start == 0:
        return None
    if span.doc[span.start - 1].lower_ not in ("in", "during", "throughout") or span.root.dep_ in ("compound", "amod", "nmod"):
        return None
    if span.end < len(span.doc) and span.doc[span.end].pos_ in ("NOUN", "PROPN"):
        return None
    dated = [tx for tx in out if tx.type in ("DATE", "TIME")]
    if not dated or cand.start - dated[-1].end > 400:
        return None
    m = _DAY_VALUE.match(dated[-1].value)
    return m.group() if m else None


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
    cands = find_candidates(doc_text(doc))
    for i, cand in enumerate(cands):
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        if span is None or not _valid(cand, span):
            continue
        text = doc_text(doc)[cand.start:cand.end]
        ctx.tense = tense_of(span)
        if ctx.tense == "present" and cand.kind == "weekday" and _planned(span):
            ctx.tense = "future"  # news present with a weekday is a plan: "the leaders meet Monday"
        if cand.kind == "weekday" and _past_plan(span):
            ctx.tense = "planned"
        if cand.kind == "month" and _names_a_thing(span):
            ctx.tense = None  # "under a June agreement": the month dates the noun, not the verb's act
        anchor = _pod_anchor(cand, span, out)
        if anchor is not None:
            cand.groups["anchor"] = anchor
        result = normalise(cand, text, ctx)
        if result is None:
            continue
        if result.type == "DURATION" and _indefinite_future(span):
            result = Normalised("DATE", "FUTURE_REF")
        ended = None
        if cand.kind in ("quarter", "the_unit") and i + 1 < len(cands):
            ended = _period_ending(doc_text(doc), cand, cands[i + 1], ctx, result)
        tx = TimeExpression(cand.start, cand.end, text, result.type, result.value, result.mod)
        tx.span = timespan_of(result.value, result.mod, dct, text, result.type)
        if result.type == "DURATION":
            _duration_span(cand, result, tx, dct)
        else:
            _refine_span(cand, tx, dct)
        if result.anaphoric and tx.span.start is not None:
            tx.span.anchored = True
        out.append(tx)
        # "Venezuela's July 2024 vote", "the 1989 invasion": an absolute date inside a noun phrase
        # names a past event; it does not move the story's reference time
        background = (cand.kind in ("year", "month") and bool(cand.groups.get("year"))
                      and span.root.dep_ in _MODIFIER_DEPS and span.root.head.pos_ in ("NOUN", "PROPN")
                      and span.root.head.ent_type_ != "DATE")
        if result.type in ("DATE", "TIME") and not result.comparison:
            ref = ref_time(result.value)
            if ref is not None and not background:
                ctx.set_ref(ref)
            m = re.fullmatch(r"(\d{4})-Q([1-4])", result.value)
            if m and ref is not None and not _earlier_quarter(ctx, (int(m[1]), int(m[2]))):
                ctx.quarter = (int(m[1]), int(m[2]))
                ctx.past_quarter = False
        if ended is not None:
            ctx.quarter = ended
            ctx.past_quarter = False
        if ctx.quarter is not None and _reporting_period(result, text):
            ctx.past_quarter = True
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


def timexes_in(doc: Doc, start: int, end: int) -> list[TimeExpression]:
    """The time expressions inside a character range (a sentence, a paragraph)."""
    return [tx for tx in (doc._.bw_timexes or []) if start <= tx.start and tx.end <= end]


# the time of an event (re-exported: bw_events calls ``brinkwatch.extract.time.event_time``)
from .timex_event import (  # noqa: E402
    _MODIFIER_DEPS, background_date, dates_other, event_time, is_comparison, modified_noun, publication_span,
)

__all__ = ["background_date", "dates_other", "event_time", "find_timexes", "governing_verb", "is_comparison",
           "modified_noun", "publication_span", "tense_of", "timespan_of", "timexes_in", "verb_tense"]
