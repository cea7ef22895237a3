"""Quantities, third round: units the sentence leaves out, ages, temperatures and negatives,
descending ranges, names and addresses that are not counts, and what money and percentages
measure (the reconcile step compares such figures).

Texts are fictional sentences written for these tests.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def qnlp():
    from brinkwatch.extract import load_nlp

    return load_nlp(components=["bw_quantities"])


def _qs(nlp, text):
    return nlp(text)._.bw_quantities


def _find(nlp, text, value):
    return next((q for q in _qs(nlp, text) if q.value is not None and abs(q.value - value) < 1e-9), None)


@pytest.mark.parametrize(("text", "value", "unit"), [
    # a counted noun left out after the first number
    ("The council sold 300 flats at auction and 120 by private sale.", 120, "flat"),
    ("Exports rose by 3 percent while imports fell by 2.", 2, "percentage"),
    ("Where there used to be dozens of ferries on the lake, now there are zero.", 0, "ferry"),
    ("They raised 40 million of the 90 million pesos they need.", 40e6, "peso"),
    # ages
    ("The driver, Ana Perez, 52, was taken to hospital.", 52, "year of age"),
    ("The survey covered women aged 30 in the region.", 30, "year of age"),
    # temperatures, negatives and written-out signs
    ("The lake froze at minus 12 degrees Celsius overnight.", -12, "celsius"),
    ("The gauge read 41.5degF at dawn.", 41.5, "fahrenheit"),
    ("Tickets cost 250€ at the door.", 250, "euro"),
    ("The fine was PS40m in the end.", 40e6, "pound sterling"),
    ("The board paid out S $2mil to the founders.", 2e6, "singapore dollar"),
    ("A season pass costs 7.50 New Zealand dollars per week.", 7.5, "new zealand dollar per week"),
    ("Land sold for $95 per square foot near the port.", 95, "dollar per square foot"),
    ("The tower is 37m (121ft) tall.", 37, "metre"),
    ("The audience grew to 2.5M viewers.", 2.5e6, "viewer"),
    ("Shares closed at 118.5p in London.", 118.5, "point"),
    ("The chip uses sub-5 nanometer circuits.", 5, "nanometre"),
    ("Each crate holds 24.5 cubic feet of grain.", 24.5, "cubic foot"),
    ("The dealer sold 35 Kia and Hyundai cars in May.", 35, "kia hyundai car"),
    ("The test took 3.5 seconds to run.", 3.5, "second"),
])
def test_units(qnlp, text, value, unit):
    q = _find(qnlp, text, value)
    assert q is not None and q.unit == unit, [(x.value, x.unit) for x in _qs(qnlp, text)]


@pytest.mark.parametrize(("text", "number"), [
    ("The storm became a category 4 hurricane overnight.", 4),
    ("The firm grounded two new 320 Neo jets.", 320),
    ("They met at 12 Harbour Road, Portsmouth.", 12),
    ("The temple was built between A.D. 1000 and 1240 by the valley people.", 1240),
    ("Seas could rise by 2150 unless emissions fall.", 2150),
    ("The meeting starts at 2 p.m. on Friday.", 2),
    ("The kit has a six-speed gearbox.", 7),
])
def test_not_counts(qnlp, text, number):
    assert all(q.value != number for q in _qs(qnlp, text)), [(q.text, q.value) for q in _qs(qnlp, text)]


def test_descending_range_with_from(qnlp):
    q = next(q for q in _qs(qnlp, "The coin fell from $4,100 to $3,900 overnight."))
    assert (q.low, q.high, q.unit) == (4100, 3900, "dollar")


def test_change_by_then_level_is_two_figures(qnlp):
    qs = _qs(qnlp, "The deficit increased by $12 billion to $300 billion last year.")
    assert [(q.value, q.change) for q in qs] == [(12e9, "up"), (300e9, "=")]


def test_word_numbers_do_not_swallow_articles_or_coordination(qnlp):
    qs = _qs(qnlp, "The range offers four-, five- and six-cylinder engines.")
    assert [(q.value, q.unit) for q in qs] == [(4, "cylinder"), (5, "cylinder"), (6, "cylinder")]


def test_one_to_two_is_a_range(qnlp):
    q = _qs(qnlp, "Repairs will take one to two weeks.")[0]
    assert (q.low, q.high, q.unit) == (1, 2, "week")


def test_percentage_drop_carries_change_and_concept(qnlp):
    q = _qs(qnlp, "Radar data shows passenger traffic dropping by over 70% in the past week.")[0]
    assert (q.value, q.unit, q.change, q.concept) == (70, "percentage", "down", "passenger traffic")


def test_zero_count_carries_concept(qnlp):
    q = _qs(qnlp, "By Sunday there were zero flights over the capital.")[0]
    assert (q.value, q.unit, q.concept) == (0, "flight", "flight")


def test_share_of_concept(qnlp):
    q = _qs(qnlp, "Nearly 40 percent of voters stayed home.")[0]
    assert q.concept == "voters" and q.change == "~"


def test_money_concept_is_the_subject(qnlp):
    q = _qs(qnlp, "Annual revenue rose to $8 billion.")[0]
    assert q.concept == "annual revenue"


def test_level_after_percent_change_is_not_a_percentage(qnlp):
    qs = _qs(qnlp, "The index fell 0.4 per cent to 13176 on Monday.")
    assert [(q.value, q.unit) for q in qs] == [(0.4, "percentage"), (13176, None)]
