"""'one day' after a modal is an indefinite future time (FUTURE_REF), elsewhere a duration.
Texts are fictional."""

from __future__ import annotations

import pytest

DCT = "2025-12-01"


@pytest.fixture(scope="module")
def time_nlp():
    from brinkwatch.extract import load_nlp

    return load_nlp(components=["bw_time"])


def _find(nlp, text: str, expr: str):  # noqa: ANN001, ANN202
    doc = nlp.make_doc(text)
    doc._.bw_dct = DCT
    doc = nlp(doc)
    found = [t for t in doc._.bw_timexes if t.text == expr]
    assert found, [t.text for t in doc._.bw_timexes]
    return found[0]


@pytest.mark.parametrize("text", [
    "Officials say the port will one day be the largest in the region.",
    "The pipeline could one day replace the northern route.",
    "Analysts said the two sides might eventually one day agree.",
])
def test_one_day_after_a_modal_is_future_ref(time_nlp, text) -> None:  # noqa: ANN001
    tx = _find(time_nlp, text, "one day")
    assert (tx.type, tx.value) == ("DATE", "FUTURE_REF")


def test_one_day_as_a_length_stays_a_duration(time_nlp) -> None:  # noqa: ANN001
    tx = _find(time_nlp, "The border crossing was closed for one day.", "one day")
    assert (tx.type, tx.value) == ("DURATION", "P1D")


def _value(nlp, text: str, expr: str, nth: int = -1) -> str:  # noqa: ANN001
    doc = nlp.make_doc(text)
    doc._.bw_dct = "1989-10-26"
    doc = nlp(doc)
    found = [t for t in doc._.bw_timexes if t.text == expr]
    assert found, [t.text for t in doc._.bw_timexes]
    return found[nth].value


def test_a_year_earlier_compares_the_quarter_after_quarterly_results(time_nlp) -> None:  # noqa: ANN001
    text = ("Acme Corp. said net income for the third quarter rose to $5 million from $4 million "
            "a year earlier.")
    assert _value(time_nlp, text, "a year earlier") == "1988-Q3"


def test_a_year_earlier_compares_the_year_after_a_nine_month_period(time_nlp) -> None:  # noqa: ANN001
    text = ("Acme Corp. said net income for the third quarter rose to $5 million from $4 million. "
            "For the nine months, Acme earned $12 million, up from $9 million a year earlier.")
    assert _value(time_nlp, text, "a year earlier") == "1988"
