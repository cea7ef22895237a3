"""Places, PL6: the event location skips places the gazetteer cannot place, a place entity
the model ran over a comma is split into the place and its qualifier, and a country named
only as a currency ("the US dollar") is no place.

Texts are sentences written for these tests (real place names, invented events).
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def full_nlp():
    from brinkwatch.extract import load_nlp

    return load_nlp()


def _event_place(doc, trigger):
    from brinkwatch.extract.places import event_place

    tok = next(t for t in doc if t.text == trigger)
    return event_place(doc, tok.sent, tok)


def test_an_unplaceable_locative_does_not_hide_a_placed_one(full_nlp):
    # "Zorblat Heights" is in no gazetteer; the event is still in Manaus
    doc = full_nlp("On 9 May 2020, in Manaus, Amazonas, a man was beaten to death in Zorblat Heights neighborhood.")
    place = _event_place(doc, "beaten")
    assert place is not None and place.country == "BRA"
    assert place.name == "Manaus"


def test_a_place_entity_over_a_comma_is_split(full_nlp):
    doc = full_nlp("On 6 May 2020, a man drove through a fence of a camp housing refugees in Obrenovac, Serbia, "
                   "and continued to drive through the yard.")
    names = {p.name: p.country for p in doc._.bw_places if p.lat is not None}
    assert names.get("Obrenovac") == "SRB"
    assert names.get("Serbia") == "SRB"
    place = _event_place(doc, "drove")
    assert place is not None and place.name == "Obrenovac"


def test_a_comma_entity_is_split_only_when_every_part_is_a_place(full_nlp):
    from brinkwatch.extract.places import PlaceResolver
    from brinkwatch.extract.places_recognise import PlaceOptions
    from brinkwatch.knowledge.places import load_gazetteer

    rec = PlaceResolver(load_gazetteer(), PlaceOptions())
    doc = full_nlp.make_doc("Obrenovac, Serbia and Zorblat, Serbia")
    assert [m.text for m in rec._comma_parts(doc, doc[0:3])] == ["Obrenovac", "Serbia"]
    assert rec._comma_parts(doc, doc[4:7]) == []  # "Zorblat" is no place: leave the entity alone
    assert rec._comma_parts(doc, doc[0:1]) == []  # no comma


def test_the_us_dollar_is_no_place(full_nlp):
    doc = full_nlp("On 27 April 2020, rioters angry at the high US dollar exchange rate clashed with soldiers "
                   "outside the Central Bank in Sidon.")
    assert all(p.country != "USA" for p in doc._.bw_places)
    place = _event_place(doc, "clashed")
    assert place is not None and place.country == "LBN"


def test_bare_washington_in_a_us_story_is_the_capital(full_nlp):
    doc = full_nlp("Officials in Washington said on Monday that Texas and Ohio would get more vaccine.")
    wash = next(p for p in doc._.bw_places if p.text == "Washington")
    assert wash.country == "USA" and abs(wash.lat - 38.9) < 0.2


def test_a_name_called_a_state_is_the_state(full_nlp):
    doc = full_nlp("The cow came from a Washington state farm. Another case was found in the state of Washington.")
    for wash in (p for p in doc._.bw_places if p.text == "Washington"):
        assert wash.precision == "admin1" and wash.lat > 45


def test_a_town_beats_a_country_attached_alike(full_nlp):
    doc = full_nlp("On 8 May 2020, protesters from the movement against the government in Lebanon "
                   "demonstrated at the main square in Baalbek against rising prices.")
    place = _event_place(doc, "demonstrated")
    assert place is not None and place.name == "Baalbek"


def test_a_quarter_of_a_town_does_not_displace_the_town(full_nlp):
    doc = full_nlp("On 1 May 2020, in Tijuana, Baja California, a woman was found dead in Colonia Centenario.")
    place = _event_place(doc, "found")
    assert place is not None and place.name == "Tijuana"
