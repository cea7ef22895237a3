"""Event-coding categories fixed for issue 3, each on fictional sentences written for these tests:
idioms of rejection, commentary and headline fragments that state no event, non-asserted acts,
demands that are a protest's purpose, incident fatalities and ACLED protest sub-types."""

from __future__ import annotations

import pytest

from brinkwatch.extract.event_casualties import sentence_toll, stated_killed
from brinkwatch.model import FACTUAL_MODALITIES, Event

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def run(nlp):
    def coded(text: str) -> list[Event]:
        doc = nlp.make_doc(text)
        doc._.bw_article_id = "test-article"
        doc._.bw_dct = "2031-03-04"
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        return list(doc._.bw_events)

    return coded


def factual(events: list[Event]) -> list[str]:
    return [e.plover for e in events if e.modality in FACTUAL_MODALITIES]


# --- pure helpers -----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "want"), [
    ("4 fatalities.", 4),
    ("Fatalities coded as 10.", 10),
    ("The blast caused at least six deaths.", 6),
    ("No casualties were reported.", 0),
    ("Twelve fatalities split between three events.", None),
    ("The convoy reached the port.", None),
])
def test_sentence_toll(text: str, want: int | None) -> None:
    assert sentence_toll(text) == want


def test_stated_killed_ignores_years() -> None:
    assert stated_killed("Three guards were reportedly killed and 2 were wounded.") == 3
    assert stated_killed("On 3 March 2031 gunmen killed a farmer.") == 0


# --- categories ---------------------------------------------------------------------------------
def test_shooting_down_a_proposal_is_a_rejection(run) -> None:
    events = run("The governor shot the proposal down within hours.")
    assert "REJECT" in factual(events)
    assert "ASSAULT" not in factual(events)


def test_shooting_down_an_aircraft_is_still_an_attack(run) -> None:
    assert "ASSAULT" in factual(run("Rebels shot down a military helicopter near the river."))


def test_commentators_warnings_are_not_threats(run) -> None:
    assert "THREATEN" not in factual(run("Analysts warn that the northern fleet is poorly maintained."))
    assert "THREATEN" in factual(run("The general warned the rebels that his troops would attack the camp."))


def test_speaking_to_reporters_is_no_consultation(run) -> None:
    events = run("Speaking to reporters in the capital, the prime minister said nothing new.")
    assert "CONSULT" not in factual(events)


def test_headline_fragments_state_no_event(run) -> None:
    assert factual(run("The Secret Call That Changed The War")) == []
    assert factual(run("Retired Colonel Author Jane Doe Shares Her Expertise With Readers")) == []


def test_a_gerund_named_as_a_topic_or_a_question_is_not_asserted(run) -> None:
    events = run("Offering a truce becomes impossible for the council after the vote.")
    assert "AGREE" not in factual(events)
    events = run("Could the council really offer a truce to the rebels now?")
    assert factual(events) == []


def test_negative_object_and_subject(run) -> None:
    events = run("The embassy received no response from the foreign ministry.")
    assert "CONSULT" not in factual(events)


def test_a_promise_of_revenge_is_a_threat(run) -> None:
    events = run("The militia leader vowed revenge against the border police.")
    assert "THREATEN" in factual(events)
    assert "AGREE" not in factual(events)


def test_an_offer_is_not_the_offered_act(run) -> None:
    events = run("The mediators offered safe passage to the besieged garrison.")
    assert all(e.modality != "asserted" or e.plover != "AID" for e in events)


def test_a_protest_purpose_is_not_a_second_event(run) -> None:
    events = run("Hundreds of students staged a rally on Monday to demand lower fees.")
    assert factual(events) == ["PROTEST"]


def test_a_participle_of_the_same_act_is_merged(run) -> None:
    events = run("Insurgents shelled the market town on Tuesday, killing 12 civilians.")
    assaults = [e for e in events if e.plover == "ASSAULT" and e.modality in FACTUAL_MODALITIES]
    assert len(assaults) == 1
    assert assaults[0].fatalities == 12


# --- fatalities of an incident ------------------------------------------------------------------
def test_the_toll_in_a_following_sentence_belongs_to_the_attack(run) -> None:
    events = run("On Monday, rebels attacked an army post near the town. Seven soldiers were killed.")
    violent = [e for e in events if e.plover == "ASSAULT"]
    assert violent and all(e.fatalities == 7 for e in violent)


def test_a_closing_count_overrides_the_clauses(run) -> None:
    events = run("Gunmen shot dead a farmer and his son in the village. 2 fatalities.")
    assert [e.fatalities for e in events if e.plover == "ASSAULT"][0] == 2


def test_a_singular_victim_counts_one(run) -> None:
    events = run("Unknown gunmen shot dead a shopkeeper in the market on Friday.")
    assert [e.fatalities for e in events if e.plover == "ASSAULT"] == [1]


def test_injured_people_are_not_dead(run) -> None:
    events = run("Soldiers fired on the convoy. Four drivers were injured.")
    assert all(not e.fatalities for e in events)


# --- ACLED protest sub-types ----------------------------------------------------------------------
def test_intervention_in_the_next_sentence(run) -> None:
    events = run("Hundreds of teachers protested outside the ministry on Monday. Police dispersed them with tear gas.")
    protest = next(e for e in events if e.plover == "PROTEST")
    assert protest.acled_sub_event_type == "Protest with intervention"


def test_a_protest_against_an_arrest_is_peaceful(run) -> None:
    events = run("Nurses protested in the city centre against the arrest of a colleague.")
    protest = next(e for e in events if e.plover == "PROTEST")
    assert protest.acled_sub_event_type == "Peaceful protest"


def test_a_public_demand_of_workers_is_a_protest_for_acled(run) -> None:
    events = run("Workers of a textile factory demanded the payment of their wages outside the plant.")
    assert any(e.acled_event_type == "Protests" for e in events)
