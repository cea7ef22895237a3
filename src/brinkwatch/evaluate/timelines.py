"""The timeline task: build a timeline per topic corpus and score it against journalists' timelines.

Input (Timeline17 schema, see the gold README): a topic header record (``kind: topic``, with
``keywords`` and gold ``timelines``) followed by its articles (``kind: article``, ``date``, ``text``).
Only the *shape* of the header's first timeline is used — how many dates, and how many sentences per
date on average. The header is blanked before anything else reads it, so gold dates and sentences can
never leak into the answer; the output is one header record per topic whose ``timelines`` holds the
system's single timeline of ``{date, summary}`` entries.

Scoring is the standard one of the timeline-summarisation literature (``tilse``, Martschat & Markert 2017):
  * **date F1**: precision = shared dates / system dates, recall = shared dates / gold dates;
  * **ROUGE-N concat F1** (N = 1, 2): all summary sentences of a timeline concatenated, clipped n-gram
    overlap over system n-grams (precision) and gold n-grams (recall). Tokens are lower-cased words;
    no stemming and no stopword removal, so figures are comparable among brinkwatch versions but may
    differ slightly from toolkits that stem.
Each is computed against every gold timeline of a topic and averaged over them; the overall figure is
the mean over topics.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..analysis.tls import TLSArticle, TLSOptions, date_references, summarise, tokens
from ..errors import EvaluationError

#: Used when a topic header has no timeline to take the shape from.
DEFAULT_SHAPE = (10, 2)


@dataclass(slots=True, frozen=True)
class TimelineShape:
    """How long the wanted timeline is: number of dates, sentences per date."""

    n_dates: int
    sentences_per_date: int


def blank_header(header: dict[str, Any]) -> tuple[TimelineShape, dict[str, Any]]:
    """The target shape and a copy of the header whose timelines carry no dates and no sentences.

    Everything downstream reads only this copy: gold answers cannot reach the system."""
    shape = TimelineShape(*DEFAULT_SHAPE)
    timelines = header.get("timelines") or []
    if isinstance(timelines, list) and timelines and isinstance(timelines[0], dict):
        entries = timelines[0].get("entries") or []
        if entries:
            n_sent = sum(len(e.get("summary") or []) for e in entries if isinstance(e, dict))
            shape = TimelineShape(len(entries), max(1, round(n_sent / len(entries))))
    blank = {k: copy.deepcopy(v) for k, v in header.items() if k != "timelines"}
    blank["timelines"] = [{"name": "shape", "entries": [
        {"date": "", "summary": [""] * shape.sentences_per_date} for _ in range(shape.n_dates)]}]
    return shape, blank


def _topics(records: Iterable[dict[str, Any]]) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]]]]:
    """(header, articles) per topic, in file order."""
    header: dict[str, Any] | None = None
    articles: list[dict[str, Any]] = []
    for rec in records:
        if rec.get("kind") == "topic":
            if header is not None:
                yield header, articles
            header, articles = rec, []
        elif rec.get("kind") == "article":
            if header is None:
                raise EvaluationError(
                    f"Article {rec.get('id')!r} comes before any topic header.",
                    hint="A timeline corpus starts with a {\"kind\": \"topic\", ...} record, then its articles.")
            articles.append(rec)
        else:
            raise EvaluationError(
                f"Record {rec.get('id')!r} has kind {rec.get('kind')!r}; expected 'topic' or 'article'.",
                hint="Use a timeline corpus file (../shared/gold/dev/timelines/*.jsonl.gz).")
    if header is not None:
        yield header, articles


def _article(rec: dict[str, Any]) -> TLSArticle:
    text, day = rec.get("text"), rec.get("date")
    try:
        published = date.fromisoformat(str(day)[:10])
    except ValueError:
        raise EvaluationError(f"Article {rec.get('id')!r} has no valid 'date' ({day!r}).",
                              hint="Each article needs its publication date as YYYY-MM-DD.") from None
    if not isinstance(text, str):
        raise EvaluationError(f"Article {rec.get('id')!r} has no 'text' string.",
                              hint="Each article record needs 'id', 'date' and 'text'.")
    return TLSArticle(str(rec.get("id")), published, text)


def annotate_records(records: Iterable[dict[str, Any]], nlp) -> Iterator[dict[str, Any]]:  # noqa: ANN001
    """One header record per topic, holding the system's timeline (gold timelines are never read)."""
    for header, article_recs in _topics(records):
        shape, blank = blank_header(header)  # first thing: nothing below sees the gold timelines
        del header
        keywords = tuple(str(k) for k in blank.get("keywords") or ())
        options = TLSOptions(n_dates=shape.n_dates, sentences_per_date=shape.sentences_per_date, keywords=keywords)
        sentences = date_references([_article(r) for r in article_recs], nlp, options)
        entries = summarise(sentences, options)
        blank["timelines"] = [{"name": "brinkwatch", "entries": [
            {"date": e.date.isoformat(), "summary": e.summary} for e in entries]}]
        blank["n_articles"] = len(article_recs)
        yield blank


# --- scoring ---------------------------------------------------------------------------------------
def _prf(hit: float, n_pred: float, n_gold: float) -> dict[str, float]:
    p = hit / n_pred if n_pred else 0.0
    r = hit / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _entries(timeline: dict[str, Any], where: str) -> list[dict[str, Any]]:
    entries = timeline.get("entries") if isinstance(timeline, dict) else None
    if not isinstance(entries, list):
        raise EvaluationError(f"{where}: a timeline without an 'entries' list.",
                              hint="A timeline is {\"name\": ..., \"entries\": [{\"date\": ..., \"summary\": [...]}]}.")
    return [e for e in entries if isinstance(e, dict) and e.get("date")]


def date_prf(pred_dates: Iterable[str], gold_dates: Iterable[str]) -> dict[str, float]:
    """Date precision, recall and F1 (dates compared as YYYY-MM-DD strings)."""
    p, g = {str(d)[:10] for d in pred_dates}, {str(d)[:10] for d in gold_dates}
    return _prf(len(p & g), len(p), len(g))


def _ngrams(toks: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def rouge_n(pred_text: str, gold_text: str, n: int) -> dict[str, float]:
    """ROUGE-N from its definition: clipped n-gram overlap over system (P) and reference (R) n-grams."""
    p, g = _ngrams(tokens(pred_text), n), _ngrams(tokens(gold_text), n)
    hit = sum(min(c, g[k]) for k, c in p.items())
    return _prf(hit, sum(p.values()), sum(g.values()))


def _concat(entries: list[dict[str, Any]]) -> str:
    return "\n".join(s for e in entries for s in (e.get("summary") or []) if isinstance(s, str))


def score_topic(pred_entries: list[dict[str, Any]], gold_timelines: list[dict[str, Any]], topic: str) -> dict[str, Any]:
    """Date F1 and ROUGE-1/2 concat of one system timeline, averaged over the topic's gold timelines."""
    per = []
    pred_text = _concat(pred_entries)
    for tl in gold_timelines:
        gold = _entries(tl, f"gold topic {topic!r}")
        dates = date_prf([e["date"] for e in pred_entries], [e["date"] for e in gold])
        per.append({"name": tl.get("name"), "dates": dates,
                    "rouge1": rouge_n(pred_text, _concat(gold), 1), "rouge2": rouge_n(pred_text, _concat(gold), 2)})
    out: dict[str, Any] = {"topic": topic, "n_pred_dates": len(pred_entries), "timelines": per}
    for metric in ("dates", "rouge1", "rouge2"):
        out[metric] = {k: sum(x[metric][k] for x in per) / len(per) if per else 0.0
                       for k in ("precision", "recall", "f1")}
    return out


def score(gold_records: Iterable[dict[str, Any]], pred_records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Per-topic and mean (over topics) date F1 and ROUGE-1/2 concat F1; topics are paired by ``topic``."""
    gold = {str(h.get("topic")): h for h, _ in _topics(gold_records)}
    pred = {str(r.get("topic")): r for r in pred_records if r.get("kind") == "topic"}
    unknown = sorted(set(pred) - set(gold))
    if unknown:
        raise EvaluationError(f"Prediction topic(s) not in the gold file: {', '.join(unknown)}.",
                              hint="Score a prediction made from the same file "
                                   "(brinkwatch annotate timeline GOLD -o PRED).")
    topics = []
    for name, header in gold.items():
        timelines = [t for t in header.get("timelines") or [] if isinstance(t, dict)]
        if not timelines:
            raise EvaluationError(f"Gold topic {name!r} has no timelines.",
                                  hint="Score against a gold timeline corpus file.")
        entries: list[dict[str, Any]] = []
        if name in pred:
            ptl = pred[name].get("timelines") or []
            entries = _entries(ptl[0], f"prediction topic {name!r}") if ptl else []
        topics.append(score_topic(entries, timelines, name))
    mean = {m: {k: sum(t[m][k] for t in topics) / len(topics) if topics else 0.0 for k in ("precision", "recall", "f1")}
            for m in ("dates", "rouge1", "rouge2")}
    return {"topics": topics, "missing": sorted(set(gold) - set(pred)), "mean": mean}


def format_report(scores: dict[str, Any]) -> str:
    """A plain-text table: per topic and mean, date P/R/F1 and ROUGE-1/2 concat F1."""
    lines = ["timeline (date F1 and ROUGE-N concat, averaged over each topic's gold timelines)",
             f"{'topic':<12}{'dates':>6}{'date P':>8}{'date R':>8}{'date F1':>9}{'R1 F1':>8}{'R2 F1':>8}"]
    for t in scores["topics"]:
        lines.append(f"{t['topic']:<12}{t['n_pred_dates']:>6}"
                     f"{t['dates']['precision']:>8.3f}{t['dates']['recall']:>8.3f}"
                     f"{t['dates']['f1']:>9.3f}{t['rouge1']['f1']:>8.3f}{t['rouge2']['f1']:>8.3f}")
    m = scores["mean"]
    lines.append(f"{'mean':<12}{'':>6}{m['dates']['precision']:>8.3f}{m['dates']['recall']:>8.3f}"
                 f"{m['dates']['f1']:>9.3f}{m['rouge1']['f1']:>8.3f}{m['rouge2']['f1']:>8.3f}")
    if scores.get("missing"):
        lines.append(f"no prediction for: {', '.join(scores['missing'])} (scored as empty)")
    return "\n".join(lines)
