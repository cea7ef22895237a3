"""Quantity extraction: annotate the quantities schema and score it as CQE does.

Scoring is per sentence and ignores spans (the NewsQuant spans are not gold): a predicted
quantity matches a gold one when their values are equal (within 1e-6 relative; a range
matches a range with equal ends) and their normalised units are equal. Each gold and each
predicted quantity is used at most once. Reported: value+unit P/R/F1, value-only P/R/F1, and
the accuracy of ``change`` over the value+unit matches.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import EvaluationError

_UNIT_SYNONYMS = {"percent": "percentage", "%": "percentage", "person": "people", "troop": "troops",
                  "usd": "dollar", "us dollar": "dollar", "metric ton": "ton", "tonne": "ton"}


def annotate_records(records: Iterable[dict[str, Any]], nlp) -> Iterator[dict[str, Any]]:  # noqa: ANN001
    """The records with ``quantities`` replaced by the system's (gold is ignored)."""
    from ..extract.extensions import register_extensions

    register_extensions()
    records = list(records)
    docs = nlp.pipe((r.get("text") or "" for r in records), batch_size=64)
    for record, doc in zip(records, docs, strict=True):
        out = dict(record)
        out["quantities"] = [
            {"start": q.start, "end": q.end, "text": q.text, "value": q.value, "unit": q.unit, "change": q.change,
             "concept": q.concept, "kind": q.kind,
             "extra": {"range": [q.low, q.high]} if q.low is not None and q.high is not None else {}}
            for q in (doc._.bw_quantities or [])
        ]
        yield out


def normalise_unit(unit: str | None) -> str | None:
    """One spelling per unit, applied to gold and prediction alike: case, plural -s, synonyms."""
    if unit is None:
        return None
    u = " ".join(unit.lower().replace("-", " ").split())
    if u in ("", "-"):
        return None
    u = _UNIT_SYNONYMS.get(u, u)
    if u.endswith("s") and not u.endswith(("ss", "us", "people", "troops")) and len(u) > 3:
        u = u[:-1]
    return _UNIT_SYNONYMS.get(u, u)


def _values(q: dict[str, Any]) -> tuple[float, ...] | None:
    rng = (q.get("extra") or {}).get("range")
    if q.get("value") is None and rng and len(rng) == 2 and None not in rng:
        return (float(rng[0]), float(rng[1]))
    if q.get("value") is None:
        return None
    return (float(q["value"]),)


def _same(a: tuple[float, ...] | None, b: tuple[float, ...] | None) -> bool:
    if a is None or b is None or len(a) != len(b):
        return False
    return all(math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9) for x, y in zip(sorted(a), sorted(b), strict=True))


def _match(gold: list[dict[str, Any]], pred: list[dict[str, Any]], with_unit: bool) -> list[tuple[int, int]]:
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi in used or not _same(_values(g), _values(p)):
                continue
            if with_unit and normalise_unit(g.get("unit")) != normalise_unit(p.get("unit")):
                continue
            used.add(pi)
            pairs.append((gi, pi))
            break
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp,
            "pred": n_pred, "gold": n_gold}


def score(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[str, Any]:
    """Value+unit and value-only P/R/F1 per sentence, and change accuracy on the matches."""
    by_id = {r.get("id"): r for r in pred}
    missing = [g.get("id") for g in gold if g.get("id") not in by_id]
    if gold and len(missing) == len(gold):
        raise EvaluationError("No prediction record has the id of a gold record.",
                              hint="Annotate the same gold file: brinkwatch annotate quantities GOLD -o PRED.")
    n_gold = n_pred = tp_vu = tp_v = change_ok = 0
    for g in gold:
        gq = g.get("quantities") or []
        pq = (by_id.get(g.get("id")) or {}).get("quantities") or []
        if not isinstance(gq, list) or not isinstance(pq, list):
            raise EvaluationError(f"Record {g.get('id')!r}: 'quantities' is not a list.",
                                  hint="Each record needs a list of {value, unit, change} quantities.")
        n_gold += len(gq)
        n_pred += len(pq)
        pairs = _match(gq, pq, with_unit=True)
        tp_vu += len(pairs)
        change_ok += sum(gq[gi].get("change", "=") == pq[pi].get("change", "=") for gi, pi in pairs)
        tp_v += len(_match(gq, pq, with_unit=False))
    return {
        "records": len(gold),
        "missing_predictions": len(missing),
        "value_unit": _prf(tp_vu, n_pred, n_gold),
        "value": _prf(tp_v, n_pred, n_gold),
        "change_accuracy": change_ok / tp_vu if tp_vu else 0.0,
    }


def format_report(scores: dict[str, Any]) -> str:
    """A short plain-text report of :func:`score`'s result."""
    lines = [f"quantities: {scores['records']} records ({scores['missing_predictions']} without prediction)"]
    for key, label in (("value_unit", "value+unit"), ("value", "value only")):
        s = scores[key]
        lines.append(f"  {label:<11} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}"
                     f"  (tp {s['tp']}, pred {s['pred']}, gold {s['gold']})")
    lines.append(f"  change accuracy on value+unit matches {scores['change_accuracy']:.3f}")
    return "\n".join(lines)
