"""Rendering of a compare report (plain dicts from :func:`compare`): terminal text and self-contained HTML."""

from __future__ import annotations

import html
import json
from typing import Any
from urllib.parse import urlparse


def _clip(text: Any, n: int = 150) -> str:
    t = " ".join(str(text or "").split())
    return t if len(t) <= n else t[: n - 1] + "…"


def _names(report: dict[str, Any]) -> dict[str, str]:
    """Short labels A, B, C ... per article id."""
    return {a["id"]: chr(ord("A") + i) if i < 26 else str(i) for i, a in enumerate(report["articles"])}


def _known(value: Any) -> str | None:
    """A real outlet name: not None, not NaN (a float from a frame with gaps), not 'unknown outlet …'."""
    if not isinstance(value, str) or not value.strip() or value.startswith("unknown outlet"):
        return None
    return value


def _outlets(report: dict[str, Any]) -> dict[str, str]:
    """How to name each article's outlet: its source, else the host of its URL, else its title (clipped)
    or file, so two reports from unknown outlets never both read 'unknown outlet' (or 'nan')."""
    out = {}
    for a in report["articles"]:
        host = urlparse(str(a.get("url") or "")).hostname or ""
        name = _known(a.get("source")) or host.removeprefix("www.") or None
        if not name:
            origin = a.get("title") or (str(a.get("origin")).rsplit("/", 1)[-1] if a.get("origin") else None)
            name = f"“{_clip(origin, 40)}”" if origin else f"article {str(a['id'])[:8]}"
        out[a["id"]] = name
    return out


def _side_outlet(side: dict[str, Any], outlets: dict[str, str]) -> str:
    who = outlets.get(side.get("article_id")) or _known(side.get("source")) or "unknown outlet"
    also = side.get("also") or []
    return f"{who} (and {', '.join(also)})" if also else who


def _unique(sentences: list[Any]) -> list[str]:
    """The distinct sentences, in order: one sentence often carries two coded events of a cluster."""
    seen: dict[str, None] = {}
    for s in sentences:
        seen.setdefault(" ".join(str(s or "").split()), None)
    return [s for s in seen if s]


def _when(c: dict[str, Any]) -> str:
    s, e = c.get("date_start"), c.get("date_end")
    return "undated" if not s else (s if s == e else f"{s}..{e}")


def to_text(report: dict[str, Any]) -> str:
    """The terminal report: articles, shared events, contradictions, events only one article has."""
    lab = _names(report)
    outlets = _outlets(report)
    out = ["ARTICLES"]
    for a in report["articles"]:
        dup = f" (near-copy of {lab.get(a['duplicate_of'], a['duplicate_of'])})" if a.get("duplicate_of") else ""
        out.append(f"  [{lab[a['id']]}] {_known(a.get('source')) or 'unknown outlet'} · {a.get('published') or 'undated'} · "
                   f"{_clip(a.get('title') or a.get('origin'), 80)} · {a['n_events']} events{dup}")
    out.append("")
    out.append(f"SHARED EVENTS ({len(report['shared'])})")
    for c in report["shared"]:
        out.append(f"  {_when(c):<24} {c['summary']}  [{c['n_sources']} sources, {c['n_articles']} articles]")
        for aid, sents in c["evidence"].items():
            out.append(f"      [{lab.get(aid, aid)}] {_clip(sents[0])}")
        for d in c.get("single_source") or []:
            who = f"[{lab.get(d.get('article_id'), '?')}] {_side_outlet(d, outlets)}"
            out.append(f"      only {who}: {_clip(d['value'], 80)}")
    out.append("")
    out.append(f"CONTRADICTIONS ({len(report['contradictions'])})")
    for x in report["contradictions"]:
        about = f" — {x['event']}" if x.get("event") else ""
        out.append(f"  {x['kind'].upper()}: {x['note']}{about}")
        for side in ("a", "b"):
            s = x[side]
            out.append(f"      [{lab.get(s['article_id'], '?')}] {_side_outlet(s, outlets)}: {_clip(s['value'], 70)}")
            out.append(f"          “{_clip(s['sentence'], 140)}”")
    for aid, items in report["only"].items():
        out.append("")
        out.append(f"ONLY IN [{lab[aid]}] ({len(items)})")
        for c in items:
            out.append(f"  {_when(c):<24} {c['summary']}")
    return "\n".join(out) + "\n"


def to_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=1, default=str)


_CSS = """body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222}
h1{font-size:1.4em}h2{font-size:1.15em;border-bottom:1px solid #ccc;margin-top:1.6em}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#f4f4f4}.tag{font:12px monospace;background:#eee;border-radius:3px;padding:0 .3em}
.contra td{background:#fff6f4}td.when{white-space:nowrap}.only{font-size:.9em;color:#555}.note{color:#a33;font-weight:600}.muted{color:#777}"""


def _only_html(c: dict[str, Any], lab: dict[str, str], outlets: dict[str, str]) -> str:
    """Details of a shared event that only one article gives (a figure, a place), under its summary."""
    e = html.escape
    items = [f"<br><span class='only'>only <span class='tag'>{lab.get(d.get('article_id'), '?')}</span> "
             f"{e(_side_outlet(d, outlets))}: {e(_clip(d.get('value'), 120))}</span>"
             for d in c.get("single_source") or []]
    return "".join(items)


def to_html(report: dict[str, Any]) -> str:
    """A self-contained HTML page (inline CSS, no scripts, no network)."""
    e = html.escape
    lab = _names(report)
    outlets = _outlets(report)
    arts = report["articles"]
    parts = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
             "<title>brinkwatch compare</title>", f"<style>{_CSS}</style></head><body>",
             "<h1>brinkwatch compare</h1><h2>Articles</h2><table><tr><th></th><th>outlet</th><th>published</th>"
             "<th>title</th><th>events</th></tr>"]
    for a in arts:
        parts.append(f"<tr><td>{lab[a['id']]}</td><td>{e(_known(a.get('source')) or 'unknown outlet')}</td>"
                     f"<td>{e(str(a.get('published') or ''))}</td><td>{e(str(a.get('title') or a.get('origin') or ''))}"
                     f"</td><td>{a['n_events']}</td></tr>")
    parts.append("</table>")
    parts.append(f"<h2>Shared events ({len(report['shared'])})</h2><table><tr><th>when</th><th>event</th>")
    parts += [f"<th>{lab[a['id']]}</th>" for a in arts]
    parts.append("</tr>")
    for c in report["shared"]:
        cells = "".join(f"<td>{'<br>'.join(e(_clip(s, 300)) for s in _unique(c['evidence'].get(a['id'], []))[:2])}</td>"
                        for a in arts)
        parts.append(f"<tr><td class='when'>{e(_when(c))}</td><td>{e(c['summary'])}<br><span class='muted'>{c['n_sources']} "
                     f"sources · confidence {c['confidence']}</span>{_only_html(c, lab, outlets)}</td>{cells}</tr>")
    parts.append("</table>")
    parts.append(f"<h2>Contradictions ({len(report['contradictions'])})</h2><table>"
                 "<tr><th>what</th><th>one side</th><th>other side</th></tr>")
    for x in report["contradictions"]:
        sides = "".join(f"<td><span class='tag'>{lab.get(x[s]['article_id'], '?')}</span> {e(_side_outlet(x[s], outlets))}: "
                        f"<b>{e(_clip(x[s]['value'], 120))}</b><br><q>{e(_clip(x[s]['sentence'], 300))}</q></td>"
                        for s in ("a", "b"))
        parts.append(f"<tr class='contra'><td><span class='note'>{e(x['kind'])}</span>: {e(x['note'])}"
                     f"<br><span class='muted'>{e(x.get('event') or '')}</span></td>{sides}</tr>")
    parts.append("</table>")
    for aid, items in report["only"].items():
        parts.append(f"<h2>Only in {lab[aid]} ({len(items)})</h2><ul>")
        parts += [f"<li>{e(_when(c))} — {e(c['summary'])}</li>" for c in items]
        parts.append("</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)
