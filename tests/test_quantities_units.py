"""Quantities, second round: unit symbols, rates, currency adjectives and codes, vague
amounts, counted noun phrases, repeated-unit ranges, and numbers that are names.

Texts are fictional sentences written for these tests.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def qnlp():
    from brinkwatch.extract import load_nlp

    return load_nlp(components=["bw_quantities"])


def _units(nlp, text):
    return [(q.value, q.low, q.high, q.unit) for q in nlp(text)._.bw_quantities]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The train reached 140 km/h on the new line.", 140, "kilometre per hour"),
    ("The engine makes 450 Nm of torque.", 450, "newton metre"),
    ("The older car had 300 PS under the bonnet.", 300, "horsepower"),
    ("The panel adds 10kW to the roof.", 10, "kilowatt"),
    ("Boil the pasta for 3min before serving.", 3, "minute"),
    ("The carrier switched on its 5G network.", 5, "generation wireless"),
    ("The fuel sold for $2.10 per gallon in town.", 2.10, "dollar per gallon"),
    ("Crude traded at $61 a barrel on Monday.", 61, "dollar per barrel"),
    ("The ministry paid 7.5 million Danish crowns for the ferry.", 7_500_000, "danish krone"),
    ("The yen closed at 109.5 JPY against the dollar.", 109.5, "japanese yen"),
    ("The club has won four different trophies.", 4, "different trophy"),
    ("He ran for 517 rushing yards last season.", 517, "yard"),
])
def test_units(qnlp, text, value, unit):
    assert any(v is not None and abs(v - value) < 1e-9 and u == unit for v, _, _, u in _units(qnlp, text)), \
        _units(qnlp, text)


def test_vague_amounts_are_ranges(qnlp):
    ((value, low, high, _),) = _units(qnlp, "Tens of thousands of people marched.")
    assert value is None and (low, high) == (10_000, 100_000)


def test_range_with_the_unit_written_twice(qnlp):
    ((value, low, high, unit),) = _units(qnlp, "The range is 250 miles to 290 miles on a charge.")
    assert value is None and (low, high) == (250, 290) and unit == "mile"


def test_product_names_and_lap_times_are_not_quantities(qnlp):
    assert _units(qnlp, "She bought an iPhone 11 and set a lap of 1:36.6 at the track.") == []
