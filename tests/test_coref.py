"""Coreference scorers on small examples whose values are computed by hand (see each test's comment)."""

from __future__ import annotations

import math

import pytest

from brinkwatch.errors import EvaluationError
from brinkwatch.evaluate.coref import b_cubed, ceaf_e, conll, format_report, muc, score


def chains(*groups: str) -> list[frozenset[str]]:
    return [frozenset(g) for g in groups]


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, abs_tol=1e-9)


# Pradhan et al. (2014, "Scoring coreference partitions of predicted mentions", fig. 1):
# key {a b c} {d e f g}, response {a b} {c d} {f g h i}.
KEY = chains("abc", "defg")
RESPONSE = chains("ab", "cd", "fghi")


def test_muc_pradhan_example() -> None:
    # recall: {abc} splits in 2 parts -> 1 link of 2; {defg} in 3 parts ({d}, {e} missing, {fg}) -> 1 of 3
    # precision: {ab} 1 of 1, {cd} 0 of 1, {fghi} in 3 parts -> 1 of 3
    s = muc(KEY, RESPONSE)
    assert close(s["recall"], 2 / 5) and close(s["precision"], 2 / 5) and close(s["f1"], 0.4)


def test_b_cubed_pradhan_example() -> None:
    # recall = ((2²+1²)/3 + (1²+2²)/4) / 7 = 35/84; precision = (2²/2 + (1+1)/2 + 2²/4) / 8 = 1/2
    s = b_cubed(KEY, RESPONSE)
    assert close(s["recall"], 35 / 84)
    assert close(s["precision"], 0.5)
    assert close(s["f1"], 2 * (35 / 84) * 0.5 / (35 / 84 + 0.5))


def test_ceaf_e_pradhan_example() -> None:
    # phi4: abc~ab 4/5, abc~cd 2/5, defg~cd 2/6, defg~fghi 4/8; best alignment 0.8 + 0.5 = 1.3
    s = ceaf_e(KEY, RESPONSE)
    assert close(s["recall"], 1.3 / 2) and close(s["precision"], 1.3 / 3)


def test_bagga_baldwin_merge_example() -> None:
    # key {1-5} {6 7} {8-12}; the response merges the last two chains.
    key = [frozenset(range(1, 6)), frozenset({6, 7}), frozenset(range(8, 13))]
    response = [frozenset(range(1, 6)), frozenset(range(6, 13))]
    b3 = b_cubed(key, response)
    assert close(b3["recall"], 1.0)
    assert close(b3["precision"], (5 + 2 * 2 / 7 + 5 * 5 / 7) / 12)  # 64/84, the paper's 76%
    m = muc(key, response)
    assert close(m["recall"], 1.0) and close(m["precision"], 9 / 10)  # Vilain et al.: one wrong link in ten
    # CEAF-e: {1-5} aligns with itself (1.0), {8-12} with {6-12} (10/12); {6 7} stays unaligned
    c = ceaf_e(key, response)
    assert close(c["recall"], (1 + 10 / 12) / 3) and close(c["precision"], (1 + 10 / 12) / 2)


def test_perfect_and_singleton_partitions() -> None:
    key = chains("ab", "c", "d")
    s = conll(key, list(key))
    assert close(s["conll_f1"], 1.0)
    # all singletons against all singletons: no links, so MUC is 0 by convention; B³ and CEAF-e are perfect
    solo = chains("a", "b", "c")
    s = conll(solo, list(solo))
    assert s["muc"]["f1"] == 0.0 and close(s["b3"]["f1"], 1.0) and close(s["ceafe"]["f1"], 1.0)


def test_missing_response_mention_costs_recall() -> None:
    # key {a b}; the response lacks b: B³ recall = (1²/2)/2, precision = 1
    s = b_cubed(chains("ab"), chains("a"))
    assert close(s["recall"], 0.25) and close(s["precision"], 1.0)
    assert muc(chains("ab"), chains("a"))["recall"] == 0.0


def test_everything_in_one_chain_is_penalised() -> None:
    key = chains("ab", "cd", "ef")
    s = conll(key, chains("abcdef"))
    assert close(s["muc"]["recall"], 1.0) and close(s["muc"]["precision"], 3 / 5)
    assert close(s["b3"]["precision"], 1 / 3)
    assert s["conll_f1"] < 0.7


def _topic(clusters: dict[str, str], tid: str = "t1") -> dict:
    """A two-document topic: mentions m0..m5, the first three in d1, kinds by position."""
    kinds = ["event", "entity", "event", "event", "entity", "event"]
    docs = []
    for d, ids in (("d1", ["m0", "m1", "m2"]), ("d2", ["m3", "m4", "m5"])):
        docs.append({"doc_id": d, "text": "x", "mentions": [
            {"id": f"{tid}:{m}", "start": 0, "end": 1, "kind": kinds[int(m[1])], "cluster": clusters.get(m)}
            for m in ids]})
    return {"id": tid, "documents": docs}


def test_score_separates_events_and_entities_and_scopes() -> None:
    gold = _topic({"m0": "E1", "m2": "E2", "m3": "E1", "m5": "E2", "m1": "P", "m4": "P"})
    perfect = score([gold], [gold])
    assert close(perfect["event"]["cross_doc"]["conll_f1"], 1.0)
    assert close(perfect["entity"]["cross_doc"]["conll_f1"], 1.0)
    assert perfect["event"]["mentions"] == 4 and perfect["entity"]["mentions"] == 2
    # within-document scoring splits E1 and E2 by document: 4 key chains, all singletons
    assert perfect["event"]["within_doc"]["key_chains"] == 4
    # a prediction that only gets the within-document part right: every mention alone
    alone = _topic({m: m for m in ("m0", "m1", "m2", "m3", "m4", "m5")})
    s = score([gold], [alone])
    assert s["event"]["cross_doc"]["muc"]["recall"] == 0.0
    assert close(s["event"]["within_doc"]["b3"]["f1"], 1.0)
    # the same chain id for an event and an entity does not merge them: they are scored apart
    mixed = _topic({"m0": "X", "m2": "Y", "m3": "X", "m5": "Y", "m1": "X", "m4": "X"})
    assert close(score([gold], [mixed])["event"]["cross_doc"]["conll_f1"], 1.0)


def test_score_missing_mentions_are_counted_and_cost_recall() -> None:
    gold = _topic({"m0": "E1", "m2": "E2", "m3": "E1", "m5": "E2", "m1": "P", "m4": "P"})
    pred = _topic({"m0": "E1", "m2": "E2", "m3": "E1", "m5": "E2", "m1": "P", "m4": "P"})
    pred["documents"][1]["mentions"] = pred["documents"][1]["mentions"][:1]
    s = score([gold], [pred])
    assert s["missing_mentions"] == 2
    assert s["event"]["cross_doc"]["b3"]["recall"] < 1.0
    assert close(s["event"]["cross_doc"]["b3"]["precision"], 1.0)


def test_score_rejects_unrelated_predictions() -> None:
    gold = _topic({"m0": "E1"})
    with pytest.raises(EvaluationError, match="No predicted mention"):
        score([gold], [_topic({}, tid="other")])
    with pytest.raises(EvaluationError, match="documents"):
        score([{"id": "t"}], [gold])


def test_format_report_is_a_table() -> None:
    gold = _topic({"m0": "E1", "m2": "E2", "m3": "E1", "m5": "E2", "m1": "P", "m4": "P"})
    text = format_report(score([gold], [gold]))
    lines = text.splitlines()
    assert "CoNLL F1" in lines[1] and "MUC" in lines[1] and "CEAF-e" in lines[1]
    assert sum(1 for line in lines if line.startswith(("event", "entity"))) == 4
    assert "100.0" in text
