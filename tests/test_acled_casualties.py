"""Fatalities of an incident: split notes, bare-number sentences, anaphoric event nouns, causative deaths."""

from __future__ import annotations

import pytest

from brinkwatch.extract.event_casualties import Split, closing_count, split_share, stated_killed


@pytest.mark.parametrize(("text", "want"), [
    ("Twelve fatalities split between three events.", Split(3)),
    ("Unknown fatalities coded as 10 and split between the two events with 5 coded to each.", Split(2, 5)),
    ("Fatalities are split across 2 events (3).", Split(2, 3)),
    ("Fatalities coded across 2 events.", Split(2)),
    ("The convoy split into two columns.", None),
])
def test_split_share(text: str, want: Split | None) -> None:
    assert split_share(text) == want


def test_uneven_split_rounds_half_up() -> None:
    assert Split(3).share(20) == 7 and Split(2).share(48) == 24 and Split(2, 5).share(10) == 5


def test_closing_count_reads_counts_that_are_split_and_joint_counts() -> None:
    assert closing_count("Twelve fatalities split between three events.") == 12
    assert closing_count("Dozens of fatalities and injuries coded as 6.") == 6


def test_a_number_split_off_its_sentence_still_counts() -> None:
    assert stated_killed("14 rebel fighters were killed in the fight.") == 14


def _violent(nlp, text: str) -> list:
    return [e for e in nlp(text)._.bw_events if e.plover == "ASSAULT" and e.modality in ("asserted", "reported")]


def test_the_toll_of_a_split_note_is_shared(nlp) -> None:
    events = _violent(nlp, "On 3 June, rebels and soldiers clashed near the border. The fighting left 9 soldiers "
                           "dead. Fatalities split between 3 events.")
    assert events and all(e.fatalities == 3 for e in events)


def test_a_definite_event_noun_continues_the_incident(nlp) -> None:
    events = _violent(nlp, "Fighting erupted between two armed groups in the valley. The clashes resulted in "
                           "more than 12 fighters killed.")
    assert events and all(e.fatalities == 12 for e in events)


def test_a_partial_no_casualties_does_not_erase_the_dead(nlp) -> None:
    events = _violent(nlp, "Five rebels were killed in a firefight with the army. Officials said there were "
                           "no casualties on the government side.")
    assert events and all(e.fatalities == 5 for e in events)


def test_fatally_and_death_of(nlp) -> None:
    assert [e.fatalities for e in _violent(nlp, "Two thieves were fatally assaulted by residents.")] == [2]
    events = _violent(nlp, "Police fired on stone-throwing demonstrators, leading to the death of one demonstrator.")
    assert events and events[0].fatalities == 1
