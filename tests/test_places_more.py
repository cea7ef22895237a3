"""Places, issue 5: event location when the gazetteer lacks the village or holds a far
namesake, "City-Quarter" names, division names under another romanisation, and division
seats.

Texts are sentences written for these tests (real place names, invented events).
"""

from __future__ import annotations

import pytest
from test_places_event_location import _event_place, full_nlp  # noqa: F401  (shared fixture and helper)


@pytest.fixture(scope="module")
def gaz():
    from brinkwatch.knowledge.places import load_gazetteer

    return load_gazetteer()


def test_kind_word_then_comma_still_qualifies():
    from brinkwatch.extract.places_recognise import qualifies

    assert qualifies(" district, ")
    assert qualifies(" town (")
    assert qualifies(" village of ")
    assert not qualifies(" and ")


def test_a_far_namesake_head_gives_way_to_its_qualifiers():
    from brinkwatch.extract.places import _located
    from brinkwatch.model import Place

    village = Place(text="Borgi", start=0, end=5, name="Borge", country="ESP", lat=36.8, lon=-4.2, precision="point")
    district = Place(text="Ahmadabad", start=10, end=19, name="Ahmadabad", country="IND", lat=23.0, lon=72.6,
                     precision="admin2")
    province = Place(text="Paktia", start=21, end=27, name="Paktia", country="AFG", lat=33.6, lon=69.4,
                     precision="admin1")
    assert _located([village, district, province]) is province


def test_a_far_namesake_qualifier_between_a_town_and_its_province_is_skipped():
    from brinkwatch.extract.places import _located
    from brinkwatch.model import Place

    town = Place(text="Higuerote", start=0, end=9, name="Higuerote", country="VEN", admin1="Miranda", lat=10.48,
                 lon=-66.1, precision="point")
    namesake = Place(text="Brion", start=11, end=16, name="Brion", country="FRA", lat=47.4, lon=3.0, precision="point")
    province = Place(text="Miranda", start=18, end=25, name="Miranda", country="VEN", admin1="Miranda", lat=10.3,
                     lon=-66.4, precision="admin1")
    assert _located([town, namesake, province]) is town


def test_a_town_of_another_country_is_no_event_place_when_the_text_is_set_elsewhere(full_nlp):
    # "Thor" is only an Austrian village in the gazetteer; the report is set in Senegal
    doc = full_nlp("On 3 June 2021, gendarmes arrested twelve traders in Thor village near Thies. "
                   "Officials in Thies later released them.")
    place = _event_place(doc, "arrested")
    assert place is not None and place.country == "SEN"


def test_a_capital_of_another_country_stays_an_event_place(full_nlp):
    doc = full_nlp("On 3 June 2021, Malian exiles protested in Paris against the junta in Bamako and Mopti. "
                   "Bamako officials said nothing.")
    place = _event_place(doc, "protested")
    assert place is not None and place.country == "FRA"


def test_several_locatives_none_attached_give_the_first(full_nlp):
    doc = full_nlp("On 4 June 2021, the city of Hays (Hays, Al Hudaydah) saw heavy shelling from Al Maqani.")
    place = _event_place(doc, "shelling")
    assert place is not None and place.country == "YEM"


def test_one_town_and_its_province_without_a_preposition(full_nlp):
    doc = full_nlp("As reported on 2 June 2021, Coatzacoalcos, Veracruz, members of a gang delivered food packages.")
    place = _event_place(doc, "delivered")
    assert place is not None and place.name == "Coatzacoalcos"


def test_a_city_quarter_name_stands_for_its_city(full_nlp):
    doc = full_nlp("On 5 June 2021, gunmen shot a trader in Mogadishu-Wadajir district (Wadajir, Banadir).")
    assert any(p.name == "Mogadishu" for p in doc._.bw_places)


def test_a_division_under_another_romanisation(full_nlp):
    doc = full_nlp("On 5 June 2021, two policemen were killed by militants in Wardak province.")
    place = _event_place(doc, "killed")
    assert place is not None and place.country == "AFG" and place.precision == "admin1"


def test_a_division_is_seated_at_its_namesake_capital(gaz):
    from brinkwatch.knowledge.places import distance_km

    state = next(c.entry for c in gaz.lookup("Chihuahua") if c.entry.feature == "province")
    city = next(c.entry for c in gaz.lookup("Chihuahua") if c.entry.feature == "city" and c.entry.population > 500_000)
    assert distance_km(state.lat, state.lon, city.lat, city.lon) < 5


def test_a_same_named_town_elsewhere_does_not_move_a_division(gaz):
    from brinkwatch.knowledge.places import distance_km

    state = next(c.entry for c in gaz.lookup("Tabasco") if c.entry.feature == "province")
    villahermosa = next(c.entry for c in gaz.lookup("Villahermosa") if c.entry.country == "MEX")
    assert distance_km(state.lat, state.lon, villahermosa.lat, villahermosa.lon) < 150
