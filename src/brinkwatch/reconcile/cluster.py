"""Incremental event clustering: each new mention joins the most similar compatible cluster or starts one.

Two mentions are the same real-world event when nothing rules it out (a threat never merges
with an act that happened; cooperation never with conflict; intervals too far apart; known
actors on both sides that differ while the words differ too) and there is positive evidence
beyond type and time: a shared actor, a shared event noun or trigger, or similar wording.
Clustering is incremental: existing assignments are never recomputed, so a stored clustering
grows batch by batch (``Clusterer.add``) exactly as it would in one pass over the same order.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ._text import cosine
from .mention import Mention

#: PLOVER types of the same quad class that reports often use for one event (an "ultimatum" coded
#: REQUEST by one coder and THREATEN by another) get partial credit through the quad class.
_COOP = {1, 2}
_CONFLICT = {3, 4}


@dataclass(slots=True)
class ClusterOptions:
    """Weights and thresholds of the clustering (defaults tuned on the fictional example corpus)."""

    threshold: float = 0.62
    w_type: float = 0.25
    w_actors: float = 0.25
    w_time: float = 0.2
    w_place: float = 0.1
    w_text: float = 0.2
    min_evidence: float = 0.3  # text similarity needed when no actor is shared
    max_gap_days: int = 3  # beyond the granularity tolerance, intervals this far apart never merge
    near_km: float = 50.0
    far_km: float = 400.0


@dataclass(slots=True)
class MentionCluster:
    """Members of one cluster in assignment order; ``id`` is the first member's event id."""

    id: str
    members: list[Mention] = field(default_factory=list)
    block: tuple[str, str] = ("", "")  # (modality class, quad group): only mentions of the same block compare
    # The time hull of the members, so a new mention far from all of them is skipped without
    # comparing it member by member (same result: each comparison would score 0).
    lo: date | None = None
    hi: date | None = None
    undated: bool = False  # some member has no interval: the hull says nothing
    max_tolerance: int = 0

    def append(self, mention: Mention) -> None:
        self.members.append(mention)
        self.max_tolerance = max(self.max_tolerance, mention.tolerance)
        if mention.start is None or mention.end is None:
            self.undated = True
            return
        self.lo = mention.start if self.lo is None else min(self.lo, mention.start)
        self.hi = mention.end if self.hi is None else max(self.hi, mention.end)

    def too_far(self, m: Mention, opt: ClusterOptions, tolerance: int | None = None) -> bool:
        """True when ``m`` is further in time from every member than any pair may be (see _time_score).
        ``tolerance``: ``m.tolerance`` when the caller already has it (it asks for every cluster)."""
        if self.undated or self.lo is None or self.hi is None or m.start is None or m.end is None:
            return False
        gap = (self.lo - m.end).days if m.end < self.lo else ((m.start - self.hi).days if self.hi < m.start else 0)
        return gap > max(m.tolerance if tolerance is None else tolerance, self.max_tolerance) + opt.max_gap_days


def _gap_days(a: Mention, b: Mention) -> int | None:
    """Days between two intervals (0 when they overlap); None when either is undated."""
    if not (a.start and a.end and b.start and b.end):
        return None
    if a.end < b.start:
        return (b.start - a.end).days
    if b.end < a.start:
        return (a.start - b.end).days
    return 0


def _km(a: Mention, b: Mention) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def _type_score(a: Mention, b: Mention) -> float:
    if a.plover == b.plover:
        return 1.0
    qa, qb = a.quad_class, b.quad_class
    if qa is None or qb is None:
        return 0.0
    if qa == qb:
        return 0.6
    if {qa, qb} <= _COOP or {qa, qb} <= _CONFLICT:
        return 0.3
    return -1.0  # cooperation against conflict: not one event


def _side(x: frozenset[str], y: frozenset[str]) -> float | None:
    """1 shared key, 0 both known and disjoint, None when either side is unknown."""
    if not x or not y:
        return None
    return 1.0 if x & y else 0.0


def _actor_score(a: Mention, b: Mention) -> tuple[float, bool, bool]:
    """(score, some actor shared, actors known on a side and different)."""
    src, tgt = _side(a.source_keys, b.source_keys), _side(a.target_keys, b.target_keys)
    shared = (src == 1.0 or tgt == 1.0 or _side(a.source_keys, b.target_keys) == 1.0
              or _side(a.target_keys, b.source_keys) == 1.0)  # either way round
    if src is None and tgt is None:
        return (0.5 if shared else 0.3), shared, False
    clash = (src == 0.0 or tgt == 0.0) and not shared
    if src is None or tgt is None:  # one side known: less sure
        return (tgt if src is None else src) * 0.85, shared, clash
    return (src + tgt) / 2, shared, clash


def _time_score(a: Mention, b: Mention, opt: ClusterOptions) -> float | None:
    """1 overlap, partial within tolerance, None when too far apart to be one event."""
    return _time_from_gap(a, b, _gap_days(a, b), opt)


def _time_from_gap(a: Mention, b: Mention, gap: int | None, opt: ClusterOptions) -> float | None:
    if gap is None:
        return 0.4
    tol = max(a.tolerance, b.tolerance)
    if gap > tol + opt.max_gap_days:
        return None
    weight = 1.0 if (a.explicit_date and b.explicit_date) else 0.6
    if gap == 0:
        return weight
    return weight * (0.6 if gap <= tol else 0.3)


def _place_score(a: Mention, b: Mention, opt: ClusterOptions) -> float:
    km = _km(a, b)
    if km is not None:
        return 1.0 if km <= opt.near_km else (0.5 if km <= opt.far_km else 0.0)
    if a.place_country and b.place_country:
        return 0.7 if a.place_country == b.place_country else 0.0
    return 0.5


def _text_score(a: Mention, b: Mention) -> float:
    sim = cosine(a.terms, b.terms)
    if a.nouns & b.nouns:
        sim = max(sim, 0.6)
    if a.trigger_stem and a.trigger_stem == b.trigger_stem:
        sim = max(sim, 0.45)
    return sim


def similarity(a: Mention, b: Mention, opt: ClusterOptions | None = None) -> float:
    """How likely two mentions report one real-world event, 0..1 (0 when something rules it out)."""
    opt = opt or ClusterOptions()
    if a.event_id == b.event_id:
        return 1.0
    if a.modality_class != b.modality_class:
        return 0.0
    t = _type_score(a, b)
    if t < 0:
        return 0.0
    return _scored(a, b, opt, t, _time_score(a, b, opt))


def _scored(a: Mention, b: Mention, opt: ClusterOptions, t: float, time: float | None) -> float:
    """similarity() once the type score ``t`` (not negative) and the time score are known."""
    if time is None:
        return 0.0
    actors, shared, clash = _actor_score(a, b)
    text = _text_score(a, b)
    if clash and text < 0.5:
        return 0.0
    if not shared and text < opt.min_evidence:
        return 0.0
    score = (opt.w_type * t + opt.w_actors * actors + opt.w_time * time
             + opt.w_place * _place_score(a, b, opt) + opt.w_text * text)
    return round(min(1.0, score), 4)


def _ruled_out(a: Mention, b: Mention, opt: ClusterOptions) -> bool:
    """Hard incompatibility: opposite quad groups, explicit dates too far apart, or two different
    kinds of act on explicit dates that do not overlap (a detention "in February" is not the shooting
    of March 5; one act that sources date differently stays one act of one type)."""
    t = _type_score(a, b)
    if t < 0:
        return True
    if not (a.explicit_date and b.explicit_date):
        return False
    gap = _gap_days(a, b)
    return _dates_veto(t, gap, _time_from_gap(a, b, gap, opt))


def _dates_veto(t: float, gap: int | None, time: float | None) -> bool:
    """Of two mentions on explicit dates: too far apart, or different acts on days that do not overlap."""
    return time is None or (t < 1.0 and bool(gap))


def _judge(a: Mention, b: Mention, opt: ClusterOptions) -> float | None:
    """None when the pair is ruled out (``_ruled_out``), else ``similarity(a, b, opt)``: both answers
    from one computation of the type and time scores (the clusterer asks both for every pair)."""
    t = _type_score(a, b)
    if t < 0:
        return None
    gap = _gap_days(a, b)
    time = _time_from_gap(a, b, gap, opt)
    if a.explicit_date and b.explicit_date and _dates_veto(t, gap, time):
        return None
    if a.event_id == b.event_id:
        return 1.0
    if a.modality_class != b.modality_class:
        return 0.0
    return _scored(a, b, opt, t, time)


def _block(m: Mention) -> tuple[str, str]:
    """Mentions of different blocks can never be one event: compare only within a block. (Not by quad
    class: coders give one PLOVER type different quad classes, e.g. a REQUEST as verbal conflict.)"""
    return m.modality_class, ""


class Clusterer:
    """Holds clusters and assigns new mentions to them; existing members never move.

    A mention joins the cluster whose best-matching member scores highest (at least
    ``threshold``); otherwise it starts a new cluster.
    """

    def __init__(self, options: ClusterOptions | None = None) -> None:
        self.options = options or ClusterOptions()
        self.clusters: dict[str, MentionCluster] = {}
        self.assignment: dict[str, str] = {}  # event id -> cluster id
        self.scores: dict[str, float] = {}
        self._blocks: dict[tuple[str, str], list[MentionCluster]] = {}

    def seed(self, cluster_id: str, mention: Mention) -> None:
        """Put a mention into a known cluster (reloading a stored clustering)."""
        cluster = self.clusters.get(cluster_id)
        if cluster is None:
            cluster = self.clusters[cluster_id] = MentionCluster(id=cluster_id, block=_block(mention))
            self._blocks.setdefault(cluster.block, []).append(cluster)
        cluster.append(mention)
        self.assignment[mention.event_id] = cluster_id

    def add(self, mentions: Iterable[Mention]) -> dict[str, str]:
        """Assign each new mention (in order); return {event id: cluster id} of the ones added now."""
        added: dict[str, str] = {}
        for m in mentions:
            if m.event_id in self.assignment:
                continue
            best_id, best = None, 0.0
            tolerance = m.tolerance
            for cluster in self._blocks.get(_block(m), ()):
                if cluster.too_far(m, self.options, tolerance):
                    continue  # every member's time score would be None: similarity 0, never chosen
                score = 0.0
                for x in cluster.members:
                    pair = _judge(m, x, self.options)
                    if pair is None:
                        break  # complete-link veto: no chaining across members that cannot be one event
                    if pair > score:
                        score = pair
                else:
                    if score > best:
                        best_id, best = cluster.id, score
            if best_id is None or best < self.options.threshold:
                best_id, best = m.event_id, 1.0
            self.seed(best_id, m)
            self.scores[m.event_id] = best
            added[m.event_id] = best_id
        return added

    def groups(self) -> list[list[Mention]]:
        return [c.members for c in self.clusters.values()]
