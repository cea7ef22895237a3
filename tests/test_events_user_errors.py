"""Errors a user saw in the bundled example's timeline, each fixed by a general rule. Fictional text."""

from __future__ import annotations

import pytest

from brinkwatch.extract import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def events(nlp, text: str, dct: str = "2026-03-06"):  # noqa: ANN001, ANN201
    doc = nlp.make_doc(text)
    doc._.bw_dct = dct
    return nlp(doc)._.bw_events


def test_a_pronoun_object_is_never_the_subject_itself(nlp):
    """'The ministry sanctioned the admiral, accusing them of ...' is not the ministry accusing itself."""
    evs = events(nlp, "The U.S. Treasury Department on Tuesday sanctioned Venezuela's navy chief and two officers, "
                      "accusing them of ordering the attack.")
    accuse = [e for e in evs if e.plover == "ACCUSE"]
    assert accuse and all(t.name != "Treasury Department" for e in accuse for t in e.target)


def test_a_vessel_named_like_a_known_person_is_not_that_person(nlp):
    doc = nlp("The trawler, the Lady Sharon, was hit by machine-gun fire off the coast.")
    assert all(a.name != "Ariel Sharon" for a in doc._.bw_actors)
    doc = nlp("Prime Minister Sharon visited the Temple Mount. The Sharon government fell.")
    assert [a.name for a in doc._.bw_actors if a.name] == ["Ariel Sharon"] and doc._.bw_actors[-1].country == "ISR"


def test_the_wounded_flown_to_a_city_are_not_a_visit(nlp):
    evs = events(nlp, "The two wounded crew members were flown to Georgetown for treatment.")
    assert not [e for e in evs if e.plover == "CONSULT"]
    evs = events(nlp, "The foreign minister flew to Georgetown on Friday.")
    assert [e.plover for e in evs] == ["CONSULT"]


def test_the_right_to_fire_is_no_fire(nlp):
    evs = events(nlp, "The United States on Thursday defended the right of Russian troops to fire on militants in the region.")
    assert not [e for e in evs if e.plover == "ASSAULT" and e.modality in ("asserted", "reported")]


def test_a_relative_clause_about_a_place_past_is_background(nlp):
    evs = events(nlp, "Serbia lifted a night curfew in Montenegro, where 28 people have been killed in riots this year.")
    assert not [e for e in evs if e.plover == "ASSAULT"]
    # the same event told in a clause: an encounter in which two were killed stays an event
    evs = events(nlp, "Soldiers clashed with militants near the town in which two militants were killed.")
    assert [e for e in evs if e.plover == "ASSAULT"]


def test_a_vow_reported_by_officials_is_a_vow_and_the_fight_is_future(nlp):
    evs = events(nlp, "Ethnic Albanians have sworn to fight for the villages near the border, officials said Wednesday.")
    fight = [e for e in evs if e.trigger == "fight"]
    assert fight and fight[0].modality == "future"
    # going somewhere to protest is a protest that happened
    evs = events(nlp, "Residents went to the streets to protest the water shortage.")
    assert [e.modality for e in evs if e.plover == "PROTEST"] == ["asserted"]


def test_completing_or_speeding_up_a_withdrawal_is_a_withdrawal(nlp):
    for text in ("Rebel commanders said their forces had completed their withdrawal from the town.",
                 "The government speeded up the withdrawal of its troops from the border on Wednesday."):
        assert "RETREAT" in [e.plover for e in events(nlp, text)], text


def test_what_an_act_is_meant_to_allow_did_not_happen_and_a_protests_purpose_is_the_protest(nlp):
    evs = events(nlp, "The general resigned yesterday to allow the country's first free elections to take place.")
    assert [e.modality for e in evs if e.plover == "CONCEDE"] in ([], ["future"])
    assert "RETREAT" in [e.plover for e in evs]
    evs = events(nlp, "Up to 1,000 farmers began a hunger strike on Monday to protest against the new law.")
    assert [e.plover for e in evs if e.modality in ("asserted", "reported")] == ["PROTEST"]


def test_signing_a_treaty_is_one_event(nlp):
    evs = events(nlp, "The two presidents today signed a treaty of friendship and cooperation.")
    assert len([e for e in evs if e.modality in ("asserted", "reported")]) == 1


def test_the_medium_of_an_announcement_is_not_its_target(nlp):
    evs = events(nlp, "Defence Minister General Aurelio Casanova announced the deployment on state television.")
    assert all(not e.target for e in evs if e.plover == "MOBILIZE")
    evs = events(nlp, "Rebels attacked the state television building.")
    assert [a.text for e in evs if e.plover == "ASSAULT" for a in e.target] == ["the state television building"]


def test_a_place_named_as_an_actor_takes_the_country_its_place_resolved_to(nlp):
    """The actor coder's context-free guess for a place name gives way to the places component."""
    from brinkwatch.extract.events import _place_actors_from_places
    from brinkwatch.model import Actor, Place

    doc = nlp.make_doc("Venezuela moved troops into Bolívar state.")
    guess = Actor(text="Bolívar state", start=28, end=41, country="USA", kind="place", method="gazetteer")
    named = Actor(text="Venezuela", start=0, end=9, country="VEN", method="knowledge")
    doc._.bw_actors = [named, guess]
    doc._.bw_places = [Place(text="Bolívar", start=28, end=35, country="VEN")]
    _place_actors_from_places(doc)
    assert guess.country == "VEN" and named.country == "VEN"


def test_an_aim_is_no_promise_and_a_refusal_to_allow_is_negated(nlp):
    evs = events(nlp, "Uzbekistan opened the Friendship Bridge to allow the delivery of grain to Afghanistan.")
    assert "AGREE" not in [e.plover for e in evs]  # no derived AGREE from the aim
    evs = events(nlp, "The rebels refused to allow United Nations planes to land.")
    assert [e.modality for e in evs if e.plover == "CONCEDE"] in ([], ["negated"])
    evs = events(nlp, "The rebels agreed to withdraw from the town.")
    assert "AGREE" in [e.plover for e in evs if e.modality == "asserted"]  # a commitment still is one


def test_a_force_described_with_its_support_is_no_act_of_support(nlp):
    evs = events(nlp, "He said the soldiers, supported by armoured units and fighter jets, would take up positions near the border.")
    assert "SUPPORT" not in [e.plover for e in evs]
    evs = events(nlp, "Rwanda supported the rebels with weapons and money.")
    assert "SUPPORT" in [e.plover for e in evs]


def test_an_event_noun_inside_a_setting_clause_is_background(nlp):
    evs = events(nlp, "About 200 teachers marched on Tuesday in Norland, where 14 people were killed in riots last "
                      "spring, the radio said.")
    assert [e.plover for e in evs if e.trigger == "riots"] == []
    assert [e.plover for e in evs if e.trigger == "marched"] == ["PROTEST"]


def test_a_part_of_an_aid_programme_is_aid(nlp):
    evs = events(nlp, "Eastland suspended part of its military aid program for Norland on Friday.")
    assert [e.plover for e in evs] == ["SANCTION"]
    evs = events(nlp, "Eastland suspended part of its space program on Friday.")
    assert "SANCTION" not in [e.plover for e in evs]


def test_accepting_a_formula_or_compromise_is_agreement(nlp):
    for thing in ("a formula for ending the fisheries dispute", "the compromise on fishing quotas"):
        evs = events(nlp, f"Ostravia today accepted {thing} with its neighbours.")
        assert "AGREE" in [e.plover for e in evs], thing


def test_what_a_party_is_accused_or_arrested_for_is_an_allegation(nlp):
    evs = events(nlp, "Ostravia accused Norland of violating the truce and shelling two villages.")
    assert [e.plover for e in evs if e.modality in ("asserted", "reported")] == ["ACCUSE"]
    evs = events(nlp, "A trader was arrested in Eastland for collaborating with Norland.")
    assert [e.plover for e in evs if e.modality in ("asserted", "reported")] == ["COERCE"]
    # an act the accusation does not govern stays
    evs = events(nlp, "Norland shelled two villages on Monday, and Ostravia accused it of aggression.")
    assert "ASSAULT" in [e.plover for e in evs]


def test_an_act_a_force_is_accused_of_in_the_passive_is_reported(nlp):
    evs = events(nlp, "On 2 May, police in Kettle Bay are accused of assaulting a taxi driver.")
    assert "ASSAULT" in [e.plover for e in evs if e.modality in ("asserted", "reported")]


def test_an_event_noun_in_the_passive_of_a_light_verb_is_an_event(nlp):
    evs = events(nlp, "On 8 May, a protest was held in Kettle Bay against the mayor.")
    assert [e.plover for e in evs] == ["PROTEST"]
    evs = events(nlp, "Talks were held in Geneva on Monday between the two foreign ministers.")
    assert [e.plover for e in evs] == ["CONSULT"]
    # a noun that is only mentioned is still no event
    evs = events(nlp, "The protest movement was popular in Kettle Bay.")
    assert evs == []


def test_shells_fired_by_a_force_are_an_attack(nlp):
    evs = events(nlp, "On 2 May, shells fired by Ostravian forces fell in Kettle Bay. No casualties reported.")
    assert [e.plover for e in evs] == ["ASSAULT"]


def test_coordinated_verbs_share_their_object_and_agent(nlp):
    evs = events(nlp, "On 6 May, gunmen shot and wounded two Norland soldiers near Kettle Bay.")
    shot = [e for e in evs if e.trigger == "shot"]
    assert shot and "soldiers" in " ".join(t.text for t in shot[0].target)
    evs = events(nlp, "On 3 May, two Norland soldiers were shot and killed by Ostravian rebels in Kettle Bay.")
    shot = [e for e in evs if e.trigger == "shot"]
    assert shot and "rebels" in " ".join(s.text for s in shot[0].source)


def test_an_armed_target_is_a_battle_whatever_building_it_guards(nlp):
    evs = events(nlp, "On 29 April, gunmen killed a police officer attached to the Government House in Kettle Bay.")
    assert [(e.acled_event_type, e.acled_sub_event_type) for e in evs] == [("Battles", "Armed clash")]
    evs = events(nlp, "On 29 April, gunmen killed an off-duty police officer in Kettle Bay.")
    assert [e.acled_event_type for e in evs] == ["Violence against civilians"]
    evs = events(nlp, "On 3 May, gunmen shot dead an army lieutenant in Kettle Bay.")
    assert [e.acled_event_type for e in evs] == ["Battles"]


def test_an_exchange_of_fire_between_two_sides_is_a_battle_between_them(nlp):
    evs = events(nlp, "On 8 May, an exchange of fire took place between Norland troops and Ostravian rebels "
                      "near Kettle Bay.")
    fire = [e for e in evs if e.trigger == "exchange"]
    assert fire and (fire[0].acled_event_type, fire[0].acled_sub_event_type) == ("Battles", "Armed clash")
    assert [s.text for s in fire[0].source][:1] == ["Norland troops"]
    assert all(t.text != "place" for t in fire[0].target)
    # an exchange of prisoners is no fighting
    evs = events(nlp, "Norland and Ostravia agreed on an exchange of prisoners.")
    assert "ASSAULT" not in [e.plover for e in evs]


def test_armed_families_clashing_is_a_battle_not_mob_violence(nlp):
    evs = events(nlp, "On 4 May, two armed families clashed in Kettle Bay.")
    assert [(e.acled_event_type, e.acled_sub_event_type) for e in evs] == [("Battles", "Armed clash")]
