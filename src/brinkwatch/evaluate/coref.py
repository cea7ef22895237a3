"""The coref task: cross-document coreference over gold mentions (ECB+), scored with the CoNLL metrics.

``annotate`` keeps every given mention and replaces its ``cluster`` with the system's chain id
(from :mod:`brinkwatch.reconcile.coref`). ``score`` implements the three standard metrics from
their definitions, computed over the whole corpus at once (chain ids are global, so a chain may cross
documents and, for a few ECB+ entity chains, topics):

- MUC (Vilain et al. 1995): link-based. Recall = sum_K (|K| - |p(K)|) / sum_K (|K| - 1), where
  p(K) is the partition of key chain K by the response chains (a mention the response lacks is a
  part of its own); precision is the same with key and response swapped. Singletons carry no links.
- B³ (Bagga & Baldwin 1998): mention-based. Recall = sum_K sum_R |K ∩ R|² / |K| over all key
  mentions; precision swaps the roles. Singletons count, as is usual for ECB+.
- CEAF-e (Luo 2005): entity-based with phi4(K, R) = 2|K ∩ R| / (|K| + |R|) and the one-to-one
  alignment of key and response chains maximising the summed similarity. Recall = that sum / #key
  chains, precision = that sum / #response chains.
- CoNLL F1 = the mean of the three F1 values (Pradhan et al. 2014).

Events and entities are separate chain spaces and are scored separately (a mention's side is its
gold ``kind``). ``within_doc`` scores the same partitions with every chain split by document, which
shows how much of the result is cross-document work.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import Any

from ..errors import EvaluationError

Chains = Sequence[frozenset[Hashable]]
KINDS = ("event", "entity")
METRICS = ("muc", "b3", "ceafe")


def annotate_records(records: Iterable[dict[str, Any]], nlp) -> Iterator[dict[str, Any]]:  # noqa: ANN001
    """The topic records with each mention's ``cluster`` replaced by the system's chain id.

    Gold chain ids are dropped before the model runs, so nothing of them can leak into the answer."""
    from ..reconcile.coref import CorefOptions, cluster_topic

    options = CorefOptions()
    for record in records:
        docs = record.get("documents")
        if not isinstance(docs, list):
            raise EvaluationError(
                f"Record {record.get('id')!r} has no 'documents' list.",
                hint="Coref records are ECB+ topics: {id, topic, documents: [{doc_id, text, mentions}]}.")
        clean = [{**d, "mentions": [{k: v for k, v in m.items() if k != "cluster"} for m in d.get("mentions") or []]}
                 for d in docs]
        assignment = cluster_topic(clean, nlp, options, prefix=f"{record.get('id', 'topic')}/")
        out = dict(record)
        out["documents"] = [{**d, "mentions": [{**m, "cluster": assignment[m["id"]]} for m in d["mentions"]]}
                            for d in clean]
        yield out


# --- metrics -------------------------------------------------------------------------------------

def _prf(num_r: float, den_r: float, num_p: float, den_p: float) -> dict[str, float]:
    r = num_r / den_r if den_r else 0.0
    p = num_p / den_p if den_p else 0.0
    return {"recall": r, "precision": p, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _index(chains: Chains) -> dict[Hashable, int]:
    return {m: i for i, chain in enumerate(chains) for m in chain}


def _muc_side(key: Chains, response: Chains) -> tuple[float, float]:
    where = _index(response)
    num = den = 0
    for chain in key:
        parts = {where.get(m, ("alone", m)) for m in chain}
        num += len(chain) - len(parts)
        den += len(chain) - 1
    return num, den


def muc(key: Chains, response: Chains) -> dict[str, float]:
    """MUC recall, precision and F1 of ``response`` against ``key`` (lists of mention sets)."""
    nr, dr = _muc_side(key, response)
    np_, dp = _muc_side(response, key)
    return _prf(nr, dr, np_, dp)


def _b3_side(key: Chains, response: Chains) -> tuple[float, float]:
    where = _index(response)
    num = 0.0
    den = 0
    for chain in key:
        counts: dict[int, int] = defaultdict(int)
        for m in chain:
            if m in where:
                counts[where[m]] += 1
        num += sum(c * c for c in counts.values()) / len(chain)
        den += len(chain)
    return num, den


def b_cubed(key: Chains, response: Chains) -> dict[str, float]:
    """B³ recall, precision and F1 (mention-weighted, singletons included)."""
    nr, dr = _b3_side(key, response)
    np_, dp = _b3_side(response, key)
    return _prf(nr, dr, np_, dp)


def ceaf_e(key: Chains, response: Chains) -> dict[str, float]:
    """CEAF-e with phi4 and the optimal one-to-one chain alignment (Kuhn-Munkres via SciPy).

    The alignment problem splits into the connected components of the overlap graph (chains
    that share no mention have similarity 0), so each assignment matrix stays small."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    key = [c for c in key if c]
    response = [c for c in response if c]
    where = _index(response)
    # components: union key chains that overlap the same response chain
    parent = list(range(len(key)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[int, int] = {}
    for ki, chain in enumerate(key):
        for m in chain:
            ri = where.get(m)
            if ri is None:
                continue
            if ri in owner:
                a, b = find(owner[ri]), find(ki)
                if a != b:
                    parent[a] = b
            else:
                owner[ri] = ki
    groups: dict[int, list[int]] = defaultdict(list)
    for ki in range(len(key)):
        groups[find(ki)].append(ki)
    total = 0.0
    for kis in groups.values():
        ris = sorted({where[m] for ki in kis for m in key[ki] if m in where})
        if not ris:
            continue
        sim = np.zeros((len(kis), len(ris)))
        for a, ki in enumerate(kis):
            for b, ri in enumerate(ris):
                inter = len(key[ki] & response[ri])
                if inter:
                    sim[a, b] = 2.0 * inter / (len(key[ki]) + len(response[ri]))
        rows, cols = linear_sum_assignment(sim, maximize=True)
        total += float(sim[rows, cols].sum())
    return _prf(total, len(key), total, len(response))


def conll(key: Chains, response: Chains) -> dict[str, Any]:
    """MUC, B³, CEAF-e and their CoNLL average F1."""
    out: dict[str, Any] = {"muc": muc(key, response), "b3": b_cubed(key, response), "ceafe": ceaf_e(key, response)}
    out["conll_f1"] = sum(out[m]["f1"] for m in METRICS) / len(METRICS)
    return out


# --- records -> chains ---------------------------------------------------------------------------

def _mentions(record: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    docs = record.get("documents")
    if not isinstance(docs, list):
        raise EvaluationError(f"Record {record.get('id')!r} has no 'documents' list.",
                              hint="Score coref files written by: brinkwatch annotate coref GOLD -o PRED.")
    for d in docs:
        for m in d.get("mentions") or []:
            if not isinstance(m, dict) or "id" not in m:
                raise EvaluationError(
                    f"Record {record.get('id')!r}, document {d.get('doc_id')!r}: a mention has no 'id'.",
                    hint="Every mention needs the 'id' it has in the gold file.")
            yield str(d.get("doc_id")), m


def _chains(assign: dict[str, str], doc_of: dict[str, str], split_docs: bool) -> list[frozenset[str]]:
    """Mention sets grouped by chain id (optionally split by document); a missing id is a singleton."""
    groups: dict[Any, set[str]] = defaultdict(set)
    for mid, cid in assign.items():
        label = ("solo", mid) if cid in (None, "") else cid
        groups[(label, doc_of[mid]) if split_docs else label].add(mid)
    return [frozenset(g) for g in groups.values()]


def score(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> dict[str, Any]:
    """CoNLL metrics for events and entities, cross-document (standard) and within-document."""
    gold_assign: dict[str, dict[str, str]] = {k: {} for k in KINDS}
    doc_of: dict[str, str] = {}
    n_docs = 0
    for rec in gold:
        n_docs += len(rec.get("documents") or [])
        for doc_id, m in _mentions(rec):
            kind = m.get("kind") if m.get("kind") in KINDS else "entity"
            gold_assign[kind][str(m["id"])] = m.get("cluster")
            doc_of[str(m["id"])] = doc_id
    pred_cluster: dict[str, str] = {}
    for rec in pred:
        for _doc_id, m in _mentions(rec):
            pred_cluster[str(m["id"])] = m.get("cluster")
    if doc_of and not (doc_of.keys() & pred_cluster.keys()):
        raise EvaluationError("No predicted mention has the id of a gold mention.",
                              hint="Annotate the same gold file: brinkwatch annotate coref GOLD -o PRED.")
    out: dict[str, Any] = {"topics": len(gold), "documents": n_docs,
                           "missing_mentions": sum(1 for m in doc_of if m not in pred_cluster)}
    for kind in KINDS:
        g = gold_assign[kind]
        # a gold mention missing from the prediction is an error (it joins no chain): it stays out of
        # the response, which costs recall exactly as the reference scorer does
        p = {mid: pred_cluster[mid] for mid in g if mid in pred_cluster}
        result: dict[str, Any] = {"mentions": len(g)}
        for scope, split in (("cross_doc", False), ("within_doc", True)):
            key = _chains(g, doc_of, split)
            response = _chains(p, doc_of, split)
            result[scope] = conll(key, response)
            result[scope]["key_chains"] = len(key)
            result[scope]["response_chains"] = len(response)
        out[kind] = result
    return out


def format_report(scores: dict[str, Any]) -> str:
    """A table: one row per kind and scope, recall / precision / F1 of each metric and CoNLL F1."""
    lines = [f"coref: {scores['topics']} topics, {scores['documents']} documents"
             f" ({scores['missing_mentions']} gold mentions without prediction)"]
    head = f"{'kind':<7} {'scope':<10} {'mentions':>8} {'chains k/r':>11}"
    for m in ("MUC", "B3", "CEAF-e"):
        head += f" | {m + ' R':>8} {'P':>5} {'F1':>5}"
    head += " | CoNLL F1"
    lines += [head, "-" * len(head)]
    for kind in KINDS:
        for scope in ("cross_doc", "within_doc"):
            s = scores[kind][scope]
            row = (f"{kind:<7} {scope:<10} {scores[kind]['mentions']:>8} "
                   f"{str(s['key_chains']) + '/' + str(s['response_chains']):>11}")
            for m in METRICS:
                row += f" | {s[m]['recall'] * 100:>8.1f} {s[m]['precision'] * 100:>5.1f} {s[m]['f1'] * 100:>5.1f}"
            row += f" | {s['conll_f1'] * 100:>8.1f}"
            lines.append(row)
    lines.append("cross_doc is the standard ECB+ figure; within_doc splits every chain by document.")
    return "\n".join(lines)
