"""Time v3: context decides what a date dates, and which date a word means. Every text is fictional.

Each test pins one rule: rates are not times, a holiday kept on two dates takes the one the story
is about, a date at the head of a sentence frames it, backstory does not set the time of the next
sentence, a period after publication cannot date an event told in the past, 'the previous Friday'
counts from the day under discussion, a tenseless month lies in the past, an invariant verb with a
singular subject is past, and parts of a week keep to their part."""

from __future__ import annotations

import pytest

from brinkwatch.extract.time import event_time, timespan_of
from brinkwatch.extract import timex_calendar as cal


@pytest.fixture(scope="module")
def time_nlp():
    from brinkwatch.extract import load_nlp

    return load_nlp(components=["bw_time"])


def tag(nlp, text: str, dct: str | None):  # noqa: ANN001, ANN201
    doc = nlp.make_doc(text)
    doc._.bw_dct = dct
    return nlp(doc)


def values(doc) -> dict[str, str]:  # noqa: ANN001
    return {t.text: t.value for t in doc._.bw_timexes}


def when(nlp, text: str, trigger: str, dct: str):  # noqa: ANN001, ANN201
    doc = tag(nlp, text, dct)
    tok = next(t for t in doc if t.text == trigger)
    return event_time(doc, tok.sent, tok)


# --- recognition ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The plant earns about $500 million a year from exports.",
    "The airline runs four flights a week to the island.",
    "Guards stood outside the embassy 24 hours a day.",
])
def test_the_denominator_of_a_rate_is_not_a_time(time_nlp, text) -> None:  # noqa: ANN001
    doc = tag(time_nlp, text, "2025-12-01")
    assert not [t for t in doc._.bw_timexes if t.text.lower().startswith(("a ", "an "))], values(doc)


def test_a_period_after_a_preposition_is_still_a_duration(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "The inquiry will finish its work within a year.", "2025-12-01")
    assert values(doc).get("a year") == "P1Y"


# --- values --------------------------------------------------------------------------------------
def test_labour_day_near_may_is_the_first_of_may(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "On 1 May 2024, dock workers marched in the port city to mark Labour Day.", "2024-05-03")
    assert values(doc)["Labour Day"] == "2024-05-01"


def test_labor_day_in_september_is_the_first_monday(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "The union held its picnic on Labor Day, organisers said.", "2025-09-03")
    assert values(doc)["Labor Day"] == "2025-09-01"


def test_holiday_dates_lists_the_variants() -> None:
    assert cal.holiday_dates("Labour Day", 2025)[1].isoformat() == "2025-05-01"
    assert [d.isoformat() for d in cal.holiday_dates("Christmas", 2025)] == ["2025-12-25"]


def test_the_previous_weekday_counts_from_publication(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "The index closed 4% below its level of the previous Friday.", "2025-12-01")
    assert values(doc)["the previous Friday"] == "2025-11-28"


def test_the_previous_weekday_counts_from_the_day_under_discussion(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "Markets fell on Tuesday, November 25. They had risen the previous Friday.", "2025-12-01")
    assert values(doc)["the previous Friday"] == "2025-11-21"


def test_the_following_weekday(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "The envoy arrived on November 12, 2025 and left the following Monday.", "2025-12-01")
    assert values(doc)["the following Monday"] == "2025-11-17"


def test_a_month_without_tense_far_ahead_is_the_one_before(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "The stock reached a high of $42 a share in June from $29 in March.", "2025-10-30")
    assert values(doc)["March"] == "2025-03"


def test_invariant_verb_with_singular_subject_is_past(time_nlp) -> None:  # noqa: ANN001
    # 3 December 2025 is a Wednesday: "hurt ... on Friday" is the Friday before, not the next one
    doc = tag(time_nlp, "Weakness in chip stocks hurt the index on Friday.", "2025-12-03")
    assert values(doc)["Friday"] == "2025-11-28"


@pytest.mark.parametrize(("mod", "start", "end"), [
    ("START", "2025-11-24", "2025-11-26"), ("MID", "2025-11-25", "2025-11-27"),
    ("END", "2025-11-27", "2025-11-30"), (None, "2025-11-24", "2025-11-30"),
])
def test_parts_of_a_week_keep_to_their_part(mod, start, end) -> None:  # noqa: ANN001
    span = timespan_of("2025-W48", mod, None)
    assert (span.start, span.end, span.granularity) == (start, end, "week")


def test_a_part_of_day_is_known_to_the_day_not_the_instant() -> None:
    assert timespan_of("2025-11-28TNI", None, None, type_="TIME").granularity == "day"
    assert timespan_of("2025-11-28T22:00", None, None, type_="TIME").granularity == "instant"


# --- event dating --------------------------------------------------------------------------------
def test_a_date_heading_the_sentence_frames_it(time_nlp) -> None:  # noqa: ANN001
    span = when(time_nlp, "On 29 April 2024, raiders took cattle from farmers in the valley.", "took", "2024-05-04")
    assert (span.start, span.end, span.method) == ("2024-04-29", "2024-04-29", "expression")


def test_a_date_heading_the_sentence_frames_the_next_one(time_nlp) -> None:  # noqa: ANN001
    span = when(time_nlp, "On 29 April 2024, raiders took cattle from farmers in the valley. "
                          "Police later arrested two raiders.", "arrested", "2024-05-04")
    assert (span.start, span.method) == ("2024-04-29", "context")


def test_a_holiday_that_is_marked_does_not_date_the_marking(time_nlp) -> None:  # noqa: ANN001
    span = when(time_nlp, "On 1 May 2024, workers staged a demonstration in the capital to mark Labour Day.",
                "staged", "2024-05-04")
    assert span.start == "2024-05-01"


def test_backstory_in_a_relative_clause_does_not_date_what_follows(time_nlp) -> None:  # noqa: ANN001
    span = when(time_nlp, "On 6 May 2024, a vigil was held for the activists who had been executed in 1972. "
                          "Police detained two speakers.", "detained", "2024-05-09")
    assert span.start == "2024-05-06"


def test_a_period_after_publication_cannot_date_a_past_event(time_nlp) -> None:  # noqa: ANN001
    span = when(time_nlp, "Members staged a protest demanding relief for the next three months.",
                "staged", "2024-05-05")
    assert (span.start, span.end, span.method) == (None, "2024-05-05", "publication")


def test_a_date_inside_what_was_ordered_does_not_date_the_order(time_nlp):
    """'get out now' is when the order should be obeyed; the telling happened before publication."""
    span = when(time_nlp, "President Rivas just told the general on the phone: no deal, just get out now.", "told",
                "2026-03-05")
    assert span.value != "PRESENT_REF" and span.method == "publication" and span.end == "2026-03-05"
    span = when(time_nlp, "The minister demanded that the troops leave by Friday.", "demanded", "2026-03-04")
    assert span.text != "Friday" and span.end == "2026-03-04"
    # a date attached to the trigger itself still dates it
    assert when(time_nlp, "On Monday the minister demanded that the troops leave.", "demanded", "2026-03-04").start == "2026-03-02"


def test_without_a_publication_date_events_are_unanchored_not_guessed(time_nlp):
    span = when(time_nlp, "Troops fired on a patrol near the border on Tuesday.", "fired", None)
    assert (span.start, span.end, span.method, span.text) == (None, None, "unanchored", "Tuesday")
    span = when(time_nlp, "Troops fired on a patrol near the border.", "fired", None)
    assert (span.start, span.method, span.anchored) == (None, "unanchored", False)
