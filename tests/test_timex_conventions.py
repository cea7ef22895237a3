"""TIMEX3 value conventions (TimeML guidelines as TimeBank/AQUAINT apply them) for halves, the latest
quarter, evenings, vague decades/centuries, 'year-ago' and 'the weekend'. Texts are fictional."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def time_nlp():
    from brinkwatch.extract import load_nlp

    return load_nlp(components=["bw_time"])


def _timexes(nlp, text: str, dct: str):  # noqa: ANN001, ANN202
    doc = nlp.make_doc(text)
    doc._.bw_dct = dct
    return nlp(doc)._.bw_timexes


def _find(nlp, text: str, expr: str, dct: str = "1989-11-02"):  # noqa: ANN001, ANN202
    found = [t for t in _timexes(nlp, text, dct) if t.text == expr]
    assert found, [t.text for t in _timexes(nlp, text, dct)]
    return found[-1]


def test_last_half_of_a_year_is_its_second_half(time_nlp) -> None:  # noqa: ANN001
    tx = _find(time_nlp, "The mill expects weaker results for the last half of 1989.", "the last half of 1989")
    assert tx.value == "1989-H2"
    assert (tx.span.start, tx.span.end) == ("1989-07-01", "1989-12-31")


def test_last_half_of_a_decade_is_the_decade_with_its_second_half_as_interval(time_nlp) -> None:  # noqa: ANN001
    tx = _find(time_nlp, "Prices were flat in the last half of the '80s.", "the last half of the '80s")
    assert (tx.value, tx.mod) == ("198", "END")
    assert (tx.span.start, tx.span.end) == ("1985-01-01", "1989-12-31")


def test_latest_quarter_is_the_last_completed_one(time_nlp) -> None:  # noqa: ANN001
    text = ("The storm will result in a fourth-quarter charge. "
            "Earnings from the shipping line fell 20% in the latest quarter.")
    assert _find(time_nlp, text, "the latest quarter").value == "1989-Q3"


def test_latest_quarter_follows_a_quarter_already_over(time_nlp) -> None:  # noqa: ANN001
    text = "Profit rose in the second quarter. Sales in the latest quarter were higher."
    assert _find(time_nlp, text, "the latest quarter").value == "1989-Q2"


def test_quarter_century_is_not_a_quarter(time_nlp) -> None:  # noqa: ANN001
    found = _timexes(time_nlp, "Unemployment stayed just above its quarter-century low.", "1998-02-06")
    assert not any(t.value.endswith("-Q4") or "Q" in t.value for t in found)


def test_weekday_evening_is_a_time_with_the_part_of_day(time_nlp) -> None:  # noqa: ANN001
    tx = _find(time_nlp, "Ministers met Thursday evening in the capital.", "Thursday evening", dct="1998-02-13")
    assert (tx.type, tx.value) == ("TIME", "1998-02-12TEV")
    assert tx.span.start == tx.span.end == "1998-02-12"


def test_weekday_night_keeps_the_day(time_nlp) -> None:  # noqa: ANN001
    tx = _find(time_nlp, "Troops moved in Wednesday night.", "Wednesday night", dct="2000-01-07")
    assert (tx.type, tx.value) == ("DATE", "2000-01-05")


@pytest.mark.parametrize(("text", "expr", "value"), [
    ("The monuments have stood for centuries.", "centuries", "PXC"),
    ("The dispute has simmered for decades.", "decades", "PXE"),
    ("The truce lasted two decades.", "two decades", "P20Y"),
])
def test_decade_and_century_duration_units(time_nlp, text, expr, value) -> None:  # noqa: ANN001
    assert _find(time_nlp, text, expr).value == value


def test_year_ago_counts_from_publication(time_nlp) -> None:  # noqa: ANN001
    text = ("Net was $306 million, compared with a loss in the 1988 period. "
            "The year-ago results included a charge.")
    assert _find(time_nlp, text, "year-ago").value == "1988"


def test_year_and_later_before_a_verb_leaves_the_month_date(time_nlp) -> None:  # noqa: ANN001
    text = "He flew aboard the shuttle in October 1984 and later served at the agency."
    assert _find(time_nlp, text, "October 1984", dct="1998-04-18").value == "1984-10"


def test_year_or_later_stays_open(time_nlp) -> None:  # noqa: ANN001
    tx = _find(time_nlp, "The plant will open in 1994 or later.", "1994 or later", dct="1989-11-02")
    assert tx.value == "1994"


@pytest.mark.parametrize(("text", "dct", "value"), [
    # Monday publication: the weekend just gone, even after an older date
    ("The bombing on Aug. 7 killed 200. Evidence arrived over the weekend at the lab.", "1998-08-17", "1998-W33-WE"),
    # later in the week, a story told forward: the weekend after the day it told last
    ("Shares fell Friday. Traders squared positions over the weekend.", "1989-11-02", "1989-W43-WE"),
])
def test_the_weekend(time_nlp, text, dct, value) -> None:  # noqa: ANN001
    assert _find(time_nlp, text, "the weekend", dct=dct).value == value
