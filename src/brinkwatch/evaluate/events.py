"""The ``events`` task: annotate gold records with brinkwatch's own events, and score them.

Schema: ``../shared/gold/dev/README.md`` (events). ``annotate_records`` ignores the gold
``events`` of each record and writes the system's predictions in their place, every event with
its modality; ``score`` counts only factual (``asserted``/``reported``) predictions, because
the gold corpora code what happened, not what was threatened or denied.

Metrics, per corpus (the ``corpus`` field of the gold records):

* PLOVER type — per-type precision/recall/F1, micro and macro F1, and a confusion table.
  Within a record, predicted and gold events are matched as multisets of types; a gold event
  whose ``plover`` is null is "don't care" (ambiguous in the gold): one leftover prediction
  is absorbed by it and counts neither as right nor as wrong. Leftovers are paired in order
  for the confusion table only.
* Source / target country — over matched event pairs: right when any predicted actor country
  equals any gold actor country; ``coverage`` is the share of matched pairs whose prediction
  has a country at all, ``end_to_end`` also counts every unmatched gold event as wrong.
* ACLED event type / sub-type — per gold event, the best-matching factual prediction of the
  same record; a record without predictions counts wrong. ``precision`` is the share of
  predicted ACLED-typed events whose type occurs among the record's gold events, so that
  emitting many types cannot look good.
* Date (exact day), location (within 25 km, great-circle), fatalities (exact; a prediction
  with no count is read as 0, ACLED's "none reported") — per gold event that has a value, on
  the event it was matched to; an unmatched gold event counts wrong.

Only fields listed in a record's ``gold_fields`` are scored for that record.
"""

from __future__ import annotations

import math
import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..config import ExtractOptions
from ..errors import EvaluationError
from ..model import FACTUAL_MODALITIES, Actor, Article, Event, content_id

#: The 16 event types of the current PLOVER manual.
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
#: Legacy CAMEO country codes (CAMEO 1.1b3 manual) that differ from ISO 3166 alpha-3; both
#: sides are normalised so an ISO prediction is not marked wrong against a legacy gold code.
LEGACY_COUNTRY_CODES: dict[str, str] = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
LOCATION_KM = 25.0
NONE_LABEL = "(none)"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


# --- annotate ---------------------------------------------------------------------------------
def _article(record: dict[str, Any], n: int) -> Article:
    rid = record.get("id")
    text = record.get("text")
    if not isinstance(rid, str) or not rid:
        raise EvaluationError(f"Record {n} has no string 'id'.", hint="Every events record needs an \"id\".")
    if not isinstance(text, str):
        raise EvaluationError(f"Record {rid} has no string 'text'.", hint="Every events record needs a \"text\".")
    ref = record.get("reference_date")
    if ref is not None and (not isinstance(ref, str) or not _DATE.match(ref)):
        raise EvaluationError(
            f"Record {rid}: reference_date {ref!r} is not an ISO date.",
            hint="Use YYYY-MM-DD or null.",
        )
    return Article(
        id=content_id(text), text=text, published=ref[:10] if ref else None,
        date_method="record" if ref else "none", language=record.get("lang") or "en", origin=rid,
    )


def _actors(actors: list[Actor]) -> list[dict[str, Any]]:
    return [{"text": a.text, "country": a.country, "sector": a.sector} for a in actors]


def event_date(event: Event) -> str | None:
    """The event's day (ACLED dates are days): the span start when the span is one day."""
    t = event.time
    if t.start and t.start == (t.end or t.start) and t.granularity in ("day", "instant"):
        return t.start[:10]
    return None


def event_record(event: Event) -> dict[str, Any]:
    """One predicted event in the gold ``events`` schema (plus modality, mode, evidence ...)."""
    p = event.place
    location = None
    if p is not None:
        location = {"name": p.name or p.text, "country": p.country, "admin1": p.admin1, "lat": p.lat, "lon": p.lon}
    return {
        "plover": event.plover, "cameo": event.cameo,
        "acled_event_type": event.acled_event_type, "acled_sub_event_type": event.acled_sub_event_type,
        "source": _actors(event.source), "target": _actors(event.target),
        "location": location, "date": event_date(event), "fatalities": event.fatalities,
        "modality": event.modality, "attributed_to": event.attributed_to,
        "mode": event.mode, "context": list(event.context), "confidence": event.confidence,
        "evidence": {"sentence": event.sentence, "trigger": event.trigger, "rule": event.rule},
    }


def annotate_records(
    records: Iterable[dict[str, Any]], options: ExtractOptions | None = None, *, nlp=None  # noqa: ANN001
) -> Iterator[dict[str, Any]]:
    """Yield each record with ``events`` replaced by brinkwatch's predictions, in text order.

    The gold ``events`` are never read. ``reference_date`` is used as the publication date.
    Records stream through :func:`brinkwatch.extract.code_articles` (batched; a process pool
    when ``options.n_process > 1``), so memory stays bounded on large corpora.
    """
    from ..extract import code_articles

    pending: deque[dict[str, Any]] = deque()

    def articles() -> Iterator[Article]:
        for n, record in enumerate(records, start=1):
            if not isinstance(record, dict):
                raise EvaluationError(f"Record {n} is not an object.", hint="Give one JSON object per line.")
            article = _article(record, n)
            pending.append(record)
            yield article

    for coded in code_articles(articles(), options, nlp=nlp):
        record = pending.popleft()
        events = sorted(coded.events, key=lambda e: (e.trigger_start, e.sentence_start))
        yield {**record, "events": [event_record(e) for e in events]}


# --- scoring helpers ----------------------------------------------------------------------------
def _country(code: Any) -> str | None:
    if not isinstance(code, str) or not code.strip() or "*" in code:
        return None
    code = code.strip().upper()
    return LEGACY_COUNTRY_CODES.get(code, code)


def countries(actors: Any) -> set[str]:
    """The set of country codes of an actor list (empty and placeholder codes dropped)."""
    if not isinstance(actors, list):
        return set()
    return {c for a in actors if isinstance(a, dict) and (c := _country(a.get("country")))}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (mean Earth radius 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _coords(event: dict[str, Any] | None) -> tuple[float, float] | None:
    loc = (event or {}).get("location")
    if not isinstance(loc, dict):
        return None
    lat, lon = loc.get("lat"), loc.get("lon")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
        return float(lat), float(lon)
    return None


def _near(gold: dict[str, Any], pred: dict[str, Any] | None) -> bool:
    g, p = _coords(gold), _coords(pred)
    return bool(g and p and haversine_km(*g, *p) <= LOCATION_KM)


def _fatalities(pred: dict[str, Any] | None) -> int | None:
    if pred is None:
        return None
    f = pred.get("fatalities")
    return 0 if f is None else f


def _overlap(gold: dict[str, Any], pred: dict[str, Any]) -> int:
    return sum(bool(countries(gold.get(s)) & countries(pred.get(s))) for s in ("source", "target"))


def factual(events: Any) -> list[dict[str, Any]]:
    """Predicted events that happened according to the text (missing modality = asserted)."""
    if not isinstance(events, list):
        return []
    return [e for e in events if isinstance(e, dict) and (e.get("modality") or "asserted") in FACTUAL_MODALITIES]


@dataclass(slots=True)
class PloverMatch:
    pairs: list[tuple[dict[str, Any], dict[str, Any]]]  # (gold, pred) of the same type
    gold_left: list[dict[str, Any]]
    pred_left: list[dict[str, Any]]
    dont_care: int  # gold events with plover null
    absorbed: int  # predictions absorbed by them


def match_plover(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> PloverMatch:
    """Match one record's events by PLOVER type (multiset); see the module docstring."""
    preds = [p for p in pred if p.get("plover")]
    pairs: list[tuple[dict[str, Any], dict[str, Any]]] = []
    gold_left: list[dict[str, Any]] = []
    care = [g for g in gold if g.get("plover")]
    dont_care = len(gold) - len(care)
    for g in care:
        same = [p for p in preds if p["plover"] == g["plover"]]
        if not same:
            gold_left.append(g)
            continue
        best = max(same, key=lambda p: _overlap(g, p))  # first of the best: text order breaks ties
        preds.remove(best)
        pairs.append((g, best))
    absorbed = min(dont_care, len(preds))
    return PloverMatch(pairs, gold_left, preds[absorbed:], dont_care, absorbed)


def acled_best(gold: dict[str, Any], preds: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The prediction that best matches a gold ACLED event: type, sub-type, then place, day, actors,
    fatalities; the first in text order among equals."""
    if not preds:
        return None

    def key(p: dict[str, Any]) -> tuple:
        return (
            p.get("acled_event_type") == gold.get("acled_event_type"),
            p.get("acled_sub_event_type") == gold.get("acled_sub_event_type"),
            _near(gold, p), p.get("date") == gold.get("date"), _overlap(gold, p),
            _fatalities(p) == gold.get("fatalities"),
        )

    return max(preds, key=key)


def prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    """Precision, recall and F1 (0.0 when undefined), with the counts."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def _ratio(right: int, n: int) -> dict[str, float | int | None]:
    return {"accuracy": right / n if n else None, "correct": right, "n": n}


@dataclass
class _Corpus:
    """Counts for one corpus, accumulated record by record."""

    records: int = 0
    missing: int = 0
    pred_events: int = 0
    pred_factual: int = 0
    plover_records: int = 0
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    confusion: Counter = field(default_factory=Counter)
    dont_care: int = 0
    absorbed: int = 0
    counts: Counter = field(default_factory=Counter)  # "<metric>:<right|n|...>"

    def add(self, gold: dict[str, Any], pred: dict[str, Any] | None) -> None:
        self.records += 1
        fields = set(gold.get("gold_fields") or [])
        gold_events = [e for e in gold.get("events") or [] if isinstance(e, dict)]
        if pred is None:
            self.missing += 1
        pred_all = (pred or {}).get("events") or []
        preds = factual(pred_all)
        self.pred_events += len(pred_all) if isinstance(pred_all, list) else 0
        self.pred_factual += len(preds)
        partner: list[tuple[dict[str, Any], dict[str, Any] | None]]
        if "plover" in fields:
            partner = self._plover(gold_events, preds)
        elif "acled_event_type" in fields or "acled_sub_event_type" in fields:
            partner = [(g, acled_best(g, preds)) for g in gold_events]
        else:
            partner = [(g, None) for g in gold_events]
        self._acled(fields, gold_events, preds)
        for g, p in partner:
            self._attributes(fields, g, p)

    def _plover(self, gold_events: list[dict[str, Any]], preds: list[dict[str, Any]]) -> list:
        self.plover_records += 1
        m = match_plover(gold_events, preds)
        self.dont_care += m.dont_care
        self.absorbed += m.absorbed
        for g, _ in m.pairs:
            self.tp[g["plover"]] += 1
            self.confusion[(g["plover"], g["plover"])] += 1
        for g in m.gold_left:
            self.fn[g["plover"]] += 1
        for p in m.pred_left:
            self.fp[p["plover"]] += 1
        for i in range(max(len(m.gold_left), len(m.pred_left))):
            g_label = m.gold_left[i]["plover"] if i < len(m.gold_left) else NONE_LABEL
            p_label = m.pred_left[i]["plover"] if i < len(m.pred_left) else NONE_LABEL
            self.confusion[(g_label, p_label)] += 1
        matched = {id(g): p for g, p in m.pairs}
        return [(g, matched.get(id(g))) for g in gold_events if g.get("plover")]

    def _acled(self, fields: set[str], gold_events: list[dict[str, Any]], preds: list[dict[str, Any]]) -> None:
        names = [n for n in ("acled_event_type", "acled_sub_event_type") if n in fields]
        if not names:
            return
        for g in gold_events:
            # One best match per gold event: a right sub-type under a wrong type is not right.
            best = acled_best(g, preds)
            for name in names:
                if g.get(name):
                    self.counts[f"{name}:n"] += 1
                    self.counts[f"{name}:right"] += bool(best and best.get(name) == g[name])
        for name in names:
            wanted = {g.get(name) for g in gold_events if g.get(name)}
            typed = [p for p in preds if p.get(name)]
            self.counts[f"{name}:pred"] += len(typed)
            self.counts[f"{name}:pred_right"] += sum(p[name] in wanted for p in typed)

    def _attributes(self, fields: set[str], g: dict[str, Any], p: dict[str, Any] | None) -> None:
        for slot in ("source", "target"):
            gc = countries(g.get(slot))
            if slot not in fields or not gc:
                continue
            self.counts[f"{slot}:all"] += 1
            if p is None:
                continue
            pc = countries(p.get(slot))
            self.counts[f"{slot}:n"] += 1
            self.counts[f"{slot}:covered"] += bool(pc)
            self.counts[f"{slot}:right"] += bool(gc & pc)
        if "date" in fields and g.get("date"):
            self.counts["date:n"] += 1
            self.counts["date:right"] += bool(p and p.get("date") == g["date"])
        if "location" in fields and _coords(g):
            self.counts["location:n"] += 1
            self.counts["location:covered"] += _coords(p) is not None
            self.counts["location:right"] += _near(g, p)
        if "fatalities" in fields and isinstance(g.get("fatalities"), int):
            right = p is not None and _fatalities(p) == g["fatalities"]
            self.counts["fatalities:n"] += 1
            self.counts["fatalities:right"] += right
            if g["fatalities"] > 0:
                self.counts["fatalities_positive:n"] += 1
                self.counts["fatalities_positive:right"] += right

    def result(self) -> dict[str, Any]:
        c = self.counts
        out: dict[str, Any] = {
            "records": self.records, "records_without_prediction": self.missing,
            "predicted_events": self.pred_events, "predicted_factual_events": self.pred_factual,
        }
        if self.plover_records:
            labels = sorted(set(self.tp) | set(self.fp) | set(self.fn))
            per_type = {t: prf(self.tp[t], self.fp[t], self.fn[t]) for t in labels}
            out["plover"] = {
                "records": self.plover_records,
                "micro": prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())),
                "macro_f1": sum(v["f1"] for v in per_type.values()) / len(per_type) if per_type else 0.0,
                "per_type": per_type,
                "dont_care": {"gold_events": self.dont_care, "absorbed_predictions": self.absorbed},
                "confusion": [{"gold": g, "pred": p, "count": n} for (g, p), n in sorted(self.confusion.items())],
            }
        for slot in ("source", "target"):
            if c[f"{slot}:all"]:
                n = c[f"{slot}:n"]
                out[f"{slot}_country"] = {
                    **_ratio(c[f"{slot}:right"], n),
                    "coverage": c[f"{slot}:covered"] / n if n else None,
                    "end_to_end": c[f"{slot}:right"] / c[f"{slot}:all"], "gold_events": c[f"{slot}:all"],
                }
        for name in ("acled_event_type", "acled_sub_event_type"):
            if c[f"{name}:n"]:
                pred = c[f"{name}:pred"]
                out[name] = {**_ratio(c[f"{name}:right"], c[f"{name}:n"]),
                             "precision": c[f"{name}:pred_right"] / pred if pred else None, "predicted": pred}
        if c["date:n"]:
            out["date"] = _ratio(c["date:right"], c["date:n"])
        if c["location:n"]:
            out["location_25km"] = {**_ratio(c["location:right"], c["location:n"]),
                                    "coverage": c["location:covered"] / c["location:n"]}
        if c["fatalities:n"]:
            out["fatalities"] = {**_ratio(c["fatalities:right"], c["fatalities:n"]),
                                 "positive": _ratio(c["fatalities_positive:right"], c["fatalities_positive:n"])}
        return out


def _index(records: Iterable[dict[str, Any]], what: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for n, r in enumerate(records, start=1):
        rid = r.get("id") if isinstance(r, dict) else None
        if not isinstance(rid, str):
            raise EvaluationError(f"{what} record {n} has no string 'id'.", hint="Every record needs an \"id\".")
        if rid in out:
            raise EvaluationError(f"{what} records: id {rid!r} occurs twice.", hint="Ids must be unique; "
                                  "remove the duplicate or re-run annotate on the gold file.")
        out[rid] = r
    return out


def score(gold_records: Iterable[dict[str, Any]], pred_records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Scores of predictions against gold, per corpus (records matched by id).

    Returns ``{"corpora": {corpus: {...}}, "records": n, "records_without_prediction": n,
    "unknown_prediction_ids": n}``; see the module docstring for each metric.
    """
    gold = _index(gold_records, "Gold")
    pred = _index(pred_records, "Prediction")
    if not gold:
        raise EvaluationError("The gold file has no records.", hint="Check the gold path.")
    corpora: dict[str, _Corpus] = {}
    for rid, g in gold.items():
        corpora.setdefault(str(g.get("corpus") or "default"), _Corpus()).add(g, pred.get(rid))
    return {
        "records": len(gold),
        "records_without_prediction": sum(rid not in pred for rid in gold),
        "unknown_prediction_ids": sum(rid not in gold for rid in pred),
        "corpora": {name: c.result() for name, c in sorted(corpora.items())},
    }


# --- report ---------------------------------------------------------------------------------------
def _f(x: float | None) -> str:
    return "  n/a" if x is None else f"{x:.3f}"


def _confusion_table(rows: list[dict[str, Any]]) -> list[str]:
    labels = sorted(({r["gold"] for r in rows} | {r["pred"] for r in rows}) - {NONE_LABEL}) + [NONE_LABEL]
    cells = {(r["gold"], r["pred"]): r["count"] for r in rows}
    short = {lab: ("none" if lab == NONE_LABEL else lab[:4]) for lab in labels}
    lines = ["  gold \\ pred " + "".join(f"{short[lab]:>5}" for lab in labels)]
    for g in labels:
        if not any(cells.get((g, p)) for p in labels):
            continue
        lines.append(f"  {g:<11} " + "".join(f"{cells.get((g, p), 0) or '.':>5}" for p in labels))
    return lines


def format_report(scores: dict[str, Any]) -> str:
    """A plain-text report of :func:`score`'s result: one block of tables per corpus."""
    out = [f"events: {scores['records']} gold records, {scores['records_without_prediction']} without a "
           f"prediction record, {scores['unknown_prediction_ids']} prediction ids not in gold"]
    for name, s in scores["corpora"].items():
        out += ["", f"== {name}: {s['records']} records, {s['predicted_events']} predicted events "
                    f"({s['predicted_factual_events']} asserted/reported, the only ones scored)"]
        pl = s.get("plover")
        if pl:
            dc = pl["dont_care"]
            out += ["", f"PLOVER type ({pl['records']} records; {dc['gold_events']} don't-care gold events "
                        f"absorbed {dc['absorbed_predictions']} predictions)",
                    f"  {'type':<11} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}"]
            for t, v in [*pl["per_type"].items(), ("micro", pl["micro"])]:
                out.append(f"  {t:<11} {_f(v['precision']):>6} {_f(v['recall']):>6} {_f(v['f1']):>6} "
                           f"{v['tp']:>5} {v['fp']:>5} {v['fn']:>5}")
            out.append(f"  {'macro F1':<11} {'':>6} {'':>6} {_f(pl['macro_f1']):>6}")
            out += ["", "Confusion (matched pairs on the diagonal; leftovers paired in text order)"]
            out += _confusion_table(pl["confusion"])
        rows = [
            ("source country", s.get("source_country")), ("target country", s.get("target_country")),
            ("ACLED event type", s.get("acled_event_type")), ("ACLED sub-type", s.get("acled_sub_event_type")),
            ("date (exact day)", s.get("date")), ("location <= 25 km", s.get("location_25km")),
            ("fatalities (exact)", s.get("fatalities")),
            ("  where gold > 0", (s.get("fatalities") or {}).get("positive")),
        ]
        rows = [(label, v) for label, v in rows if v and v.get("n")]
        if rows:
            out += ["", f"  {'field':<20} {'acc':>6} {'right/n':>13} {'coverage':>9} {'end2end':>8} {'prec':>6}"]
            for label, v in rows:
                cov, e2e, prec = v.get("coverage"), v.get("end_to_end"), v.get("precision")
                out.append(
                    f"  {label:<20} {_f(v['accuracy']):>6} {str(v['correct']) + '/' + str(v['n']):>13} "
                    f"{_f(cov) if 'coverage' in v else '':>9} {_f(e2e) if 'end_to_end' in v else '':>8} "
                    f"{_f(prec) if 'precision' in v else '':>6}"
                )
            out += ["  (actors: over matched events - same PLOVER type, else the ACLED best match -, end2end",
                    "   also counts unmatched gold events wrong; the other fields: per gold event, its match)"]
    return "\n".join(out)
