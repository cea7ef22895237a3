"""From clustered mentions to model.Cluster: independent sources, first/last report, confidence, disagreements."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from typing import Any

import pandas as pd

from ..analysis.frames import records, require_columns
from ..model import Cluster
from ._text import actor_label
from .cluster import ClusterOptions, Clusterer
from .contradict import ArticleContext, contradictions, single_source_details
from .mention import Mention, mention_of

#: Columns reconcile needs from the event table; the rest of model.EVENT_COLUMNS is optional.
REQUIRED_COLUMNS: tuple[str, ...] = ("event_id", "article_id", "plover", "modality")


def independent(members: list[Mention]) -> tuple[list[str], list[str]]:
    """(outlets, family roots): each near-duplicate family counts once, and so does each outlet."""
    families: dict[str, list[Mention]] = {}
    for m in members:
        families.setdefault(m.family, []).append(m)
    outlets: list[str] = []
    for root, fam in families.items():
        rep = next((m for m in fam if m.article_id == root), None) or min(fam, key=lambda m: m.published or "~")
        name = rep.outlet if rep.outlet != "unknown outlet" else f"unknown outlet ({root[:8]})"
        if name not in outlets:
            outlets.append(name)
    return sorted(outlets, key=str.lower), list(families)


def confidence(members: list[Mention], n_sources: int, n_contradictions: int) -> float:
    """How sure we are the event happened as clustered: more independent sources raise it,
    disagreements lower it, the coder's own confidence is the base (noisy-or over sources)."""
    best: dict[str, float] = {}
    for m in members:
        c = float(m.row.get("confidence") or 0.5)
        best[m.family] = max(best.get(m.family, 0.0), c)
    miss = 1.0
    for c in best.values():
        miss *= 1.0 - min(0.95, c)
    score = (1.0 - miss) * (1.0 - min(0.5, 0.1 * n_contradictions))
    return round(score if n_sources else 0.0, 3)


def _summary(rep: Mention) -> str:
    r = rep.row

    def side(s: str) -> str | None:
        return actor_label(r.get(f"{s}_name"), r.get(f"{s}_country"), r.get(f"{s}_sector"), r.get(f"{s}_text"))

    head = " ".join(x for x in (side("source"), rep.plover, side("target")) if x)
    trig = str(r.get("trigger") or "").strip()
    return f"{head}: {trig}" if trig else head


def make_cluster(cluster_id: str, members: list[Mention], contexts: dict[str, ArticleContext] | None = None) -> Cluster:
    """The model.Cluster of clustered mentions, with corroboration and contradictions."""
    outlets, roots = independent(members)
    found = contradictions(members, contexts)
    rep = max(members, key=lambda m: (float(m.row.get("confidence") or 0), bool(m.source_keys), bool(m.target_keys)))
    dated = [m for m in members if m.explicit_date and m.start] or [m for m in members if m.start]
    best = min(dated, key=lambda m: ((m.end - m.start).days, m.start)) if dated else None  # type: ignore[operator]
    pubs = sorted(m.published for m in members if m.published)
    modalities = {m.modality for m in members}
    quads = Counter(m.quad_class for m in members if m.quad_class is not None)
    return Cluster(
        id=cluster_id, plover=rep.plover, quad_class=quads.most_common(1)[0][0] if quads else None,
        modality="asserted" if "asserted" in modalities else sorted(modalities)[0],
        event_ids=sorted({m.event_id for m in members}), article_ids=sorted({m.article_id for m in members}),
        sources=outlets, n_sources=len(outlets), n_articles=len(roots),
        first_report=pubs[0] if pubs else None, last_report=pubs[-1] if pubs else None,
        date_start=best.start.isoformat() if best and best.start else None,
        date_end=best.end.isoformat() if best and best.end else None,
        summary=_summary(rep), confidence=confidence(members, len(outlets), len(found)),
        contradictions=found, single_source=single_source_details(members),
    )


def mention_order(m: Mention) -> tuple[str, str, int, str]:
    """The stable order of mentions: by publication, article, then position (see mentions_of)."""
    return (m.published or "~", m.article_id, m.row.get("sentence_start") or 0, m.event_id)


def mentions_of(events: pd.DataFrame) -> list[Mention]:
    """Mentions of an event frame (rows of Store.events()), in a stable order: by article then position."""
    require_columns(events, REQUIRED_COLUMNS)
    out = [mention_of(r) for r in records(events) if r.get("plover") and r.get("event_id")]
    out.sort(key=mention_order)
    return out


def cluster_events(
    events: pd.DataFrame,
    *,
    assignment: dict[str, str] | None = None,
    contexts: dict[str, ArticleContext] | None = None,
    options: ClusterOptions | None = None,
) -> list[Cluster]:
    """Cluster event mentions into real-world events; ``assignment`` (event id -> cluster id, e.g. stored)
    is kept as it is and only the other mentions are assigned. Clusters come ordered by date."""
    clusterer = Clusterer(options)
    mentions = mentions_of(events)
    known = assignment or {}
    for m in mentions:
        if m.event_id in known:
            clusterer.seed(known[m.event_id], m)
    # New mentions in interval order (the widest first on a tie), so a month-wide report can gather the
    # day-precise ones inside it; a stored clustering instead grows in arrival order (Brinkwatch.reconcile).
    fresh = sorted((m for m in mentions if m.event_id not in known),
                   key=lambda m: (m.start is None, m.start or m.end or "", -((m.end - m.start).days if m.start and m.end else 0)))
    clusterer.add(fresh)
    clusters = [make_cluster(c.id, c.members, contexts) for c in clusterer.clusters.values()]
    clusters.sort(key=lambda c: (c.date_start is None, c.date_start or "", c.date_end or "", c.plover, c.id))
    return clusters


_SENT = re.compile(r"[^.!?\n]+(?:[.!?]+[\"”’)]*|\n|$)")


def article_context(article_id: str, text: str, timexes: list[dict[str, Any]]) -> ArticleContext:
    """The dated sentences of an article: each sentence with the first dated time expression inside it.

    ``timexes``: dicts with ``start`` (character offset), ``text``, and ``span_start``/``span_end``/
    ``span_granularity`` (the store's timexes table) — or a ``span`` dict (model.TimeExpression)."""
    ctx = ArticleContext(article_id=article_id)
    spans = []
    for t in timexes:
        span = t.get("span") or {}
        s = t.get("span_start") or span.get("start")
        e = t.get("span_end") or span.get("end") or s
        gran = t.get("span_granularity") or span.get("granularity") or "unknown"
        try:
            ds, de = date.fromisoformat(str(s)[:10]), date.fromisoformat(str(e)[:10])
        except ValueError:
            continue
        value = str(t.get("value") or t.get("span_value") or "")
        if gran in ("year", "decade", "unknown") or t.get("type") in ("DURATION", "SET") or value.endswith("_REF"):
            continue  # too vague to contradict a dated event
        spans.append((int(t.get("start") or 0), ds, de, gran, str(t.get("text") or "")))
    for m in _SENT.finditer(text or ""):
        inside = [sp for sp in spans if m.start() <= sp[0] < m.end()]
        if inside:
            _, ds, de, gran, ttext = inside[0]
            ctx.dated_sentences.append((m.group(0).strip(), ds, de, gran, ttext))
    return ctx
