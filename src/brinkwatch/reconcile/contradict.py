"""Disagreements inside one cluster: dates, numbers, actors, places and what was asked or offered.

Only independent sources are compared (near-duplicate families and the same outlet are one
voice). Each contradiction keeps both claims with their outlet, article and sentence; details
that only one source gives are listed separately, marked as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from ..model import Claim, Contradiction
from . import numbers
from ._text import content_terms, cosine
from .mention import Mention

#: PLOVER types whose content is something asked, offered or refused.
EXCHANGE_TYPES = frozenset({"REQUEST", "AGREE", "REJECT", "CONCEDE", "THREATEN", "DEMAND", "RETREAT"})
#: Verbs whose complement is what was asked or offered (first words of the trigger, lower case).
ASK_OFFER_VERBS = frozenset("""
ask asks asked asking urge urges urged urging demand demands demanded demanding request requests requested
seek seeks sought seeking press presses pressed pressing insist insists insisted insisting tell tells told
telling order orders ordered ordering offer offers offered offering propose proposes proposed proposing
plead pleads pleaded pleading appeal appeals appealed appealing want wants wanted require requires required
call called calling calls invite invites invited inviting beg begged implore implored
""".split())


@dataclass(slots=True)
class DateClaim:
    """A dated statement about the event: the mention's own interval or a later sentence of its article."""

    start: date
    end: date
    granularity: str
    mention: Mention
    sentence: str
    text: str = ""

    def label(self) -> str:
        span = self.start.isoformat() if self.start == self.end else f"{self.start}..{self.end}"
        return f"{span} ({self.text})" if self.text else span


@dataclass(slots=True)
class ArticleContext:
    """What an article says outside the event sentences: dated sentences that refer back to events."""

    article_id: str
    dated_sentences: list[tuple[str, date, date, str, str]] = field(default_factory=list)
    # (sentence, start, end, granularity, time expression)


def _claim(m: Mention, value: str, sentence: str | None = None) -> Claim:
    return Claim(value=value, source=m.outlet, article_id=m.article_id, sentence=sentence or m.sentence,
                 event_id=m.event_id, published=m.published)


def _voice(m: Mention) -> str:
    """Who speaks: the outlet (near-duplicate families of unknown outlet are separate voices)."""
    return m.outlet if m.outlet != "unknown outlet" else f"unknown:{m.family}"


def _by_voice(members: Iterable[Mention]) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = {}
    for m in members:
        out.setdefault(_voice(m), []).append(m)
    return out


def date_claims(members: list[Mention], contexts: dict[str, ArticleContext] | None = None) -> list[DateClaim]:
    """Explicit dates of the members, plus dated sentences of their articles that refer back to the event
    with a definite event noun the member's sentence uses ("... a tense phone call ..." -> "The call, which
    occurred late in the week of ...")."""
    from ._text import definite_reference

    claims: list[DateClaim] = []
    seen: set[tuple[str, str]] = set()
    for m in members:
        if m.explicit_date and m.start and m.end:
            claims.append(DateClaim(m.start, m.end, m.granularity, m, m.sentence, str(m.row.get("date_text") or "")))
        ctx = (contexts or {}).get(m.article_id)
        if ctx is None or not m.nouns:
            continue
        for sentence, start, end, gran, text in ctx.dated_sentences:
            if sentence == m.sentence or (m.article_id, sentence) in seen:
                continue
            if any(definite_reference(sentence, n) for n in m.nouns):
                seen.add((m.article_id, sentence))
                claims.append(DateClaim(start, end, gran, m, sentence, text))
    return claims


def _overlaps(a: DateClaim, b: DateClaim) -> bool:
    return not (a.end < b.start or b.end < a.start)


def date_contradictions(members: list[Mention], contexts: dict[str, ArticleContext] | None = None) -> list[Contradiction]:
    """A dated claim of one source that overlaps no dated claim of another source."""
    by_voice: dict[str, list[DateClaim]] = {}
    for c in date_claims(members, contexts):
        by_voice.setdefault(_voice(c.mention), []).append(c)
    out: list[Contradiction] = []
    for va, vb in combinations(sorted(by_voice), 2):
        for xs, ys in ((by_voice[va], by_voice[vb]), (by_voice[vb], by_voice[va])):
            for x in xs:
                if any(_overlaps(x, y) for y in ys):
                    continue
                y = min(ys, key=lambda y: abs((y.start - x.start).days))
                out.append(Contradiction(
                    kind="date", a=_claim(x.mention, x.label(), x.sentence), b=_claim(y.mention, y.label(), y.sentence),
                    note="the two dates do not overlap"))
    return _dedupe(out)


def _member_quantities(m: Mention) -> list[dict]:
    qs = list(m.quantities)
    fat = m.row.get("fatalities")
    if fat is not None and not any(q.get("kind") == "dead" for q in qs):
        qs.append({"text": f"{fat} dead", "value": float(fat), "kind": "dead", "unit": "people", "change": "="})
    return qs


def number_contradictions(members: list[Mention]) -> list[Contradiction]:
    """Comparable figures of two sources whose ranges (after rounding and hedges) do not meet."""
    voices = _by_voice(members)
    out: list[Contradiction] = []
    for va, vb in combinations(sorted(voices), 2):
        for ma in voices[va]:
            for mb in voices[vb]:
                for qa in _member_quantities(ma):
                    for qb in _member_quantities(mb):
                        if numbers.comparable(qa, qb) and numbers.conflict(qa, qb):
                            out.append(Contradiction(
                                kind="number", a=_claim(ma, numbers.describe(qa)), b=_claim(mb, numbers.describe(qb)),
                                note="the figures differ beyond rounding"))
    return _dedupe(out)


def _keys_label(keys: frozenset[str]) -> str:
    return ", ".join(sorted(k.split(":", 1)[1] for k in keys))


def actor_place_contradictions(members: list[Mention], far_km: float = 400.0) -> list[Contradiction]:
    """Sources that name different actors on one side, or places too far apart to be one event."""
    from .cluster import _km

    voices = _by_voice(members)
    out: list[Contradiction] = []
    for va, vb in combinations(sorted(voices), 2):
        for ma in voices[va]:
            for mb in voices[vb]:
                for side in ("source", "target"):
                    ka, kb = getattr(ma, f"{side}_keys"), getattr(mb, f"{side}_keys")
                    ca = {k for k in ka if k.startswith("c:")}
                    cb = {k for k in kb if k.startswith("c:")}
                    if ca and cb and not (ca & cb) and not (ka & kb):
                        out.append(Contradiction(kind="actor", a=_claim(ma, f"{side}: {_keys_label(ka)}"),
                                                 b=_claim(mb, f"{side}: {_keys_label(kb)}"),
                                                 note=f"different {side} actors"))
                km = _km(ma, mb)
                far = km is not None and km > far_km
                other_country = (km is None and ma.place_country and mb.place_country
                                 and ma.place_country != mb.place_country)
                if far or other_country:
                    note = f"{km:.0f} km apart" if km is not None else "different countries"
                    out.append(Contradiction(kind="place", a=_claim(ma, str(ma.place_name or ma.place_country)),
                                             b=_claim(mb, str(mb.place_name or mb.place_country)), note=note))
    return _dedupe(out)


def _content(m: Mention) -> str:
    """What was asked/offered: the words after the trigger, up to the end of the sentence."""
    s = m.sentence
    trig = str(m.row.get("trigger") or "")
    start = m.row.get("trigger_start")
    sent_start = m.row.get("sentence_start")
    if isinstance(start, int) and isinstance(sent_start, int) and 0 <= start - sent_start < len(s):
        after = s[start - sent_start + len(trig):]
    else:
        i = s.find(trig) if trig else -1
        after = s[i + len(trig):] if i >= 0 else s
    after = re.split(r"(?<=[.;!?])\s", after.strip(), maxsplit=1)[0]
    # "told Maduro on the phone: no amnesty, no deal": what was said follows the colon
    head, colon, said = after.partition(":")
    return said.strip() if colon and len(head) <= 60 and len(said.split()) >= 2 else after


def _asks(m: Mention) -> bool:
    """Is the trigger a verb of asking/offering used as a verb ("called for", not "the call")?"""
    trig = str(m.row.get("trigger") or "").lower().split()
    if not trig or trig[0] not in ASK_OFFER_VERBS:
        return False
    if trig[0].startswith("call"):
        rest = _content(m).lower().split()[:1]
        return rest in (["for"], ["on"], ["upon"])
    return True


def content_contradictions(members: list[Mention], max_similarity: float = 0.15) -> list[Contradiction]:
    """Different accounts of what was asked or offered in one exchange (little shared content)."""
    exch = [m for m in members if (m.plover in EXCHANGE_TYPES or m.modality in ("demanded", "offered"))
            and _asks(m)]
    voices = _by_voice(exch)
    out: list[Contradiction] = []
    for va, vb in combinations(sorted(voices), 2):
        for ma in voices[va]:
            for mb in voices[vb]:
                ta, tb = _content(ma), _content(mb)
                ca, cb = content_terms(ta), content_terms(tb)
                if len(ca) < 2 or len(cb) < 2:
                    continue
                if cosine(ca, cb) <= max_similarity:
                    what = "offered" if "offered" in (ma.modality, mb.modality) or ma.plover == "AGREE" else "asked"
                    out.append(Contradiction(kind="content", a=_claim(ma, ta), b=_claim(mb, tb),
                                             note=f"different accounts of what was {what}"))
    return _dedupe(out)


def single_source_details(members: list[Mention]) -> list[Claim]:
    """Figures and places that only one of several sources gives."""
    voices = _by_voice(members)
    if len(voices) < 2:
        return []
    out: list[Claim] = []
    for v, ms in voices.items():
        others = [m for w, xs in voices.items() if w != v for m in xs]
        for m in ms:
            for q in _member_quantities(m):
                if not any(numbers.comparable(q, x) for o in others for x in _member_quantities(o)):
                    out.append(_claim(m, f"figure: {numbers.describe(q)}"))
            if m.place_name and not any(o.place_name or o.lat is not None for o in others):
                out.append(_claim(m, f"place: {m.place_name}"))
    seen: set[tuple[str, str]] = set()
    return [c for c in out if not ((c.value, c.source) in seen or seen.add((c.value, c.source)))]


def _dedupe(items: list[Contradiction]) -> list[Contradiction]:
    """One contradiction of each kind per pair of sources (the first found: members come in text order)."""
    seen: set[tuple[str, ...]] = set()
    out = []
    for c in items:
        key = tuple(sorted([c.a.source, c.b.source])) + (c.kind,)
        if key in seen:
            continue
        seen.add(key)  # type: ignore[arg-type]
        out.append(c)
    return out


def _claim_key(kind: str, value: str) -> str:
    """What a claim says, without how it was worded: a date's interval without its text ("2026-03-05
    (Thursday night)" and "2026-03-05 (March 5)" claim the same day)."""
    value = " ".join(value.lower().split())
    return value.split(" (", 1)[0] if kind == "date" else value


def group_same_claims(items: list[Contradiction]) -> list[Contradiction]:
    """One contradiction per pair of distinct claims. When five outlets name one target and four
    another, the reader needs one line with the outlets on each side, not twenty pairs: a repeat of
    the same two claims adds its outlets to ``Claim.also`` of the matching side."""
    out: list[Contradiction] = []
    index: dict[tuple[str, str, frozenset[str]], Contradiction] = {}
    for c in items:
        ka, kb = _claim_key(c.kind, c.a.value), _claim_key(c.kind, c.b.value)
        key = (c.kind, c.note, frozenset((ka, kb)))
        first = index.get(key)
        if first is None or ka == kb:
            index.setdefault(key, c)
            out.append(c)
            continue
        pairs = ((first.a, c.a), (first.b, c.b)) if _claim_key(c.kind, first.a.value) == ka else \
            ((first.a, c.b), (first.b, c.a))
        for kept, extra in pairs:
            if extra.source != kept.source and extra.source not in kept.also:
                kept.also.append(extra.source)
    return out


def contradictions(members: list[Mention], contexts: dict[str, ArticleContext] | None = None) -> list[Contradiction]:
    """Every disagreement between independent sources of one cluster, sources making the same claim
    grouped on one side."""
    return group_same_claims(date_contradictions(members, contexts) + number_contradictions(members)
                             + actor_place_contradictions(members) + content_contradictions(members))


