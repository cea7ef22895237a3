"""The bw_actors component on fictional sentences: one test per kind of mention."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from brinkwatch.extract import load_nlp
from brinkwatch.extract.actors import actor_for_span, actors_in_token_subtree
from brinkwatch.model import Actor


@pytest.fixture(scope="module")
def actors_nlp():
    return load_nlp(components=["bw_actors"])


def run(nlp, text: str, dct: str | None = "2025-11-30"):  # noqa: ANN001, ANN201
    doc = nlp.make_doc(text)
    doc._.bw_dct = dct
    return nlp(doc)


def find(doc, text: str) -> Actor:  # noqa: ANN001
    hits = [a for a in doc._.bw_actors if a.text == text]
    assert hits, f"no actor {text!r} in {[a.text for a in doc._.bw_actors]}"
    return hits[0]


def test_title_and_country_join_a_known_person(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "U.S. President Donald Trump warned the government on Sunday.")
    trump = find(doc, "U.S. President Donald Trump")
    assert (trump.country, trump.sector, trump.kind, trump.method) == ("USA", "GOV", "person", "knowledge")
    assert trump.knowledge_id == "donald-trump" and doc.text[trump.start : trump.end] == trump.text
    assert not any(a.text == "U.S." for a in doc._.bw_actors)


def test_title_codes_an_unknown_person(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "Venezuelan Defense Minister Ramon Ortelano inspected the base on Friday.")
    a = [x for x in doc._.bw_actors if "Ortelano" in x.text][0]
    assert a.country == "VEN" and a.sector == "GOV" and a.method == "title"


def test_metonyms_stand_for_governments(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "The White House rejected the offer, and Caracas said the Kremlin had been consulted.")
    assert (find(doc, "White House").country, find(doc, "White House").sector) == ("USA", "GOV")
    caracas = find(doc, "Caracas")
    assert (caracas.country, caracas.sector, caracas.method) == ("VEN", "GOV", "metonym")
    assert find(doc, "the Kremlin").country == "RUS"


def test_capital_as_a_location_has_no_sector(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "Thousands marched in Caracas on Saturday.")
    assert find(doc, "Caracas").sector is None


def test_demonym_and_country_modifiers_code_the_sector_noun(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "U.S. warships sailed past as Venezuelan troops and Colombian police watched.")
    assert (find(doc, "U.S. warships").country, find(doc, "U.S. warships").sector) == ("USA", "MIL")
    assert (find(doc, "Venezuelan troops").country, find(doc, "Venezuelan troops").sector) == ("VEN", "MIL")
    assert (find(doc, "Colombian police").country, find(doc, "Colombian police").sector) == ("COL", "COP")


def test_possessive_and_of_phrases(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "Belarus's rulers met the president of Venezuela in a hotel.")
    assert (find(doc, "Belarus's rulers").country, find(doc, "Belarus's rulers").sector) == ("BLR", "GOV")
    pres = find(doc, "president of Venezuela")
    assert (pres.country, pres.sector) == ("VEN", "GOV")


def test_compound_actor_gives_one_actor_per_country(actors_nlp) -> None:  # noqa: ANN001
    text = "Senior Hungarian and Romanian officials agreed on a plan."
    doc = run(actors_nlp, text)
    start = text.index("Senior")
    found = actor_for_span(doc, start, text.index(" agreed"))
    assert [(a.country, a.sector) for a in found] == [("HUN", "GOV"), ("ROU", "GOV")]


def test_descriptions_without_country(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "The opposition leader said armed civilian collectives attacked protesters.")
    assert find(doc, "opposition leader").sector == "OPP"
    assert find(doc, "armed civilian collectives").sector == "UAF"
    protesters = find(doc, "protesters")
    assert protesters.sector == "CVL" and protesters.country is None and protesters.method == "description"


def test_organisations(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "NATO and the United Nations asked UN peacekeepers to stay.")
    assert find(doc, "NATO").country == "IGO"
    un = find(doc, "United Nations")
    assert un.country == "IGO" and un.knowledge_id == "UNO" and un.kind == "organisation"
    assert (find(doc, "UN peacekeepers").country, find(doc, "UN peacekeepers").sector) == ("IGO", "MIL")


def test_pronoun_and_definite_description_coreference(actors_nlp) -> None:  # noqa: ANN001
    text = ("Nicolás Maduro spoke to supporters on Monday. He said the regime would not fall. "
            "Later the president thanked the army.")
    doc = run(actors_nlp, text)
    he = find(doc, "He")
    assert (he.country, he.method, he.knowledge_id) == ("VEN", "coref", "nicolas-maduro")
    regime = find(doc, "regime")
    assert (regime.country, regime.sector, regime.method) == ("VEN", "GOV", "coref")
    president = find(doc, "president")
    assert president.knowledge_id == "nicolas-maduro"


def test_group_pronoun_and_surname(actors_nlp) -> None:  # noqa: ANN001
    text = "Defense Minister Vladimir Padrino López met Brazilian officials. They praised Padrino."
    doc = run(actors_nlp, text)
    assert find(doc, "They").country == "BRA"
    assert find(doc, "Padrino").knowledge_id == "vladimir-padrino-lopez"


def test_role_depends_on_the_article_date(actors_nlp) -> None:  # noqa: ANN001
    text = "Marco Rubio spoke to reporters on Tuesday."
    before = find(run(actors_nlp, text, "2019-05-01"), "Marco Rubio")
    after = find(run(actors_nlp, text, "2025-05-01"), "Marco Rubio")
    undated = find(run(actors_nlp, text, None), "Marco Rubio")
    assert (before.sector, before.role) == ("LEG", "U.S. Senator")
    assert (after.sector, after.role) == ("GOV", "Secretary of State")
    assert undated.role == "Secretary of State"
    out_of_office = find(run(actors_nlp, "Donald Trump spoke on Tuesday.", "2023-03-01"), "Donald Trump")
    assert out_of_office.sector == "ELI" and out_of_office.role.startswith("former")


def test_unknown_person_is_kept_without_country(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "Emily Hartwell visited the harbour on Monday.")
    a = find(doc, "Emily Hartwell")
    assert a.kind == "person" and a.country is None and a.method == "ner"


def test_user_knowledge_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({
        "countries": [{"code": "FRD", "name": "Freedonia", "demonyms": ["Freedonian", "Freedonians"]}],
        "people": [{"id": "rufus-firefly", "name": "Rufus T. Firefly", "names": ["Firefly"],
                    "roles": [{"title": "Leader of Freedonia", "country": "FRD", "sector": "GOV",
                               "start": "1933-01-01", "end": None}]}],
    }), encoding="utf-8")
    from brinkwatch.config import ExtractOptions

    nlp = load_nlp(ExtractOptions(knowledge_files=(str(path),)), components=["bw_actors"])
    doc = run(nlp, "Firefly ordered Freedonian troops to the border.", "1934-02-01")
    assert (find(doc, "Firefly").country, find(doc, "Firefly").knowledge_id) == ("FRD", "rufus-firefly")
    assert (find(doc, "Freedonian troops").country, find(doc, "Freedonian troops").sector) == ("FRD", "MIL")


def test_actors_in_token_subtree_head_most_first(actors_nlp) -> None:  # noqa: ANN001
    doc = run(actors_nlp, "Officials of the Venezuelan government condemned the strike.")
    verb = [t for t in doc if t.lemma_ == "condemn"][0]
    subj = [t for t in verb.children if t.dep_ == "nsubj"][0]
    found = actors_in_token_subtree(doc, subj)
    assert found and found[0].country == "VEN"
    assert all(a.start < verb.idx for a in found)
    obj_start = doc.text.index("the strike")
    assert actor_for_span(doc, obj_start, obj_start + len("the strike")) == []
