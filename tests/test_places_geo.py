"""Places, second round: GeoNames country points, division abbreviations, places inside
organisation names, disease names, demonyms as a corpus convention, and local focus.

Texts are fictional sentences written for these tests.
"""

from __future__ import annotations

import pytest

from brinkwatch.evaluate import toponyms
from brinkwatch.knowledge.places import distance_km, load_gazetteer


@pytest.fixture(scope="module")
def places_nlp():
    from brinkwatch.extract import load_nlp

    return load_nlp(components=["bw_places"])


def _by_text(nlp, text):
    return {p.text: p for p in nlp(text)._.bw_places}


def test_country_points_are_the_geonames_points():
    gaz = load_gazetteer()
    canada = gaz.by_country("CAN")
    usa = gaz.by_country("USA")
    assert distance_km(canada.lat, canada.lon, 60.10867, -113.64258) < 1
    assert distance_km(usa.lat, usa.lon, 39.76, -98.5) < 1


def test_demonym_of_several_territories_names_the_largest():
    gaz = load_gazetteer()
    assert gaz.demonym_entry("French").country == "FRA"
    assert gaz.demonym_entry("Chinese").country == "CHN"
    assert gaz.demonym_entry("European").feature == "region"


def test_state_abbreviation_after_a_town_resolves_the_town(places_nlp):
    places = _by_text(places_nlp, "A barn burned down near Glasgow, Ky., on Tuesday night.")
    assert places["Glasgow"].country == "USA" and places["Glasgow"].admin1 == "Kentucky"
    assert places["Ky."].name == "Kentucky"


def test_postal_code_alone_is_not_a_place(places_nlp):
    places = _by_text(places_nlp, "The committee said IN and OR votes were counted.")
    assert "IN" not in places and "OR" not in places


def test_place_opening_or_closing_an_organisation_name(places_nlp):
    places = _by_text(places_nlp, "Officers of the Kentucky State Police met a professor at the University of Manitoba.")
    assert places["Kentucky"].feature == "admin1"
    assert places["Manitoba"].country == "CAN"


def test_brand_names_ending_in_a_continent_are_not_places(places_nlp):
    assert "America" not in _by_text(places_nlp, "She works for the Bank of America in a small office.")


def test_place_names_used_for_diseases_are_not_places(places_nlp):
    places = _by_text(places_nlp, "Doctors confirmed two Marburg virus cases; Marburg cases rose again.")
    assert "Marburg" not in places


def test_local_focus_picks_the_town_in_the_named_country(places_nlp):
    text = ("Canada's weather office warned of snow. Schools in London closed early and buses in "
            "Toronto were late, while Ottawa stayed open.")
    place = _by_text(places_nlp, text)["London"]
    assert place.country == "CAN" and place.admin1 == "Ontario"


def test_capital_still_wins_without_local_hints(places_nlp):
    assert _by_text(places_nlp, "Ministers met in London on Friday.")["London"].country == "GBR"


def test_a_country_beats_its_capital_alias(places_nlp):
    assert _by_text(places_nlp, "Trade with Mexico grew last year.")["Mexico"].feature == "country"


def test_demonyms_are_places_only_by_option(places_nlp):
    text = "A Turkish court fined the company."
    assert "Turkish" not in _by_text(places_nlp, text)
    records = [{"id": "a", "corpus": "trnews", "text": text}, {"id": "b", "corpus": "geovirus", "text": text}]
    out = {r["id"]: r["toponyms"] for r in toponyms.annotate_records(records, places_nlp)}
    assert [(t["text"], t["geonameid"]) for t in out["a"]] == [("Turkish", 298795)]
    assert out["b"] == []
    assert places_nlp.get_pipe("bw_places").options.demonyms is False  # restored after annotating


def test_event_place_ignores_a_place_inside_an_organisation(places_nlp):
    from brinkwatch.extract.places import event_place

    doc = places_nlp("Officers from the Ohio State Patrol arrested two men.")
    sent = next(doc.sents)
    arrested = next(t for t in doc if t.text == "arrested")
    assert event_place(doc, sent, arrested) is None
