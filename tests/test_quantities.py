"""Quantities: numbers, units, kinds, change words, ranges, dates excluded, and the scorer.

Texts are fictional sentences written for these tests.
"""

from __future__ import annotations

import pytest

from brinkwatch.errors import EvaluationError
from brinkwatch.evaluate import quantities as qeval
from brinkwatch.extract.quantities import words_to_number


@pytest.fixture(scope="module")
def qnlp():
    from brinkwatch.extract import load_nlp

    return load_nlp(components=["bw_quantities"])


def _q(nlp, text):
    return [(q.text, q.value, q.unit, q.kind, q.change) for q in nlp(text)._.bw_quantities]


@pytest.mark.parametrize(("words", "value"), [
    ("three", 3), ("a dozen", 12), ("twenty-five", 25), ("two hundred thousand", 200_000), ("zero", 0),
])
def test_words_to_number(words, value):
    assert words_to_number(words) == value


def test_dead_and_injured_counts(qnlp):
    found = _q(qnlp, "Gunmen killed 11 people and wounded three villagers.")
    assert ("11 people", 11.0, "people", "dead", "=") in found
    assert any(v == 3.0 and kind == "injured" for _, v, _, kind, _ in found)


def test_troops_and_vessels(qnlp):
    found = _q(qnlp, "The navy sent 15,000 troops and a dozen warships.")
    assert ("15,000 troops", 15000.0, "troops", "troops", "=") in found
    assert any(v == 12.0 and kind == "vessels" for _, v, _, kind, _ in found)


def test_money_percent_and_change_words(qnlp):
    found = _q(qnlp, "Exports dropped by over 70% while the fund grew to $4bn.")
    assert ("70%", 70.0, "percentage", "percent", "down") in found
    assert ("$4bn", 4e9, "dollar", "money", "=") in found
    found = _q(qnlp, "More than 1.2 million people signed, and about 300 were arrested.")
    assert ("1.2 million people", 1.2e6, "people", "count", ">") in found
    assert any(v == 300.0 and kind == "arrested" and ch == "~" for _, v, _, kind, ch in found)


def test_ranges(qnlp):
    (q,) = qnlp("Officials said the repairs cost $89 to $93 billion.")._.bw_quantities
    assert (q.low, q.high, q.value, q.unit) == (89e9, 93e9, None, "dollar")
    (q,) = qnlp("Between 10 and 12 soldiers were killed.")._.bw_quantities
    assert (q.low, q.high, q.kind) == (10.0, 12.0, "dead")


def test_dates_times_years_and_identifiers_are_not_quantities(qnlp):
    assert _q(qnlp, "On December 3, 2025, at 5 p.m., an F-16 landed on Runway 27.") == []


def test_event_quantities_stay_in_the_clause(qnlp):
    from brinkwatch.extract.quantities import event_quantities

    doc = qnlp("Rebels killed 11 soldiers, and the army later arrested 40 suspects.")
    sent = next(doc.sents)
    killed = next(t for t in doc if t.text == "killed")
    assert [q.value for q in event_quantities(doc, sent, killed)] == [11.0]


# --- scorer ----------------------------------------------------------------------------------
GOLD = [
    {"id": "s1", "quantities": [{"value": 11.0, "unit": "people", "change": "="},
                                {"value": 70.0, "unit": "percentage", "change": "down"}]},
    {"id": "s2", "quantities": [{"value": None, "unit": "dollar", "change": "=", "extra": {"range": [5.0, 7.0]}}]},
]
PRED = [
    {"id": "s1", "quantities": [{"value": 11.0, "unit": "person", "change": "="},  # unit synonym: match
                                {"value": 70.0, "unit": "dollar", "change": "down"},  # value only
                                {"value": 3.0, "unit": None, "change": "="}]},  # spurious
    {"id": "s2", "quantities": [{"value": None, "unit": "dollars", "change": "~", "extra": {"range": [5.0, 7.0]}}]},
]


def test_quantity_score_known_answer():
    s = qeval.score(GOLD, PRED)
    assert s["value_unit"]["tp"] == 2 and s["value_unit"]["precision"] == pytest.approx(0.5)
    assert s["value_unit"]["recall"] == pytest.approx(2 / 3)
    assert s["value"]["tp"] == 3
    assert s["change_accuracy"] == pytest.approx(0.5)
    assert "value+unit" in qeval.format_report(s)


def test_quantity_score_rejects_unrelated_predictions():
    with pytest.raises(EvaluationError):
        qeval.score(GOLD, [{"id": "zzz", "quantities": []}])
