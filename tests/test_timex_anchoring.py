"""Anchoring and recognition rules of the temporal tagger: 'soon' about the future, programme
names that look like deictic times, a month that dates a noun, 'the full year', and a weekday
planned in the past. Texts are fictional."""

from __future__ import annotations

import pytest


from test_timex_conventions import _timexes, time_nlp  # noqa: E402, F401


def _values(nlp, text: str, dct: str) -> dict[str, str]:  # noqa: ANN001
    return {t.text: t.value for t in _timexes(nlp, text, dct)}


# --- "soon" ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The refinery will soon resume deliveries to the north.",
    "Investigators may soon question the port director.",
    "The ministry expects exports to soon recover.",
])
def test_soon_in_a_clause_about_the_future_is_future_ref(time_nlp, text: str) -> None:  # noqa: ANN001
    assert _values(time_nlp, text, "2024-05-02").get("soon") == "FUTURE_REF"


@pytest.mark.parametrize("text", [
    "The convoy was soon stopped at the border.",
    "The talks resumed as soon as the ceasefire held.",
    "The envoy left soon after the vote.",
])
def test_soon_in_a_past_narrative_or_a_connective_is_no_timex(time_nlp, text: str) -> None:  # noqa: ANN001
    assert "soon" not in _values(time_nlp, text, "2024-05-02")


# --- programme names ---------------------------------------------------------------------------
def test_a_programme_named_this_week_is_no_timex(time_nlp) -> None:  # noqa: ANN001
    values = _values(time_nlp, 'The minister, speaking on the network\'s "This Week," denied the report.', "2024-05-05")
    assert "This Week" not in values


def test_a_programme_named_today_is_no_timex_but_a_quoted_sentence_opening_is(time_nlp) -> None:  # noqa: ANN001
    values = _values(time_nlp, 'You are listening to Radio Delta Today. "Today we vote," she said.', "2024-05-05")
    assert list(values.values()) == ["2024-05-05"]


def test_a_capitalised_deictic_time_after_a_verb_stays_a_timex(time_nlp) -> None:  # noqa: ANN001
    assert _values(time_nlp, "The spokesman said Today is a day of mourning.", "2024-05-05").get("Today") == "2024-05-05"


# --- a month that dates a noun ------------------------------------------------------------------
def test_a_month_modifying_a_noun_is_the_nearest_not_the_verbs_future(time_nlp) -> None:  # noqa: ANN001
    text = "The port authority is continuing to try to sell the terminal, under a June agreement with the unions."
    assert _values(time_nlp, text, "2023-10-27")["June"] == "2023-06"


def test_a_month_after_in_still_follows_the_future_tense(time_nlp) -> None:  # noqa: ANN001
    text = "The port authority is going to sell the terminal in June."
    assert _values(time_nlp, text, "2023-10-27")["June"] == "2024-06"


# --- "the full year" --------------------------------------------------------------------------
def test_the_full_year_is_the_year_reported_not_a_target_year_named_before(time_nlp) -> None:  # noqa: ANN001
    text = ("Until recently, the brewer said that by 2026 it intended to double its share. "
            "Its chairman forecast higher earnings for the full year.")
    assert _values(time_nlp, text, "2023-10-30")["the full year"] == "2023"


# --- a weekday planned in the past ----------------------------------------------------------------
def test_a_weekday_planned_in_the_past_is_the_nearest_one(time_nlp) -> None:  # noqa: ANN001
    # 2024-05-03 is a Friday: the rally planned "on Saturday" is the next day, not six days before
    text = "Farmers planned a large rally in the capital on Saturday."
    assert _values(time_nlp, text, "2024-05-03")["Saturday"] == "2024-05-04"


def test_a_weekday_of_a_cancelled_plan_can_lie_before_publication(time_nlp) -> None:  # noqa: ANN001
    # 2024-05-05 is a Sunday: the vigil planned "for Saturday" was the day before
    text = "A vigil planned at the cathedral for Saturday was cancelled after threats."
    assert _values(time_nlp, text, "2024-05-05")["Saturday"] == "2024-05-04"


def test_a_fronted_weekday_dates_the_planning(time_nlp) -> None:  # noqa: ANN001
    # 2024-05-08 is a Wednesday: "On Friday" told in the past is the Friday before
    text = "On Friday, the government planned to pay the first claims."
    assert _values(time_nlp, text, "2024-05-08")["Friday"] == "2024-05-03"
