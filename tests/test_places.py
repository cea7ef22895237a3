"""Places: gazetteer, recognition, resolution, event_place and the toponym scorer.

Texts are fictional sentences written for these tests.
"""

from __future__ import annotations

import json

import pytest

from brinkwatch.errors import EvaluationError, KnowledgeFileError
from brinkwatch.evaluate import toponyms
from brinkwatch.knowledge.places import _add_own_file, _Builder, distance_km, load_gazetteer, name_key


@pytest.fixture(scope="module")
def places_nlp():
    from brinkwatch.extract import load_nlp

    return load_nlp(components=["bw_places"])


def _places(nlp, text):
    return nlp(text)._.bw_places


def test_name_key_strips_accents_case_and_article():
    assert name_key("the Bahía  de Caráquez") == "bahia de caraquez"
    assert name_key("U.S.") == name_key("U.S")


def test_gazetteer_lists_primary_names_before_alternates():
    cands = load_gazetteer().lookup("Caracas")
    assert cands[0].primary and cands[0].entry.country == "VEN"
    assert any(not c.primary and c.entry.country == "ECU" for c in cands)


def test_caracas_is_venezuelas_capital(places_nlp):
    (place,) = [p for p in _places(places_nlp, "Officials met in Caracas on Monday.") if p.text == "Caracas"]
    assert place.country == "VEN"
    assert place.precision == "point"
    assert distance_km(place.lat, place.lon, 10.49, -66.88) < 20


def test_adjacent_state_picks_springfield_illinois(places_nlp):
    places = _places(places_nlp, "Flooding hit Springfield, Illinois, on Monday.")
    springfield = next(p for p in places if p.text == "Springfield")
    assert springfield.country == "USA" and springfield.admin1 == "Illinois"
    assert next(p for p in places if p.text == "Illinois").precision == "admin1"


def test_demonyms_and_organisations_are_not_places(places_nlp):
    places = _places(places_nlp, "Venezuelan officials praised the Bank of America report.")
    assert [p.text for p in places] == []


def test_an_organisation_coordinated_with_another_is_not_a_place(places_nlp):
    places = _places(places_nlp, "Venezuela revoked the landing rights of carriers including American Airlines "
                                 "and Delta, accusing them of aligning with the U.S.")
    assert "Delta" not in [p.text for p in places]
    places = _places(places_nlp, "Talks between Caracas and Washington resumed.")
    assert [p.country for p in places] == ["VEN", "USA"]


def test_seas_and_disputed_regions_come_from_our_data(places_nlp):
    places = _places(places_nlp, "Tankers waited in the Strait of Hormuz while troops massed near Essequibo.")
    by_text = {p.text: p for p in places}
    assert by_text["Strait of Hormuz"].precision == "sea"
    assert by_text["Strait of Hormuz"].geonameid is None
    assert by_text["Essequibo"].country == "GUY"


def test_event_place_picks_the_locative_not_the_actor(places_nlp):
    from brinkwatch.extract.places import event_place

    doc = places_nlp("Venezuela said American warships struck a boat in the Caribbean.")
    sent = next(doc.sents)
    struck = next(t for t in doc if t.text == "struck")
    assert event_place(doc, sent, struck).name == "Caribbean Sea"
    doc = places_nlp("Venezuela condemned Colombia.")
    sent = next(doc.sents)
    assert event_place(doc, sent, next(t for t in doc if t.text == "condemned")) is None


def test_bad_place_file_raises_knowledge_error(tmp_path):
    bad = tmp_path / "places_bad.json"
    bad.write_text(json.dumps({"places": [{"name": "Nowhere", "lat": "north"}]}), encoding="utf-8")
    with pytest.raises(KnowledgeFileError) as err:
        _add_own_file(_Builder(), bad)
    assert err.value.code == "BW-K001"


def test_distance_km():
    assert distance_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.5)


# --- scorer ----------------------------------------------------------------------------------
GOLD = [{"id": "a", "text": "x" * 40, "toponyms": [
    {"start": 0, "end": 5, "text": "xxxxx", "lat": 10.0, "lon": 10.0, "geonameid": 1},
    {"start": 10, "end": 15, "text": "xxxxx", "lat": 0.0, "lon": 0.0, "geonameid": 2},
    {"start": 20, "end": 25, "text": "xxxxx", "lat": 50.0, "lon": 50.0, "geonameid": None}]}]
PRED = [{"id": "a", "toponyms": [
    {"start": 0, "end": 5, "lat": 10.5, "lon": 10.0, "geonameid": 1},  # exact, 56 km off
    {"start": 11, "end": 15, "lat": 20.0, "lon": 0.0, "geonameid": 3},  # overlap only, 2224 km off
    {"start": 30, "end": 33, "lat": None, "lon": None, "geonameid": None}]}]  # spurious


def test_toponym_score_known_answer():
    s = toponyms.score(GOLD, PRED)
    assert s["recognition"]["exact"]["tp"] == 1
    assert s["recognition"]["overlap"]["precision"] == pytest.approx(2 / 3)
    assert s["recognition"]["overlap"]["recall"] == pytest.approx(2 / 3)
    assert s["resolution"]["accuracy_161km"] == pytest.approx(0.5)
    assert s["resolution"]["geonameid_accuracy"] == pytest.approx(0.5)
    assert s["resolution"]["median_error_km"] == pytest.approx((55.6 + 2223.9) / 2, rel=0.01)
    assert "acc@161km 0.500" in toponyms.format_report(s)


def test_toponym_score_rejects_unrelated_predictions():
    with pytest.raises(EvaluationError):
        toponyms.score(GOLD, [{"id": "other", "toponyms": []}])


def test_annotate_records_fills_toponyms(places_nlp):
    out = list(toponyms.annotate_records([{"id": "r", "text": "Flights to Caracas resumed.", "toponyms": []}],
                                         places_nlp))
    (top,) = out[0]["toponyms"]
    assert top["text"] == "Caracas" and top["geonameid"] and top["lat"] is not None


def test_a_town_near_the_other_towns_named_wins_over_a_bigger_namesake(places_nlp):
    # the Canadian city is far bigger, but the story's other towns lie around Cairns
    text = ("Police searched homes in Cairns and Yarrabah on Monday. A man from Edmonton "
            "was arrested later that day.")
    edmonton = next(p for p in _places(places_nlp, text) if p.text == "Edmonton")
    assert edmonton.country == "AUS"
    alone = next(p for p in _places(places_nlp, "A man from Edmonton was arrested.") if p.text == "Edmonton")
    assert alone.country == "CAN"


def test_a_major_city_of_a_named_country_is_not_outvoted_by_a_nearby_namesake(places_nlp):
    text = ("GEORGETOWN, Ky. - A doctor from Georgetown is on a trip in France. "
            "A gunman opened fire in Paris on Thursday.")
    paris = next(p for p in _places(places_nlp, text) if p.text == "Paris")
    assert paris.country == "FRA"


def test_a_name_the_model_cut_short_is_widened_to_the_gazetteer_name(places_nlp):
    places = _places(places_nlp, "Workers went on strike in Tarn Taran city (Punjab) on Monday.")
    assert ("Tarn Taran", "IND") in [(p.text, p.country) for p in places]
    places = _places(places_nlp, "Two bodies were found in Catole do Rocha, Paraiba, on Sunday.")
    assert ("Catole do Rocha", "BRA") in [(p.text, p.country) for p in places]


def test_a_place_opened_by_a_lowercase_arabic_article_is_a_place_after_in(places_nlp):
    places = _places(places_nlp, "Gunmen killed two civilians in al Bab in Aleppo on Friday.")
    assert "SYR" in [p.country for p in places if p.text == "al Bab"]
