"""`brinkwatch compare A B ...`: what several articles share, what only one has, and where they disagree.

Files and URLs are ingested and coded into a temporary store (so near-duplicate detection,
dating and coding are exactly those of ``ingest``); arguments that are ids of articles already
in the user's store are read from there. The report is plain dicts (JSON-ready), rendered by
:mod:`brinkwatch.reconcile.render`.
"""

from __future__ import annotations

import contextlib

import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import UsageError
from ..model import Claim, Cluster, Contradiction
from . import numbers
from ._text import content_terms, cosine
from .contradict import ArticleContext, _voice
from .corroborate import _SENT, article_context, cluster_events, mentions_of

#: Figures of two articles are about the same thing when their sentence (and the one before) are this similar.
FIGURE_CONTEXT_SIMILARITY = 0.2


def store_contexts(store: Any, article_ids: list[str]) -> dict[str, ArticleContext]:
    """Dated-sentence contexts of stored articles (text + timexes tables)."""
    if not article_ids:
        return {}
    texts = store.con.execute("SELECT id, text FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                              [article_ids]).fetchall()
    tx = store.timexes()
    out = {}
    for aid, text in texts:
        rows = tx[tx.article_id == aid].to_dict("records") if len(tx) else []
        out[aid] = article_context(aid, text, rows)
    return out


def _figures(store: Any, articles: pd.DataFrame) -> list[Contradiction]:
    """Comparable figures in similar sentences of different articles that cannot both be true."""
    q = store.quantities()
    texts = dict(store.con.execute("SELECT id, text FROM articles").fetchall())
    claims = []
    for a in articles.to_dict("records"):
        text = texts.get(a["id"]) or ""
        sents = [(m.start(), m.end(), m.group(0).strip()) for m in _SENT.finditer(text)]
        voice = a.get("source") or f"unknown:{a.get('duplicate_of') or a['id']}"
        for qr in q[q.article_id == a["id"]].to_dict("records"):
            qd = {k: (None if isinstance(v, float) and v != v else v) for k, v in qr.items()}
            if qd.get("value") is None or (qd.get("value") == 1 and qd.get("kind") == "count"):
                continue
            if not (qd.get("unit") or qd.get("kind") in numbers.COUNT_KINDS or numbers.is_zero_level(qd)):
                continue
            idx = next((i for i, s in enumerate(sents) if s[0] <= (qd.get("start") or 0) < s[1]), None)
            if idx is None:
                continue
            window = " ".join(s[2] for s in sents[max(0, idx - 1): idx + 1])
            claims.append((voice, a, qd, sents[idx][2], content_terms(window)))
    out: list[Contradiction] = []
    for i, (va, aa, qa, sa, ta) in enumerate(claims):
        for vb, ab, qb, sb, tb in claims[i + 1:]:
            if va == vb or (aa.get("duplicate_of") or aa["id"]) == (ab.get("duplicate_of") or ab["id"]):
                continue
            if not numbers.comparable(qa, qb) or cosine(ta, tb) < FIGURE_CONTEXT_SIMILARITY:
                continue
            if numbers.conflict(qa, qb):
                out.append(Contradiction(
                    kind="number",
                    a=Claim(numbers.describe(qa), str(aa.get("source") or "unknown outlet"), aa["id"], sa,
                            published=aa.get("published")),
                    b=Claim(numbers.describe(qb), str(ab.get("source") or "unknown outlet"), ab["id"], sb,
                            published=ab.get("published")),
                    note="figures for the same thing that cannot both be true"))
    return out


def _cluster_dict(c: Cluster, per_article: dict[str, list[str]]) -> dict[str, Any]:
    d = asdict(c)
    d["evidence"] = per_article
    return d


def compare_store(store: Any, article_ids: list[str]) -> dict[str, Any]:
    """The comparison report of stored articles (ids), as plain dicts."""
    arts = store.articles()
    arts = arts[arts.id.isin(article_ids)]
    missing = sorted(set(article_ids) - set(arts.id))
    if missing:
        raise UsageError(f"No stored article with id {', '.join(missing)}.",
                         hint="Run brinkwatch status --ok to list stored articles, or pass files or URLs.")
    if len(arts) < 2:
        raise UsageError("compare needs at least two different articles.",
                         hint="Pass two or more files, URLs or article ids (identical copies count once).")
    events = pd.concat([store.events(article_id=a) for a in arts.id], ignore_index=True)
    contexts = store_contexts(store, list(arts.id))
    clusters = cluster_events(events, contexts=contexts) if len(events) else []
    by_event = {m.event_id: m for m in mentions_of(events)} if len(events) else {}
    shared, only = [], {a: [] for a in arts.id}
    contradictions: list[dict[str, Any]] = []
    for c in clusters:
        members = [by_event[e] for e in c.event_ids if e in by_event]
        per_article: dict[str, list[str]] = {}
        for m in members:
            per_article.setdefault(m.article_id, []).append(m.sentence)
        voices = {_voice(m) for m in members}
        if len(per_article) >= 2 and len(voices) >= 2:
            shared.append(_cluster_dict(c, per_article))
            contradictions += [dict(asdict(x), cluster=c.id, event=c.summary) for x in c.contradictions]
        elif len(per_article) == 1:
            only[next(iter(per_article))].append(_cluster_dict(c, per_article))
    for x in _figures(store, arts):
        contradictions.append(dict(asdict(x), cluster=None, event=None))
    articles = []
    for a in arts.to_dict("records"):
        articles.append({k: (None if isinstance(a.get(k), float) and a.get(k) != a.get(k) else a.get(k))
                         for k in ("id", "title", "source", "url", "published", "origin", "duplicate_of")}
                        | {"n_events": int(a.get("n_events") or 0)})
    return {"articles": articles, "shared": shared, "only": only, "contradictions": contradictions}


def compare(items: list[str], *, store_path: str | Path | None = None, bw_options: dict[str, Any] | None = None,
            store: Any = None) -> dict[str, Any]:
    """Compare files, URLs or stored article ids (at least two). Files/URLs are coded in a temporary store.

    ``store`` is an already open Store (the API passes its own, read-write or not, since DuckDB lets
    one process hold a file only once); otherwise the file at ``store_path``, if any, is opened
    read-only to look up article ids.
    """
    items = [str(i) for i in items]
    if len(items) < 2:
        raise UsageError("compare needs at least two articles.", hint="Pass two or more files, URLs or article ids.")
    with contextlib.ExitStack() as stack:
        if store is None and store_path is not None and Path(store_path).exists():
            from ..api import Brinkwatch

            store = stack.enter_context(Brinkwatch(store_path, read_only=True)).store
        stored = sorted(store.has_articles(items)) if store is not None else []
        others = [i for i in items if i not in stored]
        if stored and not others:
            return compare_store(store, stored)
        return _compare_new(others, stored, store, bw_options)


def _compare_new(others: list[str], stored: list[str], store: Any, bw_options: dict[str, Any] | None,
                 ) -> dict[str, Any]:
    from ..api import Brinkwatch

    with tempfile.TemporaryDirectory(prefix="brinkwatch-compare-") as tmp:
        with Brinkwatch(Path(tmp) / "compare.duckdb", **(bw_options or {})) as bw:
            report = bw.ingest(others, command="compare")
            failed = [r for r in report.results if r.status == "failed"]
            if failed:
                r = failed[0]
                raise UsageError(f"Could not read {r.item}: [{r.code}] {r.reason}",
                                 hint="Check the path or URL; compare reads what ingest reads.")
            ids = [r.article.id for r in report.results if r.article is not None and r.status in ("ok", "skipped")]
            if stored:
                _copy_stored(bw, store, stored)
                ids += stored
            return compare_store(bw.store, list(dict.fromkeys(ids)))


def _copy_stored(bw: Any, source: Any, ids: list[str]) -> None:
    """Bring stored articles into the temporary store (re-coded, so they are compared like the others)."""
    from ..model import Article, IngestResult

    rows = source.con.execute(
        "SELECT id, text, title, source, url, published, date_method, language, origin FROM articles "
        "WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
    arts = [Article(id=r[0], text=r[1], title=r[2], source=r[3], url=r[4], published=r[5], date_method=r[6] or "none",
                    language=r[7], origin=r[8] or "") for r in rows]
    coded = list(bw.code(arts))
    bw.store.write_batch([IngestResult(item=a.origin or a.id, status="ok", article=a) for a in arts], coded)
