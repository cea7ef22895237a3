"""The bw_time component: recognition, normalisation against a fixed publication date, tense,
holidays, intervals, and the time of events. Texts are fictional."""

from __future__ import annotations

from datetime import date

import pytest

from brinkwatch.errors import ExtractError
from brinkwatch.extract import timex_calendar as cal
from brinkwatch.extract.time import event_time, find_timexes
from brinkwatch.model import TimeExpression

DCT = "2025-12-01"  # a Monday, ISO week 2025-W49


@pytest.fixture(scope="module")
def time_nlp():
    from brinkwatch.extract import load_nlp

    return load_nlp(components=["bw_time"])


def tag(nlp, text: str, dct: str | None = DCT):  # noqa: ANN001, ANN201
    doc = nlp.make_doc(text)
    doc._.bw_dct = dct
    return nlp(doc)


def one(nlp, text: str, expected_text: str, dct: str | None = DCT) -> TimeExpression:  # noqa: ANN001
    doc = tag(nlp, text, dct)
    found = [t for t in doc._.bw_timexes if t.text == expected_text]
    assert found, f"{expected_text!r} not found in {[t.text for t in doc._.bw_timexes]}"
    return found[0]


@pytest.mark.parametrize(
    ("text", "expr", "type_", "value", "mod"),
    [
        ("The talks ended Dec 3, 2025 in the capital.", "Dec 3, 2025", "DATE", "2025-12-03", None),
        ("Troops arrived on Sunday, November 30, at dawn.", "Sunday, November 30", "DATE", "2025-11-30", None),
        ("The decree is dated 03/12/2024.", "03/12/2024", "DATE", "2024-03-12", None),
        ("The report is dated 03/12/2025.", "03/12/2025", "DATE", "2025-12-03", None),  # day/month near publication
        ("The envoy left last week.", "last week", "DATE", "2025-W48", None),
        ("Officials met toward the end of last week.", "the end of last week", "DATE", "2025-W48", "END"),
        ("The deal was signed late in the week of November 16.", "late in the week of November 16", "DATE",
         "2025-W47", "END"),  # 16 November 2025 is a Sunday: the week it begins
        ("Fighting has continued since August 2025.", "August 2025", "DATE", "2025-08", None),
        ("Prices rose earlier this year.", "earlier this year", "DATE", "2025", "START"),
        ("The convoy was stopped on Thanksgiving Day.", "Thanksgiving Day", "DATE", "2025-11-27", None),
        ("The ship sank two days ago.", "two days ago", "DATE", "2025-11-29", None),
        ("The port was closed in July 2024.", "July 2024", "DATE", "2024-07", None),
        ("The mission may last up to 18 months.", "up to 18 months", "DURATION", "P18M", "EQUAL_OR_LESS"),
        ("The siege lasted two hours.", "two hours", "DURATION", "PT2H", None),
        ("Talks have dragged on for years.", "years", "DURATION", "PXY", None),
        ("The ministry is now under pressure.", "now", "DATE", "PRESENT_REF", None),
        ("The guards change each Sunday.", "each Sunday", "SET", "XXXX-WXX-7", None),
        ("Sales fell in the first quarter of 1998.", "the first quarter of 1998", "DATE", "1998-Q1", None),
        ("The rebels struck at 10 p.m. Wednesday.", "10 p.m. Wednesday", "TIME", "2025-11-26T22:00", None),
        ("The strikes resumed yesterday evening.", "yesterday evening", "TIME", "2025-11-30TEV", None),
        ("The camp was built in the late 1970s.", "the late 1970s", "DATE", "197", "END"),
        ("Prices fell last summer.", "last summer", "DATE", "2025-SU", None),
    ],
)
def test_expressions(time_nlp, text, expr, type_, value, mod):  # noqa: ANN001
    tx = one(time_nlp, text, expr)
    assert (tx.type, tx.value, tx.mod) == (type_, value, mod)


def test_extent_keeps_modifiers_and_drops_prepositions(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "Fighting has continued since August 2025, on Sunday, November 30 and last week.")
    assert [t.text for t in doc._.bw_timexes] == ["August 2025", "Sunday, November 30", "last week"]


def test_anaphoric_expressions_follow_the_last_date(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "The blockade began on Saturday, November 8. The next day, ships turned back. "
                        "The subsequent weekend was quiet.")
    values = {t.text: t.value for t in doc._.bw_timexes}
    assert values["The next day"] == "2025-11-09"
    assert values["The subsequent weekend"] == "2025-W46-WE"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The ministers said on Sunday that the ceasefire held.", "2025-11-30"),
        ("The ministers will meet on Sunday to sign it.", "2025-12-07"),
        ("The ministers met on Friday.", "2025-11-28"),
        ("The ministers plan to meet on Friday.", "2025-12-05"),
    ],
)
def test_tense_decides_the_side_of_the_publication_date(time_nlp, text, value) -> None:  # noqa: ANN001
    weekday = next(w for w in ("Sunday", "Friday") if w in text)
    assert one(time_nlp, text, weekday).value == value


def test_month_without_year_is_near_the_publication_date(time_nlp) -> None:  # noqa: ANN001
    assert one(time_nlp, "The vote is expected in January.", "January").value == "2026-01"
    assert one(time_nlp, "The offer was extended to Dec. 20.", "Dec. 20").value == "2025-12-20"
    assert one(time_nlp, "The border closed in March.", "March").value == "2025-03"


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("Thanksgiving Day", 2024, date(2024, 11, 28)),
        ("Thanksgiving", 2025, date(2025, 11, 27)),
        ("Easter", 2024, date(2024, 3, 31)),
        ("Easter Sunday", 2025, date(2025, 4, 20)),
        ("Good Friday", 2025, date(2025, 4, 18)),
        ("Christmas Day", 2024, date(2024, 12, 25)),
        ("New Year's Day", 2026, date(2026, 1, 1)),
        ("Independence Day", 2025, date(2025, 7, 4)),
        ("Labor Day", 2024, date(2024, 9, 2)),
        ("Memorial Day", 2025, date(2025, 5, 26)),
        ("Election Day", 2024, date(2024, 11, 5)),
    ],
)
def test_holidays_by_year(name, year, expected) -> None:  # noqa: ANN001
    assert cal.holiday_date(name, year) == expected


def test_holidays_in_text_of_two_years(time_nlp) -> None:  # noqa: ANN001
    assert one(time_nlp, "Troops were deployed on Thanksgiving Day.", "Thanksgiving Day",
               dct="2024-12-02").value == "2024-11-28"
    assert one(time_nlp, "Troops were deployed on Thanksgiving Day.", "Thanksgiving Day").value == "2025-11-27"
    assert one(time_nlp, "Talks resumed after Easter 2024.", "Easter 2024").value == "2024-03-31"


def test_intervals_keep_their_granularity(time_nlp) -> None:  # noqa: ANN001
    week = one(time_nlp, "The envoy left last week.", "last week").span
    assert (week.start, week.end, week.granularity, week.anchored) == ("2025-11-24", "2025-11-30", "week", True)
    month = one(time_nlp, "The port was closed in July 2024.", "July 2024").span
    assert (month.start, month.end, month.granularity) == ("2024-07-01", "2024-07-31", "month")
    since = one(time_nlp, "Fighting has continued since August 2025.", "August 2025").span
    assert (since.start, since.end) == ("2025-08-01", DCT)


def test_without_publication_date_values_have_x_and_spans_are_unanchored(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "The envoy left last week and returned on Friday, before Nov. 30.", dct=None)
    by_text = {t.text: t for t in doc._.bw_timexes}
    assert by_text["last week"].value == "XXXX-WXX"
    assert by_text["Friday"].value == "XXXX-WXX-5"
    assert by_text["Nov. 30"].value == "XXXX-11-30"
    for t in doc._.bw_timexes:
        assert t.span.start is None and not t.span.anchored


def test_bad_publication_date_is_a_clear_error(time_nlp) -> None:  # noqa: ANN001
    with pytest.raises(ExtractError) as err:
        tag(time_nlp, "The envoy left last week.", dct="first of May")
    assert "YYYY-MM-DD" in str(err.value)


def test_counts_are_not_years(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "The army sent 2000 soldiers and may march on the capital.")
    assert doc._.bw_timexes == []


# --- event_time ----------------------------------------------------------------------------------
def _trigger(doc, word: str):  # noqa: ANN001, ANN202
    tok = next(t for t in doc if t.text == word)
    return tok.sent, tok


def test_event_time_takes_the_governing_expression(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "The navy seized a tanker on Friday, a week after talks collapsed on November 3.")
    sent, tok = _trigger(doc, "seized")
    span = event_time(doc, sent, tok)
    assert (span.start, span.method) == ("2025-11-28", "expression")


def test_event_time_keeps_a_week_a_week(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "Rebels attacked the base last week.")
    sent, tok = _trigger(doc, "attacked")
    span = event_time(doc, sent, tok)
    assert (span.start, span.end, span.granularity) == ("2025-11-24", "2025-11-30", "week")


def test_event_time_ignores_durations_and_uses_the_nearest_date(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "After a siege of three weeks, the garrison surrendered, the army said on Tuesday.")
    sent, tok = _trigger(doc, "surrendered")
    span = event_time(doc, sent, tok)
    assert span.value == "2025-11-25" and span.method == "expression"


def test_event_time_falls_back_to_context_then_publication(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "On November 20, protesters gathered in the square. Police fired tear gas.\n\n"
                        "The ministry condemned the violence.")
    sent, tok = _trigger(doc, "fired")
    ctx = event_time(doc, sent, tok)
    assert (ctx.start, ctx.method) == ("2025-11-20", "context")
    sent, tok = _trigger(doc, "condemned")
    pub = event_time(doc, sent, tok)
    # told in the past with no date: on or before publication, how long before is unknown
    assert (pub.start, pub.end, pub.method, pub.anchored) == (None, DCT, "publication", True)
    doc = tag(time_nlp, "The ministry condemns the violence.")
    sent, tok = _trigger(doc, "condemns")
    pub = event_time(doc, sent, tok)
    assert (pub.start, pub.end, pub.granularity, pub.method, pub.anchored) == (DCT, DCT, "day", "publication", True)


def test_event_time_without_publication_date_is_unanchored(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "The ministry condemned the violence.", dct=None)
    sent, tok = _trigger(doc, "condemned")
    span = event_time(doc, sent, tok)
    assert (span.start, span.end, span.method, span.anchored) == (None, None, "unanchored", False)


def test_find_timexes_matches_the_component(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "The envoy left last week.")
    assert [t.value for t in find_timexes(doc)] == [t.value for t in doc._.bw_timexes]
