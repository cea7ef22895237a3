"""The timex task: annotate records of the timex schema and score them the TempEval-3 way.

Scoring follows the TempEval-3 (SemEval-2013 task 1) official scorer: extents are matched one to
one, *strict* when the character spans are identical and *relaxed* when they overlap; precision is
matched/predicted and recall matched/gold. Attributes (``type``, ``value``) are judged over the
relaxed matches: accuracy = correct/matched, and the attribute F1 = accuracy x relaxed F1, exactly as
the official toolkit computes ``performance_value`` (its attribute precision and recall are accuracy x
relaxed precision and accuracy x relaxed recall, i.e. correct/predicted and correct/gold, so the
attribute F1 is also 2c/(pred+gold)). That attribute F1 is the "value F1" TempEval-3 reports.
Records are paired by ``id``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import EvaluationError

ATTRIBUTES = ("type", "value")


def annotate_records(records: Iterable[dict[str, Any]], nlp) -> Iterator[dict[str, Any]]:  # noqa: ANN001
    """The records with ``timexes`` replaced by the system's own (gold ``timexes`` are ignored).

    Each record's ``dct`` (YYYY-MM-DD, may be missing) is the anchor of relative expressions."""
    from ..extract.extensions import register_extensions

    register_extensions()
    records = list(records)

    def docs():  # noqa: ANN202
        for r in records:
            text = r.get("text")
            if not isinstance(text, str):
                raise EvaluationError(f"Record {r.get('id')!r} has no 'text' string.",
                                      hint="Each timex record needs 'id', 'text' and optionally 'dct'.")
            doc = nlp.make_doc(text)
            doc._.bw_article_id = str(r.get("id"))
            doc._.bw_dct = r.get("dct") or None
            yield doc

    for record, doc in zip(records, nlp.pipe(docs(), batch_size=16), strict=True):
        out = dict(record)
        out["timexes"] = [
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
             "tid": f"t{i + 1}", "mod": t.mod}
            for i, t in enumerate(doc._.bw_timexes or [])
        ]
        yield out


def _timexes(record: dict[str, Any]) -> list[dict[str, Any]]:
    items = record.get("timexes") or []
    if not isinstance(items, list):
        raise EvaluationError(f"Record {record.get('id')!r}: 'timexes' is not a list.",
                              hint="Each record needs a list of {start, end, text, type, value} timexes.")
    return [t for t in items if isinstance(t, dict) and t.get("start") is not None and t.get("end") is not None]


def match(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) of overlapping spans, largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if overlap > 0:
                pairs.append((overlap, gi, pi))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        out.append((gi, pi))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _norm_value(v: Any) -> str:
    return str(v or "").strip().upper()


def score(gold_records: Iterable[dict[str, Any]], pred_records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """TempEval-3 scores of predictions against gold, with counts and per-type value accuracy."""
    gold_by_id = {str(r.get("id")): r for r in gold_records}
    pred_by_id = {str(r.get("id")): r for r in pred_records}
    unknown = sorted(set(pred_by_id) - set(gold_by_id))
    if unknown:
        raise EvaluationError(
            f"{len(unknown)} prediction record(s) have ids not in the gold file (first: {unknown[0]!r}).",
            hint="Score a prediction file made from the same gold file (brinkwatch annotate timex GOLD -o PRED).",
        )
    n_gold = n_pred = strict = relaxed = 0
    correct = {a: 0 for a in ATTRIBUTES}
    by_type: dict[str, dict[str, int]] = {}
    for rid, g in gold_by_id.items():
        gt = _timexes(g)
        pt = _timexes(pred_by_id[rid]) if rid in pred_by_id else []
        n_gold += len(gt)
        n_pred += len(pt)
        for t in gt:
            by_type.setdefault(str(t.get("type")), {"gold": 0, "matched": 0, "value_correct": 0})["gold"] += 1
        for gi, pi in match(gt, pt):
            a, b = gt[gi], pt[pi]
            relaxed += 1
            strict += a["start"] == b["start"] and a["end"] == b["end"]
            stats = by_type[str(a.get("type"))]
            stats["matched"] += 1
            for attr in ATTRIBUTES:
                if _norm_value(a.get(attr)) == _norm_value(b.get(attr)):
                    correct[attr] += 1
                    if attr == "value":
                        stats["value_correct"] += 1
    rel = _prf(relaxed, n_pred, n_gold)
    out: dict[str, Any] = {
        "documents": len(gold_by_id),
        "gold": n_gold, "pred": n_pred, "strict_matches": strict, "relaxed_matches": relaxed,
        "strict": _prf(strict, n_pred, n_gold),
        "relaxed": rel,
    }
    for attr in ATTRIBUTES:
        acc = correct[attr] / relaxed if relaxed else 0.0
        out[attr] = {"accuracy": acc, "precision": acc * rel["precision"], "recall": acc * rel["recall"],
                     "f1": acc * rel["f1"], "correct": correct[attr]}
    out["by_type"] = by_type
    return out


def format_report(scores: dict[str, Any]) -> str:
    """A plain-text table of the scores, as ``brinkwatch evaluate timex`` prints it."""
    lines = [
        f"timex (TempEval-3): {scores['documents']} documents, {scores['gold']} gold, {scores['pred']} predicted",
        f"{'':<10}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for name in ("strict", "relaxed"):
        s = scores[name]
        lines.append(f"{name:<10}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}")
    lines.append(f"{'':<10}{'accuracy':>10}{'P':>8}{'R':>8}{'F1':>8}   (attribute F1 = accuracy x relaxed F1)")
    for attr in ATTRIBUTES:
        s = scores[attr]
        lines.append(f"{attr:<10}{s['accuracy']:>10.3f}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}")
    if scores.get("by_type"):
        lines.append("per gold type: gold / matched / value correct")
        for typ, s in sorted(scores["by_type"].items()):
            lines.append(f"  {typ:<10}{s['gold']:>6}{s['matched']:>8}{s['value_correct']:>8}")
    return "\n".join(lines)
