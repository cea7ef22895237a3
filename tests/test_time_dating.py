"""Rule gaps closed in bw_time and the honesty of event dating. Every text is fictional.

Each test names the behaviour it pins down; each would fail if the rule it checks were removed."""

from __future__ import annotations

import pytest

from brinkwatch.extract.time import dates_other, event_time, is_comparison

DCT = "2025-12-01"  # a Monday, ISO week 2025-W49


@pytest.fixture(scope="module")
def time_nlp():
    from brinkwatch.extract import load_nlp

    return load_nlp(components=["bw_time"])


def tag(nlp, text: str, dct: str | None = DCT):  # noqa: ANN001, ANN201
    doc = nlp.make_doc(text)
    doc._.bw_dct = dct
    return nlp(doc)


def find(doc, expr: str):  # noqa: ANN001, ANN201
    found = [t for t in doc._.bw_timexes if t.text == expr]
    assert found, f"{expr!r} not in {[t.text for t in doc._.bw_timexes]}"
    return found[0]


def when(nlp, text: str, trigger: str, dct: str | None = DCT):  # noqa: ANN001, ANN201
    doc = tag(nlp, text, dct)
    tok = next(t for t in doc if t.text == trigger)
    return event_time(doc, tok.sent, tok)


# --- recognition and values ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expr", "type_", "value"),
    [
        ("Delegates met in the nineties to draft it.", "the nineties", "DATE", "199"),
        ("Police recalled the 1992 protests in the capital.", "1992", "DATE", "1992"),
        ("A 1996 law tightened the quotas.", "1996", "DATE", "1996"),
        ("The guards patrolled the pier Friday night.", "Friday night", "DATE", "2025-11-28"),
        ("Losses narrowed over the past two quarters.", "the past two quarters", "DURATION", "P2Q"),
        ("The firm pays interest every quarter.", "every quarter", "SET", "P1Q"),
        ("The mayor and the governor meet separately Thursday.", "Thursday", "DATE", "2025-12-04"),
        ("The governor says Monday was calm.", "Monday", "DATE", "2025-12-01"),
        ("The shares are to resume trading Tuesday.", "Tuesday", "DATE", "2025-12-02"),
        ("A new labour pact takes hold, effective March 1.", "March 1", "DATE", "2026-03-01"),
    ],
)
def test_values(time_nlp, text, expr, type_, value) -> None:  # noqa: ANN001
    tx = find(tag(time_nlp, text), expr)
    assert (tx.type, tx.value) == (type_, value)


def test_a_record_set_on_a_date_is_past(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "The index stayed near its record high set on Aug. 6.", dct="2025-02-06")
    assert find(doc, "Aug. 6").value == "2024-08-06"


def test_past_tense_month_is_not_a_season_ahead(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "In January, the council replaced its chairman.", dct="2025-10-27")
    assert find(doc, "January").value == "2025-01"
    doc = tag(time_nlp, "The talks were supposed to end by December.", dct="2025-10-27")
    assert find(doc, "December").value == "2025-12"


def test_counts_and_names_are_not_dates(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "The minister Jan Novak flew in with 2000 soldiers.")
    assert [t.text for t in doc._.bw_timexes] == []


def test_fiscal_quarter_ended_sets_the_calendar_quarter(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "Acme said earnings for its fourth quarter ended Sept. 30 fell. Sales rose in the latest "
                        "quarter and in the 1988 quarter too.", dct="1989-11-02")
    assert find(doc, "fourth quarter").value == "1989-Q4"
    assert find(doc, "the latest quarter").value == "1989-Q3"
    assert find(doc, "the 1988 quarter").value == "1988-Q3"


def test_day_month_order_follows_publication(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "Market notes from 03/12/2025.", dct="2025-12-03")
    assert find(doc, "03/12/2025").value == "2025-12-03"


# --- intervals ---------------------------------------------------------------------------------
def test_day_range_inside_one_token(time_nlp) -> None:  # noqa: ANN001
    span = find(tag(time_nlp, "Talks were held Dec. 3-5, 2024 in the port city."), "Dec. 3-5, 2024").span
    assert (span.start, span.end, span.granularity) == ("2024-12-03", "2024-12-05", "day")


def test_past_and_next_n_units_are_anchored_durations(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "Clashes killed 300 people over the past three years. Envoys will meet in the next two weeks.")
    past = find(doc, "the past three years")
    assert (past.value, past.span.start, past.span.end) == ("P3Y", "2022-12-02", DCT)
    nxt = find(doc, "the next two weeks")
    assert (nxt.span.start, nxt.span.end) == (DCT, "2025-12-14")


def test_earlier_and_later_this_year_stop_at_publication(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "The army mobilised earlier this year and will demobilise later this year.")
    early, late = find(doc, "earlier this year"), find(doc, "later this year")
    assert (early.value, early.mod, early.span.start, early.span.end) == ("2025", "START", "2025-01-01", DCT)
    assert (late.span.start, late.span.end) == (DCT, "2025-12-31")


def test_more_than_n_ago_has_no_known_start(time_nlp) -> None:  # noqa: ANN001
    tx = find(tag(time_nlp, "The blockade began more than two weeks ago."), "more than two weeks ago")
    assert (tx.mod, tx.span.start, tx.span.end) == ("MORE_THAN", None, "2025-11-23")


def test_late_in_a_week_is_its_last_four_days(time_nlp) -> None:  # noqa: ANN001
    """Thursday to Sunday: not the whole week (Monday is not 'late'), not a made-up weekend."""
    tx = find(tag(time_nlp, "The call came late last week."), "late last week")
    assert (tx.value, tx.mod, tx.span.start, tx.span.end, tx.span.granularity) == (
        "2025-W48", "END", "2025-11-27", "2025-11-30", "week")


@pytest.mark.parametrize(("text", "expr", "start", "end"), [
    ("Talks began early this week.", "early this week", "2025-12-01", "2025-12-03"),
    ("Talks stalled midweek, in the middle of last week.", "the middle of last week", "2025-11-25", "2025-11-27"),
])
def test_parts_of_a_week(time_nlp, text, expr, start, end) -> None:  # noqa: ANN001
    tx = find(tag(time_nlp, text), expr)
    assert (tx.span.start, tx.span.end, tx.span.granularity) == (start, end, "week")


def test_anaphora_skips_coarser_reference_times(time_nlp) -> None:  # noqa: ANN001
    doc = tag(time_nlp, "The summit opened late in the week of November 9, the first since a vote earlier this "
                        "year. Aides then tried to arrange talks over the subsequent weekend.")
    # 9 November 2025 is a Sunday: that week is 10-16 November, its weekend 15-16 November
    assert find(doc, "the subsequent weekend").value == "2025-W46-WE"


# --- event dating ------------------------------------------------------------------------------
def test_comparison_since_does_not_date_the_event(time_nlp) -> None:  # noqa: ANN001
    text = ("Since March 2025 the navy has staged its largest deployment in the gulf since the 1991 war, "
            "targeting smuggling boats.")
    doc = tag(time_nlp, text)
    assert is_comparison(doc, find(doc, "1991"))
    span = when(time_nlp, text, "targeting")
    assert (span.start, span.end) == ("2025-03-01", DCT)


def test_since_a_year_runs_to_publication(time_nlp) -> None:  # noqa: ANN001
    span = when(time_nlp, "The league has imposed sanctions since 2019.", "imposed")
    assert (span.start, span.end, span.method) == ("2019-01-01", DCT, "expression")


def test_a_noun_date_dates_only_what_it_caused(time_nlp) -> None:  # noqa: ANN001
    text = "The disputed 2023 referendum triggered protests, killing at least 12."
    span = when(time_nlp, text, "killing")
    assert (span.start, span.end) == ("2023-01-01", "2023-12-31")
    text = "Experts warned that the fleet, much of it dating to the 1980s, is obsolete."
    doc = tag(time_nlp, text)
    tok = next(t for t in doc if t.text == "warned")
    assert dates_other(doc, find(doc, "the 1980s"), tok)
    assert event_time(doc, tok.sent, tok).method == "publication"


def test_frame_noun_date_dates_its_clause(time_nlp) -> None:  # noqa: ANN001
    span = when(time_nlp, "The governor delivered an ultimatum during a phone call last week, urging the mayor "
                          "to resign.", "urging")
    assert (span.value, span.granularity, span.method) == ("2025-W48", "week", "expression")


def test_background_date_is_not_context(time_nlp) -> None:  # noqa: ANN001
    text = ("The envoys met on November 20. Observers cited fraud in the island's July 2024 vote. "
            "The envoys signed a truce.")
    span = when(time_nlp, text, "signed")
    assert (span.start, span.method) == ("2025-11-20", "context")


def test_future_event_without_date_starts_at_publication(time_nlp) -> None:  # noqa: ANN001
    span = when(time_nlp, "The council will vote on the budget.", "vote")
    assert (span.start, span.end, span.method) == (DCT, None, "publication")


def test_two_accounts_of_one_call_stay_week_level(time_nlp) -> None:  # noqa: ANN001
    """One report dates a call to 'late in the week of November 16', another, two days after the
    first, to 'toward the end of last week': each keeps its own late part of its own week (Thursday
    to Sunday), neither becomes a day, and the two accounts stay a week apart as the texts say."""
    first = when(time_nlp, "The call, which occurred late in the week of November 16, 2025, was tense.",
                 "occurred", dct="2025-12-01")
    second = when(time_nlp, "Sources say the call happened toward the end of last week.", "happened",
                  dct="2025-12-03")
    assert (first.start, first.end, first.granularity) == ("2025-11-20", "2025-11-23", "week")
    assert (second.start, second.end, second.granularity) == ("2025-11-27", "2025-11-30", "week")
