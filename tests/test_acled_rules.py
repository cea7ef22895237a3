"""ACLED event type / sub-type: decided from the codebook's definitions and the actors' kinds."""

from __future__ import annotations

import pytest

from brinkwatch.extract.event_rules_acled import AcledInput, acled_type
from brinkwatch.model import Actor
from brinkwatch.ontology.loader import acled_trigger_patterns, load


def _actor(text: str, sector: str | None = None) -> Actor:
    return Actor(text=text, start=0, end=len(text), kind="description", sector=sector)


def typed(plover: str, trigger: str, sentence: str, *, source: str = "", target: str = "",
          context: str = "", mode: str | None = None) -> tuple[str | None, str | None]:
    src = (_actor(source),) if source else ()
    tgt = (_actor(target),) if target else ()
    return acled_type(AcledInput(plover, mode, trigger, sentence, src, tgt, target, context))


def test_shooting_civilians_with_small_arms_is_violence_against_civilians() -> None:
    got = typed("ASSAULT", "shoot", "Gunmen shot and killed two civilians in the market using small arms fire.",
                source="Gunmen", target="two civilians")
    assert got == ("Violence against civilians", "Attack")


def test_killing_militants_is_a_battle() -> None:
    got = typed("ASSAULT", "kill", "Army troops killed six rebel fighters near the river.",
                source="Army troops", target="six rebel fighters")
    assert got == ("Battles", "Armed clash")


def test_an_off_duty_officer_is_a_civilian_target() -> None:
    got = typed("ASSAULT", "shoot", "Armed men shot an off-duty police officer outside his home.",
                source="Armed men", target="an off-duty police officer")
    assert got == ("Violence against civilians", "Attack")


def test_abducting_a_soldier_is_a_battle_and_abducting_a_farmer_is_not() -> None:
    assert typed("ASSAULT", "abduct", "Gunmen abducted a soldier at the checkpoint.", source="Gunmen",
                 target="a soldier") == ("Battles", "Armed clash")
    assert typed("ASSAULT", "abduct", "Gunmen abducted a farmer on his field.", source="Gunmen",
                 target="a farmer") == ("Violence against civilians", "Abduction/forced disappearance")


def test_fire_in_both_directions_is_an_armed_clash_even_with_mortars() -> None:
    sentence = "Separatist forces fired mortars at army positions near the village."
    context = "Monitors counted 40 explosions in both directions of the contact line."
    assert typed("ASSAULT", "fire", sentence, source="Separatist forces", target="army positions",
                 context=context) == ("Battles", "Armed clash")
    assert typed("ASSAULT", "fire", sentence, source="Separatist forces", target="army positions") == (
        "Explosions/Remote violence", "Shelling/artillery/missile attack")


def test_a_liberation_front_is_no_captured_territory() -> None:
    got = typed("COERCE", "arrest", "Security forces arrested a leader of the National Liberation Front in the town.",
                source="Security forces", target="a leader")
    assert got == ("Strategic developments", "Arrests")


def test_the_arrest_a_protest_denounces_is_no_intervention() -> None:
    sentence = "Reporters protested in the capital against the arrest of their editor."
    context = "He was arrested on a fraud charge last week. [size=no report]"
    assert typed("PROTEST", "protest", sentence, source="Reporters", context=context) == (
        "Protests", "Peaceful protest")
    dispersed = "Police dispersed the crowd with tear gas. [size=around 50]"
    assert typed("PROTEST", "protest", sentence, source="Reporters", context=dispersed) == (
        "Protests", "Protest with intervention")
    detained = "Twelve protesters were detained. [size=dozens]"
    assert typed("PROTEST", "protest", sentence, source="Reporters", context=detained) == (
        "Protests", "Protest with intervention")


def test_violence_in_a_demonstration_note_is_a_riot() -> None:
    sentence = "A man was beaten to death by a group of villagers over a land dispute."
    assert typed("ASSAULT", "beat", sentence, target="A man", context="1 killed. [size=no report]") == (
        "Riots", "Mob violence")
    stones = "Demonstrators pelted stones at the police station."
    assert typed("ASSAULT", "pelt", stones, source="Demonstrators", target="the police station",
                 context="[size=hundreds]") == ("Riots", "Violent demonstration")
    # without ACLED's crowd-size tag the same wording is read from the coded actors alone
    assert typed("ASSAULT", "beat", sentence, target="A man") == ("Violence against civilians", "Attack")


def test_a_demand_in_a_demonstration_note_is_a_protest() -> None:
    got = typed("REQUEST", "demand", "Taxi drivers demanded lower fuel prices in the city centre.",
                source="Taxi drivers", context="[size=around 30]")
    assert got == ("Protests", "Peaceful protest")
    assert typed("REQUEST", "demand", "The minister demanded lower fuel prices.", source="The minister") == (None, None)


def test_demonstration_marker_and_trigger_patterns_load() -> None:
    onto = load()
    assert onto.demonstration_marker is not None and onto.demonstration_marker.search("x [size=20]")
    pats = acled_trigger_patterns()
    assert {"id", "lemmas", "cameo"} <= set(pats[0])
    for p in pats:
        assert p["cameo"] in onto.codes, p["id"]


@pytest.mark.parametrize("rule_field", ["marker", "target", "scope"])
def test_rule_fields_are_parsed(rule_field: str) -> None:
    rules = load().acled_rules
    if rule_field == "marker":
        assert any(r.marker for r in rules) and not all(r.marker for r in rules)
    elif rule_field == "target":
        assert {r.target for r in rules} >= {"armed", "not_civilian", None}
    else:
        assert {r.scope for r in rules} == {"sentence", "incident"}
