"""The timex scorer (TempEval-3 style) on hand-made gold/pred pairs with known answers, and annotate."""

from __future__ import annotations

import json

import pytest

from brinkwatch.errors import EvaluationError
from brinkwatch.evaluate.timex import annotate_records, format_report, match, score

from conftest import GOLD_DEV

TEXT = "The envoy left last week and returned on Friday, three days before the vote on Dec. 3."


def _tx(text: str, phrase: str, type_: str, value: str) -> dict:
    start = text.index(phrase)
    return {"start": start, "end": start + len(phrase), "text": phrase, "type": type_, "value": value}


GOLD = [{
    "id": "doc1", "text": TEXT, "dct": "2025-12-01",
    "timexes": [
        _tx(TEXT, "last week", "DATE", "2025-W48"),
        _tx(TEXT, "Friday", "DATE", "2025-11-28"),
        _tx(TEXT, "three days", "DURATION", "P3D"),
        _tx(TEXT, "Dec. 3", "DATE", "2025-12-03"),
    ],
}]
PRED = [{
    "id": "doc1", "text": TEXT, "dct": "2025-12-01",
    "timexes": [
        _tx(TEXT, "last week", "DATE", "2025-W48"),  # strict match, right value
        _tx(TEXT, "on Friday", "DATE", "2025-12-05"),  # relaxed match only, wrong value
        _tx(TEXT, "the vote", "DATE", "PRESENT_REF"),  # spurious
        _tx(TEXT, "Dec. 3", "TIME", "2025-12-03"),  # strict match, right value, wrong type
    ],
}]


def test_score_on_a_known_pair() -> None:
    s = score(GOLD, PRED)
    assert (s["gold"], s["pred"], s["strict_matches"], s["relaxed_matches"]) == (4, 4, 2, 3)
    assert s["strict"]["precision"] == pytest.approx(0.5) and s["strict"]["recall"] == pytest.approx(0.5)
    assert s["relaxed"]["precision"] == pytest.approx(0.75) and s["relaxed"]["recall"] == pytest.approx(0.75)
    assert s["value"]["accuracy"] == pytest.approx(2 / 3)
    assert s["value"]["f1"] == pytest.approx(2 / 3 * 0.75)
    assert s["type"]["accuracy"] == pytest.approx(2 / 3)
    assert s["by_type"]["DURATION"] == {"gold": 1, "matched": 0, "value_correct": 0}
    report = format_report(s)
    assert "relaxed" in report and "0.750" in report


def test_value_f1_is_the_tempeval3_attribute_f1() -> None:
    """TE3's toolkit: attribute P = accuracy x relaxed P (= correct/predicted), R = accuracy x relaxed R
    (= correct/gold); their harmonic mean equals accuracy x relaxed F1."""
    s = score(GOLD, PRED)
    v, n_pred, n_gold = s["value"], s["pred"], s["gold"]
    assert v["precision"] == pytest.approx(v["correct"] / n_pred)
    assert v["recall"] == pytest.approx(v["correct"] / n_gold)
    assert v["f1"] == pytest.approx(2 * v["precision"] * v["recall"] / (v["precision"] + v["recall"]))
    assert v["f1"] == pytest.approx(2 * v["correct"] / (n_pred + n_gold))


def test_perfect_and_empty_predictions() -> None:
    assert score(GOLD, GOLD)["value"]["f1"] == pytest.approx(1.0)
    empty = score(GOLD, [{"id": "doc1", "timexes": []}])
    assert empty["relaxed"]["recall"] == 0.0 and empty["value"]["f1"] == 0.0
    missing = score(GOLD, [])  # a record without predictions counts as all missed
    assert missing["gold"] == 4 and missing["relaxed"]["f1"] == 0.0


def test_matching_is_one_to_one() -> None:
    gold = [{"start": 0, "end": 6}, {"start": 5, "end": 9}]
    pred = [{"start": 4, "end": 9}]
    assert match(gold, pred) == [(1, 0)]  # the largest overlap wins, once


def test_predictions_for_unknown_records_are_refused() -> None:
    with pytest.raises(EvaluationError) as err:
        score(GOLD, [{"id": "other", "timexes": []}])
    assert "annotate timex" in str(err.value)


@pytest.fixture(scope="module")
def time_nlp():
    from brinkwatch.extract import load_nlp

    return load_nlp(components=["bw_time"])


def test_annotate_ignores_gold_and_uses_dct(time_nlp) -> None:  # noqa: ANN001
    record = dict(GOLD[0], timexes=[{"start": 0, "end": 3, "text": "The", "type": "DATE", "value": "1999"}])
    out = list(annotate_records([record], time_nlp))[0]
    values = {t["text"]: t["value"] for t in out["timexes"]}
    assert values["last week"] == "2025-W48" and values["Friday"] == "2025-11-28"
    assert all(t["text"] != "The" for t in out["timexes"])
    assert out["text"] == TEXT and out["id"] == "doc1"
    assert score(GOLD, [out])["value"]["f1"] > 0.7


def test_annotate_rejects_records_without_text(time_nlp) -> None:  # noqa: ANN001
    with pytest.raises(EvaluationError):
        list(annotate_records([{"id": "x", "text": None}], time_nlp))


@pytest.mark.skipif(not (GOLD_DEV / "timex" / "tbaq.jsonl").exists(), reason="shared gold data not present")
def test_dev_sample_scores_reasonably(time_nlp) -> None:  # noqa: ANN001
    """A small slice of the dev corpus (read at run time, never copied): a regression guard only."""
    with (GOLD_DEV / "timex" / "tbaq.jsonl").open(encoding="utf-8") as fh:
        gold = [json.loads(line) for _, line in zip(range(25), fh)]
    s = score(gold, list(annotate_records(gold, time_nlp)))
    assert s["relaxed"]["f1"] > 0.85
    assert s["value"]["f1"] > 0.7
