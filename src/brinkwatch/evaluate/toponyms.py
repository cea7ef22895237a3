"""Toponym recognition and resolution: annotate the toponyms schema and score it.

Scoring follows the geoparsing literature (Gritta et al., "A pragmatic guide to geoparsing
evaluation", 2019): recognition precision/recall/F1 with exact spans and with overlapping spans;
resolution over the correctly recognised (overlapping) toponyms as accuracy within 161 km
(100 miles), mean and median error in km, and the exact GeoNames id where gold gives one. A
recognised toponym the system did not resolve counts with the largest possible error
(20,038 km, half the Earth's circumference), so leaving places unresolved never helps.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import EvaluationError
from ..knowledge.places import distance_km

ACCURACY_KM = 161.0
MAX_ERROR_KM = 20038.0


#: Annotation conventions of the toponym corpora, by the records' ``corpus`` field. TR-News
#: annotates demonyms and adjectives ("Turkish") as toponyms of their country; GeoVirus and
#: most others annotate place names only. A record of an unknown corpus gets the default.
DEMONYM_CORPORA = frozenset({"trnews"})


def _convention(record: dict[str, Any]) -> bool:
    """Whether the record's corpus annotates demonyms as toponyms."""
    return str(record.get("corpus") or "").lower() in DEMONYM_CORPORA


def annotate_records(records: Iterable[dict[str, Any]], nlp) -> Iterator[dict[str, Any]]:  # noqa: ANN001
    """The records with ``toponyms`` replaced by the system's places (gold is ignored).

    Records are annotated in their corpus' convention (:data:`DEMONYM_CORPORA`): the
    ``bw_places`` component emits demonyms as country toponyms for those corpora only.
    """
    from ..extract.extensions import register_extensions

    register_extensions()
    records = list(records)
    component = nlp.get_pipe("bw_places") if "bw_places" in nlp.pipe_names else None
    if component is None:
        raise EvaluationError("The pipeline has no bw_places component.",
                              hint="Load it with load_nlp(components=['bw_places']).")
    places: dict[int, list[dict[str, Any]]] = {}
    default = component.options.demonyms
    try:
        for demonyms in (False, True):
            group = [i for i, r in enumerate(records) if _convention(r) == demonyms]
            component.options.demonyms = demonyms
            docs = nlp.pipe((records[i].get("text") or "" for i in group), batch_size=16)
            for i, doc in zip(group, docs, strict=True):
                places[i] = [{"start": p.start, "end": p.end, "text": p.text, "lat": p.lat, "lon": p.lon,
                              "geonameid": p.geonameid} for p in (doc._.bw_places or [])]
    finally:
        component.options.demonyms = default
    for i, record in enumerate(records):
        out = dict(record)
        out["toponyms"] = places[i]
        yield out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp,
            "pred": n_pred, "gold": n_gold}


def _spans(record: dict[str, Any]) -> list[dict[str, Any]]:
    spans = record.get("toponyms")
    if spans is None:
        return []
    if not isinstance(spans, list):
        raise EvaluationError(f"Record {record.get('id')!r}: 'toponyms' is not a list.",
                              hint="Each record needs a list of {start, end, text, lat, lon} toponyms.")
    return [s for s in spans if isinstance(s, dict) and s.get("start") is not None and s.get("end") is not None]


def _match_overlap(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one pairs of overlapping spans (gold index, pred index), largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                pairs.append((-overlap, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in sorted(pairs):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def score(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[str, Any]:
    """Recognition P/R/F1 (exact and overlapping spans) and resolution accuracy/errors."""
    by_id = {r.get("id"): r for r in pred}
    missing = [g.get("id") for g in gold if g.get("id") not in by_id]
    if gold and len(missing) == len(gold):
        raise EvaluationError("No prediction record has the id of a gold record.",
                              hint="Annotate the same gold file: brinkwatch annotate toponyms GOLD -o PRED.")
    n_gold = n_pred = exact_tp = overlap_tp = 0
    errors: list[float] = []
    gid_total = gid_ok = 0
    for g in gold:
        gs = _spans(g)
        ps = _spans(by_id.get(g.get("id"), {}))
        n_gold += len(gs)
        n_pred += len(ps)
        exact_tp += len({(s["start"], s["end"]) for s in gs} & {(s["start"], s["end"]) for s in ps})
        for gi, pi in _match_overlap(gs, ps):
            overlap_tp += 1
            gt, pt = gs[gi], ps[pi]
            if gt.get("lat") is not None and gt.get("lon") is not None:
                if pt.get("lat") is not None and pt.get("lon") is not None:
                    errors.append(distance_km(gt["lat"], gt["lon"], pt["lat"], pt["lon"]))
                else:
                    errors.append(MAX_ERROR_KM)
            if gt.get("geonameid"):
                gid_total += 1
                gid_ok += int(pt.get("geonameid") == gt["geonameid"])
    resolution = {
        "n": len(errors),
        "accuracy_161km": sum(e <= ACCURACY_KM for e in errors) / len(errors) if errors else 0.0,
        "mean_error_km": statistics.fmean(errors) if errors else 0.0,
        "median_error_km": statistics.median(errors) if errors else 0.0,
        "geonameid_n": gid_total,
        "geonameid_accuracy": gid_ok / gid_total if gid_total else None,
    }
    return {
        "records": len(gold),
        "missing_predictions": len(missing),
        "recognition": {"exact": _prf(exact_tp, n_pred, n_gold), "overlap": _prf(overlap_tp, n_pred, n_gold)},
        "resolution": resolution,
    }


def format_report(scores: dict[str, Any]) -> str:
    """A short plain-text report of :func:`score`'s result."""
    lines = [f"toponyms: {scores['records']} records ({scores['missing_predictions']} without prediction)"]
    for kind in ("exact", "overlap"):
        s = scores["recognition"][kind]
        lines.append(f"  recognition {kind:<8} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
                     f"  (tp {s['tp']}, pred {s['pred']}, gold {s['gold']})")
    r = scores["resolution"]
    lines.append(f"  resolution  acc@161km {r['accuracy_161km']:.3f}  mean {r['mean_error_km']:.0f} km"
                 f"  median {r['median_error_km']:.0f} km  (n {r['n']})")
    if r["geonameid_accuracy"] is not None:
        lines.append(f"  geonameid   accuracy {r['geonameid_accuracy']:.3f}  (n {r['geonameid_n']})")
    return "\n".join(lines)
