"""More anchoring and recognition rules of the temporal tagger: the quarter under discussion in an
earnings report, compound adjectives such as "quarter-to-quarter", and a part of the day anchored
to the day the text just named. Texts are fictional."""

from __future__ import annotations

from test_timex_conventions import _timexes, time_nlp  # noqa: F401


def _values(nlp, text: str, dct: str) -> dict[str, str]:  # noqa: ANN001
    return {t.text: t.value for t in _timexes(nlp, text, dct)}


# --- the reported quarter stays the quarter under discussion --------------------------------------
def test_an_earlier_quarter_named_for_contrast_does_not_replace_the_reported_one(time_nlp) -> None:  # noqa: ANN001
    text = ("Brightwater Mills posted a 12% gain in third-quarter profit. After a weak second quarter, "
            "the company cited lower costs. In the 1989 period, sales were also higher than a year ago.")
    values = _values(time_nlp, text, "1989-11-01")
    assert values["the 1989 period"] == "1989-Q3"
    assert values["a year ago"] == "1988-Q3"


def test_a_forecast_quarter_does_not_replace_the_reported_one(time_nlp) -> None:  # noqa: ANN001
    text = ("Harlow Freight said third-quarter net rose 8%. It expects a fourth-quarter charge. "
            "Revenue climbed to $90 million from $80 million a year ago.")
    assert _values(time_nlp, text, "1989-10-26")["a year ago"] == "1988-Q3"


# --- compound adjectives ---------------------------------------------------------------------------
def test_quarter_to_quarter_is_no_timex(time_nlp) -> None:  # noqa: ANN001
    values = _values(time_nlp, "The quarter-to-quarter comparison was helped by lower rates.", "1989-11-01")
    assert not any(k.lower().startswith("the quarter") for k in values)


def test_day_to_day_is_no_timex(time_nlp) -> None:  # noqa: ANN001
    assert _values(time_nlp, "The mill is run on a day-to-day basis.", "1989-11-01") == {}


# --- a part of the day anchored to the day just named -----------------------------------------------
def test_in_the_morning_is_part_of_the_day_just_named(time_nlp) -> None:  # noqa: ANN001
    text = "Hopes for a rally in Corvan shares faded Friday. Brokers placed large orders in the morning."
    assert _values(time_nlp, text, "1989-10-30")["the morning"] == "1989-10-27TMO"


def test_the_morning_without_a_day_named_is_no_timex(time_nlp) -> None:  # noqa: ANN001
    values = _values(time_nlp, "Brokers placed large orders in the morning, dealers said.", "1989-10-30")
    assert "the morning" not in values


def test_the_morning_papers_is_no_timex(time_nlp) -> None:  # noqa: ANN001
    text = "The strike began Tuesday. It was reported in the morning papers."
    assert "the morning" not in _values(time_nlp, text, "1999-05-06")


def test_the_next_morning_is_the_day_after_the_day_just_named(time_nlp) -> None:  # noqa: ANN001
    text = "The ferry captain was arrested on Tuesday. He appeared in court the next morning."
    assert _values(time_nlp, text, "2000-02-24")["the next morning"] == "2000-02-23"


# --- a clock time told with a part of the day --------------------------------------------------------
def test_an_hour_in_the_morning_is_a_clock_time(time_nlp) -> None:  # noqa: ANN001
    values = _values(time_nlp, "The convoy left the depot on Tuesday. It reached the port at 4 in the morning.", "2001-06-08")
    assert values["4 in the morning"] == "2001-06-05T04:00"


def test_an_hour_at_night_is_a_clock_time(time_nlp) -> None:  # noqa: ANN001
    values = _values(time_nlp, "The curfew starts at ten at night.", "2001-06-08")
    assert values["ten at night"] == "2001-06-08T22:00"


# --- "that day" needs a day to refer to -------------------------------------------------------------
def test_that_day_after_only_a_month_is_no_timex(time_nlp) -> None:  # noqa: ANN001
    text = "Sales slowed in September. When bad news hits, brokers see heavy selling that day."
    assert "that day" not in _values(time_nlp, text, "1989-10-27")


def test_that_day_after_a_day_is_that_day(time_nlp) -> None:  # noqa: ANN001
    text = "The dam failed on Sept. 4. Rescuers reached the valley that day."
    assert _values(time_nlp, text, "1989-10-27")["that day"] == "1989-09-04"


# --- a quarter of something is a fraction -------------------------------------------------------------
def test_a_quarter_of_the_market_is_no_timex(time_nlp) -> None:  # noqa: ANN001
    values = _values(time_nlp, "Pension funds hold more than a quarter of the bond market.", "1989-10-27")
    assert not any("quarter" in k for k in values)


def test_two_quarters_of_a_year_is_a_time(time_nlp) -> None:  # noqa: ANN001
    values = _values(time_nlp, "Losses narrowed over the last two quarters of the fiscal year.", "1989-10-27")
    assert any("quarters" in k for k in values)


# --- "today is the eighth day of ..." ----------------------------------------------------------------
def test_the_nth_day_said_in_the_present_is_today(time_nlp) -> None:  # noqa: ANN001
    values = _values(time_nlp, "It's the third day of a strike by dock workers in Varna.", "2003-05-14")
    assert values["the third day"] == "2003-05-14"


def test_the_nth_day_in_a_past_narrative_is_no_timex(time_nlp) -> None:  # noqa: ANN001
    values = _values(time_nlp, "On the third day of the talks, the delegates walked out.", "2003-05-14")
    assert "the third day" not in values


# --- programme names that look like durations ----------------------------------------------------------
def test_a_programme_named_like_a_duration_is_no_timex(time_nlp) -> None:  # noqa: ANN001
    values = _values(time_nlp, "The minister said on ``48 Hours'' that the deal was off.", "2003-05-14")
    assert "48 Hours" not in values


def test_a_plain_duration_is_still_a_timex(time_nlp) -> None:  # noqa: ANN001
    values = _values(time_nlp, "The minister said the talks lasted 48 hours.", "2003-05-14")
    assert values["48 hours"] == "PT48H"


def test_several_quarters_of_losses_is_a_time(time_nlp) -> None:  # noqa: ANN001
    values = _values(time_nlp, "The unit turned a profit after several quarters of losses.", "1989-10-27")
    assert values.get("several quarters") == "PXQ"


def test_that_same_day_after_a_month_is_a_day_of_that_month(time_nlp) -> None:  # noqa: ANN001
    text = ("The depot was closed on Thursday. Two guards were attacked last October in Lodz. "
            "Their names were removed from the roster that same day.")
    tx = [t for t in _timexes(time_nlp, text, "1999-02-06") if t.text.endswith("same day")][0]
    assert tx.value == "1998-10-XX"
    assert (tx.span.start, tx.span.end) == ("1998-10-01", "1998-10-31")


# --- "overnight" is not a time of its own -----------------------------------------------------------
def test_overnight_rates_and_an_overnight_stay_are_no_timex(time_nlp) -> None:  # noqa: ANN001
    values = _values(time_nlp, "Overnight rates rose, and the envoy cut short an overnight stay.", "2004-07-09")
    assert not any(k.lower() == "overnight" for k in values)
